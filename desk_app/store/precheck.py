"""SQLite's `PRAGMA quick_check` of the database file: when it runs, when the GUI's start may skip it.

The check reads the whole file: about 0.35 s at 100 000 tickets, 3.5 s at 1 000 000. Every opening
of a file waits for it (`connection._check_file` calls `quick_check`) before anything touches the
file, so nothing is written to a file whose check has not passed: not a migration, not the WAL
pragma, not the checkpoint SQLite makes when it closes a file left with a log. A failed check is a
DatabaseCorrupt, which the GUI answers with the offer to restore the newest backup.

Decision (issue 18): the GUI's start (`start`, from desk_app.cli) skips the check of a file that this
user's desk closed cleanly and that has not changed since, and checks every other file in full:

- Each clean close is recorded in the user data directory, one record per database file
  (integrity/<key>.json): the file's size, mtime, ctime and inode after close_database checkpointed
  the log and closed it. Writing changes mtime and ctime; replacing the file (a restore, a copy
  moved over it) changes the inode.
- While a process has the file open it keeps a marker beside the record (integrity/<key>.<pid>.open),
  written after the check passed and before the first write, removed at the clean close. A process
  that died (killed, power cut, crash of the interpreter) leaves its marker.
- The check is skipped only when the record matches the file now, no marker of any process is left
  and there is no non-empty `-wal` file (a writer that died, a command-line job included). Anything
  else (no record: the first start of this user on this file; a left marker: an unclean shutdown or
  another desk running on it; a changed or replaced file; a log left over) runs the full check, in a
  thread started before the heavy imports (sqlite3 releases the GIL), and the file is opened only
  when it has passed. A check that passed clears every marker left on the file: what they warned of
  has been checked.
- The decision is taken again, from the file's state then, when the database is opened, so a file
  changed between the two is checked.

What is not caught: damage that changes neither size, mtime, ctime nor inode (a failing disk sector).
SQLite reports such a page ("database disk image is malformed") when it reads it, as it would
report damage that happens while the desk runs. A check in the background after a skipped one was
not chosen: it would read the whole file again beside the first screen's work on two cores, and
find damage only after the person logged in and wrote.

The command line and File → Open check every file they open (they do not call `start`); as they
open and close through the store too, they leave markers and records like the GUI, so a command
run between two sessions does not make the next start check. Only the standard library, platformdirs
and desk_app.store.paths here (all imported by desk_app.cli anyway), so starting costs nothing.
"""

import hashlib
import json
import logging
import os
import sqlite3
import threading
from pathlib import Path

from platformdirs import user_data_dir

from desk_app.store.paths import APP_NAME

log = logging.getLogger(__name__)

_checks: dict[Path, "_Check"] = {}
#: Files the GUI's start found closed cleanly and unchanged: the record it matched.
_trusted: dict[Path, dict] = {}
#: Files whose full check passed in this process and that have not been opened since.
_passed: set[Path] = set()
#: How many times this process has each file open (the marker goes with the last close).
_open: dict[Path, int] = {}
_lock = threading.Lock()


class _Check(threading.Thread):
    def __init__(self, path: Path):
        super().__init__(name="sqlite-quick-check", daemon=True)
        self.path = path
        self.result: str | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            try:
                con.execute("PRAGMA mmap_size = 1073741824")  # read pages in place: about 10 % faster
                self.result = con.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                con.close()
        except BaseException as exc:  # handed to the caller of `quick_check`
            self.error = exc


def _key(path: Path | str) -> Path:
    return Path(path).expanduser().resolve()


# -- the records of clean closes and the markers of open files ----------------------------------------
def state_dir() -> Path:
    """Where the records and markers are kept: integrity/ in the user data directory."""
    return Path(user_data_dir(APP_NAME)) / "integrity"


def _stem(key: Path) -> str:
    return hashlib.sha256(os.fsencode(key)).hexdigest()[:24]


def _record_path(key: Path) -> Path:
    return state_dir() / f"{_stem(key)}.json"


def _marker_path(key: Path, pid: int | None = None) -> Path:
    return state_dir() / f"{_stem(key)}.{os.getpid() if pid is None else pid}.open"


def _markers(key: Path) -> list[Path]:
    try:
        return sorted(state_dir().glob(f"{_stem(key)}.*.open"))
    except OSError:
        return []


def _file_state(key: Path) -> dict | None:
    """What the record compares: the file's size, times and inode (None for a missing file)."""
    try:
        st = key.stat()
    except OSError:
        return None
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "ctime_ns": st.st_ctime_ns, "inode": st.st_ino}


def _read_record(key: Path) -> dict | None:
    try:
        record = json.loads(_record_path(key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and record.get("path") == str(key) else None


def _log_left(key: Path) -> bool:
    try:
        return Path(f"{key}-wal").stat().st_size > 0
    except OSError:
        return False


def why_check(path: Path | str) -> str | None:
    """Why the file at `path` needs its full check now, or None when this user's desk closed it
    cleanly and it has not changed since (see the module's docstring)."""
    key = _key(path)
    record = _read_record(key)
    if record is None:
        return "no record of a clean close"
    if _markers(key):
        return "not closed cleanly (or open in another desk)"
    if _log_left(key):
        return "a write-ahead log is left"
    state = _file_state(key)
    if state is None or any(record.get(name) != value for name, value in state.items()):
        return "changed since the last clean close"
    return None


def note_opened(path: Path | str) -> None:
    """The file passed (or skipped) its check and is about to be opened: leave this process's marker.

    A check that passed just before clears the markers other processes left."""
    key = _key(path)
    with _lock:
        _open[key] = _open.get(key, 0) + 1
        checked = key in _passed
        _passed.discard(key)
    try:
        if checked:
            for stale in _markers(key):
                stale.unlink(missing_ok=True)
        marker = _marker_path(key)
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(f"{key}\n", encoding="utf-8")
    except OSError as exc:  # no marker: the next start checks the file (no record matches either)
        log.warning("cannot mark %s as open: %s", key, exc)


def note_closed(path: Path | str) -> None:
    """The file was closed cleanly: at its last close in this process, record its state, drop the marker."""
    key = _key(path)
    with _lock:
        count = _open.get(key)
        if count is None:  # not opened through open_database: nothing to record
            return
        if count > 1:
            _open[key] = count - 1
            return
        del _open[key]
    state = _file_state(key)
    try:
        if state is not None and not _log_left(key):
            record = _record_path(key)
            record.parent.mkdir(parents=True, exist_ok=True)
            tmp = record.with_name(f"{record.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"path": str(key), **state}), encoding="utf-8")
            tmp.replace(record)
        _marker_path(key).unlink(missing_ok=True)
    except OSError as exc:  # the marker stays: the next start checks the file
        log.warning("cannot record the clean close of %s: %s", key, exc)


# -- the check -------------------------------------------------------------------------------------
def start(path: Path | str) -> None:
    """At the GUI's start: begin checking the file at `path`, unless it was closed cleanly and is
    unchanged (a no-op for a missing or empty file)."""
    key = _key(path)
    if key in _checks or key in _trusted or not key.is_file() or key.stat().st_size == 0:
        return
    if why_check(key) is None:
        _trusted[key] = _file_state(key) or {}
        return
    check = _Check(key)
    _checks[key] = check
    check.start()


def quick_check(path: Path | str) -> str:
    """The first line of `PRAGMA quick_check` ("ok" when intact): the early check's, "ok" for a file
    the start found closed cleanly (if still so), else the check run now.

    Raises the sqlite3 error the check raised. An early check's answer is used once.
    """
    key = _key(path)
    trusted = _trusted.pop(key, None)
    if trusted is not None:
        why = why_check(key)
        if why is None and _file_state(key) == trusted:
            log.info("quick_check of %s skipped: closed cleanly and unchanged since", key)
            return "ok"
        log.info("checking %s: %s", key, why or "changed since the start")
    check = _checks.pop(key, None)
    if check is None:
        check = _Check(key)
        check.run()
    else:
        check.join()
    if check.error is not None:
        raise check.error
    result = str(check.result)
    if result == "ok":
        with _lock:
            _passed.add(key)
    return result
