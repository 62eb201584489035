"""The figures of the monthly service report (服务报告, R35): ticket volume, response and
resolution against the SLA, callbacks and their evaluations, complaints, improvement projects,
the six-month trend and what customers said (`comment_analysis`, every source)."""

from collections import Counter

from peewee import Case, Node, fn

from desk_app.models import Callback, Evaluation, Team, Ticket, now
from desk_app.models.enums import CallbackState, EvaluationKind, ImprovementState, Priority, ReportKind
from desk_app.services import comment_analysis, comment_figures, complaints, improvement, indicators, settings
from desk_app.services.complaints import ComplaintFilter
from desk_app.services.figure_values import RATING_CODES, base_figures, iso, mean_hours, millis_between, pairs, pct
from desk_app.services.report_periods import Period, parse_period, shift_period

#: Ratings that count as satisfied in a satisfaction rate (R31: satisfied + basically satisfied).
SATISFIED = indicators.SATISFIED


def _ticket_volume(p: Period) -> dict:
    """Tickets reported in the month by channel, category, priority and team; closed by team. Counted in SQL."""
    reported = (Ticket.select(Ticket.channel, Ticket.category, Ticket.team, Ticket.priority, fn.COUNT(Ticket.id))
                .where((Ticket.reported_at >= p.start_dt) & (Ticket.reported_at < p.end_dt))
                .group_by(Ticket.channel, Ticket.category, Ticket.team, Ticket.priority).tuples())
    closed = (Ticket.select(Ticket.team, fn.COUNT(Ticket.id))
              .where((Ticket.closed_at >= p.start_dt) & (Ticket.closed_at < p.end_dt)).group_by(Ticket.team).tuples())
    teams = {tm.id: tm.name for tm in Team.select(Team.id, Team.name)}
    by_channel, by_category, by_priority, by_team_reported, by_team_closed = (Counter() for _ in range(5))
    for channel, category, team, priority, n in reported:
        by_channel[channel] += n
        by_category[category or ""] += n
        by_priority[priority] += n
        by_team_reported[teams.get(team, "")] += n
    for team, n in closed:
        by_team_closed[teams.get(team, "")] += n
    team_names = sorted(set(by_team_reported) | set(by_team_closed), key=lambda n: (-by_team_reported[n], n))
    open_at_end = Ticket.select().where((Ticket.reported_at < p.end_dt)
                                        & (Ticket.closed_at.is_null() | (Ticket.closed_at >= p.end_dt))).count()
    return {
        "reported": sum(by_channel.values()),
        "closed": sum(by_team_closed.values()),
        "open_at_end": open_at_end,
        "by_channel": pairs(by_channel),
        "by_category": pairs(by_category),
        "by_priority": pairs(by_priority, tuple(x.value for x in Priority)),
        "by_team": [[name, by_team_reported[name], by_team_closed[name]] for name in team_names],
    }


def _on_time(at: Node, due: Node) -> Node:
    return Case(None, [(due.is_null() | (at <= due), 1)], 0)


def _sla(p: Period) -> dict:
    """First response of the tickets reported in the month; resolution of the tickets closed in it.

    Per priority, SQL counts the tickets measured and on time and sums their durations (to the millisecond).
    """
    first_hours = settings.get("sla.first_response_hours")
    resolution_hours = settings.get("sla.resolution_hours")
    done = fn.COALESCE(Ticket.resolved_at, Ticket.closed_at)
    response = (Ticket.select(Ticket.priority, fn.COUNT(Ticket.id),
                              fn.SUM(_on_time(Ticket.first_response_at, Ticket.first_response_due)),
                              fn.SUM(millis_between(Ticket.first_response_at, Ticket.reported_at)))
                .where((Ticket.reported_at >= p.start_dt) & (Ticket.reported_at < p.end_dt)
                       & Ticket.first_response_at.is_null(False)).group_by(Ticket.priority).tuples())
    resolution = (Ticket.select(Ticket.priority, fn.COUNT(Ticket.id), fn.SUM(_on_time(done, Ticket.resolution_due)),
                                fn.SUM(millis_between(done, Ticket.reported_at)))
                  .where((Ticket.closed_at >= p.start_dt) & (Ticket.closed_at < p.end_dt))
                  .group_by(Ticket.priority).tuples())
    resp = {prio: (int(n), int(ok or 0), float(ms or 0)) for prio, n, ok, ms in response}
    res = {prio: (int(n), int(ok or 0), float(ms or 0)) for prio, n, ok, ms in resolution}

    def summary(n: int, ok: int, millis: float) -> dict:
        return {"measured": n, "on_time": ok, "on_time_rate": pct(ok, n), "mean_hours": mean_hours(millis, n)}

    def total(per: dict) -> dict:
        return summary(sum(v[0] for v in per.values()), sum(v[1] for v in per.values()),
                       sum(v[2] for v in per.values()))

    known = set(resp) | set(res)
    order = [x.value for x in Priority] + sorted(k for k in known if k not in {x.value for x in Priority})
    by_priority = [{
        "priority": prio,
        "response_target_hours": first_hours.get(prio),
        "response": summary(*resp.get(prio, (0, 0, 0.0))),
        "resolution_target_hours": resolution_hours.get(prio),
        "resolution": summary(*res.get(prio, (0, 0, 0.0))),
    } for prio in order if prio in known]
    return {"response": total(resp), "resolution": total(res), "by_priority": by_priority}


def _callbacks(p: Period) -> dict:
    """Callbacks completed in the month, their evaluations (R14) and the satisfaction rate; counted in SQL."""
    def yes(field: Node) -> Node:
        return fn.SUM(Case(None, [(field == True, 1)], 0))  # noqa: E712

    done, within_n, within, working_n, working = (
        Callback.select(fn.COUNT(Callback.id), fn.COUNT(Callback.contacted_within_hour),
                        yes(Callback.contacted_within_hour), fn.COUNT(Callback.device_working),
                        yes(Callback.device_working))
        .where((Callback.state == CallbackState.DONE.value)
               & (Callback.completed_at >= p.start_dt) & (Callback.completed_at < p.end_dt)).tuples().get())
    due = Callback.select().where((Callback.due_at >= p.start_dt) & (Callback.due_at < p.end_dt)).count()
    unreachable = Callback.select().where((Callback.state == CallbackState.UNREACHABLE.value)
                                          & (Callback.due_at >= p.start_dt) & (Callback.due_at < p.end_dt)).count()
    overdue = Callback.select().where((Callback.state != CallbackState.DONE.value) & (Callback.due_at < p.end_dt)
                                      & (Callback.due_at >= p.start_dt)
                                      & (Callback.due_at < min(now(), p.end_dt))).count()
    evaluations = (Evaluation.select(Evaluation.rating, Evaluation.kind, Ticket.team, fn.COUNT(Evaluation.id))
                   .join(Ticket)
                   .where(Evaluation.kind.in_((EvaluationKind.DISPATCHER.value, EvaluationKind.MANAGER.value))
                          & (Evaluation.evaluated_at >= p.start_dt) & (Evaluation.evaluated_at < p.end_dt))
                   .group_by(Evaluation.rating, Evaluation.kind, Ticket.team).tuples())
    teams = {tm.id: tm.name for tm in Team.select(Team.id, Team.name)}
    ratings, kinds, per_team, per_team_ok = Counter(), Counter(), Counter(), Counter()
    for rating, kind, team, n in evaluations:
        ratings[rating] += n
        kinds[kind] += n
        per_team[teams.get(team, "")] += n
        per_team_ok[teams.get(team, "")] += n if rating in SATISFIED else 0
    rate = indicators.callback_satisfaction_rate(p.start_dt, p.end_dt)
    return {
        "due": due,
        "done": int(done),
        "unreachable": unreachable,
        "overdue": overdue,
        "by_caller_kind": pairs(kinds, (EvaluationKind.DISPATCHER.value, EvaluationKind.MANAGER.value)),
        "ratings": [[code, n] for code, n in pairs(ratings, RATING_CODES) if n],
        "evaluations": sum(kinds.values()),
        "satisfaction_rate": None if rate is None else round(rate, 1),
        "contacted_within_hour_rate": pct(int(within or 0), int(within_n)),
        "device_working_rate": pct(int(working or 0), int(working_n)),
        "by_team": [[name, n, per_team_ok[name], pct(per_team_ok[name], n)]
                    for name, n in sorted(per_team.items(), key=lambda kv: (-kv[1], kv[0]))],
    }


def _complaints(p: Period) -> dict:
    a = complaints.analysis(p.start, p.last_day)
    rows = complaints.list_complaints(ComplaintFilter(received_from=p.start, received_to=p.last_day), limit=100_000)
    return {
        "total": a.total,
        "valid": a.valid,
        "overdue": a.overdue,
        "open_overdue_all": len(complaints.overdue_complaints()),
        "by_state": pairs(Counter(r.state for r in rows)),
        "by_category": [[k, n] for k, n in a.by_category],
        "by_unit": [[k, n] for k, n in a.by_unit],
        "by_source": [[k, n] for k, n in a.by_source],
        "list": [[r.number, iso(r.received_at), r.complainant, r.unit_name, r.category, r.state, r.overdue]
                 for r in sorted(rows, key=lambda r: r.received_at)],
    }


def _improvement() -> dict:
    projects = improvement.list_projects()
    open_rows = [r for r in projects if r.state != ImprovementState.CONFIRMED.value]
    return {
        "total": len(projects),
        "open": len(open_rows),
        "confirmed": len(projects) - len(open_rows),
        "overdue_steps": sum(r.overdue_steps for r in projects),
        "by_state": pairs(Counter(r.state for r in projects), tuple(s.value for s in ImprovementState)),
        "open_list": [[r.number, r.problem, r.source, r.state, r.owner, r.overdue_steps]
                      for r in sorted(open_rows, key=lambda r: r.number)],
    }


def _volume_trend(p: Period, months: int = 6) -> dict:
    labels, reported, satisfaction = [], [], []
    for steps in range(-(months - 1), 1):
        q = shift_period(p, steps)
        labels.append(q.text)
        reported.append(Ticket.select().where((Ticket.reported_at >= q.start_dt)
                                              & (Ticket.reported_at < q.end_dt)).count())
        rate = indicators.callback_satisfaction_rate(q.start_dt, q.end_dt)
        satisfaction.append(None if rate is None else round(rate, 1))
    return {"periods": labels, "reported": reported, "satisfaction_rate": satisfaction}


def monthly_service(period: str, language: str = "zh_CN") -> dict:
    p = parse_period(ReportKind.MONTHLY_SERVICE, period)
    figures = base_figures(ReportKind.MONTHLY_SERVICE, p.text, language)
    figures.update({
        "start": iso(p.start), "end": iso(p.last_day),
        "tickets": _ticket_volume(p),
        "sla": _sla(p),
        "callbacks": _callbacks(p),
        "complaints": _complaints(p),
        "improvement": _improvement(),
        "trend": _volume_trend(p),
        "customer_voice": comment_figures.figures(comment_analysis.analyse(p.text)),
    })
    return figures
