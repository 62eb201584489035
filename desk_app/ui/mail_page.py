"""The Admin dialog's Mail tab (R50): the SMTP server, its password in the OS keyring, a test message,
and the message templates beside them. Every `mail.*` setting is edited here, not on the Settings tab.

The server settings are saved all or nothing (settings.set_many); the password goes to the keyring only,
after them, because its keyring entry is named after the saved user, host and port. The test message
talks to the server, so it is sent from a worker thread.
"""

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskError, ValidationError
from desk_app.services import mail_settings, settings, users
from desk_app.ui import workers
from desk_app.ui.admin_settings import CHOICES
from desk_app.ui.context import AppContext
from desk_app.ui.mail_templates_page import MailTemplatesPage
from desk_app.ui.widgets import confirm, error_label, splitter, titled

log = logging.getLogger(__name__)

#: The port each kind of connection usually uses: changing the security moves a port still at the old one.
USUAL_PORTS = {"none": 25, "starttls": 587, "ssl": 465}


class MailServerPage(QWidget):
    """The server form: host, port, security, login, sender; Save, Undo changes, Send a test message…"""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.worker: workers.Worker | None = None
        self.host = QLineEdit(self)
        self.host.setPlaceholderText(self.tr("e.g. smtp.example.cn; empty: no mail is sent"))
        self.port = QLineEdit(self)
        self.security = QComboBox(self)
        for code, text in CHOICES["mail.security"]:
            self.security.addItem(QCoreApplication.translate("SettingsLabels", text), code)
        self.security.currentIndexChanged.connect(self._security_changed)
        self.username = QLineEdit(self)
        self.username.setPlaceholderText(self.tr("empty: the server needs no login"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("type a new password to keep it"))
        self.password_state = QLabel(self)
        self.password_state.setWordWrap(True)
        self.remove_password_button = QPushButton(self.tr("Remove the password"), self)
        self.remove_password_button.clicked.connect(self.remove_password)
        self.sender = QLineEdit(self)
        self.sender.setPlaceholderText("service-desk@example.cn")
        self.sender_name = QLineEdit(self)
        self.reply_to = QLineEdit(self)
        self.reply_to.setPlaceholderText(self.tr("empty: replies go to the sender"))
        self.timeout = QSpinBox(self)
        self.timeout.setRange(1, 600)
        self.timeout.setSuffix(self.tr(" s"))
        self.editors: dict[str, QWidget] = {
            "mail.host": self.host, "mail.port": self.port, "mail.security": self.security,
            "mail.username": self.username, "mail.sender": self.sender, "mail.sender_name": self.sender_name,
            "mail.reply_to": self.reply_to, "mail.timeout": self.timeout}
        self.labels = {
            "mail.host": self.tr("Server"), "mail.port": self.tr("Port"), "mail.security": self.tr("Security"),
            "mail.username": self.tr("User name"), "mail.password": self.tr("Password"),
            "mail.sender": self.tr("Sender address"), "mail.sender_name": self.tr("Sender name"),
            "mail.reply_to": self.tr("Reply-to address"), "mail.timeout": self.tr("Timeout")}
        form = QFormLayout()
        for key in ("mail.host", "mail.port", "mail.security", "mail.username"):
            form.addRow(self.labels[key] + self.tr(":"), self.editors[key])
        password_row = QHBoxLayout()
        password_row.addWidget(self.password, 1)
        password_row.addWidget(self.remove_password_button)
        form.addRow(self.labels["mail.password"] + self.tr(":"), password_row)
        form.addRow("", self.password_state)
        for key in ("mail.sender", "mail.sender_name", "mail.reply_to", "mail.timeout"):
            form.addRow(self.labels[key] + self.tr(":"), self.editors[key])
        for key, editor in self.editors.items():
            editor.setObjectName(key)
            editor.setToolTip(key)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.error = error_label(self)
        self.answer = QLabel(self)  # what the server said to the test message
        self.answer.setObjectName("test_answer")
        self.answer.setWordWrap(True)
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.clicked.connect(self.save)
        self.undo_button = QPushButton(self.tr("Undo changes"), self)
        self.undo_button.clicked.connect(self.reload)
        self.test_button = QPushButton(self.tr("Send a test message…"), self)
        self.test_button.setToolTip(self.tr("Save the settings and send a short message at once, not through "
                                            "the outbox"))
        self.test_button.clicked.connect(self.send_test)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.state)
        layout.addWidget(self.error)
        layout.addWidget(self.answer)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.reload()

    # -- the form ------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.error.hide()
        self.security.blockSignals(True)
        self.security.setCurrentIndex(max(self.security.findData(settings.get("mail.security")), 0))
        self.security.blockSignals(False)
        for key in ("mail.host", "mail.username", "mail.sender", "mail.sender_name", "mail.reply_to"):
            self.editors[key].setText(str(settings.get(key)))
        self.port.setText(str(settings.get("mail.port")))
        self.timeout.setValue(int(settings.get("mail.timeout")))
        self.sender_name.setPlaceholderText(self.tr("empty: {org}").format(org=settings.get("org.name")))
        self.password.clear()
        self._show_state()

    def _show_state(self) -> None:
        source = mail_settings.password_source()
        if source == "environment":
            text = self.tr("The password comes from the environment variable {name}.").format(
                name=mail_settings.PASSWORD_VARIABLE)
        elif source == "keyring":
            text = self.tr("A password is kept in this workstation's keyring.")
        elif settings.get("mail.username"):
            text = self.tr("No password is kept.")
        else:
            text = self.tr("No login: the server is used without a user name.")
        self.password_state.setText(text)
        self.remove_password_button.setEnabled(source == "keyring")
        self.state.setText(self.tr("Mail is sent through {host}.").format(host=settings.get("mail.host"))
                           if mail_settings.is_configured() else
                           self.tr("No mail is sent until a server and a sender address are set; messages wait "
                                   "in the outbox."))

    def _security_changed(self) -> None:
        usual = USUAL_PORTS.get(self.security.currentData())
        if usual is not None and self.port.text().strip() in {str(p) for p in USUAL_PORTS.values()}:
            self.port.setText(str(usual))

    def values(self) -> dict[str, object]:
        port = self.port.text().strip()
        return {"mail.host": self.host.text().strip(), "mail.port": int(port) if port.isdigit() else port,
                "mail.security": self.security.currentData(), "mail.username": self.username.text().strip(),
                "mail.sender": self.sender.text().strip(), "mail.sender_name": self.sender_name.text().strip(),
                "mail.reply_to": self.reply_to.text().strip(), "mail.timeout": self.timeout.value()}

    def changed(self) -> bool:
        return bool(self.password.text()) or any(settings.get(k) != v for k, v in self.values().items())

    def _refuse(self, key: str, problem: str) -> bool:
        self.error.setText(self.tr("{field}: {problem}").format(field=self.labels.get(key, key), problem=problem))
        self.error.show()
        editor = self.password if key == "mail.password" else self.editors.get(key)
        if editor is not None:
            editor.setFocus()
        return False

    def save(self) -> bool:
        """Validate every field (naming the first bad one), store them together, then keep the password."""
        values = self.values()
        for key, value in values.items():
            problem = settings.SPECS[key].check(value)
            if problem:
                return self._refuse(key, problem)
        try:
            settings.set_many(self.context.actor, values)
        except ValidationError as exc:
            return self._refuse(exc.field, str(exc))
        except DeskError as exc:
            return self._refuse("", str(exc))
        self.context.events.changed.emit("setting")
        password = self.password.text()
        if password:
            try:
                mail_settings.set_password(self.context.actor, password)
            except DeskError as exc:
                self._show_state()
                return self._refuse("mail.password", self.tr("the settings were saved, the password was not: "
                                                             "{problem}").format(problem=exc))
            self.password.clear()
        self.error.hide()
        self._show_state()
        self.answer.setText(self.tr("The mail settings were saved."))
        return True

    def remove_password(self) -> bool:
        if not confirm(self, self.tr("Mail"), self.tr("Remove the SMTP password from this workstation's "
                                                      "keyring?")):
            return False
        try:
            mail_settings.set_password(self.context.actor, "")
        except DeskError as exc:
            return self._refuse("mail.password", str(exc))
        self._show_state()
        return True

    # -- the test message ----------------------------------------------------------------------------
    def _own_address(self) -> str:
        return next((u.email for u in users.list_users() if u.id == self.context.actor.id), "")

    def send_test(self) -> bool:
        """Save if anything changed, ask for the address, send in a worker; the answer shows below the form."""
        if self.worker is not None or (self.changed() and not self.save()):
            return False
        if not mail_settings.is_configured():
            return self._refuse("mail.host", self.tr("set the server and the sender address first"))
        to, ok = QInputDialog.getText(self, self.tr("Send a test message"), self.tr("Send the test message to:"),
                                      QLineEdit.EchoMode.Normal, self._own_address())
        if not ok or not to.strip():
            return False
        self.test_button.setEnabled(False)
        self.answer.setText(self.tr("Sending the test message to {to}…").format(to=to.strip()))

        def done(text: object) -> None:
            self.worker = None
            self.test_button.setEnabled(True)
            self.answer.setText(str(text))

        def failed(message: str, trace: str) -> None:
            self.worker = None
            self.test_button.setEnabled(True)
            if trace:
                log.error("the test message failed\n%s", trace)
            self.answer.setText(message)

        self.worker = workers.start(lambda _progress, _cancelled: mail_settings.send_test(to), done, failed)
        return True


class MailPage(QWidget):
    """The Mail tab: the server on the left, the message templates on the right."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.server = MailServerPage(context)
        self.templates = MailTemplatesPage(context)
        split = splitter(Qt.Orientation.Horizontal, [titled(self.tr("Mail server"), self.server),
                                                     titled(self.tr("Message templates"), self.templates)],
                         stretch=(2, 3))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
