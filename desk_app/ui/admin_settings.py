"""The settings form, generated from desk_app.services.settings.SPECS; saved all or nothing."""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskError, ValidationError
from desk_app.i18n import label
from desk_app.models.enums import RATING_ORDER
from desk_app.services import settings
from desk_app.ui.context import AppContext
from desk_app.ui.widgets import error_style

#: The labels of settings.SPECS, listed so that lupdate collects them (context "SettingsLabels").
_LABELS = (
    QT_TRANSLATE_NOOP("SettingsLabels", "Points of the three-level scale"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Points of the five-level scale"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Rating scale of callbacks"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Share of closed tickets called back"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Share of callbacks made by dispatchers"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Days before a customer is called again"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Comment required at or below this rating"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Complaint opened at or below this rating"),
    QT_TRANSLATE_NOOP("SettingsLabels", "First response due (hours) per priority"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Resolution due (hours) per priority"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Day of the month of the fault analysis meeting"),
    QT_TRANSLATE_NOOP("SettingsLabels", "KPI factor per evaluated ticket"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Repair star bonus"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Days to resolve a complaint"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Management representative (copied on dispatch)"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Weekend days (0 = Monday)"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Holidays (YYYY-MM-DD)"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Backups kept"),
    QT_TRANSLATE_NOOP("SettingsLabels", "CJK font file for PDFs (TrueType)"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Language"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Organisation name on reports"),
    QT_TRANSLATE_NOOP("SettingsLabels", "One person may review and approve (single-manager desk)"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Timestamp authority URL for signatures (PAdES B-T)"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Mail server (SMTP) host; empty: no mail is sent"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Mail server port"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Connection security (none, starttls, ssl)"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Mail server user name (empty: no login)"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Sender address"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Sender name (empty: the organisation name)"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Reply-to address"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Mail server timeout (seconds)"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Time of day the daily jobs are due (HH:MM)"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Run the due jobs from the open program every … minutes (0: never)"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Days before a questionnaire not returned is reminded"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Reminders per questionnaire at most"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Days before the meeting team leads are reminded of revisit forms"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Hours before a complaint's deadline its handler is reminded"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Day of the month the last month's report drafts are made (0: never)"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Addresses a published report is mailed to"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Mail template: subject"),
    QT_TRANSLATE_NOOP("SettingsLabels", "Mail template: text"),
    QT_TRANSLATE_NOOP("SettingsLabels", "no encryption"),
    QT_TRANSLATE_NOOP("SettingsLabels", "three-level"),
    QT_TRANSLATE_NOOP("SettingsLabels", "five-level"),
    QT_TRANSLATE_NOOP("SettingsLabels", "follow the system"),
    QT_TRANSLATE_NOOP("SettingsLabels", "no"),
    QT_TRANSLATE_NOOP("SettingsLabels", "yes"),
)

#: Settings chosen from a fixed list: key → [(stored value, shown text source)].
_RATINGS = [(r.value, "") for r in RATING_ORDER]
CHOICES: dict[str, list[tuple[str, str]]] = {
    "rating.callback_scale": [("three", "three-level"), ("five", "five-level")],
    "callback.comment_threshold": _RATINGS,
    "callback.complaint_threshold": _RATINGS,
    "ui.language": [("", "follow the system"), ("zh_CN", ""), ("en", "")],
    "report.same_reviewer_approver": [("no", "no"), ("yes", "yes")],
    "mail.security": [("none", "no encryption"), ("starttls", "STARTTLS"), ("ssl", "SSL/TLS")],
}
#: Settings edited on a page of their own (the Mail tab: the server and the templates), not in this form.
ELSEWHERE = ("mail.",)
_FIXED_NAMES = {"zh_CN": "简体中文", "en": "English"}


def setting_label(key: str) -> str:
    return QCoreApplication.translate("SettingsLabels", settings.SPECS[key].label)


def _is_whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _spin(value: object, whole: bool) -> QSpinBox | QDoubleSpinBox:
    if whole:
        box = QSpinBox()
        box.setRange(0, 100_000)
    else:
        box = QDoubleSpinBox()
        box.setDecimals(3)
        box.setSingleStep(0.05)
        box.setRange(0, 100_000)
    box.setValue(value)  # type: ignore[arg-type]
    return box


class DictEditor(QWidget):
    """A small grid of spin boxes for a {code: number} setting (points per rating, hours per priority)."""

    def __init__(self, value: dict, parent: QWidget | None = None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QSpinBox | QDoubleSpinBox] = {}
        whole = all(_is_whole(v) for v in value.values())
        for col, (code, number) in enumerate(value.items()):
            grid.addWidget(QLabel(label(code), self), 0, col)
            box = _spin(number, whole)
            box.setParent(self)
            self.boxes[code] = box
            grid.addWidget(box, 1, col)
        grid.setColumnStretch(len(value), 1)

    def value(self) -> dict:
        return {code: box.value() for code, box in self.boxes.items()}

    def set_value(self, value: dict) -> None:
        for code, box in self.boxes.items():
            box.setValue(value.get(code, 0))


class ListEditor(QLineEdit):
    """A comma-separated list: weekday numbers or dates."""

    def __init__(self, value: list, whole: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.whole = whole
        self.set_value(value)

    def set_value(self, value: list) -> None:
        self.setText(", ".join(str(v) for v in value))

    def value(self) -> list:
        items: list[object] = []
        for part in self.text().replace("，", ",").replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            items.append(int(part) if self.whole and part.lstrip("-").isdigit() else part)
        return items


class SettingsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.editors: dict[str, QWidget] = {}
        inner = QWidget(self)
        form = QFormLayout(inner)
        for key, spec in settings.SPECS.items():
            if key.startswith(ELSEWHERE):
                continue
            editor = self._editor(key, spec.default, inner)
            editor.setObjectName(key)
            editor.setToolTip(key)
            self.editors[key] = editor
            form.addRow(setting_label(key) + self.tr(":"), editor)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet(error_style(self))
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("Save settings"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.reload_button = buttons.addButton(self.tr("Undo changes"), QDialogButtonBox.ButtonRole.ResetRole)
        self.save_button.clicked.connect(self.save)
        self.reload_button.clicked.connect(self.reload)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reload()

    def _editor(self, key: str, default: object, parent: QWidget) -> QWidget:
        if key in CHOICES:
            combo = QComboBox(parent)
            for code, text in CHOICES[key]:
                shown = (QCoreApplication.translate("SettingsLabels", text) if text
                         else _FIXED_NAMES.get(code) or label(code))
                combo.addItem(shown, code)
            return combo
        if isinstance(default, dict):
            return DictEditor(default, parent)
        if isinstance(default, list):
            return ListEditor(default, key == "calendar.weekend", parent)
        if isinstance(default, bool) or not isinstance(default, int | float):
            return QLineEdit(parent)
        box = _spin(default, _is_whole(default))
        box.setParent(parent)
        return box

    def reload(self) -> None:
        self.error.hide()
        for key, value in settings.get_all().items():
            editor = self.editors.get(key)
            if editor is None:
                continue
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(editor.findData(value), 0))
            elif isinstance(editor, DictEditor | ListEditor):
                editor.set_value(value)
            elif isinstance(editor, QSpinBox | QDoubleSpinBox):
                editor.setValue(value)
            else:
                editor.setText(str(value))

    def values(self) -> dict[str, object]:
        result: dict[str, object] = {}
        for key, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                result[key] = editor.currentData()
            elif isinstance(editor, DictEditor | ListEditor | QSpinBox | QDoubleSpinBox):
                result[key] = editor.value()
            else:
                result[key] = editor.text()
        return result

    def save(self) -> bool:
        try:
            settings.set_many(self.context.actor, self.values())
        except ValidationError as exc:
            where = setting_label(exc.field) if exc.field in settings.SPECS else exc.field
            self.error.setText(self.tr("{field}: {problem}").format(field=where, problem=exc))
            self.error.show()
            editor = self.editors.get(exc.field)
            if editor is not None:
                editor.setFocus()
            return False
        except DeskError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.error.hide()
        self.context.events.changed.emit("setting")  # e.g. jobs.gui_minutes: the main window's timer follows
        QMessageBox.information(self, self.tr("Settings"), self.tr("The settings were saved."))
        return True
