"""The survey analysis page's words-by-dimension chart: bars per word, a click lists its comments."""

import os
from datetime import datetime

from desk_app.models import CustomerUnit, SurveyAnswer, SurveyPlan, SurveyQuestion, SurveyResponse, SurveyTemplate
from desk_app.ui.survey_analysis_view import AnalysisPage

COMMENTS = (("dissatisfied", "响应太慢，耽误了门诊。"), ("very_dissatisfied", "响应太慢，态度不好"),
            ("satisfied", "工程师很专业"), ("satisfied", "工程师很专业，响应很快"))


def _plan():
    tpl = SurveyTemplate.create(code="mini", kind="company", name_zh="小问卷", name_en="Mini")
    q1 = SurveyQuestion.create(template=tpl, seq=1, dimension="response", text_zh="响应", text_en="Response",
                               answer_type="rating5")
    q2 = SurveyQuestion.create(template=tpl, seq=2, dimension="overall", text_zh="意见", text_en="Comments",
                               answer_type="text", required=False)
    plan = SurveyPlan.create(number="DC-2026-01", template=tpl, title="四季度", period="2026-Q4", state="collecting")
    unit = CustomerUnit.create(name="A单位")
    for i, (rating, text) in enumerate(COMMENTS):
        r = SurveyResponse.create(plan=plan, unit=unit, received_at=datetime(2026, 10, 1 + i, 9))
        SurveyAnswer.create(response=r, question=q1, value=rating, points=4)
        SurveyAnswer.create(response=r, question=q2, value=text)
    return plan


def test_words_by_dimension_and_click(qtbot, context):
    plan = _plan()
    page = AnalysisPage(context)
    qtbot.addWidget(page)
    page.show_plan(plan.id)
    chart = page.terms
    assert chart.dimension.count() == 3  # all, overall, response
    assert chart.terms[:2] == ["响应", "专业"]  # 响应 in 3 comments, then 专业 / 工程师 in 2 (by term)
    assert chart.bars is not None and chart.bars.count() == len(chart.terms)
    chart.bars.clicked.emit(len(chart.terms) - 1)  # the top bar
    html = chart.comments.toPlainText()
    assert "响应 (3)" in html and "耽误了门诊" in html and "工程师很专业 —" not in html
    chart.dimension.setCurrentIndex(chart.dimension.findData("response"))
    assert chart.terms[0] == "响应" and "2 comments, 2 negative" in chart.summary.text()
    if os.environ.get("DESK_APP_GRAB"):
        page.resize(1200, 900)
        page.show()
        page.content.grab().save(os.environ["DESK_APP_GRAB"])
