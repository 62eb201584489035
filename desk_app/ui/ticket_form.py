"""The ticket form: record a new ticket, edit one, and carry out the actions its state allows (R3–R7).

Every change goes through `desk_app.services.tickets`; the form shows the service's
ValidationError next to the field it names, and a ConflictError (someone else saved the
ticket meanwhile, R42) with a Reload button. Prompts (reason, cause and resolution …) are small
non-blocking dialogs kept as attributes, so they can be driven from the keyboard and from tests.
"""

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import ConflictError, DeskError, ValidationError
from desk_app.i18n import label
from desk_app.models.enums import Channel, Priority
from desk_app.services import tickets, users
from desk_app.services.tickets import TicketDetail, TicketInput
from desk_app.ui.context import AppContext
from desk_app.ui.form_fields import (
    INVALID_STYLE,
    fill_combo,
    from_qdatetime,
    plain_text_edit,
    set_combo_data,
    set_invalid,
    to_qdatetime,
)
from desk_app.ui.ticket_actions import TicketActionsMixin
from desk_app.ui.ticket_detail_view import TicketDetailViewMixin
from desk_app.ui.ticket_model import fmt_time
from desk_app.ui.widgets import error_style

# --- the form -----------------------------------------------------------------------------


class TicketForm(TicketActionsMixin, TicketDetailViewMixin, QDialog):
    """New ticket (ticket_id None), repeat report (repeat_of_id), or an existing ticket with its actions."""

    changed = Signal(int)  # the ticket id, after every successful change

    def __init__(self, context: AppContext, ticket_id: int | None = None, *, prefill: TicketInput | None = None,
                 repeat_of_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.detail: TicketDetail | None = None
        self.repeat_of_id = repeat_of_id
        self.prompt: QDialog | None = None  # the open action prompt, if any
        self.child_form: TicketForm | None = None  # a repeat-report form opened from here
        self.knowledge = None  # the knowledge dialog opened from here
        self.setObjectName("TicketForm")
        self.setStyleSheet(INVALID_STYLE)
        self.setSizeGripEnabled(True)
        self._teams = users.list_teams()
        self._users = users.list_users(include_inactive=False)
        self._units = users.list_units(include_inactive=False)
        self._build()
        if ticket_id is not None:
            self.detail = tickets.get_ticket(ticket_id)
            self._show_detail()
        else:
            self._fill_inputs(prefill or TicketInput(channel=Channel.HOTLINE.value, reported_at=datetime.now(),
                                                     reporter_name="", priority=Priority.P3.value),
                              reported_now=True)
            self.side.hide()
            self.outcome_box.hide()
            self.resize(680, 480)
            if repeat_of_id is not None:
                original = tickets.get_ticket(repeat_of_id)
                self.setWindowTitle(self.tr("Repeat report of {number}").format(number=original.number))
                self.header.setText(self.tr("Repeat report (二次报修) of {number}").format(number=original.number))
            else:
                self.setWindowTitle(self.tr("New ticket"))
                self.header.setText(self.tr("New ticket"))
        self._update_sla_preview()
        self.reporter_name.setFocus()

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.header = QLabel(self)
        self.header.setObjectName("header")
        font = self.header.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.header.setFont(font)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        main = QWidget(self)
        self.reporter_name = QLineEdit(main)
        self.reporter_name.setObjectName("reporter_name")
        self.reporter_phone = QLineEdit(main)
        self.reporter_phone.setObjectName("reporter_phone")
        self.unit = QComboBox(main)
        self.unit.setObjectName("unit")
        self.unit.setEditable(True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        fill_combo(self.unit, [(u.name, u.id) for u in self._units], "")
        completer = QCompleter([u.name for u in self._units], self.unit)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.unit.setCompleter(completer)
        self.reporter_location = QLineEdit(main)
        self.reporter_location.setObjectName("reporter_location")

        self.description = plain_text_edit(main, "description", 90)
        self.category = QLineEdit(main)
        self.category.setObjectName("category")
        self.priority = QComboBox(main)
        self.priority.setObjectName("priority")
        fill_combo(self.priority, [(p.value, p.value) for p in Priority])
        self.environment = plain_text_edit(main, "environment", 50)
        self.environment.setMaximumHeight(90)

        self.channel = QComboBox(main)
        self.channel.setObjectName("channel")
        fill_combo(self.channel, [(label(c.value), c.value) for c in Channel])
        self.reported_at = QDateTimeEdit(main)
        self.reported_at.setObjectName("reported_at")
        self.reported_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.reported_at.setCalendarPopup(True)
        self.required_check = QCheckBox(self.tr("Required by:"), main)
        self.required_check.setObjectName("required_check")
        self.required_by = QDateTimeEdit(main)
        self.required_by.setObjectName("required_by")
        self.required_by.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.required_by.setCalendarPopup(True)
        self.required_by.setEnabled(False)
        self.required_check.toggled.connect(self.required_by.setEnabled)
        self.team = QComboBox(main)
        self.team.setObjectName("team")
        fill_combo(self.team, [(t.name, t.id) for t in self._teams if t.active], self.tr("(none)"))
        self.assignee = QComboBox(main)
        self.assignee.setObjectName("assignee")
        self.team.currentIndexChanged.connect(self._fill_assignees)
        self._fill_assignees()
        self.sla_preview = QLabel(main)
        self.sla_preview.setObjectName("sla_preview")
        self.sla_preview.setStyleSheet("color: palette(mid);")
        self.priority.currentIndexChanged.connect(self._update_sla_preview)
        self.reported_at.dateTimeChanged.connect(self._update_sla_preview)

        reporter_box = QGroupBox(self.tr("Reporter (报修人)"), main)
        reporter_form = QFormLayout(reporter_box)
        reporter_form.addRow(self.tr("&Name:"), self.reporter_name)
        reporter_form.addRow(self.tr("&Phone:"), self.reporter_phone)
        reporter_form.addRow(self.tr("Customer &unit:"), self.unit)
        reporter_form.addRow(self.tr("&Location:"), self.reporter_location)

        fault_box = QGroupBox(self.tr("Fault"), main)
        fault_form = QFormLayout(fault_box)
        fault_form.addRow(self.tr("&Description:"), self.description)
        line = QHBoxLayout()
        line.addWidget(self.category, 1)
        line.addWidget(self._buddy(self.tr("P&riority:"), self.priority, main))
        line.addWidget(self.priority)
        fault_form.addRow(self._buddy(self.tr("&Category:"), self.category, main), line)
        fault_form.addRow(self.tr("&Environment:"), self.environment)

        record_box = QGroupBox(self.tr("Record"), main)
        grid = QGridLayout(record_box)
        grid.addWidget(self._buddy(self.tr("C&hannel:"), self.channel, main), 0, 0)
        grid.addWidget(self.channel, 0, 1)
        grid.addWidget(self._buddy(self.tr("Reported &at:"), self.reported_at, main), 0, 2)
        grid.addWidget(self.reported_at, 0, 3)
        grid.addWidget(self._buddy(self.tr("&Team:"), self.team, main), 1, 0)
        grid.addWidget(self.team, 1, 1)
        grid.addWidget(self.required_check, 1, 2)
        grid.addWidget(self.required_by, 1, 3)
        grid.addWidget(self._buddy(self.tr("Tech&nician:"), self.assignee, main), 2, 0)
        grid.addWidget(self.assignee, 2, 1)
        grid.addWidget(self.sla_preview, 2, 2, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        top = QHBoxLayout()
        top.addWidget(reporter_box, 2, Qt.AlignmentFlag.AlignTop)
        top.addWidget(fault_box, 3)
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(0, 0, 0, 0)
        main_layout.addLayout(top)
        main_layout.addWidget(record_box)

        # cause and resolution: edited through Resolve / Close, shown read-only here
        self.cause_view = QPlainTextEdit(main)
        self.cause_view.setObjectName("cause_view")
        self.cause_view.setReadOnly(True)
        self.cause_view.setTabChangesFocus(True)
        self.cause_view.setMaximumHeight(70)
        self.resolution_view = QPlainTextEdit(main)
        self.resolution_view.setObjectName("resolution_view")
        self.resolution_view.setReadOnly(True)
        self.resolution_view.setTabChangesFocus(True)
        self.resolution_view.setMaximumHeight(70)
        self.outcome_box = QGroupBox(self.tr("Cause analysis and resolution"), main)
        outcome_form = QFormLayout(self.outcome_box)
        outcome_form.addRow(self.tr("Cause (原因分析):"), self.cause_view)
        outcome_form.addRow(self.tr("Resolution (处理方法):"), self.resolution_view)
        main_layout.addWidget(self.outcome_box)
        main_layout.addStretch(1)

        # the side: service levels, actions, work log (existing tickets only)
        self.side = QWidget(self)
        side_layout = QVBoxLayout(self.side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        sla_box = QGroupBox(self.tr("Service levels"), self.side)
        self.sla_form = QFormLayout(sla_box)
        self.sla_labels: dict[str, QLabel] = {}
        for key, text in (("first_response", self.tr("First response:")), ("resolution", self.tr("Resolution:")),
                          ("closed", self.tr("Closed:")), ("vendor", self.tr("Vendor:")),
                          ("links", self.tr("Linked:"))):
            value = QLabel(sla_box)
            value.setObjectName(f"sla_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.sla_labels[key] = value
            self.sla_form.addRow(text, value)
        side_layout.addWidget(sla_box)
        self.actions_box = QGroupBox(self.tr("Actions"), self.side)
        self.actions_layout = QGridLayout(self.actions_box)
        side_layout.addWidget(self.actions_box)
        log_box = QGroupBox(self.tr("Work log"), self.side)
        log_layout = QVBoxLayout(log_box)
        self.log = QTableWidget(0, 4, log_box)
        self.log.setObjectName("work_log")
        self.log.setHorizontalHeaderLabels([self.tr("Time"), self.tr("By"), self.tr("Event"), self.tr("Text")])
        self.log.verticalHeader().setVisible(False)
        self.log.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.log.setWordWrap(True)
        self.log.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        log_header = self.log.horizontalHeader()
        for column in range(3):
            log_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        log_header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        log_layout.addWidget(self.log)
        side_layout.addWidget(log_box, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(main)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([620, 560])

        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet(error_style(self))
        self.error.setWordWrap(True)
        self.error.hide()
        self.reload_button = QPushButton(self.tr("&Reload"), self)
        self.reload_button.setObjectName("reload")
        self.reload_button.hide()
        self.reload_button.clicked.connect(self.reload)
        error_line = QHBoxLayout()
        error_line.addWidget(self.error, 1)
        error_line.addWidget(self.reload_button)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)
        layout.addLayout(error_line)
        layout.addWidget(self.buttons)

        # keyboard order follows the reading order: reporter, fault, record
        chain = [self.reporter_name, self.reporter_phone, self.unit, self.reporter_location, self.description,
                 self.category, self.priority, self.environment, self.channel, self.reported_at, self.team,
                 self.assignee, self.required_check, self.required_by, self.save_button, self.cancel_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

        self.field_widgets: dict[str, QWidget] = {
            "reporter_name": self.reporter_name, "reporter_phone": self.reporter_phone, "unit": self.unit,
            "unit_id": self.unit, "reporter_location": self.reporter_location, "description": self.description,
            "category": self.category, "priority": self.priority, "environment": self.environment,
            "channel": self.channel, "reported_at": self.reported_at, "required_by": self.required_by,
            "team": self.team, "team_id": self.team, "assignee": self.assignee, "assignee_id": self.assignee,
        }

    @staticmethod
    def _buddy(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
        lbl = QLabel(text, parent)
        lbl.setBuddy(buddy)
        return lbl

    def _fill_assignees(self) -> None:
        team_id = self.team.currentData()
        current = self.assignee.currentData()
        rows = [u for u in self._users if team_id is None or u.team_id == team_id]
        fill_combo(self.assignee, [(u.full_name, u.id) for u in rows], self.tr("(none)"))
        if current is not None and self.assignee.findData(current) < 0:
            # keep a current assignee from another team visible rather than silently dropping them
            user = next((u for u in self._users if u.id == current), None)
            if user is not None:
                self.assignee.addItem(user.full_name, user.id)
        set_combo_data(self.assignee, current)

    def _update_sla_preview(self) -> None:
        if self.detail is not None:
            self.sla_preview.setText("")
            return
        try:
            response, resolution = tickets.sla_due(from_qdatetime(self.reported_at.dateTime()),
                                                   self.priority.currentData() or Priority.P3.value)
        except (DeskError, AttributeError, ValueError):
            self.sla_preview.setText("")
            return
        self.sla_preview.setText(self.tr("Response due {response}, resolution due {resolution}").format(
            response=fmt_time(response), resolution=fmt_time(resolution)))

    # --- showing -----------------------------------------------------------------------

    def _fill_inputs(self, data: TicketInput, reported_now: bool = False) -> None:
        self.reporter_name.setText(data.reporter_name)
        self.reporter_phone.setText(data.reporter_phone)
        set_combo_data(self.unit, data.unit_id)
        if data.unit_id is None:
            self.unit.setEditText("")
        self.reporter_location.setText(data.reporter_location)
        self.description.setPlainText(data.description)
        self.category.setText(data.category)
        set_combo_data(self.priority, data.priority)
        self.environment.setPlainText(data.environment)
        set_combo_data(self.channel, data.channel)
        self.reported_at.setDateTime(to_qdatetime(datetime.now() if reported_now else data.reported_at))
        self.required_check.setChecked(data.required_by is not None)
        self.required_by.setDateTime(to_qdatetime(data.required_by or datetime.now()))
        set_combo_data(self.team, data.team_id)
        self._fill_assignees()
        set_combo_data(self.assignee, data.assignee_id)
        self._loaded_input = self.collect(check=False)

    # --- errors ------------------------------------------------------------------------

    def clear_problem(self) -> None:
        self.error.hide()
        self.reload_button.hide()
        for widget in set(self.field_widgets.values()):
            if widget.property("invalid"):
                set_invalid(widget, False)

    def show_problem(self, exc: DeskError) -> None:
        """A service error next to the form: the named field is marked and focused; a conflict offers reload."""
        self.clear_problem()
        self.error.setText(str(exc))
        self.error.show()
        if isinstance(exc, ConflictError):
            self.reload_button.show()
            self.reload_button.setFocus()
            return
        field = getattr(exc, "field", "")
        widget = self.field_widgets.get(field)
        if widget is not None:
            set_invalid(widget, True)
            widget.setFocus()

    # --- saving ------------------------------------------------------------------------

    def collect(self, check: bool = True) -> TicketInput:
        """The input of the form; with `check`, a unit name not in the list is a ValidationError."""
        unit_text = self.unit.currentText().strip()
        unit_id = None
        if unit_text:
            index = self.unit.findText(unit_text, Qt.MatchFlag.MatchExactly)
            if index > 0:
                unit_id = self.unit.itemData(index)
            elif check:
                raise ValidationError(self.tr("Customer unit “{name}” is not in the list; choose one from the "
                                              "list or leave it empty.").format(name=unit_text), field="unit")
        return TicketInput(
            channel=self.channel.currentData() or Channel.HOTLINE.value,
            reported_at=from_qdatetime(self.reported_at.dateTime()),
            reporter_name=self.reporter_name.text().strip(),
            reporter_phone=self.reporter_phone.text().strip(),
            reporter_location=self.reporter_location.text().strip(),
            unit_id=unit_id,
            category=self.category.text().strip(),
            description=self.description.toPlainText().strip(),
            environment=self.environment.toPlainText().strip(),
            required_by=from_qdatetime(self.required_by.dateTime()) if self.required_check.isChecked() else None,
            priority=self.priority.currentData() or Priority.P3.value,
            team_id=self.team.currentData(),
            assignee_id=self.assignee.currentData(),
        )

    def is_dirty(self) -> bool:
        try:
            return self.collect(check=False) != self._loaded_input
        except AttributeError:
            return False

    def _changed(self, detail: TicketDetail) -> None:
        self.detail = detail
        self.clear_problem()
        self._show_detail()
        self.context.events.changed.emit("ticket")
        self.changed.emit(detail.id)

    def _save_edits(self) -> bool:
        """Save edited fields of an existing ticket; False (and the problem shown) when that fails."""
        assert self.detail is not None
        if not self.is_dirty():
            return True
        try:
            data = self.collect()
            detail = tickets.update_ticket(self.context.actor, self.detail.id, self.detail.version, data)
        except DeskError as exc:
            self.show_problem(exc)
            return False
        self._changed(detail)
        return True

    def save(self) -> None:
        """Ctrl+S / Enter: create the ticket, or save the edits; then close."""
        if self.detail is not None:
            if self._save_edits():
                self.accept()
            return
        try:
            data = self.collect()
            if self.repeat_of_id is not None:
                detail = tickets.create_repeat(self.context.actor, self.repeat_of_id, data)
            else:
                detail = tickets.create_ticket(self.context.actor, data)
        except DeskError as exc:
            self.show_problem(exc)
            return
        self.detail = detail
        self.context.events.changed.emit("ticket")
        self.changed.emit(detail.id)
        self.accept()

    def reload(self) -> None:
        """After a conflict: read the ticket again (unsaved edits are dropped)."""
        if self.detail is None:
            return
        try:
            self.detail = tickets.get_ticket(self.detail.id)
        except DeskError as exc:
            self.show_problem(exc)
            return
        self.clear_problem()
        self._show_detail()
