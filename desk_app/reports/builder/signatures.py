"""What every report closes with (R37): the signature block, filled in from the approval once there is one.

A signer line with a `Signer.sign_key` is meant to be signed digitally: while the table is drawn, the
rectangle of its empty Signature cell is recorded (page and absolute page coordinates) in
`signature_boxes`, where the signing step places the visible stamp."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from desk_app.i18n import N_
from desk_app.reports.builder.base import DocumentBase
from desk_app.reports.builder.model import DocumentHeader, SignatureBox, Signer
from desk_app.reports.builder.styles import HEADER_FILL, LABEL_FILL, RULE
from desk_app.reports.builder.text import escape_text, format_value

#: The column of the (empty) signature cell in the signature table.
SIGNATURE_COLUMN = 2


def default_signers(header: DocumentHeader) -> list[Signer]:
    """Drafter, reviewer and approver of the header block: who signs unless a report says otherwise."""
    return [
        Signer(N_("Drafted by"), header.drafter),
        Signer(N_("Reviewed by"), header.reviewer, sign_key="reviewer"),
        Signer(N_("Approved by"), header.approver, is_approver=True, sign_key="approver"),
    ]


class _BoxMarker(Flowable):
    """Nothing to see: sits in a Signature cell and tells `_SignatureTable` whose box the cell is."""

    def __init__(self, key: str, sink: dict[str, SignatureBox]) -> None:
        super().__init__()
        self.key = key
        self.sink = sink

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class _SignatureTable(Table):
    """The signature table; after drawing, records the cells holding a `_BoxMarker` in absolute page
    coordinates. Split parts are made by reportlab with this class and the same cells, so a table
    broken over two pages still records each box on the page it lands on."""

    def draw(self) -> None:
        super().draw()
        canv = self.canv
        page = canv.getPageNumber() - 1
        for row, cells in enumerate(self._cellvalues):
            for col, cell in enumerate(cells):
                if not isinstance(cell, _BoxMarker):
                    continue
                left, right = self._colpositions[col], self._colpositions[col + 1]
                top, bottom = self._rowpositions[row], self._rowpositions[row + 1]
                x1, y1 = canv.absolutePosition(left, bottom)
                x2, y2 = canv.absolutePosition(right, top)
                cell.sink[cell.key] = SignatureBox(page, min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))


class SignaturesMixin(DocumentBase):
    """The signature block of `ReportDocument`, kept on one page."""

    def _signature_block(self) -> list[Flowable]:
        if not self.signers:
            return []
        approval = self.approval
        head = [
            Paragraph(escape_text(self.t(c)), self.styles["cell_head"])
            for c in (N_("Signing as"), N_("Name"), N_("Signature"), N_("Date"))
        ]
        rows: list[list[object]] = [head]
        for s in self.signers:
            name, when = s.name, s.date
            if s.is_approver and approval is not None:
                name = approval.approver or name
                when = approval.approved_at if approval.approver else when
            if s.sign_key and s.is_approver:
                name = ""  # the visible digital signature carries the approver's name, role and time
            signature: object = _BoxMarker(s.sign_key, self._signature_boxes) if s.sign_key else ""
            rows.append([self._cell(self.t(s.role_label), "label"), self._cell(name), signature, self._cell(when)])
        w = self.frame_width
        row_h = (13 if len(self.signers) <= 3 else 11) * mm  # four lines still leave a one-page form on one page
        table = _SignatureTable(
            rows, colWidths=[w * 0.2, w * 0.22, w * 0.34, w * 0.24], rowHeights=[None] + [row_h] * len(self.signers)
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
            if approval.approver:
                text = self.t(
                    "Approved by {name} at {time}. SHA-256: {sha}",
                    name=approval.approver,
                    time=format_value(approval.approved_at),
                    sha=approval.sha256,
                )
            else:
                text = self.t("Figures SHA-256: {sha}", sha=approval.sha256)
            out.append(Spacer(1, 2 * mm))
            out.append(Paragraph(escape_text(text), self.styles["note"]))
        return [KeepTogether(out)]
