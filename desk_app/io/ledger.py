"""The ticket ledger workbook (每日故障统计工作簿, SPEC §11, R34): file ⇄ plain rows.

This module only knows the file: its columns, how to write them and how to read and check
them row by row. Matching names against the database, storing and auditing is done by
`desk_app.services.ledger`, which also adds the checks that need the database (a ticket
number already stored).
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path

from desk_app.errors import ValidationError
from desk_app.i18n import N_, current_language, t
from desk_app.io.excel_util import (
    DATETIME_FORMAT,
    IsCancelled,
    Progress,
    cell_text,
    check_cancelled,
    column_letter,
    discard_write_only,
    find_header,
    is_blank,
    neutralise,
    normalise_header,
    parse_number,
    parse_time,
    report,
    save_atomic,
)
from desk_app.io.xlsx_reader import UncachedFormula, XlsxReader
from desk_app.models.base import LONG_TEXT, SHORT_TEXT

CHUNK = 500  # rows between progress reports / cancellation checks


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    kind: str  # text | long | time | score
    required: bool = False
    width: float = 14
    max_length: int = SHORT_TEXT

    def header(self, language: str) -> str:
        return self.zh if language == "zh_CN" else self.en


#: The columns of SPEC §11, in the order the export writes them.
COLUMNS: tuple[Column, ...] = (
    Column("number", "工单号", "Ticket No.", "text", True, 20, 60),
    Column("reported_at", "报修时间", "Reported At", "time", True, 17),
    Column("reporter", "报修人", "Reporter", "text", True, 12),
    Column("unit", "客户单位", "Customer Unit", "text", False, 18),
    Column("reporter_phone", "报修人电话", "Reporter Phone", "text", False, 15, 40),
    Column("reporter_location", "报修人位置", "Reporter Location", "text", False, 18),
    Column("description", "故障描述", "Description", "long", True, 36, LONG_TEXT),
    Column("technician", "维修人", "Technician", "text", True, 10),
    Column("team", "所属工班", "Team", "text", True, 12),
    Column("first_response_at", "响应时间", "First Response At", "time", False, 17),
    Column("resolved_at", "完成时间", "Resolved At", "time", False, 17),
    Column("closed_at", "关闭时间", "Closed At", "time", False, 17),
    Column("cause", "原因分析", "Cause", "long", False, 24, LONG_TEXT),
    Column("resolution", "处理方法", N_("Resolution"), "long", False, 24, LONG_TEXT),
    Column("self_points", "工长测评分值", "Team Lead Score", "score", False, 10),
    Column("self_comment", "工长评语", "Team Lead Comment", "long", False, 20, LONG_TEXT),
    Column("dispatcher_points", "调度测评分值", "Dispatcher Score", "score", False, 10),
    Column("dispatcher_notes", "调度测评情况", "Dispatcher Notes", "long", False, 20, LONG_TEXT),
    Column("manager_evaluator", "管理人员测评人", "Manager Evaluator", "text", False, 12),
    Column("manager_points", "管理人员测评分值", "Manager Score", "score", False, 10),
    Column("manager_notes", "管理人员测评情况", "Manager Notes", "long", False, 20, LONG_TEXT),
    Column("total_points", "分值累计", "Accumulated Points", "score", False, 10),
    Column("dissatisfaction", "不满意问题和建议", "Dissatisfaction Problems and Suggestions", "long", False, 30,
           LONG_TEXT),
)
BY_KEY: dict[str, Column] = {c.key: c for c in COLUMNS}
REQUIRED: tuple[str, ...] = tuple(c.key for c in COLUMNS if c.required)
#: Normalised Chinese and English header -> column key.
ALIASES: dict[str, str] = {normalise_header(name): c.key for c in COLUMNS for name in (c.zh, c.en)}
#: (score column, its text column) of each evaluation kind.
SCORE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("self", "self_points", "self_comment"),
    ("dispatcher", "dispatcher_points", "dispatcher_notes"),
    ("manager", "manager_points", "manager_notes"),
)


@dataclass
class LedgerRow:
    """One ticket line of the workbook. `row` is the Excel row number (import only)."""

    number: str = ""
    reported_at: datetime | None = None
    reporter: str = ""
    unit: str = ""
    reporter_phone: str = ""
    reporter_location: str = ""
    description: str = ""
    technician: str = ""
    team: str = ""
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    cause: str = ""
    resolution: str = ""
    self_points: int | None = None
    self_comment: str = ""
    dispatcher_points: int | None = None
    dispatcher_notes: str = ""
    manager_evaluator: str = ""
    manager_points: int | None = None
    manager_notes: str = ""
    total_points: int | None = None
    dissatisfaction: str = ""
    row: int = 0

    def scores(self) -> list[int]:
        return [p for p in (self.self_points, self.dispatcher_points, self.manager_points) if p is not None]


_ROW_FIELDS = {f.name for f in fields(LedgerRow)}
assert all(c.key in _ROW_FIELDS for c in COLUMNS)


@dataclass(frozen=True)
class Problem:
    """One offending cell. `column` is the header as written in the file."""

    row: int
    column_index: int  # for sorting: position in the file (or in COLUMNS when the column is absent)
    column: str
    message: str

    def __str__(self) -> str:
        return t("row {row}, column {column}: {problem}", row=self.row, column=self.column, problem=self.message)


@dataclass
class LedgerFile:
    """What `read_ledger` found: the rows, per-cell problems and file-level warnings."""

    file_name: str
    header_row: int
    headers: dict[str, str]  # column key -> header text in the file
    columns: dict[str, int]  # column key -> 0-based index in the file
    rows: list[LedgerRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def header(self, key: str) -> str:
        """The file's header for `key`, or the current language's name when the column is absent."""
        return self.headers.get(key) or BY_KEY[key].header(current_language())

    def problem(self, row: int, key: str, message: str) -> None:
        index = self.columns.get(key, len(COLUMNS) + [c.key for c in COLUMNS].index(key))
        self.problems.append(Problem(row, index, self.header(key), message))


# --- export --------------------------------------------------------------------------------------

def title_text(month: str) -> str:
    return t("Daily fault statistics workbook {month}", month=month)


def write_ledger(path: str | Path, rows: Iterable[LedgerRow], title: str, *, total: int = 0,
                 language: str | None = None, progress: Progress | None = None,
                 is_cancelled: IsCancelled | None = None) -> int:
    """Write the workbook (write-only mode, atomic). Returns the number of ticket rows written.

    Row 1 is the title, row 2 the header (bold, frozen, with an autofilter), then one row per
    ticket. Times are real date-times; text that would run as a formula is neutralised.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    language = language or current_language()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=t("Ticket ledger")[:31])
    for index, column in enumerate(COLUMNS):
        ws.column_dimensions[column_letter(index)].width = column.width
    ws.freeze_panes = "A3"

    title_cell = WriteOnlyCell(ws, value=neutralise(title))
    title_cell.font = Font(bold=True, size=14)
    ws.append([title_cell])
    bold = Font(bold=True)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    header = []
    for column in COLUMNS:
        cell = WriteOnlyCell(ws, value=column.header(language))
        cell.font = bold
        cell.alignment = centre
        header.append(cell)
    ws.append(header)

    try:
        count = _write_rows(ws, rows, total, progress, is_cancelled)
        ws.auto_filter.ref = f"A2:{column_letter(len(COLUMNS) - 1)}{count + 2}"
        check_cancelled(is_cancelled)
    except BaseException:
        discard_write_only(wb)
        raise
    save_atomic(wb, path)
    report(progress, count, count)
    return count


def _write_rows(ws, rows: Iterable[LedgerRow], total: int, progress: Progress | None,
                is_cancelled: IsCancelled | None) -> int:
    from openpyxl.cell import WriteOnlyCell

    kinds = [c.kind for c in COLUMNS]
    keys = [c.key for c in COLUMNS]
    count = 0
    for item in rows:
        values: list[object] = []
        for key, kind in zip(keys, kinds, strict=True):
            value = getattr(item, key)
            if kind == "time":
                if value is None:
                    values.append(None)
                else:
                    cell = WriteOnlyCell(ws, value=value)
                    cell.number_format = DATETIME_FORMAT
                    values.append(cell)
            elif kind == "score":
                values.append(value)
            else:
                values.append(neutralise(value) if value else None)
        ws.append(values)
        count += 1
        if count % CHUNK == 0:
            check_cancelled(is_cancelled)
            report(progress, count, total)
    return count


# --- import --------------------------------------------------------------------------------------

def _header_error(path: Path, best) -> ValidationError:
    wanted = [BY_KEY[k] for k in REQUIRED]
    if best is None:
        missing = wanted
    else:
        missing = [c for c in wanted if c.key not in best.columns]
    names = ", ".join(f"{c.zh} / {c.en}" for c in missing)
    return ValidationError(
        t("The file {file} is not a ticket ledger: no header row with the columns {columns} was found "
          "in its first 10 rows.", file=path.name, columns=names),
        field=path.name,
    )


def read_ledger(path: str | Path, scale_points: Collection[int], *, progress: Progress | None = None,
                is_cancelled: IsCancelled | None = None) -> LedgerFile:
    """Read and check every row of a ledger workbook.

    Raises ValidationError when the file is not a workbook or has no ledger header; otherwise
    returns every row with the problems found (the caller decides: any problem rejects the file).
    `scale_points` are the allowed points of the rating scale (settings, R8).
    """
    path = Path(path)
    with XlsxReader(path) as reader:
        return _read(path, reader, set(scale_points), progress, is_cancelled)


def _read(path: Path, reader: XlsxReader, scale_points: set[int], progress: Progress | None,
          is_cancelled: IsCancelled | None) -> LedgerFile:
    best_overall = None
    for sheet in range(len(reader.sheets)):
        rows = reader.rows(sheet)
        head: list[tuple] = []
        for cells in rows:
            head.append(cells)
            if len(head) >= 10:
                break
        match, best = find_header(head, ALIASES, REQUIRED)
        if match is not None:
            break
        if best is not None and (best_overall is None or len(best.columns) > len(best_overall.columns)):
            best_overall = best
    else:
        raise _header_error(path, best_overall)
    estimate = reader.estimate

    ledger = LedgerFile(path.name, match.row, match.headers, match.columns)
    for index, text in match.unknown:
        ledger.warnings.append(t("Column {letter} ({header}) is not a ledger column and was ignored.",
                                 letter=column_letter(index), header=text))
    for index, text in match.duplicates:
        ledger.problems.append(Problem(match.row, index, text, t("this column appears twice in the header")))

    seen: dict[str, int] = {}
    data_rows = (cells for cells in head[match.row:])
    number = match.row
    total = max(estimate - match.row, 0)
    done = 0
    for source in (data_rows, rows):
        for cells in source:
            number += 1
            if cells is None or all(is_blank(v) for v in cells):
                continue
            item = _read_row(ledger, number, cells, scale_points)
            first = seen.get(item.number) if item.number else None
            if first is not None:
                ledger.problem(number, "number", t("ticket number {number} is also in row {other}",
                                                   number=item.number, other=first))
            elif item.number:
                seen[item.number] = number
            ledger.rows.append(item)
            done += 1
            if done % CHUNK == 0:
                check_cancelled(is_cancelled)
                report(progress, done, total)
    check_cancelled(is_cancelled)
    report(progress, done, done)
    if not ledger.rows:
        raise ValidationError(t("The file {file} holds no tickets below its header row.", file=path.name),
                              field=path.name)
    return ledger


def _read_row(ledger: LedgerFile, number: int, cells: tuple, scale_points: set[int]) -> LedgerRow:
    item = LedgerRow(row=number)
    width = len(cells)
    for key, index in ledger.columns.items():
        column = BY_KEY[key]
        raw = cells[index] if index < width else None
        if isinstance(raw, UncachedFormula):
            ledger.problem(number, key, t(
                "holds the formula ={formula} without a saved result: open the workbook in Excel, WPS or "
                "LibreOffice and save it (the results are stored then), or type the value instead",
                formula=raw.formula))
            continue
        if column.kind == "time":
            try:
                value = parse_time(raw)
            except (ValueError, OverflowError, TypeError):
                ledger.problem(number, key, t("“{value}” is not a date and time (YYYY-MM-DD HH:MM)",
                                              value=cell_text(raw)))
                continue
        elif column.kind == "score":
            value = _score(ledger, number, key, raw, scale_points)
        else:
            value = cell_text(raw)
            if len(value) > column.max_length:
                ledger.problem(number, key, t("the text is too long (at most {n} characters)", n=column.max_length))
                continue
        if value is not None:
            setattr(item, key, value)

    for key in REQUIRED:
        if key in ledger.columns and not getattr(item, key) and not _has_problem(ledger, number, key):
            ledger.problem(number, key, t("is required"))
    if item.scores() and item.closed_at is None and not _has_problem(ledger, number, "closed_at"):
        ledger.problem(number, "closed_at", t("a closing time is required when a score is given"))
    if item.reported_at is not None:
        for key in ("first_response_at", "resolved_at", "closed_at"):
            value = getattr(item, key)
            if value is not None and value < item.reported_at:
                ledger.problem(number, key, t("is earlier than the reported time"))
    if item.total_points is not None and not _has_problem(ledger, number, "total_points"):
        scored = [k for _, k, _ in SCORE_COLUMNS if not _has_problem(ledger, number, k)]
        expected = sum(getattr(item, k) or 0 for k in scored)
        if len(scored) == len(SCORE_COLUMNS) and item.total_points != expected:
            ledger.problem(number, "total_points", t("{value} is not the sum of the scores ({total})",
                                                     value=item.total_points, total=expected))
    for _, score_key, text_key in SCORE_COLUMNS:
        if getattr(item, text_key) and getattr(item, score_key) is None \
                and not _has_problem(ledger, number, score_key):
            ledger.warnings.append(t("row {row}, column {column}: ignored, because there is no score in "
                                     "column {score}", row=number, column=ledger.header(text_key),
                                     score=ledger.header(score_key)))
    if item.manager_evaluator and item.manager_points is None and not _has_problem(ledger, number,
                                                                                   "manager_points"):
        ledger.warnings.append(t("row {row}, column {column}: ignored, because there is no score in "
                                 "column {score}", row=number, column=ledger.header("manager_evaluator"),
                                 score=ledger.header("manager_points")))
    return item


def _has_problem(ledger: LedgerFile, row: int, key: str) -> bool:
    header = ledger.header(key)
    for problem in reversed(ledger.problems):
        if problem.row != row:
            return False
        if problem.column == header:
            return True
    return False


def _score(ledger: LedgerFile, number: int, key: str, raw: object, scale_points: set[int]) -> int | None:
    try:
        value = parse_number(raw if not isinstance(raw, str) else cell_text(raw))
    except (ValueError, TypeError):
        ledger.problem(number, key, t("“{value}” is not a number", value=cell_text(raw)))
        return None
    if value is None:
        return None
    if not value.is_integer():
        ledger.problem(number, key, t("{value} is not a whole number", value=cell_text(raw)))
        return None
    points = int(value)
    if key != "total_points" and points not in scale_points:
        allowed = " / ".join(str(p) for p in sorted(scale_points, reverse=True))
        ledger.problem(number, key, t("{value} is not a point value of the rating scale ({allowed})",
                                      value=points, allowed=allowed))
        return None
    return points
