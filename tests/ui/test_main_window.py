"""The main window: tabs from the registry, menus by role, status bar, backup, zh_CN titles."""

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from desk_app.services.opening import open_desk
from desk_app.store import backup
from desk_app.store.connection import close_database
from desk_app.ui import app as app_module
from desk_app.ui import main_window, tab_registry
from desk_app.ui.context import AppContext
from desk_app.ui.main_window import MainWindow, TabError

TITLES = ["Tickets", "Callbacks", "Complaints", "Improvement", "Surveys", "Reports"]
CHINESE = {"Tickets": "工单", "Callbacks": "回访", "Complaints": "投诉", "Improvement": "改善", "Surveys": "满意度调查",
           "Reports": "报告"}


def registry_titles() -> list[str]:
    return [spec.title for spec in tab_registry.tabs()]


@pytest.fixture
def window(qtbot, db, context):
    w = MainWindow(context, db)
    qtbot.addWidget(w)
    return w


def tab_titles(w: MainWindow) -> list[str]:
    return [w.tabs.tabText(i) for i in range(w.tabs.count())]


def test_opens_with_all_tabs_and_status_bar(window, db_path):
    assert tab_titles(window) == registry_titles()
    assert set(TITLES) <= set(tab_titles(window))
    assert window.windowTitle() == "Service Desk"
    assert window.user_label.text() == "管理员 (Manager, Administrator)"
    assert window.db_label.text() == str(db_path)
    assert window.admin_action.isVisible()
    assert window.backup_action.isVisible()
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"


def test_agent_has_no_admin_menu(qtbot, db, db_path, make_user):
    agent = make_user("agent", name="李服务台")
    w = MainWindow(AppContext(actor=agent, db_path=db_path), db)
    qtbot.addWidget(w)
    assert not w.admin_action.isVisible()
    assert not w.admin_menu.menuAction().isVisible()
    assert not w.backup_action.isVisible() and not w.restore_action.isVisible()
    assert w.user_label.text() == "李服务台 (Service desk agent)"
    w.open_admin()  # even if triggered somehow, nothing opens for an agent


def test_a_broken_tab_shows_an_error_instead(qtbot, db, context, monkeypatch):
    def broken(_context, _parent):
        raise RuntimeError("boom")

    specs = tab_registry.tabs()
    index = registry_titles().index("Callbacks")
    specs[index] = tab_registry.TabSpec("callbacks", "Callbacks", broken)
    monkeypatch.setattr(main_window.tab_registry, "tabs", lambda: specs)
    w = MainWindow(context, db)
    qtbot.addWidget(w)
    assert tab_titles(w) == registry_titles()
    w.tabs.setCurrentIndex(index)  # tabs are built when first shown
    page = w.tabs.widget(index)
    assert isinstance(page, TabError)
    assert "boom" in page.findChild(QLabel, "tab_error").text()


def test_backup_now_writes_a_backup(window, db_path, monkeypatch):
    messages = []
    monkeypatch.setattr(main_window.QMessageBox, "information", lambda *args: messages.append(args[2]))
    saved = window.backup_now()
    assert saved is not None and saved.exists()
    assert backup.list_backups(db_path) == [saved]
    assert str(saved) in messages[0]


def test_open_and_restore_ask_the_application(qtbot, window, tmp_path, monkeypatch):
    other = tmp_path / "other.sqlite"
    monkeypatch.setattr(main_window.QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    with qtbot.waitSignal(window.open_requested) as opened:
        window.choose_database()
    assert opened.args == [other]
    monkeypatch.setattr(main_window.QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    monkeypatch.setattr(main_window.QMessageBox, "question", lambda *a: main_window.QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(window.restore_requested) as restored:
        window.choose_restore()
    assert restored.args == [other]


def test_about_names_versions_and_database(window, db_path):
    text = window.about_text()
    assert str(db_path) in text and "Qt 6" in text
    assert "Ctrl+Q" in window.shortcuts_text()


def test_geometry_is_remembered(qtbot, db, context):
    w = MainWindow(context, db)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.resize(790, 450)
    w.tabs.setCurrentIndex(2)
    w.close()
    again = MainWindow(context, db)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.tabs.currentIndex() == 2
    assert again.size().height() == 450


def test_tab_titles_in_chinese(qtbot, db, context, chinese):
    w = MainWindow(context, db)
    qtbot.addWidget(w)
    titles = dict(zip(registry_titles(), tab_titles(w), strict=True))
    assert {source: titles[source] for source in TITLES} == CHINESE
    assert w.windowTitle() == "服务台"
    assert w.user_label.text() == "管理员（管理人员、系统管理员）"


@pytest.mark.sqlite_only("a damaged SQLite file")
def test_damaged_database_offers_the_newest_backup(qtbot, db, db_path, admin, monkeypatch):
    saved = backup.backup_database(db, db_path)
    close_database(db)
    db_path.write_bytes(b"this is not a database" * 100)
    monkeypatch.setattr(app_module.QMessageBox, "question", lambda *a: app_module.QMessageBox.StandardButton.Yes)
    reopened = app_module.open_db(db_path)
    assert reopened is not None
    assert [p.name for p in db_path.parent.glob("desk.sqlite.damaged-*")]
    assert saved.exists()
    con = sqlite3.connect(db_path)
    assert con.execute("select username from user").fetchall() == [("admin",)]
    con.close()
    close_database(reopened)
    open_desk(db_path)  # leave the fixture's proxy bound to an open database


@pytest.mark.sqlite_only("a damaged SQLite file")
@pytest.mark.parametrize("answer", ["Yes", "No"])
def test_a_damaged_file_a_dead_desk_left_is_offered_the_restore_at_start(qtbot, db, db_path, admin, monkeypatch,
                                                                        answer):
    """The GUI's start after an unclean shutdown: the full check finds the damage, the restore is offered."""
    from desk_app.cli import _start_gui_check
    from desk_app.store import precheck

    saved = backup.backup_database(db, db_path)
    close_database(db)
    data = bytearray(db_path.read_bytes())
    data[:100] = b"\xff" * 100  # the header: "file is not a database"
    db_path.write_bytes(bytes(data))
    marker = precheck._marker_path(db_path, pid=2_000_000_000)
    marker.write_text(f"{db_path}\n", encoding="utf-8")
    damaged = db_path.read_bytes()
    button = getattr(app_module.QMessageBox.StandardButton, answer)
    asked = []
    monkeypatch.setattr(app_module.QMessageBox, "question", lambda *a: asked.append(a[2]) or button)
    _start_gui_check(["--db", str(db_path)])
    reopened = app_module.open_db(db_path)
    assert asked and "damaged" in asked[0] and str(saved) in asked[0]
    if answer == "No":
        assert reopened is None
        assert db_path.read_bytes() == damaged, "nothing written to the unchecked file"
        assert marker.exists()
    else:
        assert reopened is not None
        assert [p.name for p in db_path.parent.glob("desk.sqlite.damaged-*")]
        close_database(reopened)
        assert precheck.why_check(db_path) is None, "the restored file was checked and closed cleanly"
    open_desk(db_path.parent / "other.sqlite" if answer == "No" else db_path)  # the proxy bound to an open database


def test_database_too_new_is_a_plain_message(tmp_path: Path, monkeypatch):
    path = tmp_path / "new.sqlite"
    con = sqlite3.connect(path)
    con.execute("create table user (id integer primary key)")
    con.execute("pragma user_version = 999")
    con.close()
    shown = []
    monkeypatch.setattr(app_module.QMessageBox, "critical", lambda *a: shown.append(a[2]))
    assert app_module.open_db(path) is None
    assert "newer" in shown[0]


def test_crash_dialog_shows_traceback_and_log(qtbot, tmp_path, monkeypatch):
    import sqlite3 as sq

    from desk_app.ui import crash_dialog
    from desk_app.ui.crash_dialog import CrashDialog

    log_path = tmp_path / "desk-app.log"
    dialog = CrashDialog("Traceback (most recent call last):\nValueError: x", log_path)
    qtbot.addWidget(dialog)
    assert dialog.details.isReadOnly() and "ValueError" in dialog.details.toPlainText()
    assert str(log_path) in dialog.log_label.text()
    dialog.copy()

    shown = []
    monkeypatch.setattr(crash_dialog.QMessageBox, "warning", lambda *a: shown.append(a[2]))
    crash_dialog.show_exception(sq.OperationalError("database is locked"), log_path)
    assert shown == ["The database is locked by another program or workstation. Try again in a moment."]


def test_tabs_are_built_when_first_shown(window):
    assert window.tabs.currentIndex() == 0
    tickets = window.tabs.widget(registry_titles().index("Tickets"))
    assert type(tickets).__name__ == "QWidget"  # a placeholder until shown
    window.tabs.setCurrentIndex(registry_titles().index("Tickets"))
    built = window.tabs.currentWidget()
    assert type(built).__name__ == "TicketsTab" and built.objectName() == "tab_tickets"
    assert window.tab_widgets["tickets"] is built
    assert type(window.tab_widgets["reports"]).__name__ == "ReportsTab"  # built on access too
    assert window.tabs.currentWidget() is built and tab_titles(window) == registry_titles()
