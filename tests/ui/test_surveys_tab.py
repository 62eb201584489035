"""Surveys tab end to end (R27–R31): plan through the dialog, approve, export workbooks, fill two,
import a folder with a bad file, analysis, findings, and a template edit that makes version 2."""

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QMessageBox

from desk_app.io.survey_workbook import read_workbook
from desk_app.models import Finding, ImprovementProject, SurveyPlan, SurveyTemplate
from desk_app.models.enums import PlanState
from desk_app.services import survey_analysis
from desk_app.ui import survey_workbook_dialogs as dialogs_module
from desk_app.ui import survey_workbook_jobs as jobs_module
from desk_app.ui.context import AppContext
from desk_app.ui.findings_view import FindingsPage
from desk_app.ui.survey_plan_dialog import SurveyPlanDialog
from desk_app.ui.survey_workbook_dialogs import ExportResultDialog, ImportResultDialog
from desk_app.ui.surveys_tab import SurveysTab
from desk_app.ui.template_editor import ZH, TemplateEditor
from tests.ui.form_driver import FormQueue
from tests.unit.test_survey_plans import make_units, template_id

#: Answers by question number for the company questionnaire: 1–8 five-level, 9 yes/no, 10 comments.
GOOD = {1: "满意", 2: "非常满意", 3: "基本满意", 4: "满意", 5: "满意", 6: "满意", 7: "非常满意", 8: "满意", 9: "是"}


def fill(src: Path, dst: Path, answers: dict[int, str]) -> Path:
    """A respondent's work: the answer cells (found through the reader) typed with openpyxl."""
    content = read_workbook(src)
    wb = load_workbook(src)
    ws = wb[content.sheet]
    rows = {q.shown_number: q.row for q in content.questions}
    for seq, value in answers.items():
        ws[f"D{rows[str(seq)]}"] = value
    dst.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dst)
    return dst


@pytest.fixture
def tab(qtbot, db, db_path, admin):
    make_units()
    widget = SurveysTab(AppContext(admin, db_path))
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def answer_yes(monkeypatch):
    asked: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


@pytest.fixture
def informed(monkeypatch):
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda _p, _t, text, *a, **k: told.append(text)))
    return told


def test_main_workflow(tab, qtbot, monkeypatch, tmp_path, admin, make_user, answer_yes, informed):
    forms = FormQueue(monkeypatch)
    plans = tab.page("plans")

    # 1. a new plan through the dialog: the company questionnaire, 2026-Q3, important and core units
    forms.push({"template": template_id("company"), "year": 2026, "quarter": 3, "title": "第三季度公司满意度调查"})
    plan = plans.new_plan()
    dialog = forms.seen[-1]
    assert isinstance(dialog, SurveyPlanDialog)
    assert dialog.planning_starts.date().toPython() == date(2026, 9, 1)  # the suggested timeline (R28)
    assert dialog.collect_by.date().toPython() == date(2026, 10, 31)
    assert plan.period == "2026-Q3" and plan.recipients == 3 and plan.state == PlanState.DRAFT
    assert set(plan.target_importance) == {"important", "core"}
    assert plans.table.row_count() == 1 and plans.plan.id == plan.id
    assert plans.recipients.row_count() == 3
    assert plans.buttons["approve"].isEnabled() and not plans.buttons["export"].isEnabled()

    # 2. approve (manager: relationship manager)
    plans.approve()
    assert plans.plan.state == PlanState.APPROVED
    assert plans.buttons["export"].isEnabled() and plans.buttons["draft"].isEnabled()

    # 3. export the workbooks to a folder in a worker
    out = tmp_path / "sent"
    monkeypatch.setattr(jobs_module.QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(out)))
    forms.push({"language": "zh_CN"})
    plans.export_workbooks()
    qtbot.waitUntil(lambda: plans.worker is None, timeout=20000)
    result = plans.result_dialog
    assert isinstance(result, ExportResultDialog)
    files = sorted(out.glob("*.xlsx"))
    assert len(files) == 3 and result.files.count() == 3
    opened: list[QUrl] = []
    monkeypatch.setattr(dialogs_module.QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url)))
    result.open_button.click()
    assert opened and Path(opened[0].toLocalFile()) == out
    result.close()
    assert plans.plan.state == PlanState.COLLECTING and plans.plan.sent == 3

    # the reminder list: everyone who got a workbook and has not returned it
    assert plans.reminders.row_count() == 3 and plans.remind_button.isEnabled()
    assert plans.mark_reminded() == 3
    assert plans.plan.reminded == 3

    # 4. two filled workbooks and a text file dressed up as a workbook
    back = tmp_path / "back"
    fill(files[0], back / "1.xlsx", GOOD | {5: "不满意", 10: "报修后上门太慢，希望改进。"})
    fill(files[1], back / "2.xlsx", GOOD)
    (back / "3-bad.xlsx").write_text("this is not a workbook", encoding="utf-8")
    monkeypatch.setattr(jobs_module.QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(back)))
    plans.import_folder()
    qtbot.waitUntil(lambda: plans.worker is None, timeout=20000)
    report = plans.result_dialog
    assert isinstance(report, ImportResultDialog)
    assert report.table.rowCount() == 3
    results = {report.table.item(r, 0).text(): (report.table.item(r, 1).text(), report.table.item(r, 3).text())
               for r in range(3)}
    assert [results[name][0] for name in ("1.xlsx", "2.xlsx", "3-bad.xlsx")] == ["Accepted", "Accepted", "Rejected"]
    assert results["3-bad.xlsx"][1].strip()  # the reason is given
    assert "2 accepted, 1 rejected" in report.summary.text()
    assert "3-bad.xlsx" in report.report_text()
    report.close()
    assert plans.plan.returned == 2
    assert plans.table.model.item(0, 7).data(Qt.ItemDataRole.DisplayRole) == 2

    # 5. the analysis page: response rate, and one bar per dimension answered
    tab.show_analysis(plan.id)
    page = tab.page("analysis")
    assert tab.tabs.currentWidget() is page
    assert page.kpis["response_rate"].value.text() == "66.7 %"
    analysis = survey_analysis.analyse(plan.id)
    answered = [d for d in analysis.dimensions if d.mean_points is not None]
    assert len(answered) == 8
    assert page.dimension_bars.count() == len(answered)
    assert page.questions.row_count() == 10
    assert "报修后上门太慢" in page.comments.toPlainText()
    assert page.findings.item(page.findings.rowCount() - 1, page.findings.columnCount() - 1).text() == "2"

    # 6. findings: the desk classifies one (R30b), and it becomes an improvement project
    tab.show_findings(plan.id)
    findings = tab.page("findings")
    assert findings.table.row_count() == 2
    findings.table.select_where(lambda r: "不满意" in r.text)
    finding = findings.finding
    forms.push({"level": "serious", "problem_type": "response"})
    assert findings.classify()
    stored = Finding.get_by_id(finding.id)
    assert (stored.level, stored.problem_type, stored.classified_by_id) == ("serious", "response", admin.id)
    findings.unclassified_only.setChecked(True)
    assert findings.table.row_count() == 1
    findings.unclassified_only.setChecked(False)
    assert findings.buttons["review"].isHidden()  # only quality control reviews
    findings.table.select_where(lambda r: r.id == finding.id)
    forms.push({"measure": "增加夜间值班人员"})
    project = findings.start_project()
    assert project is not None and ImprovementProject.get().survey_plan_id == plan.id
    assert "报修后" not in ImprovementProject.get().problem and "不满意" in ImprovementProject.get().problem

    # quality control reviews the classification
    quality = make_user("quality")
    qc_page = FindingsPage(AppContext(quality, tab.context.db_path))
    qtbot.addWidget(qc_page)
    qc_page.table.select_where(lambda r: r.id == finding.id)
    assert qc_page.buttons["review"].isEnabled()
    forms.push({"level": "general"})
    assert qc_page.review()
    stored = Finding.get_by_id(finding.id)
    assert stored.level == "general" and stored.reviewed_by_id == quality.id

    # 7. close the collection and record the analysis
    tab.show_page("plans")
    plans.select_plan(plan.id)
    plans.close_collection()
    assert plans.plan.state == PlanState.CLOSED and "1 of 3" in answer_yes[-1]
    forms.push(lambda d: d.fields["analysis"].setPlainText(d.fields["analysis"].toPlainText() + " 整体满意。"))
    plans.mark_analysed()
    assert SurveyPlan.get_by_id(plan.id).state == PlanState.ANALYSED
    assert "66.7%" in SurveyPlan.get_by_id(plan.id).analysis_text  # the suggested draft was kept


def test_plan_dialog_follows_template_and_stays_open_on_errors(tab, monkeypatch):
    forms = FormQueue(monkeypatch)
    plans = tab.page("plans")

    def annual_without_targets(dialog: SurveyPlanDialog) -> None:
        dialog.template.setCurrentIndex(dialog.template.findData(template_id("annual")))
        dialog.year.setCurrentIndex(dialog.year.findData(2026))
        assert dialog.quarter.currentData() == 0 and not dialog.quarter.isEnabled()  # a year
        assert dialog.planning_starts.date().toPython() == date(2025, 12, 20)
        assert dialog.distribute_by.date().toPython() == date(2026, 1, 31)
        assert dialog.title_edit.text().startswith("2026 ")  # suggested until the person types one
        dialog.important.setChecked(False)
        dialog.core.setChecked(False)

    forms.push(annual_without_targets)
    assert plans.new_plan() is None
    dialog = forms.seen[-1]
    assert not dialog.error.isHidden() and "units" in dialog.error.text()
    assert SurveyPlan.select().count() == 0

    def two_units(dialog: SurveyPlanDialog) -> None:
        annual_without_targets(dialog)
        dialog.title_edit.setText("年度调查")
        dialog.units.item(0).setCheckState(Qt.CheckState.Checked)
        dialog.anonymous.setChecked(True)
        dialog.ask_unit.setChecked(False)

    forms.push(two_units)
    plan = plans.new_plan()
    assert plan.period == "2026" and plan.anonymous and not plan.ask_unit and len(plan.unit_ids) == 1
    assert plan.title == "年度调查"

    # edit the draft: the template and period are fixed; the targets can change
    def more_units(dialog: SurveyPlanDialog) -> None:
        assert not dialog.template.isEnabled() and not dialog.year.isEnabled()
        dialog.core.setChecked(True)

    forms.push(more_units)
    edited = plans.edit_plan()
    assert edited.target_importance == ("core",) and edited.recipients > plan.recipients


def test_template_edit_of_a_used_template_makes_version_2(tab, monkeypatch, informed):
    forms = FormQueue(monkeypatch)
    forms.push({"template": template_id("company"), "year": 2026, "quarter": 3})
    tab.page("plans").new_plan()  # the company questionnaire is now in use

    page = tab.show_page("templates")
    company = template_id("company")
    assert page.table.select_where(lambda r: r.id == company)
    assert page.template.in_use and page.questions.rowCount() == 10

    def edit(editor: TemplateEditor) -> None:
        assert not editor.notice.isHidden()  # says a new version will be made
        editor.name_en.setText("Company satisfaction questionnaire (revised)")
        editor.table.item(0, ZH).setText("对运维团队的总体评价（修订）")
        editor.table.selectRow(9)
        editor.move(-1)  # the comments question moves above the yes/no one
        editor.table.selectRow(9)
        editor.add_question()
        editor.table.item(10, ZH).setText("是否推荐给其他单位")
        editor.table.item(10, 2).setText("Would you recommend us?")

    def run(editor: TemplateEditor) -> int:
        edit(editor)
        editor.submit()
        return editor.result()

    monkeypatch.setattr(TemplateEditor, "exec", run)
    saved = page.edit_template()
    assert saved.template_version == 2 and saved.id != company
    assert "version 2" in informed[-1]
    texts = [q.text_zh for q in saved.questions]
    assert texts[0] == "对运维团队的总体评价（修订）" and len(texts) == 11
    assert texts[8] == "意见和建议" and texts[10] == "是否推荐给其他单位"
    old = SurveyTemplate.get_by_id(company)
    assert not old.is_current and old.template_version == 1
    assert page.template.id == saved.id  # the list shows the new current version
    assert page.table.row_count() == 3

    # an empty question text keeps the editor open with the service's message
    def broken(editor: TemplateEditor) -> int:
        editor.table.item(0, ZH).setText("")
        editor.submit()
        assert not editor.error.isHidden()
        return editor.result()

    monkeypatch.setattr(TemplateEditor, "exec", broken)
    assert page.edit_template() is None


def test_registry_builds_the_tab(qtbot, db, db_path, admin):
    from desk_app.ui.tab_registry import tabs

    spec = next(s for s in tabs() if s.key == "surveys")
    widget = spec.factory(AppContext(admin, db_path), None)
    qtbot.addWidget(widget)
    assert isinstance(widget, SurveysTab)
