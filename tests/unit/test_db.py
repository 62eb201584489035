"""Opening, checking and migrating the database file (R39, R40, R41)."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from desk_app.errors import DatabaseCorrupt, DatabaseProblem, DatabaseTooNew
from desk_app.models import ALL_MODELS
from desk_app.services.opening import open_desk
from desk_app.store import connection as dbmod
from desk_app.store.connection import SCHEMA_VERSION, close_database, known_database_error, schema_version

pytestmark = pytest.mark.sqlite_only("SQLite files, pragmas, the stored .sqlite fixture (PostgreSQL: test_postgres.py)")

FIXTURE_V1 = Path(__file__).resolve().parent.parent / "data" / "schema_v1.sqlite"


def _columns(path: Path) -> dict[str, set[str]]:
    """Every table's column names, read with plain sqlite3."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {name: {r[1] for r in con.execute(f'PRAGMA table_info("{name}")')} for name in tables}
    finally:
        con.close()


def _user_version(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def old_db(tmp_path: Path) -> Path:
    """A private copy of the version-1 fixture (the fixture itself is never opened for writing)."""
    target = tmp_path / "old" / "desk.sqlite"
    target.parent.mkdir()
    shutil.copyfile(FIXTURE_V1, target)
    return target


def test_fresh_database_has_current_schema_and_all_tables(db, db_path):
    assert schema_version(db) == SCHEMA_VERSION
    expected = {m._meta.table_name for m in ALL_MODELS}
    assert expected <= set(db.get_tables())
    assert _user_version(db_path) == SCHEMA_VERSION


def test_pragmas(db):
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] > 0


def test_fresh_database_makes_no_backup(db, db_path):
    assert not (db_path.parent / "backups").exists()


def test_old_schema_fixture_is_version_1():
    assert _user_version(FIXTURE_V1) == 1
    assert SCHEMA_VERSION > 1, "the v1 fixture must need a migration"


def test_migrates_v1_fixture(old_db):
    fixture_bytes = FIXTURE_V1.read_bytes()
    database = open_desk(old_db)
    try:
        assert schema_version(database) == SCHEMA_VERSION
        users = {r[0] for r in database.execute_sql("SELECT username FROM user")}
        assert "admin" in users
        tickets = {r[0] for r in database.execute_sql("SELECT number FROM ticket")}
        assert "GD-20260101-0001" in tickets
    finally:
        close_database(database)
    assert FIXTURE_V1.read_bytes() == fixture_bytes, "the stored fixture must never change"

    backups = list((old_db.parent / "backups").glob("desk-*.sqlite"))
    assert len(backups) == 1, backups
    assert "before-migration-v1" in backups[0].name
    # The backup is the old database as it was: still version 1, with its data.
    assert _user_version(backups[0]) == 1
    con = sqlite3.connect(backups[0])
    try:
        assert con.execute("SELECT number FROM ticket").fetchall() == [("GD-20260101-0001",)]
    finally:
        con.close()


def test_migrated_schema_equals_fresh_schema(old_db, tmp_path):
    """Guard: a schema change without a migration step makes this test fail."""
    migrated = open_desk(old_db)
    close_database(migrated)
    fresh_path = tmp_path / "fresh" / "desk.sqlite"
    fresh = open_desk(fresh_path)
    close_database(fresh)

    old_cols, new_cols = _columns(old_db), _columns(fresh_path)
    assert set(old_cols) == set(new_cols), "tables differ between a migrated and a fresh database"
    for table, cols in new_cols.items():
        assert old_cols[table] == cols, f"columns of table {table} differ after migration"


def test_migrating_again_is_a_no_op(old_db):
    close_database(open_desk(old_db))
    close_database(open_desk(old_db))
    assert len(list((old_db.parent / "backups").glob("*.sqlite"))) == 1


def test_failed_migration_step_is_rolled_back_and_can_be_retried(old_db, monkeypatch):
    """R41: a migration step that fails is rolled back whole; the next start migrates normally."""

    def broken_step(database, migrator):
        database.execute_sql("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("step failed")

    with monkeypatch.context() as patch:
        patch.setitem(dbmod.STEPS, SCHEMA_VERSION, broken_step)
        with pytest.raises(RuntimeError):
            open_desk(old_db)
    dbmod.database_proxy.obj.close()
    assert _user_version(old_db) < SCHEMA_VERSION
    assert "half_done" not in _columns(old_db)

    database = open_desk(old_db)
    try:
        assert schema_version(database) == SCHEMA_VERSION
        assert database.execute_sql("SELECT number FROM ticket").fetchall() == [("GD-20260101-0001",)]
    finally:
        close_database(database)


def test_too_new_database_refused(db_path):
    close_database(open_desk(db_path))
    con = sqlite3.connect(db_path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(DatabaseTooNew) as info:
        open_desk(db_path)
    dbmod.database_proxy.obj.close()
    message = str(info.value)
    assert str(db_path.name) in message
    assert str(SCHEMA_VERSION + 1) in message
    # Nothing was touched: still the newer version, and no backup was made.
    assert _user_version(db_path) == SCHEMA_VERSION + 1
    assert not (db_path.parent / "backups").exists()


def test_garbage_file_refused_as_corrupt(tmp_path):
    path = tmp_path / "garbage.sqlite"
    content = b"this is not a database at all \x00\x01\x02" * 200
    path.write_bytes(content)
    with pytest.raises(DatabaseCorrupt) as info:
        open_desk(path)
    assert str(path) in str(info.value)
    assert path.read_bytes() == content


def test_foreign_sqlite_database_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO recipes (name) VALUES ('noodles')")
    con.commit()
    con.close()
    with pytest.raises(DatabaseProblem) as info:
        open_desk(path)
    assert "not a Service Desk database" in str(info.value)
    assert str(path) in str(info.value)
    assert set(_columns(path)) == {"recipes"}, "a foreign database must not get our tables"


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        ("database is locked", "locked"),
        ("attempt to write a readonly database", "read-only"),
        ("database or disk is full", "disk is full"),
    ],
)
def test_known_database_errors(error, expected):
    message = known_database_error(sqlite3.OperationalError(error))
    assert message is not None
    assert expected in message
    assert message != error


def test_unknown_database_error_is_not_explained():
    assert known_database_error(sqlite3.OperationalError("no such column: foo")) is None
    assert known_database_error(ValueError("something else")) is None
