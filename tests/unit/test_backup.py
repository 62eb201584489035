"""Backups, rotation and restore (R40), through the API and the command line."""

import sqlite3
from pathlib import Path

import pytest

from desk_app.cli import main
from desk_app.errors import DatabaseProblem
from desk_app.models import Team
from desk_app.services import users
from desk_app.services.auth import create_first_admin
from desk_app.services.opening import open_desk
from desk_app.store import backup
from desk_app.store.connection import close_database

pytestmark = pytest.mark.sqlite_only("SQLite online backup API and file restore (PostgreSQL backups: test_postgres.py)")


def _team_names(path: Path) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in con.execute("SELECT name FROM team"))
    finally:
        con.close()


def test_backup_change_restore_gives_old_data(db, db_path, admin):
    users.save_team(admin, "一班")
    saved = backup.backup_database(db, db_path)
    assert saved.parent == db_path.parent / "backups"
    users.save_team(admin, "二班")
    assert sorted(t.name for t in Team.select()) == ["一班", "二班"]

    close_database(db)
    backup.restore_database(saved, db_path)
    reopened = open_desk(db_path)
    try:
        assert [t.name for t in Team.select()] == ["一班"]
    finally:
        close_database(reopened)


def test_backup_is_a_complete_database(db, db_path, admin):
    users.save_team(admin, "一班")  # still in the WAL, not yet checkpointed
    saved = backup.backup_database(db, db_path)
    backup.check_backup_file(saved)
    assert _team_names(saved) == ["一班"]
    assert not Path(str(saved) + ".part").exists()


def test_rotation_keeps_newest(db, db_path):
    made = [backup.backup_database(db, db_path, keep=3) for _ in range(5)]
    kept = backup.list_backups(db_path)
    assert kept == list(reversed(made[-3:]))
    for old in made[:2]:
        assert not old.exists()


def test_rotate_leaves_other_files_alone(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    names = [f"desk-2026010{i}-120000-000000-manual.sqlite" for i in range(1, 6)]
    for name in names:
        (folder / name).write_bytes(b"x")
    (folder / "other-20260101-120000-000000-manual.sqlite").write_bytes(b"x")
    (folder / "notes.txt").write_text("keep me")

    removed = backup.rotate(folder, "desk", keep=2)

    assert sorted(p.name for p in removed) == names[:3]
    remaining = sorted(p.name for p in folder.iterdir())
    assert remaining == sorted([*names[3:], "other-20260101-120000-000000-manual.sqlite", "notes.txt"])


def test_restore_refuses_non_database_and_keeps_current(db, db_path, admin, tmp_path):
    users.save_team(admin, "一班")
    close_database(db)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database" * 100)
    with pytest.raises(DatabaseProblem) as info:
        backup.restore_database(junk, db_path)
    assert str(junk) in str(info.value)
    assert _team_names(db_path) == ["一班"]
    assert backup.list_backups(db_path) == []


def test_restore_refuses_foreign_database(db, db_path, admin, tmp_path):
    users.save_team(admin, "一班")
    close_database(db)
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseProblem):
        backup.restore_database(other, db_path)
    assert _team_names(db_path) == ["一班"]


def test_restore_missing_file_refused(db, db_path, tmp_path):
    close_database(db)
    with pytest.raises(DatabaseProblem):
        backup.restore_database(tmp_path / "missing.sqlite", db_path)


def test_restore_saves_current_database_first(db, db_path, admin):
    users.save_team(admin, "一班")
    saved = backup.backup_database(db, db_path)
    users.save_team(admin, "二班")
    close_database(db)

    before_restore = backup.restore_database(saved, db_path)

    assert before_restore is not None and before_restore.exists()
    assert "before-restore" in before_restore.name
    assert before_restore.parent == db_path.parent / "backups"
    assert _team_names(before_restore) == ["一班", "二班"]
    assert _team_names(db_path) == ["一班"]


def _new_database(path: Path, *teams: str) -> None:
    database = open_desk(path)
    try:
        actor = create_first_admin("admin", "管理员", "admin-pass-1")
        for name in teams:
            users.save_team(actor, name)
    finally:
        close_database(database)


def _add_team(path: Path, name: str) -> None:
    from desk_app.services.auth import authenticate

    database = open_desk(path)
    try:
        users.save_team(authenticate("admin", "admin-pass-1"), name)
    finally:
        close_database(database)


def test_cli_backup_to_file(tmp_path, capsys):
    path = tmp_path / "desk.sqlite"
    _new_database(path, "一班")
    out = tmp_path / "out" / "copy.sqlite"

    status = main(["--db", str(path), "--lang", "en", "backup", "-o", str(out)])

    assert status == 0
    assert out.exists()
    backup.check_backup_file(out)
    assert _team_names(out) == ["一班"]
    assert str(out) in capsys.readouterr().out


def test_cli_backup_into_rotation(tmp_path):
    path = tmp_path / "desk.sqlite"
    _new_database(path)
    assert main(["--db", str(path), "--lang", "en", "backup"]) == 0
    assert len(backup.list_backups(path)) == 1


def test_cli_restore_round_trip(tmp_path, capsys):
    path = tmp_path / "desk.sqlite"
    _new_database(path, "一班")
    out = tmp_path / "copy.sqlite"
    assert main(["--db", str(path), "--lang", "en", "backup", "-o", str(out)]) == 0
    _add_team(path, "二班")
    assert _team_names(path) == ["一班", "二班"]

    status = main(["--db", str(path), "--lang", "en", "restore", str(out)])

    assert status == 0
    assert _team_names(path) == ["一班"]
    saved = [p for p in backup.list_backups(path) if "before-restore" in p.name]
    assert len(saved) == 1
    assert _team_names(saved[0]) == ["一班", "二班"]
    assert "restored" in capsys.readouterr().out


def test_cli_restore_missing_file_fails_with_message(tmp_path, capsys):
    path = tmp_path / "desk.sqlite"
    _new_database(path, "一班")
    missing = tmp_path / "nope.sqlite"
    capsys.readouterr()

    status = main(["--db", str(path), "--lang", "en", "restore", str(missing)])

    assert status == 1
    captured = capsys.readouterr()
    assert "nope.sqlite" in captured.err
    assert captured.out == ""
    assert _team_names(path) == ["一班"]
