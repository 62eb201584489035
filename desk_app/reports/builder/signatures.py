"""What every report closes with (R37): the signature block, filled in from the approval once there is one."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from desk_app.i18n import N_
from desk_app.reports.builder.base import DocumentBase
from desk_app.reports.builder.model import DocumentHeader, Signer
from desk_app.reports.builder.styles import HEADER_FILL, LABEL_FILL, RULE
from desk_app.reports.builder.text import escape_text, format_value


def default_signers(header: DocumentHeader) -> list[Signer]:
    """Drafter, reviewer and approver of the header block: who signs unless a report says otherwise."""
    return [
        Signer(N_("Drafted by"), header.drafter),
        Signer(N_("Reviewed by"), header.reviewer),
        Signer(N_("Approved by"), header.approver, is_approver=True),
    ]


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
