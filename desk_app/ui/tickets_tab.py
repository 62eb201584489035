"""The Tickets tab: the paged ticket list with SQL filters, the ticket form, the knowledge base,
and the Excel ledger import/export (R3–R7, R34).
"""

import importlib
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QProgressDialog,
    QPushButton,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desk_app.i18n import label
from desk_app.models.enums import TicketState
from desk_app.services import users
from desk_app.services.errors import DeskError, ValidationError
from desk_app.services.permissions import Permission, can
from desk_app.services.tickets import TicketFilter
from desk_app.ui import workers
from desk_app.ui.context import AppContext
from desk_app.ui.ticket_form import TicketForm, fill_combo
from desk_app.ui.ticket_model import COLUMNS, ID_ROLE, TicketTableModel, column_title

SEARCH_DELAY_MS = 300
OVERDUE_REFRESH_MS = 60_000  # "overdue" depends on the clock: look again every minute
OPEN_STATES = tuple(s.value for s in TicketState if s not in (TicketState.RESOLVED, TicketState.CLOSED))
LEDGER_FILTER = "Excel (*.xlsx)"


class ProblemsDialog(QDialog):
    """A message with a list of every problem (bad rows and columns of an import, warnings)."""

    def __init__(self, title: str, message: str, items: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ProblemsDialog")
        self.setWindowTitle(title)
        self.resize(640, 420)
        text = QLabel(message, self)
        text.setObjectName("message")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list = QListWidget(self)
        self.list.setObjectName("problems")
        self.list.addItems(items)
        self.list.setVisible(bool(items))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        if not items:
            self.resize(420, 140)


class MonthDialog(QDialog):
    """Which month to export (YYYY-MM)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export ledger"))
        self.month = QDateEdit(self)
        self.month.setObjectName("month")
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setDate(QDate.currentDate())
        form = QFormLayout()
        form.addRow(self.tr("&Month:"), self.month)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def value(self) -> str:
        d = self.month.date()
        return f"{d.year():04d}-{d.month():02d}"


class TicketsTab(QWidget):
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

    # --- header: sorting, columns, per-user state -------------------------------------

    def _settings_key(self) -> str:
        return f"tickets_tab/{self.context.actor.username}/header"

    def _default_widths(self) -> None:
        header = self.view.horizontalHeader()
        fm = self.fontMetrics()
        widths = {"number": "GD-20261121-0007", "state": "Escalated (L2)", "priority": "P3",
                  "reported_at": "2026-11-21 10:00", "reporter_name": "Reporter", "unit_name": "市人力资源和社会",
                  "category": "业务系统", "summary": "办公楼8层局长办公室网速特别慢", "team_name": "Team name",
                  "assignee_name": "Technician",
                  "first_response_due": "2026-11-21 10:00", "first_response_at": "2026-11-21 10:00",
                  "resolution_due": "2026-11-21 10:00", "resolved_at": "2026-11-21 10:00",
                  "closed_at": "2026-11-21 10:00", "channel": "Self-service"}
        for i, column in enumerate(COLUMNS):
            sample = widths.get(column.key, "xxxxxxxx")
            text_width = max(fm.horizontalAdvance(sample), fm.horizontalAdvance(column_title(column)))
            header.resizeSection(i, text_width + 24)
            header.setSectionHidden(i, not column.visible)

    def _restore_header(self) -> None:
        header = self.view.horizontalHeader()
        self._default_widths()
        state = QSettings().value(self._settings_key())
        restored = False
        if state is not None:
            header.blockSignals(True)
            restored = header.restoreState(state) and header.count() == len(COLUMNS)
            header.blockSignals(False)
        if not restored:
            self._default_widths()
        column = header.sortIndicatorSection()
        if restored and self.model.is_sortable(column):
            self.model.sort_key = COLUMNS[column].sort_key or self.model.sort_key
            self.model.descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        self._show_sort_indicator()

    def save_header(self) -> None:
        QSettings().setValue(self._settings_key(), self.view.horizontalHeader().saveState())

    def _show_sort_indicator(self) -> None:
        header = self.view.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(self.model.sort_column(),
                                Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        """A header click: sort in SQL when the column has a sort key, otherwise keep the current order."""
        if self.model.is_sortable(column):
            current = self._current_id()
            self.model.sort(column, order)
            self._after_reset(current)
            self._save_timer.start()
        else:
            self._show_sort_indicator()

    def _columns_menu(self, global_pos: QPoint) -> None:
        self.columns_menu = self._make_columns_menu()
        self.columns_menu.popup(global_pos)

    def _columns_menu_at_toolbar(self) -> None:
        widget = self.toolbar.widgetForAction(self.columns_action)
        pos = widget.mapToGlobal(QPoint(0, widget.height())) if widget else self.mapToGlobal(QPoint(0, 0))
        self._columns_menu(pos)

    def _make_columns_menu(self) -> QMenu:
        header = self.view.horizontalHeader()
        menu = QMenu(self)
        menu.setObjectName("columns_menu")
        for i, column in enumerate(COLUMNS):
            action = menu.addAction(column_title(column))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(i))
            action.setData(i)
            action.toggled.connect(lambda checked, index=i: self.set_column_visible(index, checked))
        menu.addSeparator()
        menu.addAction(self.tr("Reset columns"), self.reset_columns)
        return menu

    def set_column_visible(self, index: int, visible: bool) -> None:
        header = self.view.horizontalHeader()
        if not visible and header.count() - header.hiddenSectionCount() <= 1:
            return  # keep at least one column
        header.setSectionHidden(index, not visible)
        self.save_header()

    def reset_columns(self) -> None:
        header = self.view.horizontalHeader()
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            if logical != visual:
                header.moveSection(header.visualIndex(visual), visual)
        self._default_widths()
        self.save_header()

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
                                            lambda exc: self._problem(self.tr("Knowledge article"), exc))
        if dialog is not None:
            self.knowledge = dialog

    def open_knowledge(self) -> None:
        from desk_app.ui.knowledge_dialog import KnowledgeDialog

        if self.knowledge is not None and self.knowledge.isVisible():
            self.knowledge.raise_()
            self.knowledge.activateWindow()
            return
        self.knowledge = KnowledgeDialog(self.context, self)
        self.knowledge.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.knowledge.destroyed.connect(lambda: setattr(self, "knowledge", None))
        self.knowledge.show()

    def _problem(self, title: str, exc: DeskError) -> None:
        items = list(getattr(exc, "problems", []) or [])
        message = exc.args[0] if items and exc.args else str(exc)
        self._report(title, str(message), items)

    def _report(self, title: str, message: str, items: list[str]) -> None:
        self.report = ProblemsDialog(title, message, items, self)
        self.report.open()

    # --- ledger import / export (worker thread, window-modal progress) -----------------

    def _ledger(self):
        return importlib.import_module("desk_app.services.ledger")

    def _run(self, label_text: str, job, on_done) -> None:
        """Run `job(progress, is_cancelled)` in the thread pool; `on_done(result_or_exception, cancelled)`."""

        def finish(result: object) -> None:
            self.worker = None
            on_done(result, worker.is_cancelled())

        def failed(message: str, trace: str) -> None:
            self.worker = None
            if trace:
                self._report(self.tr("Unexpected error"), message, trace.splitlines())
            else:
                on_done(DeskError(message), worker.is_cancelled())

        worker, dialog = workers.start_with_progress(self, label_text, job, finish, failed)
        dialog.setWindowTitle(self.tr("Service Desk"))
        self.worker, self.progress = worker, dialog

    def import_ledger(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import ledger"), "", LEDGER_FILTER)
        if path:
            self.start_import(Path(path))

    def start_import(self, path: Path) -> None:
        ledger = self._ledger()
        actor = self.context.actor

        def job(progress, is_cancelled):
            try:
                return ledger.import_ledger(actor, path, progress=progress, is_cancelled=is_cancelled)
            except DeskError as exc:  # returned, not raised: the problems list must reach the dialog
                return exc

        self._run(self.tr("Importing {file}…").format(file=path.name), job, self._import_done)

    def _import_done(self, result: object, cancelled: bool) -> None:
        title = self.tr("Import ledger")
        if cancelled:
            self._report(title, self.tr("The import was cancelled; nothing was changed."), [])
            return
        if isinstance(result, ValidationError):
            self._problem(title, result)
            return
        if isinstance(result, DeskError):
            self._report(title, str(result), [])
            return
        count = getattr(result, "count", 0)
        warnings = list(getattr(result, "warnings", ()) or ())
        for what, names in ((self.tr("New technicians"), getattr(result, "created_technicians", ())),
                            (self.tr("New teams"), getattr(result, "created_teams", ())),
                            (self.tr("New customer units"), getattr(result, "created_units", ()))):
            if names:
                warnings.append(f"{what}: {', '.join(names)}")
        self.context.events.changed.emit("ticket")
        if getattr(result, "created_technicians", ()) or getattr(result, "created_teams", ()):
            self.context.events.changed.emit("user")
        self._fill_choices()
        self._report(title, self.tr("%n ticket(s) imported.", "", count), warnings)

    def export_ledger(self) -> None:
        months = MonthDialog(self)
        if months.exec() != QDialog.DialogCode.Accepted:
            return
        month = months.value()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export ledger"), f"ledger-{month}.xlsx", LEDGER_FILTER)
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self.start_export(month, Path(path))

    def start_export(self, month: str, path: Path) -> None:
        ledger = self._ledger()

        def job(progress, is_cancelled):
            try:
                return ledger.export_ledger(month, path, progress=progress, is_cancelled=is_cancelled)
            except DeskError as exc:
                return exc

        self._run(self.tr("Exporting {month}…").format(month=month), job,
                  lambda result, cancelled: self._export_done(result, cancelled, path))

    def _export_done(self, result: object, cancelled: bool, path: Path) -> None:
        title = self.tr("Export ledger")
        if cancelled:
            self._report(title, self.tr("The export was cancelled; no file was written."), [])
        elif isinstance(result, DeskError):
            self._problem(title, result)
        else:
            self._report(title, self.tr("%n ticket(s) exported to {path}.", "", int(result or 0)).format(path=path),
                         [])

    # --- Qt ----------------------------------------------------------------------------

    def hideEvent(self, event) -> None:
        self.save_header()
        super().hideEvent(event)
