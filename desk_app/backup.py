"""Backups with the SQLite online backup API, kept on a rotation; restore in one action (R40)."""

import sqlite3
from datetime import datetime
from pathlib import Path

from peewee import SqliteDatabase

from desk_app.i18n import t
from desk_app.services.errors import DatabaseProblem

DEFAULT_KEEP = 10


def backup_dir_for(db_path: Path) -> Path:
    """Where rotated backups of `db_path` are kept: a `backups` folder beside it."""
    return db_path.parent / "backups"


def _copy(src: sqlite3.Connection, dest_path: Path) -> None:
    tmp = dest_path.with_name(dest_path.name + ".part")
    tmp.unlink(missing_ok=True)
    dest = sqlite3.connect(tmp)
    try:
        src.backup(dest)
    finally:
        dest.close()
    tmp.replace(dest_path)


def backup_database(db: SqliteDatabase, db_path: Path | str, backup_dir: Path | None = None,
                    reason: str = "manual", output: Path | None = None, keep: int = DEFAULT_KEEP) -> Path:
    """Copy the live database to `output` or to a timestamped file in the rotation folder."""
    db_path = Path(db_path)
    if output is None:
        folder = backup_dir or backup_dir_for(db_path)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        output = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite"
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    _copy(db.connection(), output)
    if output.parent == (backup_dir or backup_dir_for(db_path)):
        rotate(output.parent, db_path.stem, keep)
    return output


def rotate(folder: Path, stem: str, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups of `stem`; return what was deleted."""
    backups = sorted(folder.glob(f"{stem}-*.sqlite"), key=lambda p: p.name, reverse=True)
    removed = backups[keep:]
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


def list_backups(db_path: Path, backup_dir: Path | None = None) -> list[Path]:
    """Backups of `db_path`, newest first."""
    folder = backup_dir or backup_dir_for(db_path)
    return sorted(folder.glob(f"{db_path.stem}-*.sqlite"), key=lambda p: p.name, reverse=True)


def check_backup_file(source: Path) -> None:
    """Refuse a restore source that is not an intact Service Desk database."""
    try:
        con = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseProblem(t("{path} is not a Service Desk database.", path=source)) from exc
    if ok != "ok" or "user" not in tables or "ticket" not in tables:
        raise DatabaseProblem(t("{path} is not a Service Desk database.", path=source))


def restore_database(source: Path | str, db_path: Path | str, backup_dir: Path | None = None) -> Path | None:
    """Replace the database at `db_path` with `source`, after backing up the current one.

    The caller closes its connection first and reopens (which migrates) afterwards. The copy
    uses the backup API, so the target is replaced whole or not at all.
    """
    source, db_path = Path(source), Path(db_path)
    if not source.exists():
        raise DatabaseProblem(t("{path} is not a Service Desk database.", path=source))
    check_backup_file(source)
    saved = None
    if db_path.exists():
        current = sqlite3.connect(db_path)
        try:
            folder = backup_dir or backup_dir_for(db_path)
            folder.mkdir(parents=True, exist_ok=True)
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            saved = folder / f"{db_path.stem}-{stamp}-before-restore.sqlite"
            _copy(current, saved)
        finally:
            current.close()
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dest = sqlite3.connect(db_path)
    try:
        src.backup(dest)
    finally:
        src.close()
        dest.close()
    return saved
