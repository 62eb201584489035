"""Demo data: fill an empty database with a realistic IT repair centre (SPEC §11 `demo`).

`load_demo` runs an ordered list of steps in one transaction. Each step is a function taking
the shared `DemoContext` (random source, period, and what earlier steps created: users by
role, teams, units, contacts, tickets) and adds its own rows. Later features add a step module
and one line to `STEPS` (evaluations after tickets, complaints after evaluations …).

Deterministic: the same seed, `until` and ticket count give the same data; every time is
derived from `until` (the clock is read only for the default `until`, today).
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from desk_app.demo.complaints import create_complaints
from desk_app.demo.context import DAY_END, DemoCancelled, DemoContext
from desk_app.demo.evaluations import create_evaluations
from desk_app.demo.improvement import create_projects
from desk_app.demo.knowledge import create_articles
from desk_app.demo.people import create_people
from desk_app.demo.surveys import create_surveys
from desk_app.demo.tickets import create_tickets, period_start
from desk_app.errors import ValidationError
from desk_app.i18n import t
from desk_app.models import Ticket, User, database_proxy
from desk_app.services import audit, settings
from desk_app.services.actor import Actor

MAX_TICKETS = 1_000_000

__all__ = ["STEPS", "DemoCancelled", "DemoContext", "DemoResult", "DemoStep", "load_demo"]


@dataclass(frozen=True)
class DemoResult:
    users: list[tuple[str, str, str]]  # (username, password, role description in the current language)
    tickets: int
    until: date
    cancelled: bool = False  # True: the user cancelled and nothing was stored (no users, 0 tickets)


@dataclass(frozen=True)
class DemoStep:
    name: str
    run: Callable[[DemoContext], None]
    cost: Callable[[int], int]  # progress units for a given ticket count


#: The steps, in order. Each may rely on what the steps before it put into the context.
STEPS: list[DemoStep] = [
    DemoStep("people", create_people, lambda n: 30),
    DemoStep("tickets", create_tickets, lambda n: n),
    DemoStep("knowledge", create_articles, lambda n: 10),
    DemoStep("evaluations", create_evaluations, lambda n: n // 4 + 20),
    DemoStep("complaints", create_complaints, lambda n: 10),
    DemoStep("improvement", create_projects, lambda n: 10),
    DemoStep("surveys", create_surveys, lambda n: 20),
]


def is_empty() -> bool:
    """True when the database holds no tickets and nobody can log in (a new database)."""
    return not Ticket.select().exists() and not User.select().where(User.can_login == True).exists()  # noqa: E712


def load_demo(until: date | None = None, tickets: int = 600, seed: int = 1,
              progress: Callable[[int, int], None] | None = None,
              is_cancelled: Callable[[], bool] | None = None) -> DemoResult:
    """Fill the open, empty database with demo data; all or nothing.

    Raises ValidationError when the database already holds data or `tickets` is out of range.
    When `is_cancelled()` turns true the transaction is rolled back and the result has
    `cancelled=True`, no users and 0 tickets.
    """
    if not 1 <= tickets <= MAX_TICKETS:
        raise ValidationError(t("The number of tickets must be between {lo} and {hi}.", lo=1, hi=MAX_TICKETS),
                              field="tickets")
    until = until or date.today()
    meter = _Progress(sum(step.cost(tickets) for step in STEPS), progress, is_cancelled)
    try:
        with database_proxy.atomic():
            ctx = _load(until, tickets, seed, meter)
    except DemoCancelled:
        return DemoResult(users=[], tickets=0, until=until, cancelled=True)
    return DemoResult(users=list(ctx.logins), tickets=len(ctx.tickets), until=until)


class _Progress:
    def __init__(self, total: int, progress: Callable[[int, int], None] | None,
                 is_cancelled: Callable[[], bool] | None):
        self.total, self.done = total, 0
        self.progress, self.is_cancelled = progress, is_cancelled

    def advance(self, n: int) -> None:
        self.done = min(self.done + n, self.total)
        if self.progress is not None:
            self.progress(self.done, self.total)
        if self.is_cancelled is not None and self.is_cancelled():
            raise DemoCancelled()


def _load(until: date, tickets: int, seed: int, meter: _Progress) -> DemoContext:
    if not is_empty():
        raise ValidationError(t("The database already holds data; demo data goes into an empty database only."))
    ctx = DemoContext(
        rng=random.Random(seed), until=until, start=period_start(until), now=datetime.combine(until, DAY_END),
        ticket_count=tickets, settings=settings.get_all(), _advance=meter.advance,
    )
    reached = 0
    for step in STEPS:
        step.run(ctx)
        reached += step.cost(tickets)
        if meter.done < reached:  # a step that reported less than its cost
            meter.advance(reached - meter.done)
    admin = ctx.admin()
    audit.record(Actor(admin.id, admin.username, admin.full_name, frozenset(admin.roles)), "demo.load", "ticket",
                 after={"tickets": len(ctx.tickets), "seed": seed, "until": until.isoformat()})
    return ctx
