"""What every tab and dialog is given: the acting user and the open database (no global state)."""

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desk_app.services.auth import Actor


class DataEvents(QObject):
    """Tabs announce changes here so that other tabs refresh (e.g. a closed ticket → callbacks)."""

    changed = Signal(str)  # the table name that changed, e.g. "ticket"
    open_record = Signal(str, int)  # (kind, id): show this record, e.g. ("ticket", 7) from the Today tab


@dataclass
class AppContext:
    actor: Actor
    db_path: Path
    events: DataEvents = field(default_factory=DataEvents)
