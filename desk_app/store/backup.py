"""Backups with the SQLite online backup API, kept on a rotation; restore in one action (R40).

A PostgreSQL database (a postgresql:// URL instead of a path) is backed up with pg_dump or a
logical export (desk_app.store.postgres) into the `backups` folder of the user data directory, and
restored in one transaction (see `restore_database`).
"""

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from peewee import Database, DatabaseError
from platformdirs import user_data_dir

from desk_app.errors import DatabaseProblem
from desk_app.i18n import t
from desk_app.store import postgres

DEFAULT_KEEP = 10
#: Backup file suffixes of a PostgreSQL database: pg_dump archives and logical exports.
PG_SUFFIXES = (".pgdump", ".jsonl")


def backup_dir_for(db_path: Path | str) -> Path:
    """Where rotated backups of `db_path` are kept: a `backups` folder beside it (for a URL: in the user
    data directory)."""
    if postgres.is_url(db_path):
        return Path(user_data_dir("desk-app")) / "backups"
    return Path(db_path).parent / "backups"


def _stem(db_path: Path | str) -> str:
    return postgres.backup_stem(str(db_path)) if postgres.is_url(db_path) else Path(db_path).stem


def _suffixes(db_path: Path | str) -> tuple[str, ...]:
    return PG_SUFFIXES if postgres.is_url(db_path) else (".sqlite",)


def _copy(src: sqlite3.Connection, dest_path: Path) -> None:
    tmp = dest_path.with_name(dest_path.name + ".part")
    tmp.unlink(missing_ok=True)
    dest = sqlite3.connect(tmp)
    try:
        src.backup(dest)
    finally:
        dest.close()
    tmp.replace(dest_path)


def backup_database(db: Database, db_path: Path | str, backup_dir: Path | None = None,
                    reason: str = "manual", output: Path | None = None, keep: int = DEFAULT_KEEP) -> Path:
    """Copy the live database to `output` or to a timestamped file in the rotation folder."""
    if postgres.is_postgres(db):
        from desk_app.models import ALL_MODELS
        from desk_app.store.connection import schema_version

        folder = backup_dir or backup_dir_for(str(db_path))
        saved = postgres.backup(db, str(db_path), folder, reason, Path(output) if output else None,
                                ALL_MODELS, schema_version(db))
        if output is None:
            rotate(folder, _stem(db_path), keep, PG_SUFFIXES)
        return saved
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


def rotate(folder: Path, stem: str, keep: int, suffixes: tuple[str, ...] = (".sqlite",)) -> list[Path]:
    """Delete all but the newest `keep` backups of `stem` (and copies a killed backup left); return them."""
    for suffix in suffixes:
        for stale in folder.glob(f"{stem}-*{suffix}.part"):
            stale.unlink(missing_ok=True)
    backups = _backups(folder, stem, suffixes)
    removed = backups[keep:]
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


def _backups(folder: Path, stem: str, suffixes: tuple[str, ...]) -> list[Path]:
    found = [p for suffix in suffixes for p in folder.glob(f"{stem}-*{suffix}")]
    return sorted(found, key=lambda p: p.name, reverse=True)


def list_backups(db_path: Path | str, backup_dir: Path | None = None) -> list[Path]:
    """Backups of `db_path`, newest first."""
    return _backups(backup_dir or backup_dir_for(db_path), _stem(db_path), _suffixes(db_path))


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


def _keep_current(db_path: Path, backup_dir: Path | None) -> Path:
    """Save the database about to be replaced: as a backup when intact, else byte for byte as `.damaged`.

    A damaged copy gets a name `list_backups` does not offer, so it never passes for the latest backup.
    """
    folder = backup_dir or backup_dir_for(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    try:
        check_backup_file(db_path)
    except DatabaseProblem:
        saved = folder / f"{db_path.stem}-{stamp}-before-restore.damaged"
        shutil.copy2(db_path, saved)
        return saved
    saved = folder / f"{db_path.stem}-{stamp}-before-restore.sqlite"
    current = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        _copy(current, saved)
    finally:
        current.close()
    return saved


def restore_database(source: Path | str, db_path: Path | str, backup_dir: Path | None = None) -> Path | None:
    """Replace the database at `db_path` with `source`, after keeping a copy of the current one.

    The caller closes its connection first and reopens (which migrates) afterwards. The source is
    copied to a temp file beside the database and renamed over it, so the database is replaced
    whole or not at all, even when the current file is damaged.
    """
    if postgres.is_url(db_path):
        return _restore_postgres(Path(source), postgres.normalise_url(str(db_path)), backup_dir)
    source, db_path = Path(source), Path(db_path)
    if not source.exists():
        raise DatabaseProblem(t("{path} is not a Service Desk database.", path=source))
    check_backup_file(source)
    saved = _keep_current(db_path, backup_dir) if db_path.exists() else None
    for suffix in ("-wal", "-shm"):  # the closed database's log belongs to the file being replaced
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        _copy(src, db_path)  # built beside it, then renamed over it
    finally:
        src.close()
    return saved


def _restore_postgres(source: Path, url: str, backup_dir: Path | None) -> Path:
    """Replace all the desk's data in the PostgreSQL database at `url` with the backup `source`.

    The backup is checked first (a damaged or foreign file changes nothing), the current data is
    backed up, then everything is replaced in ONE transaction under ACCESS EXCLUSIVE locks (other
    workstations wait, then see the restored data), or nothing is: a `.jsonl` export is loaded
    and verified (row counts and checksums) by desk_app.store.transfer, a `.pgdump` archive by
    `pg_restore --single-transaction --clean --if-exists`. Returns the backup of the current data.
    """
    from desk_app.models import ALL_MODELS
    from desk_app.store import transfer
    from desk_app.store.connection import SCHEMA_VERSION, schema_version

    if not source.is_file() or source.suffix not in PG_SUFFIXES:
        raise DatabaseProblem(t("{path} is not a Service Desk backup.", path=source))
    db = postgres.connect(url)
    try:
        current = schema_version(db)
        if source.suffix == ".jsonl":
            transfer.check_export(source, ALL_MODELS, current)
        else:
            found = postgres.check_dump(source)
            if found > SCHEMA_VERSION:
                raise DatabaseProblem(t(
                    "The backup {path} has schema version {found} but this database has version {current}; "
                    "it cannot be restored here.", path=source, found=found, current=current))
        folder = backup_dir or backup_dir_for(url)
        try:
            saved = postgres.backup(db, url, folder, "before-restore", None, ALL_MODELS, current)  # not rotated
        except DatabaseError as exc:  # nothing was changed yet
            raise DatabaseProblem(_failed_message(exc)) from exc
        if source.suffix == ".pgdump":
            db.close()
            postgres.pg_restore(url, source, transfer.LOCK_TIMEOUT)
            return saved
        try:
            transfer.load_export(db, source, ALL_MODELS)
        except DatabaseProblem:
            raise
        except Exception as exc:  # noqa: BLE001 - rolled back: say so, with the reason
            raise DatabaseProblem(_failed_message(exc)) from exc
        return saved
    finally:
        db.close()


def _failed_message(exc: BaseException) -> str:
    try:
        from psycopg.errors import LockNotAvailable
    except ImportError:  # pragma: no cover - psycopg is a dependency
        LockNotAvailable = ()  # noqa: N806
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, LockNotAvailable):
            return t("Other workstations kept the desk's tables busy, so nothing was restored. "
                     "Try again when they are idle.")
        cause = cause.__cause__ or cause.__context__
    detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return t("The restore failed; the current data was left unchanged: {detail}", detail=detail)
