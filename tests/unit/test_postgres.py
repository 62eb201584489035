"""PostgreSQL as the desk's database (R39): URLs, schema version, backups, migrate-db.

The server tests run in the PostgreSQL run of `make test` (DESK_APP_TEST_DB, see tests/conftest.py);
the rest of the suite runs there too, on a fresh PostgreSQL database per test.
"""

import json
from datetime import date
from pathlib import Path

import pytest

from desk_app.cli import main
from desk_app.errors import DatabaseProblem, DatabaseTooNew
from desk_app.models import ALL_MODELS, Team, Ticket
from desk_app.services import users
from desk_app.services.auth import create_first_admin
from desk_app.services.opening import open_desk
from desk_app.store import backup, postgres, transfer
from desk_app.store.connection import SCHEMA_VERSION, close_database, schema_version
from desk_app.store.paths import resolve_db_path
from tests.conftest import ON_POSTGRES, TEST_PG_URL, _admin_execute

needs_server = pytest.mark.skipif(not ON_POSTGRES, reason="needs the PostgreSQL test server (DESK_APP_TEST_DB)")


def test_urls_are_told_from_paths(monkeypatch):
    assert postgres.is_url("postgresql://u:p@h:5432/desk")
    assert postgres.is_url("postgres://h/desk")
    assert not postgres.is_url("/home/u/desk.sqlite")
    assert not postgres.is_url(Path("postgresql:/x"))
    assert resolve_db_path("postgresql://h/desk") == "postgresql://h/desk"
    monkeypatch.setenv("DESK_APP_DB", "postgresql://h/other")
    assert resolve_db_path(None) == "postgresql://h/other"


def test_passwords_are_kept_out_of_what_is_shown():
    assert postgres.redact("postgresql://desk:s3cret@db.example:5433/desk") == \
        "postgresql://desk:***@db.example:5433/desk"
    assert postgres.redact("postgresql://db.example/desk") == "postgresql://db.example/desk"
    assert postgres.normalise_url("postgres://h/d") == "postgresql://h/d"
    assert postgres.database_name("postgresql://h:1/desk") == "desk"


def test_an_unreachable_server_is_a_plain_message():
    with pytest.raises(DatabaseProblem, match="Cannot open the PostgreSQL database") as info:
        open_desk("postgresql://nobody:s3cret@127.0.0.1:1/desk")
    assert "s3cret" not in str(info.value)


@pytest.fixture
def fresh_url() -> str:
    """An empty database on the test server (no schema)."""
    name = f"desk_empty_{next(_counter)}"
    _admin_execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}")
    yield postgres.with_database(TEST_PG_URL, name)
    _admin_execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


_counter = iter(range(1, 10_000))


@needs_server
def test_schema_version_is_a_one_row_table(db):
    assert schema_version(db) == SCHEMA_VERSION
    assert db.execute_sql("SELECT count(*) FROM schema_version").fetchone()[0] == 1
    assert {m._meta.table_name for m in ALL_MODELS} <= set(db.get_tables())


@needs_server
def test_a_newer_database_is_refused(db, db_path):
    db.execute_sql("UPDATE schema_version SET version = %s", (SCHEMA_VERSION + 1,))
    close_database(db)
    with pytest.raises(DatabaseTooNew, match="newer"):
        open_desk(db_path)


@needs_server
def test_a_foreign_database_is_refused(fresh_url):
    import psycopg

    with psycopg.connect(fresh_url, autocommit=True) as con:
        con.execute("CREATE TABLE orders (id serial primary key)")
    with pytest.raises(DatabaseProblem, match="not a Service Desk database"):
        open_desk(fresh_url)


@needs_server
def test_an_empty_database_gets_the_schema_and_kept_numbers_work(fresh_url):
    db = open_desk(fresh_url)
    try:
        admin = create_first_admin("admin", "管理员", "admin-pass-1")
        from datetime import datetime

        from desk_app.services import tickets
        from desk_app.services.ticket_input import TicketInput

        made = tickets.create_ticket(admin, TicketInput(channel="hotline", reported_at=datetime(2026, 10, 5, 9),
                                                        reporter_name="张三", description="打印机"))
        assert made.number == "GD-20261005-0001"
        Ticket.delete().execute()
        assert tickets.next_number(date(2026, 10, 5)) == "GD-20261005-0002"  # never reused (R3)
    finally:
        close_database(db)


@needs_server
def test_backup_with_pg_dump_into_the_rotation(db, db_path, admin):
    users.save_team(admin, "一班")
    saved = backup.backup_database(db, db_path, keep=2)
    assert saved.suffix == ".pgdump" and saved.stat().st_size > 0
    assert saved.parent == backup.backup_dir_for(db_path)
    for _ in range(3):
        backup.backup_database(db, db_path, keep=2)
    assert len(backup.list_backups(db_path)) == 2


@needs_server
def test_backup_without_pg_dump_is_a_logical_export(db, db_path, admin, monkeypatch, tmp_path):
    users.save_team(admin, "一班")
    monkeypatch.setattr(postgres.shutil, "which", lambda name: None)
    saved = backup.backup_database(db, db_path, output=tmp_path / "desk.jsonl")
    lines = [json.loads(line) for line in saved.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["format"] == postgres.EXPORT_FORMAT and lines[0]["schema_version"] == SCHEMA_VERSION
    start = lines.index(next(x for x in lines if isinstance(x, dict) and x.get("table") == "team"))
    assert lines[start + 1][lines[start]["columns"].index("name")] == "一班"
    assert not list(tmp_path.glob("*.part"))


def _snapshot() -> tuple:
    counts = {m._meta.table_name: m.select().count() for m in ALL_MODELS}
    first = Ticket.select().order_by(Ticket.id).first()
    return counts, (first.number, first.reported_at, first.description) if first else None


def _desk_with_tickets(admin) -> None:
    from datetime import datetime

    from desk_app.services import tickets
    from desk_app.services.ticket_input import TicketInput

    users.save_team(admin, "一班")
    for n in range(3):
        tickets.create_ticket(admin, TicketInput(channel="hotline", reported_at=datetime(2026, 10, 5, 9, n),
                                                 reporter_name="张三", description=f"打印机 {n}"))


def _change_everything(admin) -> None:
    Ticket.update(description="改过了").execute()
    users.save_team(admin, "二班")


@needs_server
@pytest.mark.parametrize("kind", ["jsonl", "pgdump"])
def test_backup_change_restore_gives_the_old_data(db, db_path, admin, monkeypatch, kind):
    if kind == "jsonl":
        monkeypatch.setattr(postgres.shutil, "which", lambda name: None)  # no pg_dump: a logical export
    _desk_with_tickets(admin)
    saved = backup.backup_database(db, db_path)
    assert saved.suffix == f".{kind}"
    before = _snapshot()
    _change_everything(admin)
    assert _snapshot() != before
    close_database(db)

    kept = backup.restore_database(saved, db_path)

    assert kept is not None and "before-restore" in kept.name and kept.exists()
    db = open_desk(db_path)
    try:
        assert _snapshot() == before
        assert Ticket.select().order_by(Ticket.id).first().description == "打印机 0"
        Team.create(name="新班组")  # the sequences are past the restored ids
    finally:
        close_database(db)


@needs_server
@pytest.mark.parametrize(("name", "content"), [
    ("junk.jsonl", "this is not json\n"),
    ("foreign.jsonl", json.dumps({"format": "someone-else", "schema_version": 1}) + "\n"),
    ("damaged.jsonl", None),
    ("junk.pgdump", "PGDMP but not really"),
    ("desk.sqlite", "SQLite format 3"),
])
def test_a_damaged_or_foreign_backup_is_refused_and_nothing_changes(db, db_path, admin, tmp_path, name, content):
    _desk_with_tickets(admin)
    source = tmp_path / name
    if content is None:  # a real export cut off in the middle of a line
        whole = backup.backup_database(db, db_path, output=tmp_path / "whole.jsonl").read_text(encoding="utf-8")
        content = whole[: len(whole) * 2 // 3]
    source.write_text(content, encoding="utf-8")
    before = _snapshot()
    with pytest.raises(DatabaseProblem, match="not a Service Desk backup|damaged"):
        backup.restore_database(source, db_path)
    assert _snapshot() == before


@needs_server
def test_a_backup_of_another_schema_version_is_refused(db, db_path, admin, tmp_path):
    saved = backup.backup_database(db, db_path, output=tmp_path / "desk.jsonl")
    lines = saved.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0]) | {"schema_version": SCHEMA_VERSION - 1}
    saved.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n", encoding="utf-8")
    with pytest.raises(DatabaseProblem, match="schema version"):
        backup.restore_database(saved, db_path)


@needs_server
def test_a_failure_midway_leaves_the_data_untouched(db, db_path, admin, tmp_path, monkeypatch):
    _desk_with_tickets(admin)
    saved = backup.backup_database(db, db_path, output=tmp_path / "desk.jsonl")
    _change_everything(admin)
    before = _snapshot()
    real_copy_rows = transfer._copy_rows
    calls = []

    def copy_rows(*args, **kwargs):
        if calls:
            raise RuntimeError("the disk went away")
        calls.append(1)
        return real_copy_rows(*args, **kwargs)

    monkeypatch.setattr(transfer, "_copy_rows", copy_rows)
    with pytest.raises(DatabaseProblem, match="left unchanged: the disk went away"):
        backup.restore_database(saved, db_path)
    assert calls and _snapshot() == before
    assert Ticket.select().where(Ticket.description == "改过了").count() == 3


@needs_server
def test_a_pgdump_restore_without_pg_restore_says_so(db, db_path, admin, tmp_path, monkeypatch):
    saved = backup.backup_database(db, db_path, output=tmp_path / "desk.pgdump")
    assert saved.suffix == ".pgdump"
    monkeypatch.setattr(postgres.shutil, "which", lambda name: None)
    with pytest.raises(DatabaseProblem, match="needs the PostgreSQL program pg_restore"):
        backup.restore_database(saved, db_path)


@needs_server
@pytest.mark.parametrize("suffix", [".jsonl", ".pgdump"])
def test_cli_restore_on_a_url(db, db_path, admin, capsys, tmp_path, suffix, monkeypatch):
    if suffix == ".jsonl":
        monkeypatch.setattr(postgres.shutil, "which", lambda name: None)
    _desk_with_tickets(admin)
    close_database(db)
    out = tmp_path / f"copy{suffix}"
    assert main(["--db", db_path, "--lang", "en", "backup", "-o", str(out)]) == 0
    db = open_desk(db_path)
    _change_everything(admin)
    close_database(db)
    capsys.readouterr()

    assert main(["--db", db_path, "--lang", "en", "restore", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "restored" in printed and "before-restore" in printed
    db = open_desk(db_path)
    try:
        assert Ticket.select().where(Ticket.description == "改过了").count() == 0
        assert not Team.select().where(Team.name == "二班").exists()
    finally:
        close_database(db)


@needs_server
def test_cli_backup_on_a_url(db, db_path, admin, capsys, tmp_path):
    close_database(db)
    out = tmp_path / "copy.pgdump"
    assert main(["--db", db_path, "--lang", "en", "backup", "-o", str(out)]) == 0
    assert out.exists() and str(out) in capsys.readouterr().out


# --------------------------------------------------------------------------- migrate-db


def _sqlite_desk(path: Path) -> None:
    """A small desk with demo data in a SQLite file."""
    from desk_app.demo import load_demo

    db = open_desk(path)
    try:
        load_demo(until=date(2026, 10, 31), tickets=60, seed=3)
    finally:
        close_database(db)


@needs_server
def test_migrate_db_copies_everything_and_verifies(tmp_path, fresh_url, capsys):
    source = tmp_path / "desk.sqlite"
    _sqlite_desk(source)

    assert main(["migrate-db", "--from", str(source), "--to", fresh_url]) == 0
    out = capsys.readouterr().out
    assert "counts and checksums verified" in out

    counts = {}
    db = open_desk(source)
    try:
        for model in ALL_MODELS:
            counts[model._meta.table_name] = model.select().count()
        first_ticket = Ticket.select().order_by(Ticket.id).first()
        snapshot = (first_ticket.number, first_ticket.reported_at, first_ticket.description)
    finally:
        close_database(db)
    db = open_desk(fresh_url)
    try:
        assert schema_version(db) == SCHEMA_VERSION
        for model in ALL_MODELS:
            assert model.select().count() == counts[model._meta.table_name], model.__name__
        first_ticket = Ticket.select().order_by(Ticket.id).first()
        assert (first_ticket.number, first_ticket.reported_at, first_ticket.description) == snapshot
        assert counts["ticket"] == 60
        Team.create(name="新班组")  # the sequences were moved past the copied ids
    finally:
        close_database(db)


@needs_server
def test_migrate_db_refuses_a_database_with_data(tmp_path, fresh_url, capsys):
    source = tmp_path / "desk.sqlite"
    _sqlite_desk(source)
    close_database(open_desk(fresh_url))  # the standard questionnaires are data

    assert main(["migrate-db", "--from", str(source), "--to", fresh_url]) == 1
    assert "not empty" in capsys.readouterr().err


@needs_server
def test_migrate_db_is_all_or_nothing(tmp_path, fresh_url, monkeypatch):
    source = tmp_path / "desk.sqlite"
    _sqlite_desk(source)
    real_verify = transfer._verify

    def verify(table, source_digest, target_digest):
        if table == "audit_log":
            target_digest.add(["a row nobody wrote"])
        real_verify(table, source_digest, target_digest)

    monkeypatch.setattr(transfer, "_verify", verify)
    with pytest.raises(transfer.TransferFailed, match="audit_log"):
        transfer.copy_database(source, fresh_url)

    import psycopg

    with psycopg.connect(fresh_url) as con:
        tables = con.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0]
    assert tables == 0, "a failed copy leaves the target as it was"


def test_migrate_db_wants_a_url_and_a_file(tmp_path, capsys):
    assert main(["migrate-db", "--from", str(tmp_path / "none.sqlite"), "--to", "postgresql://h/d"]) == 1
    assert "not a Service Desk database" in capsys.readouterr().err


@pytest.mark.parametrize(("error", "expected"), [
    ("server closed the connection unexpectedly", "connection to the database server was lost"),
    ('connection failed: connection to server at "10.0.0.9", port 5432 failed: Connection refused',
     "cannot be reached"),
    ("deadlock detected", "locked by another program"),
])
def test_server_errors_are_explained(error, expected):
    from desk_app.store.connection import known_database_error

    assert expected in known_database_error(Exception(error))
