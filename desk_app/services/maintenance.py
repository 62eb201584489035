"""Backup and restore as acts of a logged-in user (R2, R40): permission check and audit row.

`desk_app.store.backup` does the copying; it also runs without a user, before migrations and when a
damaged database is replaced at start-up (nobody can log in to a damaged file).
"""

from pathlib import Path

from peewee import Database

from desk_app.services import audit, settings
from desk_app.services.actor import Actor
from desk_app.services.permissions import Permission, require
from desk_app.store import backup, postgres


def backup_now(actor: Actor, db: Database, db_path: Path | str) -> tuple[Path, int]:
    """Back up into the rotation folder; returns the file and how many backups are kept.

    `db_path` is the database file, or the URL of a PostgreSQL database.
    """
    require(actor, Permission.BACKUP_RESTORE)
    keep = int(settings.get("backup.keep"))
    saved = backup.backup_database(db, db_path, keep=keep)
    name = postgres.redact(str(db_path)) if postgres.is_url(db_path) else Path(db_path).name
    audit.record(actor, "database.backup", "database", after={"file": str(saved)}, entity_id=name)
    return saved, keep


def authorise_restore(actor: Actor) -> None:
    """Refuse a restore by someone without the right, before the database is closed."""
    require(actor, Permission.BACKUP_RESTORE)
