"""Open a desk's database for the app, the CLI and tests: back up before a migration, seed standard data.

The store floor only opens and migrates; what a desk needs on top of that (a backup before its
schema changes, the standard questionnaires of R27) is decided here, one floor up.
"""

from pathlib import Path

from peewee import Database

from desk_app.services.survey_templates import ensure_standard_templates
from desk_app.store import backup
from desk_app.store.connection import BeforeMigrate, open_database


def backup_before_migration(backup_dir: Path | None = None) -> BeforeMigrate:
    """The step the store calls before migrating: a timestamped backup of the old schema (R40)."""

    def back_up(db: Database, where: Path | str, found: int) -> None:
        backup.backup_database(db, where, backup_dir, reason=f"before-migration-v{found}")

    return back_up


def open_desk(path: str | Path, backup_dir: Path | None = None) -> Database:
    """Open (creating if needed) and migrate the database at `path`, backing it up before a migration."""
    db = open_database(path, before_migrate=backup_before_migration(backup_dir))
    ensure_standard_templates()
    return db
