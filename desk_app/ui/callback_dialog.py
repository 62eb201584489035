"""The phone callback screen (电话回访, R13–R15): the script with the ticket's facts, the five
questions with no answer preselected (R14a), Save, and "Unreachable" (attempts logged, retry later).

After a dissatisfied rating the caller is told which revisit form (and complaint) was opened,
from the service's result.
"""

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskError
from desk_app.i18n import label, t
from desk_app.models.enums import CallbackState, rating_at_or_below
from desk_app.services import callbacks
from desk_app.services.callbacks import CallbackOutcome, CallbackScript
from desk_app.services.evaluations import KIND_LABELS
from desk_app.ui.context import AppContext
from desk_app.ui.widgets import error_label, error_style, readable, scrolling_form


def _fmt(value) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else "—"


class ChoiceGroup(QWidget):
    """A row of radio buttons of which none is checked at first; `value()` is None until one is."""

    def __init__(self, options: list[tuple[str, object]], parent: QWidget | None = None):
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[object, QRadioButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for i, (text, value) in enumerate(options):
            button = QRadioButton(text)
            button.setProperty("choice", value)
            self.group.addButton(button, i)
            self.buttons[value] = button
            layout.addWidget(button)
        layout.addStretch(1)

    def value(self) -> object:
        checked = self.group.checkedButton()
        return checked.property("choice") if checked is not None else None

    def choose(self, value: object) -> None:
        self.buttons[value].setChecked(True)

    def setFocus(self) -> None:  # focus the chosen radio button, else the first
        first = next(iter(self.buttons.values()), None)
        (self.group.checkedButton() or first or super()).setFocus()


class CallbackDialog(QDialog):
    """One callback: read the script, record the answers, or log an unreachable attempt."""

    def __init__(self, context: AppContext, callback_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.callback_id = callback_id
        self.outcome: CallbackOutcome | None = None
        self.message = ""  # what the caller was told after saving (tests read it)
        self.changed = False
        self.script: CallbackScript = callbacks.callback_script(callback_id)
        s = self.script
        self.setWindowTitle(self.tr("Callback — {0}").format(s.ticket_number))

        # --- the ticket -------------------------------------------------------------------------------
        facts = QGroupBox(self.tr("Ticket {0}").format(s.ticket_number))
        grid = QGridLayout(facts)
        grid.setHorizontalSpacing(14)
        pairs = [
            (self.tr("Reporter"), s.reporter_name), (self.tr("Phone"), s.reporter_phone),
            (self.tr("Customer unit"), s.unit_name), (self.tr("Location"), s.reporter_location),
            (self.tr("Reported"), _fmt(s.reported_at)), (self.tr("Closed"), _fmt(s.closed_at)),
            (self.tr("Technician"), s.technician_name), (self.tr("Team"), s.team_name),
        ]
        for i, (name, value) in enumerate(pairs):
            row, col = divmod(i, 2)
            grid.addWidget(self._caption(name), row, col * 2)
            grid.addWidget(self._value(value, big=name == self.tr("Phone")), row, col * 2 + 1)
        row = len(pairs) // 2
        for name, value in ((self.tr("What was reported"), s.description), (self.tr("Cause"), s.cause),
                            (self.tr("What was done"), s.resolution)):
            grid.addWidget(self._caption(name), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self._value(value), row, 1, 1, 3)
            row += 1
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        due = _fmt(s.due_at)
        if s.overdue:
            overdue = self.tr("overdue")
            due = f"<span style='{error_style(self)} font-weight:bold'>{escape(due)} — {overdue}</span>"
        self.due_label = QLabel(self.tr("Callback by: {0} &nbsp; ({1})").format(
            due, escape(label_kind(s.caller_kind))))
        grid.addWidget(self.due_label, row, 0, 1, 4)

        # --- the script and the answers --------------------------------------------------------------
        ratings = [(label(code), code) for code in s.rating_options]
        yes_no = [(self.tr("Yes"), True), (self.tr("No"), False)]
        self.contacted = ChoiceGroup(yes_no)
        self.attitude = ChoiceGroup(ratings)
        self.working = ChoiceGroup(yes_no)
        self.rating = ChoiceGroup(ratings)
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.comment.setPlaceholderText(self.tr("In the customer's own words"))
        self.comment.setMinimumHeight(self.comment.fontMetrics().lineSpacing() * 3 + 12)
        self.comment.setMaximumHeight(self.comment.fontMetrics().lineSpacing() * 6 + 12)
        self.comment_required = QLabel(self.tr("Required for this rating: write down the customer's problems "
                                               "and suggestions."))
        self.comment_required.setStyleSheet(error_style(self))
        self.comment_required.setWordWrap(True)
        self.comment_required.hide()
        self.rating.group.buttonToggled.connect(self._rating_changed)

        script_box = QGroupBox(self.tr("Phone script"))
        script_layout = QVBoxLayout(script_box)
        answers = (self.contacted, self.attitude, self.working, self.rating, self.comment)
        titles = (self.tr("Contacted within 1 hour"), self.tr("Service attitude"), self.tr("Device working now"),
                  self.tr("Overall rating (the customer's choice)"), self.tr("Problems and suggestions"))
        questions = list(s.questions) + [""] * (len(answers) - len(s.questions))
        quote_colour = readable("#37474f", self).name()
        for n, (question, title, widget) in enumerate(zip(questions, titles, answers, strict=True)):
            head = QLabel(f"<b>{chr(ord('a') + n)}) {escape(title)}</b>"
                          + (f"<br><span style='color:{quote_colour}'>“{escape(question)}”</span>" if question else ""))
            head.setWordWrap(True)
            script_layout.addWidget(head)
            script_layout.addWidget(widget)
            if widget is self.comment:
                script_layout.addWidget(self.comment_required)
            if n < len(answers) - 1:
                line = QFrame()
                line.setFrameShape(QFrame.Shape.HLine)
                line.setFrameShadow(QFrame.Shadow.Sunken)
                script_layout.addWidget(line)

        # --- unreachable attempts --------------------------------------------------------------------
        attempts_box = QGroupBox(self.tr("Call attempts"))
        attempts_layout = QVBoxLayout(attempts_box)
        self.attempts = QLabel()
        self.attempts.setWordWrap(True)
        self.attempts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        attempts_layout.addWidget(self.attempts)
        unreachable_row = QHBoxLayout()
        self.attempt_note = QLineEdit()
        self.attempt_note.setPlaceholderText(self.tr("Note, e.g. no answer / line busy / call again after 3 pm"))
        self.attempt_note.setClearButtonEnabled(True)
        self.unreachable_button = QPushButton(self.tr("Unreachable"))
        self.unreachable_button.setToolTip(self.tr("Log a failed attempt with the time; the callback stays in the "
                                                   "worklist for a retry"))
        self.unreachable_button.clicked.connect(self.mark_unreachable)
        unreachable_row.addWidget(self.attempt_note, 1)
        unreachable_row.addWidget(self.unreachable_button)
        attempts_layout.addLayout(unreachable_row)
        self._show_attempts()

        self.error = error_label(self)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setToolTip(self.tr("Record the callback (Ctrl+S)"))
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        scrolling_form(self, [facts, script_box, attempts_box], self.error, self.buttons)
        if s.state == CallbackState.DONE.value:
            self._read_only()
        self.resize(820, 820)
        self.contacted.setFocus()

    # --- building helpers ---------------------------------------------------------------------------

    def _caption(self, text: str) -> QLabel:
        caption = QLabel(text + ":")
        caption.setStyleSheet("color: #555;")
        return caption

    def _value(self, text: str, big: bool = False) -> QLabel:
        value = QLabel(text or "—")
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = value.font()  # relative to the user's font size, not fixed pixels
        font.setBold(True)
        if big:
            font.setPointSizeF(font.pointSizeF() * 1.15)
        value.setFont(font)
        return value

    def _show_attempts(self) -> None:
        attempts = self.script.attempts
        if not attempts:
            self.attempts.setText(self.tr("No failed attempts yet."))
            return
        lines = [f"{a.at:%Y-%m-%d %H:%M} &nbsp; {escape(a.username)} &nbsp; {escape(a.note)}" for a in attempts]
        self.attempts.setText(self.tr("{0} failed attempts:").format(len(attempts)) + "<br>" + "<br>".join(lines))

    def _read_only(self) -> None:
        for widget in (self.contacted, self.attitude, self.working, self.rating, self.comment, self.attempt_note,
                       self.unreachable_button, self.save_button):
            widget.setEnabled(False)
        self.error.setStyleSheet("")
        self.error.setText(self.tr("This callback is already completed."))
        self.error.show()

    def _rating_changed(self, _button: QAbstractButton | None = None, _checked: bool = True) -> None:
        rating = self.rating.value()
        required = bool(rating) and rating_at_or_below(str(rating), self.script.comment_threshold)
        self.comment_required.setVisible(required)

    def comment_is_required(self) -> bool:
        return not self.comment_required.isHidden()

    def _fail(self, exc: DeskError) -> None:
        self.error.setText(str(exc))
        self.error.show()
        field = getattr(exc, "field", "")
        widget = {"rating": self.rating, "attitude": self.attitude, "contacted_within_hour": self.contacted,
                  "device_working": self.working, "comment": self.comment, "note": self.attempt_note}.get(field)
        if widget is not None:
            widget.setFocus()

    # --- actions --------------------------------------------------------------------------------------

    def save(self) -> bool:
        """Record the answers; the service refuses missing choices (R14a) and a missing comment."""
        if not self.save_button.isEnabled():
            return False
        try:
            outcome = callbacks.complete_callback(
                self.context.actor, self.callback_id, self.script.version, self.contacted.value(),
                self.attitude.value(), self.working.value(), self.rating.value(), self.comment.toPlainText())
        except DeskError as exc:
            self._fail(exc)
            return False
        self.outcome = outcome
        self.changed = True
        self.context.events.changed.emit("callback")
        self.context.events.changed.emit("evaluation")
        parts = [self.tr("Callback of {0} saved: {1} ({2} points).").format(
            self.script.ticket_number, label(outcome.callback.rating), outcome.points)]
        if outcome.revisit_form_id:
            self.context.events.changed.emit("revisit")
            parts.append(self.tr("Revisit form {0} was created for the team lead of {1}.").format(
                outcome.revisit_form_number, self.script.team_name or self.tr("the team")))
        if outcome.complaint_id:
            self.context.events.changed.emit("complaint")
            parts.append(self.tr("Complaint {0} was opened (source: callback).").format(outcome.complaint_number))
        self.message = "\n".join(parts)
        if outcome.revisit_form_id or outcome.complaint_id:
            QMessageBox.information(self, self.tr("Callback saved"), self.message)
        self.accept()
        return True

    def mark_unreachable(self) -> bool:
        try:
            row = callbacks.mark_unreachable(self.context.actor, self.callback_id, self.attempt_note.text(),
                                             self.script.version)
        except DeskError as exc:
            self._fail(exc)
            return False
        self.changed = True
        self.context.events.changed.emit("callback")
        self.message = self.tr("Attempt {0} logged; the callback stays in your worklist ({1}).").format(
            row.attempts, label_state(row.state))
        self.accept()
        return True


def label_kind(kind: str) -> str:
    """'dispatcher callback' / 'manager callback' / 'team lead self-evaluation', translated."""
    return t(KIND_LABELS.get(kind, kind))


def label_state(state: str) -> str:
    """A callback state in words (the codes are not in the shared label table)."""
    texts = {CallbackState.PENDING.value: QT_TRANSLATE_NOOP("CallbackState", "Pending"),
             CallbackState.DONE.value: QT_TRANSLATE_NOOP("CallbackState", "Done"),
             CallbackState.UNREACHABLE.value: QT_TRANSLATE_NOOP("CallbackState", "Unreachable")}
    return QCoreApplication.translate("CallbackState", texts[state]) if state in texts else state
