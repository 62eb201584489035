"""Reports for approval (§9, R35–R38): generation, storage, the approval workflow and verification.

- `generate` computes the figures (`report_data`), builds the PDF with a draft watermark and stores
  a new version row (number per kind and period, e.g. FW-2026-10; version = previous highest + 1),
  with the figures, the PDF bytes and the PDF's SHA-256. Regenerating never touches an older row.
- draft/rejected → `submit` → submitted → `approve` (manager, password re-entered) or `reject`
  (comment) → approved → `publish` → published. Approval rebuilds the PDF from the STORED figures
  (frozen, not recomputed) without the watermark, with the approver's name and time in the
  signature block and, in every footer, the SHA-256 of the canonical figures JSON and a QR code.
  A PDF cannot print its own hash, so `Report.sha256` keeps the hash of the final file: that is
  what `verify_file` compares. An approved or published row never changes again.
- `print_form` does the same for the single forms (revisit form, complaint feedback form,
  improvement tracking table); their period is the record's number, so they go through approval too.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from peewee import JOIN, IntegrityError, fn

from desk_app.i18n import current_language, label, t
from desk_app.models import User, now
from desk_app.models.enums import ReportKind, ReportState
from desk_app.models.reports import Report, ReportEvent
from desk_app.reports import catalog
from desk_app.reports.builder import Approval, VersionRow, canonical_sha256, write_atomic
from desk_app.services import audit, records, report_data, settings
from desk_app.services.auth import Actor, verify_password
from desk_app.services.errors import AuthenticationError, NotFound, PermissionDenied, ValidationError
from desk_app.services.permissions import Permission, can, require
from desk_app.services.validation import LONG_TEXT, clean_text

RS = ReportState
FROZEN_STATES = (RS.APPROVED.value, RS.PUBLISHED.value)
PERIODIC_KINDS = tuple(k.value for k in report_data.PERIODIC_KINDS)
FORM_KINDS = tuple(k.value for k in report_data.FORM_KINDS)
ALL_KINDS = tuple(k.value for k in ReportKind)

Progress = Callable[[int, int], None]


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


@dataclass(frozen=True)
class VerifyResult:
    """What `verify_file` found. status: genuine / modified / unapproved / unknown."""

    status: str
    sha256: str
    number: str = ""
    report_version: int | None = None
    state: str = ""
    approver: str = ""
    approved_at: datetime | None = None
    report_id: int | None = None
    superseded_by: int | None = None  # a later approved version of the same number

    @property
    def genuine(self) -> bool:
        return self.status == "genuine"

    def message(self) -> str:
        if self.status == "genuine":
            text = t("Genuine: this is report {number} version {version}, approved by {name} at {time}.",
                     number=self.number, version=self.report_version, name=self.approver,
                     time=f"{self.approved_at:%Y-%m-%d %H:%M}" if self.approved_at else "")
            if self.superseded_by:
                text += " " + t("A later version ({version}) has been approved since.", version=self.superseded_by)
            return text
        if self.status == "modified":
            text = t("Modified: the file names report {number}, but it is not the approved file on record.",
                     number=self.number)
            if self.approver:
                text += " " + t("The approved version {version} was approved by {name} at {time}.",
                                version=self.report_version, name=self.approver,
                                time=f"{self.approved_at:%Y-%m-%d %H:%M}" if self.approved_at else "")
            return text
        if self.status == "unapproved":
            return t("Not approved: this is report {number} version {version}, which is {state}.",
                     number=self.number, version=self.report_version, state=state_label(self.state))
        return t("Unknown: this file is not a report of this database.")


# ---------------------------------------------------------------------------------------------
# labels


STATE_LABELS = {"draft": "Draft", "submitted": "Submitted", "approved": "Approved", "rejected": "Rejected",
                "published": "Published"}
ACTION_LABELS = {"generated": "Generated", "submitted": "Submitted", "approved": "Approved", "rejected": "Rejected",
                 "published": "Published"}


def kind_label(kind: str) -> str:
    """The report kind's title in the current language (the catalog's title)."""
    spec = catalog.KINDS.get(kind)
    return t(spec.title) if spec else kind


def state_label(state: str) -> str:
    return t(STATE_LABELS.get(state, label(state)))


# ---------------------------------------------------------------------------------------------
# rows


def _names(ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i]
    if not wanted:
        return {}
    return {u.id: u.full_name for u in User.select(User.id, User.full_name).where(User.id.in_(wanted))}


def _row(r: Report, names: dict[int, str] | None = None) -> ReportRow:
    if names is None:
        names = _names({r.drafter_id, r.reviewer_id, r.approver_id})
    return ReportRow(
        r.id, r.number, r.kind, r.title, r.period, r.report_version, r.language, r.state,
        names.get(r.drafter_id, ""), names.get(r.reviewer_id, ""), names.get(r.approver_id, ""), r.created_at,
        r.submitted_at, r.approved_at, r.published_at, r.reject_comment, r.sha256,
        getattr(r, "pdf_size", None) if getattr(r, "pdf_size", None) is not None else len(r.pdf or b""), r.version)


def _rows(query) -> list[ReportRow]:
    reports = list(query)
    names = _names({i for r in reports for i in (r.drafter_id, r.reviewer_id, r.approver_id)})
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


# ---------------------------------------------------------------------------------------------
# building


def _version_text(n: int) -> str:
    return f"{n}.0"


def _version_rows(number: str, up_to: int, language: str, drafter_of_new: str = "",
                  created_new: datetime | None = None) -> list[VersionRow]:
    from desk_app.reports.builder import translate

    rows: list[VersionRow] = []
    previous: Report | None = None
    olds = list(Report.select(Report.id, Report.report_version, Report.created_at, Report.drafter, Report.state,
                              Report.reject_comment)
                .where((Report.number == number) & (Report.report_version <= up_to)).order_by(Report.report_version))
    names = _names({r.drafter_id for r in olds})

    def change(prev: Report | None) -> str:
        if prev is None:
            return translate(language, "First issue")
        if prev.state == RS.REJECTED.value and prev.reject_comment:
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


def _build(kind: str, figures: dict, number: str, version: int, language: str, drafter: str,
           versions: list[VersionRow], approver: str = "", approval: Approval | None = None,
           effective_date: date | None = None, distribution: str = "", drafted_on: date | None = None) -> bytes:
    meta = catalog.BuildMeta(number=number, version=_version_text(version), language=language, drafted_on=drafted_on,
                             org_name=_org_name(), drafter=drafter, approver=approver,
                             effective_date=effective_date, distribution=distribution, versions=versions,
                             approval=approval, font_path=_font_path())
    return catalog.build_pdf(kind, figures, meta)


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
        versions = _version_rows(number, version, language, actor.full_name, created)
        pdf = _build(kind, figures, number, version, language, actor.full_name, versions, drafted_on=created.date())
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
    p = report_data.parse_period(kind, period)
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


def latest_for(kind: str, period: str) -> ReportRow | None:
    """The newest version of a report, if any."""
    number = catalog.report_number(kind, period)
    rows = history(number)
    return rows[-1] if rows else None


# ---------------------------------------------------------------------------------------------
# workflow (R37)


def _load_for_change(report_id: int, allowed: tuple[str, ...]) -> Report:
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


def _change(actor: Actor, report: Report, expected_version: int | None, changes: dict, action: str,
            comment: str = "") -> ReportRow:
    with Report._meta.database.atomic():
        records.update(actor, report, expected_version, changes, f"report.{action}")
        ReportEvent.create(report=report.id, action=action, user=actor.id, comment=comment)
    return get_report(report.id)


def submit(actor: Actor, report_id: int, expected_version: int | None) -> ReportRow:
    """draft / rejected → submitted for approval."""
    require(actor, Permission.REPORT_DRAFT)
    report = _load_for_change(report_id, (RS.DRAFT.value, RS.REJECTED.value))
    return _change(actor, report, expected_version, {"state": RS.SUBMITTED.value, "submitted_at": now()},
                   "submitted")


def approve(actor: Actor, report_id: int, expected_version: int | None, password: str) -> ReportRow:
    """submitted → approved, by a manager who re-enters their password (R37).

    The PDF is rebuilt from the stored figures (frozen) without the draft watermark, with the
    approver and time in the signature block and the figures' SHA-256 and QR code in every footer.
    """
    require(actor, Permission.REPORT_APPROVE)
    report = _load_for_change(report_id, (RS.SUBMITTED.value,))
    user = User.get_or_none(User.id == actor.id)
    if user is None or not verify_password(password or "", user.password_hash):
        raise AuthenticationError(t("The password is wrong; the report was not approved."))
    figures = json.loads(report.figures_json or "{}")
    approved_at = now()
    names = _names({report.drafter_id})
    approval = Approval(actor.full_name, approved_at, canonical_sha256(figures))
    versions = _version_rows(report.number, report.report_version, report.language)
    pdf = _build(report.kind, figures, report.number, report.report_version, report.language,
                 names.get(report.drafter_id, ""), versions, approver=actor.full_name, approval=approval,
                 effective_date=report.effective_date or approved_at.date(), distribution=report.distribution_scope,
                 drafted_on=report.created_at.date())
    return _change(actor, report, expected_version, {
        "state": RS.APPROVED.value, "approver": actor.id, "approved_at": approved_at, "pdf": pdf,
        "sha256": hashlib.sha256(pdf).hexdigest(), "effective_date": report.effective_date or approved_at.date(),
        "reject_comment": "",
    }, "approved", t("Figures SHA-256 {sha}", sha=approval.sha256))


def reject(actor: Actor, report_id: int, expected_version: int | None, comment: str) -> ReportRow:
    """submitted → rejected, with the reason (required)."""
    require(actor, Permission.REPORT_APPROVE)
    comment = clean_text(comment, t("Comment"), required=True, max_length=LONG_TEXT, field="comment")
    report = _load_for_change(report_id, (RS.SUBMITTED.value,))
    return _change(actor, report, expected_version, {"state": RS.REJECTED.value, "reject_comment": comment},
                   "rejected", comment)


def publish(actor: Actor, report_id: int, expected_version: int | None) -> ReportRow:
    """approved → published (distributed). The PDF and figures stay exactly as approved."""
    require(actor, Permission.REPORT_DRAFT)
    report = _load_for_change(report_id, (RS.APPROVED.value,))
    return _change(actor, report, expected_version, {"state": RS.PUBLISHED.value, "published_at": now()},
                   "published")


def set_distribution(actor: Actor, report_id: int, expected_version: int | None, distribution: str) -> ReportRow:
    """Change the distribution scope of a report that is not yet approved (printed at approval)."""
    require(actor, Permission.REPORT_DRAFT)
    report = _load_for_change(report_id, (RS.DRAFT.value, RS.REJECTED.value, RS.SUBMITTED.value))
    text = clean_text(distribution, t("Distribution scope"), field="distribution")
    with Report._meta.database.atomic():
        records.update(actor, report, expected_version, {"distribution_scope": text}, "report.distribution")
    return get_report(report_id)


# ---------------------------------------------------------------------------------------------
# verification (R37)


def _pdf_text(data: bytes, path: Path | None) -> str:
    """The text of a PDF (pypdf, else pdftotext); '' when neither can read it."""
    try:
        from io import BytesIO

        from pypdf import PdfReader

        return "\n".join((page.extract_text() or "") for page in PdfReader(BytesIO(data)).pages)
    except Exception:  # noqa: BLE001 - a damaged or foreign file: try the next reader
        pass
    exe = shutil.which("pdftotext")
    if exe and path is not None:
        try:
            return subprocess.run([exe, "-q", str(path), "-"], capture_output=True, timeout=60,
                                  check=False).stdout.decode("utf-8", "replace")
        except (OSError, subprocess.SubprocessError):
            return ""
    return ""


def _named_number(data: bytes, path: Path | None) -> str:
    """The known report number a file names: in its metadata (raw bytes) or in its text."""
    numbers = [n for (n,) in Report.select(Report.number).distinct().tuples()]
    if not numbers:
        return ""
    numbers.sort(key=len, reverse=True)  # the longest match first (HFB-… before shorter ones)
    for n in numbers:
        if re.search(re.escape(n.encode()) + rb"(?![\w-])", data):
            return n
    text = _pdf_text(data, path)
    for n in numbers:
        if re.search(re.escape(n) + r"(?![\w-])", text):
            return n
    return ""


def _approved_version(number: str) -> Report | None:
    return (Report.select().where((Report.number == number) & Report.state.in_(FROZEN_STATES))
            .order_by(Report.report_version.desc()).first())


def verify_bytes(data: bytes, path: Path | None = None) -> VerifyResult:
    sha = hashlib.sha256(data).hexdigest()
    match = (Report.select().where(Report.sha256 == sha)
             .order_by(Report.state.in_(FROZEN_STATES).desc(), Report.report_version.desc()).first())
    if match is not None:
        names = _names({match.approver_id})
        if match.state in FROZEN_STATES:
            latest = _approved_version(match.number)
            later = latest.report_version if latest and latest.report_version > match.report_version else None
            return VerifyResult("genuine", sha, match.number, match.report_version, match.state,
                                names.get(match.approver_id, ""), match.approved_at, match.id, later)
        return VerifyResult("unapproved", sha, match.number, match.report_version, match.state, report_id=match.id)
    number = _named_number(data, path)
    if number:
        approved = _approved_version(number)
        if approved is not None:
            names = _names({approved.approver_id})
            return VerifyResult("modified", sha, number, approved.report_version, approved.state,
                                names.get(approved.approver_id, ""), approved.approved_at, approved.id)
        return VerifyResult("modified", sha, number)
    return VerifyResult("unknown", sha)


def verify_file(path: str | Path) -> VerifyResult:
    """Is this PDF file the approved report on record (R37)? See `VerifyResult.status`."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ValidationError(t("Cannot read {path}: {reason}", path=str(p), reason=exc.strerror or str(exc)),
                              field="path") from exc
    return verify_bytes(data, p)
