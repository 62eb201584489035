"""What every tab and dialog is given: the acting user and the open database (no global state)."""

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desk_app.services.actor import Actor
from desk_app.store import postgres


class DataEvents(QObject):
    """Tabs announce changes here so that other tabs refresh (e.g. a closed ticket → callbacks)."""

    changed = Signal(str)  # the table name that changed, e.g. "ticket"
    open_record = Signal(str, int)  # (kind, id): show this record, e.g. ("ticket", 7) from the Today tab


@dataclass
class AppContext:
    actor: Actor
    db_path: Path | str  # a SQLite file, or a postgresql:// URL (R39)
    events: DataEvents = field(default_factory=DataEvents)

    @property
    def db_shown(self) -> str:
        """The database as shown to people: the file, or the URL without its password."""
        return postgres.redact(self.db_path) if postgres.is_url(self.db_path) else str(self.db_path)

    @property
    def db_folder(self) -> Path:
        """Where file dialogs start: the database's folder (the home folder for a server database)."""
        return Path.home() if postgres.is_url(self.db_path) else Path(self.db_path).parent
