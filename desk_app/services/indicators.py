"""Indicators an improvement goal can target (R26), measured from the data.

Each indicator takes a params dict with optional "from"/"to" (YYYY-MM-DD, inclusive; default
the 90 days up to today) and its own keys. Rates are percentages (0–100), means are points.
"""

from datetime import date, datetime, timedelta

from peewee import JOIN, Case, fn

from desk_app.errors import ValidationError
from desk_app.i18n import N_, t
from desk_app.models import Evaluation, SurveyAnswer, SurveyQuestion, SurveyResponse, Ticket, now
from desk_app.models.enums import AnswerType, Dimension, EvaluationKind, Rating

SATISFIED = (Rating.VERY_SATISFIED.value, Rating.SATISFIED.value, Rating.BASIC.value)
RATING_TYPES = (AnswerType.RATING3.value, AnswerType.RATING5.value)

#: indicator code → (English name, the params it needs besides the period)
INDICATORS: dict[str, tuple[str, tuple[str, ...]]] = {
    "unit_satisfaction_rate": (N_("Satisfaction rate of a customer unit (surveys, %)"), ("unit_id",)),
    "dimension_mean": (N_("Mean score of a survey dimension"), ("dimension",)),
    "callback_satisfaction_rate": (N_("Callback satisfaction rate (%)"), ()),
}


def _period(params: dict) -> tuple[datetime, datetime]:
    try:
        end = date.fromisoformat(params["to"]) if params.get("to") else now().date()
        start = date.fromisoformat(params["from"]) if params.get("from") else end - timedelta(days=89)
    except (TypeError, ValueError) as exc:
        raise ValidationError(t("{field} has the wrong form.", field=t("Period")), field="period") from exc
    return datetime.combine(start, datetime.min.time()), datetime.combine(end + timedelta(days=1), datetime.min.time())


def check_params(indicator: str, params: dict) -> None:
    """Refuse a goal whose params miss what its indicator needs."""
    _period(params)
    for key in INDICATORS[indicator][1]:
        if not params.get(key):
            raise ValidationError(t("{field} is required.", field=key), field=key)
    if indicator == "dimension_mean" and params["dimension"] not in {d.value for d in Dimension}:
        raise ValidationError(t("{field} has the wrong form.", field=t("Dimension")), field="dimension")


def _share(satisfied: int, total: int) -> float | None:
    return round(100.0 * satisfied / total, 2) if total else None


def unit_satisfaction_rate(unit_id: int, start: datetime, end: datetime) -> float | None:
    """Share of rating answers from one unit's questionnaires that are (very/basically) satisfied."""
    answers = (SurveyAnswer.select(SurveyAnswer.value)
               .join(SurveyQuestion).switch(SurveyAnswer).join(SurveyResponse)
               .where((SurveyResponse.unit == unit_id) & SurveyQuestion.answer_type.in_(RATING_TYPES)
                      & (SurveyResponse.received_at >= start) & (SurveyResponse.received_at < end)
                      & (SurveyAnswer.value != "")))
    values = [a.value for a in answers]
    return _share(sum(v in SATISFIED for v in values), len(values))


def dimension_mean(dimension: str, start: datetime, end: datetime) -> float | None:
    """Mean points of the answers to one dimension's rating questions."""
    mean = (SurveyAnswer.select(fn.AVG(SurveyAnswer.points))
            .join(SurveyQuestion).switch(SurveyAnswer).join(SurveyResponse)
            .where((SurveyQuestion.dimension == dimension) & SurveyAnswer.points.is_null(False)
                   & (SurveyResponse.received_at >= start) & (SurveyResponse.received_at < end))
            .scalar())
    return round(float(mean), 2) if mean is not None else None  # PostgreSQL's AVG is a Decimal


def callback_satisfaction_rate(start: datetime, end: datetime, unit_id: int | None = None,
                               team_id: int | None = None) -> float | None:
    """Share of callback evaluations (dispatcher and manager) rated satisfied or basically satisfied.

    Counted in SQL; the ticket is joined only to filter by its unit or team (every evaluation has one).
    """
    satisfied = Case(None, [(Evaluation.rating.in_(SATISFIED), 1)], 0)
    query = (Evaluation.select(fn.COUNT(Evaluation.id), fn.SUM(satisfied))
             .where(Evaluation.kind.in_((EvaluationKind.DISPATCHER.value, EvaluationKind.MANAGER.value))
                    & (Evaluation.evaluated_at >= start) & (Evaluation.evaluated_at < end)))
    if unit_id or team_id:
        query = query.join(Ticket, JOIN.INNER)
    if unit_id:
        query = query.where(Ticket.unit == unit_id)
    if team_id:
        query = query.where(Ticket.team == team_id)
    total, ok = query.tuples().get()
    return _share(int(ok or 0), int(total))


def measure(indicator: str, params: dict) -> float | None:
    """The indicator's value over the params' period; None when there is no data."""
    check_params(indicator, params)
    start, end = _period(params)
    if indicator == "unit_satisfaction_rate":
        return unit_satisfaction_rate(int(params["unit_id"]), start, end)
    if indicator == "dimension_mean":
        return dimension_mean(params["dimension"], start, end)
    return callback_satisfaction_rate(start, end, params.get("unit_id"), params.get("team_id"))
