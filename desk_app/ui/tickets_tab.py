"""The Tickets tab: the paged ticket list with SQL filters, the ticket form, the knowledge base,
and the Excel ledger import/export (R3–R7, R34).
"""

from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressDialog,
    QPushButton,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskError
from desk_app.i18n import label
from desk_app.models.enums import TicketState
from desk_app.services import users
from desk_app.services.permissions import Permission, can
from desk_app.services.tickets import TicketFilter
from desk_app.ui import workers
from desk_app.ui.context import AppContext
from desk_app.ui.form_fields import fill_combo
from desk_app.ui.ticket_columns import TicketColumnsMixin
from desk_app.ui.ticket_form import TicketForm
from desk_app.ui.ticket_ledger import LedgerTransferMixin, ProblemsDialog
from desk_app.ui.ticket_model import ID_ROLE, TicketTableModel

SEARCH_DELAY_MS = 300
OVERDUE_REFRESH_MS = 60_000  # "overdue" depends on the clock: look again every minute
OPEN_STATES = tuple(s.value for s in TicketState if s not in (TicketState.RESOLVED, TicketState.CLOSED))


class TicketsTab(LedgerTransferMixin, TicketColumnsMixin, QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.form: TicketForm | None = None  # the ticket form opened last (non-blocking)
        self.knowledge = None  # the knowledge base window
        self.report: ProblemsDialog | None = None  # the last import/export report
        self.worker: workers.Worker | None = None
        self.progress: QProgressDialog | None = None
        self.setObjectName("TicketsTab")
        self.model = TicketTableModel(self)
        self._build_toolbar()
        self._build_filters()
        self._build_view()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addWidget(self.toolbar)
        layout.addLayout(self.filter_layout)
        layout.addWidget(self.view, 1)
        self._restore_header()
        self.model.filter = self.current_filter()
        self.model.refresh()
        self._update_count()
        context.events.changed.connect(self._on_data_changed)
        self._clock = QTimer(self)
        self._clock.setInterval(OVERDUE_REFRESH_MS)
        self._clock.timeout.connect(self._tick)
        self._clock.start()

    # --- building ----------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if tip:
            action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_toolbar(self) -> None:
        actor = self.context.actor
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_action = self._action(self.tr("&New ticket"), self.new_ticket, QKeySequence.StandardKey.New,
                                       self.tr("Record a new ticket (Ctrl+N)"))
        self.new_action.setEnabled(can(actor, Permission.TICKET_CREATE))
        self.open_action = self._action(self.tr("&Open"), self.open_current, None,
                                        self.tr("Open the selected ticket (Enter)"))
        self.repeat_action = self._action(self.tr("&Repeat report…"), self.repeat_current)
        self.article_action = self._action(self.tr("Create &knowledge article"), self.article_from_current)
        self.article_action.setEnabled(can(actor, Permission.KNOWLEDGE_EDIT))
        self.knowledge_action = self._action(self.tr("Knowledge &base"), self.open_knowledge,
                                             "Ctrl+Shift+K",
                                             self.tr("Search and edit knowledge articles (Ctrl+Shift+K)"))
        self.refresh_action = self._action(self.tr("Re&fresh"), self.refresh, QKeySequence.StandardKey.Refresh)
        self.import_action = self._action(self.tr("&Import ledger…"), self.import_ledger, None,
                                          self.tr("Import a ticket ledger workbook (每日故障统计工作簿)"))
        self.import_action.setEnabled(can(actor, Permission.TICKET_IMPORT))
        self.export_action = self._action(self.tr("&Export ledger…"), self.export_ledger, None,
                                          self.tr("Export a month's tickets as a ledger workbook"))
        self.columns_action = self._action(self.tr("&Columns…"), self._columns_menu_at_toolbar)
        for action in (self.new_action, self.open_action, None, self.knowledge_action, self.article_action, None,
                       self.refresh_action, None, self.import_action, self.export_action, None, self.columns_action):
            if action is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(action)

    def _build_filters(self) -> None:
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search number, reporter, description, resolution…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.apply_filter)

        self.state = QComboBox(self)
        self.state.setObjectName("state")
        # item data: the state codes joined by commas ("" = every state)
        self.state.addItem(self.tr("All states"), "")
        self.state.addItem(self.tr("Open (not resolved)"), ",".join(OPEN_STATES))
        for s in TicketState:
            self.state.addItem(label(s.value), s.value)
        self.team = QComboBox(self)
        self.team.setObjectName("team")
        self.technician = QComboBox(self)
        self.technician.setObjectName("technician")
        self.unit = QComboBox(self)
        self.unit.setObjectName("unit")
        self.unit.setMinimumContentsLength(10)
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._fill_choices()

        self.date_check = QCheckBox(self.tr("Reported from"), self)
        self.date_check.setObjectName("date_check")
        self.date_from = QDateEdit(QDate.currentDate().addMonths(-1), self)
        self.date_from.setObjectName("date_from")
        self.date_to = QDateEdit(QDate.currentDate(), self)
        self.date_to.setObjectName("date_to")
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
            edit.dateChanged.connect(self._date_changed)
        self.date_check.toggled.connect(self._date_toggled)
        self.overdue = QCheckBox(self.tr("Overdue only"), self)
        self.overdue.setObjectName("overdue")
        self.mine = QCheckBox(self.tr("Mine"), self)
        self.mine.setObjectName("mine")
        self.mine.setToolTip(self.tr("Tickets assigned to me or recorded by me"))
        self.clear_button = QPushButton(self.tr("Clear filters"), self)
        self.clear_button.setObjectName("clear_filters")
        self.clear_button.clicked.connect(self.clear_filters)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count")

        for combo in (self.state, self.team, self.technician, self.unit):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.team.currentIndexChanged.connect(self._fill_technicians)
        for box in (self.overdue, self.mine):
            box.toggled.connect(self.apply_filter)

        first = QHBoxLayout()
        first.addWidget(self.search, 3)
        first.addWidget(self.state, 1)
        first.addWidget(self.team, 1)
        first.addWidget(self.technician, 1)
        first.addWidget(self.unit, 1)
        second = QHBoxLayout()
        second.addWidget(self.date_check)
        second.addWidget(self.date_from)
        second.addWidget(QLabel(self.tr("to"), self))
        second.addWidget(self.date_to)
        second.addSpacing(12)
        second.addWidget(self.overdue)
        second.addWidget(self.mine)
        second.addWidget(self.clear_button)
        second.addStretch(1)
        second.addWidget(self.count_label)
        self.filter_layout = QVBoxLayout()
        self.filter_layout.setSpacing(4)
        self.filter_layout.addLayout(first)
        self.filter_layout.addLayout(second)

    def _fill_choices(self) -> None:
        """Teams, technicians and customer units of the filter combos (kept selected when refilled)."""
        self._users = users.list_users(include_inactive=False)
        team, unit = self.team.currentData(), self.unit.currentData()
        fill_combo(self.team, [(t.name, t.id) for t in users.list_teams() if t.active], self.tr("All teams"))
        fill_combo(self.unit, [(u.name, u.id) for u in users.list_units(include_inactive=False)],
                   self.tr("All customer units"))
        self._set_data(self.team, team)
        self._set_data(self.unit, unit)
        self._fill_technicians()

    def _fill_technicians(self) -> None:
        team_id = self.team.currentData()
        current = self.technician.currentData()
        rows = [u for u in self._users if team_id is None or u.team_id == team_id]
        fill_combo(self.technician, [(u.full_name, u.id) for u in rows], self.tr("All technicians"))
        self._set_data(self.technician, current)

    @staticmethod
    def _set_data(combo: QComboBox, data: object) -> None:
        combo.blockSignals(True)
        combo.setCurrentIndex(max(combo.findData(data), 0))
        combo.blockSignals(False)

    def _build_view(self) -> None:
        self.view = QTableView(self)
        self.view.setObjectName("tickets")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.activated.connect(self.open_index)  # Enter and double-click
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._row_menu)
        header = self.view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(lambda pos: self._columns_menu(header.mapToGlobal(pos)))
        header.sortIndicatorChanged.connect(self._sort_changed)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(500)
        self._save_timer.timeout.connect(self.save_header)
        header.sectionResized.connect(self._save_timer.start)
        header.sectionMoved.connect(self._save_timer.start)

    # --- filtering and refreshing -----------------------------------------------------

    def current_filter(self) -> TicketFilter:
        reported_from = reported_to = None
        if self.date_check.isChecked():
            reported_from = self._date(self.date_from.date())
            reported_to = self._date(self.date_to.date())
        return TicketFilter(
            states=tuple(code for code in (self.state.currentData() or "").split(",") if code),
            team_id=self.team.currentData(),
            assignee_id=self.technician.currentData(),
            unit_id=self.unit.currentData(),
            reported_from=reported_from,
            reported_to=reported_to,
            overdue_only=self.overdue.isChecked(),
            mine_user_id=self.context.actor.id if self.mine.isChecked() else None,
            text=self.search.text().strip(),
        )

    @staticmethod
    def _date(value: QDate) -> date:
        return date(value.year(), value.month(), value.day())

    def _date_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.apply_filter()

    def _date_changed(self) -> None:
        if self.date_check.isChecked():
            self.apply_filter()

    def apply_filter(self) -> None:
        """Query again with the filter widgets' values (the search box arrives here after its delay)."""
        self._search_timer.stop()
        current = self._current_id()
        f = self.current_filter()
        if f != self.model.filter:
            self.model.set_filter(f)
            self._after_reset(current)
        self._update_count()

    def clear_filters(self) -> None:
        for widget in (self.state, self.team, self.technician, self.unit, self.overdue, self.mine, self.date_check,
                       self.search):
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.state, self.team, self.technician, self.unit):
            combo.setCurrentIndex(0)
        for box in (self.overdue, self.mine, self.date_check):
            box.setChecked(False)
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        for widget in (self.state, self.team, self.technician, self.unit, self.overdue, self.mine, self.date_check,
                       self.search):
            widget.blockSignals(False)
        self._fill_technicians()
        self.apply_filter()

    def refresh(self) -> None:
        """F5: read the choices and the list again."""
        current = self._current_id()
        self._fill_choices()
        self.model.filter = self.current_filter()
        self.model.refresh()
        self._after_reset(current)
        self._update_count()

    def _on_data_changed(self, table: str) -> None:
        if table == "ticket":
            current = self._current_id()
            self.model.reload()
            self._after_reset(current)
            self._update_count()
        elif table in ("team", "user", "customer_unit", "unit"):
            self._fill_choices()

    def _tick(self) -> None:
        if self.isVisible():
            self._on_data_changed("ticket")

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%n ticket(s)", "", self.model.total))

    def _current_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def _after_reset(self, ticket_id: int | None) -> None:
        """Select `ticket_id` again if it is among the loaded rows."""
        if ticket_id is None:
            return
        self.select_ticket(ticket_id)

    def select_ticket(self, ticket_id: int) -> bool:
        row = self.model.row_of_id(ticket_id)
        if row < 0:
            return False
        column = self.view.horizontalHeader().logicalIndex(0)
        index = self.model.index(row, max(column, 0))
        if self.view.currentIndex() != index:
            self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    # --- opening -----------------------------------------------------------------------

    def _row_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if index.isValid():
            self.view.setCurrentIndex(index)
        has_row = self._current_id() is not None
        menu = QMenu(self)
        menu.setObjectName("row_menu")
        for action in (self.open_action, self.repeat_action, self.article_action):
            menu.addAction(action)
            action.setEnabled(has_row and (action is not self.article_action
                                           or can(self.context.actor, Permission.KNOWLEDGE_EDIT)))
        menu.addSeparator()
        menu.addAction(self.new_action)
        menu.addAction(self.refresh_action)
        self.row_menu = menu
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _show_form(self, form: TicketForm) -> None:
        self.form = form
        form.changed.connect(self._form_changed)
        form.finished.connect(lambda _result: self.view.setFocus())
        form.open()

    def _form_changed(self, ticket_id: int) -> None:
        # the list has already reloaded through context.events; keep the changed ticket selected
        if not self.select_ticket(ticket_id):
            self.view.clearSelection()

    def new_ticket(self) -> None:
        """Ctrl+N: the new-ticket form, the reporter name field focused."""
        try:
            self._show_form(TicketForm(self.context, parent=self))
        except DeskError as exc:
            self._problem(self.tr("New ticket"), exc)

    def open_index(self, index) -> None:
        ticket_id = index.data(ID_ROLE) if index.isValid() else None
        if ticket_id is not None:
            self.open_ticket(ticket_id)

    def open_current(self) -> None:
        ticket_id = self._current_id()
        if ticket_id is not None:
            self.open_ticket(ticket_id)

    def open_ticket(self, ticket_id: int) -> bool:
        try:
            self._show_form(TicketForm(self.context, ticket_id, parent=self))
        except DeskError as exc:
            self._problem(self.tr("Open ticket"), exc)
            return False
        return True

    def open_record(self, kind: str, record_id: int) -> bool:
        """From the Today tab or the global search: select the ticket if it is listed, open its form."""
        if kind != "ticket":
            return False
        if not self.select_ticket(record_id):
            self.view.clearSelection()
        return self.open_ticket(record_id)

    def repeat_current(self) -> None:
        """R6: a new ticket prefilled from the selected one and linked to it."""
        ticket_id = self._current_id()
        if ticket_id is None:
            return
        from dataclasses import replace
        from datetime import datetime

        from desk_app.services import tickets

        try:
            original = tickets.get_ticket(ticket_id)
            prefill = replace(original.input, reported_at=datetime.now())
            self._show_form(TicketForm(self.context, prefill=prefill, repeat_of_id=ticket_id, parent=self))
        except DeskError as exc:
            self._problem(self.tr("Repeat report"), exc)

    def article_from_current(self) -> None:
        """R7: a knowledge article from the selected ticket in one step."""
        ticket_id = self._current_id()
        if ticket_id is None:
            return
        from desk_app.ui.knowledge_dialog import create_article_from_ticket

        dialog = create_article_from_ticket(self.context, ticket_id, self,
                                            lambda exc: self._problem(self.tr("Knowledge article"), exc),
                                            open_ticket=self._ticket_form_over)
        if dialog is not None:
            self.knowledge = dialog

    def _ticket_form_over(self, ticket_id: int, parent: QWidget) -> TicketForm:
        """A ticket's form over a knowledge dialog (the source ticket of an article)."""
        return TicketForm(self.context, ticket_id, parent=parent)

    def open_knowledge(self) -> None:
        from desk_app.ui.knowledge_dialog import KnowledgeDialog

        if self.knowledge is not None and self.knowledge.isVisible():
            self.knowledge.raise_()
            self.knowledge.activateWindow()
            return
        self.knowledge = KnowledgeDialog(self.context, self, open_ticket=self._ticket_form_over)
        self.knowledge.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.knowledge.destroyed.connect(lambda: setattr(self, "knowledge", None))
        self.knowledge.show()

    # --- Qt ----------------------------------------------------------------------------

    def hideEvent(self, event) -> None:
        self.save_header()
        super().hideEvent(event)
