"""The shape the Complaints and Improvement tabs share: filters and a list on the left, the
selected record with its next-step buttons on the right, one-step actions in FormDialogs."""

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskError
from desk_app.i18n import label
from desk_app.ui.context import AppContext
from desk_app.ui.form_dialog import Field, FormDialog, combo
from desk_app.ui.widgets import FilterTable, restore_filters, show_error, splitter, toolbar_page

#: One action button: (key, text, slot, tooltip).
ButtonSpec = tuple[str, str, Callable[[], object], str]


class RecordListTab(QWidget):
    """Subclasses set KIND and LISTENS_TO, then call `build(...)`, and implement `load(record_id)`,
    `show_record(record | None)`, `record_id(result)` and `refresh()`."""

    KIND = ""  # the record kind of open_record and the table name announced after a change
    LISTENS_TO: tuple[str, ...] = ()  # changes elsewhere that refresh this tab

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.current: object | None = None  # the record shown on the right

    # --- building ----------------------------------------------------------------------------------

    def build(self, *, states: Sequence[str], sources: Sequence[str], overdue_text: str, overdue_tip: str,
              columns: Sequence[str], new_button: ButtonSpec, tools: Sequence[ButtonSpec],
              button_rows: Sequence[Sequence[ButtonSpec]]) -> None:
        """Lay the tab out: new-record button and filters on top, list left, record and buttons right."""
        self.state_filter = combo([(self.tr("All states"), "")] + [(label(s), s) for s in states])
        self.source_filter = combo([(self.tr("All sources"), "")] + [(label(s), s) for s in sources])
        self.overdue_only = QCheckBox(overdue_text)
        self.overdue_only.setToolTip(overdue_tip)
        restore_filters(f"{self.KIND}_tab/{self.context.actor.username}/filters",
                        {"state": self.state_filter, "source": self.source_filter, "overdue": self.overdue_only})
        for widget in (self.state_filter, self.source_filter):
            widget.currentIndexChanged.connect(self.refresh)
        self.overdue_only.toggled.connect(self.refresh)

        self.table = FilterTable(columns)
        self.table.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.record = QTextBrowser()
        self.record.setOpenExternalLinks(False)
        self.buttons: dict[str, QPushButton] = {}

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.record, 1)
        for row in button_rows:
            line = QHBoxLayout()
            for spec in row:
                line.addWidget(self._button(spec))
            right_layout.addLayout(line)

        top = QHBoxLayout()
        top.addWidget(self._button(new_button))
        top.addWidget(QLabel(self.tr("State:")))
        top.addWidget(self.state_filter)
        top.addWidget(QLabel(self.tr("Source:")))
        top.addWidget(self.source_filter)
        top.addWidget(self.overdue_only)
        top.addStretch(1)
        for spec in tools:
            top.addWidget(self._button(spec))
        toolbar_page(self, top, splitter(Qt.Orientation.Horizontal, [self.table, right], stretch=(3, 2)))
        QShortcut(QKeySequence.StandardKey.New, self, new_button[2],
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.context.events.changed.connect(lambda table: table in (self.KIND, *self.LISTENS_TO) and self.refresh())

    def _button(self, spec: ButtonSpec) -> QPushButton:
        key, text, slot, tip = spec
        button = QPushButton(text)
        button.setObjectName(key)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        self.buttons[key] = button
        return button

    # --- what subclasses provide ------------------------------------------------------------------

    def load(self, record_id: int) -> object:
        raise NotImplementedError

    def show_record(self, record: object | None) -> None:
        raise NotImplementedError

    def record_id(self, record: object) -> int | None:
        raise NotImplementedError

    def refresh(self) -> None:
        raise NotImplementedError

    # --- shared behaviour -------------------------------------------------------------------------

    def select_after_refresh(self, selected: int | None) -> None:
        """Keep the previously selected record selected after the list was reloaded."""
        if selected is None or not self.table.select_where(lambda r: r.id == selected):
            self.show_record(None)

    def _selection_changed(self) -> None:
        row = self.table.selected_row()
        self.show_record(self.load(row.id) if row else None)

    def open_record(self, kind: str, record_id: int) -> bool:
        """From the Today tab or the global search: select the record (clearing the filters if it is
        not listed) and show it."""
        if kind != self.KIND:
            return False
        if self.table.select_where(lambda r: r.id == record_id):
            return True
        self.clear_filters()
        if self.table.select_where(lambda r: r.id == record_id):
            return True
        try:
            self.show_record(self.load(record_id))
        except DeskError as exc:
            show_error(self, exc)
            return False
        return True

    def clear_filters(self) -> None:
        for widget in (self.state_filter, self.source_filter, self.overdue_only):
            widget.blockSignals(True)
        self.state_filter.setCurrentIndex(0)
        self.source_filter.setCurrentIndex(0)
        self.overdue_only.setChecked(False)
        for widget in (self.state_filter, self.source_filter, self.overdue_only):
            widget.blockSignals(False)
        self.overdue_only.toggled.emit(False)  # saves the filters and refreshes
        self.table.filter.clear()

    def run_form(self, title: str, fields: Sequence[Field], action: Callable[[dict], object],
                 intro: str = "") -> bool:
        """One step in a FormDialog; afterwards announce the change, reload and keep the record selected."""
        dialog = FormDialog(title, fields, action, self, intro)
        if dialog.exec() != FormDialog.DialogCode.Accepted:
            return False
        self.context.events.changed.emit(self.KIND)
        result = dialog.result_value
        target = self.record_id(result) if result is not None else None
        if target is None and self.current is not None:
            target = self.record_id(self.current)
        self.refresh()
        if target is not None:
            self.table.select_where(lambda r: r.id == target)
        return True
