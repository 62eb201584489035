"""First run on a new database: the first administrator, or demo data with its accounts."""

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from desk_app.services import auth
from desk_app.ui import first_run_dialog
from desk_app.ui.first_run_dialog import FirstRunDialog


@pytest.fixture
def dialog(qtbot, db):
    d = FirstRunDialog()
    qtbot.addWidget(d)
    d.show()
    qtbot.mouseClick(d.empty_button, Qt.MouseButton.LeftButton)
    assert d.pages.currentIndex() == FirstRunDialog.ADMIN
    return d


def fill(d: FirstRunDialog, username: str, password: str, repeat: str) -> None:
    d.admin_username.setText(username)
    d.admin_full_name.setText("王管理")
    d.admin_password.setText(password)
    d.admin_repeat.setText(repeat)


def test_mismatched_repeat_is_refused(qtbot, dialog):
    fill(dialog, "boss", "long-password-1", "long-password-2")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.admin_error.text() == "The two passwords are not the same."
    assert dialog.result() != FirstRunDialog.DialogCode.Accepted
    assert auth.needs_first_admin()


def test_short_password_shows_the_service_message(qtbot, dialog):
    fill(dialog, "boss", "short", "short")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "at least 8 characters" in dialog.admin_error.text()
    assert auth.needs_first_admin()


def test_creates_the_first_administrator(qtbot, dialog):
    fill(dialog, "boss", "long-password-1", "long-password-1")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.username == "boss"
    assert not auth.needs_first_admin()
    actor = auth.authenticate("boss", "long-password-1")
    assert actor.full_name == "王管理"
    assert actor.has_role("admin")


def test_demo_data_runs_in_a_worker_and_lists_the_accounts(qtbot, db, monkeypatch):
    calls = []

    def fake_load_demo(until=None, tickets=600, seed=1, progress=None, is_cancelled=None):
        calls.append((until, tickets, seed))
        for done in range(3):
            progress(done, 3)
        auth.create_first_admin("demo.admin", "演示管理员", "demo-pass-1")
        return SimpleNamespace(users=[("demo.admin", "demo-pass-1", "Administrator"),
                                      ("demo.agent", "agent-pass-1", "Service desk agent")])

    monkeypatch.setattr(first_run_dialog, "demo_loader", lambda: fake_load_demo)
    d = FirstRunDialog()
    qtbot.addWidget(d)
    d.show()
    qtbot.mouseClick(d.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.pages.currentIndex() == FirstRunDialog.DEMO_USERS, timeout=10000)
    assert calls == [(None, 600, 1)]
    assert d.demo_table.rowCount() == 2
    assert d.demo_table.item(0, 0).text() == "demo.admin"
    assert d.demo_table.item(0, 1).text() == "demo-pass-1"
    assert d.username == "demo.admin"
    assert auth.authenticate("demo.admin", "demo-pass-1").username == "demo.admin"
    with qtbot.waitSignal(d.accepted, timeout=5000):
        qtbot.mouseClick(d.continue_button, Qt.MouseButton.LeftButton)


def test_demo_failure_is_explained(qtbot, db, monkeypatch):
    from desk_app.errors import ValidationError

    def failing(**_kwargs):
        raise ValidationError("The database already holds data; demo data goes into an empty database only.")

    shown = []
    monkeypatch.setattr(first_run_dialog, "demo_loader", lambda: failing)
    monkeypatch.setattr(first_run_dialog.QMessageBox, "warning", lambda *args: shown.append(args[2]))
    d = FirstRunDialog()
    qtbot.addWidget(d)
    d.show()
    qtbot.mouseClick(d.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "already holds data" in shown[0]
    assert d.pages.currentIndex() == FirstRunDialog.CHOICE
    assert d.worker is None
