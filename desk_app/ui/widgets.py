"""Small widgets shared by the dialogs: a filterable, sortable table, message helpers, remembered
filters and colours that stay readable on a dark palette."""

from collections.abc import Mapping, Sequence
from html import escape

from PySide6.QtCore import QCoreApplication, QSettings, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import ConflictError, DeskError
from desk_app.i18n import current_language, label
from desk_app.models.enums import Role

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


def splitter(orientation: Qt.Orientation, panes: Sequence[QWidget], stretch: Sequence[int] = ()) -> QSplitter:
    """Panes the user can resize; `stretch` shares out the room the window gains, pane by pane."""
    split = QSplitter(orientation)
    for pane in panes:
        split.addWidget(pane)
    for index, factor in enumerate(stretch):
        split.setStretchFactor(index, factor)
    return split


def scrolled(content: QWidget) -> QScrollArea:
    """`content` in a frameless scroll area: a tall panel scrolls instead of raising the window's minimum height."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(content)
    return scroll


def titled(title: str, content: QWidget) -> QGroupBox:
    """`content` in a frame with a title, as the pages show their lists."""
    box = QGroupBox(title)
    QVBoxLayout(box).addWidget(content)
    return box


def toolbar_page(page: QWidget, top: QLayout, body: QWidget, *above_body: QWidget) -> None:
    """The usual page: a row of filters and buttons, then the body taking the rest of the height."""
    layout = QVBoxLayout(page)
    layout.addLayout(top)
    for widget in above_body:
        layout.addWidget(widget)
    layout.addWidget(body, 1)


def show_error(parent: QWidget | None, exc: DeskError, title: str = "") -> None:
    """A service's message in a box: validation problems, refusals, conflicts."""
    title = title or QCoreApplication.translate("Widgets", "Service Desk")
    if isinstance(exc, ConflictError):
        QMessageBox.information(parent, title, str(exc))
    else:
        QMessageBox.warning(parent, title, str(exc))


def confirm(parent: QWidget | None, title: str, question: str) -> bool:
    """Ask before a destructive action (Yes/No, No is the default); tests patch QMessageBox.question."""
    answer = QMessageBox.question(parent, title, question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


# --- remembered filters ---------------------------------------------------------------------------------


def restore_filters(key: str, widgets: Mapping[str, QWidget]) -> None:
    """Set the filter widgets to the values saved under `key` (signals blocked: the caller refreshes),
    and save them again whenever one changes."""
    stored = QSettings()
    for name, widget in widgets.items():
        value = stored.value(f"{key}/{name}")
        widget.blockSignals(True)
        try:
            if value is None:
                pass
            elif isinstance(widget, QComboBox):
                index = widget.findData(value)
                if index >= 0:
                    widget.setCurrentIndex(index)
            elif isinstance(widget, QCheckBox):
                widget.setChecked(str(value).lower() in ("true", "1"))
        finally:
            widget.blockSignals(False)
    for widget in widgets.values():
        if isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(lambda *_args: save_filters(key, widgets))
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(lambda *_args: save_filters(key, widgets))


def save_filters(key: str, widgets: Mapping[str, QWidget]) -> None:
    stored = QSettings()
    for name, widget in widgets.items():
        if isinstance(widget, QComboBox):
            data = widget.currentData()
            stored.setValue(f"{key}/{name}", "" if data is None else str(data))
        elif isinstance(widget, QCheckBox):
            stored.setValue(f"{key}/{name}", widget.isChecked())


# --- colours ------------------------------------------------------------------------------------------

#: Red for errors and overdue marks: the first on a light background, the second on a dark one.
ERROR_LIGHT, ERROR_DARK = "#b00020", "#ff6e6e"


def is_dark(widget: QWidget | None = None) -> bool:
    palette = widget.palette() if widget is not None else QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def error_color(widget: QWidget | None = None) -> str:
    """The error/overdue red that reads on the current palette (light or dark)."""
    return ERROR_DARK if is_dark(widget) else ERROR_LIGHT


def error_style(widget: QWidget | None = None, bold: bool = False) -> str:
    return f"color: {error_color(widget)};" + (" font-weight: bold;" if bold else "")


def readable(color: str | QColor, widget: QWidget | None = None) -> QColor:
    """`color` lightened on a dark palette so that text in it stays readable."""
    value = QColor(color)
    if is_dark(widget) and value.lightness() < 140:
        value = value.lighter(180)
    return value


def role_names(roles: frozenset[str] | tuple[str, ...]) -> str:
    """Roles in the order of `Role`, translated (joined with 、 in Chinese)."""
    separator = "、" if current_language() == "zh_CN" else ", "
    return separator.join(label(r.value) for r in Role if r.value in roles)


def html_text(text: str | None) -> str:
    """Plain text made safe inside a rich-text label or browser, line breaks kept."""
    return escape(text or "").replace("\n", "<br>")


def error_label(parent: QWidget) -> QLabel:
    """The hidden red line under a form where a validation error is shown (selectable, to copy it)."""
    error = QLabel(parent)
    error.setObjectName("formError")
    error.setStyleSheet(error_style(parent))
    error.setWordWrap(True)
    error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    error.hide()
    return error


def scrolling_form(dialog: QWidget, parts: Sequence[QWidget], error: QLabel, buttons: QWidget | QLayout) -> None:
    """Lay `dialog` out as its parts in a frameless scroll area, the error line and the buttons below."""
    body = QWidget()
    body_layout = QVBoxLayout(body)
    for part in parts:
        body_layout.addWidget(part)
    body_layout.addStretch(1)
    layout = QVBoxLayout(dialog)
    layout.addWidget(scrolled(body), 1)
    layout.addWidget(error)
    if isinstance(buttons, QLayout):
        layout.addLayout(buttons)
    else:
        layout.addWidget(buttons)
