"""Phone callbacks (R13–R15): the caller's worklist, the phone script, completing a callback with
its evaluation and triggers, unreachable attempts, due and overdue.

A callback stays open (pending, or unreachable after `UNREACHABLE_AFTER` failed attempts) until
completed; an unreachable callback can still be completed when the customer is reached later.
"""

from dataclasses import dataclass
from datetime import datetime

from peewee import IntegrityError

from desk_app.errors import PermissionDenied, ValidationError
from desk_app.i18n import current_language, label, t
from desk_app.models import (
    Callback,
    CallbackAttempt,
    CallbackPlan,
    Evaluation,
    Team,
    Ticket,
    User,
)
from desk_app.models.base import LONG_TEXT
from desk_app.models.enums import CallbackState, ComplaintSource, rating_at_or_below
from desk_app.services import audit, records, settings
from desk_app.services.actor import Actor
from desk_app.services.evaluations import (
    already_evaluated_message,
    callback_scale,
    check_rating,
    is_dissatisfied,
    is_manager,
    points_of,
    scale_codes,
)
from desk_app.services.permissions import Permission, require
from desk_app.services.validation import clean_text

#: After this many failed attempts a callback shows as unreachable (it can still be completed).
UNREACHABLE_AFTER = 3


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now()).replace(microsecond=0)


@dataclass(frozen=True)
class CallbackRow:
    id: int
    ticket_id: int
    ticket_number: str
    reporter_name: str
    reporter_phone: str
    unit_name: str
    technician_id: int | None
    technician_name: str
    team_id: int | None
    team_name: str
    closed_at: datetime | None
    caller_id: int | None
    caller_name: str
    caller_kind: str  # EvaluationKind.DISPATCHER / MANAGER
    state: str  # CallbackState
    due_at: datetime
    overdue: bool
    attempts: int
    rating: str
    completed_at: datetime | None
    plan_date: object  # date | None
    version: int


@dataclass(frozen=True)
class AttemptRow:
    at: datetime
    username: str
    note: str


@dataclass(frozen=True)
class CallbackScript:
    """Everything the caller needs on screen during the call (R14)."""

    callback_id: int
    version: int
    state: str
    caller_kind: str
    due_at: datetime
    overdue: bool
    ticket_number: str
    reporter_name: str
    reporter_phone: str
    reporter_location: str
    unit_name: str
    reported_at: datetime | None
    description: str
    cause: str
    resolution: str
    technician_name: str
    team_name: str
    closed_at: datetime | None
    scale: str  # 'three' / 'five'
    rating_options: tuple[str, ...]  # rating codes, best first; none preselected (R14a)
    comment_threshold: str  # a comment is required at or below this rating
    questions: tuple[str, ...]  # the phone script, in the current language
    attempts: tuple[AttemptRow, ...]


@dataclass(frozen=True)
class CallbackOutcome:
    callback: CallbackRow
    evaluation_id: int
    points: int
    revisit_form_id: int | None = None
    revisit_form_number: str = ""
    complaint_id: int | None = None
    complaint_number: str = ""


def is_overdue(due_at: datetime | None, state: str, now: datetime | None = None) -> bool:
    """R13: an open callback past its due time."""
    return due_at is not None and state != CallbackState.DONE.value and _now(now) > due_at


def callback_rows(query, now: datetime | None = None) -> list[CallbackRow]:
    """Rows for a query of Callback records (names looked up once)."""
    callbacks = list(query)
    moment = _now(now)
    tickets = {tk.id: tk for tk in Ticket.select().where(Ticket.id.in_([c.ticket_id for c in callbacks]))}
    users = {u.id: u.full_name for u in User.select(User.id, User.full_name)}
    teams = {tm.id: tm.name for tm in Team.select(Team.id, Team.name)}
    plans = {p.id: p.plan_date for p in CallbackPlan.select(CallbackPlan.id, CallbackPlan.plan_date)
             .where(CallbackPlan.id.in_({c.plan_id for c in callbacks if c.plan_id}))}
    rows = []
    for cb in callbacks:
        tk = tickets[cb.ticket_id]
        unit = tk.unit.name if tk.unit_id else ""
        rows.append(CallbackRow(
            cb.id, tk.id, tk.number, tk.reporter_name, tk.reporter_phone, unit, tk.assignee_id,
            users.get(tk.assignee_id, ""), tk.team_id, teams.get(tk.team_id, ""), tk.closed_at, cb.caller_id,
            users.get(cb.caller_id, ""), cb.caller_kind, cb.state, cb.due_at,
            is_overdue(cb.due_at, cb.state, moment), cb.attempts, cb.rating, cb.completed_at,
            plans.get(cb.plan_id), cb.version))
    return rows


def my_worklist(actor: Actor, include_done: bool = False, now: datetime | None = None) -> list[CallbackRow]:
    """The actor's own callbacks, soonest due first (open ones only unless `include_done`)."""
    require(actor, Permission.DO_CALLBACK)
    query = Callback.select().where(Callback.caller == actor.id)
    if not include_done:
        query = query.where(Callback.state != CallbackState.DONE.value)
    return callback_rows(query.order_by(Callback.due_at, Callback.id), now)


def all_callbacks(actor: Actor, *, plan_date=None, state: str | None = None, caller_id: int | None = None,
                  overdue_only: bool = False, include_done: bool = True,
                  now: datetime | None = None) -> list[CallbackRow]:
    """Everyone's callbacks (the dispatcher's and manager's overview); needs VIEW_ALL_RESULTS."""
    require(actor, Permission.VIEW_ALL_RESULTS)
    query = Callback.select()
    if plan_date is not None:
        query = query.join(CallbackPlan).where(CallbackPlan.plan_date == plan_date)
    if state:
        query = query.where(Callback.state == state)
    if not include_done or overdue_only:
        query = query.where(Callback.state != CallbackState.DONE.value)
    if caller_id is not None:
        query = query.where(Callback.caller == caller_id)
    if overdue_only:
        query = query.where(Callback.due_at < _now(now))
    return callback_rows(query.order_by(Callback.due_at, Callback.id), now)


def _load(callback_id: int) -> Callback:
    return records.load(Callback, callback_id)  # type: ignore[return-value]


def _check_caller(actor: Actor, cb: Callback) -> None:
    require(actor, Permission.DO_CALLBACK)
    if cb.caller_id != actor.id and not is_manager(actor):
        caller = User.get_or_none(User.id == cb.caller_id)
        raise PermissionDenied(t("This callback is assigned to {name}.", name=caller.full_name if caller else "?"))


def attempt_log(callback_id: int) -> list[AttemptRow]:
    query = CallbackAttempt.select().where(CallbackAttempt.callback == callback_id).order_by(CallbackAttempt.at,
                                                                                             CallbackAttempt.id)
    users = {u.id: u.username for u in User.select(User.id, User.username)}
    return [AttemptRow(a.at, users.get(a.user_id, ""), a.note) for a in query]


def _questions(scale: str) -> tuple[str, ...]:
    sep = "、" if current_language() == "zh_CN" else ", "
    options = sep.join(label(code) for code in scale_codes(scale))
    return (
        t("Hello, our repair centre answers a fault report within 1 hour. Did our technician contact you within "
          "1 hour of your report to confirm the fault?"),
        t("Were you satisfied with our technician's service attitude during the repair? Was anything said "
          "impolitely?"),
        t("Is the device or system working again now?"),
        t("Please rate how this report was handled: {options}. Which do you choose?", options=options),
        t("Do you have any problems or suggestions?"),
    )


def callback_script(callback_id: int, now: datetime | None = None) -> CallbackScript:
    """The phone script and ticket facts for one callback (R14)."""
    cb = _load(callback_id)
    tk = cb.ticket
    tech = User.get_or_none(User.id == tk.assignee_id) if tk.assignee_id else None
    team = Team.get_or_none(Team.id == tk.team_id) if tk.team_id else None
    scale = callback_scale()
    return CallbackScript(
        cb.id, cb.version, cb.state, cb.caller_kind, cb.due_at, is_overdue(cb.due_at, cb.state, now), tk.number,
        tk.reporter_name, tk.reporter_phone, tk.reporter_location, tk.unit.name if tk.unit_id else "",
        tk.reported_at, tk.description, tk.cause, tk.resolution, tech.full_name if tech else "",
        team.name if team else "", tk.closed_at, scale, scale_codes(scale),
        str(settings.get("callback.comment_threshold")), _questions(scale), tuple(attempt_log(cb.id)))


def _require_bool(value: object, label_text: str, field: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(t("{field}: choose yes or no.", field=label_text), field=field)
    return value


def complete_callback(actor: Actor, callback_id: int, expected_version: int | None, contacted_within_hour: bool,
                      attitude: str, device_working: bool, rating: str, comment: str = "",
                      now: datetime | None = None) -> CallbackOutcome:
    """R14–R15: record the call, create the evaluation, and open a revisit form / complaint if due.

    No rating is assumed (R14a): `rating` and `attitude` must be chosen from the callback scale; a
    comment is required at or below `callback.comment_threshold`. All of it commits together.
    """
    cb = _load(callback_id)
    _check_caller(actor, cb)
    if cb.state == CallbackState.DONE.value:
        raise ValidationError(t("This callback is already completed."), field="callback")
    scale = callback_scale()
    rating = check_rating(rating, scale, t("Overall rating"), field="rating")
    attitude = check_rating(attitude, scale, t("Service attitude"), field="attitude")
    contacted_within_hour = _require_bool(contacted_within_hour, t("Contacted within 1 hour"),
                                          "contacted_within_hour")
    device_working = _require_bool(device_working, t("Device working now"), "device_working")
    comment = clean_text(comment, t("Problems and suggestions"), max_length=LONG_TEXT, field="comment")
    threshold = str(settings.get("callback.comment_threshold"))
    if rating_at_or_below(rating, threshold) and not comment:
        raise ValidationError(t("Write down the customer's problems and suggestions: a comment is required for "
                                "the rating {rating}.", rating=label(rating)), field="comment")
    ticket = cb.ticket
    if Evaluation.select().where((Evaluation.ticket == ticket.id) & (Evaluation.kind == cb.caller_kind)).exists():
        raise ValidationError(already_evaluated_message(ticket.number, cb.caller_kind), field="callback")
    moment = _now(now)
    points = points_of(rating, scale)
    form = complaint = None
    try:
        with Callback._meta.database.atomic():
            fresh = records.update(actor, cb, expected_version, {
                "state": CallbackState.DONE.value, "contacted_within_hour": contacted_within_hour,
                "attitude": attitude, "device_working": device_working, "rating": rating, "comment": comment,
                "completed_at": moment}, "callback.complete")
            evaluation = Evaluation.create(ticket=ticket.id, kind=cb.caller_kind, evaluator=actor.id, rating=rating,
                                           points=points, comment=comment, callback=cb.id, evaluated_at=moment)
            audit.record(actor, "evaluation.callback", evaluation, after=audit.snapshot(evaluation))
            if is_dissatisfied(rating):
                from desk_app.services import revisits

                form = revisits.create_for_callback(actor, evaluation, fresh, moment)
            if rating_at_or_below(rating, str(settings.get("callback.complaint_threshold"))):
                complaint = _open_complaint(actor, fresh, ticket, comment, moment)
    except IntegrityError as exc:  # the same evaluation saved a moment ago elsewhere
        raise ValidationError(already_evaluated_message(ticket.number, cb.caller_kind), field="callback") from exc
    row = callback_rows(Callback.select().where(Callback.id == cb.id), moment)[0]
    return CallbackOutcome(row, evaluation.id, points, form.id if form else None, form.number if form else "",
                           complaint[0] if complaint else None, complaint[1] if complaint else "")


def _open_complaint(actor: Actor, cb: Callback, ticket: Ticket, comment: str, moment: datetime) -> tuple[int, str]:
    """R15/R20: a complaint with source "callback" (activity 01, recorded), via the complaints service
    so that its rules (numbering TS-YYYYMMDD-NNN, due time, VIP and second-complaint escalation) apply."""
    from desk_app.services import complaints

    description = comment or t("Very dissatisfied callback of ticket {number}.", number=ticket.number)
    detail = complaints.register(actor, complaints.ComplaintInput(
        received_at=moment, source=ComplaintSource.CALLBACK.value, complainant=ticket.reporter_name or "?",
        description=description, complainant_title=ticket.contact.title if ticket.contact_id else "",
        is_vip=bool(ticket.contact_id and ticket.contact.is_vip), unit_id=ticket.unit_id,
        phone=ticket.reporter_phone, ticket_id=ticket.id), callback_id=cb.id)
    return detail.row.id, detail.row.number


def mark_unreachable(actor: Actor, callback_id: int, note: str = "", expected_version: int | None = None,
                     now: datetime | None = None) -> CallbackRow:
    """R13: log a failed call. The callback stays open for a retry; after UNREACHABLE_AFTER attempts
    it shows as unreachable (and can still be completed)."""
    cb = _load(callback_id)
    _check_caller(actor, cb)
    if cb.state == CallbackState.DONE.value:
        raise ValidationError(t("This callback is already completed."), field="callback")
    note = clean_text(note, t("Note"), max_length=2000, field="note")
    moment = _now(now)
    attempts = cb.attempts + 1
    state = CallbackState.UNREACHABLE.value if attempts >= UNREACHABLE_AFTER else CallbackState.PENDING.value
    with Callback._meta.database.atomic():
        records.update(actor, cb, expected_version, {"attempts": attempts, "state": state}, "callback.unreachable")
        CallbackAttempt.create(callback=cb.id, at=moment, user=actor.id, note=note)
    return callback_rows(Callback.select().where(Callback.id == cb.id), moment)[0]


def rating_codes() -> tuple[str, ...]:
    """The ratings a caller may choose now (callback scale setting)."""
    return scale_codes(callback_scale())

