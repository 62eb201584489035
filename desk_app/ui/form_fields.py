"""Helpers of the record forms: date-time conversion, combo boxes filled from (text, data) pairs, the red
"invalid" frame a service's ValidationError puts on the field it names, Tab-friendly text boxes."""

from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

INVALID_STYLE = "*[invalid=\"true\"] { border: 1px solid #c62828; }"


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(value.year, value.month, value.day, value.hour, value.minute, value.second)


def from_qdatetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second())


def fill_combo(combo: QComboBox, items: list[tuple[str, object]], none_text: str | None = None) -> None:
    """Replace the items of `combo`: (text, data) pairs, optionally after a 'none' entry with data None."""
    combo.blockSignals(True)
    combo.clear()
    if none_text is not None:
        combo.addItem(none_text, None)
    for text, data in items:
        combo.addItem(text, data)
    combo.blockSignals(False)


def set_combo_data(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    combo.setCurrentIndex(max(index, 0))


def set_invalid(widget: QWidget, invalid: bool) -> None:
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def plain_text_edit(parent: QWidget, name: str, height: int = 70) -> QPlainTextEdit:
    """A multi-line field where Tab moves on (keyboard use) instead of typing a tab."""
    edit = QPlainTextEdit(parent)
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(height)
    return edit
