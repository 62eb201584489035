"""What the PDF builder gets besides the figures: the document's number and version, the table of
earlier versions with what changed, the organisation name and font from the settings, and, at
approval, the approver's signature block. Drafts and approvals are built through `build_pdf`."""

from __future__ import annotations

from datetime import date, datetime

from desk_app.models.enums import ReportState
from desk_app.models.reports import Report
from desk_app.reports import catalog
from desk_app.reports.builder import Approval, VersionRow, translate
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
              versions: list[VersionRow], approver: str = "", approval: Approval | None = None,
              effective_date: date | None = None, distribution: str = "", drafted_on: date | None = None) -> bytes:
    """The PDF of a report version: a draft (watermarked) without `approval`, the final file with it."""
    meta = catalog.BuildMeta(number=number, version=_version_text(version), language=language, drafted_on=drafted_on,
                             org_name=_org_name(), drafter=drafter, approver=approver,
                             effective_date=effective_date, distribution=distribution, versions=versions,
                             approval=approval, font_path=_font_path())
    return catalog.build_pdf(kind, figures, meta)

