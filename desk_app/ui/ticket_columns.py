"""The ticket list's header: sorting, which columns show, their widths, kept per user (R5)."""

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QMenu

from desk_app.ui.ticket_model import COLUMNS, column_title


class TicketColumnsMixin:
    """Header state of the Tickets tab; the tab provides `context`, `model` and `view`."""

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
