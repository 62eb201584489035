"""The rules of a ticket's life: its states, the one table of allowed transitions (R4) with the
actions' names, and the service-level due times and overdue flags (R5).

Kept apart from the code that changes tickets so the list, the form and the Today screen can
ask "what may happen next" and "is it late" without loading the writing side.
"""

from datetime import datetime, timedelta

from desk_app.errors import ValidationError
from desk_app.i18n import label, t
from desk_app.models.enums import TicketState
from desk_app.services import settings
from desk_app.services.validation import naive

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


def action_label(action: str) -> str:
    return t(ACTION_LABELS.get(action, action))


def allowed_actions(state: str) -> tuple[str, ...]:
    """The actions possible on a ticket in `state` (the permissions of the user are not considered)."""
    return tuple(a for a in ACTIONS if state in TRANSITIONS[a])


def target_state(action: str, state: str, wanted: str | None = None) -> str:
    """The state `action` leads to from `state`, or a ValidationError naming both."""
    targets = TRANSITIONS[action].get(state)
    if not targets or (wanted is not None and wanted not in targets):
        raise ValidationError(
            t("A ticket in state “{state}” cannot do this: {action}.", state=label(state),
              action=action_label(action)),
            field="state",
        )
    return wanted or targets[0]


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


def overdue_flags(state: str, first_response_due: datetime | None, first_response_at: datetime | None,
                  resolution_due: datetime | None, at: datetime) -> tuple[bool, bool]:
    """(response overdue, resolution overdue) of an open ticket at time `at`; a done ticket is never overdue."""
    if state not in OPEN_STATES:
        return False, False
    response = first_response_at is None and first_response_due is not None and first_response_due < at
    resolution = resolution_due is not None and resolution_due < at
    return response, resolution
