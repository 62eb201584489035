"""Changing tickets (工单): recording (R3) with service-level due times (R5) and repeat reports (R6),
editing, the transitions of R4 (assign, start, escalate, resolve, close with cause and resolution
R7, reopen) and work-log notes.

Every change is one transaction: the ticket row is saved through `records.update` (version
check R42 + audit row R1) and a TicketEvent is written (the work log, R4). The rules live in
`ticket_rules`, the form's checks in `ticket_input`, the read side in `ticket_detail` and
`ticket_list`; the ticket screens reach the list through this module as well.
"""

from datetime import date, datetime

from peewee import IntegrityError, fn

from desk_app.errors import ValidationError
from desk_app.i18n import t
from desk_app.models import Team, Ticket, TicketEvent, User, now
from desk_app.models.base import LONG_TEXT
from desk_app.services import audit, records
from desk_app.services.actor import Actor
from desk_app.services.permissions import Permission, can, require
from desk_app.services.ticket_detail import TicketDetail, get_ticket
from desk_app.services.ticket_input import FIELD_LABELS, TicketInput, clean_input, existing, step_text
from desk_app.services.ticket_list import TicketFilter as TicketFilter
from desk_app.services.ticket_list import TicketRow as TicketRow
from desk_app.services.ticket_list import count_tickets as count_tickets
from desk_app.services.ticket_list import list_tickets as list_tickets
from desk_app.services.ticket_rules import (
    ASSIGNED,
    CLOSED,
    FIRST_RESPONSE_ACTIONS,
    IN_PROGRESS,
    NEW,
    RESOLVED,
    sla_due,
    target_state,
)
from desk_app.services.user_names import user_name
from desk_app.services.validation import naive

NUMBER_PREFIX = "GD"
_NUMBER_ATTEMPTS = 20


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
    TicketEvent.create(ticket=ticket_id, at=at or now(), user=actor.id, kind=kind, from_state=from_state,
                       to_state=to_state, text=text)


def _db():
    return Ticket._meta.database


# --------------------------------------------------------------------------- numbers (R3)


def next_number(day: date) -> str:
    """The next free number GD-YYYYMMDD-NNNN of a reported day: the highest number the day ever
    had (existing tickets and deleted ones, see table ticket_number_used) plus one."""
    prefix = f"{NUMBER_PREFIX}-{day:%Y%m%d}-"
    db = _db()
    highest = (Ticket.select(fn.MAX(fn.substr(Ticket.number, len(prefix) + 1).cast("INTEGER")))
               .where((Ticket.number >= prefix) & (Ticket.number < prefix[:-1] + ".")).scalar())
    used = db.execute_sql(f"SELECT last FROM ticket_number_used WHERE day = {db.param}",
                          (f"{day:%Y%m%d}",)).fetchone()
    n = max(highest or 0, used[0] if used else 0) + 1
    return f"{prefix}{n:04d}"


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


# --------------------------------------------------------------------------- recording and editing


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
        target_state("repeat", original.state)
    if fields["assignee"] is not None and fields["team"] is None:
        fields["team"] = User.get_by_id(fields["assignee"]).team_id
    first_due, resolution_due = sla_due(fields["reported_at"], fields["priority"])
    at = now()
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


def check_edit(actor: Actor, ticket: Ticket | None = None, changes: dict[str, object] | None = None) -> str:
    """Whether the actor may set these fields of the ticket, as `update_ticket` and the undo of a ticket
    edit both ask: PermissionDenied or ValidationError if not, else the state the ticket then has.

    Without a ticket only the permission is checked (before the ticket is read). A changed assignee or
    team is an assignment: the assign permission, and a state that can still be assigned (R4)."""
    _require_any(actor, Permission.TICKET_WORK, Permission.TICKET_CREATE)
    if ticket is None:
        return ""
    if changes and ("assignee" in changes or "team" in changes):
        require(actor, Permission.TICKET_ASSIGN)
        if changes.get("assignee", ticket.assignee_id) is not None:
            return target_state("assign", ticket.state)
    return ticket.state


def update_ticket(actor: Actor, ticket_id: int, expected_version: int | None, data: TicketInput) -> TicketDetail:
    """Save the edited ticket form. Due times follow a changed priority or reported time (R5);
    a changed assignee or team is an assignment (needs the assign permission)."""
    check_edit(actor)
    ticket = _load(ticket_id)
    _check_version(ticket, expected_version)
    fields = clean_input(data)
    changes = {k: v for k, v in fields.items() if _stored(ticket, k) != v}
    if not changes:
        return get_ticket(ticket_id)
    reassigned = "assignee" in changes or "team" in changes
    new_state = check_edit(actor, ticket, changes)
    if "priority" in changes or "reported_at" in changes:
        changes["first_response_due"], changes["resolution_due"] = sla_due(fields["reported_at"], fields["priority"])
    at = now()
    if new_state != ticket.state:
        changes["state"] = new_state
    if reassigned and fields["assignee"] is not None and ticket.first_response_at is None:
        changes["first_response_at"] = at
    with _db().atomic():
        fresh = records.update(actor, ticket, expected_version, changes, "ticket.update")
        edited = [t(FIELD_LABELS[k]) for k in fields if k in changes and k not in ("assignee", "team")]
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
    who = user_name(assignee_id) or "—"
    text = t("Assigned to {who} ({team})", who=who, team=team.name) if team else t("Assigned to {who}", who=who)
    return f"{text}: {note}" if note else text


# --------------------------------------------------------------------------- transitions (R4)


def _change_state(actor: Actor, ticket: Ticket, expected_version: int | None, action: str, to_state: str,
                  changes: dict[str, object], kind: str, text: str,
                  steps: tuple[tuple[str, str], ...] | None = None) -> TicketDetail:
    """Save a transition: the ticket row (version check + audit) and its work-log event(s)."""
    at = now()
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
    to_state = target_state("assign", ticket.state)
    assignee = User.get_or_none(User.id == assignee_id) if assignee_id is not None else None
    if assignee is None:
        raise ValidationError(t("The selected {field} does not exist.", field=t("Assignee")), field="assignee_id")
    if not assignee.active:
        raise ValidationError(t("{name} is disabled and cannot take tickets.", name=assignee.full_name),
                              field="assignee_id")
    team_id = existing(Team, team_id, "team_id", "Team") if team_id is not None else assignee.team_id
    note = step_text(note, "Note", "note", required=False)
    return _change_state(actor, ticket, expected_version, "assign", to_state,
                         {"assignee": assignee.id, "team": team_id}, "assigned",
                         _assigned_text(assignee.id, team_id, note))


def start_work(actor: Actor, ticket_id: int, expected_version: int | None, note: str = "") -> TicketDetail:
    """In progress; records the first response. An unassigned ticket is taken by the actor."""
    require(actor, Permission.TICKET_WORK)
    ticket = _load(ticket_id)
    _check_version(ticket, expected_version)
    to_state = target_state("start", ticket.state)
    note = step_text(note, "Note", "note", required=False)
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
    to_state = target_state(action, ticket.state)
    reason = step_text(reason, "Escalation reason", "reason", max_length=2000)
    changes: dict[str, object] = {}
    if level == "vendor":
        changes["vendor"] = step_text(vendor, "Vendor", "vendor", max_length=200)
        text = t("Escalated to vendor {vendor}: {reason}", vendor=changes["vendor"], reason=reason)
    else:
        text = t("Escalated to L2: {reason}", reason=reason)
    return _change_state(actor, ticket, expected_version, action, to_state, changes, "escalated", text)


def resolve(actor: Actor, ticket_id: int, expected_version: int | None, cause: str, resolution: str) -> TicketDetail:
    """Resolved: the resolution is required, the cause may follow at closing; records the resolution time."""
    require(actor, Permission.TICKET_WORK)
    ticket = _load(ticket_id)
    _check_version(ticket, expected_version)
    to_state = target_state("resolve", ticket.state)
    changes = {"cause": step_text(cause, "Cause analysis", "cause", required=False),
               "resolution": step_text(resolution, "Resolution", "resolution"), "resolved_at": now()}
    return _change_state(actor, ticket, expected_version, "resolve", to_state, changes, "state",
                         changes["resolution"])


def close(actor: Actor, ticket_id: int, expected_version: int | None, cause: str, resolution: str) -> TicketDetail:
    """Close with cause analysis and resolution (R7, both required). A ticket still being worked on is
    resolved and closed in one step."""
    require(actor, Permission.TICKET_WORK)
    ticket = _load(ticket_id)
    _check_version(ticket, expected_version)
    to_state = target_state("close", ticket.state)
    at = now()
    changes: dict[str, object] = {"cause": step_text(cause, "Cause analysis", "cause"),
                                  "resolution": step_text(resolution, "Resolution", "resolution"), "closed_at": at}
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
    target = target_state("reopen", ticket.state, to_state)
    reason = step_text(reason, "Reason", "reason", max_length=2000)
    return _change_state(actor, ticket, expected_version, "reopen", target,
                         {"resolved_at": None, "closed_at": None}, "reopened", reason)


def add_note(actor: Actor, ticket_id: int, text: str) -> TicketDetail:
    """Add a line to the work log. The ticket itself (and its version) stays unchanged."""
    _require_any(actor, Permission.TICKET_WORK, Permission.TICKET_ASSIGN, Permission.TICKET_CREATE)
    ticket = _load(ticket_id)
    text = step_text(text, "Note", "text", max_length=LONG_TEXT)
    with _db().atomic():
        _event(actor, ticket.id, "note", ticket.state, ticket.state, text)
        audit.record(actor, "ticket.note", ticket, after={"note": text})
    return get_ticket(ticket.id)

