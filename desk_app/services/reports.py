"""Reports for approval (§9, R35–R38): generation, storage and the approval workflow.

- `generate` computes the figures (`report_data`), builds the PDF with a draft watermark and stores
  a new version row (number per kind and period, e.g. FW-2026-10; version = previous highest + 1),
  with the figures, the PDF bytes and the PDF's SHA-256. Regenerating never touches an older row.
- draft/rejected → `submit` → submitted → `review` → reviewed → `approve` → approved → `publish` →
  published; `reject` (comment) at review or approval. Review and approval are digital signatures
  on the final file built from the STORED figures (frozen, not recomputed), see `report_signing`.
  A PDF cannot print its own hash, so `Report.sha256` keeps the hash of the stored file and the
  footer prints the SHA-256 of the canonical figures JSON. An approved or published row never
  changes again.
- `print_form` does the same for the single forms (revisit form, complaint feedback form,
  improvement tracking table); their period is the record's number, so they go through approval too.

The rows the screens read are in `report_rows`, what the PDF is built from in `report_rendering`,
the check of a file in `report_verify`; the reports screen reaches them through this module too.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable

from peewee import IntegrityError, fn

from desk_app.errors import PermissionDenied, ValidationError
from desk_app.i18n import current_language, t
from desk_app.mail import Attachment
from desk_app.models import now
from desk_app.models.enums import ReportKind, ReportState
from desk_app.models.reports import Report, ReportEvent
from desk_app.reports import catalog
from desk_app.services import audit, outbox, records, report_data, report_periods, settings
from desk_app.services.actor import Actor
from desk_app.services.permissions import Permission, can, require
from desk_app.services.report_rendering import build_pdf, version_rows
from desk_app.services.report_rows import ReportFilter as ReportFilter
from desk_app.services.report_rows import ReportRow, change, get_report, load_for_change
from desk_app.services.report_rows import get_pdf as get_pdf
from desk_app.services.report_rows import history as history
from desk_app.services.report_rows import kind_label as kind_label
from desk_app.services.report_rows import list_reports as list_reports
from desk_app.services.report_rows import save_pdf as save_pdf
from desk_app.services.report_rows import state_label as state_label
from desk_app.services.report_signing import approve as approve
from desk_app.services.report_signing import reject as reject
from desk_app.services.report_signing import review as review
from desk_app.services.report_verify import verify_file as verify_file
from desk_app.services.validation import clean_text

RS = ReportState
PERIODIC_KINDS = tuple(k.value for k in report_data.PERIODIC_KINDS)
FORM_KINDS = tuple(k.value for k in report_data.FORM_KINDS)
ALL_KINDS = tuple(k.value for k in ReportKind)

Progress = Callable[[int, int], None]


# ---------------------------------------------------------------------------------------------
# generating


def _language(language: str | None) -> str:
    return language if language in ("zh_CN", "en") else current_language()


def _store(actor: Actor, kind: str, period: str, figures: dict, language: str,
           progress: Progress | None = None) -> ReportRow:
    number = catalog.report_number(kind, period)
    title = catalog.title_of(kind, language)
    for _attempt in range(3):
        highest = Report.select(fn.MAX(Report.report_version)).where(Report.number == number).scalar() or 0
        version = highest + 1
        created = now()
        versions = version_rows(number, version, language, actor.full_name, created)
        pdf = build_pdf(kind, figures, number, version, language, actor.full_name, versions, drafted_on=created.date())
        if progress:
            progress(2, 3)
        previous = (Report.select(Report.id).where(Report.number == number)
                    .order_by(Report.report_version.desc()).first())
        try:
            with Report._meta.database.atomic():
                report = Report.create(
                    number=number, kind=kind, period=period, report_version=version, title=title, language=language,
                    state=RS.DRAFT.value, figures_json=json.dumps(figures, ensure_ascii=False, sort_keys=True),
                    pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest(), drafter=actor.id, created_at=created,
                    updated_at=created, supersedes=previous.id if previous else None, updated_by=actor.id)
                ReportEvent.create(report=report, action="generated", user=actor.id, at=created,
                                   comment=t("Version {version}", version=version))
                snap = {k: v for k, v in audit.snapshot(report).items() if k != "figures_json"}
                audit.record(actor, "report.generate", report, after=snap)
        except IntegrityError:  # another workstation took this version number meanwhile
            continue
        if progress:
            progress(3, 3)
        return get_report(report.id)
    raise ValidationError(t("Another workstation is generating this report; try again."), field="number")


def generate(actor: Actor, kind: str, period: str, language: str | None = None,
             progress: Progress | None = None) -> ReportRow:
    """A new draft version of a periodic report (R35, R37)."""
    require(actor, Permission.REPORT_DRAFT)
    if kind not in PERIODIC_KINDS:
        raise ValidationError(t("Unknown report kind: {kind}.", kind=kind), field="kind")
    p = report_periods.parse_period(kind, period)
    language = _language(language)
    if progress:
        progress(0, 3)
    figures = report_data.compute(kind, p.text, language)
    if progress:
        progress(1, 3)
    return _store(actor, kind, p.text, figures, language, progress)


_FORM_PERMISSIONS = {
    "revisit-form": (Permission.FILL_REVISIT, Permission.VIEW_ALL_RESULTS),
    "complaint-feedback": (Permission.COMPLAINT_HANDLE, Permission.COMPLAINT_RECORD),
    "improvement-table": (Permission.IMPROVEMENT_EDIT,),
}


def print_form(actor: Actor, kind: str, record_id: int | None, language: str | None = None,
               progress: Progress | None = None) -> ReportRow:
    """A single form as a stored draft report (R19, R24, R26); its period is the record's number.

    For the improvement table `record_id` None prints the whole table (period: today's date).
    Allowed with REPORT_DRAFT or the permission of the form's own flow (e.g. a team lead prints
    the revisit forms of their team).
    """
    if kind not in FORM_KINDS:
        raise ValidationError(t("Unknown report kind: {kind}.", kind=kind), field="kind")
    if not (can(actor, Permission.REPORT_DRAFT) or any(can(actor, p) for p in _FORM_PERMISSIONS[kind])):
        raise PermissionDenied(t("You are not allowed to do this: {action}.", action=t(Permission.REPORT_DRAFT.value)))
    if kind != "improvement-table" and record_id is None:
        raise ValidationError(t("Choose the record to print."), field="record")
    language = _language(language)
    if progress:
        progress(0, 3)
    figures = report_data.compute_form(actor, kind, record_id, language)
    if progress:
        progress(1, 3)
    return _store(actor, kind, figures["period"], figures, language, progress)


# ---------------------------------------------------------------------------------------------
# workflow (R37)


def submit(actor: Actor, report_id: int, expected_version: int | None) -> ReportRow:
    """draft / rejected → submitted for approval."""
    require(actor, Permission.REPORT_DRAFT)
    report = load_for_change(report_id, (RS.DRAFT.value, RS.REJECTED.value))
    return change(actor, report, expected_version, {"state": RS.SUBMITTED.value, "submitted_at": now()},
                   "submitted")


def publish(actor: Actor, report_id: int, expected_version: int | None) -> ReportRow:
    """approved → published (distributed). The PDF and figures stay exactly as approved; the signed file is
    mailed to the distribution list (`report.mail_to` and any address in the distribution scope, R51)."""
    require(actor, Permission.REPORT_DRAFT)
    report = load_for_change(report_id, (RS.APPROVED.value,))
    with Report._meta.database.atomic():
        row = change(actor, report, expected_version, {"state": RS.PUBLISHED.value, "published_at": now()},
                     "published")
        _mail_published(report)
    return row


def distribution_addresses(report: Report) -> list[str]:
    """`report.mail_to`, then the addresses written in the report's distribution scope, each once."""
    scope = re.findall(r"[^\s,;，；、<>()（）]+@[^\s,;，；、<>()（）]+", report.distribution_scope)
    found = [*map(str, settings.get("report.mail_to")), *scope]
    return list(dict.fromkeys(a.strip() for a in found if a.strip()))


def _mail_published(report: Report) -> None:
    attachment = Attachment(f"{report.number}-v{report.report_version}.pdf", bytes(report.pdf or b""),
                            "application/pdf")
    values = {"title": report.title, "number": report.number, "version": report.report_version}
    for address in distribution_addresses(report):
        outbox.queue("report.published", outbox.Recipient(address, address.partition("@")[0], report.language),
                     values, entity="report", entity_id=report.id, attachments=(attachment,))


def set_distribution(actor: Actor, report_id: int, expected_version: int | None, distribution: str) -> ReportRow:
    """Change the distribution scope of a report that is not yet approved (printed at approval)."""
    require(actor, Permission.REPORT_DRAFT)
    report = load_for_change(report_id, (RS.DRAFT.value, RS.REJECTED.value, RS.SUBMITTED.value))
    text = clean_text(distribution, t("Distribution scope"), field="distribution")
    with Report._meta.database.atomic():
        records.update(actor, report, expected_version, {"distribution_scope": text}, "report.distribution")
    return get_report(report_id)

