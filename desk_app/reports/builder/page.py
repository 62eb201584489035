"""The pages of a report: the page template (one body frame), headings kept with what follows them and
fed to the contents and the PDF bookmarks, a canvas that waits for the last page to print "page X of Y",
and what every page carries (header line, footer with report number and approval, QR code, watermark).
A final (archival) document is marked PDF/A-2b just before it is written (see `archival`)."""

from __future__ import annotations

from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from desk_app.reports.builder.archival import mark_pdfa
from desk_app.reports.builder.base import DocumentBase
from desk_app.reports.builder.styles import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, MUTED, RULE, WATERMARK
from desk_app.reports.builder.text import format_value


def mark_heading(paragraph: Paragraph, level: int) -> Paragraph:
    """Mark `paragraph` as a heading of contents level `level` (0 or 1)."""
    paragraph._desk_toc_level = level  # type: ignore[attr-defined]
    return paragraph


def heading_level(flowable: Flowable) -> int | None:
    """The contents level of a heading marked by `mark_heading`, None for anything else."""
    return getattr(flowable, "_desk_toc_level", None)


def keep_headings_with_next(story: list[Flowable]) -> list[Flowable]:
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
        if heading_level(item) is None:
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
            if isinstance(nxt, Spacer | CondPageBreak) or heading_level(nxt) is not None:
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
        level = heading_level(flowable)
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


def _qr_code(payload: str, size: float, font_name: str) -> Drawing:
    """`payload` as a QR code drawing `size` square; its graphics state starts in `font_name`, not in
    reportlab's default Helvetica (which would be listed as an unembedded font although nothing uses it)."""
    widget = QrCodeWidget(payload, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0],
                      initialFontName=font_name, initialFontSize=8)
    drawing.add(widget)
    return drawing


def _numbered_canvas(report: PagesMixin) -> type[Canvas]:
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
            if report.archival:
                mark_pdfa(self)
            Canvas.save(self)

    return NumberedCanvas


class PagesMixin(DocumentBase):
    """Lays a story out on pages and decorates every page; `page_count` of the last build."""

    @property
    def page_count(self) -> int:
        """Pages in the last build."""
        return self._last_page_count

    def _render(self, story: list[Flowable], *, invariant: bool) -> bytes:
        """The PDF of `story`; `invariant` makes the bytes reproducible (fixed dates and document id)."""
        buffer = BytesIO()
        self._signature_boxes.clear()  # in place: the story's signature table records into this dict
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
        doc.multiBuild(keep_headings_with_next(story), canvasmaker=_numbered_canvas(self))
        return buffer.getvalue()

    def _decorate_page(self, canv: Canvas, number: int, total: int) -> None:
        width, height = self.page_size
        f = self.font.name
        canv.saveState()
        if self.watermark:
            canv.saveState()
            canv.setFillColor(WATERMARK)
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
            # number|sha256 on EVERY page, so any single printed page can be checked
            qr_size = 15 * mm
            qr = _qr_code(f"{self.header.number}|{self.approval.sha256}", qr_size, f)
            qr.drawOn(canv, right - qr_size, line_y - qr_size - 1.5 * mm)
            right -= qr_size + 3 * mm
        canv.setFillColor(MUTED)
        canv.setFont(f, 8)
        label = self.t(
            "Report number: {number}   Version {version}", number=self.header.number, version=self.header.version
        )
        canv.drawString(MARGIN_X, line_y - 5 * mm, label)
        canv.drawRightString(right, line_y - 5 * mm, self.t("Page {page} of {pages}", page=number, pages=total))
        if self.approval is not None:
            if self.approval.approver:  # no name yet: a file made for signing shows only the hash
                canv.setFont(f, 7)
                approved = self.t(
                    "Approved: {name}, {time}",
                    name=self.approval.approver,
                    time=format_value(self.approval.approved_at),
                )
                canv.drawString(MARGIN_X, line_y - 9.5 * mm, approved)
            canv.setFont(f, 6.8)
            canv.drawString(MARGIN_X, line_y - 13.5 * mm, f"SHA-256 {self.approval.sha256}")
        canv.restoreState()
