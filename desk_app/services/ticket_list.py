"""The ticket list: filtered, sorted and paged in SQL (`TicketFilter` in, `TicketRow` out),
with the free-text search of `services.search`. Never loads all rows, so it stays fast on a
large desk."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from peewee import JOIN, Case, fn

from desk_app.errors import ValidationError
from desk_app.i18n import t
from desk_app.models import CustomerUnit, Team, Ticket, User
from desk_app.models import now as model_now
from desk_app.models.base import on_postgres
from desk_app.services import search
from desk_app.services.ticket_rules import ALL_STATES, OPEN_STATES, STATE_ORDER, overdue_flags
from desk_app.services.validation import as_datetime, naive


@dataclass(frozen=True)
class TicketFilter:
    states: tuple[str, ...] = ()  # TicketState codes; () = all
    team_id: int | None = None
    assignee_id: int | None = None  # technician
    unit_id: int | None = None
    reported_from: date | None = None  # inclusive
    reported_to: date | None = None  # inclusive
    overdue_only: bool = False  # first response or resolution past due and not done
    mine_user_id: int | None = None  # assignee == this user OR created_by == this user
    text: str = ""  # free text: number, reporter, description, resolution


@dataclass(frozen=True)
class TicketRow:
    """One line of the ticket list."""

    id: int
    number: str
    state: str
    priority: str
    channel: str
    reported_at: datetime
    reporter_name: str
    unit_name: str
    category: str
    summary: str  # first 80 characters of the description
    team_name: str
    assignee_name: str
    first_response_due: datetime | None
    first_response_at: datetime | None
    resolution_due: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    response_overdue: bool  # computed against `now`
    resolution_overdue: bool
    version: int


SORT_KEYS = ("number", "state", "priority", "reported_at", "reporter_name", "unit_name", "category",
             "team_name", "assignee_name", "resolution_due", "closed_at")

_Unit = CustomerUnit.alias("u")
_Team = Team.alias("tm")
_Assignee = User.alias("a")

_STATE_RANK = Case(Ticket.state, [(s, i) for i, s in enumerate(STATE_ORDER)], len(STATE_ORDER))


_INDEXED_SORTS = frozenset({"number", "reported_at", "resolution_due", "closed_at"})
_PROBE_ABOVE = 1000


def _sort_expression(sort: str):
    if sort not in SORT_KEYS:
        raise ValidationError(t("{field} has the wrong form.", field=t("Sort order")), field="sort")
    return {
        "number": Ticket.number,
        "state": _STATE_RANK,
        "priority": Ticket.priority,
        "reported_at": Ticket.reported_at,
        "reporter_name": Ticket.reporter_name,
        "unit_name": _Unit.name,
        "category": Ticket.category,
        "team_name": _Team.name,
        "assignee_name": _Assignee.full_name,
        "resolution_due": Ticket.resolution_due,
        "closed_at": Ticket.closed_at,
    }[sort]


def _conditions(f: TicketFilter, at: datetime, probe: bool = False) -> list:
    """The WHERE conditions of a filter; all on ticket columns, so counting needs no join."""
    conditions = []
    if f.states:
        unknown = [s for s in f.states if s not in ALL_STATES]
        if unknown:
            raise ValidationError(t("{field} has the wrong form.", field=t("State")), field="states")
        conditions.append(Ticket.state == f.states[0] if len(f.states) == 1 else Ticket.state.in_(list(f.states)))
    if f.team_id is not None:
        conditions.append(Ticket.team == f.team_id)
    if f.assignee_id is not None:
        conditions.append(Ticket.assignee == f.assignee_id)
    if f.unit_id is not None:
        conditions.append(Ticket.unit == f.unit_id)
    if f.reported_from is not None:
        conditions.append(Ticket.reported_at >= datetime.combine(f.reported_from, datetime.min.time()))
    if f.reported_to is not None:
        conditions.append(Ticket.reported_at < datetime.combine(f.reported_to + timedelta(days=1),
                                                                datetime.min.time()))
    if f.mine_user_id is not None:
        conditions.append((Ticket.assignee == f.mine_user_id) | (Ticket.created_by == f.mine_user_id))
    if f.overdue_only:
        conditions.append(Ticket.state.in_(list(OPEN_STATES)))
        conditions.append((Ticket.first_response_at.is_null() & (Ticket.first_response_due < at))
                          | (Ticket.resolution_due < at))
    text_condition = search.ticket_condition(f.text, probe=probe)
    if text_condition is not None:
        conditions.append(text_condition)
    return conditions


def _where(query, conditions: list):
    for condition in conditions:
        query = query.where(condition)
    return query


def count_tickets(f: TicketFilter, now: datetime | None = None) -> int:
    """How many tickets match the filter (counted in SQL; a text-only filter straight from the index)."""
    if f.text.strip() and f == TicketFilter(text=f.text):
        counted = search.count_ticket_matches(f.text)
        if counted is not None:
            return counted
    at = naive(now) if now else model_now()
    return _where(Ticket.select(fn.COUNT(Ticket.id)), _conditions(f, at)).scalar() or 0


def list_tickets(f: TicketFilter, sort: str = "reported_at", descending: bool = True, offset: int = 0,
                 limit: int = 200, now: datetime | None = None) -> list[TicketRow]:
    """One page of the ticket list: filtered, sorted and paged in SQL (never loads all rows)."""
    at = naive(now) if now else model_now()
    key = _sort_expression(sort)
    # Empty values first going up, last going down: SQLite's order, asked of PostgreSQL explicitly.
    nulls = on_postgres() and (sort in {"unit_name", "team_name", "assignee_name"} or getattr(key, "null", False))
    if descending:
        order = [key.desc(nulls="last") if nulls else key.desc(), Ticket.id.desc()]
    else:
        order = [key.asc(nulls="first") if nulls else key.asc(), Ticket.id.asc()]
    # The page's ids first, from the narrow indexes alone (a deep OFFSET skips index entries, not
    # joined rows); then the columns of those 200 rows only.
    # Many text matches and an indexed sort: walk that index and probe the matches (see search).
    probe = sort in _INDEXED_SORTS and (search.index_matches(f.text) or 0) > _PROBE_ABOVE
    page = _where(Ticket.select(Ticket.id), _conditions(f, at, probe))
    joined = {"unit_name": (_Unit, Ticket.unit), "team_name": (_Team, Ticket.team),
              "assignee_name": (_Assignee, Ticket.assignee)}.get(sort)
    if joined is not None:
        page = page.join_from(Ticket, joined[0], JOIN.LEFT_OUTER, on=(joined[1] == joined[0].id))
    page = page.order_by(*order).limit(max(0, int(limit))).offset(max(0, int(offset)))
    query = (Ticket.select(Ticket.id, Ticket.number, Ticket.state, Ticket.priority, Ticket.channel,
                           Ticket.reported_at, Ticket.reporter_name, _Unit.name, Ticket.category,
                           fn.substr(Ticket.description, 1, 80), _Team.name, _Assignee.full_name,
                           Ticket.first_response_due, Ticket.first_response_at, Ticket.resolution_due,
                           Ticket.resolved_at, Ticket.closed_at, Ticket.version)
             .join_from(Ticket, _Unit, JOIN.LEFT_OUTER, on=(Ticket.unit == _Unit.id))
             .join_from(Ticket, _Team, JOIN.LEFT_OUTER, on=(Ticket.team == _Team.id))
             .join_from(Ticket, _Assignee, JOIN.LEFT_OUTER, on=(Ticket.assignee == _Assignee.id)))
    query = query.where(Ticket.id.in_(page)).order_by(*order)
    rows = []
    # Raw cursor: the stored times are ISO text; datetime.fromisoformat is much faster than peewee's parsing.
    cursor = Ticket._meta.database.execute(query)
    for (tid, number, state, priority, channel, reported_at, reporter, unit_name, category, summary, team_name,
         assignee_name, fr_due, fr_at, res_due, resolved_at, closed_at, version) in cursor:
        fr_due, fr_at, res_due = as_datetime(fr_due), as_datetime(fr_at), as_datetime(res_due)
        response_overdue, resolution_overdue = overdue_flags(state, fr_due, fr_at, res_due, at)
        rows.append(TicketRow(
            id=tid, number=number, state=state, priority=priority, channel=channel,
            reported_at=as_datetime(reported_at), reporter_name=reporter, unit_name=unit_name or "", category=category,
            summary=" ".join((summary or "").split()), team_name=team_name or "", assignee_name=assignee_name or "",
            first_response_due=fr_due, first_response_at=fr_at, resolution_due=res_due,
            resolved_at=as_datetime(resolved_at), closed_at=as_datetime(closed_at),
            response_overdue=response_overdue, resolution_overdue=resolution_overdue, version=version))
    return rows
