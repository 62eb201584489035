"""Helpers shared by the Excel importers and exporters (no Qt, no database).

- formula-injection neutralising (`neutralise` / `unneutralise`, exact round trips),
- opening a workbook read-only with a clear error for files that are not workbooks,
- finding the header row below a title row, with Chinese or English column names,
- parsing times and plain cell values,
- saving a workbook atomically (temp file + `os.replace`),
- progress / cancellation plumbing.
"""

import contextlib
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from desk_app.i18n import t
from desk_app.services.errors import DeskError, ValidationError

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


# --- opening workbooks ---------------------------------------------------------------------------

def open_workbook(path: str | Path, *, read_only: bool = True):
    """Load an .xlsx read-only (cached values, not formulas), or raise ValidationError naming the file."""
    from openpyxl import load_workbook

    path = Path(path)
    name = path.name
    _check_workbook_file(path)
    try:
        return load_workbook(path, read_only=read_only, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (KeyError, InvalidFileException, XML errors)
        raise ValidationError(t("The file {file} could not be read as an Excel workbook: {detail}",
                                file=name, detail=str(exc) or type(exc).__name__), field=name) from exc


class XlsxReader:
    """A streaming reader of .xlsx cell values, several times faster than openpyxl's read-only mode.

    openpyxl builds a rich-text object for every inline string (which openpyxl itself writes),
    so reading back a 10 000-row ledger took most of the import's time. This reader parses the
    sheet XML with the C expat parser and gives the same values as `load_workbook(read_only=True,
    data_only=True)`: shared and inline strings, numbers, booleans, error codes as text,
    date-formatted numbers as datetimes, cached results of formulas.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.name = self.path.name
        _check_workbook_file(self.path)
        self._zip = zipfile.ZipFile(self.path)
        try:
            self._read_workbook()
            self._shared = self._read_shared_strings()
            self._date_styles = self._read_date_styles()
        except ValidationError:
            self.close()
            raise
        except Exception as exc:  # damaged XML, missing parts
            self.close()
            raise self._unreadable(exc) from exc
        self.estimate = 0  # rows in the sheet being read, from its <dimension> (0 if unknown)

    def __enter__(self) -> "XlsxReader":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()

    def _unreadable(self, exc: Exception) -> ValidationError:
        return ValidationError(t("The file {file} could not be read as an Excel workbook: {detail}",
                                 file=self.name, detail=str(exc) or type(exc).__name__), field=self.name)

    # workbook parts
    def _xml(self, member: str):
        from xml.etree import ElementTree

        with self._zip.open(member) as stream:
            return ElementTree.parse(stream).getroot()

    def _read_workbook(self) -> None:
        rels_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
        workbook = self._xml("xl/workbook.xml")
        ns = _ns(workbook.tag)
        targets: dict[str, str] = {}
        if "xl/_rels/workbook.xml.rels" in self._zip.namelist():
            for rel in self._xml("xl/_rels/workbook.xml.rels"):
                target = rel.get("Target", "")
                target = target.lstrip("/") if target.startswith("/") else "xl/" + target
                targets[rel.get("Id", "")] = target
        props = workbook.find(f"{ns}workbookPr")
        self.date1904 = props is not None and props.get("date1904", "0").lower() in ("1", "true")
        self.sheets: list[tuple[str, str]] = []
        sheets = workbook.find(f"{ns}sheets")
        for sheet in (sheets if sheets is not None else ()):
            rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), sheet.get(f"{rels_ns}id"))
            target = targets.get(rid or "", "")
            if "worksheets/" in target:
                self.sheets.append((sheet.get("name", ""), target))
        if not self.sheets:
            raise ValidationError(t("The file {file} holds no worksheet.", file=self.name), field=self.name)

    def _read_shared_strings(self) -> list[str]:
        from xml.etree import ElementTree

        member = "xl/sharedStrings.xml"
        if member not in self._zip.namelist():
            return []
        strings: list[str] = []
        with self._zip.open(member) as stream:
            for _event, elem in ElementTree.iterparse(stream):
                if elem.tag.endswith("}si"):
                    strings.append(_string_item(elem, _ns(elem.tag)))
                    elem.clear()
        return strings

    def _read_date_styles(self) -> frozenset[int]:
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

        if "xl/styles.xml" not in self._zip.namelist():
            return frozenset()
        styles = self._xml("xl/styles.xml")
        ns = _ns(styles.tag)
        formats = dict(BUILTIN_FORMATS)
        num_fmts = styles.find(f"{ns}numFmts")
        for fmt in (num_fmts if num_fmts is not None else ()):
            formats[int(fmt.get("numFmtId", "-1"))] = fmt.get("formatCode", "")
        result = set()
        xfs = styles.find(f"{ns}cellXfs")
        for index, xf in enumerate(xfs if xfs is not None else ()):
            code = formats.get(int(xf.get("numFmtId", "0")), "")
            if code and is_date_format(code) and not is_timedelta_format(code):
                result.add(index)
        return frozenset(result)

    # cells
    def rows(self, sheet: int = 0) -> Iterator[tuple]:
        """Rows of the sheet from row 1 as tuples of values (missing rows come as empty tuples)."""
        from xml.etree import ElementTree

        from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

        epoch = MAC_EPOCH if self.date1904 else WINDOWS_EPOCH
        shared, date_styles = self._shared, self._date_styles
        member = self.sheets[sheet][1]
        expected = 1
        columns: dict[str, int] = {}
        try:
            with self._zip.open(member) as stream:
                ns = ""
                for _event, elem in ElementTree.iterparse(stream):
                    tag = elem.tag
                    if not ns:
                        ns = _ns(tag)
                        row_tag, v_tag, is_tag = f"{ns}row", f"{ns}v", f"{ns}is"
                        dim_tag = f"{ns}dimension"
                    if tag == dim_tag:
                        self.estimate = _dimension_rows(elem.get("ref", ""))
                        continue
                    if tag != row_tag:
                        continue
                    number = int(elem.get("r") or expected)
                    while expected < number:
                        expected += 1
                        yield ()
                    values: list[object] = []
                    for cell in elem:
                        get = cell.get
                        ref = get("r")
                        if ref:
                            letters = ref.rstrip(_DIGITS)
                            column = columns.get(letters)
                            if column is None:
                                column = columns[letters] = _column_index(letters)
                            if column > len(values):
                                values.extend([None] * (column - len(values)))
                        kind = get("t", "n")
                        value: object = None
                        if kind == "inlineStr":
                            inline = cell.find(is_tag)
                            value = _string_item(inline, ns) if inline is not None else None
                        else:
                            v = cell[0] if len(cell) == 1 else cell.find(v_tag)
                            text = v.text if v is not None and v.tag == v_tag else None
                            if text is None:
                                value = None
                            elif kind == "s":
                                value = shared[int(text)]
                            elif kind == "n":
                                value = float(text) if ("." in text or "E" in text or "e" in text) else int(text)
                                style = get("s")
                                if style and int(style) in date_styles:
                                    value = from_excel(value, epoch)
                            elif kind == "b":
                                value = text.strip() in ("1", "true")
                            elif kind == "d":
                                value = datetime.fromisoformat(text.strip().rstrip("Z"))
                            else:  # str (a formula's text result), e (an error such as #N/A)
                                value = text
                        values.append(value)
                    elem.clear()
                    expected = number + 1
                    yield tuple(values)
        except ValidationError:
            raise
        except Exception as exc:
            raise self._unreadable(exc) from exc


_DIGITS = "0123456789"


def _ns(tag: str) -> str:
    return tag[: tag.index("}") + 1] if tag.startswith("{") else ""


def _string_item(elem, ns: str) -> str:
    """The text of a shared-string <si> or inline <is>: plain <t>, or the runs' <t> (no phonetic <rPh>)."""
    t_tag, r_tag = f"{ns}t", f"{ns}r"
    parts = []
    for child in elem:
        if child.tag == t_tag:
            parts.append(child.text or "")
        elif child.tag == r_tag:
            run = child.find(t_tag)
            if run is not None:
                parts.append(run.text or "")
    return "".join(parts)


def _column_index(ref: str) -> int:
    """0-based column of a cell reference such as 'AB12'."""
    index = 0
    for char in ref:
        if "A" <= char <= "Z":
            index = index * 26 + ord(char) - 64
        else:
            break
    return index - 1


def _dimension_rows(ref: str) -> int:
    digits = re.findall(r"\d+", ref.split(":")[-1])
    return int(digits[0]) if digits else 0


def _check_workbook_file(path: Path) -> None:
    """A clear error for a missing file, a file that is not a zip, or a zip that is not a workbook."""
    name = path.name
    if not path.is_file():
        raise ValidationError(t("The file {file} does not exist.", file=path), field=name)
    if not zipfile.is_zipfile(path):
        raise ValidationError(t("The file {file} is not an Excel workbook (.xlsx).", file=name), field=name)
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValidationError(t("The file {file} is not an Excel workbook (.xlsx).", file=name),
                              field=name) from exc
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise ValidationError(t("The file {file} is a zip archive but not an Excel workbook (.xlsx).", file=name),
                              field=name)


def iter_sheet_rows(ws) -> tuple[Iterable[tuple], int]:
    """The rows of a (read-only) sheet from row 1 as value tuples, and an estimate of their number.

    The stored dimension of a sheet can be wrong (some writers leave it out or get it wrong);
    it is only used for the estimate, and then reset so no row is lost.
    """
    estimate = 0
    with contextlib.suppress(Exception):
        estimate = int(ws.max_row or 0)
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    return ws.iter_rows(min_row=1, values_only=True), estimate


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
    """A cell as text: numbers without a spurious '.0', control characters removed, quote guard undone."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    text = _CONTROL.sub("", str(value)).strip()
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
        raise ValidationError(t("The file {file} could not be written: {detail}", file=path,
                                detail=exc.strerror or exc), field=path.name) from exc
    os.close(fd)
    try:
        workbook.save(tmp)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise ValidationError(t("The file {file} could not be written: {detail}", file=path,
                                    detail=exc.strerror or exc), field=path.name) from exc
        raise
    return path
