"""The message templates of the Mail tab (R50, R51): one kind of message in one language at a time, its
subject and text, the placeholders it offers, and a preview filled with sample values.

A text equal to the built-in one is stored as "" so that the built-in text (and its translation) keeps
following the program; "Restore the built-in text" stores "" outright. A placeholder the kind does not
offer is refused with the settings' own message.
"""

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskError
from desk_app.i18n import t
from desk_app.services import mail_templates, settings
from desk_app.ui.context import AppContext
from desk_app.ui.widgets import error_label

LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}

#: Sample values of the preview, per placeholder: (Chinese, English); one value serves both.
SAMPLES: dict[str, tuple[str, ...]] = {
    "name": ("张伟", "Zhang Wei"),
    "plan": ("2026 年第四季度客户满意度调查", "Customer satisfaction survey 2026 Q4"),
    "unit": ("财务处", "Finance office"),
    "due": ("2026-12-20",),
    "sent": ("2026-12-07",),
    "number": ("TS-20261207-001",),
    "department": ("网络班", "Network team"),
    "received": ("2026-12-07 09:30",),
    "complainant": ("李雷", "Li Lei"),
    "ticket": ("GD-20261205-0012",),
    "description": ("办公室网络时断时续，报销系统无法使用。", "The office network keeps dropping; the expense "
                    "system cannot be used."),
    "measures": ("更换了交换机端口并复测通过。", "The switch port was replaced and tested again."),
    "state": ("处理中", "being handled"),
    "count": ("3",),
    "meeting": ("2027-01-05",),
    "forms": ("HF-202612-001, HF-202612-004, HF-202612-007",),
    "date": ("2026-12-08",),
    "callbacks": ("09:00 GD-20261205-0012 李雷\n10:30 GD-20261206-0003 王芳",),
    "title": ("2026 年 11 月服务报告", "Service report November 2026"),
    "version": ("1",),
}


def sample_values(language: str) -> dict[str, object]:
    index = 0 if language == "zh_CN" else 1
    return {name: values[min(index, len(values) - 1)] for name, values in SAMPLES.items()} | {
        "org": settings.get("org.name")}


class MailTemplatesPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.shown: tuple[str, str] | None = None  # (kind, language) in the editors
        self.kind = QComboBox(self)
        for code, kind in mail_templates.KINDS.items():
            self.kind.addItem(t(kind.label), code)
        self.language = QComboBox(self)
        for code in mail_templates.LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.subject = QLineEdit(self)
        self.body = QPlainTextEdit(self)
        self.body.setTabChangesFocus(True)
        self.placeholders = QLabel(self)
        self.placeholders.setWordWrap(True)
        self.origin = QLabel(self)
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("template_preview")
        self.preview.setReadOnly(True)
        self.error = error_label(self)
        self.save_button = QPushButton(self.tr("Save template"), self)
        self.save_button.clicked.connect(self.save)
        self.restore_button = QPushButton(self.tr("Restore the built-in text"), self)
        self.restore_button.clicked.connect(self.restore_builtin)
        choose = QHBoxLayout()
        choose.addWidget(self.kind, 1)
        choose.addWidget(self.language)
        form = QFormLayout()
        form.addRow(self.tr("Message:"), choose)
        form.addRow(self.tr("Subject:"), self.subject)
        form.addRow(self.tr("Text:"), self.body)
        form.addRow("", self.placeholders)
        form.addRow(self.tr("Preview:"), self.preview)
        buttons = QHBoxLayout()
        buttons.addWidget(self.origin, 1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.kind.currentIndexChanged.connect(self._choose)
        self.language.currentIndexChanged.connect(self._choose)
        self.subject.textChanged.connect(self._update_preview)
        self.body.textChanged.connect(self._update_preview)
        self.load()

    def _keys(self) -> tuple[str, str]:
        kind, language = self.shown or (self.kind.currentData(), self.language.currentData())
        return (mail_templates.setting_key(kind, language, "subject"),
                mail_templates.setting_key(kind, language, "body"))

    def _builtin(self, part: str) -> str:
        kind, language = self.shown
        return mail_templates.default_text(kind, language, part)

    def load(self) -> None:
        """Show the chosen kind and language: the administrator's text, else the built-in one."""
        self.shown = (self.kind.currentData(), self.language.currentData())
        subject_key, body_key = self._keys()
        own = bool(settings.get(subject_key) or settings.get(body_key))
        self.subject.setText(str(settings.get(subject_key)) or self._builtin("subject"))
        self.body.setPlainText(str(settings.get(body_key)) or self._builtin("body"))
        offered = mail_templates.KINDS[self.shown[0]].placeholders
        self.placeholders.setText(self.tr("Placeholders: {names}").format(
            names=" ".join("{" + name + "}" for name in offered)))
        self.origin.setText(self.tr("Shown: your own text") if own else self.tr("Shown: the built-in text"))
        self.error.hide()
        self._update_preview()

    def values(self) -> dict[str, str]:
        """What Save stores: "" for a part left as the built-in text."""
        subject_key, body_key = self._keys()
        subject, body = self.subject.text().strip(), self.body.toPlainText()
        return {subject_key: "" if subject == self._builtin("subject") else subject,
                body_key: "" if body == self._builtin("body") else body}

    def changed(self) -> bool:
        return any(settings.get(key) != value for key, value in self.values().items())

    def _choose(self) -> None:
        if self.changed() and QMessageBox.question(
                self, self.tr("Message templates"), self.tr("Save the changes to this template first?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard,
                QMessageBox.StandardButton.Save) == QMessageBox.StandardButton.Save and not self.save():
            self._show_choice(*self.shown)  # stay on the template whose text was refused
            return
        self.load()

    def _show_choice(self, kind: str, language: str) -> None:
        for combo, code in ((self.kind, kind), (self.language, language)):
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(code))
            combo.blockSignals(False)

    def _problem(self) -> str:
        """The settings' message for the first part that would be refused ("" when both may be saved)."""
        parts = (self.tr("Subject"), self.tr("Text"))
        for where, (key, value) in zip(parts, self.values().items(), strict=True):
            problem = settings.SPECS[key].check(value)
            if problem:
                return self.tr("{field}: {problem}").format(field=where, problem=problem)
        return ""

    def _update_preview(self) -> None:
        problem = self._problem()
        if problem:
            self.preview.setPlainText(problem)
            return
        kind, language = self.shown
        subject, body = mail_templates.render(kind, language, sample_values(language), self.values())
        self.preview.setPlainText(self.tr("Subject: {subject}").format(subject=subject) + "\n\n" + body)

    def save(self) -> bool:
        problem = self._problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return False
        return self._store(self.values())

    def restore_builtin(self) -> bool:
        return self._store({key: "" for key in self._keys()})

    def _store(self, values: dict[str, str]) -> bool:
        try:
            settings.set_many(self.context.actor, values)
        except DeskError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.load()
        return True
