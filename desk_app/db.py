"""Open the database: pragmas, schema check, automatic backup, versioned migrations (R39, R40)."""

import sqlite3
from collections.abc import Callable
from pathlib import Path

from peewee import SqliteDatabase
from playhouse.migrate import SqliteMigrator

from desk_app import backup
from desk_app.i18n import t
from desk_app.models import ALL_MODELS, UserPreference, database_proxy
from desk_app.services.errors import DatabaseCorrupt, DatabaseProblem, DatabaseTooNew

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "synchronous": "normal",
    "cache_size": -16000,
}

MigrationStep = Callable[[SqliteDatabase, SqliteMigrator], None]


def _v2_user_preferences(db: SqliteDatabase, migrator: SqliteMigrator) -> None:
    """Version 2: per-user UI preferences (column layouts, remembered filters)."""
    db.create_tables([UserPreference])


#: STEPS[n] upgrades a schema of version n-1 to version n. Append; never edit a released step.
STEPS: dict[int, MigrationStep] = {
    2: _v2_user_preferences,
}
SCHEMA_VERSION = max(STEPS)


def schema_version(db: SqliteDatabase) -> int:
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


def _set_schema_version(db: SqliteDatabase, version: int) -> None:
    db.execute_sql(f"PRAGMA user_version = {int(version)}")


def _check_file(path: Path) -> None:
    """Refuse a file that is not a SQLite database or is damaged, before peewee touches it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = con.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseCorrupt(t("The database file {path} is damaged: {detail}", path=path, detail=exc)) from exc
    if result != "ok":
        raise DatabaseCorrupt(t("The database file {path} is damaged: {detail}", path=path, detail=result))


def create_schema(db: SqliteDatabase) -> None:
    """Create every table of the current schema in an empty database."""
    with db.atomic():
        db.create_tables(ALL_MODELS)
        _set_schema_version(db, SCHEMA_VERSION)


def migrate(db: SqliteDatabase, path: Path | None, backup_dir: Path | None = None) -> Path | None:
    """Bring an existing database up to SCHEMA_VERSION; back it up first. Returns the backup path."""
    found = schema_version(db)
    if found > SCHEMA_VERSION:
        raise DatabaseTooNew(
            t(
                "The database file {path} is newer (schema {found}) than this application (schema {supported}). "
                "Please update the application.",
                path=path,
                found=found,
                supported=SCHEMA_VERSION,
            )
        )
    if found == SCHEMA_VERSION:
        return None
    saved = backup.backup_database(db, path, backup_dir, reason=f"before-migration-v{found}") if path else None
    migrator = SqliteMigrator(db)
    for version in range(found + 1, SCHEMA_VERSION + 1):
        with db.atomic():
            STEPS[version](db, migrator)
            _set_schema_version(db, version)
    return saved


def open_database(path: str | Path, backup_dir: Path | None = None) -> SqliteDatabase:
    """Open (creating if needed) the database at `path`, migrate it, and bind the models to it."""
    path = Path(path).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    _check_file(path)
    db = SqliteDatabase(str(path), pragmas=PRAGMAS)
    try:
        db.connect(reuse_if_open=True)
    except Exception as exc:  # peewee wraps sqlite3.OperationalError
        raise DatabaseProblem(known_database_error(exc) or str(exc)) from exc
    database_proxy.initialize(db)
    if not db.get_tables():
        create_schema(db)
    elif "user" not in db.get_tables():
        db.close()
        raise DatabaseProblem(t("{path} is not a Service Desk database.", path=path))
    else:
        migrate(db, path, backup_dir)
    return db


def close_database(db: SqliteDatabase) -> None:
    """Checkpoint the WAL and close, so the file is complete on its own."""
    if not db.is_closed():
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()


_KNOWN_ERRORS = (
    ("database is locked", "The database is locked by another program or workstation. Try again in a moment."),
    ("readonly database", "The database file is read-only. Check the file permissions."),
    ("disk is full", "The disk is full. Free some space and try again."),
    ("disk image is malformed", "The database file {path} is damaged: {detail}"),
    ("file is not a database", "The database file {path} is damaged: {detail}"),
    ("unable to open database", "The database file cannot be opened. Check the path and permissions."),
)


def known_database_error(exc: BaseException, path: str | Path = "") -> str | None:
    """A plain message for the SQLite environment errors people can act on, else None."""
    text = str(exc).lower()
    for needle, message in _KNOWN_ERRORS:
        if needle in text:
            return t(message, path=path, detail=exc)
    return None
