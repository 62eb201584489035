"""Evaluations of closed tickets (§3): the team lead's self-evaluation (R9), rating scales (R8),
the never-twice rule (R12) and who may see which results (R2).

A ticket carries at most one evaluation of each kind (self, dispatcher, manager); the unique
index on (ticket, kind) is the last line of defence, the service says so in words first.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from peewee import IntegrityError, fn

from desk_app.errors import NotFound, PermissionDenied, ValidationError
from desk_app.i18n import N_, t
from desk_app.models import Evaluation, Team, Ticket, User
from desk_app.models.base import LONG_TEXT
from desk_app.models.enums import EvaluationKind, Rating, Role, TicketState, rating_at_or_below
from desk_app.services import audit, settings
from desk_app.services.actor import Actor
from desk_app.services.permissions import Permission, can, require
from desk_app.services.validation import clean_text

THREE = "three"
FIVE = "five"


# ---------------------------------------------------------------------------------------------
# rating scales (R8)


def scale_codes(scale: str = THREE) -> tuple[str, ...]:
    """The rating codes of the three- or five-level scale, best first."""
    return settings.THREE_LEVEL if scale == THREE else settings.FIVE_LEVEL


def callback_scale() -> str:
    """'three' or 'five': the scale callbacks are rated on (setting rating.callback_scale)."""
    return str(settings.get("rating.callback_scale"))


def points_of(rating: str, scale: str = THREE) -> int:
    """The points of `rating` on `scale` as the settings say now (stored on the evaluation)."""
    points = settings.rating_points(scale)
    if rating not in points:
        raise ValidationError(t("Choose a rating."), field="rating")
    return int(points[rating])


def is_dissatisfied(rating: str) -> bool:
    """不满意 or worse."""
    return bool(rating) and rating_at_or_below(rating, Rating.DISSATISFIED)


def check_rating(rating: str | None, scale: str, label: str, field: str = "rating") -> str:
    """The rating code, or ValidationError when none was chosen or it is not on the scale."""
    if not rating:
        raise ValidationError(t("{field}: choose a rating.", field=label), field=field)
    if rating not in scale_codes(scale):
        raise ValidationError(t("{field} has the wrong form.", field=label), field=field)
    return rating


# ---------------------------------------------------------------------------------------------
# helpers shared by the evaluation modules


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """[first moment of the month, first moment of the next month) for 'YYYY-MM'."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", month or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValidationError(t("The month must be written YYYY-MM, e.g. 2026-10."), field="month")
    year, mon = int(match.group(1)), int(match.group(2))
    start = datetime(year, mon, 1)
    end = datetime(year + (mon == 12), mon % 12 + 1, 1)
    return start, end


def is_manager(actor: Actor) -> bool:
    return actor.has_role(Role.MANAGER)


def check_team_lead_of(actor: Actor, team_id: int | None, action: str) -> None:
    """R2: only a team lead of that team, or a manager."""
    if is_manager(actor):
        return
    if actor.has_role(Role.TEAM_LEAD) and team_id is not None and actor.team_id == team_id:
        return
    raise PermissionDenied(t("Only a team lead of the ticket's team or a manager may {action}.", action=t(action)))


def can_view_all_results(actor: Actor) -> bool:
    return can(actor, Permission.VIEW_ALL_RESULTS)


# ---------------------------------------------------------------------------------------------
# rows


@dataclass(frozen=True)
class EvaluationRow:
    id: int
    ticket_id: int
    ticket_number: str
    kind: str  # EvaluationKind
    rating: str  # Rating code
    points: int
    comment: str
    corrective_note: str
    evaluator_id: int | None
    evaluator_name: str
    evaluated_at: datetime
    technician_id: int | None
    technician_name: str
    team_id: int | None
    team_name: str
    closed_at: datetime | None
    callback_id: int | None
    dissatisfied: bool


@dataclass(frozen=True)
class SelfEvaluationItem:
    """A closed ticket waiting for its team lead's self-evaluation (R9)."""

    ticket_id: int
    number: str
    closed_at: datetime | None
    reporter_name: str
    unit_name: str
    category: str
    description: str
    cause: str
    resolution: str
    technician_name: str
    team_id: int | None
    team_name: str
    repeat_of_number: str


def _name(user: User | None) -> str:
    return user.full_name if user is not None else ""


def evaluation_row(e: Evaluation) -> EvaluationRow:
    ticket = e.ticket
    tech = User.get_or_none(User.id == ticket.assignee_id) if ticket.assignee_id else None
    team = Team.get_or_none(Team.id == ticket.team_id) if ticket.team_id else None
    evaluator = User.get_or_none(User.id == e.evaluator_id) if e.evaluator_id else None
    return EvaluationRow(
        e.id, ticket.id, ticket.number, e.kind, e.rating, e.points, e.comment, e.corrective_note,
        e.evaluator_id, _name(evaluator), e.evaluated_at, ticket.assignee_id, _name(tech), ticket.team_id,
        team.name if team else "", ticket.closed_at, e.callback_id, is_dissatisfied(e.rating),
    )


# ---------------------------------------------------------------------------------------------
# self-evaluation (R9)


def queue_for_team_lead(actor: Actor) -> list[SelfEvaluationItem]:
    """Closed tickets of the actor's team without a self-evaluation, oldest closing first.

    Managers see every team's queue; a team lead without a team has an empty queue.
    """
    require(actor, Permission.SELF_EVALUATE)
    has_self = Evaluation.select(Evaluation.ticket).where(Evaluation.kind == EvaluationKind.SELF.value)
    query = (Ticket.select()
             .where((Ticket.state == TicketState.CLOSED.value) & Ticket.id.not_in(has_self))
             .order_by(Ticket.closed_at, Ticket.id))
    if not is_manager(actor):
        if actor.team_id is None:
            return []
        query = query.where(Ticket.team == actor.team_id)
    users = {u.id: u.full_name for u in User.select(User.id, User.full_name)}
    teams = {tm.id: tm.name for tm in Team.select(Team.id, Team.name)}
    items = []
    for tk in query:
        unit = tk.unit.name if tk.unit_id else ""
        repeat = tk.repeat_of.number if tk.repeat_of_id else ""
        items.append(SelfEvaluationItem(
            tk.id, tk.number, tk.closed_at, tk.reporter_name, unit, tk.category, tk.description, tk.cause,
            tk.resolution, users.get(tk.assignee_id, ""), tk.team_id, teams.get(tk.team_id, ""), repeat))
    return items


def self_evaluate(actor: Actor, ticket_id: int, rating: str, comment: str = "",
                  corrective_note: str = "", now: datetime | None = None) -> EvaluationRow:
    """R9: the team lead's one overall rating of a closed ticket (three-level scale).

    Internal only: a dissatisfied self-evaluation needs a corrective note but opens no revisit form.
    """
    require(actor, Permission.SELF_EVALUATE)
    ticket = Ticket.get_or_none(Ticket.id == ticket_id)
    if ticket is None:
        raise NotFound(t("This record no longer exists."))
    check_team_lead_of(actor, ticket.team_id, N_("self-evaluate tickets"))
    if ticket.state != TicketState.CLOSED.value:
        raise ValidationError(t("Only closed tickets can be evaluated."), field="ticket")
    rating = check_rating(rating, THREE, t("Rating"))
    comment = clean_text(comment, t("Comment"), max_length=LONG_TEXT, field="comment")
    corrective_note = clean_text(corrective_note, t("Corrective note"), max_length=LONG_TEXT,
                                 field="corrective_note")
    if is_dissatisfied(rating) and not corrective_note:
        raise ValidationError(t("A dissatisfied self-evaluation needs a corrective note."), field="corrective_note")
    if Evaluation.select().where((Evaluation.ticket == ticket.id)
                                 & (Evaluation.kind == EvaluationKind.SELF.value)).exists():
        raise ValidationError(already_evaluated_message(ticket.number, EvaluationKind.SELF), field="ticket")
    try:
        with Ticket._meta.database.atomic():
            evaluation = Evaluation.create(
                ticket=ticket.id, kind=EvaluationKind.SELF.value, evaluator=actor.id, rating=rating,
                points=points_of(rating, THREE), comment=comment, corrective_note=corrective_note,
                evaluated_at=now or datetime.now().replace(microsecond=0))
            audit.record(actor, "evaluation.self", evaluation, after=audit.snapshot(evaluation))
    except IntegrityError as exc:  # someone else saved the same evaluation a moment ago
        raise ValidationError(already_evaluated_message(ticket.number, EvaluationKind.SELF),
                              field="ticket") from exc
    return evaluation_row(evaluation)


def already_evaluated_message(ticket_number: str, kind: str) -> str:
    """R12 in words."""
    return t("Ticket {number} already has a {kind} evaluation; a ticket is never evaluated twice by the same "
             "kind of evaluator (a repeat report is a new ticket).", number=ticket_number,
             kind=t(KIND_LABELS.get(kind, kind)))


KIND_LABELS = {
    EvaluationKind.SELF.value: N_("team lead self-evaluation"),
    EvaluationKind.DISPATCHER.value: N_("dispatcher callback"),
    EvaluationKind.MANAGER.value: N_("manager callback"),
}


# ---------------------------------------------------------------------------------------------
# queries with R2


def ticket_evaluations(actor: Actor, ticket_id: int) -> list[EvaluationRow]:
    """Every evaluation of one ticket. R2: a technician sees only their own tickets' results."""
    ticket = Ticket.get_or_none(Ticket.id == ticket_id)
    if ticket is None:
        raise NotFound(t("This record no longer exists."))
    if not can_view_all_results(actor) and ticket.assignee_id != actor.id:
        raise PermissionDenied(t("You may see the evaluation results of your own tickets only."))
    query = Evaluation.select().where(Evaluation.ticket == ticket.id).order_by(Evaluation.evaluated_at,
                                                                                Evaluation.id)
    return [evaluation_row(e) for e in query]


def list_evaluations(actor: Actor, *, month: str | None = None, day_from: date | None = None,
                     day_to: date | None = None, team_id: int | None = None, technician_id: int | None = None,
                     kind: str | None = None, dissatisfied_only: bool = False) -> list[EvaluationRow]:
    """Evaluations filtered by the closing month of their ticket (or evaluation days), team, technician, kind.

    R2: someone without VIEW_ALL_RESULTS (a technician, an agent) gets their own tickets only.
    """
    query = Evaluation.select(Evaluation).join(Ticket)
    if month:
        start, end = month_bounds(month)
        query = query.where((Ticket.closed_at >= start) & (Ticket.closed_at < end))
    if day_from:
        query = query.where(Evaluation.evaluated_at >= datetime.combine(day_from, datetime.min.time()))
    if day_to:
        query = query.where(Evaluation.evaluated_at < datetime.combine(day_to + timedelta(days=1),
                                                                       datetime.min.time()))
    if team_id is not None:
        query = query.where(Ticket.team == team_id)
    if technician_id is not None:
        query = query.where(Ticket.assignee == technician_id)
    if kind:
        query = query.where(Evaluation.kind == kind)
    if not can_view_all_results(actor):
        query = query.where(Ticket.assignee == actor.id)
    rows = [evaluation_row(e) for e in query.order_by(Evaluation.evaluated_at, Evaluation.id)]
    return [r for r in rows if r.dissatisfied] if dissatisfied_only else rows


def evaluation_counts(ticket_ids: list[int]) -> dict[int, int]:
    """Number of evaluations per ticket id (for list columns)."""
    if not ticket_ids:
        return {}
    query = (Evaluation.select(Evaluation.ticket, fn.COUNT(Evaluation.id))
             .where(Evaluation.ticket.in_(ticket_ids)).group_by(Evaluation.ticket).tuples())
    return {ticket: n for ticket, n in query}
