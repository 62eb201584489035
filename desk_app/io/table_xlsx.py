"""A plain register workbook: a title row, a bold frozen header, one row per record.

Used for the complaint register and the improvement tracking table. Text is neutralised
against formula injection; dates and times are real Excel values; the file is written atomically.
"""

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from desk_app.io.excel_util import DATETIME_FORMAT, neutralise, save_atomic

_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def write_table(path: str | Path, title: str, headers: Sequence[str], rows: Sequence[Sequence[object]],
                widths: Sequence[int] | None = None, sheet_name: str = "Sheet1", landscape: bool = True) -> Path:
    """Write one sheet: `title` in row 1, `headers` in row 2, then `rows`. Returns the path."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_name[:31]
    ws.cell(row=1, column=1, value=neutralise(title)).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(headers), 1))
    ws.row_dimensions[1].height = 24
    for col, header in enumerate(headers, start=1):
        cell = ws.cell(row=2, column=col, value=neutralise(header))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
    for r, values in enumerate(rows, start=3):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=col, value=neutralise(value))
            if isinstance(value, datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            cell.alignment = Alignment(vertical="top", wrap_text=isinstance(value, str))
            cell.border = _BORDER
    for col, width in enumerate(widths or [16] * len(headers), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A3"
    if rows:
        ws.auto_filter.ref = f"A2:{get_column_letter(len(headers))}{len(rows) + 2}"
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.print_title_rows = "2:2"
    return save_atomic(wb, path)
