"""With the zh_CN translation installed, no tab of the main window shows English text (R43).

Builds the main window with every tab (on an empty database and on the demo data), switches
through every tab and every stacked page, and reads what a person would see: labels, buttons,
group boxes, tab titles, placeholders, combo box items, table headers and the first rows of tables. A text counts as
English when it has a run of three or more ASCII letters and no Chinese character, once the
things that stay Latin in a Chinese UI (codes like GD-…, SLA, PDF, Excel, shortcuts, file
names, paths) are taken out.
"""

import re
from datetime import date

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QStackedWidget,
    QTabBar,
    QTextEdit,
    QTreeView,
    QWidget,
)

from desk_app.services.actor import Actor
from desk_app.ui.context import AppContext
from desk_app.ui.main_window import MainWindow

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
ENGLISH = re.compile(r"[A-Za-z]{3,}")
# Latin text a Chinese UI keeps: product and format names, codes, shortcuts, files, markup.
ALLOWED = re.compile(
    r"<[^>]*>|&[a-z]+;"  # HTML tags and entities
    r"|\b(?:[A-Z]:)?(?:[\w.~-]*[/\\])+[\w.~-]*"  # paths
    r"|\b[\w-]+\.(?:xlsx|pdf|sqlite|log|ts|qm|ttf|otf|ttc)\b"  # file names
    r"|\b(?:GD|TS|CP|IP|SV|RP|KB)-[\w-]*"  # record numbers
    r"|\b(?:Ctrl|Shift|Alt|Meta)\+\S+|\bF\d+\b"  # shortcuts
    r"|\b(?:SLA|SLO|VPN|PDF|Excel|QR|SHA-256|VIP|KPI|IT|ITSS|ISO|OA|ERP|CPU|USB|LAN|WiFi|Wi-Fi|DNS|DHCP"
    r"|PySide6|Qt|Python|SQLite|TrueType|CJK|Email|ID|OK|Windows|Office|Outlook|Word|PPT|AD|UPS|NAS"
    r"|Service Desk|zh_CN|en|xlsx|pdf|YYYY-MM-DD|YYYY-MM|HH:MM|Q[1-4]|L[12]|P[1-4]|N/A)\b"
)


def english(text: str) -> bool:
    """True when `text` is English UI text rather than Chinese, a code or user data."""
    if not text or CJK.search(text):
        return False
    return bool(ENGLISH.search(ALLOWED.sub(" ", text)))


def shown_children(widget: QWidget) -> list[QWidget]:
    """The child widgets a person can get to: not hidden, except the pages of a stack (all of them)."""
    children = [c for c in widget.children() if isinstance(c, QWidget) and not c.isWindow()]
    if isinstance(widget, QStackedWidget):
        return children
    return [c for c in children if not c.isHidden()]


def texts_of(widget: QWidget) -> list[str]:
    """The visible texts of one widget (not of its children)."""
    found: list[str] = []
    if isinstance(widget, QLabel):
        found.append(widget.text())
    elif isinstance(widget, QAbstractButton):
        found.append(widget.text().replace("&", ""))
    elif isinstance(widget, QGroupBox):
        found.append(widget.title())
    elif isinstance(widget, QTabBar):
        found += [widget.tabText(i).replace("&", "") for i in range(widget.count())]
    elif isinstance(widget, QLineEdit):
        found.append(widget.placeholderText())
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        found.append(widget.placeholderText())
        if widget.isReadOnly():  # a details pane: what the application wrote there, line by line
            found += widget.toPlainText().splitlines()
    elif isinstance(widget, QComboBox):
        found += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        found += model_texts(widget.model(), tree=isinstance(widget, QTreeView))
    return found


def model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None, rows: int = 30,
                tree: bool = False) -> list[str]:
    """The column headers and the cells of the first rows (and, in a tree, of their children)."""
    parent = QModelIndex() if parent is None else parent
    display = Qt.ItemDataRole.DisplayRole
    found = [] if parent.isValid() else [
        str(model.headerData(c, Qt.Orientation.Horizontal, display) or "") for c in range(model.columnCount())]
    for row in range(min(model.rowCount(parent), rows)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            value = model.data(index, display)
            if isinstance(value, str):
                found.append(value)
        first = model.index(row, 0, parent)
        if tree and model.rowCount(first):
            found += model_texts(model, first, rows, tree)
    return found


def walk(widget: QWidget, where: str, seen: set[int]) -> list[tuple[str, str]]:
    """(widget path, text) of every English text in `widget` and what it contains."""
    if id(widget) in seen:
        return []
    seen.add(id(widget))
    name = widget.objectName() or type(widget).__name__
    path = f"{where}/{name}"
    bad = [(path, text) for text in texts_of(widget) if english(text)]
    for child in shown_children(widget):
        bad += walk(child, path, seen)
    return bad


def select_first_rows(page: QWidget) -> None:
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if model is not None and model.rowCount() and view.selectionModel() is not None:
            view.setCurrentIndex(model.index(0, 0))


def walk_window(qtbot, window: QMainWindow) -> list[tuple[str, str]]:
    window.show()
    qtbot.waitExposed(window)
    today = window.tab_widgets["today"]
    qtbot.waitUntil(lambda: today.loaded)  # its figures come from a worker
    bad: list[tuple[str, str]] = []
    bad += [("menu", action.text().replace("&", "")) for menu in window.menuBar().actions()
            for action in [menu, *(menu.menu().actions() if menu.menu() else [])] if english(action.text())]
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(20)
        page = window.tabs.widget(index)
        bad += walk(page, window.tabs.tabText(index), set())
        select_first_rows(page)  # fills the details panes
        qtbot.wait(20)
        bad += walk(page, window.tabs.tabText(index), set())
    bad += [("tabs", window.tabs.tabText(i)) for i in range(window.tabs.count()) if english(window.tabs.tabText(i))]
    return sorted(set(bad))


def test_english_detection():
    assert english("Save the form")
    assert english("Rank")
    assert not english("保存 (Ctrl+S)")
    assert not english("GD-20261121-0007")
    assert not english("SLA")
    assert not english("P1")
    assert not english("/tmp/pytest-1/desk.sqlite")
    assert not english("2026-11-05 08:00")
    assert not english("Excel (*.xlsx)")
    assert not english("")


def test_every_tab_is_chinese_on_an_empty_database(qtbot, db, context, chinese):
    window = MainWindow(context, db)
    qtbot.addWidget(window)
    assert walk_window(qtbot, window) == []


@pytest.mark.slow
def test_every_tab_is_chinese_with_the_demo_data(qtbot, db, db_path, chinese):
    from desk_app.demo import load_demo
    from desk_app.models import User

    load_demo(until=date(2026, 11, 20), tickets=120, seed=2)
    actor = Actor.from_user(User.get(User.username == "admin"))
    window = MainWindow(AppContext(actor=actor, db_path=db_path), db)
    qtbot.addWidget(window)
    assert walk_window(qtbot, window) == []


def test_the_walk_sees_english_without_the_translation(qtbot, db, context):
    window = MainWindow(context, db)
    qtbot.addWidget(window)
    found = walk_window(qtbot, window)
    texts = {text for _where, text in found}
    assert {"Refresh", "Tickets", "Clear filters"} <= texts  # a button, a tab title, a check box
    assert any("/" in where for where, _text in found) and len(found) > 100
