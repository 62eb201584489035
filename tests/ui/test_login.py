"""The log-in dialog (R1): wrong passwords are explained in the dialog, the right one yields the Actor."""

from PySide6.QtCore import QSettings, Qt

from desk_app.ui.login_dialog import LAST_USER_KEY, LoginDialog


def test_wrong_password_shows_the_service_message(qtbot, db_path, admin):
    dialog = LoginDialog(db_path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("admin")
    dialog.password.setText("not-the-password")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != LoginDialog.DialogCode.Accepted
    assert dialog.actor is None
    assert not dialog.error.isHidden()
    assert dialog.error.text() == "Wrong user name or password."


def test_enter_logs_in_and_remembers_the_user(qtbot, db_path, admin):
    dialog = LoginDialog(db_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "admin")
    qtbot.keyClicks(dialog.password, "admin-pass-1")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor == admin
    assert QSettings().value(LAST_USER_KEY) == "admin"

    again = LoginDialog(db_path)
    qtbot.addWidget(again)
    again.show()
    assert again.username.text() == "admin"


def test_disabled_account_is_refused(qtbot, db_path, make_user):
    from desk_app.models import User

    agent = make_user("agent")
    User.update(active=False).where(User.id == agent.id).execute()
    dialog = LoginDialog(db_path, username=agent.username)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText("pass-word-1")
    dialog.try_login()
    assert dialog.actor is None
    assert dialog.error.text() == "This account is disabled."
