"""The Admin dialog's signing keys (R45): issue pending certificates, import a user's own PKCS#12."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

from desk_app.services import signing_keys, users
from desk_app.services.validation import read_file
from desk_app.ui.context import AppContext
from desk_app.ui.edit_dialog import EditDialog


def _secret(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class CertifyDialog(EditDialog):
    """The administrator's password unlocks the desk's authority to issue the pending certificates."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(self.tr("Issue signing certificates"), parent)
        self.context = context
        self.password = _secret(self)
        self.form.addRow(self.tr("Your password:"), self.password)
        self.fields["password"] = self.password
        self.issued = 0

    def save(self) -> int:
        self.issued = signing_keys.certify_pending(self.context.actor, self.password.text())
        return self.issued


class ImportKeyDialog(EditDialog):
    """A desk with its own PKI: the user's PKCS#12 file, its passphrase and the user's own password."""

    def __init__(self, context: AppContext, row: users.UserRow, parent: QWidget | None = None):
        super().__init__(self.tr("Import a signing key for {name}").format(name=row.full_name), parent)
        self.context, self.row = context, row
        self.path = QLineEdit(self)
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self._browse)
        line = QHBoxLayout()
        line.addWidget(self.path, 1)
        line.addWidget(browse)
        self.passphrase = _secret(self)
        self.password = _secret(self)
        self.form.addRow(self.tr("PKCS#12 file (.p12/.pfx):"), line)
        self.form.addRow(self.tr("Passphrase of the file:"), self.passphrase)
        self.form.addRow(self.tr("Password of {name}:").format(name=row.username), self.password)
        self.fields.update(path=self.path, passphrase=self.passphrase, password=self.password)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the key file"), "",
                                              self.tr("PKCS#12 files (*.p12 *.pfx)"))
        if path:
            self.path.setText(path)

    def save(self) -> object:
        data = read_file(self.path.text(), "path")
        return signing_keys.import_pkcs12(self.context.actor, self.row.id, data, self.passphrase.text(),
                                          self.password.text())
