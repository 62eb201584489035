"""Drive FormDialog-based actions in tests: queue the values, the dialog fills and submits itself."""

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QDateTimeEdit, QLineEdit, QPlainTextEdit

from desk_app.ui.form_dialog import FormDialog


def fill(dialog: FormDialog, values: dict[str, object]) -> None:
    """Type/select `values` into the dialog's widgets the way a person would."""
    for key, value in values.items():
        widget = dialog.fields[key]
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value))
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QComboBox):
            index = widget.findData(value)
            if index < 0:
                index = widget.findText(str(value))
            assert index >= 0, f"{key}: {value!r} not among the choices"
            widget.setCurrentIndex(index)
        elif isinstance(widget, QDateTimeEdit | QDateEdit):
            widget.setDateTime(value) if isinstance(widget, QDateTimeEdit) and not isinstance(
                widget, QDateEdit) else widget.setDate(value)
        else:
            raise TypeError(type(widget))


class FormQueue:
    """Answers the next FormDialog.exec() calls with queued values (or a callable given the dialog)."""

    def __init__(self, monkeypatch):
        self.queue: list[dict | Callable[[FormDialog], None]] = []
        self.seen: list[FormDialog] = []
        monkeypatch.setattr(FormDialog, "exec", lambda dialog: self._exec(dialog))

    def push(self, values: dict | Callable[[FormDialog], None]) -> None:
        self.queue.append(values)

    def _exec(self, dialog: FormDialog) -> int:
        self.seen.append(dialog)
        answer = self.queue.pop(0)
        if callable(answer):
            answer(dialog)
        else:
            fill(dialog, answer)
        dialog.submit()
        return dialog.result()
