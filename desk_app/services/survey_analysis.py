"""Survey analysis (R31): response rate, satisfaction rate, means per dimension and question,
per customer unit (客户单位服务满意率), trend against earlier plans, comments by dimension and
findings by level and type (R30b).

Definitions (the same as `indicators.unit_satisfaction_rate` / `dimension_mean`, which count over
a date range instead of a plan):
- response rate = returned questionnaires ÷ recipients × 100;
- satisfaction rate = rating answers that are very satisfied, satisfied or basically satisfied ÷
  all rating answers × 100 (yes/no and free-text answers do not count);
- mean = the mean of the stored points of rating answers (points from the settings at import).
Rates are percentages rounded to 2 decimals, means to 2 decimals; None when there is nothing to count.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from desk_app.i18n import DIMENSION_LABELS, current_language, t
from desk_app.models import (
    Complaint,
    CustomerUnit,
    SurveyAnswer,
    SurveyPlan,
    SurveyQuestion,
    SurveyRecipient,
    SurveyResponse,
    SurveyTemplate,
)
from desk_app.models.enums import RATING_ORDER, AnswerType, Rating
from desk_app.services import records
from desk_app.services.indicators import RATING_TYPES, SATISFIED
from desk_app.services.survey_collection import FindingCounts, finding_counts
from desk_app.services.survey_periods import parse_period
from desk_app.services.survey_plan_states import state_label
from desk_app.services.survey_templates import dimension_label


def rate(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 2) if whole else None


def mean(values: list[int] | list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


@dataclass(frozen=True)
class DimensionStat:
    dimension: str
    label: str
    answers: int  # rating answers
    satisfied: int
    satisfaction_rate: float | None
    mean_points: float | None


@dataclass(frozen=True)
class QuestionStat:
    question_id: int
    seq: int
    dimension: str
    text: str
    answer_type: str
    answers: int  # non-empty answers
    satisfied: int  # rating questions only
    satisfaction_rate: float | None  # rating questions only
    mean_points: float | None  # rating questions only
    yes_rate: float | None  # yes/no questions only
    distribution: dict[str, int]  # answer code → count (ratings in scale order, yes/no)


@dataclass(frozen=True)
class UnitStat:
    unit_id: int | None  # None: the plan did not ask anonymous respondents for their unit
    unit: str
    importance: str
    recipients: int
    returned: int
    responses: int
    answers: int  # rating answers
    satisfied: int
    satisfaction_rate: float | None  # 客户单位服务满意率
    mean_points: float | None


@dataclass(frozen=True)
class TrendPoint:
    period: str
    plans: tuple[str, ...]  # plan numbers of that period
    satisfaction_rate: float | None
    mean_points: float | None
    response_rate: float | None
    current: bool = False


@dataclass(frozen=True)
class CommentRow:
    dimension: str
    question_seq: int
    text: str
    unit: str  # '' when not known (anonymous plan without the unit)


@dataclass(frozen=True)
class SurveyAnalysis:
    period: str
    plans: list[dict]  # number, title, template, template_code, period, state, anonymous, analysis_text
    recipients: int
    returned: int
    responses: int
    response_rate: float | None
    rating_answers: int
    satisfied_answers: int
    satisfaction_rate: float | None
    mean_points: float | None
    ratings: dict[str, int]  # rating code → count, best first
    very_dissatisfied: int
    complaints: list[str]  # numbers of the complaints the very dissatisfied answers opened
    dimensions: list[DimensionStat]
    questions: list[QuestionStat]
    units: list[UnitStat]
    trend: list[TrendPoint]  # earlier periods of the same questionnaire, oldest first, then this one
    comments: dict[str, list[CommentRow]]  # dimension → comments, dimensions in R27 order
    findings: FindingCounts = field(default_factory=lambda: FindingCounts(0, 0, 0, {}, {}, {}))

    def as_dict(self) -> dict:
        """A JSON-able dict (also the shape the satisfaction reports read)."""
        data = asdict(self)
        data["ratings"] = [[code, n] for code, n in self.ratings.items()]
        data["dimensions"] = [asdict(d) for d in self.dimensions]
        data["questions"] = [asdict(q) for q in self.questions]
        data["units"] = [asdict(u) for u in self.units]
        data["trend"] = [asdict(p) | {"plans": list(p.plans)} for p in self.trend]
        data["comments"] = [[dim, [[c.unit, c.text] for c in rows]] for dim, rows in self.comments.items()]
        data["comment_rows"] = [asdict(c) for rows in self.comments.values() for c in rows]
        data["findings"] = self.findings.as_dict()
        data["findings_by_level"] = [[k, n] for k, n in self.findings.by_level.items()]
        data["findings_by_type"] = [[k, n] for k, n in self.findings.by_type.items()]
        return data


def _dimension_order(codes: Iterable[str]) -> list[str]:
    codes = set(codes)
    return [d for d in DIMENSION_LABELS if d in codes] + sorted(codes - set(DIMENSION_LABELS))


def _totals(plan_ids: list[int]) -> tuple[int, int, int, int, list[int]]:
    """(recipients, returned, rating answers, satisfied answers, points) of some plans."""
    if not plan_ids:
        return 0, 0, 0, 0, []
    recipients = SurveyRecipient.select().where(SurveyRecipient.plan.in_(plan_ids)).count()
    returned = SurveyRecipient.select().where(SurveyRecipient.plan.in_(plan_ids)
                                              & SurveyRecipient.returned_at.is_null(False)).count()
    rows = (SurveyAnswer.select(SurveyAnswer.value, SurveyAnswer.points).join(SurveyQuestion)
            .switch(SurveyAnswer).join(SurveyResponse)
            .where(SurveyResponse.plan.in_(plan_ids) & SurveyQuestion.answer_type.in_(RATING_TYPES)
                   & (SurveyAnswer.value != "")).tuples())
    answers = satisfied = 0
    points: list[int] = []
    for value, pts in rows:
        answers += 1
        satisfied += value in SATISFIED
        if pts is not None:
            points.append(pts)
    return recipients, returned, answers, satisfied, points


def _trend(codes: set[str], upto: str, current: list[int]) -> list[TrendPoint]:
    """Every period of plans on the same questionnaire (any version) up to `upto`, oldest first."""
    plans = list(SurveyPlan.select(SurveyPlan.id, SurveyPlan.number, SurveyPlan.period).join(SurveyTemplate)
                 .where(SurveyTemplate.code.in_(sorted(codes)) & (SurveyPlan.period <= upto))
                 .order_by(SurveyPlan.period, SurveyPlan.number))
    by_period: dict[str, list[SurveyPlan]] = defaultdict(list)
    for plan in plans:
        by_period[plan.period].append(plan)
    points = []
    for period in sorted(by_period):
        if period == upto:
            ids = current
            numbers = tuple(p.number for p in by_period[period] if p.id in current)
        else:
            ids = [p.id for p in by_period[period]]
            numbers = tuple(p.number for p in by_period[period])
        recipients, returned, answers, satisfied, pts = _totals(ids)
        if not ids:
            continue
        points.append(TrendPoint(period, numbers, rate(satisfied, answers), mean(pts), rate(returned, recipients),
                                 current=period == upto))
    return points


def analyse_plans(plan_ids: Iterable[int], language: str | None = None) -> SurveyAnalysis:
    """The analysis of one or more plans together (e.g. every plan of a quarter)."""
    language = language or current_language()
    zh = language == "zh_CN"
    plans = list(SurveyPlan.select(SurveyPlan, SurveyTemplate).join(SurveyTemplate)
                 .where(SurveyPlan.id.in_(sorted(set(plan_ids)))).order_by(SurveyPlan.period, SurveyPlan.number))
    ids = [p.id for p in plans]
    period = ", ".join(sorted({p.period for p in plans}))
    units = {u.id: u for u in CustomerUnit.select()}

    recipients_by_unit: Counter = Counter()
    returned_by_unit: Counter = Counter()
    recipients = returned = 0
    for unit_id, returned_at in (SurveyRecipient.select(SurveyRecipient.unit, SurveyRecipient.returned_at)
                                 .where(SurveyRecipient.plan.in_(ids)).tuples() if ids else []):
        recipients += 1
        recipients_by_unit[unit_id] += 1
        if returned_at is not None:
            returned += 1
            returned_by_unit[unit_id] += 1
    responses = list(SurveyResponse.select(SurveyResponse.id, SurveyResponse.unit)
                     .where(SurveyResponse.plan.in_(ids)).tuples()) if ids else []
    responses_by_unit = Counter(unit_id for _rid, unit_id in responses)
    anonymous_no_unit = any(p.anonymous and not p.ask_unit for p in plans)

    questions: dict[int, dict] = {}
    dim_values: dict[str, list[str]] = defaultdict(list)
    dim_points: dict[str, list[int]] = defaultdict(list)
    unit_values: dict[int | None, list[str]] = defaultdict(list)
    unit_points: dict[int | None, list[int]] = defaultdict(list)
    all_values: list[str] = []
    all_points: list[int] = []
    comments: dict[str, list[CommentRow]] = defaultdict(list)
    rows = (SurveyAnswer.select(SurveyAnswer.value, SurveyAnswer.points, SurveyQuestion.id, SurveyQuestion.seq,
                                SurveyQuestion.dimension, SurveyQuestion.text_zh, SurveyQuestion.text_en,
                                SurveyQuestion.answer_type, SurveyResponse.unit, SurveyResponse.id)
            .join(SurveyQuestion).switch(SurveyAnswer).join(SurveyResponse)
            .where(SurveyResponse.plan.in_(ids))
            .order_by(SurveyQuestion.seq, SurveyResponse.id).tuples()) if ids else []
    for value, points, qid, seq, dim, text_zh, text_en, answer_type, unit_id, _rid in rows:
        value = (value or "").strip()
        if not value:
            continue
        q = questions.setdefault(qid, {"seq": seq, "dimension": dim, "text": text_zh if zh else text_en,
                                       "answer_type": answer_type, "values": [], "points": []})
        q["values"].append(value)
        if answer_type in RATING_TYPES:
            all_values.append(value)
            dim_values[dim].append(value)
            unit_values[unit_id].append(value)
            if points is not None:
                q["points"].append(points)
                all_points.append(points)
                dim_points[dim].append(points)
                unit_points[unit_id].append(points)
        elif answer_type == AnswerType.TEXT:
            unit = units[unit_id].name if unit_id in units else ""
            comments[dim].append(CommentRow(dim, seq, value, unit))

    satisfied = sum(v in SATISFIED for v in all_values)
    ratings_count = Counter(all_values)
    ratings = {r.value: ratings_count.get(r.value, 0) for r in RATING_ORDER if ratings_count.get(r.value)}
    dimensions = [DimensionStat(d, dimension_label(d, language), len(dim_values[d]),
                                sum(v in SATISFIED for v in dim_values[d]),
                                rate(sum(v in SATISFIED for v in dim_values[d]), len(dim_values[d])),
                                mean(dim_points[d])) for d in _dimension_order(dim_values)]
    question_stats = []
    for qid, q in sorted(questions.items(), key=lambda kv: (kv[1]["seq"], kv[0])):
        values, kind = q["values"], q["answer_type"]
        counts = Counter(values)
        is_rating = kind in RATING_TYPES
        if is_rating:
            distribution = {r.value: counts.get(r.value, 0) for r in RATING_ORDER
                            if kind == AnswerType.RATING5 or r.value not in (Rating.VERY_SATISFIED,
                                                                            Rating.VERY_DISSATISFIED)}
        elif kind == AnswerType.YESNO:
            distribution = {"yes": counts.get("yes", 0), "no": counts.get("no", 0)}
        else:
            distribution = {}
        good = sum(v in SATISFIED for v in values) if is_rating else 0
        question_stats.append(QuestionStat(
            qid, q["seq"], q["dimension"], q["text"], kind, len(values), good,
            rate(good, len(values)) if is_rating else None, mean(q["points"]) if is_rating else None,
            rate(counts.get("yes", 0), len(values)) if kind == AnswerType.YESNO else None, distribution))

    unit_ids = set(recipients_by_unit) | set(responses_by_unit) | set(unit_values)
    unit_stats = []
    for unit_id in unit_ids:
        unit = units.get(unit_id)
        values = unit_values.get(unit_id, [])
        good = sum(v in SATISFIED for v in values)
        unit_stats.append(UnitStat(
            unit_id, unit.name if unit else (t("(unit not asked)") if anonymous_no_unit else t("(no unit)")),
            unit.importance if unit else "", recipients_by_unit.get(unit_id, 0), returned_by_unit.get(unit_id, 0),
            responses_by_unit.get(unit_id, 0), len(values), good, rate(good, len(values)),
            mean(unit_points.get(unit_id, []))))
    unit_stats.sort(key=lambda u: (u.unit_id is None, u.unit))

    response_ids = [rid for rid, _u in responses]
    complaints = ([c.number for c in Complaint.select(Complaint.number)
                   .where(Complaint.survey_response.in_(response_ids)).order_by(Complaint.number)]
                  if response_ids else [])
    if len(plans) == 1:
        findings = finding_counts(ids[0])
    else:
        findings = _merge_counts([finding_counts(i) for i in ids])
    codes = {p.template.code for p in plans}
    latest = max((p.period for p in plans), default="")
    trend = _trend(codes, latest, [p.id for p in plans if p.period == latest]) if plans else []
    return SurveyAnalysis(
        period=period,
        plans=[{"id": p.id, "number": p.number, "title": p.title, "template": p.template.name_zh if zh
                else p.template.name_en, "template_code": p.template.code, "period": p.period, "state": p.state,
                "state_label": state_label(p.state), "anonymous": p.anonymous, "analysis_text": p.analysis_text}
               for p in plans],
        recipients=recipients, returned=returned, responses=len(responses),
        response_rate=rate(returned, recipients),
        rating_answers=len(all_values), satisfied_answers=satisfied, satisfaction_rate=rate(satisfied, len(all_values)),
        mean_points=mean(all_points), ratings=ratings, very_dissatisfied=ratings_count.get(Rating.VERY_DISSATISFIED, 0),
        complaints=complaints, dimensions=dimensions, questions=question_stats, units=unit_stats, trend=trend,
        comments={d: comments[d] for d in _dimension_order(comments)}, findings=findings)


def _merge_counts(parts: list[FindingCounts]) -> FindingCounts:
    by_level: Counter = Counter()
    by_type: Counter = Counter()
    matrix: dict[str, Counter] = defaultdict(Counter)
    for part in parts:
        by_level.update(part.by_level)
        by_type.update(part.by_type)
        for lv, types in part.by_level_and_type.items():
            matrix[lv].update(types)
    return FindingCounts(sum(p.total for p in parts), sum(p.classified for p in parts),
                         sum(p.reviewed for p in parts), dict(by_level), dict(by_type),
                         {lv: dict(c) for lv, c in matrix.items()})


def analyse(plan_id: int, language: str | None = None) -> SurveyAnalysis:
    """The analysis of one survey plan (R31)."""
    records.load(SurveyPlan, plan_id)
    return analyse_plans([plan_id], language)


def analyse_period(period: str, template_code: str | None = None, language: str | None = None) -> SurveyAnalysis:
    """Every plan of a period ('2026-Q3', '2026') together, optionally of one questionnaire."""
    parse_period(period)
    query = SurveyPlan.select(SurveyPlan.id).join(SurveyTemplate).where(SurveyPlan.period == period)
    if template_code:
        query = query.where(SurveyTemplate.code == template_code)
    return analyse_plans([p.id for p in query], language)
