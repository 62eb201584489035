"""Administration: users, teams, customer units, settings, mail and the outbox, all through the services
(R2, R42, R50–R53)."""

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import ValidationError
from desk_app.i18n import label
from desk_app.models.enums import Importance, Role
from desk_app.services import signing_keys, users
from desk_app.ui.admin_settings import SettingsPage
from desk_app.ui.context import AppContext
from desk_app.ui.edit_dialog import EditDialog
from desk_app.ui.mail_page import MailPage
from desk_app.ui.outbox_view import OutboxPage
from desk_app.ui.signing_dialogs import CertifyDialog, ImportKeyDialog
from desk_app.ui.widgets import FilterTable, role_names


def _team_combo(parent: QWidget, current: int | None) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItem("—", None)
    for team in users.list_teams():
        if team.active or team.id == current:
            combo.addItem(team.name, team.id)
    index = combo.findData(current) if current is not None else 0
    combo.setCurrentIndex(max(index, 0))
    return combo


class UserDialog(EditDialog):
    def __init__(self, context: AppContext, row: users.UserRow | None, parent: QWidget | None = None):
        super().__init__(self.tr("New user") if row is None else self.tr("Edit user"), parent)
        self.context, self.row = context, row
        self.username = QLineEdit(row.username if row else "", self)
        self.username.setReadOnly(row is not None)
        self.full_name = QLineEdit(row.full_name if row else "", self)
        roles_box = QWidget(self)
        grid = QGridLayout(roles_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.role_checks: dict[str, QCheckBox] = {}
        for i, role in enumerate(Role):
            check = QCheckBox(label(role.value), roles_box)
            check.setChecked(bool(row and role.value in row.roles))
            self.role_checks[role.value] = check
            grid.addWidget(check, i // 2, i % 2)
        self.team = _team_combo(self, row.team_id if row else None)
        self.phone = QLineEdit(row.phone if row else "", self)
        self.email = QLineEdit(row.email if row else "", self)
        self.job_title = QLineEdit(row.title if row else "", self)
        self.form.addRow(self.tr("User name:"), self.username)
        self.form.addRow(self.tr("Full name:"), self.full_name)
        self.form.addRow(self.tr("Roles:"), roles_box)
        self.form.addRow(self.tr("Team:"), self.team)
        self.form.addRow(self.tr("Phone:"), self.phone)
        self.form.addRow(self.tr("Email:"), self.email)
        self.form.addRow(self.tr("Job title:"), self.job_title)
        if row is None:
            self.password = QLineEdit(self)
            self.password.setEchoMode(QLineEdit.EchoMode.Password)
            self.password.setPlaceholderText(self.tr("empty: staff without a login"))
            self.repeat = QLineEdit(self)
            self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
            self.form.addRow(self.tr("Password:"), self.password)
            self.form.addRow(self.tr("Repeat password:"), self.repeat)
            self.fields["password"] = self.password
        else:
            self.active = QCheckBox(self.tr("Active (can be chosen and can log in)"), self)
            self.active.setChecked(row.active)
            self.form.addRow("", self.active)
        self.fields.update(username=self.username, full_name=self.full_name, roles=roles_box, phone=self.phone,
                           email=self.email, title=self.job_title)

    def roles(self) -> list[str]:
        return [code for code, check in self.role_checks.items() if check.isChecked()]

    def save(self) -> users.UserRow:
        common = dict(full_name=self.full_name.text(), roles=self.roles(), team_id=self.team.currentData(),
                      phone=self.phone.text(), email=self.email.text(), title=self.job_title.text())
        if self.row is None:
            if self.password.text() != self.repeat.text():
                raise ValidationError(self.tr("The two passwords are not the same."), field="password")
            return users.create_user(self.context.actor, self.username.text(), password=self.password.text() or None,
                                     **common)
        return users.update_user(self.context.actor, self.row.id, self.row.version, active=self.active.isChecked(),
                                 **common)


class PasswordDialog(EditDialog):
    def __init__(self, context: AppContext, row: users.UserRow, parent: QWidget | None = None):
        super().__init__(self.tr("Set password for {name}").format(name=row.full_name), parent)
        self.context, self.row = context, row
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(self.tr("New password:"), self.password)
        self.form.addRow(self.tr("Repeat password:"), self.repeat)
        self.fields["password"] = self.password

    def save(self) -> None:
        if self.password.text() != self.repeat.text():
            raise ValidationError(self.tr("The two passwords are not the same."), field="password")
        users.set_password(self.context.actor, self.row.id, self.password.text())


class TeamDialog(EditDialog):
    def __init__(self, context: AppContext, row: users.TeamRow | None, parent: QWidget | None = None):
        super().__init__(self.tr("New team") if row is None else self.tr("Edit team"), parent)
        self.context, self.row = context, row
        self.name = QLineEdit(row.name if row else "", self)
        self.description = QPlainTextEdit(row.description if row else "", self)
        self.description.setFixedHeight(self.description.fontMetrics().lineSpacing() * 4 + 12)
        self.active = QCheckBox(self.tr("Active"), self)
        self.active.setChecked(row.active if row else True)
        self.form.addRow(self.tr("Name:"), self.name)
        self.form.addRow(self.tr("Description:"), self.description)
        self.form.addRow("", self.active)
        self.fields.update(name=self.name, description=self.description)

    def save(self) -> users.TeamRow:
        return users.save_team(self.context.actor, self.name.text(), self.description.toPlainText(),
                               self.active.isChecked(), team_id=self.row.id if self.row else None,
                               expected_version=self.row.version if self.row else None)


class UnitDialog(EditDialog):
    def __init__(self, context: AppContext, row: users.UnitRow | None, parent: QWidget | None = None):
        super().__init__(self.tr("New customer unit") if row is None else self.tr("Edit customer unit"), parent)
        self.context, self.row = context, row
        self.name = QLineEdit(row.name if row else "", self)
        self.importance = QComboBox(self)
        for level in Importance:
            self.importance.addItem(label(level.value), level.value)
        self.importance.setCurrentIndex(max(self.importance.findData(row.importance if row else "normal"), 0))
        self.address = QLineEdit(row.address if row else "", self)
        self.active = QCheckBox(self.tr("Active"), self)
        self.active.setChecked(row.active if row else True)
        self.form.addRow(self.tr("Name:"), self.name)
        self.form.addRow(self.tr("Importance:"), self.importance)
        self.form.addRow(self.tr("Address:"), self.address)
        self.form.addRow("", self.active)
        self.fields.update(name=self.name, importance=self.importance, address=self.address)

    def save(self) -> users.UnitRow:
        return users.save_unit(self.context.actor, self.name.text(), self.importance.currentData(),
                               self.address.text(), self.active.isChecked(), unit_id=self.row.id if self.row else None,
                               expected_version=self.row.version if self.row else None)


class ListPage(QWidget):
    """A filterable list with Add / Edit buttons; subclasses say what to list and which dialog edits."""

    def __init__(self, context: AppContext, headers: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.table = FilterTable(headers, self)
        self.table.activated.connect(lambda row: self.edit(row))
        self.button_row = QHBoxLayout()
        self.add_button = self.button("", self.add)  # texts set by the subclass (its tr() context)
        self.edit_button = self.button("", lambda: self.edit(self.table.selected_row()))
        self.button_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.button_row)

    def button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(lambda _checked=False: slot())
        self.button_row.addWidget(button)
        return button

    def dialog(self, row: object | None) -> EditDialog:  # pragma: no cover - overridden
        raise NotImplementedError

    def run_dialog(self, dialog: EditDialog) -> bool:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if accepted or dialog.conflict:
            self.reload()
        return accepted

    def add(self) -> bool:
        return self.run_dialog(self.dialog(None))

    def edit(self, row: object | None) -> bool:
        if row is None:
            return False
        return self.run_dialog(self.dialog(row))

    def reload(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class UsersPage(ListPage):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, [self.tr("User name"), self.tr("Full name"), self.tr("Roles"), self.tr("Team"),
                                   self.tr("Login"), self.tr("Active"), self.tr("Signing key")], parent)
        self.add_button.setText(self.tr("Add user…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.password_button = self.button(self.tr("Set password…"), self.set_password)
        self.certify_button = self.button(self.tr("Issue certificates…"), self.certify)
        self.certify_button.setToolTip(self.tr("Issue the signing certificates that are waiting (R45)"))
        self.import_button = self.button(self.tr("Import key…"), self.import_key)
        self.import_button.setToolTip(self.tr("Use the user's own PKCS#12 signing key (a desk with its own PKI)"))
        self.reload()

    def certify(self) -> bool:
        return self.run_dialog(CertifyDialog(self.context, self))

    def import_key(self) -> bool:
        row = self.table.selected_row()
        if row is None:
            QMessageBox.information(self, self.tr("Import key"), self.tr("Choose a user in the list first."))
            return False
        return self.run_dialog(ImportKeyDialog(self.context, row, self))

    def dialog(self, row: users.UserRow | None) -> EditDialog:
        return UserDialog(self.context, row, self)

    def set_password(self) -> bool:
        row = self.table.selected_row()
        if row is None:
            QMessageBox.information(self, self.tr("Set password"), self.tr("Choose a user in the list first."))
            return False
        return self.run_dialog(PasswordDialog(self.context, row, self))

    def reload(self) -> None:
        rows = users.list_users()
        status = {"none": "", "pending": self.tr("pending"), "ready": self.tr("ready"), "revoked": self.tr("revoked")}
        self.table.set_rows(rows, [(r.username, r.full_name, role_names(r.roles), r.team_name, r.can_login, r.active,
                                    status[signing_keys.signer_status(r.id)]) for r in rows])


class TeamsPage(ListPage):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, [self.tr("Name"), self.tr("Members"), self.tr("Active"), self.tr("Description")],
                         parent)
        self.add_button.setText(self.tr("Add team…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.reload()

    def dialog(self, row: users.TeamRow | None) -> EditDialog:
        return TeamDialog(self.context, row, self)

    def reload(self) -> None:
        rows = users.list_teams()
        self.table.set_rows(rows, [(r.name, r.members, r.active, r.description.replace("\n", " ")) for r in rows])


class UnitsPage(ListPage):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, [self.tr("Name"), self.tr("Importance"), self.tr("Address"), self.tr("Active")],
                         parent)
        self.add_button.setText(self.tr("Add customer unit…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.reload()

    def dialog(self, row: users.UnitRow | None) -> EditDialog:
        return UnitDialog(self.context, row, self)

    def reload(self) -> None:
        rows = users.list_units()
        self.table.set_rows(rows, [(r.name, label(r.importance), r.address, r.active) for r in rows])


class AdminDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Administration"))
        self.resize(1040, 620)  # the Mail tab's server form and templates side by side, the outbox's columns
        self.tabs = QTabWidget(self)
        self.users_page = UsersPage(context, self.tabs)
        self.teams_page = TeamsPage(context, self.tabs)
        self.units_page = UnitsPage(context, self.tabs)
        self.settings_page = SettingsPage(context, self.tabs)
        self.mail_page = MailPage(context, self.tabs)
        self.outbox_page = OutboxPage(context, self.tabs)
        self.tabs.addTab(self.users_page, self.tr("Users"))
        self.tabs.addTab(self.teams_page, self.tr("Teams"))
        self.tabs.addTab(self.units_page, self.tr("Customer units"))
        self.tabs.addTab(self.settings_page, self.tr("Settings"))
        self.tabs.addTab(self.mail_page, self.tr("Mail"))
        self.tabs.addTab(self.outbox_page, self.tr("Outbox"))
        self.tabs.currentChanged.connect(self._refresh)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    def _refresh(self, index: int) -> None:
        page = self.tabs.widget(index)
        if isinstance(page, UsersPage):  # teams may have changed: the team combo and names follow
            page.reload()
        elif isinstance(page, OutboxPage):  # the timer may have sent some meanwhile
            page.refresh()
