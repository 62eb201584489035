"""The figures of every report kind (R35), computed from the other services as plain JSON-able dicts.

What a report prints comes from here and only from here: `compute(kind, period, language)` returns
the dict that `services.reports` stores in `Report.figures_json` and hands to the PDF builders in
`desk_app.reports` (which only format it). Approval rebuilds the PDF from the stored dict, so an
approved report's numbers never change afterwards (R37).

Codes (channels, states, ratings, dimensions) are stored as codes and translated by the builder in
the document's language; names and user text are stored as typed. Rates are percentages rounded to
one decimal, means and hours to two decimals (`figure_values`).

Periods (`report_periods`): "YYYY-MM" for the monthly kinds, "YYYY-Qn" for the quarterly
satisfaction report, "YYYY" for the annual survey analysis; a single form's period is its record
number. The monthly service report has its own module (`service_report_figures`), and so do the
single forms (`form_report_figures`); the monthly evaluation, the survey reports and the meeting
agenda, which mostly pass on another service's results, are here.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from desk_app.errors import ValidationError
from desk_app.i18n import t
from desk_app.models import Evaluation, Ticket
from desk_app.models.enums import EvaluationKind, Rating, ReportKind
from desk_app.services import comment_analysis, comment_figures, kpi, revisits, survey_analysis
from desk_app.services.actor import Actor
from desk_app.services.figure_values import RATING_CODES, base_figures, iso
from desk_app.services.form_report_figures import complaint_feedback, improvement_table, revisit_form
from desk_app.services.report_periods import parse_period, shift_period
from desk_app.services.service_report_figures import monthly_service

K = ReportKind
PERIODIC_KINDS = (K.MONTHLY_SERVICE, K.MONTHLY_EVALUATION, K.QUARTERLY_SATISFACTION, K.ANNUAL_SURVEY,
                  K.MEETING_AGENDA)
FORM_KINDS = (K.REVISIT_FORM, K.COMPLAINT_FEEDBACK, K.IMPROVEMENT_TABLE)


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
    figures = base_figures(K.MONTHLY_EVALUATION, p.text, language)
    figures.update({
        "start": iso(p.start), "end": iso(p.last_day),
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
    figures = base_figures(kind, p.text, language)
    figures.update({"start": iso(p.start), "end": iso(p.last_day)})
    figures.update(_survey_analysis(p.text, language))
    labels, rates, responses = [], [], []
    for steps in range(-(trend_steps - 1), 1):
        q = shift_period(p, steps)
        earlier = figures if steps == 0 else _survey_analysis(q.text, language)
        labels.append(q.text)
        rates.append(earlier["satisfaction_rate"])
        responses.append(earlier["response_rate"])
    figures["trend"] = {"periods": labels, "satisfaction_rate": rates, "response_rate": responses}
    # what customers said: the questionnaires of the period's plans, callbacks and revisit forms of its dates
    plan_ids = [plan["id"] for plan in figures["plans"]]
    figures["customer_voice"] = comment_figures.figures(comment_analysis.analyse(p.text, plan_ids=plan_ids))
    return figures


def quarterly_satisfaction(period: str, language: str = "zh_CN") -> dict:
    return _survey_report(K.QUARTERLY_SATISFACTION, period, language, 4)


def annual_survey(period: str, language: str = "zh_CN") -> dict:
    return _survey_report(K.ANNUAL_SURVEY, period, language, 3)



# ---------------------------------------------------------------------------------------------
# fault analysis meeting (故障分析会)


def meeting_agenda(period: str, language: str = "zh_CN") -> dict:
    """R18a: the fault analysis meeting's agenda for a month: its dissatisfied evaluations with their
    revisit forms and measures, and the improvement projects to discuss or confirm."""
    p = parse_period(K.MEETING_AGENDA, period)
    pack = revisits.meeting_pack(p.text)
    figures = base_figures(K.MEETING_AGENDA, p.text, language)
    figures.update({
        "start": iso(p.start), "end": iso(p.last_day), "meeting_date": iso(pack.meeting_date),
        "items": [{"ticket_number": i.evaluation.ticket_number, "team": i.evaluation.team_name,
                   "technician": i.evaluation.technician_name, "kind": i.evaluation.kind,
                   "rating": i.evaluation.rating, "comment": i.evaluation.comment,
                   "revisit_form": i.revisit_form_number, "revisit_state": i.revisit_state,
                   "measures": i.corrective_measures, "agreed_measure": i.agreed_measure,
                   "projects": list(i.project_numbers)} for i in pack.items],
        "projects": [{"number": pr.number, "problem": pr.problem, "source": pr.source, "state": pr.state,
                      "initial_measure": pr.initial_measure, "agreed_measure": pr.agreed_measure,
                      "owner": pr.owner_name} for pr in pack.projects],
        # the dissatisfied items by the term their words share most (customer's words of callbacks)
        "term_groups": comment_figures.meeting_groups([i.evaluation.comment for i in pack.items],
                                                       [i.evaluation.ticket_number for i in pack.items]),
    })
    return figures


# ---------------------------------------------------------------------------------------------
# dispatch


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
