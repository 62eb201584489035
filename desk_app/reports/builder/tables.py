"""Tabular body content: boxed key figures and data tables that split across pages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from desk_app.reports.builder.base import DocumentBase
from desk_app.reports.builder.styles import ACCENT, GRID, HEADER_FILL, INK, LABEL_FILL, RULE, ZEBRA
from desk_app.reports.builder.text import escape_text, format_value


class TablesMixin(DocumentBase):
    """`key_figures` and `table` of `ReportDocument`."""

    def key_figures(self, figures: Sequence[tuple[str, object]], per_row: int = 4) -> None:
        """A row (or rows) of boxed key figures: [(label, value), …]; values print large."""
        figures = list(figures)
        if not figures:
            return
        per_row = max(1, min(per_row, len(figures)))

        def make() -> list[Flowable]:
            cells = [
                [
                    Paragraph(escape_text(format_value(v)), self.styles["figure_value"]),
                    Paragraph(escape_text(label), self.styles["figure_label"]),
                ]
                for label, v in figures
            ]
            rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
            rows[-1] = rows[-1] + [""] * (per_row - len(rows[-1]))
            width = self.frame_width / per_row
            table = Table(rows, colWidths=[width] * per_row, hAlign="CENTER")
            cmds = [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONT", (0, 0), (-1, -1), self.font.name, 8.5),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    if cell != "":
                        cmds.append(("BACKGROUND", (c, r), (c, r), LABEL_FILL))
                        cmds.append(("LINEABOVE", (c, r), (c, r), 2, ACCENT))
            # white gaps between the boxes
            cmds.append(("LINEAFTER", (0, 0), (-2, -1), 4, colors.white))
            cmds.append(("LINEBELOW", (0, 0), (-1, -2), 4, colors.white))
            table.setStyle(TableStyle(cmds))
            return [Spacer(1, 2 * mm), table, Spacer(1, 4 * mm)]

        self._items.append(make)

    def table(
        self,
        columns: Sequence[str],
        rows: Iterable[Sequence[object]],
        *,
        widths: Sequence[float] | None = None,
        align: Sequence[str] | None = None,
        caption: str | None = None,
        empty_text: str | None = None,
        translate_columns: bool = True,
    ) -> None:
        """A data table that splits across pages and repeats its header row.

        `columns` are English source strings marked with `N_()` (translated unless
        `translate_columns` is False); `widths` are relative weights (default equal); `align` per
        column "LEFT"/"RIGHT"/"CENTER" (default: numbers right, text left). Cells too long for their
        column wrap. An empty table prints its header and `empty_text` ("No data for this period.").
        """
        data_rows = [list(r) for r in rows]
        n = len(columns)
        weights = list(widths) if widths else [1.0] * n
        total = sum(weights) or 1.0
        col_widths = [self.frame_width * w / total for w in weights]
        if align is None:
            align = [self._guess_align(data_rows, i) for i in range(n)]
        align = [a.upper() for a in align]
        self._tables += 1
        number = self._tables

        def make() -> list[Flowable]:
            return self._make_table(
                columns, data_rows, col_widths, align, caption, empty_text, translate_columns, number
            )

        self._items.append(make)

    @staticmethod
    def _guess_align(rows: list[list[object]], col: int) -> str:
        """RIGHT for a column of numbers (judged by its first 200 rows), else LEFT."""
        seen = False
        for row in rows[:200]:
            if col >= len(row) or row[col] is None or row[col] == "":
                continue
            value = row[col]
            if isinstance(value, bool) or not isinstance(value, int | float):
                return "LEFT"
            seen = True
        return "RIGHT" if seen else "LEFT"

    def _make_table(
        self,
        columns: Sequence[str],
        data_rows: list[list[object]],
        col_widths: list[float],
        align: list[str],
        caption: str | None,
        empty_text: str | None,
        translate_columns: bool,
        number: int,
    ) -> list[Flowable]:
        f = self.font.name
        size = 8.5
        pad = 4
        cell_styles = {
            "LEFT": self.styles["cell"],
            "RIGHT": self.styles["cell_right"],
            "CENTER": self.styles["cell_center"],
        }
        head_style = self.styles["cell_head"]
        header = []
        for i, col in enumerate(columns):
            label = self.t(col) if translate_columns else col
            st = ParagraphStyle(
                f"DeskCellH{i}",
                parent=head_style,
                alignment={"LEFT": TA_LEFT, "RIGHT": TA_RIGHT, "CENTER": TA_CENTER}[align[i]],
            )
            header.append(Paragraph(escape_text(label), st))
        body: list[list[object]] = []
        for row in data_rows:
            cells: list[object] = []
            for i in range(len(columns)):
                text = format_value(row[i]) if i < len(row) else ""
                if "\n" in text or stringWidth(text, f, size) > col_widths[i] - 2 * pad:
                    cells.append(Paragraph(escape_text(text), cell_styles[align[i]]))
                else:
                    cells.append(text)
            body.append(cells)
        cmds: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), f, size, 11.5),
            ("TEXTCOLOR", (0, 1), (-1, -1), INK),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("FONT", (0, 0), (-1, -1), self.font.name, 8.5),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("BOX", (0, 0), (-1, -1), 0.6, RULE),
            ("INNERGRID", (0, 0), (-1, -1), 0.3, GRID),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
        ]
        for i, a in enumerate(align):
            cmds.append(("ALIGN", (i, 1), (i, -1), a))
        if not body:
            body = [
                [Paragraph(escape_text(empty_text or self.t("No data for this period.")), self.styles["note"])]
                + [""] * (len(columns) - 1)
            ]
            cmds.append(("SPAN", (0, 1), (-1, 1)))
        table = Table([header, *body], colWidths=col_widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(cmds))
        out: list[Flowable] = [table]
        if caption:
            out.append(
                Paragraph(escape_text(self.t("Table {n}: {title}", n=number, title=caption)), self.styles["caption"])
            )
        else:
            out.append(Spacer(1, 4 * mm))
        return out
