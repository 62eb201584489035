"""The dissatisfaction revisit form (不满意回访表, R17–R19) laid out like the paper form.

The fields prefilled from the ticket and the call are read-only where they hold a value; the team
lead adds the dissatisfaction types, their revisit notes and the corrective measures, saves and
submits. A form turns into an improvement project in one step (R18); a manager records the fault
analysis meeting's decision (R18a); "Print form" makes the one-page PDF (R19).
"""

from datetime import datetime
from html import escape

from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskError
from desk_app.i18n import label
from desk_app.models.enums import RevisitState, Role
from desk_app.services import revisits
from desk_app.services.calendar import next_working_day
from desk_app.services.permissions import Permission, can
from desk_app.services.revisits import RevisitRow
from desk_app.ui.context import AppContext
from desk_app.ui.widgets import error_label, error_style, readable, scrolling_form

READ_ONLY_STYLE = ("QLineEdit[readOnly=\"true\"], QPlainTextEdit[readOnly=\"true\"], "
                   "QDateTimeEdit[readOnly=\"true\"] { background: palette(alternate-base); color: palette(text); }")


def revisit_state_label(state: str) -> str:
    from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

    texts = {RevisitState.OPEN.value: QT_TRANSLATE_NOOP("RevisitState", "Open"),
             RevisitState.SUBMITTED.value: QT_TRANSLATE_NOOP("RevisitState", "Submitted"),
             RevisitState.DISCUSSED.value: QT_TRANSLATE_NOOP("RevisitState", "Discussed at the meeting")}
    return QCoreApplication.translate("RevisitState", texts[state]) if state in texts else state


def can_fill(actor, row: RevisitRow) -> bool:
    """R2 as the service applies it: a team lead of the form's team, or a manager."""
    if not can(actor, Permission.FILL_REVISIT):
        return False
    return actor.has_role(Role.MANAGER) or (actor.has_role(Role.TEAM_LEAD) and actor.team_id == row.team_id)


class RevisitDialog(QDialog):
    def __init__(self, context: AppContext, form_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.form_id = form_id
        self.changed = False
        self.message = ""
        self.row: RevisitRow = revisits.get_form(context.actor, form_id)
        r = self.row

        # --- header: the prefilled facts -------------------------------------------------------------
        self.title = QLabel()
        title_font = self.title.font()  # relative to the user's font size, not fixed pixels
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ticket_number = self._fixed(r.ticket_number)
        self.team = self._fixed(r.team_name)
        self.reporter = self._line(r.reporter_name)
        self.location = self._line(r.reporter_location)
        self.phone = self._line(r.reporter_phone)
        self.callback_person = self._line(r.callback_person)
        self.reported_at = self._datetime(r.reported_at)
        self.callback_at = self._datetime(r.callback_at)
        self.problems = self._text(r.customer_problems, 2, read_only_if_set=True)

        head = QGroupBox(self.tr("Ticket and callback"))
        grid = QGridLayout(head)
        grid.setHorizontalSpacing(12)
        cells = [(self.tr("Ticket number"), self.ticket_number), (self.tr("Team"), self.team),
                 (self.tr("Reporter"), self.reporter), (self.tr("Reporter location"), self.location),
                 (self.tr("Report time"), self.reported_at), (self.tr("Reporter phone"), self.phone),
                 (self.tr("Callback person"), self.callback_person), (self.tr("Callback time"), self.callback_at)]
        for i, (name, widget) in enumerate(cells):
            row, col = divmod(i, 2)
            grid.addWidget(QLabel(name), row, col * 2)
            grid.addWidget(widget, row, col * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.addWidget(QLabel(self.tr("Customer's problems and suggestions")), 4, 0, 1, 4)
        grid.addWidget(self.problems, 5, 0, 1, 4)

        # --- the team lead's part --------------------------------------------------------------------
        self.types: dict[str, QCheckBox] = {}
        type_box = QGroupBox(self.tr("Dissatisfaction type"))
        type_layout = QGridLayout(type_box)
        type_texts = {revisits.RESPONSE_SPEED: self.tr("Response speed"),
                      revisits.ATTITUDE: self.tr("Service attitude"),
                      revisits.DEVICE_STATE: self.tr("Device state after repair"),
                      revisits.OTHER: self.tr("Other:")}
        for i, code in enumerate(revisits.DISSATISFACTION_TYPES):
            box = QCheckBox(type_texts.get(code, code))
            box.setChecked(code in r.dissatisfaction_types)
            self.types[code] = box
            if code != revisits.OTHER:
                type_layout.addWidget(box, 0, i)
        self.other = self._line(r.dissatisfaction_other, read_only_if_set=False)
        self.other.setPlaceholderText(self.tr("Describe the other dissatisfaction"))
        other_row = QHBoxLayout()
        other_row.addWidget(self.types[revisits.OTHER])
        other_row.addWidget(self.other, 1)
        type_layout.addLayout(other_row, 1, 0, 1, 3)
        self.other.setEnabled(self.types[revisits.OTHER].isChecked())
        self.types[revisits.OTHER].toggled.connect(self.other.setEnabled)

        self.notes = self._text(r.revisit_notes, 3)
        self.measures = self._text(r.corrective_measures, 3)
        lead_box = QGroupBox(self.tr("Team lead"))
        lead_layout = QVBoxLayout(lead_box)
        lead_layout.addWidget(QLabel(self.tr("Team lead's revisit notes (工长回访情况)")))
        lead_layout.addWidget(self.notes)
        lead_layout.addWidget(QLabel(self.tr("Corrective measures and suggestions (整改措施和建议)")))
        lead_layout.addWidget(self.measures)

        # --- the meeting (R18a) ----------------------------------------------------------------------
        # the form is due the working day before its meeting: that meeting is the default date
        self.meeting_date = QDateEdit(QDate(r.meeting_date or next_working_day(r.due_date)))
        self.meeting_date.setCalendarPopup(True)
        self.meeting_date.setDisplayFormat("yyyy-MM-dd")
        self.agreed = self._text(r.agreed_measure, 2)
        self.meeting_button = QPushButton(self.tr("Record decision"))
        self.meeting_button.clicked.connect(self.record_meeting)
        meeting_box = QGroupBox(self.tr("Fault analysis meeting (故障分析会)"))
        meeting_layout = QGridLayout(meeting_box)
        meeting_layout.addWidget(QLabel(self.tr("Meeting date")), 0, 0)
        meeting_layout.addWidget(self.meeting_date, 0, 1)
        meeting_layout.setColumnStretch(2, 1)
        meeting_layout.addWidget(self.meeting_button, 0, 3)
        meeting_layout.addWidget(QLabel(self.tr("Agreed measure")), 1, 0, Qt.AlignmentFlag.AlignTop)
        meeting_layout.addWidget(self.agreed, 1, 1, 1, 3)
        self.meeting_box = meeting_box

        # --- buttons ---------------------------------------------------------------------------------
        self.error = error_label(self)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save the form (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.submit_button = QPushButton(self.tr("Submit"))
        self.submit_button.setToolTip(self.tr("Save and hand the form in for the fault analysis meeting"))
        self.submit_button.clicked.connect(self.submit)
        self.project_button = QPushButton(self.tr("Turn into improvement project"))
        self.project_button.clicked.connect(self.to_project)
        self.print_button = QPushButton(self.tr("Print form…"))
        self.print_button.setToolTip(self.tr("The one-page PDF in the layout of the paper form"))
        self.print_button.clicked.connect(self.print_form)
        close_button = QPushButton(self.tr("Close"))
        close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.submit_button, self.project_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        scrolling_form(self, [self.title, self.status, head, type_box, lead_box, meeting_box], self.error, buttons)
        # prefilled, read-only fields look different from the ones to fill in
        self.setStyleSheet(READ_ONLY_STYLE)
        self.resize(860, 820)
        self._show(self.row)
        self.notes.setFocus()

    # --- widgets --------------------------------------------------------------------------------------

    def _fixed(self, text: str) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setReadOnly(True)
        return edit

    def _line(self, text: str, read_only_if_set: bool = True) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setReadOnly(read_only_if_set and bool(text))
        return edit

    def _text(self, text: str, lines: int, read_only_if_set: bool = False) -> QPlainTextEdit:
        edit = QPlainTextEdit(text)
        edit.setTabChangesFocus(True)
        spacing = edit.fontMetrics().lineSpacing()
        edit.setMinimumHeight(spacing * lines + 14)
        edit.setMaximumHeight(spacing * (lines + 3) + 14)
        edit.setReadOnly(read_only_if_set and bool(text))
        return edit

    def _datetime(self, value: datetime | None) -> QDateTimeEdit:
        edit = QDateTimeEdit(QDateTime(value) if value else QDateTime.currentDateTime())
        edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        edit.setCalendarPopup(True)
        edit.setReadOnly(value is not None)
        edit.setProperty("was_set", value is not None)
        return edit

    def _editables(self) -> list[QWidget]:
        return [self.reporter, self.location, self.phone, self.callback_person, self.reported_at, self.callback_at,
                self.problems, self.other, self.notes, self.measures, *self.types.values()]

    def _show(self, r: RevisitRow) -> None:
        self.row = r
        actor = self.context.actor
        self.setWindowTitle(self.tr("Revisit form {0}").format(r.number))
        self.title.setText(self.tr("Dissatisfaction revisit form (不满意回访表) {0}").format(r.number))
        due = f"{r.due_date:%Y-%m-%d}"
        if r.overdue:
            overdue = self.tr("overdue")
            due = f"<span style='{error_style(self)} font-weight:bold'>{due} — {overdue}</span>"
        parts = [self.tr("State: <b>{0}</b>").format(escape(revisit_state_label(r.state))),
                 self.tr("Due: {0}").format(due),
                 self.tr("Rating: {0}").format(escape(label(r.rating))) if r.rating else "",
                 self.tr("Team lead: {0}").format(escape(r.team_lead_name)) if r.team_lead_name else ""]
        if r.project_numbers:
            parts.append(self.tr("Improvement project: {0}").format(escape(", ".join(r.project_numbers))))
        self.status.setText(" &nbsp;·&nbsp; ".join(p for p in parts if p))
        editable = can_fill(actor, r) and r.state != RevisitState.DISCUSSED.value
        for widget in self._editables():
            if isinstance(widget, QCheckBox):
                widget.setEnabled(editable)
            elif widget is self.other:
                widget.setReadOnly(not editable)
            elif isinstance(widget, QDateTimeEdit):
                widget.setReadOnly(not editable or bool(widget.property("was_set")))
            elif widget in (self.notes, self.measures):
                widget.setReadOnly(not editable)
            elif not editable:
                widget.setReadOnly(True)
        self.save_button.setEnabled(editable)
        self.submit_button.setEnabled(editable and r.state == RevisitState.OPEN.value)
        may_project = can(actor, Permission.IMPROVEMENT_EDIT) and (
            actor.has_role(Role.MANAGER, Role.QUALITY) or actor.team_id == r.team_id)
        self.project_button.setEnabled(may_project and not r.project_ids)
        if r.project_ids:
            self.project_button.setToolTip(self.tr("Already linked to {0}").format(", ".join(r.project_numbers)))
        meeting = can(actor, Permission.RECORD_MEETING)
        self.meeting_box.setVisible(meeting or r.meeting_date is not None)
        self.meeting_date.setReadOnly(not meeting)
        self.agreed.setReadOnly(not meeting)
        self.meeting_button.setVisible(meeting)
        if r.meeting_date:
            self.meeting_date.setDate(QDate(r.meeting_date))
        for widget in (*self._editables(), self.meeting_date, self.agreed):
            widget.style().unpolish(widget)  # the read-only look follows the property
            widget.style().polish(widget)

    def _fail(self, exc: DeskError) -> None:
        self.error.setText(str(exc))
        self.error.show()
        widget = {"reporter_name": self.reporter, "reporter_location": self.location, "reporter_phone": self.phone,
                  "callback_person": self.callback_person, "customer_problems": self.problems,
                  "dissatisfaction_other": self.other, "revisit_notes": self.notes,
                  "corrective_measures": self.measures, "agreed_measure": self.agreed,
                  "dissatisfaction_types": self.types[revisits.RESPONSE_SPEED]}.get(getattr(exc, "field", ""))
        if widget is not None:
            widget.setFocus()

    def _done(self, row: RevisitRow, message: str, *tables: str) -> None:
        self.changed = True
        self.message = message
        self.error.setStyleSheet(f"color: {readable('#2e7d32', self).name()};")
        self.error.setText(message)
        self.error.show()
        self._show(row)
        for table in tables or ("revisit",):
            self.context.events.changed.emit(table)

    # --- actions --------------------------------------------------------------------------------------

    def values(self) -> dict:
        """The editable fields, for revisits.save_form (read-only prefilled ones are left as they are)."""
        def text(widget) -> str | None:
            if widget.isReadOnly():
                return None
            return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()

        def when(widget: QDateTimeEdit) -> datetime | None:
            if widget.isReadOnly():
                return None
            return widget.dateTime().toPython().replace(second=0, microsecond=0)

        return {
            "reporter_name": text(self.reporter), "reporter_location": text(self.location),
            "reporter_phone": text(self.phone), "callback_person": text(self.callback_person),
            "reported_at": when(self.reported_at), "callback_at": when(self.callback_at),
            "customer_problems": text(self.problems),
            "dissatisfaction_types": [code for code, box in self.types.items() if box.isChecked()],
            "dissatisfaction_other": text(self.other) if self.types[revisits.OTHER].isChecked() else
            (None if self.other.isReadOnly() else ""),
            "revisit_notes": text(self.notes), "corrective_measures": text(self.measures),
        }

    def _save(self) -> RevisitRow | None:
        self.error.setStyleSheet(error_style(self))
        try:
            return revisits.save_form(self.context.actor, self.form_id, self.row.version, **self.values())
        except DeskError as exc:
            self._fail(exc)
            return None

    def save(self) -> bool:
        if not self.save_button.isEnabled():
            return False
        row = self._save()
        if row is None:
            return False
        self._done(row, self.tr("Saved."))
        return True

    def submit(self) -> bool:
        """Save the edits, then hand the form in."""
        if not self.submit_button.isEnabled():
            return False
        row = self._save()
        if row is None:
            return False
        self.row = row
        try:
            row = revisits.submit_form(self.context.actor, self.form_id, row.version)
        except DeskError as exc:
            self._fail(exc)
            self._show(self.row)
            self.changed = True
            self.context.events.changed.emit("revisit")
            return False
        self._done(row, self.tr("Revisit form {0} submitted.").format(row.number))
        return True

    def to_project(self) -> bool:
        """R18: one step, the link kept; unsaved edits are saved first (they become the initial measure)."""
        if self.save_button.isEnabled():
            row = self._save()
            if row is None:
                return False
            self.row = row
        try:
            project = revisits.to_improvement_project(self.context.actor, self.form_id)
        except DeskError as exc:
            self._fail(exc)
            return False
        row = revisits.get_form(self.context.actor, self.form_id)
        self._done(row, self.tr("Improvement project {0} created from this form.").format(project.number),
                   "revisit", "improvement")
        return True

    def record_meeting(self) -> bool:
        self.error.setStyleSheet(error_style(self))
        try:
            row = revisits.record_meeting_decision(self.context.actor, self.form_id, self.row.version,
                                                   self.meeting_date.date().toPython(), self.agreed.toPlainText())
        except DeskError as exc:
            self._fail(exc)
            return False
        self._done(row, self.tr("Meeting decision recorded."), "revisit", "improvement")
        return True

    def print_form(self) -> None:
        """Make the PDF (stored as a draft report), save it where the user says and open it."""
        from desk_app.ui.form_print import print_form_pdf

        self._print_job = print_form_pdf(self, self.context, "revisit-form", self.form_id, self.row.number,
                                         self.tr("Print revisit form"))
