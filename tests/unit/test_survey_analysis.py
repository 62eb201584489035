"""R31: the survey analysis on hand-made answers (expected figures worked out by hand)."""

import json
from datetime import datetime

import pytest

from desk_app.errors import NotFound
from desk_app.models import (
    Complaint,
    CustomerUnit,
    Finding,
    SurveyAnswer,
    SurveyPlan,
    SurveyQuestion,
    SurveyRecipient,
    SurveyResponse,
    SurveyTemplate,
)
from desk_app.services import indicators
from desk_app.services import survey_analysis as sa

POINTS = {"very_satisfied": 10, "satisfied": 8, "basic": 6, "dissatisfied": 4, "very_dissatisfied": 2}


@pytest.fixture
def survey(db):
    """Template 'mini': Q1 overall (5 levels), Q2 attitude (5 levels), Q3 yes/no, Q4 comments.

    Plan 2026-Q3: unit A has 2 recipients (both returned), unit B has 2 (one returned).
      R1 (A): Q1 very satisfied 10, Q2 satisfied 8, Q3 yes, Q4 "很好"
      R2 (A): Q1 basic 6, Q2 dissatisfied 4, Q3 no
      R3 (B): Q1 satisfied 8, Q2 very dissatisfied 2, Q3 yes, Q4 "响应太慢"
    Earlier plan 2026-Q2 of the same questionnaire: one recipient of B, returned:
      R0 (B): Q1 satisfied 8, Q2 dissatisfied 4
    """
    tpl = SurveyTemplate.create(code="mini", kind="company", name_zh="小问卷", name_en="Mini questionnaire")
    q1, q2, q3, q4 = (SurveyQuestion.create(template=tpl, seq=n, dimension=dim, text_zh=zh, text_en=en,
                                            answer_type=kind, required=kind != "text")
                      for n, dim, zh, en, kind in ((1, "overall", "总体评价", "Overall", "rating5"),
                                                   (2, "attitude", "服务态度", "Attitude", "rating5"),
                                                   (3, "overall", "是否继续合作", "Continue?", "yesno"),
                                                   (4, "overall", "意见和建议", "Comments", "text")))
    a = CustomerUnit.create(name="A单位", importance="core")
    b = CustomerUnit.create(name="B单位", importance="important")
    earlier = SurveyPlan.create(number="DC-2026-01", template=tpl, title="二季度", period="2026-Q2",
                                state="analysed")
    plan = SurveyPlan.create(number="DC-2026-02", template=tpl, title="三季度", period="2026-Q3",
                             state="collecting")
    tokens = iter(range(100))

    def respond(p, unit, at, answers):
        recipient = SurveyRecipient.create(plan=p, name=f"r{next(tokens)}", unit=unit, token=f"t{next(tokens)}",
                                           sent_at=at, returned_at=at if answers else None)
        if not answers:
            return None
        response = SurveyResponse.create(plan=p, recipient=recipient, unit=unit, received_at=at)
        for q, value in zip((q1, q2, q3, q4), answers, strict=False):
            if value is not None:
                SurveyAnswer.create(response=response, question=q, value=value, points=POINTS.get(value))
        return response

    respond(earlier, b, datetime(2026, 4, 10, 10), ("satisfied", "dissatisfied"))
    r1 = respond(plan, a, datetime(2026, 10, 8, 9), ("very_satisfied", "satisfied", "yes", "很好"))
    r2 = respond(plan, a, datetime(2026, 10, 9, 9), ("basic", "dissatisfied", "no", None))
    r3 = respond(plan, b, datetime(2026, 10, 10, 9), ("satisfied", "very_dissatisfied", "yes", "响应太慢"))
    respond(plan, b, datetime(2026, 10, 1, 9), None)  # sent, not returned
    Finding.create(response=r2, text="服务态度：不满意", level="general", problem_type="attitude")
    Finding.create(response=r3, text="服务态度：非常不满意", level="serious", problem_type="attitude")
    Finding.create(response=r3, text="响应太慢", level="general", problem_type="response")
    Finding.create(response=r1, text="很好")  # not classified yet
    Complaint.create(number="TS-20261010-001", received_at=datetime(2026, 10, 10, 9), source="survey",
                     complainant="r7", description="非常不满意", survey_response=r3)
    return {"plan": plan, "earlier": earlier, "a": a, "b": b, "q": (q1, q2, q3, q4)}


def test_plan_figures(survey) -> None:
    result = sa.analyse(survey["plan"].id, language="zh_CN")
    assert result.recipients == 4 and result.returned == 3 and result.responses == 3
    assert result.response_rate == 75.0  # 3 returned / 4 recipients
    # rating answers: 10, 8 | 6, 4 | 8, 2 → 6 answers; satisfied (very/satisfied/basic): R1 both, R2 Q1, R3 Q1 = 4
    assert result.rating_answers == 6 and result.satisfied_answers == 4
    assert result.satisfaction_rate == 66.67  # 4 / 6
    assert result.mean_points == 6.33  # (10 + 8 + 6 + 4 + 8 + 2) / 6 = 38 / 6
    assert result.ratings == {"very_satisfied": 1, "satisfied": 2, "basic": 1, "dissatisfied": 1,
                              "very_dissatisfied": 1}
    assert result.very_dissatisfied == 1 and result.complaints == ["TS-20261010-001"]

    dims = {d.dimension: d for d in result.dimensions}
    assert [d.dimension for d in result.dimensions] == ["overall", "attitude"]  # R27 order
    assert (dims["overall"].answers, dims["overall"].satisfaction_rate, dims["overall"].mean_points) == \
        (3, 100.0, 8.0)  # Q1: 10, 6, 8 all satisfied; (10 + 6 + 8) / 3
    assert (dims["attitude"].satisfaction_rate, dims["attitude"].mean_points) == (33.33, 4.67)  # 1/3; 14/3
    assert dims["overall"].label == "对团队的总体评价"

    q1, q2, q3, q4 = result.questions
    assert (q1.seq, q1.text, q1.mean_points, q1.satisfaction_rate) == (1, "总体评价", 8.0, 100.0)
    assert q2.distribution == {"very_satisfied": 0, "satisfied": 1, "basic": 0, "dissatisfied": 1,
                               "very_dissatisfied": 1}
    assert (q3.answers, q3.yes_rate, q3.distribution, q3.mean_points) == (3, 66.67, {"yes": 2, "no": 1}, None)
    assert (q4.answers, q4.satisfaction_rate) == (2, None)

    units = {u.unit: u for u in result.units}
    # A: 10, 8, 6, 4 → 3 of 4 satisfied = 75 %, mean 28 / 4 = 7; B: 8, 2 → 1 of 2 = 50 %, mean 5
    assert (units["A单位"].recipients, units["A单位"].returned, units["A单位"].satisfaction_rate,
            units["A单位"].mean_points) == (2, 2, 75.0, 7.0)
    assert (units["B单位"].recipients, units["B单位"].returned, units["B单位"].responses,
            units["B单位"].satisfaction_rate, units["B单位"].mean_points) == (2, 1, 1, 50.0, 5.0)

    assert list(result.comments) == ["overall"]
    assert [(c.unit, c.text) for c in result.comments["overall"]] == [("A单位", "很好"), ("B单位", "响应太慢")]

    assert result.findings.total == 4
    assert result.findings.by_level == {"general": 2, "serious": 1, "critical": 0, "": 1}
    assert result.findings.by_type["attitude"] == 2 and result.findings.by_type["response"] == 1

    # trend: Q2 had 8 and 4 → 1 of 2 satisfied = 50 %, mean 6, 1 of 1 returned
    assert [(p.period, p.satisfaction_rate, p.mean_points, p.response_rate, p.current) for p in result.trend] == [
        ("2026-Q2", 50.0, 6.0, 100.0, False), ("2026-Q3", 66.67, 6.33, 75.0, True)]


def test_same_definitions_as_the_indicators(survey) -> None:
    """The improvement goals' indicators count the same answers the same way."""
    result = sa.analyse(survey["plan"].id)
    units = {u.unit_id: u for u in result.units}
    quarter = (datetime(2026, 10, 1), datetime(2026, 11, 1))
    assert indicators.unit_satisfaction_rate(survey["a"].id, *quarter) == units[survey["a"].id].satisfaction_rate
    assert indicators.unit_satisfaction_rate(survey["b"].id, *quarter) == units[survey["b"].id].satisfaction_rate
    dims = {d.dimension: d.mean_points for d in result.dimensions}
    assert indicators.dimension_mean("attitude", *quarter) == dims["attitude"]


def test_as_dict_is_json(survey) -> None:
    data = sa.analyse(survey["plan"].id, language="en").as_dict()
    text = json.dumps(data, ensure_ascii=False)
    again = json.loads(text)
    assert again["satisfaction_rate"] == 66.67 and again["response_rate"] == 75.0
    assert again["comments"] == [["overall", [["A单位", "很好"], ["B单位", "响应太慢"]]]]
    assert again["ratings"][0] == ["very_satisfied", 1]
    assert ["serious", 1] in again["findings_by_level"]
    assert again["dimensions"][1]["label"] == "Service attitude"
    assert again["trend"][0]["plans"] == ["DC-2026-01"]


def test_period_analysis_and_empty_plan(survey, db) -> None:
    both = sa.analyse_period("2026-Q3")
    assert both.satisfaction_rate == 66.67 and [p["number"] for p in both.plans] == ["DC-2026-02"]
    empty = SurveyPlan.create(number="DC-2026-03", template=survey["plan"].template, title="空", period="2026-Q4")
    result = sa.analyse(empty.id)
    assert (result.recipients, result.response_rate, result.satisfaction_rate, result.mean_points) == \
        (0, None, None, None)
    assert result.dimensions == [] and result.units == [] and result.comments == {}
    assert [p.period for p in result.trend] == ["2026-Q2", "2026-Q3", "2026-Q4"]
    with pytest.raises(NotFound):
        sa.analyse(9999)
