"""What the PDF builder gets besides the figures: the document's number and version, the table of
earlier versions with what changed, the organisation name and font from the settings. Drafts are
built through `build_pdf`, the final file to be signed through `final_pdf`."""

from __future__ import annotations

import json
from datetime import date, datetime

from desk_app.i18n import N_
from desk_app.models.enums import ReportState
from desk_app.models.reports import Report
from desk_app.reports import catalog
from desk_app.reports.builder import Approval, SignablePdf, VersionRow, canonical_sha256, translate
from desk_app.reports.fonts import find_cjk_font
from desk_app.services import settings
from desk_app.services.user_names import user_names


def _version_text(n: int) -> str:
    return f"{n}.0"


def version_rows(number: str, up_to: int, language: str, drafter_of_new: str = "",
                 created_new: datetime | None = None) -> list[VersionRow]:
    """The version table of report `number` up to version `up_to` (with the new one, when `created_new`)."""
    rows: list[VersionRow] = []
    previous: Report | None = None
    olds = list(Report.select(Report.id, Report.report_version, Report.created_at, Report.drafter, Report.state,
                              Report.reject_comment)
                .where((Report.number == number) & (Report.report_version <= up_to)).order_by(Report.report_version))
    names = user_names({r.drafter_id for r in olds})

    def change(prev: Report | None) -> str:
        if prev is None:
            return translate(language, "First issue")
        if prev.state == ReportState.REJECTED.value and prev.reject_comment:
            return translate(language, "Revised after rejection: {comment}", comment=prev.reject_comment)
        return translate(language, "Regenerated from the current data")

    for r in olds:
        rows.append(VersionRow(_version_text(r.report_version), r.created_at.date(), names.get(r.drafter_id, ""),
                               change(previous)))
        previous = r
    if created_new is not None and (not olds or olds[-1].report_version < up_to):
        rows.append(VersionRow(_version_text(up_to), created_new.date(), drafter_of_new, change(previous)))
    return rows


def _org_name() -> str:
    return str(settings.get("org.name") or "")


def _font_path() -> str | None:
    return str(settings.get("pdf.font_path") or "") or None


def build_pdf(kind: str, figures: dict, number: str, version: int, language: str, drafter: str,
              versions: list[VersionRow], drafted_on: date | None = None) -> bytes:
    """The draft PDF of a report version (watermarked, not signed)."""
    meta = catalog.BuildMeta(number=number, version=_version_text(version), language=language, drafted_on=drafted_on,
                             org_name=_org_name(), drafter=drafter, versions=versions, font_path=_font_path())
    return catalog.build_pdf(kind, figures, meta)


def draft_pdf(report: Report) -> bytes:
    """The draft PDF of a stored version again, from its stored figures (after a signed file is rejected)."""
    names = user_names({report.drafter_id})
    return build_pdf(report.kind, json.loads(report.figures_json or "{}"), report.number, report.report_version,
                     report.language, names.get(report.drafter_id, ""),
                     version_rows(report.number, report.report_version, report.language),
                     drafted_on=report.created_at.date())


#: The header's approver cell of a file made for signing: the approver is known only when they sign.
APPROVER_SIGNS = N_("see the digital signature below")


def final_pdf(report: Report, reviewer: str, at: datetime, effective: date) -> SignablePdf:
    """The final file to be signed (R45, R47): from the stored figures (frozen), without watermark,
    PDF/A-2b, the reviewer's name printed, the figures' SHA-256 and QR code in every footer, and the
    boxes of the reviewer's and approver's signatures. The approver's name comes with their signature."""
    figures = json.loads(report.figures_json or "{}")
    names = user_names({report.drafter_id})
    meta = catalog.BuildMeta(
        number=report.number, version=_version_text(report.report_version), language=report.language,
        drafted_on=report.created_at.date(), org_name=_org_name(), drafter=names.get(report.drafter_id, ""),
        reviewer=reviewer, approver=translate(report.language, APPROVER_SIGNS), effective_date=effective,
        distribution=report.distribution_scope,
        versions=version_rows(report.number, report.report_version, report.language),
        approval=Approval("", at, canonical_sha256(figures)), font_path=_font_path())
    return catalog.build_signable_pdf(report.kind, figures, meta)


def stamp_font_path() -> str | None:
    """The CJK TrueType font of the reports, for the visible signatures."""
    return find_cjk_font(_font_path()).path

