"""A small dialog built from a list of labelled fields, for the one-step actions of the flows.

Each field is (key, label, widget). `values()` returns the widgets' values by key. The dialog
stays open and shows the service's message when `on_accept` raises a DeskError, so a person
can correct the input instead of starting over.
"""

from collections.abc import Callable, Sequence
from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskError
from desk_app.ui.widgets import error_label

Field = tuple[str, str, QWidget]


def text_edit(text: str = "", lines: int = 4, placeholder: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(placeholder)
    edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


def line_edit(text: str = "", placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    return edit


def combo(options: Sequence[tuple[str, object]], current: object = None) -> QComboBox:
    """A combo box of (shown text, value) pairs."""
    box = QComboBox()
    for text, value in options:
        box.addItem(text, value)
    if current is not None:
        index = box.findData(current)
        box.setCurrentIndex(max(index, 0))
    return box


def date_edit(value: date | None = None) -> QDateEdit:
    edit = QDateEdit(QDate(value) if value else QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def datetime_edit(value: datetime | None = None) -> QDateTimeEdit:
    edit = QDateTimeEdit(QDateTime(value) if value else QDateTime.currentDateTime())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    return edit


def value_of(widget: QWidget) -> object:
    """The Python value a field widget holds."""
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QDateTimeEdit) and not isinstance(widget, QDateEdit):
        return widget.dateTime().toPython().replace(second=0, microsecond=0)
    if isinstance(widget, QDateEdit):
        return widget.date().toPython()
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.value()
    raise TypeError(type(widget))


class FormDialog(QDialog):
    """OK runs `on_accept(values)`; a DeskError it raises is shown in the dialog, which stays open."""

    def __init__(self, title: str, fields: Sequence[Field], on_accept: Callable[[dict], object],
                 parent: QWidget | None = None, intro: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.fields = {key: widget for key, _label, widget in fields}
        self.on_accept = on_accept
        self.result_value: object = None
        layout = QVBoxLayout(self)
        if intro:
            note = QLabel(intro)
            note.setWordWrap(True)
            layout.addWidget(note)
        form = QFormLayout()
        for _key, label, widget in fields:
            if isinstance(widget, QCheckBox) and not label:
                form.addRow(widget)
            else:
                form.addRow(label, widget)
        layout.addLayout(form)
        self.error = error_label(self)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.submit)
        QShortcut(QKeySequence.StandardKey.Save, self, self.submit)
        self.setMinimumWidth(480)
        if fields:
            fields[0][2].setFocus()

    def values(self) -> dict[str, object]:
        return {key: value_of(widget) for key, widget in self.fields.items()}

    def submit(self) -> None:
        try:
            self.result_value = self.on_accept(self.values())
        except DeskError as exc:
            self.error.setText(str(exc))
            self.error.show()
            field = getattr(exc, "field", "")
            if field in self.fields:
                self.fields[field].setFocus()
            return
        self.accept()
