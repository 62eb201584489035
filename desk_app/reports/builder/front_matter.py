"""What every report opens with (R36): title, header block, version record and, with two or more
headings, a table of contents."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from desk_app.i18n import N_
from desk_app.reports.builder.base import DocumentBase
from desk_app.reports.builder.styles import GRID, HEADER_FILL, LABEL_FILL, RULE, ZEBRA
from desk_app.reports.builder.text import escape_text


class FrontMatterMixin(DocumentBase):
    """The front matter of `ReportDocument`, made afresh for each build."""

    def _front_matter(self) -> list[Flowable]:
        story: list[Flowable] = [Paragraph(escape_text(self.header.title), self.styles["title"])]
        if self.subtitle:
            story.append(Paragraph(escape_text(self.subtitle), self.styles["subtitle"]))
        story += [Spacer(1, 4 * mm), self._header_block(), *self._version_record()]
        show_toc = self.toc if self.toc is not None else self._headings >= 2
        if show_toc:
            story += [Spacer(1, 2 * mm), *self._toc(), PageBreak()]
        else:
            story.append(Spacer(1, 4 * mm))
        return story

    def _header_block(self) -> Flowable:
        h = self.header
        lab = lambda s: self._cell(self.t(s), "label")  # noqa: E731
        val = self._cell
        rows = [
            [lab(N_("Document number")), val(h.number), lab(N_("Version")), val(h.version)],
            [lab(N_("Document name")), val(h.title), "", ""],
            [lab(N_("Drafter")), val(h.drafter), lab(N_("Reviewer")), val(h.reviewer)],
            [lab(N_("Approver")), val(h.approver), lab(N_("Effective date")), val(h.effective_date)],
            [lab(N_("Distribution scope")), val(h.distribution), "", ""],
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
            for c in (N_("Version"), N_("Date"), N_("Revised by"), N_("Description of change"))
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
        # reportlab's default TOC table style names no font, so its cells would set Helvetica
        style = TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), self.font.name, 10),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
        toc = TableOfContents(
            levelStyles=[self.styles["toc0"], self.styles["toc1"]], dotsMinLevel=0, tableStyle=style
        )
        return [Paragraph(escape_text(self.t("Contents")), self.styles["block_title"]), toc]
