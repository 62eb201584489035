"""The Tickets tab through its widgets: sorting and filters, the keyboard-only ticket form, closing,
knowledge articles from tickets, per-user columns, and the ledger import's problem list."""

import sys
import types
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QThreadPool
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from desk_app.errors import ValidationError
from desk_app.models import KnowledgeArticle, Ticket
from desk_app.services import ticket_detail, tickets
from desk_app.services.ticket_input import TicketInput
from desk_app.ui.context import AppContext
from desk_app.ui.ticket_model import COLUMN_INDEX
from desk_app.ui.tickets_tab import TicketsTab


def new_ticket(actor, reporter: str, description: str, hours_ago: float = 2, **extra) -> int:
    data = TicketInput(channel="hotline", reported_at=datetime.now() - timedelta(hours=hours_ago),
                       reporter_name=reporter, description=description, **extra)
    return tickets.create_ticket(actor, data).id


def closed_ticket(actor, reporter: str, description: str, hours_ago: float = 5) -> int:
    ticket_id = new_ticket(actor, reporter, description, hours_ago)
    d = tickets.start_work(actor, ticket_id, ticket_detail.get_ticket(ticket_id).version)
    tickets.close(actor, ticket_id, d.version, "网线松动", "重新插紧网线")
    return ticket_id


@pytest.fixture
def make_tab(qtbot, context):
    made = []

    def make(ctx: AppContext | None = None) -> TicketsTab:
        tab = TicketsTab(ctx or context)
        qtbot.addWidget(tab)
        tab.resize(1200, 600)
        tab.show()
        qtbot.waitExposed(tab)
        made.append(tab)
        return tab

    yield make
    QThreadPool.globalInstance().waitForDone(10_000)  # no ledger job outlives its test


def type_text(widget, text: str) -> None:
    """Type `text` into `widget` key by key. (QTest.keyClicks aborts on characters outside Latin-1,
    so each character is sent as a key event carrying the text, as an input method would.)"""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def column_values(tab: TicketsTab, key: str) -> list[str]:
    model = tab.model
    return [model.index(r, COLUMN_INDEX[key]).data() for r in range(model.rowCount())]


def test_header_click_sorts_in_the_database(qtbot, make_tab, admin):
    for i, name in enumerate(("赵磊", "王建国", "李娜", "陈静")):
        new_ticket(admin, name, "电脑无法开机", hours_ago=i + 1)
    tab = make_tab()
    header = tab.view.horizontalHeader()
    column = COLUMN_INDEX["reporter_name"]
    pos = QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert tab.model.sort_key == "reporter_name"
    expected = [t.reporter_name for t in Ticket.select().order_by(Ticket.reporter_name)]
    first = column_values(tab, "reporter_name")
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    second = column_values(tab, "reporter_name")
    assert {tuple(first), tuple(second)} == {tuple(expected), tuple(reversed(expected))}
    assert first != second

    # a column without a sort key keeps the order and the indicator
    summary = COLUMN_INDEX["summary"]
    header.setSectionHidden(summary, False)
    pos = QPoint(header.sectionViewportPosition(summary) + 5, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert column_values(tab, "reporter_name") == second
    assert header.sortIndicatorSection() == column


def test_filter_by_state_combo(make_tab, admin):
    open_id = new_ticket(admin, "王建国", "显示器黑屏")
    closed_id = closed_ticket(admin, "李娜", "网络断开")
    tab = make_tab()
    assert tab.model.total == 2
    tab.state.setCurrentIndex(tab.state.findData("closed"))
    assert tab.model.total == 1
    assert tab.model.row_at(0).id == closed_id
    tab.state.setCurrentIndex(tab.state.findText("Open (not resolved)"))
    assert [tab.model.row_at(r).id for r in range(tab.model.rowCount())] == [open_id]
    assert "1" in tab.count_label.text()
    tab.clear_filters()
    assert tab.model.total == 2


def test_search_box_with_a_two_character_chinese_word_is_debounced(qtbot, make_tab, admin):
    hit = new_ticket(admin, "王建国", "办公室网络断开，无法上网")
    new_ticket(admin, "李娜", "打印机卡纸")
    new_ticket(admin, "赵磊", "网卡驱动异常")  # 网 and 络 apart: not a match
    tab = make_tab()
    assert tab.model.total == 3
    type_text(tab.search, "网络")
    assert tab.model.total == 3  # not yet: the search waits for the typing to pause
    qtbot.waitUntil(lambda: tab.model.total == 1, timeout=3000)
    assert tab.model.row_at(0).id == hit
    tab.search.clear()
    qtbot.waitUntil(lambda: tab.model.total == 3, timeout=3000)


def test_filter_overdue_and_mine(make_tab, admin, make_user):
    late = new_ticket(admin, "王建国", "服务器宕机", hours_ago=40, priority="P1")
    other = make_user("agent")
    new_ticket(other, "李娜", "鼠标失灵", hours_ago=0.1, priority="P4")
    tab = make_tab()
    tab.overdue.setChecked(True)
    assert [tab.model.row_at(r).id for r in range(tab.model.rowCount())] == [late]
    tab.overdue.setChecked(False)
    tab.mine.setChecked(True)
    assert [tab.model.row_at(r).id for r in range(tab.model.rowCount())] == [late]


def test_new_ticket_with_the_keyboard_only(qtbot, make_tab):
    tab = make_tab()
    with qtbot.waitActive(tab):
        tab.activateWindow()
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = tab.form
    assert form is not None and form.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.reporter_name)
    assert form.priority.currentData() == "P3"
    assert form.channel.currentData() == "hotline"
    assert abs(form.reported_at.dateTime().toSecsSinceEpoch() - datetime.now().timestamp()) < 120

    def type_here(text: str) -> None:
        type_text(QApplication.focusWidget(), text)

    def tab_key() -> None:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)

    type_here("张三")
    tab_key()
    type_here("13800138000")
    tab_key()  # customer unit: left empty
    tab_key()
    type_here("行政楼3层")
    tab_key()
    type_here("打印机卡纸")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: not form.isVisible())
    ticket = Ticket.get(Ticket.reporter_name == "张三")
    assert ticket.reporter_phone == "13800138000"
    assert ticket.reporter_location == "行政楼3层"
    assert ticket.description == "打印机卡纸"
    assert ticket.priority == "P3" and ticket.channel == "hotline"
    assert tab.model.row_of_id(ticket.id) >= 0
    assert tab.view.currentIndex().row() == tab.model.row_of_id(ticket.id)


def test_validation_error_names_the_field(qtbot, make_tab):
    tab = make_tab()
    tab.new_ticket()
    form = tab.form
    form.reporter_name.setText("张三")
    form.save()
    assert form.isVisible()
    assert form.error.isVisible()
    assert form.description.property("invalid") is True
    assert Ticket.select().count() == 0


def test_enter_opens_and_close_through_the_form(qtbot, make_tab, admin):
    ticket_id = new_ticket(admin, "王建国", "电脑蓝屏")
    tickets.start_work(admin, ticket_id, ticket_detail.get_ticket(ticket_id).version)
    tab = make_tab()
    tab.view.setFocus()
    tab.view.setCurrentIndex(tab.model.index(0, 0))
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    form = tab.form
    assert form is not None and form.detail.id == ticket_id
    assert "close" in form.action_buttons

    form.action_buttons["close"].click()
    prompt = form.prompt
    assert prompt is not None and prompt.isVisible()
    prompt.ok_button.click()  # nothing entered: the prompt stays and says what is missing
    assert prompt.isVisible() and prompt.error.isVisible()
    assert Ticket.get_by_id(ticket_id).state == "in_progress"
    type_text(prompt.widgets["cause"], "内存条松动")
    type_text(prompt.widgets["resolution"], "重新插拔内存条")
    prompt.ok_button.click()

    assert not prompt.isVisible()
    ticket = Ticket.get_by_id(ticket_id)
    assert ticket.state == "closed"
    assert ticket.cause == "内存条松动" and ticket.resolution == "重新插拔内存条"
    assert form.header.text().endswith("Closed")
    assert "reopen" in form.action_buttons
    assert form.log.rowCount() >= 3
    assert tab.model.row_at(tab.model.row_of_id(ticket_id)).state == "closed"  # the list followed


def test_conflict_offers_reload(qtbot, make_tab, admin):
    ticket_id = new_ticket(admin, "王建国", "电脑蓝屏")
    tab = make_tab()
    tab.open_ticket(ticket_id)
    form = tab.form
    tickets.add_note(admin, ticket_id, "别处改了")  # someone else, meanwhile
    tickets.start_work(admin, ticket_id, ticket_detail.get_ticket(ticket_id).version)
    form.reporter_phone.setText("010-12345678")
    form.save()
    assert form.isVisible()
    assert form.reload_button.isVisible()
    form.reload_button.click()
    assert form.detail.state == "in_progress"
    assert not form.reload_button.isVisible()


def test_knowledge_article_from_the_selected_ticket(qtbot, make_tab, admin):
    ticket_id = closed_ticket(admin, "王建国", "办公室网络断开，无法访问内网")
    tab = make_tab()
    tab.view.setCurrentIndex(tab.model.index(tab.model.row_of_id(ticket_id), 0))
    tab.article_action.trigger()
    article = KnowledgeArticle.get(KnowledgeArticle.source_ticket == ticket_id)
    assert article.cause == "网线松动" and article.solution == "重新插紧网线"
    dialog = tab.knowledge
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.article.id == article.id
    assert dialog.title.text() == article.title
    dialog.title.setText("网络断开：网线松动")
    dialog.save_button.click()
    assert KnowledgeArticle.get_by_id(article.id).title == "网络断开：网线松动"
    dialog.open_source.click()
    assert dialog.ticket_form.detail.id == ticket_id
    dialog.ticket_form.reject()

    # searching the knowledge base with a two-character word
    type_text(dialog.search, "网线")
    qtbot.waitUntil(lambda: len(dialog.rows) == 1, timeout=3000)


def test_article_button_on_the_form(qtbot, make_tab, admin):
    ticket_id = closed_ticket(admin, "李娜", "打印机无法打印")
    tab = make_tab()
    tab.open_ticket(ticket_id)
    tab.form.action_buttons["article"].click()
    assert KnowledgeArticle.select().where(KnowledgeArticle.source_ticket == ticket_id).count() == 1
    qtbot.addWidget(tab.form.knowledge)


def test_repeat_report_is_linked(qtbot, make_tab, admin):
    original = closed_ticket(admin, "王建国", "打印机又卡纸")
    tab = make_tab()
    tab.open_ticket(original)
    tab.form.action_buttons["repeat"].click()
    child = tab.form.child_form
    assert child.reporter_name.text() == "王建国"
    child.save()
    repeat = Ticket.get(Ticket.repeat_of == original)
    assert repeat.reporter_name == "王建国"
    assert tab.model.row_of_id(repeat.id) >= 0


def test_columns_are_kept_per_user(qtbot, make_tab, context, make_user):
    tab = make_tab()
    column = COLUMN_INDEX["unit_name"]
    assert not tab.view.horizontalHeader().isSectionHidden(column)
    menu = tab._make_columns_menu()
    action = next(a for a in menu.actions() if a.data() == column)
    action.setChecked(False)
    assert tab.view.horizontalHeader().isSectionHidden(column)
    tab.view.horizontalHeader().resizeSection(COLUMN_INDEX["reporter_name"], 222)
    tab.save_header()

    again = make_tab()
    assert again.view.horizontalHeader().isSectionHidden(column)
    assert again.view.horizontalHeader().sectionSize(COLUMN_INDEX["reporter_name"]) == 222
    other = make_tab(AppContext(make_user("agent"), context.db_path))
    assert not other.view.horizontalHeader().isSectionHidden(column)


def test_list_follows_changes_made_elsewhere(make_tab, context, admin):
    tab = make_tab()
    assert tab.model.total == 0
    new_ticket(admin, "王建国", "电话没有声音")
    context.events.changed.emit("ticket")
    assert tab.model.total == 1


def test_ledger_import_lists_every_problem(qtbot, make_tab, monkeypatch, tmp_path):
    problems = ["row 3, column 报修时间: not a time", "row 7, column 工单号: duplicate GD-20261101-0001"]

    def import_ledger(actor, path, progress=None, is_cancelled=None):
        progress(1, 2)
        raise ValidationError("The file ledger.xlsx was not imported (2 problems).", problems=problems)

    fake = types.ModuleType("desk_app.services.ledger")
    fake.import_ledger = import_ledger
    monkeypatch.setitem(sys.modules, "desk_app.services.ledger", fake)
    tab = make_tab()
    tab.start_import(tmp_path / "ledger.xlsx")
    assert tab.progress.windowModality() == Qt.WindowModality.WindowModal
    qtbot.waitUntil(lambda: tab.report is not None and tab.report.isVisible(), timeout=5000)
    items = [tab.report.list.item(i).text() for i in range(tab.report.list.count())]
    assert items == problems
    assert not tab.progress.isVisible()
    tab.report.reject()


def test_ledger_import_cancel_sets_the_flag(qtbot, make_tab, monkeypatch, tmp_path):
    import threading

    started = threading.Event()

    def import_ledger(actor, path, progress=None, is_cancelled=None):
        started.set()
        for _ in range(500):
            if is_cancelled():
                raise ValidationError("cancelled")
            threading.Event().wait(0.01)
        raise AssertionError("never cancelled")

    fake = types.ModuleType("desk_app.services.ledger")
    fake.import_ledger = import_ledger
    monkeypatch.setitem(sys.modules, "desk_app.services.ledger", fake)
    tab = make_tab()
    tab.start_import(tmp_path / "ledger.xlsx")
    assert started.wait(5)
    tab.progress.findChild(QPushButton).click()  # the dialog's Cancel button
    qtbot.waitUntil(lambda: tab.report is not None and tab.report.isVisible(), timeout=5000)
    assert "cancelled" in tab.report.findChild(QLabel, "message").text()
    assert tab.worker is None
