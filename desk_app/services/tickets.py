"""Tickets (工单): recording, the state machine (R4), service levels (R5), repeat reports (R6),
closing with cause and resolution (R7), and the paged ticket list with search.

Every change is one transaction: the ticket row is saved through `records.update` (version
check R42 + audit row R1) and a TicketEvent is written (the work log, R4).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from peewee import JOIN, Case, IntegrityError, fn

from desk_app.i18n import label, t
from desk_app.models import CustomerUnit, Team, Ticket, TicketEvent, User, now
from desk_app.models.base import on_postgres
from desk_app.models.enums import Channel, Priority, TicketState
from desk_app.services import audit, records, search, settings
from desk_app.services.auth import Actor
from desk_app.services.errors import NotFound, ValidationError
from desk_app.services.permissions import Permission, can, require
from desk_app.services.validation import LONG_TEXT, clean_datetime, clean_text, naive

_S = TicketState
NEW, ASSIGNED, IN_PROGRESS = _S.NEW.value, _S.ASSIGNED.value, _S.IN_PROGRESS.value
ESCALATED_L2, ESCALATED_VENDOR = _S.ESCALATED_L2.value, _S.ESCALATED_VENDOR.value
RESOLVED, CLOSED = _S.RESOLVED.value, _S.CLOSED.value
STATE_ORDER: tuple[str, ...] = tuple(s.value for s in TicketState)
OPEN_STATES: tuple[str, ...] = (NEW, ASSIGNED, IN_PROGRESS, ESCALATED_L2, ESCALATED_VENDOR)
ALL_STATES: tuple[str, ...] = STATE_ORDER

#: R4, the one table of allowed transitions: action → {from state: allowed target states}.
#: The first target is the default; only "reopen" offers a choice (in progress or assigned).
TRANSITIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "assign": {NEW: (ASSIGNED,), ASSIGNED: (ASSIGNED,), IN_PROGRESS: (IN_PROGRESS,),
               ESCALATED_L2: (ESCALATED_L2,), ESCALATED_VENDOR: (ESCALATED_VENDOR,)},
    "start": {NEW: (IN_PROGRESS,), ASSIGNED: (IN_PROGRESS,)},
    "escalate_l2": {ASSIGNED: (ESCALATED_L2,), IN_PROGRESS: (ESCALATED_L2,)},
    "escalate_vendor": {ASSIGNED: (ESCALATED_VENDOR,), IN_PROGRESS: (ESCALATED_VENDOR,),
                        ESCALATED_L2: (ESCALATED_VENDOR,)},
    "resolve": {ASSIGNED: (RESOLVED,), IN_PROGRESS: (RESOLVED,), ESCALATED_L2: (RESOLVED,),
                ESCALATED_VENDOR: (RESOLVED,)},
    "close": {ASSIGNED: (CLOSED,), IN_PROGRESS: (CLOSED,), ESCALATED_L2: (CLOSED,), ESCALATED_VENDOR: (CLOSED,),
              RESOLVED: (CLOSED,)},
    "reopen": {CLOSED: (IN_PROGRESS, ASSIGNED), RESOLVED: (IN_PROGRESS, ASSIGNED)},
    "note": {s: (s,) for s in ALL_STATES},
    "repeat": {RESOLVED: (RESOLVED,), CLOSED: (CLOSED,)},
}
ACTIONS: tuple[str, ...] = tuple(TRANSITIONS)

#: English names of the actions (translated with t()), for messages and buttons.
ACTION_LABELS: dict[str, str] = {
    "assign": "Assign",
    "start": "Start work",
    "escalate_l2": "Escalate to L2",
    "escalate_vendor": "Escalate to vendor",
    "resolve": "Resolve",
    "close": "Close",
    "reopen": "Reopen",
    "note": "Add note",
    "repeat": "Repeat report",
}

#: The actions that count as the first response (R5) when none was recorded yet.
FIRST_RESPONSE_ACTIONS = frozenset({"assign", "start", "escalate_l2", "escalate_vendor", "resolve", "close"})

CLOCK_SKEW = timedelta(minutes=5)
NUMBER_PREFIX = "GD"
_NUMBER_ATTEMPTS = 20


# --------------------------------------------------------------------------- rows


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


@dataclass(frozen=True)
class TicketInput:
    """The ticket form."""

    channel: str
    reported_at: datetime
    reporter_name: str
    reporter_phone: str = ""
    reporter_location: str = ""
    unit_id: int | None = None
    category: str = ""
    description: str = ""
    environment: str = ""
    required_by: datetime | None = None
    priority: str = Priority.P3.value
    team_id: int | None = None
    assignee_id: int | None = None


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


# --------------------------------------------------------------------------- helpers


def _now() -> datetime:
    return now()


def _dt(value: object) -> datetime | None:
    """A stored time (text, or already a datetime) as a datetime."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def action_label(action: str) -> str:
    return t(ACTION_LABELS.get(action, action))


def allowed_actions(state: str) -> tuple[str, ...]:
    """The actions possible on a ticket in `state` (the permissions of the user are not considered)."""
    return tuple(a for a in ACTIONS if state in TRANSITIONS[a])


def _target(action: str, state: str, wanted: str | None = None) -> str:
    """The state `action` leads to from `state`, or a ValidationError naming both."""
    targets = TRANSITIONS[action].get(state)
    if not targets or (wanted is not None and wanted not in targets):
        raise ValidationError(
            t("A ticket in state “{state}” cannot do this: {action}.", state=label(state),
              action=action_label(action)),
            field="state",
        )
    return wanted or targets[0]


def _require_any(actor: Actor, *permissions: Permission) -> None:
    if not any(can(actor, p) for p in permissions):
        require(actor, permissions[0])  # raises with the first permission's name


def _load(ticket_id: int) -> Ticket:
    return records.load(Ticket, ticket_id)


def _check_version(ticket: Ticket, expected_version: int | None) -> None:
    """Refuse early (before the state checks) when someone else saved the ticket meanwhile (R42)."""
    if expected_version is not None and ticket.version != expected_version:
        raise records.conflict(ticket)


def _event(actor: Actor, ticket_id: int, kind: str, from_state: str = "", to_state: str = "",
           text: str = "", at: datetime | None = None) -> None:
    TicketEvent.create(ticket=ticket_id, at=at or _now(), user=actor.id, kind=kind, from_state=from_state,
                       to_state=to_state, text=text)


def _user_name(user_id: int | None) -> str:
    if not user_id:
        return ""
    user = User.get_or_none(User.id == user_id)
    return user.full_name if user else ""


def _db():
    return Ticket._meta.database


# --------------------------------------------------------------------------- SLA (R5)


def sla_due(reported_at: datetime, priority: str) -> tuple[datetime, datetime]:
    """(first response due, resolution due): reported time plus the hours set per priority (clock hours)."""
    first = settings.get("sla.first_response_hours")
    resolution = settings.get("sla.resolution_hours")
    first_default = settings.SPECS["sla.first_response_hours"].default
    resolution_default = settings.SPECS["sla.resolution_hours"].default
    first_hours = float(first.get(priority, first_default.get(priority, 1)))
    resolution_hours = float(resolution.get(priority, resolution_default.get(priority, 24)))
    reported_at = naive(reported_at)
    return (reported_at + timedelta(hours=first_hours), reported_at + timedelta(hours=resolution_hours))


def _overdue(state: str, first_response_due: datetime | None, first_response_at: datetime | None,
             resolution_due: datetime | None, at: datetime) -> tuple[bool, bool]:
    """(response overdue, resolution overdue) of an open ticket at time `at`; a done ticket is never overdue."""
    if state not in OPEN_STATES:
        return False, False
    response = first_response_at is None and first_response_due is not None and first_response_due < at
    resolution = resolution_due is not None and resolution_due < at
    return response, resolution


# --------------------------------------------------------------------------- numbers (R3)


def next_number(day: date) -> str:
    """The next free number GD-YYYYMMDD-NNNN of a reported day: the highest number the day ever
    had (existing tickets and deleted ones, see table ticket_number_used) plus one."""
    prefix = f"{NUMBER_PREFIX}-{day:%Y%m%d}-"
    db = _db()
    existing = (Ticket.select(fn.MAX(fn.substr(Ticket.number, len(prefix) + 1).cast("INTEGER")))
                .where((Ticket.number >= prefix) & (Ticket.number < prefix[:-1] + ".")).scalar())
    used = db.execute_sql(f"SELECT last FROM ticket_number_used WHERE day = {db.param}",
                          (f"{day:%Y%m%d}",)).fetchone()
    n = max(existing or 0, used[0] if used else 0) + 1
    return f"{prefix}{n:04d}"


# --------------------------------------------------------------------------- validation


def _exists(model, record_id: int | None, field: str, what: str) -> int | None:
    if record_id is None:
        return None
    if isinstance(record_id, str) and record_id.strip().isdigit():
        record_id = int(record_id)
    if isinstance(record_id, bool) or not isinstance(record_id, int) \
            or not model.select().where(model.id == record_id).exists():
        raise ValidationError(t("The selected {field} does not exist.", field=t(what)), field=field)
    return record_id


def clean_input(data: TicketInput, at: datetime | None = None) -> dict[str, object]:
    """The ticket fields of `data`, checked; a ValidationError names the first bad field."""
    if data.channel not in {c.value for c in Channel}:
        raise ValidationError(t("{field} has the wrong form.", field=t("Channel")), field="channel")
    if data.priority not in {p.value for p in Priority}:
        raise ValidationError(t("{field} has the wrong form.", field=t("Priority")), field="priority")
    reported_at = clean_datetime(data.reported_at, t("Reported at"), "reported_at", required=True)
    if reported_at > (at or _now()) + CLOCK_SKEW:
        raise ValidationError(t("{field} cannot be in the future.", field=t("Reported at")), field="reported_at")
    required_by = clean_datetime(data.required_by, t("Required by"), "required_by", required=False)
    if required_by is not None and required_by <= reported_at:
        raise ValidationError(t("{field} must be after the reported time.", field=t("Required by")),
                              field="required_by")
    return {
        "channel": data.channel,
        "reported_at": reported_at,
        "reporter_name": clean_text(data.reporter_name, t("Reporter"), required=True, max_length=100,
                                    field="reporter_name"),
        "reporter_phone": clean_text(data.reporter_phone, t("Reporter phone"), max_length=40, field="reporter_phone"),
        "reporter_location": clean_text(data.reporter_location, t("Reporter location"), field="reporter_location"),
        "unit": _exists(CustomerUnit, data.unit_id, "unit_id", "Customer unit"),
        "category": clean_text(data.category, t("Category"), max_length=100, field="category"),
        "description": clean_text(data.description, t("Fault description"), required=True, max_length=LONG_TEXT,
                                  field="description"),
        "environment": clean_text(data.environment, t("Environment"), max_length=LONG_TEXT, field="environment"),
        "required_by": required_by,
        "priority": data.priority,
        "team": _exists(Team, data.team_id, "team_id", "Team"),
        "assignee": _exists(User, data.assignee_id, "assignee_id", "Assignee"),
    }


def _text(value: str, what: str, field: str, *, required: bool = True, max_length: int = LONG_TEXT) -> str:
    return clean_text(value, t(what), required=required, max_length=max_length, field=field)


# --------------------------------------------------------------------------- reading


def _event_rows(ticket_id: int) -> tuple[TicketEventRow, ...]:
    query = (TicketEvent.select(TicketEvent.at, User.full_name, TicketEvent.kind, TicketEvent.from_state,
                                TicketEvent.to_state, TicketEvent.text)
             .join(User, JOIN.LEFT_OUTER, on=(TicketEvent.user == User.id))
             .where(TicketEvent.ticket == ticket_id)
             .order_by(TicketEvent.at, TicketEvent.id))
    return tuple(TicketEventRow(_dt(at), name or "", kind, from_state, to_state, text)
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
    response_overdue, resolution_overdue = _overdue(tk.state, tk.first_response_due, tk.first_response_at,
                                                    tk.resolution_due, now_ or _now())
    return TicketDetail(
        id=tk.id, number=tk.number, state=tk.state, version=tk.version, input=data,
        unit_name=unit.name if unit else "", team_name=team.name if team else "",
        assignee_name=_user_name(tk.assignee_id), vendor=tk.vendor,
        first_response_due=tk.first_response_due, first_response_at=tk.first_response_at,
        resolution_due=tk.resolution_due, resolved_at=tk.resolved_at, closed_at=tk.closed_at,
        cause=tk.cause, resolution=tk.resolution,
        repeat_of_id=tk.repeat_of_id, repeat_of_number=original.number if original else "",
        repeat_numbers=repeats, events=_event_rows(tk.id), allowed_actions=allowed_actions(tk.state),
        response_overdue=response_overdue, resolution_overdue=resolution_overdue,
        created_at=tk.created_at, created_by_name=_user_name(tk.created_by_id),
    )


# --------------------------------------------------------------------------- the list


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
    at = naive(now) if now else _now()
    return _where(Ticket.select(fn.COUNT(Ticket.id)), _conditions(f, at)).scalar() or 0


def list_tickets(f: TicketFilter, sort: str = "reported_at", descending: bool = True, offset: int = 0,
                 limit: int = 200, now: datetime | None = None) -> list[TicketRow]:
    """One page of the ticket list: filtered, sorted and paged in SQL (never loads all rows)."""
    at = naive(now) if now else _now()
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
    for (tid, number, state, priority, channel, reported_at, reporter, unit_name, category, summary, team_name,
         assignee_name, fr_due, fr_at, res_due, resolved_at, closed_at, version) in _db().execute(query):
        fr_due, fr_at, res_due = _dt(fr_due), _dt(fr_at), _dt(res_due)
        response_overdue, resolution_overdue = _overdue(state, fr_due, fr_at, res_due, at)
        rows.append(TicketRow(
            id=tid, number=number, state=state, priority=priority, channel=channel, reported_at=_dt(reported_at),
            reporter_name=reporter, unit_name=unit_name or "", category=category,
            summary=" ".join((summary or "").split()), team_name=team_name or "", assignee_name=assignee_name or "",
            first_response_due=fr_due, first_response_at=fr_at, resolution_due=res_due,
            resolved_at=_dt(resolved_at), closed_at=_dt(closed_at),
            response_overdue=response_overdue, resolution_overdue=resolution_overdue, version=version))
    return rows


# --------------------------------------------------------------------------- writing


def _insert_ticket(fields: dict[str, object]) -> Ticket:
    """Insert with the next free number of the reported day; retry if another workstation took it."""
    day = fields["reported_at"].date()
    for _ in range(_NUMBER_ATTEMPTS):
        number = next_number(day)
        try:
            with _db().atomic():  # a savepoint: a clash undoes only this insert
                return Ticket.create(number=number, **fields)
        except IntegrityError:
            if not Ticket.select().where(Ticket.number == number).exists():
                raise
    raise ValidationError(t("No free ticket number was found; please try again."), field="number")


def create_ticket(actor: Actor, data: TicketInput, repeat_of_id: int | None = None) -> TicketDetail:
    """Record a new ticket (R3) with its service-level due times (R5).

    With an assignee the ticket starts as assigned (that needs the assign permission, unless the
    actor assigns it to themself). With `repeat_of_id` it is a repeat report (R6).
    """
    require(actor, Permission.TICKET_CREATE)
    fields = clean_input(data)
    if fields["assignee"] is not None and fields["assignee"] != actor.id:
        require(actor, Permission.TICKET_ASSIGN)
    original = None
    if repeat_of_id is not None:
        original = Ticket.get_or_none(Ticket.id == repeat_of_id)
        if original is None:
            raise ValidationError(t("The selected {field} does not exist.", field=t("Original ticket")),
                                  field="repeat_of_id")
        _target("repeat", original.state)
    if fields["assignee"] is not None and fields["team"] is None:
        fields["team"] = User.get_by_id(fields["assignee"]).team_id
    first_due, resolution_due = sla_due(fields["reported_at"], fields["priority"])
    at = _now()
    state = ASSIGNED if fields["assignee"] is not None else NEW
    with _db().atomic():
        ticket = _insert_ticket({
            **fields, "state": state, "first_response_due": first_due, "resolution_due": resolution_due,
            "first_response_at": at if state == ASSIGNED else None, "repeat_of": repeat_of_id,
            "created_by": actor.id, "updated_by": actor.id, "created_at": at, "updated_at": at,
        })
        audit.record(actor, "ticket.create", ticket, after=audit.snapshot(ticket))
        _event(actor, ticket.id, "created", "", NEW, t("Ticket recorded"), at=at)
        if state == ASSIGNED:
            _event(actor, ticket.id, "assigned", NEW, ASSIGNED, _assigned_text(fields["assignee"], fields["team"]),
                   at=at)
        if original is not None:
            _event(actor, ticket.id, "repeat", state, state,
                   t("Repeat report of ticket {number}", number=original.number), at=at)
            _event(actor, original.id, "repeat", original.state, original.state,
                   t("Repeat report recorded: ticket {number}", number=ticket.number), at=at)
            audit.record(actor, "ticket.repeat_reported", original, after={"repeat": ticket.number})
    return get_ticket(ticket.id)


def create_repeat(actor: Actor, original_id: int, data: TicketInput) -> TicketDetail:
    """R6 二次报修: a new ticket for the same fault, linked to the original (events on both)."""
    return create_ticket(actor, data, repeat_of_id=original_id)


_FIELD_LABELS = {
    "channel": "Channel", "reported_at": "Reported at", "reporter_name": "Reporter", "reporter_phone": "Reporter phone",
    "reporter_location": "Reporter location", "unit": "Customer unit", "category": "Category",
    "description": "Fault description", "environment": "Environment", "required_by": "Required by",
    "priority": "Priority", "team": "Team", "assignee": "Assignee",
}


def update_ticket(actor: Actor, ticket_id: int, expected_version: int | None, data: TicketInput) -> TicketDetail:
    """Save the edited ticket form. Due times follow a changed priority or reported time (R5);
    a changed assignee or team is an assignment (needs the assign permission)."""
    _require_any(actor, Permission.TICKET_WORK, Permission.TICKET_CREATE)
    ticket = _load(ticket_id)
    _check_version(ticket, expected_version)
    fields = clean_input(data)
    changes = {k: v for k, v in fields.items() if _stored(ticket, k) != v}
    if not changes:
        return get_ticket(ticket_id)
    reassigned = "assignee" in changes or "team" in changes
    new_state = ticket.state
    if reassigned:
        require(actor, Permission.TICKET_ASSIGN)
        if fields["assignee"] is not None:
            new_state = _target("assign", ticket.state)
    if "priority" in changes or "reported_at" in changes:
        changes["first_response_due"], changes["resolution_due"] = sla_due(fields["reported_at"], fields["priority"])
    at = _now()
    if new_state != ticket.state:
        changes["state"] = new_state
    if reassigned and fields["assignee"] is not None and ticket.first_response_at is None:
        changes["first_response_at"] = at
    with _db().atomic():
        fresh = records.update(actor, ticket, expected_version, changes, "ticket.update")
        edited = [t(_FIELD_LABELS[k]) for k in fields if k in changes and k not in ("assignee", "team")]
        if edited:
            _event(actor, ticket_id, "edited", ticket.state, ticket.state,
                   t("Changed: {fields}", fields=", ".join(edited)), at=at)
        if reassigned:
            _event(actor, ticket_id, "assigned", ticket.state, fresh.state,
                   _assigned_text(fresh.assignee_id, fresh.team_id), at=at)
    return get_ticket(ticket_id)


def _stored(ticket: Ticket, key: str) -> object:
    if key in ("unit", "team", "assignee"):
        return getattr(ticket, f"{key}_id")
    value = getattr(ticket, key)
    return naive(value) if isinstance(value, datetime) else value


def _assigned_text(assignee_id: int | None, team_id: int | None, note: str = "") -> str:
    team = Team.get_or_none(Team.id == team_id) if team_id else None
    who = _user_name(assignee_id) or "—"
    text = t("Assigned to {who} ({team})", who=who, team=team.name) if team else t("Assigned to {who}", who=who)
    return f"{text}: {note}" if note else text


def _change_state(actor: Actor, ticket: Ticket, expected_version: int | None, action: str, to_state: str,
                  changes: dict[str, object], kind: str, text: str,
                  steps: tuple[tuple[str, str], ...] | None = None) -> TicketDetail:
    """Save a transition: the ticket row (version check + audit) and its work-log event(s)."""
    at = _now()
    changes = dict(changes)
    changes["state"] = to_state
    if action in FIRST_RESPONSE_ACTIONS and ticket.first_response_at is None:
        changes["first_response_at"] = at
    with _db().atomic():
        records.update(actor, ticket, expected_version, changes, f"ticket.{action}")
        for from_state, state in steps or ((ticket.state, to_state),):
            _event(actor, ticket.id, kind, from_state, state, text, at=at)
    return get_ticket(ticket.id)


def assign(actor: Actor, ticket_id: int, expected_version: int | None, assignee_id: int,
           team_id: int | None = None, note: str = "") -> TicketDetail:
    """Give the ticket to a technician (and team; by default the technician's team)."""
    require(actor, Permission.TICKET_ASSIGN)
    ticket = _load(ticket_id)
    _check_version(ticket, expected_version)
    to_state = _target("assign", ticket.state)
    assignee = User.get_or_none(User.id == assignee_id) if assignee_id is not None else None
    if assignee is None:
        raise ValidationError(t("The selected {field} does not exist.", field=t("Assignee")), field="assignee_id")
    if not assignee.active:
        raise ValidationError(t("{name} is disabled and cannot take tickets.", name=assignee.full_name),
                              field="assignee_id")
    team_id = _exists(Team, team_id, "team_id", "Team") if team_id is not None else assignee.team_id
    note = _text(note, "Note", "note", required=False)
    return _change_state(actor, ticket, expected_version, "assign", to_state,
                         {"assignee": assignee.id, "team": team_id}, "assigned",
                         _assigned_text(assignee.id, team_id, note))


def start_work(actor: Actor, ticket_id: int, expected_version: int | None, note: str = "") -> TicketDetail:
    """In progress; records the first response. An unassigned ticket is taken by the actor."""
    require(actor, Permission.TICKET_WORK)
    ticket = _load(ticket_id)
    _check_version(ticket, expected_version)
    to_state = _target("start", ticket.state)
    note = _text(note, "Note", "note", required=False)
    changes: dict[str, object] = {}
    if ticket.assignee_id is None:
        changes["assignee"] = actor.id
        if ticket.team_id is None:
            changes["team"] = actor.team_id
    return _change_state(actor, ticket, expected_version, "start", to_state, changes, "state",
                         note or t("Work started"))


def escalate(actor: Actor, ticket_id: int, expected_version: int | None, level: str, reason: str,
             vendor: str = "") -> TicketDetail:
    """Escalate to L2 (level "l2") or to a vendor (level "vendor", vendor name required)."""
    require(actor, Permission.TICKET_WORK)
    if level not in ("l2", "vendor"):
        raise ValidationError(t("{field} has the wrong form.", field=t("Escalation level")), field="level")
    ticket = _load(ticket_id)
    _check_version(ticket, expected_version)
    action = "escalate_l2" if level == "l2" else "escalate_vendor"
    to_state = _target(action, ticket.state)
    reason = _text(reason, "Escalation reason", "reason", max_length=2000)
    changes: dict[str, object] = {}
    if level == "vendor":
        changes["vendor"] = _text(vendor, "Vendor", "vendor", max_length=200)
        text = t("Escalated to vendor {vendor}: {reason}", vendor=changes["vendor"], reason=reason)
    else:
        text = t("Escalated to L2: {reason}", reason=reason)
    return _change_state(actor, ticket, expected_version, action, to_state, changes, "escalated", text)


def resolve(actor: Actor, ticket_id: int, expected_version: int | None, cause: str, resolution: str) -> TicketDetail:
    """Resolved: the resolution is required, the cause may follow at closing; records the resolution time."""
    require(actor, Permission.TICKET_WORK)
    ticket = _load(ticket_id)
    _check_version(ticket, expected_version)
    to_state = _target("resolve", ticket.state)
    changes = {"cause": _text(cause, "Cause analysis", "cause", required=False),
               "resolution": _text(resolution, "Resolution", "resolution"), "resolved_at": _now()}
    return _change_state(actor, ticket, expected_version, "resolve", to_state, changes, "state",
                         changes["resolution"])


def close(actor: Actor, ticket_id: int, expected_version: int | None, cause: str, resolution: str) -> TicketDetail:
    """Close with cause analysis and resolution (R7, both required). A ticket still being worked on is
    resolved and closed in one step."""
    require(actor, Permission.TICKET_WORK)
    ticket = _load(ticket_id)
    _check_version(ticket, expected_version)
    to_state = _target("close", ticket.state)
    at = _now()
    changes: dict[str, object] = {"cause": _text(cause, "Cause analysis", "cause"),
                                  "resolution": _text(resolution, "Resolution", "resolution"), "closed_at": at}
    steps = ((ticket.state, CLOSED),)
    if ticket.state != RESOLVED:
        changes["resolved_at"] = at
        steps = ((ticket.state, RESOLVED), (RESOLVED, CLOSED))
    return _change_state(actor, ticket, expected_version, "close", to_state, changes, "state",
                         t("Cause: {cause}; resolution: {resolution}", cause=changes["cause"],
                           resolution=changes["resolution"]), steps=steps)


def reopen(actor: Actor, ticket_id: int, expected_version: int | None, reason: str,
           to_state: str = IN_PROGRESS) -> TicketDetail:
    """Reopen a closed (or resolved) ticket, to in progress (default) or assigned; the resolution and
    closing times are cleared (they are set again when it is resolved and closed again)."""
    require(actor, Permission.TICKET_WORK)
    ticket = _load(ticket_id)
    _check_version(ticket, expected_version)
    target = _target("reopen", ticket.state, to_state)
    reason = _text(reason, "Reason", "reason", max_length=2000)
    return _change_state(actor, ticket, expected_version, "reopen", target,
                         {"resolved_at": None, "closed_at": None}, "reopened", reason)


def add_note(actor: Actor, ticket_id: int, text: str) -> TicketDetail:
    """Add a line to the work log. The ticket itself (and its version) stays unchanged."""
    _require_any(actor, Permission.TICKET_WORK, Permission.TICKET_ASSIGN, Permission.TICKET_CREATE)
    ticket = _load(ticket_id)
    text = _text(text, "Note", "text", max_length=LONG_TEXT)
    with _db().atomic():
        _event(actor, ticket.id, "note", ticket.state, ticket.state, text)
        audit.record(actor, "ticket.note", ticket, after={"note": text})
    return get_ticket(ticket.id)

