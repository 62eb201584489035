"""Daily callback sampling (R10, R10a, R11, R12, R13).

What `plan_callbacks(actor, plan_date)` does, step by step:

1. Window. `plan_date` must be a working day. Its plan samples the tickets *closed* from the
   previous working day up to the day before `plan_date`, both included — so Monday's plan
   covers Friday, Saturday and Sunday closings, and a plan after a holiday covers the holiday.
   (Each calendar day falls in exactly one plan's window.)
2. Skips, in ticket-id order, each recorded with a reason in `CallbackPlan.skipped_json`:
   - ``already_planned``: the ticket already has a callback (e.g. closed, reopened, closed again);
   - ``already_evaluated``: the ticket already has a dispatcher or manager evaluation (R12: a
     customer is called once per ticket; the ticket cannot take another callback evaluation);
   - ``fatigue`` (R10a): the reporter — matched by phone digits, else by name — was called back
     within the last `callback.fatigue_days` days (a done callback completed in that window, or a
     callback still open from a plan in that window), or already gets a call in this plan for
     an earlier ticket. A repeat report (`repeat_of` set) is never skipped for fatigue.
   - ``not_sampled``: not drawn when `callback.sample_rate` < 1.
3. Sample rate per team. The day's total K = round-half-up(rate × N) is apportioned to the
   teams by largest remainder (quota rate × n_team); each team's share is apportioned to its
   technicians the same way (quota k_team × n_tech / n_team); the tickets of a technician are
   drawn at random with the plan's seed. With the default rate 1.0 every candidate is sampled.
4. Dispatcher / manager split (R11), stratified by technician: with share s =
   `callback.dispatcher_share` and S sampled tickets, the day's dispatcher total is
   D = round-half-up(s × S), so the *total* split is as close to the ratio as whole numbers
   allow. D is apportioned to the technicians by largest remainder on their quotas s × n_tech:
   every technician first gets floor(s × n_tech) dispatcher calls, and the D − Σ floors left go
   one each to the technicians with the largest fractional parts. So each technician's split is
   s × n_tech rounded down or up (never further off), and the total is D. The rest of a
   technician's tickets go to managers; which of them go where is drawn with the seed.
   Example, s = 0.9, technicians with 1, 2, 3, 11 tickets: S = 17, D = round(15.3) = 15;
   quotas 0.9, 1.8, 2.7, 9.9 → floors 0, 1, 2, 9 (sum 12); 3 left go to the remainders 0.9, 0.9,
   0.8 → dispatchers 1, 2, 2, 10 and managers 0, 0, 1, 1.
   If no manager (dispatcher) can take calls, the other role takes all of them.
5. Callers of one role: active users with that role who can log in, ordered by id. The role's
   tickets, ordered by technician id then ticket id (so one technician's tickets spread over
   the callers too), are dealt round-robin starting at a seeded offset: counts differ by at
   most one.
6. Ties between equal remainders are broken by a seeded shuffle of the keys (fair across days).
   The seed is the plan date as a number (20261121) unless given; every ordering is by id and
   every random draw comes from that one seeded generator, so the same day, data and settings
   always give the same assignment.
7. Each callback is due by the end of the next working day after closing, and never later than
   two days after the closing time (R13): due = min(end of next working day, closed_at + 48 h).
   Planning a date that already has a plan returns the stored plan unchanged.
"""

import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Protocol, TypeVar

from peewee import JOIN, IntegrityError

from desk_app.errors import ValidationError
from desk_app.i18n import N_, t
from desk_app.models import Callback, CallbackPlan, Evaluation, Ticket, User
from desk_app.models.enums import CallbackState, EvaluationKind, Role, TicketState
from desk_app.services import audit, settings
from desk_app.services.actor import Actor
from desk_app.services.calendar import WorkCalendar, end_of_day
from desk_app.services.callbacks import CallbackRow, callback_rows
from desk_app.services.permissions import Permission, require

REASON_ALREADY_PLANNED = "already_planned"
REASON_ALREADY_EVALUATED = "already_evaluated"
REASON_FATIGUE = "fatigue"
REASON_NOT_SAMPLED = "not_sampled"

REASON_LABELS = {
    REASON_ALREADY_PLANNED: N_("already has a callback"),
    REASON_ALREADY_EVALUATED: N_("already evaluated by callback (R12)"),
    REASON_FATIGUE: N_("customer called back recently (R10a)"),
    REASON_NOT_SAMPLED: N_("not drawn in the sample"),
}


@dataclass(frozen=True)
class SkippedTicket:
    ticket_id: int
    number: str
    reason: str  # one of REASON_*
    detail: str = ""


@dataclass(frozen=True)
class PlanResult:
    plan_id: int
    plan_date: date
    closed_from: date  # first closing day sampled
    closed_to: date  # last closing day sampled
    created: bool  # False when the date was planned before and the stored plan is returned
    seed: int
    callbacks: list[CallbackRow]
    skipped: list[SkippedTicket] = field(default_factory=list)

    @property
    def skipped_counts(self) -> dict[str, int]:
        """How many tickets were skipped for each reason (the worklist's R10a line)."""
        return dict(sorted(Counter(s.reason for s in self.skipped).items()))


# ---------------------------------------------------------------------------------------------
# arithmetic


def round_half_up(x: Fraction) -> int:
    return int((x + Fraction(1, 2)).__floor__())


def largest_remainder(quotas: list[Fraction], total: int, tie_order: list[int] | None = None) -> list[int]:
    """Whole numbers summing to `total`, each the floor or ceiling of its quota (Hamilton's method).

    `total` must lie between the sum of the floors and the sum of the ceilings. Equal remainders
    are served in `tie_order` (positions into `quotas`; default: first position first).
    """
    floors = [q.__floor__() for q in quotas]
    left = total - sum(floors)
    order = tie_order if tie_order is not None else list(range(len(quotas)))
    rank = {pos: i for i, pos in enumerate(order)}
    by_remainder = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - floors[i]), rank[i]))
    result = list(floors)
    for i in by_remainder[:max(left, 0)]:
        result[i] += 1
    return result


def callback_due(closed_at: datetime, cal: WorkCalendar) -> datetime:
    """R13: end of the next working day after closing, never later than 48 hours after closing."""
    return min(end_of_day(cal.next_working_day(closed_at.date())), closed_at + timedelta(days=2))


def reporter_key(phone: str, name: str) -> str:
    """Who the customer is for survey fatigue: phone digits, else the name."""
    digits = re.sub(r"\D", "", phone or "")
    return f"tel:{digits}" if digits else f"name:{(name or '').strip()}"


def _fraction(value: object) -> Fraction:
    return Fraction(str(value))


def _shuffled(keys: list, rng: random.Random) -> list:
    order = list(keys)
    rng.shuffle(order)
    return order


# ---------------------------------------------------------------------------------------------
# plans


def sampling_window(plan_date: date, cal: WorkCalendar | None = None) -> tuple[date, date]:
    """The closing days a plan made on `plan_date` samples (first, last), both included."""
    cal = cal or WorkCalendar.load()
    return cal.previous_working_day(plan_date), plan_date - timedelta(days=1)


def _callers(role: str) -> list[int]:
    query = (User.select(User.id, User.roles)
             .where((User.active == True) & (User.can_login == True))  # noqa: E712
             .order_by(User.id))
    return [u.id for u in query if role in u.role_set()]


def _recent_reporters(plan_date: date, days: int) -> dict[str, date]:
    """Reporter key → the latest day they were called (or are being called), within `days` days."""
    if days <= 0:
        return {}
    since = plan_date - timedelta(days=days)
    since_at = datetime.combine(since, datetime.min.time())
    found: dict[str, date] = {}
    query = (Callback.select(Callback, Ticket, CallbackPlan)
             .join(Ticket).switch(Callback).join(CallbackPlan, JOIN.LEFT_OUTER)
             .where((Callback.completed_at >= since_at) | (CallbackPlan.plan_date >= since)
                    | (Callback.plan.is_null() & (Callback.created_at >= since_at))))
    for cb in query:
        if cb.state == CallbackState.DONE.value and cb.completed_at:
            when = cb.completed_at.date()
        elif cb.plan_id:
            when = cb.plan.plan_date
        else:
            when = cb.created_at.date()
        if since <= when <= plan_date:
            key = reporter_key(cb.ticket.reporter_phone, cb.ticket.reporter_name)
            if key not in found or found[key] < when:
                found[key] = when
    return found


class Numbered(Protocol):
    number: str


T = TypeVar("T", bound=Numbered)


def skip_for_fatigue(tickets: Sequence[T], fatigue_days: int, key_of: Callable[[T], str],
                     is_repeat: Callable[[T], bool],
                     last_called: Callable[[str], date | None]) -> tuple[list[T], list[tuple[T, str]]]:
    """Step 2's R10a skip on plain values: (the tickets to sample, [(ticket skipped, why)]).

    `last_called(key)` is the day the customer was last called within the fatigue window, or None.
    A customer is also called once per plan: their later tickets of the day are skipped.
    """
    if fatigue_days <= 0:
        return list(tickets), []
    kept: list[T] = []
    tired: list[tuple[T, str]] = []
    in_plan: dict[str, str] = {}  # reporter key → ticket number already taken in this plan
    for tk in tickets:
        key = key_of(tk)
        when = None if is_repeat(tk) else last_called(key)
        if when is not None:
            tired.append((tk, t("last called {day}", day=when.isoformat())))
        elif not is_repeat(tk) and key in in_plan:
            tired.append((tk, t("called for {number} in this plan", number=in_plan[key])))
        else:
            kept.append(tk)
            in_plan.setdefault(key, tk.number)
    return kept, tired


def plan_callbacks(actor: Actor, plan_date: date, seed: int | None = None) -> PlanResult:
    """Sample and assign the callbacks of working day `plan_date` (see the module text)."""
    require(actor, Permission.PLAN_CALLBACKS)
    existing = get_plan(plan_date)
    if existing is not None:
        return existing
    cal = WorkCalendar.load()
    if not cal.is_working_day(plan_date):
        raise ValidationError(t("{day} is not a working day; callbacks are planned on working days.",
                                day=plan_date.isoformat()), field="date")
    closed_from, closed_to = sampling_window(plan_date, cal)
    seed = int(plan_date.strftime("%Y%m%d")) if seed is None else int(seed)
    rng = random.Random(seed)
    rate = _fraction(settings.get("callback.sample_rate"))
    share = _fraction(settings.get("callback.dispatcher_share"))
    fatigue_days = int(settings.get("callback.fatigue_days"))  # type: ignore[arg-type]

    tickets = list(Ticket.select()
                   .where((Ticket.state == TicketState.CLOSED.value)
                          & (Ticket.closed_at >= datetime.combine(closed_from, datetime.min.time()))
                          & (Ticket.closed_at < datetime.combine(plan_date, datetime.min.time())))
                   .order_by(Ticket.id))
    ids = [tk.id for tk in tickets]
    planned = {tid for (tid,) in Callback.select(Callback.ticket).where(Callback.ticket.in_(ids)).tuples()}
    evaluated = {tid for (tid,) in Evaluation.select(Evaluation.ticket).where(
        Evaluation.ticket.in_(ids) & Evaluation.kind.in_([EvaluationKind.DISPATCHER.value,
                                                          EvaluationKind.MANAGER.value])).tuples()}
    recent = _recent_reporters(plan_date, fatigue_days)

    skipped: list[SkippedTicket] = []
    open_tickets: list[Ticket] = []
    for tk in tickets:
        if tk.id in planned:
            skipped.append(SkippedTicket(tk.id, tk.number, REASON_ALREADY_PLANNED))
        elif tk.id in evaluated:
            skipped.append(SkippedTicket(tk.id, tk.number, REASON_ALREADY_EVALUATED))
        else:
            open_tickets.append(tk)
    candidates, tired = skip_for_fatigue(open_tickets, fatigue_days,
                                         lambda tk: reporter_key(tk.reporter_phone, tk.reporter_name),
                                         lambda tk: tk.repeat_of_id is not None, recent.get)
    skipped.extend(SkippedTicket(tk.id, tk.number, REASON_FATIGUE, detail) for tk, detail in tired)

    drawn = draw_callbacks(candidates, rate, share, _callers(Role.DISPATCHER), _callers(Role.MANAGER), rng)
    skipped.extend(SkippedTicket(tk.id, tk.number, REASON_NOT_SAMPLED) for tk in drawn.not_sampled)
    assignment = drawn.assignment

    settings_used = {"sample_rate": str(rate), "dispatcher_share": str(share), "fatigue_days": fatigue_days,
                     "seed": seed, "closed_from": closed_from.isoformat(), "closed_to": closed_to.isoformat()}
    skipped.sort(key=lambda s: s.ticket_id)
    by_id = {tk.id: tk for tk in tickets}
    try:
        with Ticket._meta.database.atomic():
            plan = CallbackPlan.create(
                plan_date=plan_date, closed_on=closed_from, created_by=actor.id,
                settings_json=json.dumps(settings_used),
                skipped_json=json.dumps([{"ticket": s.ticket_id, "number": s.number, "reason": s.reason,
                                          "detail": s.detail} for s in skipped], ensure_ascii=False))
            for ticket_id, (kind, caller_id) in sorted(assignment.items()):
                Callback.create(ticket=ticket_id, plan=plan.id, caller=caller_id, caller_kind=kind,
                                due_at=callback_due(by_id[ticket_id].closed_at, cal), updated_by=actor.id)
            audit.record(actor, "callbacks.plan", plan, after={
                "plan_date": plan_date.isoformat(), "callbacks": len(assignment),
                "dispatcher": sum(1 for k, _ in assignment.values() if k == EvaluationKind.DISPATCHER.value),
                "manager": sum(1 for k, _ in assignment.values() if k == EvaluationKind.MANAGER.value),
                "skipped": len(skipped), **settings_used})
    except IntegrityError:  # another workstation planned the same day a moment ago
        stored = get_plan(plan_date)
        if stored is None:
            raise
        return stored
    result = get_plan(plan_date)
    assert result is not None
    return PlanResult(result.plan_id, result.plan_date, result.closed_from, result.closed_to, True, result.seed,
                      result.callbacks, result.skipped)


class Candidate(Protocol):
    """What the draw needs of a ticket: a `Ticket`, or the demo generator's light copy of one."""

    id: int
    number: str
    team_id: int | None
    assignee_id: int | None


@dataclass(frozen=True)
class Draw:
    """Steps 3–5 on plain values: who calls about which ticket, and which were not drawn."""

    assignment: dict[int, tuple[str, int]]  # ticket id → (caller kind, caller id)
    not_sampled: list[Candidate]


C = TypeVar("C", bound=Candidate)


def draw_callbacks(candidates: Sequence[C], rate: Fraction, share: Fraction, dispatchers: list[int],
                   managers: list[int], rng: random.Random) -> Draw:
    """Sample (step 3), split dispatcher/manager (step 4) and deal to the callers (step 5).

    Pure: it reads no database, so the demo generator draws its plans exactly as the service does.
    `candidates` in ticket-id order; `dispatchers` and `managers` are the callers' ids, ordered by id.
    """
    not_sampled: list[Candidate] = []
    sampled = _sample(candidates, rate, rng, not_sampled)
    if sampled and not dispatchers and not managers:
        raise ValidationError(t("Nobody can make callbacks: there is no active dispatcher or manager with a login."))
    if not managers:
        share = Fraction(1)
    elif not dispatchers:
        share = Fraction(0)
    split = _split(sampled, share, rng)
    return Draw(_assign(split, {EvaluationKind.DISPATCHER.value: dispatchers,
                                EvaluationKind.MANAGER.value: managers}, rng), not_sampled)


def _sample(candidates: Sequence[C], rate: Fraction, rng: random.Random, not_sampled: list[Candidate]) -> list[C]:
    """Step 3: the sampled tickets (rate per team, then per technician), in id order."""
    if rate >= 1:
        return list(candidates)
    by_team: dict[int, list[C]] = defaultdict(list)
    for tk in candidates:
        by_team[tk.team_id or 0].append(tk)
    teams = sorted(by_team)
    total = round_half_up(rate * len(candidates))
    team_ties = _shuffled(list(range(len(teams))), rng)
    team_counts = largest_remainder([rate * len(by_team[tm]) for tm in teams], total, team_ties)
    chosen: list[C] = []
    for team, k_team in zip(teams, team_counts, strict=True):
        members = by_team[team]
        by_tech: dict[int, list[C]] = defaultdict(list)
        for tk in members:
            by_tech[tk.assignee_id or 0].append(tk)
        techs = sorted(by_tech)
        tech_ties = _shuffled(list(range(len(techs))), rng)
        quotas = [Fraction(k_team * len(by_tech[x]), len(members)) for x in techs]
        for tech, k in zip(techs, largest_remainder(quotas, k_team, tech_ties), strict=True):
            own = by_tech[tech]
            picked = set(rng.sample(range(len(own)), k))
            for i, tk in enumerate(own):
                (chosen if i in picked else not_sampled).append(tk)
    return sorted(chosen, key=lambda tk: tk.id)


def split_counts(per_technician: list[int], share: Fraction, tie_order: list[int] | None = None) -> list[int]:
    """Step 4: dispatcher calls per technician, given each technician's sampled ticket count."""
    total = round_half_up(share * sum(per_technician))
    return largest_remainder([share * n for n in per_technician], total, tie_order)


def _split(sampled: list[C], share: Fraction, rng: random.Random) -> dict[str, list[C]]:
    """Step 4: tickets per caller kind, each list ordered by technician id then ticket id."""
    by_tech: dict[int, list[C]] = defaultdict(list)
    for tk in sampled:
        by_tech[tk.assignee_id or 0].append(tk)
    techs = sorted(by_tech, key=lambda x: (x == 0, x))  # tickets without a technician last
    ties = _shuffled(list(range(len(techs))), rng)
    counts = split_counts([len(by_tech[x]) for x in techs], share, ties)
    result: dict[str, list[C]] = {EvaluationKind.DISPATCHER.value: [], EvaluationKind.MANAGER.value: []}
    for tech, d in zip(techs, counts, strict=True):
        own = by_tech[tech]
        to_dispatcher = set(rng.sample(range(len(own)), d))
        for i, tk in enumerate(own):
            kind = EvaluationKind.DISPATCHER if i in to_dispatcher else EvaluationKind.MANAGER
            result[kind.value].append(tk)
    return result


def _assign(split: dict[str, list[C]], callers: dict[str, list[int]],
            rng: random.Random) -> dict[int, tuple[str, int]]:
    """Step 5: ticket id → (caller kind, caller id), round-robin among the role's callers."""
    assignment: dict[int, tuple[str, int]] = {}
    for kind in (EvaluationKind.DISPATCHER.value, EvaluationKind.MANAGER.value):
        tickets, people = split[kind], callers[kind]
        if not tickets:
            continue
        offset = rng.randrange(len(people))
        for i, tk in enumerate(tickets):
            assignment[tk.id] = (kind, people[(offset + i) % len(people)])
    return assignment


def get_plan(plan_date: date) -> PlanResult | None:
    """The stored plan of `plan_date` with its callbacks and skipped tickets, or None."""
    plan = CallbackPlan.get_or_none(CallbackPlan.plan_date == plan_date)
    if plan is None:
        return None
    used = json.loads(plan.settings_json or "{}")
    skipped = [SkippedTicket(int(s["ticket"]), s.get("number", ""), s["reason"], s.get("detail", ""))
               for s in json.loads(plan.skipped_json or "[]")]
    closed_to = date.fromisoformat(used["closed_to"]) if "closed_to" in used else plan_date - timedelta(days=1)
    query = Callback.select().where(Callback.plan == plan.id).order_by(Callback.caller, Callback.ticket)
    return PlanResult(plan.id, plan.plan_date, plan.closed_on, closed_to, False, int(used.get("seed", 0)),
                      callback_rows(query), skipped)


def reason_label(reason: str) -> str:
    return t(REASON_LABELS.get(reason, reason))
