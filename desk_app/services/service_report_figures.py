"""The figures of the monthly service report (服务报告, R35): ticket volume, response and
resolution against the SLA, callbacks and their evaluations, complaints, improvement projects,
the six-month trend and what customers said (`comment_analysis`, every source)."""

from collections import Counter, defaultdict

from desk_app.models import Callback, Evaluation, Team, Ticket, now
from desk_app.models.enums import CallbackState, EvaluationKind, ImprovementState, Priority, ReportKind
from desk_app.services import comment_analysis, comment_figures, complaints, improvement, indicators, settings
from desk_app.services.complaints import ComplaintFilter
from desk_app.services.figure_values import RATING_CODES, base_figures, hours, iso, mean, pairs, pct
from desk_app.services.report_periods import Period, parse_period, shift_period

#: Ratings that count as satisfied in a satisfaction rate (R31: satisfied + basically satisfied).
SATISFIED = indicators.SATISFIED


def _ticket_volume(p: Period) -> dict:
    rows = list(Ticket.select(Ticket.channel, Ticket.category, Ticket.team, Ticket.priority)
                .where((Ticket.reported_at >= p.start_dt) & (Ticket.reported_at < p.end_dt)).tuples())
    closed = list(Ticket.select(Ticket.team).where((Ticket.closed_at >= p.start_dt) & (Ticket.closed_at < p.end_dt))
                  .tuples())
    teams = {tm.id: tm.name for tm in Team.select(Team.id, Team.name)}
    by_team_reported = Counter(teams.get(r[2], "") for r in rows)
    by_team_closed = Counter(teams.get(r[0], "") for r in closed)
    team_names = sorted(set(by_team_reported) | set(by_team_closed), key=lambda n: (-by_team_reported[n], n))
    open_at_end = Ticket.select().where((Ticket.reported_at < p.end_dt)
                                        & (Ticket.closed_at.is_null() | (Ticket.closed_at >= p.end_dt))).count()
    return {
        "reported": len(rows),
        "closed": len(closed),
        "open_at_end": open_at_end,
        "by_channel": pairs(Counter(r[0] for r in rows)),
        "by_category": pairs(Counter(r[1] or "" for r in rows)),
        "by_priority": pairs(Counter(r[3] for r in rows), tuple(x.value for x in Priority)),
        "by_team": [[name, by_team_reported[name], by_team_closed[name]] for name in team_names],
    }


def _sla(p: Period) -> dict:
    """First response of the tickets reported in the month; resolution of the tickets closed in it."""
    first_hours = settings.get("sla.first_response_hours")
    resolution_hours = settings.get("sla.resolution_hours")
    per: dict[str, dict[str, list]] = defaultdict(lambda: {"resp": [], "resp_ok": [], "res": [], "res_ok": []})
    for reported_at, due, at, priority in (
            Ticket.select(Ticket.reported_at, Ticket.first_response_due, Ticket.first_response_at, Ticket.priority)
            .where((Ticket.reported_at >= p.start_dt) & (Ticket.reported_at < p.end_dt)
                   & Ticket.first_response_at.is_null(False)).tuples()):
        per[priority]["resp"].append(hours(at - reported_at))
        per[priority]["resp_ok"].append(due is None or at <= due)
    for reported_at, due, resolved_at, closed_at, priority in (
            Ticket.select(Ticket.reported_at, Ticket.resolution_due, Ticket.resolved_at, Ticket.closed_at,
                          Ticket.priority)
            .where((Ticket.closed_at >= p.start_dt) & (Ticket.closed_at < p.end_dt)).tuples()):
        done = resolved_at or closed_at
        per[priority]["res"].append(hours(done - reported_at))
        per[priority]["res_ok"].append(due is None or done <= due)

    def summary(values: list[float], ok: list[bool]) -> dict:
        return {"measured": len(values), "on_time": sum(ok), "on_time_rate": pct(sum(ok), len(ok)),
                "mean_hours": mean(values)}

    all_resp = [v for d in per.values() for v in d["resp"]]
    all_resp_ok = [v for d in per.values() for v in d["resp_ok"]]
    all_res = [v for d in per.values() for v in d["res"]]
    all_res_ok = [v for d in per.values() for v in d["res_ok"]]
    order = [x.value for x in Priority] + sorted(k for k in per if k not in {x.value for x in Priority})
    by_priority = []
    for prio in order:
        d = per.get(prio)
        if not d:
            continue
        by_priority.append({
            "priority": prio,
            "response_target_hours": first_hours.get(prio),
            "response": summary(d["resp"], d["resp_ok"]),
            "resolution_target_hours": resolution_hours.get(prio),
            "resolution": summary(d["res"], d["res_ok"]),
        })
    return {"response": summary(all_resp, all_resp_ok), "resolution": summary(all_res, all_res_ok),
            "by_priority": by_priority}


def _callbacks(p: Period) -> dict:
    """Callbacks completed in the month, their evaluations (R14) and the satisfaction rate."""
    done = list(Callback.select().where((Callback.state == CallbackState.DONE.value)
                                        & (Callback.completed_at >= p.start_dt) & (Callback.completed_at < p.end_dt)))
    due = Callback.select().where((Callback.due_at >= p.start_dt) & (Callback.due_at < p.end_dt)).count()
    unreachable = Callback.select().where((Callback.state == CallbackState.UNREACHABLE.value)
                                          & (Callback.due_at >= p.start_dt) & (Callback.due_at < p.end_dt)).count()
    overdue = Callback.select().where((Callback.state != CallbackState.DONE.value) & (Callback.due_at < p.end_dt)
                                      & (Callback.due_at >= p.start_dt)
                                      & (Callback.due_at < min(now(), p.end_dt))).count()
    evaluations = list(Evaluation.select(Evaluation.rating, Evaluation.kind, Ticket.team)
                       .join(Ticket)
                       .where(Evaluation.kind.in_((EvaluationKind.DISPATCHER.value, EvaluationKind.MANAGER.value))
                              & (Evaluation.evaluated_at >= p.start_dt) & (Evaluation.evaluated_at < p.end_dt))
                       .tuples())
    ratings = Counter(r for r, _k, _t in evaluations)
    teams = {tm.id: tm.name for tm in Team.select(Team.id, Team.name)}
    per_team: dict[str, list[str]] = defaultdict(list)
    for rating, _kind, team in evaluations:
        per_team[teams.get(team, "")].append(rating)
    within = [c.contacted_within_hour for c in done if c.contacted_within_hour is not None]
    working = [c.device_working for c in done if c.device_working is not None]
    rate = indicators.callback_satisfaction_rate(p.start_dt, p.end_dt)
    return {
        "due": due,
        "done": len(done),
        "unreachable": unreachable,
        "overdue": overdue,
        "by_caller_kind": pairs(Counter(k for _r, k, _t in evaluations),
                                 (EvaluationKind.DISPATCHER.value, EvaluationKind.MANAGER.value)),
        "ratings": [[code, n] for code, n in pairs(ratings, RATING_CODES) if n],
        "evaluations": len(evaluations),
        "satisfaction_rate": None if rate is None else round(rate, 1),
        "contacted_within_hour_rate": pct(sum(within), len(within)),
        "device_working_rate": pct(sum(working), len(working)),
        "by_team": [[name, len(vals), sum(v in SATISFIED for v in vals), pct(sum(v in SATISFIED for v in vals),
                                                                              len(vals))]
                    for name, vals in sorted(per_team.items(), key=lambda kv: (-len(kv[1]), kv[0]))],
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
