"""Undo of the last edit (issue 8, 'where cheap'): field edits only, same user, recent, nobody changed since."""

from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest

from desk_app.errors import ConflictError, PermissionDenied, ValidationError
from desk_app.models import (
    AuditLog,
    Complaint,
    CustomerUnit,
    ImprovementProject,
    KnowledgeArticle,
    RevisitForm,
    Team,
    Ticket,
    User,
)
from desk_app.services import (
    complaints,
    improvement,
    knowledge,
    revisits,
    ticket_detail,
    ticket_input,
    tickets,
    undo,
    users,
)
from desk_app.services.actor import Actor


def _ticket(actor) -> ticket_detail.TicketDetail:
    return tickets.create_ticket(actor, ticket_input.TicketInput(
        channel="hotline", reported_at=datetime.now() - timedelta(hours=1), reporter_name="张三",
        description="打印机卡纸", priority="P3"))


def _edit(actor, detail, **changes) -> ticket_detail.TicketDetail:
    data = detail.input.__class__(**{**detail.input.__dict__, **changes})
    return tickets.update_ticket(actor, detail.id, detail.version, data)


def test_undo_puts_back_the_edited_fields(db, make_user):
    agent = make_user("agent")
    detail = _ticket(agent)
    old_due = Ticket.get_by_id(detail.id).resolution_due
    detail = _edit(agent, detail, description="打印机卡纸，型号 HP M404", priority="P1")
    assert Ticket.get_by_id(detail.id).resolution_due != old_due  # the SLA followed the priority
    offer = undo.last_undoable(agent)
    assert offer is not None and offer.action == "ticket.update" and offer.entity_id == detail.id
    assert {"description", "priority"} <= set(offer.fields)
    undo.undo(agent, offer.audit_id)
    stored = Ticket.get_by_id(detail.id)
    assert stored.description == "打印机卡纸" and stored.priority == "P3" and stored.resolution_due == old_due
    assert undo.last_undoable(agent) is None  # undone once; nothing more to undo
    with pytest.raises(ValidationError):
        undo.undo(agent, offer.audit_id)


def test_no_undo_after_someone_else_changed_the_same_fields(db, make_user):
    agent, other = make_user("agent"), make_user("agent", name="李四")
    detail = _edit(agent, _ticket(agent), description="第一次修改")
    _edit(other, ticket_detail.get_ticket(detail.id), description="别人又改了")
    offer = undo.last_undoable(agent)
    with pytest.raises(ConflictError) as info:
        undo.undo(agent, offer.audit_id)
    assert info.value.changed_by == other.username
    assert Ticket.get_by_id(detail.id).description == "别人又改了"


def test_only_own_recent_field_edits_are_offered(db, make_user, admin):
    agent = make_user("agent")
    detail = _edit(agent, _ticket(agent), description="改过")
    assert undo.last_undoable(admin) is None  # someone else's edit is not yours to undo
    assert undo.last_undoable(agent, at=datetime.now() + undo.UNDO_WINDOW + timedelta(minutes=1)) is None
    tickets.start_work(agent, detail.id, detail.version)  # a state change is not offered …
    offer = undo.last_undoable(agent)
    assert offer.action == "ticket.update"  # … the field edit before it still is
    users.save_unit(admin, "财政局")
    assert undo.last_undoable(admin) is None  # creating a record is not an undoable edit


def test_the_offer_names_the_record_and_what_changed(db, make_user):
    agent = make_user("agent")
    detail = _edit(agent, _ticket(agent), description="改过")
    offer = undo.last_undoable(agent)
    assert offer.record == detail.number and offer.kind == "ticket" and "description" in offer.fields


# --------------------------------------------------------------------------------- an undo is a new edit
# At undo time the edit service's own check runs again (role, team, the record's state): refused, the
# undo raises the error the same edit would raise now, and nothing changes.


def _as_now(actor: Actor, roles: str | None = None, team: str | None = None) -> Actor:
    """The same user after an administrator changed their roles or team (and they signed in again)."""
    user = User.get_by_id(actor.id)
    if roles is not None:
        user.roles = roles
    if team is not None:
        user.team = Team.get_or_create(name=team)[0]
    user.save()
    return Actor.from_user(User.get_by_id(actor.id))


def _refused_like_the_edit(actor: Actor, offer: undo.UndoOffer, error: type[Exception], edit) -> str:
    """Undo is refused with exactly the error the edit itself raises; no undo is recorded or offered."""
    with pytest.raises(error) as refused_edit:
        edit()
    with pytest.raises(error) as refused_undo:
        undo.undo(actor, offer.audit_id)
    assert str(refused_undo.value) == str(refused_edit.value)
    assert not AuditLog.select().where(AuditLog.action.in_(["undo", "undo.apply"])).exists()
    assert undo.last_undoable(actor) is None  # the Edit menu does not offer it either
    return str(refused_undo.value)


def test_ticket_undo_needs_the_rights_to_edit_tickets(db, make_user):
    agent = make_user("agent")
    detail = _edit(agent, _ticket(agent), description="改过")
    offer = undo.last_undoable(agent)
    quality = _as_now(agent, roles="quality")
    message = _refused_like_the_edit(quality, offer, PermissionDenied, lambda: _edit(
        quality, ticket_detail.get_ticket(detail.id), description="打印机卡纸"))
    assert "work on tickets" in message
    assert Ticket.get_by_id(detail.id).description == "改过"


def test_undoing_a_reassignment_is_an_assignment(db, make_user):
    agent = make_user("agent", team="一班")
    first, second = make_user("technician", team="一班"), make_user("technician", team="一班")
    other = _edit(agent, _ticket(agent), description="另一张工单")
    detail = tickets.assign(agent, _ticket(agent).id, None, first.id)
    detail = _edit(agent, detail, assignee_id=second.id)
    offer = undo.last_undoable(agent)
    assert offer.entity_id == detail.id and "assignee" in offer.fields
    technician = _as_now(agent, roles="technician")  # may still edit tickets, no longer assign them
    message = _refused_like_the_edit(technician, offer, PermissionDenied, lambda: _edit(
        technician, ticket_detail.get_ticket(detail.id), assignee_id=first.id))
    assert "assign tickets" in message
    assert Ticket.get_by_id(detail.id).assignee_id == second.id
    assert Ticket.get_by_id(other.id).description == "另一张工单"  # the older edit is not offered instead


def test_no_reassignment_undone_on_a_resolved_ticket(db, make_user):
    agent = make_user("agent", team="一班")
    first, second = make_user("technician", team="一班"), make_user("technician", team="一班")
    detail = tickets.assign(agent, _ticket(agent).id, None, first.id)
    detail = _edit(agent, detail, assignee_id=second.id)
    offer = undo.last_undoable(agent)
    detail = tickets.resolve(second, detail.id, detail.version, "", "更换硒鼓")
    message = _refused_like_the_edit(agent, offer, ValidationError,
                                     lambda: _edit(agent, ticket_detail.get_ticket(detail.id), assignee_id=first.id))
    assert "Resolved" in message
    stored = Ticket.get_by_id(detail.id)
    assert stored.assignee_id == second.id and stored.state == "resolved"


def _complaint(actor: Actor) -> complaints.ComplaintDetail:
    return complaints.register(actor, complaints.ComplaintInput(
        received_at=datetime.now() - timedelta(hours=1), source="phone", complainant="王五", description="维修太慢"))


def test_complaint_findings_undo_needs_the_right_to_handle_complaints(db, make_user):
    agent = make_user("agent")
    c = _complaint(agent)
    c = complaints.record_findings(agent, c.row.id, c.row.version, "响应流程缺少提醒")
    offer = undo.last_undoable(agent)
    dispatcher = _as_now(agent, roles="dispatcher")  # may record complaints, not handle them
    _refused_like_the_edit(dispatcher, offer, PermissionDenied,
                           lambda: complaints.record_findings(dispatcher, c.row.id, c.row.version, ""))
    assert Complaint.get_by_id(c.row.id).findings == "响应流程缺少提醒"


def test_complaint_findings_may_change_after_closing_so_their_undo_too(db, make_user):
    agent = make_user("agent")
    c = _complaint(agent)
    c = complaints.record_findings(agent, c.row.id, c.row.version, "客户误解了服务时间")
    offer = undo.last_undoable(agent)
    c = complaints.accept(agent, c.row.id, c.row.version)
    c = complaints.decide_validity(agent, c.row.id, c.row.version, False, "不在服务范围", customer_told=True)
    assert c.row.state == "invalid"
    undo.undo(agent, offer.audit_id)  # R23a: findings at any time
    assert Complaint.get_by_id(c.row.id).findings == ""


def test_improvement_undo_needs_the_right_to_edit_projects(db, make_user):
    quality = make_user("quality")
    p = improvement.create_project(quality, "回访不及时")
    p = improvement.update_project(quality, p.id, p.version, "回访不及时（一班）", "", None)
    offer = undo.last_undoable(quality)
    agent = _as_now(quality, roles="agent")
    _refused_like_the_edit(agent, offer, PermissionDenied,
                           lambda: improvement.update_project(agent, p.id, p.version, "回访不及时", "", None))
    assert ImprovementProject.get_by_id(p.id).problem == "回访不及时（一班）"
    undo.undo(quality, offer.audit_id)  # with the role the undo goes through
    assert ImprovementProject.get_by_id(p.id).problem == "回访不及时"


def test_knowledge_undo_needs_the_right_to_edit_articles(db, make_user):
    agent = make_user("agent")
    a = knowledge.save_article(agent, "打印机卡纸", "卡纸", "搓纸轮老化", "更换搓纸轮")
    a = knowledge.save_article(agent, "打印机卡纸", "卡纸", "搓纸轮老化", "清洁并更换搓纸轮", a.id, a.version)
    offer = undo.last_undoable(agent)
    dispatcher = _as_now(agent, roles="dispatcher")
    _refused_like_the_edit(dispatcher, offer, PermissionDenied, lambda: knowledge.save_article(
        dispatcher, "打印机卡纸", "卡纸", "搓纸轮老化", "更换搓纸轮", a.id, a.version))
    assert KnowledgeArticle.get_by_id(a.id).solution == "清洁并更换搓纸轮"
    undo.undo(agent, offer.audit_id)
    assert KnowledgeArticle.get_by_id(a.id).solution == "更换搓纸轮"


@pytest.fixture
def form(db, make_user) -> SimpleNamespace:
    """A revisit form of team 一班, its team lead's first edit (notes) and the offer to undo it."""
    lead, manager = make_user("team_lead", team="一班"), make_user("manager")
    team = Team.get(Team.name == "一班")
    row = RevisitForm.create(number="HF-20261020-001", ticket=_ticket(make_user("agent")).id, team=team,
                             team_lead=lead.id, due_date=date.today() + timedelta(days=7),
                             dissatisfaction_types="response_speed")
    saved = revisits.save_form(lead, row.id, row.version, revisit_notes="已上门回访")
    return SimpleNamespace(lead=lead, manager=manager, id=row.id, offer=undo.last_undoable(lead), saved=saved)


def _notes(form_id: int) -> str:
    return RevisitForm.get_by_id(form_id).revisit_notes


def test_revisit_undo_puts_the_notes_back(form):
    undo.undo(form.lead, form.offer.audit_id)
    assert _notes(form.id) == ""


def test_no_revisit_undo_after_the_meeting_discussed_the_form(form):
    f = revisits.record_meeting_decision(form.manager, form.id, None, date.today(), "加强回访")
    message = _refused_like_the_edit(form.lead, form.offer, ValidationError,
                                     lambda: revisits.save_form(form.lead, form.id, f.version, revisit_notes=""))
    assert "discussed at the meeting" in message
    assert _notes(form.id) == "已上门回访"


def test_revisit_undo_only_by_a_team_lead_of_the_forms_team(form):
    moved = _as_now(form.lead, team="二班")
    message = _refused_like_the_edit(moved, form.offer, PermissionDenied, lambda: revisits.save_form(
        moved, form.id, form.saved.version, revisit_notes=""))
    assert "team lead" in message
    technician = _as_now(form.lead, roles="technician", team="一班")
    message = _refused_like_the_edit(technician, form.offer, PermissionDenied, lambda: revisits.save_form(
        technician, form.id, form.saved.version, revisit_notes=""))
    assert "fill revisit forms" in message
    assert _notes(form.id) == "已上门回访"


def test_revisit_undo_keeps_the_other_dissatisfaction_described(form):
    f = revisits.save_form(form.lead, form.id, form.saved.version, dissatisfaction_other="未告知到场时间")
    offer = undo.last_undoable(form.lead)
    f = revisits.save_form(form.manager, form.id, f.version, dissatisfaction_types=["response_speed", "other"])
    _refused_like_the_edit(form.lead, offer, ValidationError, lambda: revisits.save_form(
        form.lead, form.id, f.version, dissatisfaction_other=""))
    assert RevisitForm.get_by_id(form.id).dissatisfaction_other == "未告知到场时间"


def test_team_undo_needs_the_right_and_a_free_name(db, admin):
    team = users.save_team(admin, "一班")
    team = users.save_team(admin, "运维一班", team_id=team.id, expected_version=team.version)
    offer = undo.last_undoable(admin)
    manager = _as_now(admin, roles="manager")
    _refused_like_the_edit(manager, offer, PermissionDenied, lambda: users.save_team(
        manager, "一班", team_id=team.id, expected_version=team.version))
    users.save_team(admin, "一班")  # a new team took the old name meanwhile
    message = _refused_like_the_edit(admin, offer, ValidationError, lambda: users.save_team(
        admin, "一班", team_id=team.id, expected_version=team.version))
    assert "already exists" in message
    assert Team.get_by_id(team.id).name == "运维一班"


def test_unit_undo_needs_the_right_and_a_free_name(db, make_user):
    manager = make_user("manager")
    unit = users.save_unit(manager, "财政局")
    unit = users.save_unit(manager, "市财政局", unit_id=unit.id, expected_version=unit.version)
    offer = undo.last_undoable(manager)
    agent = _as_now(manager, roles="agent")
    _refused_like_the_edit(agent, offer, PermissionDenied, lambda: users.save_unit(
        agent, "财政局", unit_id=unit.id, expected_version=unit.version))
    other = users.save_unit(manager, "财政局")
    message = _refused_like_the_edit(manager, offer, ValidationError, lambda: users.save_unit(
        manager, "财政局", unit_id=unit.id, expected_version=unit.version))
    assert "already exists" in message
    users.save_unit(make_user("manager"), "区财政局", unit_id=other.id, expected_version=other.version)
    undo.undo(manager, offer.audit_id)  # the name is free again
    assert CustomerUnit.get_by_id(unit.id).name == "财政局"
