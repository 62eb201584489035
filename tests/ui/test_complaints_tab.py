"""Complaints tab end to end: register a complaint, walk it through 01–06 to closed, start a project."""

from datetime import datetime

import pytest

from desk_app.models import Complaint, ImprovementProject
from desk_app.ui.complaints_tab import ComplaintsTab
from desk_app.ui.context import AppContext
from tests.ui.form_driver import FormQueue


@pytest.fixture
def tab(qtbot, db, db_path, admin, make_user):
    make_user("manager", name="赵部长")
    widget = ComplaintsTab(AppContext(admin, db_path))
    qtbot.addWidget(widget)
    return widget


def test_register_and_walk_to_closed(tab, monkeypatch):
    forms = FormQueue(monkeypatch)
    forms.push({"complainant": "张主任", "title": "信息科主任", "description": "打印机报修三天无人处理 <急>",
                "received_at": datetime(2026, 11, 20, 9, 0), "category": "响应慢"})
    assert tab.new_complaint()
    complaint = Complaint.get()
    assert complaint.complainant == "张主任" and complaint.escalated  # 主任 → VIP escalation
    assert tab.table.row_count() == 1
    assert tab.detail.row.id == complaint.id
    assert "打印机报修三天无人处理 &lt;急&gt;" in tab.record.toHtml()
    assert tab.buttons["accept"].isEnabled() and not tab.buttons["verify"].isEnabled()

    forms.push({"note": "已电话确认"})
    assert tab.accept_complaint()
    forms.push({"valid": True, "reason": "超过约定修复时间"})
    assert tab.decide_validity()
    forms.push({"department": "桌面运维部", "manager": "赵部长", "rep": "质量部"})
    assert tab.dispatch()
    forms.push({"measures": "配备备用打印机"})
    assert tab.measures()
    forms.push({"note": "已核实"})
    assert tab.verify()
    assert Complaint.get().state == "verified"

    # closing without confirmation or a reason stays open and shows why
    forms.push({"confirmed": False})
    assert not tab.close_complaint()
    assert not forms.seen[-1].error.isHidden()
    assert "confirmation" in forms.seen[-1].error.text()
    assert Complaint.get().state == "verified"
    forms.push({"confirmed": True, "findings": "备件不足导致延误"})
    assert tab.close_complaint()
    assert Complaint.get().state == "closed" and Complaint.get().findings == "备件不足导致延误"
    assert "Close" in tab.record.toPlainText()  # the closing step, named in the history

    assert tab.buttons["project"].isEnabled()
    monkeypatch.setattr("desk_app.ui.complaints_tab.QMessageBox.information", lambda *a, **k: None)
    tab.start_project()
    assert ImprovementProject.get().complaint_id == complaint.id
    assert not tab.buttons["project"].isEnabled()


def test_filters(tab, monkeypatch):
    forms = FormQueue(monkeypatch)
    forms.push({"complainant": "甲", "description": "态度差", "source": "email"})
    tab.new_complaint()
    forms.push({"complainant": "乙", "description": "响应慢"})
    tab.new_complaint()
    assert tab.table.row_count() == 2
    tab.source_filter.setCurrentIndex(tab.source_filter.findData("email"))
    assert tab.table.row_count() == 1
    assert tab.table.row_at(0).complainant == "甲"
    tab.table.filter.setText("乙")
    assert tab.table.row_count() == 0
