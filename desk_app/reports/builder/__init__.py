"""The shared PDF report builder (reportlab platypus) every report and form is made with.

A report is a `ReportDocument`: a `DocumentHeader` (R36), a version record, signers and, once
approved, an `Approval` (R37). Concrete reports add their body with the helpers below; the
builder adds the front matter (title, header block, version record, table of contents when there
are two or more headings), the signature block at the end, and on every page a header line (org
name, document number) and a footer (report number, "page X of Y"; once approved also the
SHA-256 and a QR code holding ``number|sha256``; the QR code is in EVERY page footer, so any
single printed page can be checked).

It takes plain data only: no Qt, no database. Labels are English source strings translated
through the gettext catalogue behind `desk_app.i18n.t`, in the document's own language, so a
report can be built in a worker thread without switching the application's language. A label
handed over in a variable (table columns, signer roles) is marked with `N_()` where it is
written, so the catalogue's extractor finds it. User text (`paragraph`, table cells, names) is
escaped, so ``<``, ``&`` and newlines print as typed.

Example::

    from datetime import date, datetime
    from desk_app.i18n import N_
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
    doc.table([N_("Ticket"), N_("Team"), N_("Description")], rows, widths=[2, 2, 6])
    doc.heading(doc.t("Complaints"))
    doc.no_data()                            # an empty section still renders
    result = doc.build("out/report.pdf")     # atomic write; result.sha256 is the file's hash

`build_bytes()` returns the PDF without writing a file (for preview or storing in the database);
`build_signable()` returns it as a `SignablePdf` with the `SignatureBox` of every signer line that has
a `Signer.sign_key` ("reviewer", "approver"): page index and absolute page coordinates of its empty
Signature cell, where a digital signature's stamp goes.

Every font in the file is embedded (the CJK TrueType font; also the initial font of each page, chart
labels and the QR code). With an approval the file is final: no watermark, and PDF/A-2b
identification (XMP metadata with pdfaid part 2 / conformance B, sRGB output intent; `archival`).
A `ReportDocument` can be built more than once; each build makes fresh flowables.

Which hash goes into `Approval.sha256` is the caller's decision: a PDF cannot print its own
SHA-256 (printing it changes the file). The builder prints what it is given (e.g.
`canonical_sha256(figures)` of the frozen figures) and returns `BuildResult.sha256`, the hash of
the final file, which is what `verify FILE.pdf` should compare against.

The modules: `model` (the plain data above), `text` (translation, escaping, hashes, atomic write),
`styles` (geometry, colours, paragraph styles), `base` (the document state the parts share),
`tables`, `charts`, `front_matter`, `signatures` and `page` (one mixin each), `archival` (PDF/A
metadata and output intent) and `document`
(`ReportDocument` composing them). Import from this package, not from the modules.
"""

from desk_app.reports.builder.document import ReportDocument
from desk_app.reports.builder.model import (
    Approval,
    BuildResult,
    DocumentHeader,
    SignablePdf,
    SignatureBox,
    Signer,
    VersionRow,
)
from desk_app.reports.builder.styles import INK, LABEL_FILL
from desk_app.reports.builder.text import (
    canonical_sha256,
    escape_text,
    format_value,
    sha256_hex,
    translate,
    write_atomic,
)

__all__ = [
    "INK",
    "LABEL_FILL",
    "Approval",
    "BuildResult",
    "DocumentHeader",
    "ReportDocument",
    "SignablePdf",
    "SignatureBox",
    "Signer",
    "VersionRow",
    "canonical_sha256",
    "escape_text",
    "format_value",
    "sha256_hex",
    "translate",
    "write_atomic",
]
