"""One ticket as the form shows it (`TicketDetail`): its fields, due times and overdue flags,
repeat links (R6) and the work log (R4). Every change to a ticket returns this view."""

from dataclasses import dataclass
from datetime import datetime

from peewee import JOIN

from desk_app.errors import NotFound
from desk_app.i18n import t
from desk_app.models import CustomerUnit, Team, Ticket, TicketEvent, User, now
from desk_app.services.ticket_input import TicketInput
from desk_app.services.ticket_rules import allowed_actions, overdue_flags
from desk_app.services.user_names import user_name
from desk_app.services.validation import as_datetime


@dataclass(frozen=True)
class TicketEventRow:
    at: datetime
    user_name: str
    kind: str
    from_state: str
    to_state: str
    text: str


@dataclass(frozen=True)
class TicketDetail:
    """Everything the ticket form shows."""

    id: int
    number: str
    state: str
    version: int
    input: TicketInput
    unit_name: str
    team_name: str
    assignee_name: str
    vendor: str
    first_response_due: datetime | None
    first_response_at: datetime | None
    resolution_due: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    cause: str
    resolution: str
    repeat_of_id: int | None
    repeat_of_number: str
    repeat_numbers: tuple[str, ...]
    events: tuple[TicketEventRow, ...]
    allowed_actions: tuple[str, ...]
    # additions to the contract
    response_overdue: bool = False
    resolution_overdue: bool = False
    created_at: datetime | None = None
    created_by_name: str = ""


def _event_rows(ticket_id: int) -> tuple[TicketEventRow, ...]:
    query = (TicketEvent.select(TicketEvent.at, User.full_name, TicketEvent.kind, TicketEvent.from_state,
                                TicketEvent.to_state, TicketEvent.text)
             .join(User, JOIN.LEFT_OUTER, on=(TicketEvent.user == User.id))
             .where(TicketEvent.ticket == ticket_id)
             .order_by(TicketEvent.at, TicketEvent.id))
    return tuple(TicketEventRow(as_datetime(at), name or "", kind, from_state, to_state, text)
                 for at, name, kind, from_state, to_state, text in query.tuples())


def get_ticket(ticket_id: int, now_: datetime | None = None) -> TicketDetail:
    """Everything about one ticket, with its work log."""
    tk = Ticket.get_or_none(Ticket.id == ticket_id)
    if tk is None:
        raise NotFound(t("This record no longer exists."))
    unit = CustomerUnit.get_or_none(CustomerUnit.id == tk.unit_id) if tk.unit_id else None
    team = Team.get_or_none(Team.id == tk.team_id) if tk.team_id else None
    original = Ticket.get_or_none(Ticket.id == tk.repeat_of_id) if tk.repeat_of_id else None
    repeats = tuple(n for (n,) in Ticket.select(Ticket.number).where(Ticket.repeat_of == tk.id)
                    .order_by(Ticket.reported_at, Ticket.id).tuples())
    data = TicketInput(channel=tk.channel, reported_at=tk.reported_at, reporter_name=tk.reporter_name,
                       reporter_phone=tk.reporter_phone, reporter_location=tk.reporter_location,
                       unit_id=tk.unit_id, category=tk.category, description=tk.description,
                       environment=tk.environment, required_by=tk.required_by, priority=tk.priority,
                       team_id=tk.team_id, assignee_id=tk.assignee_id)
    response_overdue, resolution_overdue = overdue_flags(tk.state, tk.first_response_due, tk.first_response_at,
                                                         tk.resolution_due, now_ or now())
    return TicketDetail(
        id=tk.id, number=tk.number, state=tk.state, version=tk.version, input=data,
        unit_name=unit.name if unit else "", team_name=team.name if team else "",
        assignee_name=user_name(tk.assignee_id), vendor=tk.vendor,
        first_response_due=tk.first_response_due, first_response_at=tk.first_response_at,
        resolution_due=tk.resolution_due, resolved_at=tk.resolved_at, closed_at=tk.closed_at,
        cause=tk.cause, resolution=tk.resolution,
        repeat_of_id=tk.repeat_of_id, repeat_of_number=original.number if original else "",
        repeat_numbers=repeats, events=_event_rows(tk.id), allowed_actions=allowed_actions(tk.state),
        response_overdue=response_overdue, resolution_overdue=resolution_overdue,
        created_at=tk.created_at, created_by_name=user_name(tk.created_by_id),
    )
