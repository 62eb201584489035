"""Ctrl+K: the global search popup finds a ticket by number, a reporter by phone and a complaint by
number, and Enter opens the record in its tab."""

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from desk_app.models import Complaint, Ticket
from desk_app.ui.global_search_dialog import GlobalSearchDialog
from desk_app.ui.main_window import MainWindow


@pytest.fixture
def data(db):
    at = datetime(2026, 10, 20, 9, 30)
    first = Ticket.create(number="GD-20261020-0001", reported_at=at, reporter_name="王老师",
                          reporter_phone="13800138000", description="打印机卡纸", state="new")
    second = Ticket.create(number="GD-20261020-0002", reported_at=at, reporter_name="李老师",
                           reporter_phone="13700137000", description="网络中断", state="new")
    complaint = Complaint.create(number="TS-20261021-001", received_at=at, source="phone", complainant="张处长",
                                 description="维修太慢", state="recorded", due_at=at)
    return {"first": first, "second": second, "complaint": complaint}


@pytest.fixture
def window(qtbot, db, context, data):
    w = MainWindow(context, db)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def search(qtbot, window: MainWindow, text: str) -> GlobalSearchDialog:
    dialog = window.open_search()
    assert dialog.isVisible()
    dialog.edit.setText(text)
    qtbot.waitUntil(lambda: dialog.results.count() > 0)
    return dialog


def test_ctrl_k_opens_the_popup_and_knowledge_moved(qtbot, window):
    assert window.search_action.shortcut() == QKeySequence("Ctrl+K")
    tickets = window.tab_widgets["tickets"]
    assert tickets.knowledge_action.shortcut() == QKeySequence("Ctrl+Shift+K")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.search_dialog is not None and window.search_dialog.isVisible())
    window.search_dialog.reject()
    text = window.shortcuts_text()
    assert "Ctrl+K" in text and "Ctrl+Shift+K" in text and "Ctrl+R" in text


def test_ticket_by_number_opens_the_ticket_form(qtbot, window, data):
    dialog = search(qtbot, window, "GD-20261020-0002")
    assert dialog.results.currentItem().text().startswith("GD-20261020-0002 · 李老师")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    tab = window.tab_widgets["tickets"]
    assert window.tabs.currentWidget() is tab
    assert tab.form is not None and tab.form.detail.id == data["second"].id
    tab.form.reject()


def test_reporter_by_phone_opens_their_ticket(qtbot, window, data):
    dialog = search(qtbot, window, "13800138000")
    assert dialog.hits[0].kind == "ticket" and dialog.hits[0].id == data["first"].id
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    tab = window.tab_widgets["tickets"]
    assert window.tabs.currentWidget() is tab and tab.form.detail.id == data["first"].id
    tab.form.reject()


def test_complaint_by_number_is_selected(qtbot, window, data):
    dialog = search(qtbot, window, "TS-20261021-001")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    tab = window.tab_widgets["complaints"]
    assert window.tabs.currentWidget() is tab
    assert tab.detail is not None and tab.detail.row.id == data["complaint"].id


def test_arrow_keys_choose_among_the_results(qtbot, window, data):
    dialog = search(qtbot, window, "GD-20261020")
    assert dialog.results.count() == 2
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Down)
    assert dialog.results.currentRow() == 1
    chosen = dialog.hits[1]
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert window.tab_widgets["tickets"].form.detail.id == chosen.id
    window.tab_widgets["tickets"].form.reject()


def test_nothing_found_and_too_short(qtbot, context):
    dialog = GlobalSearchDialog(context)
    qtbot.addWidget(dialog)
    dialog.edit.setText("x")
    assert dialog.search() == [] and dialog.status.text() == "Type at least two characters."
    dialog.edit.setText("没有这样的记录")
    assert dialog.search() == [] and dialog.status.text() == "Nothing found."
    assert not dialog.open_selected()


def test_popup_in_chinese(qtbot, context, chinese):
    dialog = GlobalSearchDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "查找记录"
