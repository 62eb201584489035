"""R28–R30a: survey plans — timeline, recipients and tokens, approval and the state table, reminders."""

from datetime import date, datetime

import pytest

from desk_app.errors import ConflictError, PermissionDenied, ValidationError
from desk_app.models import Contact, CustomerUnit, SurveyPlan, SurveyRecipient, SurveyTemplate
from desk_app.models.enums import PlanState
from desk_app.services import survey_export, survey_plan_rows, survey_plan_states, survey_recipients
from desk_app.services import survey_plans as sp
from desk_app.services.survey_periods import Timeline, suggested_timeline


def template_id(code: str) -> int:
    return SurveyTemplate.get((SurveyTemplate.code == code) & (SurveyTemplate.is_current == True)).id  # noqa: E712


def make_units() -> dict[str, CustomerUnit]:
    """Three units: a core one with two contacts, an important one with one, a normal one with two."""
    core = CustomerUnit.create(name="市第一人民医院", importance="core")
    important = CustomerUnit.create(name="市教育局", importance="important")
    normal = CustomerUnit.create(name="城东小学", importance="normal")
    Contact.create(unit=core, name="张伟", email="zw@example.cn", phone="13800000001")
    Contact.create(unit=core, name="李娜", email="ln@example.cn")
    Contact.create(unit=important, name="王芳", email="wf@example.cn")
    Contact.create(unit=normal, name="赵强")
    Contact.create(unit=normal, name="刘洋")
    return {"core": core, "important": important, "normal": normal}


def new_plan(actor, code: str = "company", period: str = "2026-Q3", **kw) -> survey_plan_rows.PlanRow:
    kw.setdefault("importance", ["important", "core"])
    return sp.create_plan(actor, template_id(code), kw.pop("title", "第三季度公司满意度调查"), period, **kw)


def test_suggested_timeline() -> None:
    # annual 2026: planning from the end of December 2025, forms out by Jan 31, collected within a month
    assert suggested_timeline("annual", "2026") == Timeline(date(2025, 12, 20), date(2026, 1, 31),
                                                            date(2026, 2, 28))
    assert suggested_timeline("annual", "2028").collect_by == date(2028, 2, 29)  # leap year
    # quarterly: out at the quarter's end, collected within the next month
    assert suggested_timeline("company", "2026-Q3") == Timeline(date(2026, 9, 1), date(2026, 9, 30),
                                                                date(2026, 10, 31))
    assert suggested_timeline("company", "2026-Q4") == Timeline(date(2026, 12, 1), date(2026, 12, 31),
                                                                date(2027, 1, 31))
    for bad in ("2026-Q5", "26", "2026Q3", "", "2026-3"):
        with pytest.raises(ValidationError):
            suggested_timeline("company", bad)


def test_create_plan_with_recipients_and_tokens(db, make_user) -> None:
    units = make_units()
    quality = make_user("quality")
    plan = new_plan(quality)
    assert plan.number == "DC-2026-01" and plan.state == PlanState.DRAFT
    assert plan.distribute_by == date(2026, 9, 30) and plan.collect_by == date(2026, 10, 31)
    assert plan.recipients == 3 and plan.sent == plan.returned == 0
    recipients = survey_plan_rows.list_recipients(plan.id)
    assert {r.name for r in recipients} == {"张伟", "李娜", "王芳"}  # contacts of the core and important units
    tokens = [r.token for r in SurveyRecipient.select()]
    assert len(set(tokens)) == 3 and all(len(tok) >= 32 for tok in tokens)
    checksums = {r.layout_checksum for r in SurveyRecipient.select()}
    assert len(checksums) == 1 and len(checksums.pop()) == 64

    explicit = new_plan(quality, importance=[], unit_ids=[units["normal"].id], title="城东小学专项")
    assert explicit.number == "DC-2026-02" and explicit.unit_names == ("城东小学",)
    assert {r.name for r in survey_plan_rows.list_recipients(explicit.id)} == {"赵强", "刘洋"}

    annual = new_plan(quality, "annual", "2026", importance=["normal", "important", "core"], title="年度调查")
    assert annual.planning_starts == date(2025, 12, 20) and annual.recipients == 5


def test_plan_input_is_checked(db, make_user) -> None:
    make_units()
    quality, agent = make_user("quality"), make_user("agent")
    with pytest.raises(PermissionDenied):
        new_plan(agent)
    with pytest.raises(ValidationError, match="quarterly"):
        new_plan(quality, period="2026")
    with pytest.raises(ValidationError, match="annual"):
        new_plan(quality, "annual", "2026-Q1")
    with pytest.raises(ValidationError, match="units"):
        new_plan(quality, importance=[])
    with pytest.raises(ValidationError, match="out of order"):
        new_plan(quality, distribute_by=date(2026, 11, 1), collect_by=date(2026, 10, 1))
    with pytest.raises(ValidationError):
        new_plan(quality, importance=["vip"])
    assert SurveyPlan.select().count() == 0


def test_states_and_refusals(db, make_user, tmp_path) -> None:
    make_units()
    quality, manager, agent = make_user("quality"), make_user("manager"), make_user("agent")
    plan = new_plan(quality)

    with pytest.raises(PermissionDenied):
        sp.approve(quality, plan.id, plan.version)  # only the relationship manager approves
    with pytest.raises(ValidationError, match="Draft"):
        survey_export.export_workbooks(agent, plan.id, tmp_path / "out")
    with pytest.raises(ValidationError, match="cannot become"):
        sp.close_collection(quality, plan.id, plan.version)
    with pytest.raises(ValidationError, match="cannot become"):
        sp.mark_analysed(quality, plan.id, plan.version, "分析")

    plan = sp.update_plan(quality, plan.id, plan.version, title="2026年第三季度公司满意度调查")
    with pytest.raises(ConflictError):
        sp.approve(manager, plan.id, plan.version - 1)
    approved = sp.approve(manager, plan.id, plan.version)
    assert approved.state == PlanState.APPROVED and approved.approver == manager.full_name and approved.approved_at
    with pytest.raises(ValidationError, match="cannot become"):
        sp.approve(manager, plan.id, approved.version)
    with pytest.raises(ValidationError, match="Draft"):
        sp.update_plan(quality, plan.id, approved.version, title="x")

    back = sp.return_to_draft(manager, plan.id, approved.version, "请补充核心客户")
    assert back.state == PlanState.DRAFT and back.approver == ""
    approved = sp.approve(manager, plan.id, back.version)

    result = survey_export.export_workbooks(agent, plan.id, tmp_path / "out")
    assert len(result.files) == 3 and result.state == PlanState.COLLECTING
    row = survey_plan_rows.get_plan(plan.id)
    assert row.sent == 3 and row.state == PlanState.COLLECTING
    with pytest.raises(ValidationError, match="cannot become"):
        sp.mark_analysed(quality, plan.id, row.version, "分析")
    with pytest.raises(ValidationError):
        survey_recipients.refresh_recipients(quality, plan.id)  # the workbooks are out

    closed = sp.close_collection(quality, plan.id, row.version)
    assert closed.state == PlanState.CLOSED
    reopened = sp.reopen_collection(quality, plan.id, closed.version)
    closed = sp.close_collection(quality, plan.id, reopened.version)
    with pytest.raises(ValidationError):
        sp.mark_analysed(quality, plan.id, closed.version, "  ")  # the analysis text is required
    done = sp.mark_analysed(quality, plan.id, closed.version, "客户总体满意，网络稳定性需改进。")
    assert done.state == PlanState.ANALYSED and done.analysis_text
    for step in (sp.reopen_collection, sp.close_collection):
        with pytest.raises(ValidationError, match="Analysed"):
            step(quality, plan.id, done.version)
    assert set(survey_plan_states.TRANSITIONS) == {s.value for s in PlanState}


def test_plan_without_contacts_cannot_be_approved(db, make_user) -> None:
    CustomerUnit.create(name="无联系人单位", importance="core")
    quality, manager = make_user("quality"), make_user("manager")
    plan = new_plan(quality)
    assert plan.recipients == 0
    with pytest.raises(ValidationError, match="no recipients"):
        sp.approve(manager, plan.id, plan.version)


def test_recipients_refresh_keeps_tokens(db, make_user) -> None:
    units = make_units()
    quality = make_user("quality")
    plan = new_plan(quality)
    before = {r.contact_id: r.token for r in SurveyRecipient.select()}
    Contact.create(unit=units["core"], name="陈静")
    assert survey_recipients.refresh_recipients(quality, plan.id) == (1, 0)
    after = {r.contact_id: r.token for r in SurveyRecipient.select()}
    assert all(after[cid] == tok for cid, tok in before.items()) and len(after) == 4
    extra = survey_recipients.add_recipient(quality, plan.id, "外聘顾问", unit_id=units["important"].id)
    assert extra.unit_name == "市教育局"
    survey_recipients.remove_recipient(quality, extra.id)
    assert survey_plan_rows.get_plan(plan.id).recipients == 4
    plan = sp.update_plan(quality, plan.id, survey_plan_rows.get_plan(plan.id).version, importance=["core"])
    assert {r.name for r in survey_plan_rows.list_recipients(plan.id)} == {"张伟", "李娜", "陈静"}


def test_distribution_list_and_reminders(db, make_user, tmp_path) -> None:
    make_units()
    quality, manager = make_user("quality"), make_user("manager")
    plan = new_plan(quality)
    plan = sp.approve(manager, plan.id, plan.version)
    assert survey_plan_rows.reminder_list(plan.id) == []  # nothing sent yet
    survey_export.export_workbooks(quality, plan.id, tmp_path)
    rows = survey_plan_rows.list_recipients(plan.id)
    assert all(r.sent_at and r.file_name and r.status == "sent" for r in rows)
    first, second, third = rows
    SurveyRecipient.update(returned_at=first.sent_at).where(SurveyRecipient.id == first.id).execute()
    assert [r.id for r in survey_plan_rows.reminder_list(plan.id)] == [second.id, third.id]
    assert survey_recipients.mark_reminded(quality, [first.id, second.id]) == 1  # the returned one is not reminded
    statuses = {r.id: r.status for r in survey_plan_rows.list_recipients(plan.id)}
    assert statuses == {first.id: "returned", second.id: "reminded", third.id: "sent"}
    assert survey_plan_rows.get_plan(plan.id).reminded == 1
    with pytest.raises(PermissionDenied):
        survey_recipients.mark_reminded(make_user("technician"), [third.id])


def test_find_plan_and_delete_draft(db, make_user) -> None:
    make_units()
    quality = make_user("quality")
    plan = new_plan(quality)
    assert survey_plan_rows.find_plan("DC-2026-01").id == plan.id == survey_plan_rows.find_plan(str(plan.id)).id
    with pytest.raises(ValidationError):
        survey_plan_rows.find_plan("DC-1999-01")
    sp.delete_plan(quality, plan.id, plan.version)
    assert SurveyPlan.select().count() == 0 and SurveyRecipient.select().count() == 0


def test_demo_surveys(db) -> None:
    from desk_app.demo import load_demo
    from desk_app.models import Complaint, Finding, SurveyResponse
    from desk_app.services import survey_analysis

    load_demo(until=date(2026, 10, 31), tickets=60, seed=4)
    plans = {p.period: p for p in survey_plan_rows.list_plans()}
    assert set(plans) == {"2026-Q3", "2026"}
    company, annual = plans["2026-Q3"], plans["2026"]
    assert company.template_code == "company" and company.state == PlanState.ANALYSED and company.analysis_text
    assert set(company.target_importance) == {"important", "core"} and company.approver
    assert company.distribute_by == date(2026, 9, 30)
    assert 0 < company.returned < company.recipients == company.sent
    units = {u.id: u.importance for u in CustomerUnit.select()}
    assert all(units[r.unit_id] in ("important", "core") for r in survey_plan_rows.list_recipients(company.id))
    assert annual.template_code == "annual" and annual.returned > 0
    assert all(r.sent_at.month == 1 for r in survey_plan_rows.list_recipients(annual.id))
    complaint = Complaint.get(Complaint.source == "survey")
    assert SurveyResponse.get_by_id(complaint.survey_response_id).plan_id == company.id
    analysis = survey_analysis.analyse(company.id)
    assert analysis.very_dissatisfied == 1 and analysis.ratings.get("dissatisfied", 0) >= 1
    assert 60 < analysis.satisfaction_rate < 100 and analysis.comments
    assert Finding.select().where(Finding.reviewed_at.is_null(False)).count() > 0
    assert all(r.returned_at <= datetime(2026, 10, 31, 18) for r in SurveyRecipient.select()
               if r.returned_at)
