"""The global search popup (Ctrl+K): type a number, a name or a phone number, Enter opens the record.

The results come from `services.global_search.find` (after a short pause in typing); Up/Down in
the text box move through them, Enter or a double-click emits `open_record(kind, id)` and closes
the popup. The main window routes that signal like the Today tab's lines.
"""

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desk_app.services import global_search
from desk_app.services.global_search import Hit
from desk_app.ui.context import AppContext

SEARCH_DELAY_MS = 200
LIMIT = 20
HIT_ROLE = Qt.ItemDataRole.UserRole + 1


class GlobalSearchDialog(QDialog):
    open_record = Signal(str, int)  # (kind, id) of the chosen hit

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("GlobalSearchDialog")
        self.setWindowTitle(self.tr("Find a record"))
        self.hits: list[Hit] = []
        self.edit = QLineEdit(self)
        self.edit.setObjectName("global_search_text")
        self.edit.setClearButtonEnabled(True)
        self.edit.setPlaceholderText(self.tr("Ticket GD-…, complaint TS-…, revisit form HF-…, project GS-…, "
                                             "reporter name or phone"))
        self.edit.setToolTip(self.tr("Type a record number, a reporter's name or a phone number; Enter opens "
                                     "the selected result"))
        self.edit.installEventFilter(self)
        self.results = QListWidget(self)
        self.results.setObjectName("global_search_results")
        self.results.setUniformItemSizes(False)
        self.results.itemActivated.connect(self._activated)
        self.status = QLabel(self)
        self.status.setObjectName("global_search_status")
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.edit.textChanged.connect(self._timer.start)
        self.edit.returnPressed.connect(self.open_selected)
        em = self.fontMetrics().averageCharWidth()
        self.resize(em * 80, self.fontMetrics().height() * 24)
        self.status.setText(self.tr("Type at least two characters."))

    def search(self) -> list[Hit]:
        self._timer.stop()
        text = self.edit.text().strip()
        self.results.clear()
        self.hits = []
        if len(text) < 2 and not (text and ord(text[0]) >= 0x2E80):  # one Chinese character is enough
            self.status.setText(self.tr("Type at least two characters."))
            return []
        try:
            self.hits = global_search.find(text, LIMIT, actor=self.context.actor)
        except Exception as exc:  # a bad search must not close the popup
            self.status.setText(str(exc))
            return []
        for hit in self.hits:
            item = QListWidgetItem(f"{hit.title}\n{hit.detail}", self.results)
            item.setData(HIT_ROLE, (hit.kind, hit.id))
            item.setToolTip(hit.detail)
        if self.hits:
            self.results.setCurrentRow(0)
            self.status.setText(self.tr("%n result(s); Enter opens the selected one.", "", len(self.hits)))
        else:
            self.status.setText(self.tr("Nothing found."))
        return self.hits

    def open_selected(self) -> bool:
        if self._timer.isActive() or not self.hits:
            self.search()  # Enter right after typing: search first
        item = self.results.currentItem() or self.results.item(0)
        if item is None:
            return False
        self._activated(item)
        return True

    def _activated(self, item: QListWidgetItem) -> None:
        data = item.data(HIT_ROLE)
        if not data:
            return
        kind, record_id = data
        self.accept()
        self.open_record.emit(str(kind), int(record_id))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.results.count():
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)
