"""Helpers shared by the Excel importers and exporters (no Qt, no database).

- formula-injection neutralising (`neutralise` / `unneutralise`, exact round trips),
- finding the header row below a title row, with Chinese or English column names,
- parsing times and plain cell values,
- saving a workbook atomically (temp file + `os.replace`),
- progress / cancellation plumbing.

Opening and reading the files is `xlsx_reader`'s job.
"""

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from desk_app.errors import DeskError, ValidationError
from desk_app.i18n import t

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]

#: Characters that make a spreadsheet program treat text as a formula (or that hide one).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: The quote put in front of such text. Text that already starts with it is quoted too, so
#: `unneutralise(neutralise(x)) == x` for every string.
QUOTE = "'"
_QUOTED_STARTS = (*FORMULA_TRIGGERS, QUOTE)

DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
_TIME_TEXT = re.compile(
    r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Cancelled(DeskError):
    """The user cancelled a long import or export; nothing was stored or written."""

    def __init__(self, message: str | None = None):
        super().__init__(message or t("Cancelled; nothing was changed."))


def check_cancelled(is_cancelled: IsCancelled | None) -> None:
    if is_cancelled is not None and is_cancelled():
        raise Cancelled()


def report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, max(total, done, 1))


# --- formula injection ---------------------------------------------------------------------------

def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading quote; other values pass."""
    if isinstance(value, str) and value.startswith(_QUOTED_STARTS):
        return QUOTE + value
    return value


def unneutralise(text: str) -> str:
    """Undo `neutralise`: strip exactly one leading quote when it guards a trigger (or a quote)."""
    if text.startswith(QUOTE) and text[1:2] and text[1:].startswith(_QUOTED_STARTS):
        return text[1:]
    return text


# --- headers -------------------------------------------------------------------------------------

def normalise_header(value: object) -> str:
    """Case, surrounding and doubled spaces, a trailing required-marker '*' do not matter."""
    if value is None:
        return ""
    text = re.sub(r"\s+", " ", str(value)).strip().rstrip("*＊").strip()
    return text.casefold()


@dataclass
class HeaderMatch:
    """Where the header row is and which column holds which field."""

    row: int  # 1-based, as Excel shows it
    columns: dict[str, int]  # field key -> 0-based column index
    headers: dict[str, str]  # field key -> header text as in the file
    unknown: list[tuple[int, str]] = field(default_factory=list)  # (0-based index, header text)
    duplicates: list[tuple[int, str]] = field(default_factory=list)


def match_header(cells: Sequence[object], aliases: dict[str, str]) -> HeaderMatch:
    """Map one row of header cells to field keys via `aliases` (normalised name -> key)."""
    match = HeaderMatch(row=0, columns={}, headers={})
    for index, cell in enumerate(cells):
        text = "" if cell is None else str(cell).strip()
        if not text:
            continue
        key = aliases.get(normalise_header(text))
        if key is None:
            match.unknown.append((index, text))
        elif key in match.columns:
            match.duplicates.append((index, text))
        else:
            match.columns[key] = index
            match.headers[key] = text
    return match


def find_header(rows: Iterable[tuple], aliases: dict[str, str], required: Iterable[str],
                max_rows: int = 10) -> tuple[HeaderMatch | None, HeaderMatch | None]:
    """Look at the first `max_rows` rows for the first one holding every required field.

    Returns (match, best): `match` is None when no row qualifies; `best` is the row with the most
    known columns (for the error message about which columns are missing).
    """
    required = set(required)
    best: HeaderMatch | None = None
    for number, cells in enumerate(rows, start=1):
        match = match_header(cells or (), aliases)
        match.row = number
        if required <= set(match.columns):
            return match, match
        if match.columns and (best is None or len(match.columns) > len(best.columns)):
            best = match
        if number >= max_rows:
            break
    return None, best


def column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# --- values --------------------------------------------------------------------------------------

def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: object) -> str:
    """A cell as text: numbers without a spurious '.0', line ends as \\n (a cell written with a bare \\r keeps
    it as `&#13;`), control characters removed, quote guard undone."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    text = _CONTROL.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n")).strip()
    return unneutralise(text)


def parse_time(value: object) -> datetime | None:
    """An Excel date-time, or text `YYYY-MM-DD HH:MM[:SS]` (also with '/' or '.'); None when empty.

    Raises ValueError for anything else. Times are rounded to the second, because Excel's
    floating-point serials come back a few microseconds off.
    """
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        result = value
    elif isinstance(value, date):
        result = datetime.combine(value, time())
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 2_958_466:  # Excel's valid serial range (1900-01-01 .. 9999-12-31)
            raise ValueError(value)
        from openpyxl.utils.datetime import from_excel

        result = from_excel(value)
        if not isinstance(result, datetime):
            result = datetime.combine(result, time()) if isinstance(result, date) else None
        if result is None:
            raise ValueError(value)
    elif isinstance(value, str):
        m = _TIME_TEXT.match(unneutralise(value.strip()))
        if not m:
            raise ValueError(value)
        y, mo, d, h, mi, s = (int(g) if g else 0 for g in m.groups())
        result = datetime(y, mo, d, h, mi, s)  # raises ValueError for 2026-13-40 25:61
    else:
        raise ValueError(value)
    if result.tzinfo is not None:
        result = result.replace(tzinfo=None)
    if result.microsecond:
        result = result.replace(microsecond=0) + timedelta(seconds=1 if result.microsecond >= 500_000 else 0)
    return result


def parse_number(value: object) -> float | None:
    """A number cell or numeric text; None when empty. Raises ValueError otherwise."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return float(value)
    return float(str(value).strip())


# --- writing -------------------------------------------------------------------------------------

def unwritable(path: Path, exc: OSError, field: str | None = None) -> ValidationError:
    """The error for a file or folder that could not be written (`field` defaults to the file's name)."""
    return ValidationError(t("The file {file} could not be written: {detail}", file=path,
                             detail=exc.strerror or exc), field=field or path.name)


def discard_write_only(workbook) -> None:
    """Drop a write-only workbook that will not be saved (cancel, error): remove its temp files."""
    for ws in getattr(workbook, "worksheets", []):
        writer = getattr(ws, "_writer", None)
        if writer is None:
            continue
        with contextlib.suppress(Exception):
            writer.close()
        with contextlib.suppress(Exception):
            writer.cleanup()


def save_atomic(workbook, path: str | Path) -> Path:
    """Save to a temp file next to `path`, then rename it over `path` (never a half-written file)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".xlsx.tmp", dir=path.parent)
    except OSError as exc:
        raise unwritable(path, exc) from exc
    os.close(fd)
    try:
        workbook.save(tmp)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise unwritable(path, exc) from exc
        raise
    return path
