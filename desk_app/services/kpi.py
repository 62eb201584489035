"""Monthly results (月度考评, R32–R33a): standings of technicians and teams, the repair star
(维修之星) and the winning team (优胜班组), and the year's standings for the annual awards.

- A ticket counts in the month of its closing time (`Ticket.closed_at`); its technician is
  `Ticket.assignee`, its team `Ticket.team`.
- An evaluated ticket has at least one evaluation; `points` sums every evaluation's stored points
  (self-evaluation + callbacks); `dissatisfied` counts evaluations rated 不满意 or worse.
- score = points ÷ evaluated tickets + evaluated tickets × `kpi.factor`, computed exactly and
  rounded half-up to 2 decimals.
- Order (and awards): higher score, then fewer dissatisfied, then more evaluated tickets, then
  name (for a stable order). The star's bonus is `kpi.star_bonus`.
- R2: an actor without VIEW_ALL_RESULTS (a technician, an agent) gets only their own technician
  row; the team table and the award names stay visible (they are announced to everyone).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from peewee import Case, fn

from desk_app.errors import ValidationError
from desk_app.i18n import t
from desk_app.models import Evaluation, Team, Ticket, User
from desk_app.models.enums import Rating
from desk_app.services import settings
from desk_app.services.actor import Actor
from desk_app.services.evaluations import is_dissatisfied, month_bounds
from desk_app.services.permissions import Permission, can


@dataclass(frozen=True)
class StandingRow:
    id: int
    name: str
    team: str  # a technician's team ('' for a team row)
    evaluated_tickets: int
    points: int
    dissatisfied: int
    score: float
    rank: int


@dataclass(frozen=True)
class Standings:
    month: str
    technicians: list[StandingRow]
    teams: list[StandingRow]
    repair_star: str | None
    repair_star_id: int | None
    winning_team: str | None
    winning_team_id: int | None
    star_bonus: float
    factor: float

    def as_json(self) -> dict:
        """The document of `desk-app kpi --json` (SPEC §11)."""
        return {
            "month": self.month,
            "technicians": [{"name": r.name, "team": r.team, "evaluated_tickets": r.evaluated_tickets,
                             "points": r.points, "dissatisfied": r.dissatisfied, "score": r.score}
                            for r in self.technicians],
            "teams": [{"name": r.name, "evaluated_tickets": r.evaluated_tickets, "points": r.points,
                       "dissatisfied": r.dissatisfied, "score": r.score} for r in self.teams],
            "repair_star": self.repair_star,
            "winning_team": self.winning_team,
        }


@dataclass(frozen=True)
class YearRow:
    id: int
    name: str
    team: str
    evaluated_tickets: int
    points: int
    dissatisfied: int
    score_total: float  # sum of the monthly scores
    months: int  # months with at least one evaluated ticket
    awards: int  # months as repair star / winning team
    bonus: float  # awards × kpi.star_bonus (technicians)
    rank: int


@dataclass(frozen=True)
class YearStandings:
    year: int
    technicians: list[YearRow]
    teams: list[YearRow]
    stars: dict[str, str | None] = field(default_factory=dict)  # month → repair star
    winning_teams: dict[str, str | None] = field(default_factory=dict)  # month → winning team


def score(points: int, evaluated: int, factor: object) -> Decimal:
    """R32, exact, rounded half-up to 2 decimals."""
    if evaluated <= 0:
        return Decimal("0.00")
    exact = Fraction(points, evaluated) + evaluated * Fraction(str(factor))
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


#: Rating codes that count as dissatisfied (不满意 or worse), for the SQL that sums them.
DISSATISFIED_CODES = tuple(r.value for r in Rating if is_dissatisfied(r.value))


@dataclass
class _Tally:
    tickets: int = 0
    points: int = 0
    dissatisfied: int = 0


def _rank(tallies: dict[int, _Tally], names: dict[int, str], teams: dict[int, str],
          factor: object) -> list[StandingRow]:
    scored = [(score(tl.points, tl.tickets, factor), key, tl) for key, tl in tallies.items()]
    scored.sort(key=lambda x: (-x[0], x[2].dissatisfied, -x[2].tickets, names.get(x[1], ""), x[1]))
    return [StandingRow(key, names.get(key, ""), teams.get(key, ""), tl.tickets, tl.points, tl.dissatisfied,
                        float(s), i + 1) for i, (s, key, tl) in enumerate(scored)]


def _month_totals(start: datetime, end: datetime) -> list[tuple[int | None, int | None, int, int, int]]:
    """(technician, team, evaluated tickets, points, dissatisfied) per technician and team pair, summed in SQL.

    One pass over the month's evaluations: the evaluations of the tickets closed in the month, grouped by
    the ticket's technician and team. Each ticket has one pair, so the pairs' sums give both tables.
    """
    closed = Ticket.select(Ticket.id).where((Ticket.closed_at >= start) & (Ticket.closed_at < end))
    bad = Case(None, [(Evaluation.rating.in_(DISSATISFIED_CODES), 1)], 0)
    query = (Evaluation.select(Ticket.assignee, Ticket.team, fn.COUNT(Ticket.id.distinct()), fn.SUM(Evaluation.points),
                               fn.SUM(bad))
             .join(Ticket).where(Evaluation.ticket.in_(closed)).group_by(Ticket.assignee, Ticket.team).tuples())
    return [(a, tm, int(n), int(p or 0), int(d or 0)) for a, tm, n, p, d in query]


def _month_rows(month: str) -> tuple[list[StandingRow], list[StandingRow]]:
    """The technicians' and the teams' standings of a month. A technician without a team of their own is
    shown with the team of most of their evaluated tickets (the lowest team id on a tie)."""
    start, end = month_bounds(month)
    factor = settings.get("kpi.factor")
    techs: dict[int, _Tally] = defaultdict(_Tally)
    teams: dict[int, _Tally] = defaultdict(_Tally)
    ticket_team: dict[int, tuple[int, int]] = {}  # technician → (-tickets, team) of their main team
    for assignee, team, tickets, points, dissatisfied in _month_totals(start, end):
        for key, tallies in ((assignee, techs), (team, teams)):
            if key is None:
                continue
            tally = tallies[key]
            tally.tickets += tickets
            tally.points += points
            tally.dissatisfied += dissatisfied
        if assignee is not None and team is not None:
            ticket_team[assignee] = min(ticket_team.get(assignee, (0, team)), (-tickets, team))
    team_names = {tm.id: tm.name for tm in Team.select(Team.id, Team.name)}
    users = {u.id: u for u in User.select(User.id, User.full_name, User.team).where(User.id.in_(list(techs)))}
    tech_names = {uid: u.full_name for uid, u in users.items()}
    tech_teams = {uid: team_names.get(u.team_id or ticket_team.get(uid, (0, None))[1], "")
                  for uid, u in users.items()}
    return _rank(techs, tech_names, tech_teams, factor), _rank(teams, team_names, {}, factor)


def _restricted(actor: Actor | None) -> bool:
    return actor is not None and not can(actor, Permission.VIEW_ALL_RESULTS)


def monthly_standings(month: str, actor: Actor | None = None) -> Standings:
    """R32–R33: the month's standings, repair star and winning team (see the module text)."""
    technicians, teams = _month_rows(month)
    star = technicians[0] if technicians else None
    winner = teams[0] if teams else None
    if _restricted(actor):
        assert actor is not None
        technicians = [r for r in technicians if r.id == actor.id]
    return Standings(month, technicians, teams, star.name if star else None, star.id if star else None,
                     winner.name if winner else None, winner.id if winner else None,
                     float(settings.get("kpi.star_bonus")), float(settings.get("kpi.factor")))  # type: ignore[arg-type]


def yearly_standings(year: int, actor: Actor | None = None) -> YearStandings:
    """R33a: the twelve months summed (tickets, points, dissatisfied, monthly scores) and the awards
    counted; ordered by total score, then awards, fewer dissatisfied, more tickets, name."""
    if not 1900 <= int(year) <= 9999:
        raise ValidationError(t("{field} has the wrong form.", field=t("Year")), field="year")
    bonus = Decimal(str(settings.get("kpi.star_bonus")))
    sums: dict[str, dict[int, dict]] = {"tech": {}, "team": {}}
    stars: dict[str, str | None] = {}
    winners: dict[str, str | None] = {}
    for mon in range(1, 13):
        month = f"{int(year):04d}-{mon:02d}"
        technicians, teams = _month_rows(month)
        stars[month] = technicians[0].name if technicians else None
        winners[month] = teams[0].name if teams else None
        for kind, rows in (("tech", technicians), ("team", teams)):
            for i, r in enumerate(rows):
                acc = sums[kind].setdefault(r.id, {"name": r.name, "team": r.team, "evaluated": 0, "points": 0,
                                                   "dissatisfied": 0, "score": Decimal(0), "months": 0, "awards": 0})
                acc["team"] = r.team or acc["team"]
                acc["evaluated"] += r.evaluated_tickets
                acc["points"] += r.points
                acc["dissatisfied"] += r.dissatisfied
                acc["score"] += Decimal(str(r.score))
                acc["months"] += 1
                acc["awards"] += 1 if i == 0 else 0

    def rows_of(kind: str, with_bonus: bool) -> list[YearRow]:
        items = sorted(sums[kind].items(), key=lambda kv: (-kv[1]["score"], -kv[1]["awards"], kv[1]["dissatisfied"],
                                                           -kv[1]["evaluated"], kv[1]["name"], kv[0]))
        return [YearRow(key, a["name"], a["team"], a["evaluated"], a["points"], a["dissatisfied"], float(a["score"]),
                        a["months"], a["awards"], float(bonus * a["awards"]) if with_bonus else 0.0, i + 1)
                for i, (key, a) in enumerate(items)]

    technicians = rows_of("tech", True)
    if _restricted(actor):
        assert actor is not None
        technicians = [r for r in technicians if r.id == actor.id]
    return YearStandings(int(year), technicians, rows_of("team", False), stars, winners)
