"""What customers say, by dimension: the terms of callback notes, revisit forms and questionnaire
comments (SPEC §3, §4, §7; the seed procedures ask that comments be analysed by dimension).

`analyse(period, source)` loads the comments of a period ("2026-10", "2026-Q3", "2026") from one
source or all (`SOURCES`) and returns, per dimension and per customer unit, the most frequent terms
and two-word phrases (`comment_terms.segment`), the share of negative comments and, for each top
term, three example comments that link to their records. `analyse_plans(plan_ids)` does the same for
the questionnaires of some survey plans. Terms are compared with the previous period (or the previous
survey of the same questionnaire) and flagged new (新出现) or rising (上升).

Rules, so the numbers can be checked by hand:
- a term's count is the number of comments that contain it (a comment repeating a word counts once);
- a comment is negative when the rating it came with is 不满意 or worse: a callback's overall rating, a
  revisit form's evaluation, a questionnaire's worst rating answer;
- a comment counts under every dimension its author found wanting in the same record, else under its
  own: a callback under 及时响应 when the customer was not contacted within the hour, 服务态度 when the
  attitude was rated below 满意, 及时解决 when the device is not working, else 总体评价; a revisit form
  under its dissatisfaction types (response speed, attitude, device state; other → 总体评价); a
  questionnaire comment under its question's dimension, or, for a general (总体评价) question, under the
  dimensions rated 不满意 or worse in the same questionnaire;
- with every source, a revisit form repeating the words of a callback in the same analysis counts once;
- ordering is stable: terms by count, then by the term; examples (each wording once) negative first, then
  newest, then kind and id; dimensions in the order of R27, units by comments then name;
- new: not said in that dimension in the previous period, which had comments there, and said at least
  twice now; rising: at least two more comments than before and at least 1.5 times as many.

The module imports no jieba: it is loaded on the first analysis.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from peewee import JOIN

from desk_app.errors import ValidationError
from desk_app.i18n import DIMENSION_LABELS, t
from desk_app.models import (
    Callback,
    CustomerUnit,
    Evaluation,
    RevisitForm,
    SurveyAnswer,
    SurveyPlan,
    SurveyQuestion,
    SurveyResponse,
    SurveyTemplate,
    Ticket,
)
from desk_app.models.enums import RATING_ORDER, AnswerType, CallbackState, Dimension, Rating, ReportKind
from desk_app.services import comment_terms
from desk_app.services.indicators import RATING_TYPES
from desk_app.services.report_periods import Period, parse_period, period_shape_of, shift_period

CALLBACKS, REVISITS, QUESTIONNAIRES, ALL = "callbacks", "revisits", "questionnaires", "all"
SOURCES = (CALLBACKS, REVISITS, QUESTIONNAIRES)
#: Record kinds of the examples (as `services.today.KINDS`, plus the questionnaire response).
KIND_OF_SOURCE = {CALLBACKS: "callback", REVISITS: "revisit", QUESTIONNAIRES: "survey_response"}
NEW, RISING = "new", "rising"
TOP_TERMS, TOP_PHRASES, EXAMPLES = 10, 5, 3

_NEGATIVE = frozenset(r.value for r in RATING_ORDER[RATING_ORDER.index(Rating.DISSATISFIED):])
_BELOW_SATISFIED = frozenset(r.value for r in RATING_ORDER[RATING_ORDER.index(Rating.BASIC):])
_REVISIT_DIMENSIONS = {"response_speed": Dimension.RESPONSE.value, "attitude": Dimension.ATTITUDE.value,
                       "device_state": Dimension.RESOLUTION.value, "other": Dimension.OVERALL.value}
_PERIOD_KIND = {"month": ReportKind.MONTHLY_SERVICE, "quarter": ReportKind.QUARTERLY_SATISFACTION,
                "year": ReportKind.ANNUAL_SURVEY}


@dataclass(frozen=True)
class Comment:
    """One comment as analysed: its record (kind, id, number), the words and what came with them."""

    kind: str  # callback / revisit / survey_response
    record_id: int
    number: str  # the ticket number of a callback, the form number, the survey plan number
    text: str
    rating: str = ""  # rating code, '' when none
    dimensions: tuple[str, ...] = (Dimension.OVERALL.value,)
    unit: str = ""
    at: datetime | None = None
    plan_id: int | None = None  # a questionnaire's survey plan

    @property
    def negative(self) -> bool:
        return self.rating in _NEGATIVE

    def ref(self) -> dict:
        return {"kind": self.kind, "id": self.record_id, "number": self.number, "text": self.text,
                "rating": self.rating, "unit": self.unit, "at": self.at.isoformat(sep=" ", timespec="minutes")
                if self.at else "", "plan_id": self.plan_id}


@dataclass(frozen=True)
class TermCount:
    term: str
    count: int  # comments that contain it
    negative: int  # of them negative
    examples: tuple[Comment, ...] = ()
    previous: int | None = None  # comments that contained it in the previous period (None: not compared)
    trend: str = ""  # NEW / RISING / ''

    def as_dict(self) -> dict:
        return {"term": self.term, "count": self.count, "negative": self.negative, "previous": self.previous,
                "trend": self.trend, "examples": [c.ref() for c in self.examples]}


@dataclass(frozen=True)
class TermGroup:
    """The terms of one dimension (key = dimension code), one customer unit (key = unit name) or all."""

    key: str
    comments: int
    negative: int
    terms: tuple[TermCount, ...]
    phrases: tuple[TermCount, ...]

    @property
    def negative_share(self) -> float | None:
        return round(100.0 * self.negative / self.comments, 1) if self.comments else None

    def as_dict(self) -> dict:
        return {"key": self.key, "comments": self.comments, "negative": self.negative,
                "negative_share": self.negative_share, "terms": [x.as_dict() for x in self.terms],
                "phrases": [x.as_dict() for x in self.phrases]}


@dataclass(frozen=True)
class CommentAnalysis:
    period: str
    source: str
    previous_period: str  # what the trend compares with ('' when nothing)
    overall: TermGroup  # every comment once
    dimensions: tuple[TermGroup, ...]
    units: tuple[TermGroup, ...]
    all_comments: tuple[Comment, ...] = field(default=(), repr=False, compare=False)

    @property
    def comments(self) -> int:
        return self.overall.comments

    def dimension(self, code: str) -> TermGroup | None:
        return next((g for g in self.dimensions if g.key == code), None)

    def containing(self, term: str, dimension: str | None = None, unit: str | None = None) -> list[Comment]:
        """Every comment with `term` (in a dimension or unit when given), in the order of the examples."""
        out = []
        for c in self.all_comments:
            if dimension is not None and dimension not in c.dimensions:
                continue
            if unit is not None and c.unit != unit:
                continue
            terms, phrases = comment_terms.segment(c.text)
            if term in terms or term in phrases:
                out.append(c)
        return out

    def as_dict(self) -> dict:
        """JSON-able (the `customer_voice` figures of the reports)."""
        return {"period": self.period, "source": self.source, "previous_period": self.previous_period,
                "comments": self.comments, "negative": self.overall.negative,
                "negative_share": self.overall.negative_share, "overall": self.overall.as_dict(),
                "dimensions": [g.as_dict() for g in self.dimensions], "units": [g.as_dict() for g in self.units]}


# ---------------------------------------------------------------------------------------------
# the analysis of comments already loaded (no database)


def _example_order(comments: Sequence[Comment]) -> list[int]:
    def key(i: int) -> tuple:
        c = comments[i]
        return (not c.negative, -(c.at.timestamp() if c.at else float("-inf")), c.kind, c.record_id)
    return sorted(range(len(comments)), key=key)


def _flag(count: int, previous: int | None) -> str:
    if previous is None:
        return ""
    if previous == 0:
        return NEW if count >= 2 else ""
    return RISING if count >= previous + 2 and count >= 1.5 * previous else ""


def _group(key: str, members: list[int], comments: Sequence[Comment], segments: list[tuple], top_terms: int,
           top_phrases: int, examples: int, previous: Counter | None) -> TermGroup:
    term_counts: Counter = Counter()
    phrase_counts: Counter = Counter()
    negative_terms: Counter = Counter()
    negative_phrases: Counter = Counter()
    negative = 0
    for i in members:
        terms, phrases = segments[i]
        term_counts.update(terms)
        phrase_counts.update(phrases)
        if comments[i].negative:
            negative += 1
            negative_terms.update(terms)
            negative_phrases.update(phrases)

    def top(counts: Counter, negatives: Counter, n: int, with_examples: bool) -> tuple[TermCount, ...]:
        best = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
        out = []
        for term, count in best:
            chosen: tuple[Comment, ...] = ()
            if with_examples and examples:
                found: list[Comment] = []
                texts: set[str] = set()
                for i in members:  # members are in example order; one example per wording
                    terms, phrases = segments[i]
                    if (term in terms or term in phrases) and comments[i].text not in texts:
                        found.append(comments[i])
                        texts.add(comments[i].text)
                        if len(found) == examples:
                            break
                chosen = tuple(found)
            before = None if previous is None else previous.get(term, 0)
            out.append(TermCount(term, count, negatives.get(term, 0), chosen, before, _flag(count, before)))
        return tuple(out)

    return TermGroup(key, len(members), negative, top(term_counts, negative_terms, top_terms, True),
                     top(phrase_counts, negative_phrases, top_phrases, False))


def _previous_counts(comments: Sequence[Comment]) -> tuple[Counter, dict[str, Counter], dict[str, Counter]]:
    """Term and phrase counts of the comments to compare with: all, per dimension, per unit."""
    overall: Counter = Counter()
    by_dimension: dict[str, Counter] = defaultdict(Counter)
    by_unit: dict[str, Counter] = defaultdict(Counter)
    for c in comments:
        terms, phrases = comment_terms.segment(c.text)
        both = terms + phrases
        overall.update(both)
        for d in c.dimensions:
            by_dimension[d].update(both)
        by_unit[c.unit].update(both)
    return overall, by_dimension, by_unit


def dimension_order(codes: Iterable[str]) -> list[str]:
    codes = set(codes)
    return [d for d in DIMENSION_LABELS if d in codes] + sorted(codes - set(DIMENSION_LABELS))


def analyse_comments(comments: Iterable[Comment], *, period: str = "", source: str = ALL,
                     previous: Sequence[Comment] | None = None, previous_period: str = "",
                     top_terms: int = TOP_TERMS, top_phrases: int = TOP_PHRASES,
                     examples: int = EXAMPLES) -> CommentAnalysis:
    """The terms of some comments, per dimension and per unit; `previous` comments give the trend flags
    (None: no comparison). Pure: no database."""
    ordered_input = list(comments)
    order = _example_order(ordered_input)
    ordered = [ordered_input[i] for i in order]
    segments = [comment_terms.segment(c.text) for c in ordered]
    by_dimension: dict[str, list[int]] = defaultdict(list)
    by_unit: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(ordered):
        for d in c.dimensions:
            by_dimension[d].append(i)
        if c.unit:
            by_unit[c.unit].append(i)
    if previous is not None:
        prev_all, prev_dim, prev_unit = _previous_counts(previous)
    else:
        prev_all, prev_dim, prev_unit = None, {}, {}

    def compare(counts: dict[str, Counter], key: str) -> Counter | None:
        if previous is None:
            return None
        return counts.get(key) or None  # no comments there before: nothing to compare with

    args = (ordered, segments, top_terms, top_phrases, examples)
    overall = _group("", list(range(len(ordered))), *args, prev_all or None)
    dimensions = tuple(_group(d, by_dimension[d], *args, compare(prev_dim, d)) for d in dimension_order(by_dimension))
    units = tuple(_group(u, by_unit[u], *args, compare(prev_unit, u))
                  for u in sorted(by_unit, key=lambda u: (-len(by_unit[u]), u)))
    return CommentAnalysis(period, source, previous_period if previous is not None else "", overall, dimensions,
                           units, tuple(ordered))


def group_by_term(texts: Sequence[str], minimum: int = 2) -> list[tuple[str, list[int]]]:
    """Texts grouped by their most frequent term (R18a meeting pack): [(term, [index, …]), …], biggest
    group first; texts whose best term is said fewer than `minimum` times go to a last group ('')."""
    segments = [comment_terms.segment(text)[0] for text in texts]
    counts = Counter(term for terms in segments for term in terms)
    groups: dict[str, list[int]] = defaultdict(list)
    for i, terms in enumerate(segments):
        best = min(terms, key=lambda term: (-counts[term], term), default="")
        groups[best if best and counts[best] >= minimum else ""].append(i)
    named = sorted((k for k in groups if k), key=lambda k: (-len(groups[k]), -counts[k], k))
    return [(k, groups[k]) for k in named] + ([("", groups[""])] if "" in groups else [])


# ---------------------------------------------------------------------------------------------
# loading the comments of a period


def period_of(text: str) -> Period:
    shape = period_shape_of(text)
    if shape is None:
        raise ValidationError(t("A period is written like 2026-10, 2026-Q3 or 2026."), field="period")
    return parse_period(_PERIOD_KIND[shape], text)


def _check_source(source: str) -> None:
    if source not in (*SOURCES, ALL):
        raise ValidationError(t("Unknown comment source: {source}.", source=source), field="source")


def _units() -> dict[int, str]:
    return {u.id: u.name for u in CustomerUnit.select(CustomerUnit.id, CustomerUnit.name)}


def load_callbacks(start: datetime, end: datetime) -> list[Comment]:
    units = _units()
    rows = (Callback.select(Callback.id, Callback.comment, Callback.rating, Callback.attitude,
                            Callback.contacted_within_hour, Callback.device_working, Callback.completed_at,
                            Ticket.number, Ticket.unit)
            .join(Ticket)
            .where((Callback.state == CallbackState.DONE.value) & (Callback.comment != "")
                   & (Callback.completed_at >= start) & (Callback.completed_at < end))
            .order_by(Callback.id).tuples())
    out = []
    for cid, text, rating, attitude, within, working, at, number, unit_id in rows:
        dims = []
        if within is False:
            dims.append(Dimension.RESPONSE.value)
        if attitude in _BELOW_SATISFIED:
            dims.append(Dimension.ATTITUDE.value)
        if working is False:
            dims.append(Dimension.RESOLUTION.value)
        out.append(Comment("callback", cid, number, text, rating or "", tuple(dims) or (Dimension.OVERALL.value,),
                           units.get(unit_id, ""), at))
    return out


def load_revisits(start: datetime, end: datetime) -> list[tuple[Comment, int | None]]:
    """(comment, callback id) of the revisit forms made in the period that quote the customer."""
    units = _units()
    rows = (RevisitForm.select(RevisitForm.id, RevisitForm.number, RevisitForm.customer_problems,
                               RevisitForm.dissatisfaction_types, RevisitForm.dissatisfaction_other,
                               RevisitForm.created_at, RevisitForm.callback, Evaluation.rating, Ticket.unit)
            .join(Ticket).switch(RevisitForm).join(Evaluation, JOIN.LEFT_OUTER)
            .where((RevisitForm.created_at >= start) & (RevisitForm.created_at < end))
            .order_by(RevisitForm.id).tuples())
    out = []
    for fid, number, problems, types, other, at, callback_id, rating, unit_id in rows:
        text = problems.strip()
        if other.strip() and other.strip() not in text:
            text = f"{text} {other.strip()}".strip()
        if not text:
            continue
        dims = dimension_order({_REVISIT_DIMENSIONS[x] for x in types.split(",") if x in _REVISIT_DIMENSIONS})
        out.append((Comment("revisit", fid, number, text, rating or "", tuple(dims) or (Dimension.OVERALL.value,),
                            units.get(unit_id, ""), at), callback_id))
    return out


def load_questionnaires(start: datetime | None = None, end: datetime | None = None,
                        plan_ids: Sequence[int] | None = None) -> list[Comment]:
    """Free-text answers of questionnaires received in [start, end), or of some survey plans."""
    units = _units()

    def scope(query):
        if plan_ids is not None:
            return query.where(SurveyResponse.plan.in_(sorted(set(plan_ids))))
        return query.where((SurveyResponse.received_at >= start) & (SurveyResponse.received_at < end))

    worst: dict[int, int] = {}
    negative_dims: dict[int, set[str]] = defaultdict(set)
    index = {r.value: i for i, r in enumerate(RATING_ORDER)}
    rating_rows = scope(SurveyAnswer.select(SurveyAnswer.response, SurveyAnswer.value, SurveyQuestion.dimension)
                        .join(SurveyQuestion).switch(SurveyAnswer).join(SurveyResponse)
                        .where(SurveyQuestion.answer_type.in_(RATING_TYPES) & (SurveyAnswer.value != ""))).tuples()
    for rid, value, dim in rating_rows:
        if value in index:
            worst[rid] = max(worst.get(rid, -1), index[value])
            if value in _NEGATIVE:
                negative_dims[rid].add(dim)
    rows = scope(SurveyAnswer.select(SurveyAnswer.value, SurveyQuestion.dimension, SurveyResponse.id,
                                     SurveyResponse.unit, SurveyResponse.received_at, SurveyPlan.id,
                                     SurveyPlan.number)
                 .join(SurveyQuestion).switch(SurveyAnswer).join(SurveyResponse).join(SurveyPlan)
                 .where((SurveyQuestion.answer_type == AnswerType.TEXT.value) & (SurveyAnswer.value != ""))
                 .order_by(SurveyResponse.id, SurveyQuestion.seq)).tuples()
    out = []
    for text, dim, rid, unit_id, at, plan_id, number in rows:
        if not text.strip():
            continue
        dims: Iterable[str] = (dim,)
        if dim == Dimension.OVERALL.value and negative_dims.get(rid):
            dims = dimension_order(negative_dims[rid])
        rating = RATING_ORDER[worst[rid]].value if rid in worst else ""
        out.append(Comment("survey_response", rid, number, text.strip(), rating, tuple(dims), units.get(unit_id, ""),
                           at, plan_id))
    return out


def load(source: str, start: datetime, end: datetime, plan_ids: Sequence[int] | None = None) -> list[Comment]:
    """The comments of one source or all in [start, end) (questionnaires: of `plan_ids` when given)."""
    _check_source(source)
    out: list[Comment] = []
    callbacks: dict[int, str] = {}
    if source in (CALLBACKS, ALL):
        for c in load_callbacks(start, end):
            callbacks[c.record_id] = comment_terms.clean(c.text).strip()
            out.append(c)
    if source in (REVISITS, ALL):
        for c, callback_id in load_revisits(start, end):
            if callback_id in callbacks and callbacks[callback_id] == comment_terms.clean(c.text).strip():
                continue  # the callback already said it
            out.append(c)
    if source in (QUESTIONNAIRES, ALL):
        out.extend(load_questionnaires(start, end, plan_ids))
    return out


def analyse(period: str, source: str = ALL, *, plan_ids: Sequence[int] | None = None, compare: bool = True,
            top_terms: int = TOP_TERMS) -> CommentAnalysis:
    """The comments of a period (month, quarter or year) from one source or all, compared with the
    previous period of the same length."""
    p = period_of(period)
    _check_source(source)
    comments = load(source, p.start_dt, p.end_dt, plan_ids)
    previous, previous_text = None, ""
    if compare:
        q = shift_period(p, -1)
        previous_text = q.text
        previous_plans = None
        if plan_ids is not None:
            previous_plans = _previous_plans(plan_ids)
        previous = load(source, q.start_dt, q.end_dt, previous_plans)
    return analyse_comments(comments, period=p.text, source=source, previous=previous,
                            previous_period=previous_text, top_terms=top_terms)


def recent(now: datetime | None = None, source: str = ALL) -> CommentAnalysis:
    """What customers said this month (the quality controller's Today tab), compared with last month;
    last month's (compared with the month before) while this month has no comments yet."""
    at = now or datetime.now()
    this_month = f"{at:%Y-%m}"
    analysis = analyse(this_month, source)
    if analysis.comments:
        return analysis
    return analyse(shift_period(period_of(this_month), -1).text, source)


def _previous_plans(plan_ids: Sequence[int]) -> list[int]:
    """The plans of the latest earlier period on the same questionnaires (any version)."""
    plans = list(SurveyPlan.select(SurveyPlan.id, SurveyPlan.period, SurveyTemplate.code).join(SurveyTemplate)
                 .where(SurveyPlan.id.in_(sorted(set(plan_ids)))).tuples())
    if not plans:
        return []
    codes = sorted({code for _i, _p, code in plans})
    current = min(p for _i, p, _c in plans)
    earlier = list(SurveyPlan.select(SurveyPlan.id, SurveyPlan.period).join(SurveyTemplate)
                   .where(SurveyTemplate.code.in_(codes) & (SurveyPlan.period < current)).tuples())
    if not earlier:
        return []
    latest = max(p for _i, p in earlier)
    return sorted(i for i, p in earlier if p == latest)


def analyse_plans(plan_ids: Sequence[int], *, compare: bool = True, top_terms: int = TOP_TERMS) -> CommentAnalysis:
    """The questionnaire comments of some survey plans, compared with the previous survey of the same
    questionnaire."""
    plans = list(SurveyPlan.select(SurveyPlan.id, SurveyPlan.period).where(SurveyPlan.id.in_(sorted(set(plan_ids))))
                 .tuples()) if plan_ids else []
    period = ", ".join(sorted({p for _i, p in plans}))
    comments = load_questionnaires(plan_ids=[i for i, _p in plans]) if plans else []
    previous, previous_text = None, ""
    if compare and plans:
        earlier = _previous_plans([i for i, _p in plans])
        if earlier:
            previous = load_questionnaires(plan_ids=earlier)
            previous_text = ", ".join(sorted({p for (p,) in SurveyPlan.select(SurveyPlan.period)
                                              .where(SurveyPlan.id.in_(earlier)).tuples()}))
    return analyse_comments(comments, period=period, source=QUESTIONNAIRES, previous=previous,
                            previous_period=previous_text, top_terms=top_terms)

