"""The figures of every report kind (R35), computed from the other services as plain JSON-able dicts.

What a report prints comes from here and only from here: `compute(kind, period, language)` returns
the dict that `services.reports` stores in `Report.figures_json` and hands to the PDF builders in
`desk_app.reports` (which only format it). Approval rebuilds the PDF from the stored dict, so an
approved report's numbers never change afterwards (R37).

Codes (channels, states, ratings, dimensions) are stored as codes and translated by the builder in
the document's language; names and user text are stored as typed. Rates are percentages rounded to
one decimal, means and hours to two decimals.

Periods: "YYYY-MM" for the monthly kinds, "YYYY-Qn" for the quarterly satisfaction report, "YYYY"
for the annual survey analysis; a single form's period is its record number.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from desk_app.i18n import t
from desk_app.models import (
    Callback,
    Complaint,
    Evaluation,
    ImprovementProject,
    RevisitForm,
    Team,
    Ticket,
    now,
)
from desk_app.models.enums import (
    CallbackState,
    EvaluationKind,
    ImprovementState,
    Priority,
    Rating,
    ReportKind,
)
from desk_app.services import (
    complaints,
    improvement,
    indicators,
    kpi,
    registers,
    revisits,
    settings,
    survey_analysis,
)
from desk_app.services.auth import Actor
from desk_app.services.complaints import ComplaintFilter
from desk_app.services.errors import ValidationError

K = ReportKind
PERIODIC_KINDS = (K.MONTHLY_SERVICE, K.MONTHLY_EVALUATION, K.QUARTERLY_SATISFACTION, K.ANNUAL_SURVEY,
                  K.MEETING_AGENDA)
FORM_KINDS = (K.REVISIT_FORM, K.COMPLAINT_FEEDBACK, K.IMPROVEMENT_TABLE)

#: The period shape each periodic kind takes.
PERIOD_SHAPE: dict[str, str] = {
    K.MONTHLY_SERVICE: "month",
    K.MONTHLY_EVALUATION: "month",
    K.QUARTERLY_SATISFACTION: "quarter",
    K.ANNUAL_SURVEY: "year",
    K.MEETING_AGENDA: "month",
}
PERIOD_EXAMPLE = {"month": "2026-10", "quarter": "2026-Q3", "year": "2026"}

#: Ratings that count as satisfied in a satisfaction rate (R31: satisfied + basically satisfied).
SATISFIED = indicators.SATISFIED
RATING_CODES = tuple(r.value for r in Rating)

#: English display names of the survey dimensions (R27); translated by the report builder.
DIMENSION_LABELS: dict[str, str] = {
    "overall": "Overall evaluation of the team",
    "quality": "Service quality",
    "process": "Process operation",
    "technical": "Professional and technical ability",
    "response": "Timely response",
    "resolution": "Timely resolution",
    "attitude": "Service attitude",
    "communication": "Communication",
}


# ---------------------------------------------------------------------------------------------
# periods


@dataclass(frozen=True)
class Period:
    text: str  # as given: 2026-10, 2026-Q3, 2026
    shape: str  # month / quarter / year
    start: date
    end: date  # exclusive

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def start_dt(self) -> datetime:
        return datetime.combine(self.start, datetime.min.time())

    @property
    def end_dt(self) -> datetime:
        return datetime.combine(self.end, datetime.min.time())


def _month_start(year: int, month: int) -> date:
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def period_shape_of(text: str) -> str | None:
    """'month', 'quarter' or 'year' for a well-formed period, else None."""
    text = (text or "").strip()
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        return "month" if 1 <= int(m.group(2)) <= 12 and int(m.group(1)) >= 1900 else None
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", text, flags=re.IGNORECASE):
        return "quarter" if int(m.group(1)) >= 1900 else None
    if re.fullmatch(r"\d{4}", text):
        return "year" if int(text) >= 1900 else None
    return None


def parse_period(kind: str, text: str) -> Period:
    """The period of a periodic report kind; ValidationError for a malformed one or the wrong shape."""
    if kind not in PERIOD_SHAPE:
        raise ValidationError(t("Unknown report kind: {kind}.", kind=kind), field="kind")
    wanted = PERIOD_SHAPE[kind]
    text = (text or "").strip().upper()
    shape = period_shape_of(text)
    if shape != wanted:
        raise ValidationError(t("The period of this report is written like {example}.",
                                example=PERIOD_EXAMPLE[wanted]), field="period")
    year = int(text[:4])
    if shape == "month":
        start = date(year, int(text[5:7]), 1)
        end = _month_start(year, int(text[5:7]) + 1)
    elif shape == "quarter":
        q = int(text[-1])
        start = date(year, 3 * q - 2, 1)
        end = _month_start(year, 3 * q + 1)
    else:
        start, end = date(year, 1, 1), date(year + 1, 1, 1)
    return Period(text, shape, start, end)


def _shift(period: Period, steps: int) -> Period:
    """The period `steps` periods earlier (negative) or later, of the same shape."""
    if period.shape == "year":
        text = f"{period.start.year + steps:04d}"
    elif period.shape == "quarter":
        index = period.start.year * 4 + (period.start.month - 1) // 3 + steps
        text = f"{index // 4:04d}-Q{index % 4 + 1}"
    else:
        index = period.start.year * 12 + period.start.month - 1 + steps
        text = f"{index // 12:04d}-{index % 12 + 1:02d}"
    kind = {"year": K.ANNUAL_SURVEY, "quarter": K.QUARTERLY_SATISFACTION, "month": K.MONTHLY_SERVICE}[period.shape]
    return parse_period(kind, text)


# ---------------------------------------------------------------------------------------------
# small helpers


def pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def _hours(delta: timedelta) -> float:
    return delta.total_seconds() / 3600.0


def _iso(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def _pairs(counter: Counter, order: tuple[str, ...] | None = None) -> list[list]:
    """[[key, n], …]: in `order` when given (zeros kept), else most first."""
    if order is not None:
        return [[k, counter.get(k, 0)] for k in order] + [[k, n] for k, n in counter.items() if k not in order]
    return [[k, n] for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))]


def _base(kind: str, period: str, language: str) -> dict:
    return {"kind": str(kind), "period": period, "language": language, "generated_at": _iso(now())}


# ---------------------------------------------------------------------------------------------
# monthly service report (服务报告)


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
        "by_channel": _pairs(Counter(r[0] for r in rows)),
        "by_category": _pairs(Counter(r[1] or "" for r in rows)),
        "by_priority": _pairs(Counter(r[3] for r in rows), tuple(x.value for x in Priority)),
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
        per[priority]["resp"].append(_hours(at - reported_at))
        per[priority]["resp_ok"].append(due is None or at <= due)
    for reported_at, due, resolved_at, closed_at, priority in (
            Ticket.select(Ticket.reported_at, Ticket.resolution_due, Ticket.resolved_at, Ticket.closed_at,
                          Ticket.priority)
            .where((Ticket.closed_at >= p.start_dt) & (Ticket.closed_at < p.end_dt)).tuples()):
        done = resolved_at or closed_at
        per[priority]["res"].append(_hours(done - reported_at))
        per[priority]["res_ok"].append(due is None or done <= due)

    def summary(values: list[float], ok: list[bool]) -> dict:
        return {"measured": len(values), "on_time": sum(ok), "on_time_rate": pct(sum(ok), len(ok)),
                "mean_hours": _mean(values)}

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
        "by_caller_kind": _pairs(Counter(k for _r, k, _t in evaluations),
                                 (EvaluationKind.DISPATCHER.value, EvaluationKind.MANAGER.value)),
        "ratings": [[code, n] for code, n in _pairs(ratings, RATING_CODES) if n],
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
        "by_state": _pairs(Counter(r.state for r in rows)),
        "by_category": [[k, n] for k, n in a.by_category],
        "by_unit": [[k, n] for k, n in a.by_unit],
        "by_source": [[k, n] for k, n in a.by_source],
        "list": [[r.number, _iso(r.received_at), r.complainant, r.unit_name, r.category, r.state, r.overdue]
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
        "by_state": _pairs(Counter(r.state for r in projects), tuple(s.value for s in ImprovementState)),
        "open_list": [[r.number, r.problem, r.source, r.state, r.owner, r.overdue_steps]
                      for r in sorted(open_rows, key=lambda r: r.number)],
    }


def _volume_trend(p: Period, months: int = 6) -> dict:
    labels, reported, satisfaction = [], [], []
    for steps in range(-(months - 1), 1):
        q = _shift(p, steps)
        labels.append(q.text)
        reported.append(Ticket.select().where((Ticket.reported_at >= q.start_dt)
                                              & (Ticket.reported_at < q.end_dt)).count())
        rate = indicators.callback_satisfaction_rate(q.start_dt, q.end_dt)
        satisfaction.append(None if rate is None else round(rate, 1))
    return {"periods": labels, "reported": reported, "satisfaction_rate": satisfaction}


def monthly_service(period: str, language: str = "zh_CN") -> dict:
    p = parse_period(K.MONTHLY_SERVICE, period)
    figures = _base(K.MONTHLY_SERVICE, p.text, language)
    figures.update({
        "start": _iso(p.start), "end": _iso(p.last_day),
        "tickets": _ticket_volume(p),
        "sla": _sla(p),
        "callbacks": _callbacks(p),
        "complaints": _complaints(p),
        "improvement": _improvement(),
        "trend": _volume_trend(p),
    })
    return figures


# ---------------------------------------------------------------------------------------------
# monthly evaluation report (月度考评)


def monthly_evaluation(period: str, language: str = "zh_CN") -> dict:
    p = parse_period(K.MONTHLY_EVALUATION, period)
    standings = kpi.monthly_standings(p.text)  # full view: the report is for everyone

    def rows(items: list[kpi.StandingRow], with_team: bool) -> list[dict]:
        out = []
        for r in items:
            row = {"rank": r.rank, "name": r.name, "evaluated_tickets": r.evaluated_tickets, "points": r.points,
                   "dissatisfied": r.dissatisfied, "score": r.score}
            if with_team:
                row["team"] = r.team
            out.append(row)
        return out

    evaluations = list(Evaluation.select(Ticket.id, Evaluation.kind, Evaluation.rating).join(Ticket)
                       .where((Ticket.closed_at >= p.start_dt) & (Ticket.closed_at < p.end_dt)).tuples())
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for _tid, kind, rating in evaluations:
        by_kind[kind][rating] += 1
    kinds = [k.value for k in EvaluationKind]
    figures = _base(K.MONTHLY_EVALUATION, p.text, language)
    figures.update({
        "start": _iso(p.start), "end": _iso(p.last_day),
        "factor": standings.factor,
        "star_bonus": standings.star_bonus,
        "repair_star": standings.repair_star,
        "winning_team": standings.winning_team,
        "technicians": rows(standings.technicians, True),
        "teams": rows(standings.teams, False),
        "evaluations": len(evaluations),
        "evaluated_tickets": len({tid for tid, _k, _r in evaluations}),
        "dissatisfied": sum(n for c in by_kind.values() for r, n in c.items() if r in
                            (Rating.DISSATISFIED.value, Rating.VERY_DISSATISFIED.value)),
        "ratings": [[code, sum(c.get(code, 0) for c in by_kind.values())] for code in RATING_CODES
                    if any(c.get(code) for c in by_kind.values())],
        "by_kind": [[k, [[code, by_kind[k].get(code, 0)] for code in RATING_CODES if by_kind[k].get(code)]]
                    for k in kinds if by_kind.get(k)],
    })
    return figures


# ---------------------------------------------------------------------------------------------
# survey reports (客户满意度调查报告, 用户满意度调查分析报告)


def _survey_analysis(period_text: str, language: str) -> dict:
    """The survey analysis service's figures (R31) for every plan of one period."""
    return survey_analysis.analyse_period(period_text, language=language).as_dict()


def _survey_report(kind: str, period: str, language: str, trend_steps: int) -> dict:
    p = parse_period(kind, period)
    figures = _base(kind, p.text, language)
    figures.update({"start": _iso(p.start), "end": _iso(p.last_day)})
    figures.update(_survey_analysis(p.text, language))
    labels, rates, responses = [], [], []
    for steps in range(-(trend_steps - 1), 1):
        q = _shift(p, steps)
        earlier = figures if steps == 0 else _survey_analysis(q.text, language)
        labels.append(q.text)
        rates.append(earlier["satisfaction_rate"])
        responses.append(earlier["response_rate"])
    figures["trend"] = {"periods": labels, "satisfaction_rate": rates, "response_rate": responses}
    return figures


def quarterly_satisfaction(period: str, language: str = "zh_CN") -> dict:
    return _survey_report(K.QUARTERLY_SATISFACTION, period, language, 4)


def annual_survey(period: str, language: str = "zh_CN") -> dict:
    return _survey_report(K.ANNUAL_SURVEY, period, language, 3)


# ---------------------------------------------------------------------------------------------
# single forms (R19, R24, R26)


def revisit_form(actor: Actor, form_id: int, language: str = "zh_CN") -> dict:
    """Every field of the paper revisit form (R17); `actor` decides what may be seen (R2)."""
    r = revisits.get_form(actor, form_id)
    figures = _base(K.REVISIT_FORM, r.number, language)
    figures.update({
        "number": r.number, "ticket_number": r.ticket_number, "team": r.team_name, "team_lead": r.team_lead_name,
        "reporter_name": r.reporter_name, "reporter_location": r.reporter_location,
        "reported_at": _iso(r.reported_at), "reporter_phone": r.reporter_phone,
        "callback_person": r.callback_person, "callback_at": _iso(r.callback_at), "rating": r.rating,
        "customer_problems": r.customer_problems, "dissatisfaction_types": list(r.dissatisfaction_types),
        "dissatisfaction_other": r.dissatisfaction_other, "revisit_notes": r.revisit_notes,
        "corrective_measures": r.corrective_measures, "due_date": _iso(r.due_date), "state": r.state,
        "meeting_date": _iso(r.meeting_date), "agreed_measure": r.agreed_measure,
        "project_numbers": list(r.project_numbers),
    })
    return figures


def complaint_feedback(complaint_id: int, language: str = "zh_CN") -> dict:
    """The customer complaint feedback form (客户投诉反馈表, R24)."""
    c = complaints.get_complaint(complaint_id)
    figures = _base(K.COMPLAINT_FEEDBACK, c.row.number, language)
    figures.update({
        "number": c.row.number, "received_at": _iso(c.row.received_at), "source": c.row.source,
        "complainant": c.row.complainant, "complainant_title": c.complainant_title, "phone": c.phone,
        "email": c.email, "unit": c.row.unit_name, "ticket_number": c.row.ticket_number,
        "category": c.row.category, "description": c.description, "state": c.row.state, "code": c.row.code,
        "is_valid": c.is_valid, "validity_reason": c.validity_reason, "department": c.department,
        "department_manager": c.department_manager, "measures": c.measures, "verified_by": c.verified_by,
        "verified_at": _iso(c.verified_at), "customer_confirmed": c.customer_confirmed,
        "customer_notified": c.customer_notified, "close_reason": c.close_reason, "findings": c.findings,
        "escalated": c.row.escalated, "escalation_reason": c.escalation_reason, "due_at": _iso(c.row.due_at),
        "closed_at": next((_iso(e.at) for e in reversed(c.events) if e.code == "close"), ""),
        "project_numbers": list(c.project_numbers),
    })
    return figures


def improvement_table(project_id: int | None = None, language: str = "zh_CN") -> dict:
    """The tracking table (服务改善项目跟踪管理表) in the paper table's columns (registers module):
    one project, or every project when `project_id` is None."""
    if project_id is None:
        projects = improvement.list_projects()
        period = now().date().isoformat()
    else:
        projects = [improvement.get_project(project_id)]
        period = projects[0].number
    figures = _base(K.IMPROVEMENT_TABLE, period, language)
    figures.update({
        "scope": "all" if project_id is None else "one",
        "headers": registers.improvement_headers(language),
        "rows": [[_iso(c) if isinstance(c, date | datetime) else ("" if c is None else str(c))
                  for c in registers.improvement_cells(p, language)] for p in sorted(projects, key=lambda p: p.number)],
        "by_state": _pairs(Counter(p.state for p in projects), tuple(s.value for s in ImprovementState)),
    })
    return figures


# ---------------------------------------------------------------------------------------------
# dispatch


def meeting_agenda(period: str, language: str = "zh_CN") -> dict:
    """R18a: the fault analysis meeting's agenda for a month: its dissatisfied evaluations with their
    revisit forms and measures, and the improvement projects to discuss or confirm."""
    p = parse_period(K.MEETING_AGENDA, period)
    pack = revisits.meeting_pack(p.text)
    figures = _base(K.MEETING_AGENDA, p.text, language)
    figures.update({
        "start": _iso(p.start), "end": _iso(p.last_day), "meeting_date": _iso(pack.meeting_date),
        "items": [{"ticket_number": i.evaluation.ticket_number, "team": i.evaluation.team_name,
                   "technician": i.evaluation.technician_name, "kind": i.evaluation.kind,
                   "rating": i.evaluation.rating, "comment": i.evaluation.comment,
                   "revisit_form": i.revisit_form_number, "revisit_state": i.revisit_state,
                   "measures": i.corrective_measures, "agreed_measure": i.agreed_measure,
                   "projects": list(i.project_numbers)} for i in pack.items],
        "projects": [{"number": pr.number, "problem": pr.problem, "source": pr.source, "state": pr.state,
                      "initial_measure": pr.initial_measure, "agreed_measure": pr.agreed_measure,
                      "owner": pr.owner_name} for pr in pack.projects],
    })
    return figures


def compute(kind: str, period: str, language: str = "zh_CN") -> dict:
    """The figures of a periodic report kind for a period."""
    makers = {K.MONTHLY_SERVICE: monthly_service, K.MONTHLY_EVALUATION: monthly_evaluation,
              K.QUARTERLY_SATISFACTION: quarterly_satisfaction, K.ANNUAL_SURVEY: annual_survey,
              K.MEETING_AGENDA: meeting_agenda}
    if kind not in makers:
        raise ValidationError(t("Unknown report kind: {kind}.", kind=kind), field="kind")
    return makers[ReportKind(kind)](period, language)


def compute_form(actor: Actor, kind: str, record_id: int | None, language: str = "zh_CN") -> dict:
    """The figures of a single form for one record (the improvement table: None = every project)."""
    if kind == K.REVISIT_FORM:
        return revisit_form(actor, int(record_id), language)  # type: ignore[arg-type]
    if kind == K.COMPLAINT_FEEDBACK:
        return complaint_feedback(int(record_id), language)  # type: ignore[arg-type]
    if kind == K.IMPROVEMENT_TABLE:
        return improvement_table(record_id, language)
    raise ValidationError(t("Unknown report kind: {kind}.", kind=kind), field="kind")


def record_number(kind: str, record_id: int | None) -> str:
    """The number of the record a form is printed for ('' for the whole improvement table)."""
    model = {K.REVISIT_FORM: RevisitForm, K.COMPLAINT_FEEDBACK: Complaint, K.IMPROVEMENT_TABLE: ImprovementProject}
    if record_id is None:
        return ""
    row = model[ReportKind(kind)].get_or_none(model[ReportKind(kind)].id == record_id)
    return row.number if row else ""


__all__ = ["FORM_KINDS", "PERIODIC_KINDS", "PERIOD_SHAPE", "Period", "compute", "compute_form", "parse_period",
           "period_shape_of"]
