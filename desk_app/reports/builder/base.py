"""The state of a report document, declared once: the mixins of `ReportDocument` (tables, charts, front
matter, signatures, pages) all read it, and body helpers append to its list of content makers."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from desk_app.reports.builder.model import Approval, DocumentHeader, SignatureBox, Signer, VersionRow
from desk_app.reports.builder.text import escape_text, format_value, translate
from desk_app.reports.fonts import FontInfo


class DocumentBase:
    """Attributes `ReportDocument.__init__` sets, and the two helpers every part uses."""

    header: DocumentHeader
    language: str
    org_name: str
    subtitle: str
    versions: list[VersionRow]
    signers: list[Signer]
    approval: Approval | None
    #: Final file: PDF/A-2b metadata and output intent (see `archival`).
    archival: bool
    font: FontInfo
    toc: bool | None
    watermark: str | None
    page_size: tuple[float, float]
    frame_width: float
    styles: dict[str, ParagraphStyle]
    #: The body: each callable makes its flowables afresh on every build.
    _items: list[Callable[[], list[Flowable]]]
    _headings: int
    _figures: int
    _tables: int
    _last_page_count: int
    #: The signature boxes of the last build, by `Signer.sign_key` (filled while the table is drawn).
    _signature_boxes: dict[str, SignatureBox]

    def t(self, text: str, /, **values: object) -> str:
        """Translate an English source string into this document's language."""
        return translate(self.language, text, **values)

    def _cell(self, text: object, style: str = "cell") -> Paragraph:
        """A plain value as a table cell paragraph (escaped, formatted like `format_value`)."""
        return Paragraph(escape_text(format_value(text)), self.styles[style])
