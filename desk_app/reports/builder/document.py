"""`ReportDocument`: the one class a report is written against. It holds the document's state and the
simple body helpers (headings, text, spacing); tables, charts, the front matter, the signature block
and the pages come from one mixin each."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer

from desk_app.reports.builder.charts import ChartsMixin
from desk_app.reports.builder.front_matter import FrontMatterMixin
from desk_app.reports.builder.model import (
    Approval,
    BuildResult,
    DocumentHeader,
    SignablePdf,
    SignatureBox,
    Signer,
    VersionRow,
)
from desk_app.reports.builder.page import PagesMixin, mark_heading
from desk_app.reports.builder.signatures import SignaturesMixin, default_signers
from desk_app.reports.builder.styles import MARGIN_X, PAGE_SIZE, make_styles
from desk_app.reports.builder.tables import TablesMixin
from desk_app.reports.builder.text import escape_text, sha256_hex, write_atomic
from desk_app.reports.fonts import FontInfo, find_cjk_font

LANGUAGES = ("zh_CN", "en")


class ReportDocument(TablesMixin, ChartsMixin, FrontMatterMixin, SignaturesMixin, PagesMixin):
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
        archival: bool | None = None,
    ) -> None:
        """`signers` defaults to drafter, reviewer and approver from the header; `toc` None means
        "when there are two or more headings"; `watermark` (e.g. ``doc.t("Draft")``) is printed faintly
        across each page; `font` wins over `font_path` (the pdf.font_path setting); `page_size` is A4
        portrait unless given (e.g. ``landscape(A4)`` for wide tables); `archival` (PDF/A-2b metadata and
        sRGB output intent) defaults to "when there is an approval", i.e. the final file."""
        self.header = header
        self.language = language if language in LANGUAGES else "en"
        self.org_name = org_name
        self.subtitle = subtitle
        self.versions = list(versions)
        self.approval = approval
        self.archival = approval is not None if archival is None else archival
        self.font = font or find_cjk_font(font_path)
        self.toc = toc
        self.watermark = watermark
        self.page_size = page_size
        self.frame_width = page_size[0] - 2 * MARGIN_X
        self.signers = list(default_signers(header) if signers is None else signers)
        self._items = []
        self._headings = 0
        self._figures = 0
        self._tables = 0
        self._last_page_count = 0
        self._signature_boxes = {}
        self.styles = make_styles(self.font, self.language)

    # -- body helpers (each appends to the story; tables and charts come from their mixins) ----

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
            p = mark_heading(Paragraph(escape_text(text), style), toc_level)
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

    # -- output -------------------------------------------------------------------------------

    def _story(self) -> list[Flowable]:
        story = self._front_matter()
        for make in self._items:
            story += make()
        return story + self._signature_block()

    def build_bytes(self, *, invariant: bool = False) -> bytes:
        """The PDF as bytes. `invariant` makes the bytes reproducible (fixed dates and document id)."""
        return self._render(self._story(), invariant=invariant)

    @property
    def signature_boxes(self) -> dict[str, SignatureBox]:
        """The signature boxes of the last build, by `Signer.sign_key` (empty before a build)."""
        return dict(self._signature_boxes)

    def build_signable(self, *, invariant: bool = False) -> SignablePdf:
        """The PDF with the boxes where its digital signatures go."""
        data = self.build_bytes(invariant=invariant)
        return SignablePdf(data, self.signature_boxes)

    def build(self, path: str | os.PathLike[str], *, invariant: bool = False) -> BuildResult:
        """Build and write atomically to `path` (temp file in the same folder, then rename)."""
        data = self.build_bytes(invariant=invariant)
        target = write_atomic(path, data)
        return BuildResult(target, sha256_hex(data), self._last_page_count, data)
