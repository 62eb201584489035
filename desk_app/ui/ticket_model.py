"""The ticket list as a table model that pages, sorts and filters in SQL (ARCHITECTURE: tables that stay fast).

Only the rows the view has asked for are in memory: the first page on a reset, then one more
page each time the view scrolls to the end (`canFetchMore`/`fetchMore`). Sorting and filtering
are a new query, never a pass over Python lists.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desk_app.i18n import label
from desk_app.services import tickets
from desk_app.services.tickets import TicketFilter, TicketRow
from desk_app.ui.widgets import readable

PAGE_SIZE = 200

#: The TicketRow of a row, under this role on every cell.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
#: The ticket id of a row.
ID_ROLE = Qt.ItemDataRole.UserRole + 2

OVERDUE_COLOR = QColor("#c62828")
_CONTEXT = "TicketTableModel"


def fmt_time(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # English source text, translated in headerData
    sort_key: str | None  # a key of tickets.SORT_KEYS, or None when the column cannot be sorted
    value: Callable[[TicketRow], str]
    visible: bool = True  # shown until the user chooses otherwise


COLUMNS: tuple[Column, ...] = (
    Column("number", QT_TRANSLATE_NOOP("TicketTableModel", "Number"), "number", lambda r: r.number),
    Column("state", QT_TRANSLATE_NOOP("TicketTableModel", "State"), "state", lambda r: label(r.state)),
    Column("priority", QT_TRANSLATE_NOOP("TicketTableModel", "Priority"), "priority", lambda r: r.priority),
    Column("channel", QT_TRANSLATE_NOOP("TicketTableModel", "Channel"), None, lambda r: label(r.channel),
           visible=False),
    Column("reported_at", QT_TRANSLATE_NOOP("TicketTableModel", "Reported"), "reported_at",
           lambda r: fmt_time(r.reported_at)),
    Column("reporter_name", QT_TRANSLATE_NOOP("TicketTableModel", "Reporter"), "reporter_name",
           lambda r: r.reporter_name),
    Column("unit_name", QT_TRANSLATE_NOOP("TicketTableModel", "Customer unit"), "unit_name", lambda r: r.unit_name),
    Column("category", QT_TRANSLATE_NOOP("TicketTableModel", "Category"), "category", lambda r: r.category,
           visible=False),
    Column("summary", QT_TRANSLATE_NOOP("TicketTableModel", "Description"), None, lambda r: r.summary),
    Column("team_name", QT_TRANSLATE_NOOP("TicketTableModel", "Team"), "team_name", lambda r: r.team_name),
    Column("assignee_name", QT_TRANSLATE_NOOP("TicketTableModel", "Technician"), "assignee_name",
           lambda r: r.assignee_name),
    Column("first_response_due", QT_TRANSLATE_NOOP("TicketTableModel", "Response due"), None,
           lambda r: fmt_time(r.first_response_due)),
    Column("first_response_at", QT_TRANSLATE_NOOP("TicketTableModel", "Responded"), None,
           lambda r: fmt_time(r.first_response_at), visible=False),
    Column("resolution_due", QT_TRANSLATE_NOOP("TicketTableModel", "Resolution due"), "resolution_due",
           lambda r: fmt_time(r.resolution_due)),
    Column("resolved_at", QT_TRANSLATE_NOOP("TicketTableModel", "Resolved"), None,
           lambda r: fmt_time(r.resolved_at), visible=False),
    Column("closed_at", QT_TRANSLATE_NOOP("TicketTableModel", "Closed"), "closed_at",
           lambda r: fmt_time(r.closed_at), visible=False),
)

COLUMN_INDEX = {c.key: i for i, c in enumerate(COLUMNS)}


def column_title(column: Column) -> str:
    return QCoreApplication.translate(_CONTEXT, column.title)


def overdue_text(row: TicketRow) -> str:
    """Which service levels of `row` are overdue, in words (empty when none)."""
    parts = []
    if row.response_overdue:
        parts.append(QCoreApplication.translate(_CONTEXT, "First response overdue (due {due})").format(
            due=fmt_time(row.first_response_due)))
    if row.resolution_overdue:
        parts.append(QCoreApplication.translate(_CONTEXT, "Resolution overdue (due {due})").format(
            due=fmt_time(row.resolution_due)))
    return "\n".join(parts)


class TicketTableModel(QAbstractTableModel):
    """Tickets matching a TicketFilter, in the order of a SQL sort key, loaded a page at a time."""

    def __init__(self, parent=None, page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self.page_size = page_size
        self.filter = TicketFilter()
        self.sort_key = "reported_at"
        self.descending = True
        self.now: datetime | None = None  # the clock for "overdue"; None = the service's now
        self._rows: list[TicketRow] = []
        self._total = 0
        self._bold = QFont()
        self._bold.setBold(True)
        self._overdue_brush = QBrush(readable(OVERDUE_COLOR))

    # --- loading -------------------------------------------------------------------------

    @property
    def total(self) -> int:
        """How many tickets match the filter (loaded or not)."""
        return self._total

    def set_filter(self, f: TicketFilter) -> None:
        if f != self.filter:
            self.filter = f
            self.refresh()

    def refresh(self) -> None:
        """Start over: count, then load the first page."""
        self.beginResetModel()
        self._total = tickets.count_tickets(self.filter, now=self.now)
        self._rows = self._query(0, self.page_size)
        self.endResetModel()

    def reload(self) -> None:
        """Bring the loaded rows up to date after a change, without a reset when the row set is the same.

        The rows already loaded are read again; if they are the same tickets in the same order, the
        changed ones are announced with dataChanged (selection and scroll position stay). Otherwise
        the model is reset.
        """
        if not self._rows:
            self.refresh()
            return
        total = tickets.count_tickets(self.filter, now=self.now)
        fresh = self._query(0, len(self._rows))
        if total != self._total or [r.id for r in fresh] != [r.id for r in self._rows]:
            self.beginResetModel()
            self._total = total
            self._rows = fresh if len(fresh) >= self.page_size or len(fresh) == total else self._query(
                0, self.page_size)
            self.endResetModel()
            return
        last = self.columnCount() - 1
        start = None
        for i, (old, new) in enumerate(zip(self._rows, fresh, strict=True)):
            changed = old != new
            self._rows[i] = new
            if changed and start is None:
                start = i
            elif not changed and start is not None:
                self.dataChanged.emit(self.index(start, 0), self.index(i - 1, last))
                start = None
        if start is not None:
            self.dataChanged.emit(self.index(start, 0), self.index(len(self._rows) - 1, last))

    def _query(self, offset: int, limit: int) -> list[TicketRow]:
        return tickets.list_tickets(self.filter, sort=self.sort_key, descending=self.descending,
                                    offset=offset, limit=limit, now=self.now)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = self._query(len(self._rows), self.page_size)
        if not more:
            self._total = len(self._rows)  # the table shrank since the count
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    # --- sorting -------------------------------------------------------------------------

    @staticmethod
    def is_sortable(column: int) -> bool:
        return 0 <= column < len(COLUMNS) and COLUMNS[column].sort_key is not None

    def sort_column(self) -> int:
        for i, c in enumerate(COLUMNS):
            if c.sort_key == self.sort_key:
                return i
        return -1

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A new SQL query ordered by the column's sort key; columns without a key are ignored."""
        if not self.is_sortable(column):
            return
        self.sort_key = COLUMNS[column].sort_key or self.sort_key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    # --- access --------------------------------------------------------------------------

    def row_at(self, row: int) -> TicketRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_id(self, ticket_id: int) -> int:
        for i, r in enumerate(self._rows):
            if r.id == ticket_id:
                return i
        return -1

    # --- QAbstractTableModel -------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column_title(column)
        if role == Qt.ItemDataRole.ToolTipRole and column.sort_key is None:
            return QCoreApplication.translate(_CONTEXT, "{title} (this column cannot be sorted)").format(
                title=column_title(column))
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(COLUMNS):
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.value(row)
        overdue = ((column.key == "first_response_due" and row.response_overdue)
                   or (column.key == "resolution_due" and row.resolution_overdue)
                   or (column.key == "number" and (row.response_overdue or row.resolution_overdue)))
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._overdue_brush if overdue else None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if overdue else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.key in ("first_response_due", "resolution_due", "number"):
                text = overdue_text(row)
                if text:
                    return text
            if column.key == "summary":
                return row.summary
            return None
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        return None
