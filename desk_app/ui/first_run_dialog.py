"""A new database: create the first administrator, or load demo data and show its accounts."""

import importlib
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import ValidationError
from desk_app.services import auth
from desk_app.ui import workers
from desk_app.ui.widgets import error_style

log = logging.getLogger(__name__)

DEMO_TICKETS = 600
DEMO_SEED = 1


def demo_loader() -> Callable[..., object]:
    """`desk_app.demo.load_demo`, imported when needed (tests replace this function)."""
    return importlib.import_module("desk_app.demo").load_demo


class FirstRunDialog(QDialog):
    """Accepted once the database has someone who can log in; `username` is a suggestion for the login."""

    CHOICE, ADMIN, DEMO_USERS = range(3)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.username = ""
        self.worker: workers.Worker | None = None
        self.setWindowTitle(self.tr("New database — Service Desk"))
        self.setMinimumWidth(520)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._choice_page())
        self.pages.addWidget(self._admin_page())
        self.pages.addWidget(self._demo_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    # -- pages -------------------------------------------------------------------------------------
    def _choice_page(self) -> QWidget:
        page = QWidget(self)
        text = QLabel(self.tr("This database is new. Start with an empty database and create the administrator "
                              "account, or load demo data (three months of tickets, callbacks, complaints and "
                              "surveys) to try the application."), page)
        text.setWordWrap(True)
        self.empty_button = QPushButton(self.tr("Create empty database"), page)
        self.demo_button = QPushButton(self.tr("Load demo data"), page)
        self.choice_note = QLabel(page)
        self.choice_note.setWordWrap(True)
        self.choice_note.hide()
        cancel = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, page)
        self.empty_button.clicked.connect(lambda: self.pages.setCurrentIndex(self.ADMIN))
        self.empty_button.clicked.connect(lambda: self.admin_username.setFocus())
        self.demo_button.clicked.connect(self.load_demo)
        cancel.rejected.connect(self.reject)
        layout = QVBoxLayout(page)
        layout.addWidget(text)
        layout.addSpacing(8)
        layout.addWidget(self.empty_button)
        layout.addWidget(self.demo_button)
        layout.addWidget(self.choice_note)
        layout.addStretch(1)
        layout.addWidget(cancel)
        return page

    def _admin_page(self) -> QWidget:
        page = QWidget(self)
        text = QLabel(self.tr("Create the administrator account. The administrator manages users, teams, "
                              "customer units and settings, and is also a manager."), page)
        text.setWordWrap(True)
        self.admin_username = QLineEdit(page)
        self.admin_full_name = QLineEdit(page)
        self.admin_password = QLineEdit(page)
        self.admin_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.admin_repeat = QLineEdit(page)
        self.admin_repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.admin_error = QLabel(page)
        self.admin_error.setObjectName("error")
        self.admin_error.setStyleSheet(error_style(self))
        self.admin_error.setWordWrap(True)
        self.admin_error.hide()
        form = QFormLayout()
        form.addRow(self.tr("User name:"), self.admin_username)
        form.addRow(self.tr("Full name:"), self.admin_full_name)
        form.addRow(self.tr("Password:"), self.admin_password)
        form.addRow(self.tr("Repeat password:"), self.admin_repeat)
        buttons = QDialogButtonBox(page)
        self.back_button = buttons.addButton(self.tr("Back"), QDialogButtonBox.ButtonRole.ResetRole)
        self.create_button = buttons.addButton(self.tr("Create administrator"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setDefault(True)
        self.back_button.clicked.connect(lambda: self.pages.setCurrentIndex(self.CHOICE))
        self.create_button.clicked.connect(self.create_admin)
        layout = QVBoxLayout(page)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.admin_error)
        layout.addStretch(1)
        layout.addWidget(buttons)
        return page

    def _demo_page(self) -> QWidget:
        page = QWidget(self)
        text = QLabel(self.tr("The demo data is loaded. Log in with one of these accounts (write them down: the "
                              "passwords are not shown again)."), page)
        text.setWordWrap(True)
        self.demo_table = QTableWidget(0, 3, page)
        self.demo_table.setHorizontalHeaderLabels([self.tr("User name"), self.tr("Password"), self.tr("Role")])
        self.demo_table.verticalHeader().setVisible(False)
        self.demo_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.demo_table.horizontalHeader().setStretchLastSection(True)
        self.demo_table.setMinimumHeight(260)
        buttons = QDialogButtonBox(page)
        self.continue_button = buttons.addButton(self.tr("Continue to log in"),
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
        self.continue_button.clicked.connect(self.accept)
        layout = QVBoxLayout(page)
        layout.addWidget(text)
        layout.addWidget(self.demo_table, 1)
        layout.addWidget(buttons)
        return page

    # -- actions -----------------------------------------------------------------------------------
    def _admin_problem(self, message: str, widget: QLineEdit) -> None:
        self.admin_error.setText(message)
        self.admin_error.show()
        widget.setFocus()
        widget.selectAll()

    def create_admin(self) -> None:
        if not self.admin_username.text().strip():
            self._admin_problem(self.tr("Please enter a user name."), self.admin_username)
            return
        if self.admin_password.text() != self.admin_repeat.text():
            self._admin_problem(self.tr("The two passwords are not the same."), self.admin_repeat)
            return
        try:
            actor = auth.create_first_admin(self.admin_username.text(), self.admin_full_name.text(),
                                            self.admin_password.text())
        except ValidationError as exc:
            field = {"password": self.admin_password}.get(exc.field, self.admin_username)
            self._admin_problem(str(exc), field)
            return
        self.username = actor.username
        self.accept()

    def load_demo(self) -> None:
        try:
            loader = demo_loader()
        except (ImportError, AttributeError) as exc:
            log.exception("demo data not available")
            QMessageBox.warning(self, self.tr("Load demo data"),
                                self.tr("Demo data is not available in this version: {error}").format(error=exc))
            return

        def job(progress, is_cancelled):
            return loader(until=None, tickets=DEMO_TICKETS, seed=DEMO_SEED, progress=progress,
                          is_cancelled=is_cancelled)

        self.choice_note.hide()
        self.worker, self.progress = workers.start_with_progress(
            self, self.tr("Loading demo data (about {n} tickets)…").format(n=DEMO_TICKETS), job,
            self._demo_loaded, self._demo_failed)
        self.progress.setWindowTitle(self.tr("Load demo data"))

    def _demo_loaded(self, result: object) -> None:
        cancelled = self.worker is not None and self.worker.is_cancelled()
        self.worker = None
        if cancelled and auth.needs_first_admin():
            self.choice_note.setText(self.tr("Loading the demo data was cancelled; nothing was stored."))
            self.choice_note.show()
            return
        users = list(getattr(result, "users", []) or [])
        self.demo_table.setRowCount(len(users))
        for row, (username, password, role) in enumerate(users):
            for col, value in enumerate((username, password, role)):
                item = QTableWidgetItem(str(value))
                item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
                self.demo_table.setItem(row, col, item)
        self.username = users[0][0] if users else ""
        self.pages.setCurrentIndex(self.DEMO_USERS)

    def _demo_failed(self, message: str, details: str) -> None:
        self.worker = None
        log.error("demo data failed: %s\n%s", message, details)
        if not auth.needs_first_admin():  # stored anyway, e.g. cancelled at the very end
            self._demo_loaded(None)
            return
        text = self.tr("Loading the demo data failed: {error}").format(error=message)
        self.choice_note.setText(text)
        self.choice_note.show()
        QMessageBox.warning(self, self.tr("Load demo data"), text)
