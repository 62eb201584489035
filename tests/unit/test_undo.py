"""Undo of the last edit (issue 8, 'where cheap'): field edits only, same user, recent, nobody changed since."""

from datetime import datetime, timedelta

import pytest

from desk_app.errors import ConflictError, ValidationError
from desk_app.models import Ticket
from desk_app.services import ticket_detail, ticket_input, tickets, undo, users


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
