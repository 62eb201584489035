"""A main-window tab made of pages in a QTabWidget (the Callbacks and Surveys tabs).

Pages refresh when `context.events.changed` names a table in their TABLES; a page not on screen is
only marked stale and reloads when it is shown, so a change elsewhere costs no hidden reloads.
"""

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desk_app.ui.context import AppContext


class PagedTab(QWidget):
    """Pages added with `add_page`, shown one at a time, refreshed when their tables change."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.pages: dict[str, QWidget] = {}
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        context.events.changed.connect(self._changed)

    def add_page(self, key: str, title: str, page: QWidget) -> None:
        self.pages[key] = page
        self.tabs.addTab(page, title)

    def page(self, key: str) -> QWidget:
        return self.pages[key]

    def show_page(self, key: str) -> QWidget:
        page = self.pages[key]
        self.tabs.setCurrentWidget(page)
        self._current_changed()
        return page

    def _changed(self, table: str) -> None:
        current = self.tabs.currentWidget()
        for page in self.pages.values():
            if table in getattr(page, "TABLES", ()):
                if page is current:
                    page.refresh()
                    page.stale = False
                else:
                    page.stale = True

    def _current_changed(self, *_args) -> None:
        page = self.tabs.currentWidget()
        if getattr(page, "stale", False):
            page.stale = False
            page.refresh()
