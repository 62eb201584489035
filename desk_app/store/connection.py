"""Open the database: pragmas, schema check, versioned migrations (R39, R40); the caller backs up first."""

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from peewee import Database, SqliteDatabase

from desk_app.errors import DatabaseCorrupt, DatabaseProblem, DatabaseTooNew
from desk_app.i18n import N_, t
from desk_app.models import (
    ALL_MODELS,
    AuthoritySlot,
    JobRun,
    OutboxAttachment,
    OutboxMessage,
    Report,
    SigningAuthority,
    SigningKey,
    UserPreference,
    database_proxy,
)
from desk_app.store import postgres, precheck

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "synchronous": "normal",
    "cache_size": -16000,
}

if TYPE_CHECKING:  # playhouse.migrate is imported when a migration runs: it imports psycopg (~0.1 s)
    from playhouse.migrate import SchemaMigrator

#: A step gets the database and a migrator of its kind (SqliteMigrator or PostgresqlMigrator).
MigrationStep = Callable[[Database, "SchemaMigrator"], None]


def _v2_user_preferences(db: Database, migrator: "SchemaMigrator") -> None:
    """Version 2: per-user UI preferences (column layouts, remembered filters)."""
    db.create_tables([UserPreference])


#: Version 3: the ticket search index, the record of deleted ticket numbers (never reused, R3) and
#: indexes for the ticket list's filters and sort orders.
#:
#: ticket_fts is a contentless FTS5 trigram index kept in sync by triggers (so bulk `insert_many`
#: inserts are indexed too). Every indexed value ends with two U+0001 characters (which the services
#: never store): then every occurrence of a 1- or 2-character term starts some trigram, and the
#: vocabulary table finds those trigrams by prefix (see desk_app.services.search).
_FTS_VALUES = ("{t}.number || char(1, 1), {t}.reporter_name || char(1, 1), {t}.description || char(1, 1), "
               "{t}.resolution || char(1, 1)")
_FTS_COLUMNS = "number, reporter_name, description, resolution"
_V3_TICKET_SEARCH_SQL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS ticket_fts USING fts5({_FTS_COLUMNS}, content='', tokenize='trigram')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS ticket_fts_vocab USING fts5vocab(ticket_fts, 'row')",
    "CREATE TRIGGER IF NOT EXISTS ticket_fts_ai AFTER INSERT ON ticket BEGIN "
    f"INSERT INTO ticket_fts(rowid, {_FTS_COLUMNS}) VALUES (new.id, {_FTS_VALUES.format(t='new')}); END",
    "CREATE TRIGGER IF NOT EXISTS ticket_fts_ad AFTER DELETE ON ticket BEGIN "
    f"INSERT INTO ticket_fts(ticket_fts, rowid, {_FTS_COLUMNS}) "
    f"VALUES ('delete', old.id, {_FTS_VALUES.format(t='old')}); END",
    "CREATE TRIGGER IF NOT EXISTS ticket_fts_au "
    "AFTER UPDATE OF id, number, reporter_name, description, resolution ON ticket BEGIN "
    f"INSERT INTO ticket_fts(ticket_fts, rowid, {_FTS_COLUMNS}) "
    f"VALUES ('delete', old.id, {_FTS_VALUES.format(t='old')}); "
    f"INSERT INTO ticket_fts(rowid, {_FTS_COLUMNS}) VALUES (new.id, {_FTS_VALUES.format(t='new')}); END",
    "CREATE TABLE IF NOT EXISTS ticket_number_used (day TEXT PRIMARY KEY, last INTEGER NOT NULL)",
    "CREATE TRIGGER IF NOT EXISTS ticket_number_keep AFTER DELETE ON ticket "
    "WHEN old.number GLOB 'GD-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9]*' BEGIN "
    "INSERT INTO ticket_number_used(day, last) "
    "VALUES (substr(old.number, 4, 8), CAST(substr(old.number, 13) AS INTEGER)) "
    "ON CONFLICT(day) DO UPDATE SET last = max(last, excluded.last); END",
    "CREATE INDEX IF NOT EXISTS ticket_state_reported_at ON ticket (state, reported_at)",
    "CREATE INDEX IF NOT EXISTS ticket_team_state_reported_at ON ticket (team_id, state, reported_at)",
    "CREATE INDEX IF NOT EXISTS ticket_assignee_reported_at ON ticket (assignee_id, reported_at)",
    "CREATE INDEX IF NOT EXISTS ticket_created_by_reported_at ON ticket (created_by_id, reported_at)",
)


def install_ticket_search(db: Database) -> None:
    """Create the ticket search index, its triggers and the list indexes, and index the existing tickets.

    Also the repair for an index out of step: it empties the index and fills it again. On PostgreSQL:
    pg_trgm indexes (see desk_app.store.postgres), which are never out of step.
    """
    if postgres.is_postgres(db):
        postgres.install_ticket_search(db)
        return
    for statement in _V3_TICKET_SEARCH_SQL:
        db.execute_sql(statement)
    db.execute_sql("INSERT INTO ticket_fts(ticket_fts) VALUES ('delete-all')")
    db.execute_sql(f"INSERT INTO ticket_fts(rowid, {_FTS_COLUMNS}) SELECT id, {_FTS_VALUES.format(t='ticket')} "
                   "FROM ticket")


def _v3_ticket_search(db: Database, migrator: "SchemaMigrator") -> None:
    """Version 3: FTS5 trigram search over tickets, kept ticket numbers, list indexes."""
    install_ticket_search(db)


def _v4_signing(db: Database, migrator: "SchemaMigrator") -> None:
    """Version 4: the review step and digital signatures (R44, R45). The authority and the keys are
    made at the next log-in of an administrator and of each signer, when their passwords are known."""
    from playhouse.migrate import migrate as apply_migrations

    table = Report._meta.table_name
    present = {c.name for c in db.get_columns(table)}
    apply_migrations(*(migrator.add_column(table, name, getattr(Report, name))
                       for name in ("reviewed_at", "signature_boxes") if name not in present))
    db.create_tables([SigningAuthority, AuthoritySlot, SigningKey])


def _v5_outbox(db: Database, migrator: "SchemaMigrator") -> None:
    """Version 5: the outbox and the due jobs' runs (R52, R54)."""
    db.create_tables([OutboxMessage, OutboxAttachment, JobRun])


#: STEPS[n] upgrades a schema of version n-1 to version n. Append; never edit a released step.
STEPS: dict[int, MigrationStep] = {
    2: _v2_user_preferences,
    3: _v3_ticket_search,
    4: _v4_signing,
    5: _v5_outbox,
}
SCHEMA_VERSION = max(STEPS)


def schema_version(db: Database) -> int:
    if postgres.is_postgres(db):
        return postgres.schema_version(db)
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


def _set_schema_version(db: Database, version: int) -> None:
    if postgres.is_postgres(db):
        postgres.set_schema_version(db, version)
    else:
        db.execute_sql(f"PRAGMA user_version = {int(version)}")


def _check_file(path: Path) -> None:
    """Refuse a file that is not a SQLite database or is damaged, before peewee touches it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        result = precheck.quick_check(path)  # waits for the check the GUI may have started early
    except sqlite3.OperationalError as exc:  # read-only, locked, cannot open: not damage
        raise DatabaseProblem(known_database_error(exc, path) or str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise DatabaseCorrupt(t("The database file {path} is damaged: {detail}", path=path, detail=exc)) from exc
    if result != "ok":
        raise DatabaseCorrupt(t("The database file {path} is damaged: {detail}", path=path, detail=result))


def create_schema(db: Database) -> None:
    """Create every table of the current schema in an empty database."""
    with db.atomic():
        db.create_tables(ALL_MODELS)
        install_ticket_search(db)
        _set_schema_version(db, SCHEMA_VERSION)


#: Called with (database, its path or URL, the schema version found) before the first migration step.
BeforeMigrate = Callable[[Database, "Path | str", int], object]


def migrate(db: Database, path: Path | str | None, before_migrate: BeforeMigrate | None = None) -> None:
    """Bring an existing database up to SCHEMA_VERSION, calling `before_migrate` (a backup) first."""
    found = schema_version(db)
    if found > SCHEMA_VERSION:
        raise DatabaseTooNew(
            t(
                "The database file {path} is newer (schema {found}) than this application (schema {supported}). "
                "Please update the application.",
                path=postgres.redact(path) if postgres.is_url(path) else path,
                found=found,
                supported=SCHEMA_VERSION,
            )
        )
    if found == SCHEMA_VERSION:
        return
    if before_migrate is not None and path:
        before_migrate(db, path, found)
    from playhouse.migrate import PostgresqlMigrator, SqliteMigrator

    migrator = PostgresqlMigrator(db) if postgres.is_postgres(db) else SqliteMigrator(db)
    for version in range(found + 1, SCHEMA_VERSION + 1):
        with db.atomic():
            STEPS[version](db, migrator)
            _set_schema_version(db, version)


def open_database(path: str | Path, before_migrate: BeforeMigrate | None = None) -> Database:
    """Open (creating if needed) the database at `path`, migrate it, and bind the models to it.

    `path` is a SQLite file or a postgresql:// URL (desk_app.store.postgres). Standard data is
    not seeded here: the app's opener (`desk_app.services.opening.open_desk`) does that.
    """
    if postgres.is_url(path):
        return _open_postgres(postgres.normalise_url(str(path)), before_migrate)
    path = Path(path).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    _check_file(path)
    precheck.note_opened(path)  # checked (or closed cleanly and unchanged): now it may be written
    db = SqliteDatabase(str(path), pragmas=PRAGMAS)
    try:
        db.connect(reuse_if_open=True)
    except Exception as exc:  # peewee wraps sqlite3.OperationalError
        precheck.note_closed(path)
        raise DatabaseProblem(known_database_error(exc) or str(exc)) from exc
    database_proxy.initialize(db)
    try:
        if not db.get_tables():
            create_schema(db)
        elif "user" not in db.get_tables():
            raise DatabaseProblem(t("{path} is not a Service Desk database.", path=path))
        else:
            migrate(db, path, before_migrate)
    except BaseException:
        db.close()
        precheck.note_closed(path)
        raise
    return db


def _open_postgres(url: str, before_migrate: BeforeMigrate | None) -> Database:
    db = postgres.connect(url)
    database_proxy.initialize(db)
    try:
        tables = db.get_tables()
        if not tables:
            create_schema(db)
        elif "user" not in tables or "schema_version" not in tables:
            raise DatabaseProblem(t("{path} is not a Service Desk database.", path=postgres.redact(url)))
        else:
            migrate(db, url, before_migrate)
    except BaseException:
        db.close()
        raise
    return db


def close_database(db: Database) -> None:
    """Checkpoint the WAL and close, so the file is complete on its own; recorded as closed cleanly."""
    if not db.is_closed():
        if isinstance(db, SqliteDatabase):
            db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            db.close()
            precheck.note_closed(db.database)
        else:
            db.close()


_KNOWN_ERRORS = (
    ("database is locked", N_("The database is locked by another program or workstation. Try again in a moment.")),
    ("readonly database", N_("The database file is read-only. Check the file permissions.")),
    ("disk is full", N_("The disk is full. Free some space and try again.")),
    ("disk image is malformed", "The database file {path} is damaged: {detail}"),
    ("file is not a database", "The database file {path} is damaged: {detail}"),
    ("unable to open database", N_("The database file cannot be opened. Check the path and permissions.")),
    # PostgreSQL (psycopg) environment errors
    ("deadlock detected", N_("The database is locked by another program or workstation. Try again in a moment.")),
    ("server closed the connection", N_("The connection to the database server was lost. Try again in a moment.")),
    ("terminating connection", N_("The connection to the database server was lost. Try again in a moment.")),
    ("connection refused", N_("The database server cannot be reached. Check the network and the server.")),
    ("could not connect", N_("The database server cannot be reached. Check the network and the server.")),
    ("no space left on device", N_("The disk is full. Free some space and try again.")),
)


def known_database_error(exc: BaseException, path: str | Path = "") -> str | None:
    """A plain message for the database environment errors people can act on (SQLite, PostgreSQL), else None."""
    text = str(exc).lower()
    for needle, message in _KNOWN_ERRORS:
        if needle in text:
            return t(message, path=path, detail=exc)
    return None
