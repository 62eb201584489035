"""Improvement projects R25–R26: states, closure codes, steps, goals measured on hand-made data."""

from datetime import date, datetime, timedelta

import pytest

from desk_app.errors import ConflictError, PermissionDenied, ValidationError
from desk_app.models import (
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
from desk_app.services import improvement


@pytest.fixture
def lead(make_user):
    return make_user("team_lead", team="网络一班", name="刘工长")


@pytest.fixture
def manager(make_user):
    return make_user("manager", name="王经理")


def test_create_numbers_and_defaults(db, lead):
    p = improvement.create_project(lead, "回访不满意：响应慢", "callback", "增加值班人员")
    assert p.number.startswith("GS-") and p.number.endswith("-001")
    assert p.state == "proposed" and p.closure_code == ""
    assert improvement.create_project(lead, "第二个问题").number.endswith("-002")


def test_full_lifecycle_confirmed_successful(db, lead, manager):
    p = improvement.create_project(lead, "打印机故障反复", "meeting")
    p = improvement.agree(lead, p.id, p.version, "统一更换硒鼓供应商", date(2026, 11, 5))
    assert p.state == "agreed" and p.meeting_date == date(2026, 11, 5)
    p = improvement.start(lead, p.id, p.version)
    p = improvement.mark_done(lead, p.id, p.version, "本月打印机报修下降40%")
    with pytest.raises(PermissionDenied):
        improvement.confirm(lead, p.id, p.version, "successful")
    p = improvement.confirm(manager, p.id, p.version, "successful")
    assert p.state == "confirmed" and p.closure_code == "successful" and p.confirmed_by == "王经理"
    p = improvement.reopen(manager, p.id, p.version, "问题复发")
    assert p.state == "reopened" and p.closure_code == "" and "问题复发" in p.effect_result


def test_refused_transitions(db, lead, manager):
    p = improvement.create_project(lead, "问题")
    with pytest.raises(ValidationError):
        improvement.confirm(manager, p.id, p.version, "successful")
    with pytest.raises(ValidationError):
        improvement.mark_done(lead, p.id, p.version, "")
    with pytest.raises(ValidationError):
        improvement.agree(lead, p.id, p.version, "   ", date(2026, 11, 5))
    p = improvement.agree(lead, p.id, p.version, "措施", date(2026, 11, 5))
    p = improvement.mark_done(lead, p.id, p.version, "完成")
    with pytest.raises(ValidationError):
        improvement.confirm(manager, p.id, p.version, "withdrawn")  # withdrawing has its own action


def test_withdraw_sets_closure_code(db, lead, manager):
    p = improvement.create_project(lead, "问题")
    p = improvement.withdraw(manager, p.id, p.version, "与另一项目合并")
    assert p.closure_code == "withdrawn" and p.state == "confirmed"


def test_conflicting_edit(db, lead):
    p = improvement.create_project(lead, "问题")
    improvement.update_project(lead, p.id, p.version, "问题（修订）", "", None)
    with pytest.raises(ConflictError):
        improvement.update_project(lead, p.id, p.version, "另一修改", "", None)


def test_steps_and_overdue(db, lead):
    p = improvement.create_project(lead, "问题")
    yesterday = date.today() - timedelta(days=1)
    late = improvement.save_step(lead, p.id, "采购备机", yesterday, owner_name="采购部")
    improvement.save_step(lead, p.id, "培训", date.today() + timedelta(days=10), owner_id=lead.id)
    row = improvement.get_project(p.id)
    assert [s.seq for s in row.steps] == [1, 2]
    assert row.overdue_steps == 1 and row.steps[0].overdue and row.steps[1].owner == "刘工长"
    assert [r.id for r in improvement.list_projects(overdue_only=True)] == [p.id]
    improvement.complete_step(lead, late.id, late.version)
    assert improvement.get_project(p.id).overdue_steps == 0
    assert "采购备机" in improvement.get_project(p.id).plan_text()


def test_from_revisit_form_keeps_link_both_ways(db, lead):
    ticket = Ticket.create(number="GD-20261102-0001", reported_at=datetime(2026, 11, 2, 9), reporter_name="张三",
                           description="网络慢")
    form = RevisitForm.create(number="HF-20261103-001", ticket=ticket, team_lead=lead.id, due_date=date(2026, 12, 4),
                              customer_problems="维修人员来得太晚", corrective_measures="加强首响考核")
    p = improvement.from_revisit_form(lead, form.id)
    assert p.source == "revisit" and p.source_ref == "HF-20261103-001"
    assert p.problem == "维修人员来得太晚" and p.initial_measure == "加强首响考核"
    assert RevisitForm.get_by_id(form.id).projects.get().number == p.number
    assert improvement.from_revisit_form(lead, form.id).id == p.id


def _survey(unit: CustomerUnit, answers: list[tuple[str, int]], when: datetime) -> None:
    template = SurveyTemplate.get_or_create(code="test-goal", template_version=1,
                                            defaults={"kind": "company", "name_zh": "公司满意度调查问卷",
                                                      "name_en": "Company"})[0]
    question = SurveyQuestion.get_or_create(template=template, seq=1,
                                            defaults={"dimension": "attitude", "text_zh": "服务态度",
                                                      "text_en": "Attitude", "answer_type": "rating5"})[0]
    plan = SurveyPlan.get_or_create(number="DC-2026-Q4", defaults={"template": template, "title": "Q4",
                                                                   "period": "2026-Q4"})[0]
    for value, points in answers:
        response = SurveyResponse.create(plan=plan, unit=unit, received_at=when)
        SurveyAnswer.create(response=response, question=question, value=value, points=points)


def test_goal_measured_from_survey_data(db, lead, manager):
    unit = CustomerUnit.create(name="财政局")
    other = CustomerUnit.create(name="第二中学")
    when = datetime(2026, 11, 10, 10)
    # 財政局: 4 answers, 3 of them satisfied or better → 75.0 %; mean points (10+8+6+4)/4 = 7.0
    _survey(unit, [("very_satisfied", 10), ("satisfied", 8), ("basic", 6), ("dissatisfied", 4)], when)
    # another unit's answers must not count in the unit rate: 2 dissatisfied answers
    _survey(other, [("dissatisfied", 4), ("very_dissatisfied", 2)], when)
    p = improvement.create_project(lead, "财政局满意率偏低")
    p = improvement.set_goal(lead, p.id, p.version, "unit_satisfaction_rate",
                             {"unit_id": unit.id, "from": "2026-11-01", "to": "2026-11-30"}, 60.0, 90.0,
                             date(2026, 12, 31))
    assert improvement.measure_goal(p.id) == 75.0
    p2 = improvement.create_project(lead, "服务态度")
    p2 = improvement.set_goal(lead, p2.id, p2.version, "dimension_mean",
                              {"dimension": "attitude", "from": "2026-11-01", "to": "2026-11-30"}, 5.0, 8.0, None)
    # all six answers: (10+8+6+4+4+2)/6 = 34/6 = 5.67
    assert improvement.measure_goal(p2.id) == 5.67
    p = improvement.agree(lead, p.id, p.version, "专人回访", date(2026, 11, 5))
    p = improvement.mark_done(lead, p.id, p.version, "已回访")
    p = improvement.confirm(manager, p.id, p.version, "unsuccessful")
    assert p.measured_value == 75.0 and p.target_value == 90.0


def test_goal_callback_rate_on_evaluations(db, lead):
    unit = CustomerUnit.create(name="财政局")
    for i, rating in enumerate(["satisfied", "basic", "dissatisfied", "satisfied", "dissatisfied"]):
        ticket = Ticket.create(number=f"GD-20261102-{i:04d}", reported_at=datetime(2026, 11, 2, 9),
                               reporter_name="张三", description="x", unit=unit)
        Evaluation.create(ticket=ticket, kind="dispatcher", rating=rating, points=10,
                          evaluated_at=datetime(2026, 11, 3, 9))
    # the self evaluation is not a callback and must not count
    Evaluation.create(ticket=ticket, kind="self", rating="dissatisfied", points=6, evaluated_at=datetime(2026, 11, 3))
    p = improvement.create_project(lead, "回访满意率")
    p = improvement.set_goal(lead, p.id, p.version, "callback_satisfaction_rate",
                             {"unit_id": unit.id, "from": "2026-11-01", "to": "2026-11-30"}, None, 80.0, None)
    # 3 of 5 callbacks satisfied or basically satisfied → 60.0 %
    assert improvement.measure_goal(p.id) == 60.0


def test_goal_validation(db, lead):
    p = improvement.create_project(lead, "问题")
    with pytest.raises(ValidationError):
        improvement.set_goal(lead, p.id, p.version, "no_such_indicator", {}, None, None, None)
    with pytest.raises(ValidationError):
        improvement.set_goal(lead, p.id, p.version, "unit_satisfaction_rate", {}, None, None, None)
    with pytest.raises(ValidationError):
        improvement.set_goal(lead, p.id, p.version, "dimension_mean", {"dimension": "x"}, None, None, None)


def test_agent_cannot_create(db, make_user):
    with pytest.raises(PermissionDenied):
        improvement.create_project(make_user("agent"), "问题")


def test_tracking_table_export_in_paper_layout(db, lead, manager, tmp_path):
    from openpyxl import load_workbook

    from desk_app import i18n
    from desk_app.services import registers

    i18n.set_language("zh_CN")
    p = improvement.create_project(lead, "打印机故障反复", "meeting", "临时备机")
    p = improvement.agree(lead, p.id, p.version, "更换供应商", date(2026, 11, 5))
    improvement.save_step(lead, p.id, "联系供应商", date(2026, 11, 20), owner_name="采购部")
    out = tmp_path / "improvement.xlsx"
    assert registers.export_improvement(out) == 1
    ws = load_workbook(out).active
    assert ws["A1"].value.startswith("服务改善项目跟踪管理表")
    assert [c.value for c in ws[2]][:7] == ["序号", "改善问题描述", "问题来源", "初步整改措施",
                                           "会议讨论确定整改措施（会议日期）", "推进工作计划", "整改效果评定和确认"]
    row = [c.value for c in ws[3]]
    assert row[0] == p.number and row[1] == "打印机故障反复" and row[2] == "故障分析会"
    assert row[4] == "更换供应商（2026-11-05）"
    assert "联系供应商" in row[5] and "采购部" in row[5]
