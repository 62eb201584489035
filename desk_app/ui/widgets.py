"""Small widgets shared by the dialogs: a filterable, sortable table and message helpers."""

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QMessageBox, QTableView, QVBoxLayout, QWidget

from desk_app.services.errors import ConflictError, DeskError

#: Role under which each row's first item keeps the row object (a service dataclass).
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class FilterTable(QWidget):
    """A read-only table of small lists (tens to hundreds of rows) with a filter box above it."""

    activated = Signal(object)  # the row object of a double-clicked row

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.model = QStandardItemModel(0, len(headers), self)
        self.model.setHorizontalHeaderLabels(list(headers))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda index: self.activated.emit(self.row_at(index.row())))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)

    def set_rows(self, rows: Sequence[object], cells: Sequence[Sequence[object]]) -> None:
        """Replace the content: `cells[i]` are the shown values of `rows[i]`."""
        self.model.removeRows(0, self.model.rowCount())
        for row, values in zip(rows, cells, strict=True):
            items = []
            for value in values:
                item = QStandardItem()
                if isinstance(value, bool):
                    item.setText(self.tr("Yes") if value else self.tr("No"))
                else:
                    item.setText("" if value is None else str(value))
                item.setEditable(False)
                items.append(item)
            items[0].setData(row, ROW_ROLE)
            self.model.appendRow(items)
        self.view.resizeColumnsToContents()

    def row_at(self, proxy_row: int) -> object | None:
        if proxy_row < 0:
            return None
        source = self.proxy.mapToSource(self.proxy.index(proxy_row, 0))
        return self.model.item(source.row(), 0).data(ROW_ROLE) if source.isValid() else None

    def selected_row(self) -> object | None:
        rows = self.view.selectionModel().selectedRows()
        return self.row_at(rows[0].row()) if rows else None

    def select_where(self, predicate) -> bool:
        """Select the first row whose row object satisfies `predicate`."""
        for r in range(self.proxy.rowCount()):
            if predicate(self.row_at(r)):
                self.view.selectRow(r)
                return True
        return False

    def row_count(self) -> int:
        return self.proxy.rowCount()


def show_error(parent: QWidget | None, exc: DeskError, title: str = "") -> None:
    """A service's message in a box: validation problems, refusals, conflicts."""
    title = title or QCoreApplication.translate("Widgets", "Service Desk")
    if isinstance(exc, ConflictError):
        QMessageBox.information(parent, title, str(exc))
    else:
        QMessageBox.warning(parent, title, str(exc))
