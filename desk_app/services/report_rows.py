"""Stored reports as the screens read them: the rows of every version (`ReportRow`), the filter of
the report list, the approval history, the stored PDF and figures, and the names of kinds and states.

Lists read every column but the PDF blob (only its length), so a long list stays light.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from peewee import JOIN, fn

from desk_app.errors import NotFound, ValidationError
from desk_app.i18n import N_, label, t
from desk_app.models import User
from desk_app.models.enums import ReportState
from desk_app.models.reports import Report, ReportEvent
from desk_app.reports import catalog
from desk_app.reports.builder import write_atomic
from desk_app.services import records
from desk_app.services.actor import Actor
from desk_app.services.user_names import user_names

RS = ReportState
FROZEN_STATES = (RS.APPROVED.value, RS.PUBLISHED.value)


@dataclass(frozen=True)
class ReportRow:
    id: int
    number: str
    kind: str
    title: str
    period: str
    report_version: int
    language: str
    state: str
    drafter: str
    reviewer: str
    approver: str
    created_at: datetime
    submitted_at: datetime | None
    approved_at: datetime | None
    published_at: datetime | None
    reject_comment: str
    sha256: str
    pdf_size: int
    version: int  # optimistic locking (R42)
    reviewed_at: datetime | None = None
    drafter_id: int | None = None
    reviewer_id: int | None = None

    @property
    def frozen(self) -> bool:
        return self.state in FROZEN_STATES


@dataclass(frozen=True)
class ReportEventRow:
    action: str
    at: datetime
    user_name: str
    comment: str


@dataclass(frozen=True)
class ReportFilter:
    kind: str = ""
    state: str = ""
    text: str = ""  # number, period or title contains
    number: str = ""


#: English names of the report states (t() gives the Chinese).
STATE_LABELS = {"draft": N_("Draft"), "submitted": N_("Submitted"), "reviewed": N_("Reviewed"),
                "approved": N_("Approved"),
                "rejected": N_("Rejected"), "published": N_("Published")}


def kind_label(kind: str) -> str:
    """The report kind's title in the current language (the catalog's title)."""
    spec = catalog.KINDS.get(kind)
    return t(spec.title) if spec else kind


def state_label(state: str) -> str:
    return t(STATE_LABELS.get(state, label(state)))


# ---------------------------------------------------------------------------------------------
# rows


def _row(r: Report, names: dict[int, str] | None = None) -> ReportRow:
    if names is None:
        names = user_names({r.drafter_id, r.reviewer_id, r.approver_id})
    return ReportRow(
        r.id, r.number, r.kind, r.title, r.period, r.report_version, r.language, r.state,
        names.get(r.drafter_id, ""), names.get(r.reviewer_id, ""), names.get(r.approver_id, ""), r.created_at,
        r.submitted_at, r.approved_at, r.published_at, r.reject_comment, r.sha256,
        getattr(r, "pdf_size", None) if getattr(r, "pdf_size", None) is not None else len(r.pdf or b""), r.version,
        r.reviewed_at, r.drafter_id, r.reviewer_id)


def _rows(query) -> list[ReportRow]:
    reports = list(query)
    names = user_names({i for r in reports for i in (r.drafter_id, r.reviewer_id, r.approver_id)})
    return [_row(r, names) for r in reports]


def _light():
    """Every column but the PDF blob (plus its length), for lists."""
    fields = [f for name, f in Report._meta.fields.items() if name != "pdf"]
    return Report.select(*fields, fn.LENGTH(Report.pdf).alias("pdf_size"))


def list_reports(f: ReportFilter = ReportFilter(), limit: int = 2000) -> list[ReportRow]:
    """Reports, newest first (every version)."""
    query = _light().order_by(Report.created_at.desc(), Report.id.desc()).limit(limit)
    if f.kind:
        query = query.where(Report.kind == f.kind)
    if f.state:
        query = query.where(Report.state == f.state)
    if f.number:
        query = query.where(Report.number == f.number)
    for term in f.text.split():
        like = f"%{term}%"
        query = query.where(Report.number ** like | Report.period ** like | Report.title ** like)
    return _rows(query)


def history(number: str) -> list[ReportRow]:
    """Every version of one report number, oldest first."""
    return _rows(_light().where(Report.number == number).order_by(Report.report_version))


def get_report(report_id: int) -> ReportRow:
    return _row(records.load(Report, report_id))


def get_pdf(report_id: int) -> bytes:
    report = records.load(Report, report_id)
    if not report.pdf:
        raise NotFound(t("This report has no PDF."))
    return bytes(report.pdf)


def get_figures(report_id: int) -> dict:
    return json.loads(records.load(Report, report_id).figures_json or "{}")


def save_pdf(report_id: int, path: str | Path) -> Path:
    """Write the stored PDF to `path` atomically (byte for byte: it verifies as the stored one)."""
    return write_atomic(path, get_pdf(report_id))


def events(report_id: int) -> list[ReportEventRow]:
    query = (ReportEvent.select(ReportEvent, User).join(User, JOIN.LEFT_OUTER, on=(ReportEvent.user == User.id))
             .where(ReportEvent.report == report_id).order_by(ReportEvent.at, ReportEvent.id))
    return [ReportEventRow(e.action, e.at, e.user.full_name if e.user_id else "", e.comment) for e in query]


def load_for_change(report_id: int, allowed: tuple[str, ...]) -> Report:
    """The report, when it is in one of the `allowed` states; otherwise a message saying why not."""
    report = records.load(Report, report_id)
    if report.state in FROZEN_STATES and report.state not in allowed:
        raise ValidationError(
            t("Report {number} version {version} is {state} and can no longer be changed; generate a new version "
              "instead.", number=report.number, version=report.report_version, state=state_label(report.state)),
            field="state")
    if report.state not in allowed:
        raise ValidationError(
            t("Report {number} version {version} is {state}; this step is not possible now.", number=report.number,
              version=report.report_version, state=state_label(report.state)), field="state")
    return report


def change(actor: Actor, report: Report, expected_version: int | None, changes: dict, action: str,
           comment: str = "") -> ReportRow:
    """One step of the workflow: the changes (audited), and the event in the report's history, together."""
    with Report._meta.database.atomic():
        records.update(actor, report, expected_version, changes, f"report.{action}")
        ReportEvent.create(report=report.id, action=action, user=actor.id, comment=comment)
    return get_report(report.id)


def latest_for(kind: str, period: str) -> ReportRow | None:
    """The newest version of a report, if any."""
    number = catalog.report_number(kind, period)
    rows = history(number)
    return rows[-1] if rows else None

