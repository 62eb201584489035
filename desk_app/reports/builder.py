"""The shared PDF report builder (reportlab platypus) every report and form is made with.

A report is a `ReportDocument`: a `DocumentHeader` (R36), a version record, signers and, once
approved, an `Approval` (R37). Concrete reports add their body with the helpers below; the
builder adds the front matter (title, header block, version record, table of contents when there
are two or more headings), the signature block at the end, and on every page a header line (org
name, document number) and a footer (report number, "page X of Y"; once approved also the
SHA-256 and a QR code holding ``number|sha256``; the QR code is in EVERY page footer, so any
single printed page can be checked).

It takes plain data only: no Qt, no database. Labels are English source strings translated
through the one table `desk_app.i18n_zh.ZH` (the table behind `desk_app.i18n.t`), in the
document's own language, so a report can be built in a worker thread without switching the
application's language. User text (`paragraph`, table cells, names) is escaped, so ``<``, ``&``
and newlines print as typed.

Example::

    from datetime import date, datetime
    from desk_app.reports.builder import Approval, DocumentHeader, ReportDocument, VersionRow
    from desk_app.reports.fonts import find_cjk_font

    doc = ReportDocument(
        DocumentHeader(number="FW-2026-10", title="服务报告", version="1.0", drafter="张三",
                       reviewer="李四", approver="王五", effective_date=date(2026, 11, 5),
                       distribution="信息维修中心各班组"),
        language="zh_CN",
        org_name=settings.get("org.name"),            # desk_app.services.settings, read by the caller
        font=find_cjk_font(settings.get("pdf.font_path")),
        subtitle="2026年10月",
        versions=[VersionRow("1.0", date(2026, 11, 3), "张三", "首次发布")],
        approval=Approval("王五", datetime(2026, 11, 4, 15, 30), sha256_hex),  # None while a draft
    )
    doc.heading(doc.t("Ticket volume"))
    doc.key_figures([(doc.t("Tickets"), "1 234"), (doc.t("Resolved on time"), "96.1 %")])
    doc.bar_chart(["服务态度", "技术水平"], [4.6, 4.4], title=doc.t("Mean score per dimension"))
    doc.table(["Ticket", "Team", "Description"], rows, widths=[2, 2, 6])
    doc.heading(doc.t("Complaints"))
    doc.no_data()                            # an empty section still renders
    result = doc.build("out/report.pdf")     # atomic write; result.sha256 is the file's hash

`build_bytes()` returns the PDF without writing a file (for preview or storing in the database).
A `ReportDocument` can be built more than once; each build makes fresh flowables.

Which hash goes into `Approval.sha256` is the caller's decision: a PDF cannot print its own
SHA-256 (printing it changes the file). The builder prints what it is given (e.g.
`canonical_sha256(figures)` of the frozen figures) and returns `BuildResult.sha256`, the hash of
the final file, which is what `verify FILE.pdf` should compare against.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from desk_app import i18n
from desk_app.reports.fonts import FontInfo, find_cjk_font

__all__ = [
    "Approval",
    "BuildResult",
    "DocumentHeader",
    "ReportDocument",
    "Signer",
    "VersionRow",
    "canonical_sha256",
    "escape_text",
    "sha256_hex",
    "write_atomic",
]

# -- look ---------------------------------------------------------------------------------------

PAGE_SIZE = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 26 * mm
FRAME_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#616E7C")
ACCENT = colors.HexColor("#1F3A5F")
HEADER_FILL = colors.HexColor("#2E4A6B")
LABEL_FILL = colors.HexColor("#EDF1F6")
ZEBRA = colors.HexColor("#F4F6F9")
RULE = colors.HexColor("#B8C2CE")
GRID = colors.HexColor("#D5DCE4")
#: Chart colours: muted, distinguishable in greyscale print too.
PALETTE = [
    colors.HexColor(c) for c in ("#2E5C8A", "#E08E45", "#5B9A68", "#C0504D", "#8064A2", "#4BACC6", "#9C8B4E", "#7F7F7F")
]

LANGUAGES = ("zh_CN", "en")


# -- plain data ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentHeader:
    """The document header block every report carries (R36)."""

    number: str  # document number, e.g. FW-2026-10
    title: str  # document name, e.g. 服务报告
    version: str = "1.0"
    drafter: str = ""  # 起草人
    reviewer: str = ""  # 审核人
    approver: str = ""  # 批准人
    effective_date: date | str | None = None  # 生效日期
    distribution: str = ""  # 发放范围


@dataclass(frozen=True)
class VersionRow:
    """One line of the version record (修订记录)."""

    version: str
    date: date | str | None
    author: str
    change: str


@dataclass(frozen=True)
class Signer:
    """One line of the signature block. `role_label` is an English source string (translated) or final text."""

    role_label: str
    name: str = ""
    date: date | datetime | str | None = None
    is_approver: bool = False


@dataclass(frozen=True)
class Approval:
    """Set once the report is approved (R37): printed in the signature block and every footer."""

    approver: str
    approved_at: datetime | date | str
    sha256: str


@dataclass(frozen=True)
class BuildResult:
    path: Path | None
    sha256: str  # SHA-256 of the PDF bytes, hex
    page_count: int
    data: bytes = field(repr=False)


# -- helpers ------------------------------------------------------------------------------------


def translate(language: str, text: str, /, **values: object) -> str:
    """`desk_app.i18n.t` for a given language, without touching the application's current language."""
    return i18n.translate(language, text, **values)


def escape_text(text: object) -> str:
    """User text as Paragraph markup that prints literally: <, >, & escaped, newlines as <br/>."""
    s = "" if text is None else str(text)
    s = escape(s.replace("\r\n", "\n").replace("\r", "\n"))
    return s.replace("\n", "<br/>")


def format_value(value: object) -> str:
    """How a plain value prints in a cell: dates ISO, datetimes to the minute, floats with 2 decimals."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    return str(value)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical_sha256(figures: Any) -> str:
    """SHA-256 of data in a canonical JSON form; one way to fingerprint a report's frozen figures."""
    text = json.dumps(figures, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return sha256_hex(text.encode("utf-8"))


def write_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write `data` to a temp file next to `path`, fsync, then rename over it: never half a file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target


def _nice_ceiling(value: float) -> float:
    """A round axis maximum a little above `value` (1, 2, 2.5, 5 × 10^n)."""
    if value <= 0:
        return 1.0
    import math

    exp = math.floor(math.log10(value))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        candidate = step * 10**exp
        if candidate >= value:
            return candidate
    return 10 ** (exp + 1)


def _keep_headings_with_next(story: list[Flowable]) -> list[Flowable]:
    """Keep each heading on the page of what follows it.

    reportlab's keepWithNext would also push a heading followed by a long table to a new page
    (a KeepTogether taller than the space left always breaks), so a heading is grouped only with
    a following block that cannot split (chart, key figures, paragraph); before a table the
    CondPageBreak in front of the heading is enough.
    """
    out: list[Flowable] = []
    i = 0
    while i < len(story):
        item = story[i]
        if getattr(item, "_desk_toc_level", None) is None:
            out.append(item)
            i += 1
            continue
        group = [item]
        j = i + 1
        while j < len(story):
            nxt = story[j]
            if isinstance(nxt, Table):
                break
            if isinstance(nxt, KeepTogether):  # nested KeepTogether reports an endless height: unpack it
                story[j : j + 1] = nxt._content
                continue
            if isinstance(nxt, Spacer | CondPageBreak) or getattr(nxt, "_desk_toc_level", None) is not None:
                group.append(nxt)
                j += 1
                continue
            group.append(nxt)
            j += 1
            break
        if len(group) == 1 or isinstance(group[-1], Spacer | CondPageBreak):
            out.append(item)
            i += 1
        else:
            out.append(KeepTogether(group))
            i = j
    return out


# -- document template and canvas ---------------------------------------------------------------


class _DocTemplate(BaseDocTemplate):
    """Feeds headings to the table of contents and the PDF outline (bookmarks)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._heading_count = 0
        self._last_outline_level = -1

    def beforeDocument(self) -> None:  # noqa: N802 (reportlab's name)
        self._heading_count = 0
        self._last_outline_level = -1

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802
        level = getattr(flowable, "_desk_toc_level", None)
        if level is None:
            return
        self._heading_count += 1
        key = f"h{self._heading_count}"
        text = flowable.getPlainText()
        self.canv.bookmarkPage(key)
        outline_level = min(level, self._last_outline_level + 1)
        self.canv.addOutlineEntry(text, key, outline_level, closed=False)
        self._last_outline_level = outline_level
        self.notify("TOCEntry", (level, escape(text), self.page, key))


def _numbered_canvas(report: ReportDocument) -> type[Canvas]:
    """A canvas that keeps every page until the end, then draws header/footer with "page X of Y"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                report._decorate_page(self, number, total)
                Canvas.showPage(self)
            report._last_page_count = total
            Canvas.save(self)

    return NumberedCanvas


# -- the document -------------------------------------------------------------------------------


class ReportDocument:
    """A report under construction: add body content with the helpers, then `build` or `build_bytes`."""

    def __init__(
        self,
        header: DocumentHeader,
        *,
        language: str = "zh_CN",
        org_name: str = "",
        subtitle: str = "",
        versions: Sequence[VersionRow] = (),
        signers: Sequence[Signer] | None = None,
        approval: Approval | None = None,
        font: FontInfo | None = None,
        font_path: str | None = None,
        toc: bool | None = None,
        watermark: str | None = None,
        page_size: tuple[float, float] = PAGE_SIZE,
    ) -> None:
        """`signers` defaults to drafter, reviewer and approver from the header; `toc` None means
        "when there are two or more headings"; `watermark` (e.g. ``doc.t("Draft")``) is printed faintly
        across each page; `font` wins over `font_path` (the pdf.font_path setting); `page_size` is A4
        portrait unless given (e.g. ``landscape(A4)`` for wide tables)."""
        self.header = header
        self.language = language if language in LANGUAGES else "en"
        self.org_name = org_name
        self.subtitle = subtitle
        self.versions = list(versions)
        self.approval = approval
        self.font = font or find_cjk_font(font_path)
        self.toc = toc
        self.watermark = watermark
        self.page_size = page_size
        self.frame_width = page_size[0] - 2 * MARGIN_X
        if signers is None:
            signers = [
                Signer("Drafted by", header.drafter),
                Signer("Reviewed by", header.reviewer),
                Signer("Approved by", header.approver, is_approver=True),
            ]
        self.signers = list(signers)
        self._items: list[Callable[[], list[Flowable]]] = []
        self._headings = 0
        self._figures = 0
        self._tables = 0
        self._last_page_count = 0
        self.styles = self._make_styles()

    # -- language and styles ----------------------------------------------------------------

    def t(self, text: str, /, **values: object) -> str:
        """Translate an English source string into this document's language."""
        return translate(self.language, text, **values)

    def _make_styles(self) -> dict[str, ParagraphStyle]:
        f, fb = self.font.name, self.font.bold_name
        wrap = "CJK" if self.language == "zh_CN" else None
        base = ParagraphStyle("DeskBody", fontName=f, fontSize=9.5, leading=14.5, textColor=INK, wordWrap=wrap)

        def style(name: str, **kw: Any) -> ParagraphStyle:
            return ParagraphStyle(name, parent=base, **kw)

        return {
            "body": base,
            "title": style(
                "DeskTitle", fontName=fb, fontSize=19, leading=26, alignment=TA_CENTER, textColor=ACCENT, spaceAfter=4
            ),
            "subtitle": style(
                "DeskSubtitle", fontSize=11, leading=16, alignment=TA_CENTER, textColor=MUTED, spaceAfter=6
            ),
            "h1": style(
                "DeskH1", fontName=fb, fontSize=13.5, leading=19, textColor=ACCENT, spaceBefore=12, spaceAfter=6
            ),
            "h2": style("DeskH2", fontName=fb, fontSize=11, leading=16, textColor=ACCENT, spaceBefore=8, spaceAfter=4),
            "block_title": style(
                "DeskBlockTitle",
                fontName=fb,
                fontSize=10.5,
                leading=15,
                textColor=ACCENT,
                spaceBefore=10,
                spaceAfter=4,
                keepWithNext=1,
            ),
            "caption": style(
                "DeskCaption",
                fontSize=8.5,
                leading=12,
                textColor=MUTED,
                alignment=TA_CENTER,
                spaceBefore=2,
                spaceAfter=8,
            ),
            "note": style("DeskNote", fontSize=9, leading=13, textColor=MUTED, spaceBefore=2, spaceAfter=6),
            "cell": style("DeskCell", fontSize=8.5, leading=11.5),
            "cell_right": style("DeskCellR", fontSize=8.5, leading=11.5, alignment=TA_RIGHT),
            "cell_center": style("DeskCellC", fontSize=8.5, leading=11.5, alignment=TA_CENTER),
            "cell_head": style("DeskCellH", fontName=fb, fontSize=8.5, leading=11.5, textColor=colors.white),
            "label": style("DeskLabel", fontName=fb, fontSize=8.5, leading=11.5, textColor=ACCENT),
            "figure_value": style(
                "DeskFigV", fontName=fb, fontSize=17, leading=22, textColor=ACCENT, alignment=TA_CENTER
            ),
            "figure_label": style("DeskFigL", fontSize=8.5, leading=11.5, textColor=MUTED, alignment=TA_CENTER),
            "toc0": style("DeskTOC0", fontSize=10, leading=16, leftIndent=0, firstLineIndent=0),
            "toc1": style("DeskTOC1", fontSize=9, leading=14, leftIndent=14, firstLineIndent=0, textColor=MUTED),
        }

    # -- body helpers (each appends to the story) -------------------------------------------

    def add(self, make: Callable[[], Flowable | list[Flowable]]) -> None:
        """Append custom content: a callable making flowable(s), called afresh on every build."""

        def items() -> list[Flowable]:
            made = make()
            return list(made) if isinstance(made, list | tuple) else [made]

        self._items.append(items)

    def heading(self, text: str, level: int = 1) -> None:
        """A section heading (level 1 or 2), listed in the table of contents and the PDF bookmarks."""
        self._headings += 1
        style = self.styles["h1" if level <= 1 else "h2"]
        toc_level = 0 if level <= 1 else 1

        def make() -> list[Flowable]:
            p = Paragraph(escape_text(text), style)
            p._desk_toc_level = toc_level  # type: ignore[attr-defined]
            return [CondPageBreak((45 if toc_level == 0 else 30) * mm), p]

        self._items.append(make)

    def paragraph(self, text: str) -> None:
        """User text, printed exactly as typed (escaped; newlines kept)."""
        self._items.append(lambda: [Paragraph(escape_text(text), self.styles["body"])])

    def markup(self, markup: str, style: str = "body") -> None:
        """Trusted reportlab paragraph markup (<b>, <font>…). Never pass user text here; use `paragraph`."""
        self._items.append(lambda: [Paragraph(markup, self.styles[style])])

    def note(self, text: str) -> None:
        """A small grey remark (user text, escaped)."""
        self._items.append(lambda: [Paragraph(escape_text(text), self.styles["note"])])

    def no_data(self, text: str | None = None) -> None:
        """The placeholder for an empty section: "No data for this period." unless told otherwise."""
        message = text if text is not None else self.t("No data for this period.")
        self.note(message)

    def spacer(self, height_mm: float = 4) -> None:
        self._items.append(lambda: [Spacer(1, height_mm * mm)])

    def page_break(self) -> None:
        self._items.append(lambda: [PageBreak()])

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

        `columns` are English source strings (translated unless `translate_columns` is False);
        `widths` are relative weights (default equal); `align` per column "LEFT"/"RIGHT"/"CENTER"
        (default: numbers right, text left). Cells too long for their column wrap. An empty
        table prints its header and `empty_text` ("No data for this period.").
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

    # -- charts -----------------------------------------------------------------------------

    def _caption(self, title: str | None) -> list[Flowable]:
        if not title:
            return []
        self._figures += 1
        text = self.t("Figure {n}: {title}", n=self._figures, title=title)
        return [Paragraph(escape_text(text), self.styles["caption"])]

    def _chart_block(self, drawing_maker: Callable[[], Drawing | None], title: str | None) -> None:
        caption = self._caption(title)

        def make() -> list[Flowable]:
            drawing = drawing_maker()
            if drawing is None:
                return [Paragraph(escape_text(self.t("No data for this period.")), self.styles["note"]), *caption]
            return [KeepTogether([Spacer(1, 2 * mm), drawing, *caption])]

        self._items.append(make)

    def _legend(self, pairs: list[tuple[colors.Color, str]], x: float, y: float, columns: int = 1) -> Legend:
        legend = Legend()
        legend.x, legend.y = x, y
        legend.fontName = self.font.name
        legend.fontSize = 8
        legend.alignment = "right"
        legend.boxAnchor = "nw"
        legend.columnMaximum = max(1, -(-len(pairs) // columns))
        legend.dx = legend.dy = 7
        legend.deltay = 12
        legend.deltax = 90
        legend.dxTextSpace = 5
        legend.strokeWidth = 0
        legend.strokeColor = None
        legend.colorNamePairs = pairs
        return legend

    def bar_chart(
        self,
        categories: Sequence[str],
        values: Sequence[float] | Mapping[str, Sequence[float]],
        *,
        title: str | None = None,
        value_max: float | None = None,
        value_format: str = "{:.2f}",
        height_mm: float = 68,
    ) -> None:
        """Vertical bars, one per category (e.g. mean score per dimension); a mapping gives grouped series."""
        series = dict(values) if isinstance(values, Mapping) else {"": list(values)}
        categories = [str(c) for c in categories]
        f = self.font.name

        def make() -> Drawing | None:
            data = [[float(v or 0) for v in vals] for vals in series.values()]
            if not categories or not data or not any(v for vals in data for v in vals):
                return None
            width, height = self.frame_width, height_mm * mm
            slot = (width - 70) / len(categories)
            widest = max(stringWidth(c, f, 8) for c in categories)
            rotate = widest > slot - 4
            bottom = 22 + (min(widest, 90) * 0.5 if rotate else 0)
            legend_h = 16 if len(series) > 1 else 0
            d = Drawing(width, height)
            chart = VerticalBarChart()
            chart.x, chart.y = 42, bottom + legend_h
            chart.width, chart.height = width - 60, height - bottom - legend_h - 14
            chart.data = data
            chart.groupSpacing = max(4, slot * 0.25)
            chart.barSpacing = 2
            chart.strokeColor = None
            chart.categoryAxis.categoryNames = categories
            chart.categoryAxis.labels.fontName = f
            chart.categoryAxis.labels.fontSize = 8
            chart.categoryAxis.labels.fillColor = INK
            chart.categoryAxis.strokeColor = RULE
            chart.categoryAxis.tickDown = 0
            if rotate:
                chart.categoryAxis.labels.angle = 30
                chart.categoryAxis.labels.boxAnchor = "ne"
                chart.categoryAxis.labels.dx = 4
                chart.categoryAxis.labels.dy = -4
            else:
                chart.categoryAxis.labels.dy = -4
            top = max(v for vals in data for v in vals)
            chart.valueAxis.valueMin = 0
            chart.valueAxis.valueMax = value_max if value_max is not None else _nice_ceiling(top * 1.12)
            chart.valueAxis.labels.fontName = f
            chart.valueAxis.labels.fontSize = 7.5
            chart.valueAxis.labels.fillColor = MUTED
            chart.valueAxis.strokeColor = None
            chart.valueAxis.visibleGrid = True
            chart.valueAxis.gridStrokeColor = GRID
            chart.valueAxis.gridStrokeWidth = 0.4
            chart.valueAxis.visibleTicks = False
            chart.barLabelFormat = value_format.format
            chart.barLabels.fontName = f
            chart.barLabels.fontSize = 7.5
            chart.barLabels.fillColor = INK
            chart.barLabels.nudge = 7
            for i in range(len(data)):
                chart.bars[i].fillColor = PALETTE[i % len(PALETTE)]
                chart.bars[i].strokeColor = None
            d.add(chart)
            if len(series) > 1:
                pairs = [(PALETTE[i % len(PALETTE)], name) for i, name in enumerate(series)]
                d.add(self._legend(pairs, 42, legend_h - 2, columns=len(pairs)))
            return d

        self._chart_block(make, title)

    def line_chart(
        self,
        categories: Sequence[str],
        series: Mapping[str, Sequence[float | None]],
        *,
        title: str | None = None,
        value_min: float | None = 0,
        value_max: float | None = None,
        value_format: str = "{:.1f}",
        height_mm: float = 68,
    ) -> None:
        """A trend: one line per series over the categories (periods); None leaves a gap."""
        categories = [str(c) for c in categories]
        f = self.font.name
        named = {str(k): list(v) for k, v in series.items()}

        def make() -> Drawing | None:
            values = [v for vals in named.values() for v in vals if v is not None]
            if not categories or not values:
                return None
            width, height = self.frame_width, height_mm * mm
            legend_h = 16 if len(named) > 1 or any(named) else 0
            slot = (width - 70) / len(categories)
            widest = max(stringWidth(c, f, 8) for c in categories)
            rotate = widest > slot - 4
            bottom = 22 + (min(widest, 90) * 0.5 if rotate else 0)
            d = Drawing(width, height)
            chart = HorizontalLineChart()
            chart.x, chart.y = 42, bottom + legend_h
            chart.width, chart.height = width - 60, height - bottom - legend_h - 14
            chart.data = [[None if v is None else float(v) for v in vals] for vals in named.values()]
            chart.joinedLines = 1
            chart.strokeColor = None
            chart.categoryAxis.categoryNames = categories
            chart.categoryAxis.labels.fontName = f
            chart.categoryAxis.labels.fontSize = 8
            chart.categoryAxis.labels.fillColor = INK
            chart.categoryAxis.strokeColor = RULE
            chart.categoryAxis.tickDown = 0
            chart.categoryAxis.labels.dy = -4
            if rotate:
                chart.categoryAxis.labels.angle = 30
                chart.categoryAxis.labels.boxAnchor = "ne"
            lo, hi = min(values), max(values)
            chart.valueAxis.valueMin = value_min if value_min is not None else lo - (hi - lo) * 0.1
            chart.valueAxis.valueMax = value_max if value_max is not None else _nice_ceiling(hi * 1.1)
            chart.valueAxis.labels.fontName = f
            chart.valueAxis.labels.fontSize = 7.5
            chart.valueAxis.labels.fillColor = MUTED
            chart.valueAxis.strokeColor = None
            chart.valueAxis.visibleGrid = True
            chart.valueAxis.gridStrokeColor = GRID
            chart.valueAxis.gridStrokeWidth = 0.4
            chart.valueAxis.visibleTicks = False
            chart.lineLabelFormat = (lambda v: "" if v is None else value_format.format(v)) if len(named) == 1 else None
            chart.lineLabels.fontName = f
            chart.lineLabels.fontSize = 7.5
            chart.lineLabels.fillColor = INK
            chart.lineLabels.dy = 7
            for i in range(len(named)):
                chart.lines[i].strokeColor = PALETTE[i % len(PALETTE)]
                chart.lines[i].strokeWidth = 1.6
                chart.lines[i].symbol = makeMarker("FilledCircle", size=4.5, fillColor=PALETTE[i % len(PALETTE)])
            d.add(chart)
            if legend_h:
                pairs = [(PALETTE[i % len(PALETTE)], name) for i, name in enumerate(named)]
                d.add(self._legend(pairs, 42, legend_h - 2, columns=len(pairs)))
            return d

        self._chart_block(make, title)

    def pie_chart(
        self,
        labels: Sequence[str],
        values: Sequence[float],
        *,
        title: str | None = None,
        value_format: str = "{:g}",
        height_mm: float = 62,
    ) -> None:
        """Shares of a whole (e.g. ratings); the legend gives label, value and percentage."""
        labels = [str(x) for x in labels]
        vals = [max(0.0, float(v or 0)) for v in values]

        def make() -> Drawing | None:
            total = sum(vals)
            if not labels or total <= 0:
                return None
            width, height = self.frame_width, height_mm * mm
            d = Drawing(width, height)
            size = min(height - 16, 150)
            pie = Pie()
            pie.x, pie.y = width * 0.22 - size / 2, (height - size) / 2
            pie.width = pie.height = size
            pie.data = vals
            pie.labels = None
            pie.startAngle = 90
            pie.direction = "clockwise"
            pie.slices.strokeColor = colors.white
            pie.slices.strokeWidth = 1
            for i in range(len(vals)):
                pie.slices[i].fillColor = PALETTE[i % len(PALETTE)]
            d.add(pie)
            pairs = [
                (PALETTE[i % len(PALETTE)], f"{label}   {value_format.format(v)}  ({v / total * 100:.1f}%)")
                for i, (label, v) in enumerate(zip(labels, vals, strict=False))
            ]
            legend = self._legend(pairs, width * 0.47, height / 2 + min(len(pairs), 10) * 6)
            legend.deltay = 13
            legend.columnMaximum = 10
            legend.deltax = 200
            d.add(legend)
            return d

        self._chart_block(make, title)

    # -- front and back matter --------------------------------------------------------------

    def _cell(self, text: object, style: str = "cell") -> Paragraph:
        return Paragraph(escape_text(format_value(text)), self.styles[style])

    def _header_block(self) -> Flowable:
        h = self.header
        lab = lambda s: self._cell(self.t(s), "label")  # noqa: E731
        val = self._cell
        rows = [
            [lab("Document number"), val(h.number), lab("Version"), val(h.version)],
            [lab("Document name"), val(h.title), "", ""],
            [lab("Drafter"), val(h.drafter), lab("Reviewer"), val(h.reviewer)],
            [lab("Approver"), val(h.approver), lab("Effective date"), val(h.effective_date)],
            [lab("Distribution scope"), val(h.distribution), "", ""],
        ]
        w = self.frame_width
        table = Table(rows, colWidths=[w * 0.19, w * 0.31, w * 0.19, w * 0.31])
        table.setStyle(
            TableStyle(
                [
                    ("SPAN", (1, 1), (3, 1)),
                    ("SPAN", (1, 4), (3, 4)),
                    ("BACKGROUND", (0, 0), (0, -1), LABEL_FILL),
                    ("BACKGROUND", (2, 0), (2, 0), LABEL_FILL),
                    ("BACKGROUND", (2, 2), (2, 3), LABEL_FILL),
                    ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                    ("INNERGRID", (0, 0), (-1, -1), 0.3, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("FONT", (0, 0), (-1, -1), self.font.name, 8.5),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        return table

    def _version_record(self) -> list[Flowable]:
        rows = [
            [self._cell(v.version), self._cell(v.date), self._cell(v.author), self._cell(v.change)]
            for v in self.versions
        ] or [[self._cell("—")] * 4]
        head = [
            Paragraph(escape_text(self.t(c)), self.styles["cell_head"])
            for c in ("Version", "Date", "Revised by", "Description of change")
        ]
        w = self.frame_width
        table = Table([head, *rows], colWidths=[w * 0.12, w * 0.18, w * 0.18, w * 0.52], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
                    ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                    ("INNERGRID", (0, 0), (-1, -1), 0.3, GRID),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("FONT", (0, 0), (-1, -1), self.font.name, 8.5),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return [Paragraph(escape_text(self.t("Version record")), self.styles["block_title"]), table]

    def _toc(self) -> list[Flowable]:
        toc = TableOfContents(levelStyles=[self.styles["toc0"], self.styles["toc1"]], dotsMinLevel=0)
        return [Paragraph(escape_text(self.t("Contents")), self.styles["block_title"]), toc]

    def _signature_block(self) -> list[Flowable]:
        if not self.signers:
            return []
        approval = self.approval
        head = [
            Paragraph(escape_text(self.t(c)), self.styles["cell_head"])
            for c in ("Signing as", "Name", "Signature", "Date")
        ]
        rows: list[list[object]] = [head]
        for s in self.signers:
            name, when = s.name, s.date
            if s.is_approver and approval is not None:
                name = approval.approver or name
                when = approval.approved_at
            rows.append([self._cell(self.t(s.role_label), "label"), self._cell(name), "", self._cell(when)])
        w = self.frame_width
        table = Table(
            rows, colWidths=[w * 0.2, w * 0.22, w * 0.34, w * 0.24], rowHeights=[None] + [13 * mm] * len(self.signers)
        )
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                    ("BACKGROUND", (0, 1), (0, -1), LABEL_FILL),
                    ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                    ("INNERGRID", (0, 0), (-1, -1), 0.3, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("FONT", (0, 0), (-1, -1), self.font.name, 8.5),
                    ("TOPPADDING", (0, 0), (-1, 0), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, 0), 3),
                ]
            )
        )
        out: list[Flowable] = [
            Spacer(1, 6 * mm),
            Paragraph(escape_text(self.t("Signatures")), self.styles["block_title"]),
            table,
        ]
        if approval is not None:
            text = self.t(
                "Approved by {name} at {time}. SHA-256: {sha}",
                name=approval.approver,
                time=format_value(approval.approved_at),
                sha=approval.sha256,
            )
            out.append(Spacer(1, 2 * mm))
            out.append(Paragraph(escape_text(text), self.styles["note"]))
        return [KeepTogether(out)]

    def _story(self) -> list[Flowable]:
        story: list[Flowable] = [Paragraph(escape_text(self.header.title), self.styles["title"])]
        if self.subtitle:
            story.append(Paragraph(escape_text(self.subtitle), self.styles["subtitle"]))
        story += [Spacer(1, 4 * mm), self._header_block(), *self._version_record()]
        show_toc = self.toc if self.toc is not None else self._headings >= 2
        if show_toc:
            story += [Spacer(1, 2 * mm), *self._toc(), PageBreak()]
        else:
            story.append(Spacer(1, 4 * mm))
        for make in self._items:
            story += make()
        story += self._signature_block()
        return _keep_headings_with_next(story)

    # -- page decoration --------------------------------------------------------------------

    def _decorate_page(self, canv: Canvas, number: int, total: int) -> None:
        width, height = self.page_size
        f = self.font.name
        canv.saveState()
        if self.watermark:
            canv.saveState()
            canv.setFillColor(colors.HexColor("#9AA5B1"))
            canv.setFillAlpha(0.18)
            canv.setFont(self.font.bold_name, 72)
            canv.translate(width / 2, height / 2)
            canv.rotate(40)
            canv.drawCentredString(0, -24, self.watermark)
            canv.restoreState()
        # header line: org name left, document number right
        y = height - 15 * mm
        canv.setFont(f, 8.5)
        canv.setFillColor(MUTED)
        canv.drawString(MARGIN_X, y, self.org_name)
        canv.drawRightString(width - MARGIN_X, y, self.header.number)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        canv.line(MARGIN_X, y - 2.5 * mm, width - MARGIN_X, y - 2.5 * mm)
        # footer
        line_y = 20 * mm
        canv.line(MARGIN_X, line_y, width - MARGIN_X, line_y)
        right = width - MARGIN_X
        if self.approval is not None:
            qr_size = 15 * mm
            payload = f"{self.header.number}|{self.approval.sha256}"
            widget = QrCodeWidget(payload, barLevel="M")
            x0, y0, x1, y1 = widget.getBounds()
            drawing = Drawing(qr_size, qr_size, transform=[qr_size / (x1 - x0), 0, 0, qr_size / (y1 - y0), 0, 0])
            drawing.add(widget)
            drawing.drawOn(canv, right - qr_size, line_y - qr_size - 1.5 * mm)
            right -= qr_size + 3 * mm
        canv.setFillColor(MUTED)
        canv.setFont(f, 8)
        label = self.t(
            "Report number: {number}   Version {version}", number=self.header.number, version=self.header.version
        )
        canv.drawString(MARGIN_X, line_y - 5 * mm, label)
        canv.drawRightString(right, line_y - 5 * mm, self.t("Page {page} of {pages}", page=number, pages=total))
        if self.approval is not None:
            canv.setFont(f, 7)
            approved = self.t(
                "Approved: {name}, {time}", name=self.approval.approver, time=format_value(self.approval.approved_at)
            )
            canv.drawString(MARGIN_X, line_y - 9.5 * mm, approved)
            canv.setFont(f, 6.8)
            canv.drawString(MARGIN_X, line_y - 13.5 * mm, f"SHA-256 {self.approval.sha256}")
        canv.restoreState()

    # -- output -----------------------------------------------------------------------------

    def build_bytes(self, *, invariant: bool = False) -> bytes:
        """The PDF as bytes. `invariant` makes the bytes reproducible (fixed dates and document id)."""
        buffer = BytesIO()
        doc = _DocTemplate(
            buffer,
            pagesize=self.page_size,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=self.header.title,
            author=self.header.drafter,
            subject=f"{self.header.number} v{self.header.version}",
            creator="Service Desk",
            lang="zh-CN" if self.language == "zh_CN" else "en",
            invariant=1 if invariant else 0,
            initialFontName=self.font.name,
        )
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            self.frame_width,
            self.page_size[1] - MARGIN_TOP - MARGIN_BOTTOM,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        doc.multiBuild(self._story(), canvasmaker=_numbered_canvas(self))
        return buffer.getvalue()

    @property
    def page_count(self) -> int:
        """Pages in the last build."""
        return self._last_page_count

    def build(self, path: str | os.PathLike[str], *, invariant: bool = False) -> BuildResult:
        """Build and write atomically to `path` (temp file in the same folder, then rename)."""
        data = self.build_bytes(invariant=invariant)
        target = write_atomic(path, data)
        return BuildResult(target, sha256_hex(data), self._last_page_count, data)
