"""Log-in: user name and password checked by the auth service (R1)."""

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desk_app.errors import AuthenticationError
from desk_app.services import auth
from desk_app.services.actor import Actor
from desk_app.ui.widgets import error_style

LAST_USER_KEY = "login/last_user"


class LoginDialog(QDialog):
    """Accepted only with valid credentials; `actor` is then the logged-in user."""

    def __init__(self, db_path: Path | None = None, username: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Log in — Service Desk"))
        self.setMinimumWidth(380)
        heading = QLabel(self.tr("Service Desk"), self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet(error_style(self))
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("User name:"), self.username)
        form.addRow(self.tr("Password:"), self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.login_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.login_button.setText(self.tr("Log in"))
        self.login_button.setDefault(True)
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading, 0, Qt.AlignmentFlag.AlignHCenter)
        if db_path is not None:
            where = QLabel(self.tr("Database: {path}").format(path=db_path), self)
            where.setWordWrap(True)
            where.setStyleSheet("color: palette(mid);")
            layout.addWidget(where)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        remembered = username or str(QSettings().value(LAST_USER_KEY, "") or "")
        self.username.setText(remembered)
        (self.password if remembered else self.username).setFocus()

    def try_login(self) -> None:
        try:
            self.actor = auth.authenticate(self.username.text(), self.password.text())
        except AuthenticationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.password.selectAll()
            self.password.setFocus()
            return
        QSettings().setValue(LAST_USER_KEY, self.actor.username)
        self.accept()
