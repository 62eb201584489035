"""The database file's check at the GUI's start: skipped after a clean close, run in full otherwise.

See desk_app.store.precheck: a record of each clean close and a marker of each open file, in the
user data directory (each test has its own, see tests/conftest.py).
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desk_app import cli
from desk_app.errors import DatabaseCorrupt
from desk_app.models import Team
from desk_app.services.auth import create_first_admin
from desk_app.services.opening import open_desk
from desk_app.store import backup, precheck
from desk_app.store.connection import close_database

pytestmark = pytest.mark.sqlite_only("the check of a SQLite file")

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files whose full quick_check ran (in the early thread or at opening), in order."""
    for name, empty in (("_checks", {}), ("_trusted", {}), ("_passed", set()), ("_open", {})):
        monkeypatch.setattr(precheck, name, empty)
    ran: list[Path] = []
    run = precheck._Check.run

    def counted(self: precheck._Check) -> None:
        ran.append(self.path)
        run(self)

    monkeypatch.setattr(precheck._Check, "run", counted)
    return ran


@pytest.fixture
def desk(tmp_path: Path, checks: list[Path]) -> Path:
    """A desk's database with an administrator and 200 teams, closed cleanly; `checks` starts empty."""
    path = (tmp_path / "desk.sqlite").resolve()
    database = open_desk(path)
    create_first_admin("admin", "管理员", "admin-pass-1")
    with database.atomic():
        Team.insert_many([{"name": f"工班{i}", "description": "说明" * 100} for i in range(200)]).execute()
    close_database(database)
    checks.clear()
    return path


def _gui_start(path: Path) -> None:
    """What `desk-app --db PATH` does first, then the opening that waits for the check."""
    cli._start_gui_check(["--db", str(path)])
    close_database(open_desk(path))


def _stale_marker(path: Path, pid: int = 2_000_000_000) -> Path:
    """The marker a desk that died (pid `pid`) left on `path`."""
    marker = precheck._marker_path(path, pid)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(f"{path}\n", encoding="utf-8")
    return marker


def _forge_record(path: Path) -> None:
    """Make the record say the file as it is now was closed cleanly (damage that stat does not show)."""
    state = precheck._file_state(path)
    precheck._record_path(path).write_text(json.dumps({"path": str(path), **state}), encoding="utf-8")


def test_a_clean_close_is_recorded_and_the_next_start_skips_the_check(desk, checks):
    assert precheck.why_check(desk) is None
    assert precheck._markers(desk) == []
    cli._start_gui_check(["--db", str(desk)])
    database = open_desk(desk)
    assert checks == [], "no quick_check after a clean close"
    assert precheck._markers(desk) == [precheck._marker_path(desk)], "open: this process's marker"
    close_database(database)
    assert precheck._markers(desk) == [] and precheck.why_check(desk) is None


def test_the_first_start_of_a_user_on_a_file_checks_it(desk, checks, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "another-user"))
    assert precheck.why_check(desk) == "no record of a clean close"
    _gui_start(desk)
    assert checks == [desk]
    assert precheck.why_check(desk) is None, "recorded at its clean close"


def test_an_unclean_shutdown_is_checked_in_full_even_when_the_file_looks_unchanged(desk, checks):
    stale = _stale_marker(desk)
    assert precheck.why_check(desk) == "not closed cleanly (or open in another desk)"
    cli._start_gui_check(["--db", str(desk)])
    database = open_desk(desk)
    assert checks == [desk]
    assert not stale.exists(), "the passed check clears the marker the dead desk left"
    assert precheck._markers(desk) == [precheck._marker_path(desk)]
    close_database(database)
    checks.clear()
    _gui_start(desk)
    assert checks == [], "closed cleanly since"


def test_a_killed_desk_leaves_its_marker_and_the_next_start_checks(desk, checks):
    code = ("import os, sys\nfrom desk_app.services.opening import open_desk\nfrom desk_app.models import Team\n"
            "open_desk(sys.argv[1])\nTeam.create(name='killed before closing')\nos._exit(9)")
    killed = subprocess.run([sys.executable, "-c", code, str(desk)], cwd=ROOT, env=os.environ.copy())
    assert killed.returncode == 9
    assert len(precheck._markers(desk)) == 1
    assert precheck.why_check(desk) is not None
    _gui_start(desk)
    assert checks == [desk]
    assert precheck._markers(desk) == [] and precheck.why_check(desk) is None


@pytest.mark.parametrize("how", ["written", "touched", "replaced"])
def test_a_file_changed_since_its_clean_close_is_checked(desk, checks, how, tmp_path):
    if how == "written":  # another program wrote to it
        con = sqlite3.connect(desk)
        con.execute("UPDATE team SET description = 'x' WHERE id = 1")
        con.commit()
        con.close()
    elif how == "touched":
        st = desk.stat()
        os.utime(desk, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    else:  # a copy moved over it
        copy = tmp_path / "copy.sqlite"
        shutil.copy2(desk, copy)
        copy.replace(desk)
    assert precheck.why_check(desk) == "changed since the last clean close"
    _gui_start(desk)
    assert checks == [desk]


def test_a_log_left_beside_the_file_is_checked(desk, checks):
    Path(f"{desk}-wal").write_bytes(b"\0" * 32)
    assert precheck.why_check(desk) == "a write-ahead log is left"


def test_a_file_changed_between_the_start_and_the_opening_is_checked(desk, checks):
    cli._start_gui_check(["--db", str(desk)])
    assert checks == [] and desk in precheck._trusted
    st = desk.stat()
    os.utime(desk, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    close_database(open_desk(desk))
    assert checks == [desk]


def test_the_command_line_checks_every_file_it_opens_and_records_its_clean_close(desk, checks):
    assert precheck.why_check(desk) is None
    database = open_desk(desk)  # a command: no `start`
    Team.create(name="added by a command")
    close_database(database)
    assert checks == [desk]
    checks.clear()
    _gui_start(desk)
    assert checks == [], "the command closed it cleanly: the next start needs no check"


def _spoil_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096 * 3: 4096 * 12] = os.urandom(4096 * 9)
    path.write_bytes(bytes(data))


def test_a_corrupt_file_after_an_unclean_shutdown_is_reported_and_nothing_is_written(desk, checks):
    database = open_desk(desk)
    saved = backup.backup_database(database, desk)
    close_database(database)
    _spoil_pages(desk)
    _forge_record(desk)  # only the marker tells: the damage does not show in size or times
    stale = _stale_marker(desk)
    before, state = desk.read_bytes(), precheck._file_state(desk)
    checks.clear()
    cli._start_gui_check(["--db", str(desk)])
    with pytest.raises(DatabaseCorrupt) as info:
        open_desk(desk)
    assert checks == [desk]
    assert "damaged" in str(info.value) and str(desk) in str(info.value)
    assert desk.read_bytes() == before and precheck._file_state(desk) == state, "nothing written"
    wal = Path(f"{desk}-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "no log either (the read-only check leaves an empty one)"
    assert precheck._markers(desk) == [stale], "still unchecked: the next start checks again"
    assert backup.list_backups(desk)[0] == saved, "the restore offer has its backup"


def test_without_the_marker_the_same_damage_would_not_be_looked_for(desk, checks):
    """What the marker is for: damage that stat does not show is found only because a desk died."""
    _spoil_pages(desk)
    _forge_record(desk)
    assert precheck.why_check(desk) is None
    _stale_marker(desk)
    assert precheck.why_check(desk) is not None
