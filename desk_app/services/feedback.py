"""R16: the evaluation results of a day, fed back to each team the next day.

The day is the day the evaluations were made (self-evaluations and completed callbacks); each
evaluation counts for the team of its ticket.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from desk_app.i18n import t
from desk_app.models import Evaluation, Team, Ticket
from desk_app.services.evaluations import EvaluationRow, evaluation_row


@dataclass(frozen=True)
class TeamDaySummary:
    team_id: int | None
    team_name: str
    total: int
    points: int
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # kind → rating → number
    dissatisfied: list[EvaluationRow] = field(default_factory=list)  # the dissatisfied tickets, listed


def daily_summary(day: date) -> list[TeamDaySummary]:
    """Per team (by name; tickets without a team last): counts by kind and rating, points, and every
    dissatisfied evaluation with its ticket, technician and comment."""
    start = datetime.combine(day, datetime.min.time())
    query = (Evaluation.select(Evaluation).join(Ticket)
             .where((Evaluation.evaluated_at >= start) & (Evaluation.evaluated_at < start + timedelta(days=1)))
             .order_by(Ticket.id, Evaluation.id))
    groups: dict[int | None, list[EvaluationRow]] = defaultdict(list)
    for ev in query:
        row = evaluation_row(ev)
        groups[row.team_id].append(row)
    names = {tm.id: tm.name for tm in Team.select(Team.id, Team.name)}
    result = []
    for team_id in sorted(groups, key=lambda x: (x is None, names.get(x, ""), x or 0)):
        rows = groups[team_id]
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for r in rows:
            counts[r.kind][r.rating] += 1
        result.append(TeamDaySummary(
            team_id, names.get(team_id, t("(no team)")) if team_id else t("(no team)"), len(rows),
            sum(r.points for r in rows), {k: dict(v) for k, v in counts.items()},
            [r for r in rows if r.dissatisfied]))
    return result
