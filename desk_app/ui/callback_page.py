"""What every page of the Callbacks tab shares: the refresh contract and small formatting helpers."""

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

from desk_app.errors import DeskError
from desk_app.ui.context import AppContext
from desk_app.ui.widgets import show_error


def fmt_time(value) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


def date_edit_on(value: date) -> QDateEdit:
    """A date field with a calendar pop-up, showing `value`."""
    edit = QDateEdit(QDate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class Page(QWidget):
    """A page of the tab: `refresh()` reloads it; TABLES are the changes it listens to."""

    TABLES: tuple[str, ...] = ()

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.stale = False

    def refresh(self) -> None:  # pragma: no cover - every page overrides it
        raise NotImplementedError



def exec_record_dialog(page: QWidget, make):
    """Build a record's dialog (a DeskError is shown instead), run it, and reload `page` if it changed."""
    try:
        dialog = make()
    except DeskError as exc:
        show_error(page, exc)
        return None
    dialog.exec()
    if dialog.changed:
        page.refresh()
    return dialog

