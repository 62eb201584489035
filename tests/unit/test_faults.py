"""Faults (R40, R41): a killed process, a locked, read-only or corrupt database file.

The killed-process tests run the work in a child Python (`sys.executable -c ...`) that stops in
the middle of its transaction and says so on stdout; the test then SIGKILLs it (no clean-up code
runs) and checks the file with plain sqlite3 and with `open_desk`.
"""

import os
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest
from peewee import OperationalError

from desk_app.errors import DatabaseCorrupt, DatabaseProblem
from desk_app.io.ledger import LedgerRow, write_ledger
from desk_app.models import AuditLog, Team, Ticket
from desk_app.services import users
from desk_app.services.auth import create_first_admin
from desk_app.services.opening import open_desk
from desk_app.store import backup
from desk_app.store.connection import SCHEMA_VERSION, close_database, known_database_error

pytestmark = [pytest.mark.sqlite_only("killed processes, locks, read-only and corrupt SQLite files"),
              pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX")]

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_V1 = ROOT / "tests" / "data" / "schema_v1.sqlite"
PASSWORD = "admin-pass-1"


# --- helpers -------------------------------------------------------------------------------------

def _new_database(path: Path, teams: int = 0) -> None:
    database = open_desk(path)
    try:
        actor = create_first_admin("admin", "管理员", PASSWORD)
        for i in range(teams):
            users.save_team(actor, f"工班{i}")
    finally:
        close_database(database)


def _check(path: Path) -> dict[str, object]:
    """What a plain sqlite3 connection finds in the file (it also recovers a WAL left behind)."""
    con = sqlite3.connect(path)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        result = {
            "integrity": con.execute("PRAGMA integrity_check").fetchone()[0],
            "version": con.execute("PRAGMA user_version").fetchone()[0],
            "tables": tables,
        }
        for table in ("ticket", "user", "team", "audit_log", "evaluation", "ticket_event"):
            if table in tables:
                result[table] = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        return result
    finally:
        con.close()


def _run_and_kill(script: str, *args: str, sign: str, wal: Path | None = None, timeout: float = 60) -> str:
    """Run `script` in a child Python; SIGKILL it once it printed `sign` (and `wal` holds pages)."""
    child = subprocess.Popen([sys.executable, "-c", textwrap.dedent(script), *args], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    seen = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([child.stdout], [], [], 0.5)
            if ready:
                line = child.stdout.readline()
                if not line:
                    break
                seen.append(line.strip())
                if line.strip() == sign:
                    break
        assert seen and seen[-1] == sign, f"the child did not get there: {seen} {child.stderr.read()[-2000:]}"
        if wal is not None:  # the sign on disk: uncommitted pages went into the write-ahead log
            while time.monotonic() < deadline and not (wal.exists() and wal.stat().st_size > 0):
                time.sleep(0.05)
            assert wal.stat().st_size > 0
        assert child.poll() is None, "the child finished before it could be killed"
        child.send_signal(signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    return "\n".join(seen)


# --- killed in the middle ------------------------------------------------------------------------

IMPORT_SCRIPT = """
    import sys, time
    from desk_app.services.opening import open_desk
    from desk_app.models import User
    from desk_app.services.actor import Actor
    from desk_app.services.ledger import import_ledger

    db = open_desk(sys.argv[1])
    db.execute_sql("PRAGMA cache_size = 20")  # a small cache spills uncommitted pages into the WAL
    actor = Actor.from_user(User.get(User.username == "admin"))

    def progress(done, total):
        if done > 400:  # the storing phase: a chunk of tickets is inserted in the open transaction
            print("STORING", flush=True)
            time.sleep(120)

    import_ledger(actor, sys.argv[2], progress=progress)
    print("DONE", flush=True)
"""


def _ledger_lines(n: int) -> list[LedgerRow]:
    return [LedgerRow(number=f"GD-20261005-{i:05d}", reported_at=datetime(2026, 10, 5, 9, 0), reporter=f"张{i}",
                      description="蓝屏 " * 20, technician=f"李工{i % 40}", team=f"工班{i % 7}",
                      unit=f"单位{i % 30}", closed_at=datetime(2026, 10, 5, 12, 0), self_points=10,
                      total_points=10, cause="驱动", resolution="重装驱动")
            for i in range(1, n + 1)]


def test_killed_ledger_import_stores_nothing(tmp_path):
    path = tmp_path / "desk.sqlite"
    _new_database(path, teams=2)
    before = _check(path)
    ledger = tmp_path / "big-ledger.xlsx"
    write_ledger(ledger, _ledger_lines(4000), "title")

    _run_and_kill(IMPORT_SCRIPT, str(path), str(ledger), sign="STORING", wal=path.with_name(path.name + "-wal"))

    after = _check(path)
    assert after["integrity"] == "ok"
    for table in ("ticket", "user", "team", "audit_log", "evaluation", "ticket_event"):
        assert after[table] == before[table], table
    # the application opens it, and the same file then imports whole
    database = open_desk(path)
    try:
        assert Ticket.select().count() == 0
        database.execute_sql("INSERT INTO ticket_fts(ticket_fts) VALUES ('integrity-check')")
        from desk_app.models import User
        from desk_app.services.actor import Actor
        from desk_app.services.ledger import import_ledger

        assert import_ledger(Actor.from_user(User.get(User.username == "admin")), ledger).count == 4000
    finally:
        close_database(database)


DEMO_SCRIPT = """
    import sys, time
    from datetime import date
    from desk_app.services.opening import open_desk
    from desk_app.demo import load_demo

    db = open_desk(sys.argv[1])
    db.execute_sql("PRAGMA cache_size = 20")

    def progress(done, total):
        if done > total // 2:
            print("LOADING", flush=True)
            time.sleep(120)

    load_demo(until=date(2026, 3, 31), tickets=200, progress=progress)
    print("DONE", flush=True)
"""


def test_killed_demo_load_leaves_the_database_empty(tmp_path):
    path = tmp_path / "desk.sqlite"
    close_database(open_desk(path))
    before = _check(path)

    _run_and_kill(DEMO_SCRIPT, str(path), sign="LOADING", wal=path.with_name(path.name + "-wal"))

    after = _check(path)
    assert after["integrity"] == "ok"
    for table in ("ticket", "user", "team", "audit_log", "evaluation"):
        assert after[table] == before[table] == 0, table
    database = open_desk(path)
    try:
        from desk_app.demo import is_empty

        assert is_empty()
    finally:
        close_database(database)


BACKUP_SCRIPT = """
    import sys, time
    from pathlib import Path
    from desk_app.store import backup
    from desk_app.services.opening import open_desk

    real_replace = Path.replace

    def slow_replace(self, target):  # the copy is complete; stop just before the rename
        print("COPIED", flush=True)
        time.sleep(120)
        return real_replace(self, target)

    Path.replace = slow_replace
    db = open_desk(sys.argv[1])
    backup.backup_database(db, Path(sys.argv[1]))
    print("DONE", flush=True)
"""


def test_killed_backup_leaves_no_half_backup(tmp_path):
    path = tmp_path / "desk.sqlite"
    _new_database(path, teams=3)
    before = _check(path)

    _run_and_kill(BACKUP_SCRIPT, str(path), sign="COPIED")

    assert backup.list_backups(path) == [], "no backup is offered that was not finished"
    assert all(p.name.endswith(".part") for p in backup.backup_dir_for(path).iterdir())
    assert _check(path) == before
    database = open_desk(path)
    try:
        made = backup.backup_database(database, path)
    finally:
        close_database(database)
    assert backup.list_backups(path) == [made]
    backup.check_backup_file(made)


EXPORT_SCRIPT = """
    import os, sys, time
    from desk_app.services.opening import open_desk
    from desk_app.services.ledger import export_ledger

    real_replace = os.replace

    def slow_replace(src, dst):
        print("WRITTEN", flush=True)
        time.sleep(120)
        return real_replace(src, dst)

    os.replace = slow_replace
    db = open_desk(sys.argv[1])
    export_ledger("2026-10", sys.argv[2])
    print("DONE", flush=True)
"""


def test_killed_export_leaves_the_old_file_untouched(tmp_path):
    path = tmp_path / "desk.sqlite"
    _new_database(path)
    out = tmp_path / "ledger-2026-10.xlsx"
    out.write_bytes(b"the previous export")

    _run_and_kill(EXPORT_SCRIPT, str(path), str(out), sign="WRITTEN")

    assert out.read_bytes() == b"the previous export"
    assert _check(path)["integrity"] == "ok"


MIGRATION_SCRIPT = """
    import sys, time
    from desk_app.store import connection as dbmod

    last = max(dbmod.STEPS)
    real_step = dbmod.STEPS[last]

    def slow_step(db, migrator):  # the last step's work is done, its transaction still open
        real_step(db, migrator)
        print("MIGRATING", flush=True)
        time.sleep(120)

    dbmod.STEPS[last] = slow_step
    from desk_app.services.opening import open_desk
    open_desk(sys.argv[1])
    print("DONE", flush=True)
"""


def test_killed_migration_keeps_the_old_schema_and_a_backup(tmp_path):
    path = tmp_path / "desk.sqlite"
    shutil.copyfile(FIXTURE_V1, path)
    before = _check(path)
    assert before["version"] < SCHEMA_VERSION

    _run_and_kill(MIGRATION_SCRIPT, str(path), sign="MIGRATING")

    after = _check(path)
    assert after["integrity"] == "ok"
    assert before["version"] <= after["version"] < SCHEMA_VERSION, "the interrupted step is not applied"
    if SCHEMA_VERSION == 3:  # the last step makes the search index
        assert "ticket_fts" not in after["tables"]
    assert after["ticket"] == before["ticket"] and after["user"] == before["user"]
    saved = backup.list_backups(path)
    assert len(saved) == 1 and "before-migration" in saved[0].name
    assert _check(saved[0])["version"] == before["version"]
    backup.check_backup_file(saved[0])
    # the next start finishes the migration
    database = open_desk(path)
    close_database(database)
    done = _check(path)
    assert done["version"] == SCHEMA_VERSION and done["integrity"] == "ok"
    assert done["tables"] == _check_fresh(tmp_path)["tables"]


def _check_fresh(tmp_path: Path) -> dict[str, object]:
    fresh = tmp_path / "fresh" / "desk.sqlite"
    if not fresh.exists():
        close_database(open_desk(fresh))
    return _check(fresh)


# --- locked --------------------------------------------------------------------------------------

def _hold_write_lock(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, timeout=0, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO setting(key, value) VALUES ('other.workstation', '1')")
    return other


def test_a_locked_database_waits_then_says_so(db, db_path, admin):
    db.execute_sql("PRAGMA busy_timeout = 300")
    audits = AuditLog.select().count()
    other = _hold_write_lock(db_path)
    try:
        assert [t.name for t in users.list_teams()] == [], "reading goes on while another one writes (WAL)"
        started = time.monotonic()
        with pytest.raises(OperationalError) as info:
            users.save_team(admin, "一班")
        waited = time.monotonic() - started
    finally:
        other.rollback()
        other.close()
    assert waited >= 0.25, "the write waited for busy_timeout"
    assert waited < 5
    message = known_database_error(info.value, db_path)
    assert message and "locked by another program or workstation" in message
    assert Team.select().count() == 0 and AuditLog.select().count() == audits
    # once the other workstation is done, the same action works
    users.save_team(admin, "一班")
    assert Team.select().count() == 1


def test_a_short_lock_is_waited_out(db, db_path, admin):
    db.execute_sql("PRAGMA busy_timeout = 3000")
    other = _hold_write_lock(db_path)
    release = threading.Timer(0.3, lambda: (other.rollback(), other.close()))
    release.start()
    try:
        started = time.monotonic()
        users.save_team(admin, "一班")
        assert time.monotonic() - started >= 0.2
    finally:
        release.join()
    assert Team.select().count() == 1


def test_open_database_sets_a_busy_timeout(db):
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 1000


# --- read-only -----------------------------------------------------------------------------------

def test_writes_refused_by_a_read_only_database_are_reported_plainly(db, admin):
    db.execute_sql("PRAGMA query_only = 1")  # what a read-only file or share does to every write
    try:
        with pytest.raises(OperationalError) as info:
            users.save_team(admin, "一班")
    finally:
        db.execute_sql("PRAGMA query_only = 0")
    assert known_database_error(info.value) == "The database file is read-only. Check the file permissions."
    assert Team.select().count() == 0


def _open_as_other_user(path: Path) -> str:
    """open_database in a forked child without write permission; returns 'ok' or 'Class: message'."""
    import desk_app.services.survey_templates  # noqa: F401 - imported before the child loses access

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read)
        text = "?"
        try:
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)  # root ignores file permissions; nobody does not
            try:
                close_database(open_desk(path))
                text = "ok"
            except Exception as exc:
                text = f"{type(exc).__name__}: {exc}"
        finally:
            os.write(write, text.encode())
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    with os.fdopen(read, "rb") as stream:
        return stream.read().decode()


def test_a_read_only_file_is_reported_plainly_not_as_damaged():
    folder = Path(tempfile.mkdtemp(prefix="desk-ro-"))  # pytest's tmp_path is private to its user
    path = folder / "desk.sqlite"
    try:
        _new_database(path)
        path.chmod(0o444)
        folder.chmod(0o555)
        outcome = _open_as_other_user(path)
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)
    assert outcome.startswith("DatabaseProblem: "), outcome
    assert "read-only" in outcome


# --- corrupt -------------------------------------------------------------------------------------

@pytest.fixture
def damaged(tmp_path: Path) -> tuple[Path, Path, bytes]:
    """A database with 300 teams and a backup of it, then its pages 4–40 overwritten with noise."""
    path = tmp_path / "desk.sqlite"
    database = open_desk(path)
    try:
        create_first_admin("admin", "管理员", PASSWORD)
        with database.atomic():
            Team.insert_many([{"name": f"工班{i}", "description": "说明" * 200} for i in range(300)]).execute()
        saved = backup.backup_database(database, path)
    finally:
        close_database(database)
    good = path.read_bytes()
    return path, saved, good


def _spoil(path: Path, good: bytes, how: str) -> None:
    data = bytearray(good)
    if how == "pages":
        data[4096 * 3: 4096 * 40] = os.urandom(4096 * 37)
    elif how == "header":
        data[:100] = os.urandom(100)
    else:  # truncated
        del data[len(data) // 2:]
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["pages", "header", "truncated"])
def test_a_corrupt_file_is_detected_at_open(damaged, how):
    path, saved, good = damaged
    _spoil(path, good, how)
    with pytest.raises(DatabaseCorrupt) as info:
        open_desk(path)
    assert str(path) in str(info.value) and "damaged" in str(info.value)
    assert backup.list_backups(path)[0] == saved, "the latest backup is offered"
    backup.check_backup_file(saved)


def test_the_latest_backup_restores_a_corrupt_file(damaged):
    path, saved, good = damaged
    _spoil(path, good, "pages")
    with pytest.raises(DatabaseCorrupt):
        open_desk(path)
    backup.restore_database(backup.list_backups(path)[0], path)
    database = open_desk(path)
    try:
        assert len(users.list_teams()) == 300
    finally:
        close_database(database)


def test_a_file_with_a_damaged_header_can_be_restored(damaged):
    path, saved, good = damaged
    _spoil(path, good, "header")
    backup.restore_database(saved, path)
    database = open_desk(path)
    close_database(database)


def test_after_a_restore_the_damaged_copy_is_not_offered_as_latest_backup(damaged):
    path, saved, good = damaged
    _spoil(path, good, "pages")
    backup.restore_database(saved, path)
    for candidate in backup.list_backups(path):
        backup.check_backup_file(candidate)


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("just some notes, not a database\n" * 100, encoding="utf-8")
    with pytest.raises(DatabaseProblem):
        open_desk(path)
    assert path.read_text(encoding="utf-8").startswith("just some notes")
