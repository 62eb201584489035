"""Improvement tab end to end: a project from a complaint, steps, meeting decision, confirmation."""

from datetime import date, datetime

import pytest

from desk_app.models import ImprovementProject, ImprovementStep
from desk_app.services import complaints
from desk_app.services.complaints import ComplaintInput
from desk_app.ui.complaints_tab import ComplaintsTab
from desk_app.ui.context import AppContext
from desk_app.ui.improvement_tab import ImprovementTab
from tests.ui.form_driver import FormQueue


@pytest.fixture
def context(db, db_path, admin):
    return AppContext(admin, db_path)


def _valid_complaint(actor) -> int:
    c = complaints.register(actor, ComplaintInput(received_at=datetime(2026, 11, 2, 9), source="phone",
                                                  complainant="张三", description="网络经常中断"))
    c = complaints.accept(actor, c.row.id, c.row.version)
    c = complaints.decide_validity(actor, c.row.id, c.row.version, True, "属实")
    return c.row.id


def test_project_from_complaint_to_confirmed(qtbot, context, monkeypatch):
    complaint_id = _valid_complaint(context.actor)
    complaints_tab = ComplaintsTab(context)
    improvement_tab = ImprovementTab(context)
    qtbot.addWidget(complaints_tab)
    qtbot.addWidget(improvement_tab)
    assert improvement_tab.table.row_count() == 0
    complaints_tab.table.select_where(lambda r: r.id == complaint_id)
    monkeypatch.setattr("desk_app.ui.complaints_tab.QMessageBox.information", lambda *a, **k: None)
    complaints_tab.start_project()
    # the improvement tab listens to the change and shows the new project with its source
    assert improvement_tab.table.row_count() == 1
    project = ImprovementProject.get()
    assert project.complaint_id == complaint_id and project.source == "complaint"

    forms = FormQueue(monkeypatch)
    improvement_tab.table.select_where(lambda r: r.id == project.id)
    forms.push({"measure": "更换核心交换机", "meeting": date(2026, 11, 5)})
    assert improvement_tab.agree()
    forms.push({})
    assert improvement_tab.start()
    forms.push({"description": "采购交换机", "owner_name": "采购部", "due": date(2026, 11, 30)})
    assert improvement_tab.add_step()
    assert ImprovementStep.get().owner_name == "采购部"
    forms.push(lambda dialog: None)  # the only open step is preselected
    assert improvement_tab.complete_step()
    assert ImprovementStep.get().done_at is not None
    forms.push({"effect": "一个月内无中断"})
    assert improvement_tab.mark_done()
    assert improvement_tab.buttons["confirm"].isEnabled()
    forms.push({"code": "successful"})
    assert improvement_tab.confirm()
    project = ImprovementProject.get()
    assert project.state == "confirmed" and project.closure_code == "successful"
    assert project.confirmed_by_id == context.actor.id
    assert "更换核心交换机" in improvement_tab.record.toPlainText()


def test_new_project_validation_stays_open(qtbot, context, monkeypatch):
    tab = ImprovementTab(context)
    qtbot.addWidget(tab)
    forms = FormQueue(monkeypatch)
    forms.push({"problem": "  "})
    assert not tab.new_project()
    assert "required" in forms.seen[-1].error.text()
    forms.push({"problem": "打印机卡纸频繁", "source": "meeting", "measure": "定期保养"})
    assert tab.new_project()
    assert tab.table.row_count() == 1 and tab.project.problem == "打印机卡纸频繁"
