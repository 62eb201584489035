"""Dissatisfaction revisit forms (R17–R19), due dates before the meeting, projects, meeting pack (R18a)."""

import itertools
from datetime import date, datetime
from types import SimpleNamespace

import pytest

from desk_app.errors import ConflictError, PermissionDenied, ValidationError
from desk_app.models import Evaluation, ImprovementProject, Meeting, Team, Ticket, User
from desk_app.models.enums import Role
from desk_app.services import callbacks, revisits, settings
from desk_app.services.sampling import plan_callbacks

_seq = itertools.count(1)


def _ticket(team: Team, tech: User, closed_at: datetime = datetime(2026, 10, 19, 10, 0)) -> Ticket:
    n = next(_seq)
    return Ticket.create(number=f"GD-{closed_at:%Y%m%d}-{n:04d}", reported_at=closed_at,
                         reporter_name=f"报修人{n}", reporter_phone=f"1360000{n:04d}", description="投影仪不亮",
                         state="closed", closed_at=closed_at, assignee=tech, team=team)


@pytest.fixture
def w(db, make_user):
    lead = make_user(Role.TEAM_LEAD, team="一班", name="一班工长")
    lead2 = make_user(Role.TEAM_LEAD, team="二班", name="二班工长")
    dispatcher = make_user(Role.DISPATCHER, name="调度")
    manager = make_user(Role.MANAGER, name="经理")
    boss = make_user(Role.ADMIN)
    team = Team.get(Team.name == "一班")
    tech = User.create(username="tech-a", full_name="维修工甲", roles="technician", team=team)
    ticket = _ticket(team, tech)
    cb = plan_callbacks(manager, date(2026, 10, 20)).callbacks[0]
    outcome = callbacks.complete_callback(dispatcher, cb.id, cb.version, False, "basic", True, "dissatisfied",
                                          "响应太慢", now=datetime(2026, 10, 20, 11, 0))
    return SimpleNamespace(lead=lead, lead2=lead2, dispatcher=dispatcher, manager=manager, boss=boss, team=team,
                           tech=tech, ticket=ticket, form_id=outcome.revisit_form_id,
                           evaluation_id=outcome.evaluation_id)


def _fill(w, version=None, **overrides):
    fields = dict(revisit_notes="10月22日上门回访，客户反映等待时间长",
                  corrective_measures="接单后15分钟内电话联系客户",
                  dissatisfaction_types=["response_speed", "other"], dissatisfaction_other="未告知到场时间")
    fields.update(overrides)
    form = revisits.get_form(w.lead, w.form_id)
    return revisits.save_form(w.lead, w.form_id, form.version if version is None else version, **fields)


# --------------------------------------------------------------------------------- dates


def test_meeting_dates(db):
    assert revisits.meeting_date_for("2026-10") == date(2026, 11, 5)  # Thursday
    assert revisits.meeting_date_for("2026-09") == date(2026, 10, 5)  # Monday
    assert revisits.meeting_date_for("2026-11") == date(2026, 12, 7)  # 5 Dec is a Saturday → Monday 7th
    assert revisits.meeting_date_for("2026-12") == date(2027, 1, 5)  # across the year
    Meeting.create(month="2026-10", meeting_date=date(2026, 11, 10))
    assert revisits.meeting_date_for("2026-10") == date(2026, 11, 10)  # a scheduled meeting decides


def test_due_dates(db, make_user):
    # closed in October, meeting Thu 2026-11-05 → due Wed 2026-11-04
    assert revisits.revisit_due_date(date(2026, 10, 19), date(2026, 10, 20)) == date(2026, 11, 4)
    # the form is made too late for that meeting → November's meeting Mon 2026-12-07 → due Fri 2026-12-04
    assert revisits.revisit_due_date(date(2026, 10, 30), date(2026, 11, 5)) == date(2026, 12, 4)
    boss = make_user(Role.ADMIN)
    settings.set_many(boss, {"meeting.day": 2})
    # meeting Mon 2026-11-02 → the working day before is Fri 2026-10-30
    assert revisits.revisit_due_date(date(2026, 10, 19), date(2026, 10, 20)) == date(2026, 10, 30)


# --------------------------------------------------------------------------------- lists and permissions


def test_who_sees_which_forms(w, make_user):
    assert [f.id for f in revisits.list_forms(w.lead)] == [w.form_id]
    assert revisits.list_forms(w.lead2) == []
    assert [f.id for f in revisits.list_forms(w.manager)] == [w.form_id]
    assert [f.id for f in revisits.list_forms(w.dispatcher)] == [w.form_id]
    assert revisits.list_forms(w.manager, month="2026-09") == []
    with pytest.raises(PermissionDenied):
        revisits.list_forms(make_user(Role.TECHNICIAN))
    with pytest.raises(PermissionDenied):
        revisits.get_form(w.lead2, w.form_id)
    row = revisits.get_form(w.lead, w.form_id, today=date(2026, 10, 25))
    assert (row.team_lead_name, row.team_name, row.rating, row.customer_problems) == (
        "一班工长", "一班", "dissatisfied", "响应太慢")
    assert row.dissatisfaction_types == ("response_speed",)
    assert row.due_date == date(2026, 11, 4)
    assert row.overdue is False
    assert revisits.list_forms(w.lead, today=date(2026, 11, 5))[0].overdue is True


def test_save_every_field(w):
    row = _fill(w, reporter_location="图书馆2楼", reporter_phone="13600009999", callback_person="调度（复核）",
                callback_at=datetime(2026, 10, 20, 11, 5), customer_problems="希望提前告知到场时间",
                reporter_name="刘老师", reported_at=datetime(2026, 10, 19, 7, 55))
    assert row.revisit_notes.startswith("10月22日")
    assert row.corrective_measures == "接单后15分钟内电话联系客户"
    assert row.dissatisfaction_types == ("response_speed", "other")
    assert row.dissatisfaction_other == "未告知到场时间"
    assert (row.reporter_name, row.reporter_location, row.reporter_phone) == ("刘老师", "图书馆2楼", "13600009999")
    assert (row.callback_person, row.callback_at) == ("调度（复核）", datetime(2026, 10, 20, 11, 5))
    assert row.reported_at == datetime(2026, 10, 19, 7, 55)
    assert row.customer_problems == "希望提前告知到场时间"


def test_save_checks(w):
    with pytest.raises(ValidationError):
        _fill(w, dissatisfaction_types=["speed"])
    with pytest.raises(ValidationError) as err:
        _fill(w, dissatisfaction_other="")
    assert err.value.field == "dissatisfaction_other"
    with pytest.raises(PermissionDenied):
        revisits.save_form(w.lead2, w.form_id, None, revisit_notes="x")
    with pytest.raises(ConflictError):
        _fill(w, version=0)


def test_submit(w):
    form = revisits.get_form(w.lead, w.form_id)
    with pytest.raises(ValidationError) as err:
        revisits.submit_form(w.lead, w.form_id, form.version)
    assert err.value.field == "revisit_notes"
    row = _fill(w)
    submitted = revisits.submit_form(w.lead, w.form_id, row.version, now=datetime(2026, 10, 23, 9, 0))
    assert (submitted.state, submitted.submitted_at) == ("submitted", datetime(2026, 10, 23, 9, 0))
    with pytest.raises(ValidationError):
        revisits.submit_form(w.lead, w.form_id, submitted.version)


# --------------------------------------------------------------------------------- projects and meeting


def test_to_improvement_project_and_meeting_decision(w):
    row = _fill(w)
    with pytest.raises(PermissionDenied):
        revisits.to_improvement_project(w.lead2, w.form_id)
    ref = revisits.to_improvement_project(w.lead, w.form_id)
    project = ImprovementProject.get_by_id(ref.id)
    assert ref.number == project.number and project.number.startswith(f"GS-{date.today().year}-")
    assert (project.source, project.revisit_form_id, project.owner_id) == ("revisit", w.form_id, w.lead.id)
    assert project.initial_measure == "接单后15分钟内电话联系客户"
    assert project.problem == "响应太慢"
    assert revisits.to_improvement_project(w.manager, w.form_id) == ref  # one project per form
    assert revisits.get_form(w.lead, w.form_id).project_numbers == (ref.number,)

    with pytest.raises(PermissionDenied):
        revisits.record_meeting_decision(w.lead, w.form_id, row.version, date(2026, 11, 5), "接单15分钟内联系")
    with pytest.raises(ValidationError):
        revisits.record_meeting_decision(w.manager, w.form_id, row.version, date(2026, 11, 5), " ")
    decided = revisits.record_meeting_decision(w.manager, w.form_id, row.version, date(2026, 11, 5),
                                               "接单15分钟内联系，并告知到场时间")
    assert (decided.state, decided.meeting_date, decided.agreed_measure) == (
        "discussed", date(2026, 11, 5), "接单15分钟内联系，并告知到场时间")
    project = ImprovementProject.get_by_id(ref.id)
    assert (project.state, project.meeting_date, project.agreed_measure) == (
        "agreed", date(2026, 11, 5), "接单15分钟内联系，并告知到场时间")
    with pytest.raises(ValidationError, match="discussed"):
        revisits.save_form(w.lead, w.form_id, decided.version, revisit_notes="改")


def test_meeting_pack(w):
    _fill(w)
    ref = revisits.to_improvement_project(w.lead, w.form_id)
    # a dissatisfied self-evaluation (internal) with its corrective note, a satisfied one, and September's
    other = _ticket(w.team, w.tech, datetime(2026, 10, 21, 9, 0))
    Evaluation.create(ticket=other, kind="self", rating="dissatisfied", points=6, corrective_note="补充原因分析",
                      evaluator=w.lead.id)
    fine = _ticket(w.team, w.tech, datetime(2026, 10, 22, 9, 0))
    Evaluation.create(ticket=fine, kind="self", rating="satisfied", points=10)
    september = _ticket(w.team, w.tech, datetime(2026, 9, 30, 9, 0))
    Evaluation.create(ticket=september, kind="self", rating="dissatisfied", points=6, corrective_note="x")

    pack = revisits.meeting_pack("2026-10")
    assert pack.meeting_date == date(2026, 11, 5)
    assert [(i.evaluation.ticket_id, i.evaluation.kind) for i in pack.items] == [
        (w.ticket.id, "dispatcher"), (other.id, "self")]
    first, second = pack.items
    assert (first.revisit_form_id, first.corrective_measures, first.project_numbers) == (
        w.form_id, "接单后15分钟内电话联系客户", (ref.number,))
    assert first.revisit_form_number.startswith("HF-20261020-")
    assert (second.revisit_form_id, second.corrective_measures) == (None, "补充原因分析")
    assert [(p.number, p.state, p.revisit_form_number) for p in pack.projects] == [
        (ref.number, "proposed", first.revisit_form_number)]
