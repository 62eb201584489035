"""The small dialogs a ticket action asks its questions in (reason, vendor, cause and resolution; whom to
assign). Non-blocking and kept by the form, so they can be driven from the keyboard and from tests."""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskError, ValidationError
from desk_app.ui.form_fields import INVALID_STYLE, fill_combo, plain_text_edit, set_combo_data, set_invalid
from desk_app.ui.widgets import error_style


@dataclass(frozen=True)
class PromptField:
    name: str
    label: str
    multiline: bool = False
    required: bool = True
    value: str = ""


class PromptDialog(QDialog):
    """Asks for a few texts before an action; `submit(values)` does the action.

    A ValidationError from `submit` is shown inside the prompt (which stays open); any other
    DeskError closes it and goes to `on_error`.
    """

    def __init__(self, title: str, intro: str, fields: list[PromptField],
                 submit: Callable[[dict[str, str]], None], on_error: Callable[[DeskError], None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setStyleSheet(INVALID_STYLE)
        self.setMinimumWidth(460)
        self.submit = submit
        self.on_error = on_error
        self.fields = fields
        self.widgets: dict[str, QLineEdit | QPlainTextEdit] = {}
        layout = QVBoxLayout(self)
        if intro:
            text = QLabel(intro, self)
            text.setWordWrap(True)
            layout.addWidget(text)
        form = QFormLayout()
        for f in fields:
            if f.multiline:
                widget: QLineEdit | QPlainTextEdit = plain_text_edit(self, f.name, 90)
                widget.setPlainText(f.value)
            else:
                widget = QLineEdit(f.value, self)
                widget.setObjectName(f.name)
            self.widgets[f.name] = widget
            form.addRow(f.label + ("" if f.required else self.tr(" (optional)")) + ":", widget)
        layout.addLayout(form)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet(error_style(self))
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.accept)
        if fields:
            self.widgets[fields[0].name].setFocus()

    def values(self) -> dict[str, str]:
        out = {}
        for name, widget in self.widgets.items():
            out[name] = (widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()).strip()
        return out

    def set_value(self, name: str, text: str) -> None:
        widget = self.widgets[name]
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(text)
        else:
            widget.setText(text)

    def show_problem(self, message: str, field: str = "") -> None:
        self.error.setText(message)
        self.error.show()
        for name, widget in self.widgets.items():
            set_invalid(widget, name == field)
        if field in self.widgets:
            self.widgets[field].setFocus()

    def accept(self) -> None:
        values = self.values()
        for f in self.fields:
            if f.required and not values[f.name]:
                self.show_problem(self.tr("{field} is required.").format(field=f.label), f.name)
                return
        try:
            self.submit(values)
        except ValidationError as exc:
            self.show_problem(str(exc), exc.field)
            return
        except DeskError as exc:
            super().reject()
            self.on_error(exc)
            return
        super().accept()


class AssignDialog(QDialog):
    """Assign: the team, a technician of that team, and an optional note."""

    def __init__(self, team_rows: list, user_rows: list, team_id: int | None, assignee_id: int | None,
                 submit: Callable[[int, int | None, str], None], on_error: Callable[[DeskError], None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assign ticket"))
        self.setMinimumWidth(420)
        self.submit = submit
        self.on_error = on_error
        self.user_rows = user_rows
        self.team = QComboBox(self)
        self.team.setObjectName("team")
        fill_combo(self.team, [(t.name, t.id) for t in team_rows], self.tr("(any team)"))
        set_combo_data(self.team, team_id)
        self.technician = QComboBox(self)
        self.technician.setObjectName("technician")
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        self.team.currentIndexChanged.connect(self._fill_technicians)
        self._fill_technicians()
        set_combo_data(self.technician, assignee_id)
        form = QFormLayout()
        form.addRow(self.tr("Team:"), self.team)
        form.addRow(self.tr("Technician:"), self.technician)
        form.addRow(self.tr("Note (optional):"), self.note)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet(error_style(self))
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.technician.setFocus()

    def _fill_technicians(self) -> None:
        team_id = self.team.currentData()
        current = self.technician.currentData()
        rows = [u for u in self.user_rows if team_id is None or u.team_id == team_id]
        fill_combo(self.technician, [(u.full_name, u.id) for u in rows], self.tr("(choose a technician)"))
        set_combo_data(self.technician, current)

    def accept(self) -> None:
        assignee_id = self.technician.currentData()
        if assignee_id is None:
            self.error.setText(self.tr("Choose the technician."))
            self.error.show()
            self.technician.setFocus()
            return
        try:
            self.submit(assignee_id, self.team.currentData(), self.note.text().strip())
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        except DeskError as exc:
            super().reject()
            self.on_error(exc)
            return
        super().accept()
