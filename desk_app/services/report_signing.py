"""Review and approval, each a digital signature (R37, R44, R45).

submitted → `review` (quality controller or manager) → reviewed → `approve` (manager) → approved;
`reject` at either step returns the report to the drafter with the comment. Nobody reviews or
approves a report they drafted, and the reviewer is not the approver unless the setting
`report.same_reviewer_approver` allows it (a desk with one manager; then the approver's stamp
says 「审核/批准：同一人」 and the history records it).

Reviewing builds the final file once, from the stored figures (PDF/A-2b, every font embedded), and
signs it in the reviewer's box; approving adds the approver's signature as an incremental update,
so the reviewer's stays valid. Each signer re-enters their password, which unlocks their key: a
wrong password signs nothing and changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from desk_app.errors import ValidationError
from desk_app.i18n import N_, t
from desk_app.models import now
from desk_app.models.base import LONG_TEXT
from desk_app.models.enums import ReportState
from desk_app.reports.builder import canonical_sha256, translate
from desk_app.services import report_rendering, settings, signing_keys
from desk_app.services.actor import Actor
from desk_app.services.permissions import Permission, can, require
from desk_app.services.report_rows import ReportRow, change, get_report, load_for_change
from desk_app.services.validation import clean_text

RS = ReportState
#: Printed in the approver's stamp and the history when one person reviewed and approved (R44).
SAME_PERSON = N_("Review/approval: the same person")


#: Each signing step: who may take it, and the state it starts from.
_STEPS = {"review": (Permission.REPORT_REVIEW, RS.SUBMITTED.value),
          "approve": (Permission.REPORT_APPROVE, RS.REVIEWED.value)}


def same_person_allowed() -> bool:
    return settings.get("report.same_reviewer_approver") == "yes"


def cannot_sign_reason(actor: Actor, row: ReportRow, step: str) -> str | None:
    """Why `actor` may not take `step` ("review" or "approve") on this report now, or None."""
    permission, state = _STEPS[step]
    if not can(actor, permission):
        return t("You are not allowed to do this: {action}.", action=t(permission.value))
    if row.state != state:
        return t("Report {number} version {version} is not waiting for this step.", number=row.number,
                 version=row.report_version)
    if row.drafter_id == actor.id:
        return t("You drafted report {number}; someone else must review and approve it.", number=row.number)
    if step == "approve" and row.reviewer_id == actor.id and not same_person_allowed():
        return t("You reviewed report {number}; another manager must approve it. A desk with a single manager "
                 "can allow one person to do both (setting report.same_reviewer_approver).", number=row.number)
    return None


def _begin(actor: Actor, report_id: int, step: str, password: str):
    """The report, the signer's unlocked key and chain, and the signing time; or why not (nothing changed)."""
    permission, state = _STEPS[step]
    require(actor, permission)
    report = load_for_change(report_id, (state,))
    reason = cannot_sign_reason(actor, get_report(report.id), step)
    if reason:
        raise ValidationError(reason, field="state")
    pair, chain = _unlock(actor, password)
    return report, pair, chain, now()


def _unlock(actor: Actor, password: str):
    signing_keys.require_password(actor.id, password, t("The password is wrong; nothing was signed."))
    return signing_keys.unlock_signer(actor.id, password)


def _stamp(language: str, name: str, role: str, at: datetime, same_person: bool = False) -> list[str]:
    lines = [f"{name} · {translate(language, role)}",
             f"{at:%Y-%m-%d %H:%M} · {translate(language, 'Digital signature')}"]
    if same_person:
        lines.append(translate(language, SAME_PERSON))
    return lines


def _sign(pdf: bytes, pair, chain: list[bytes], field: str, box: list[float], lines: list[str], reason: str,
          at: datetime) -> bytes:
    from desk_app.signing import pdf_sign  # pyHanko: loaded when someone signs, not at start-up

    page, x1, y1, x2, y2 = box
    return pdf_sign.sign_pdf(
        pdf, key_pem=pair.key_pem, cert_pem=pair.cert_pem, chain=chain, field_name=field,
        box=pdf_sign.StampBox(int(page), x1, y1, x2, y2), stamp_lines=lines,
        font_path=report_rendering.stamp_font_path(), reason=reason, signing_time=at,
        timestamp_url=str(settings.get("signing.timestamp_url") or "") or None)


def review(actor: Actor, report_id: int, expected_version: int | None, password: str,
           comment: str = "") -> ReportRow:
    """submitted → reviewed: the final file, signed by the reviewer (R44, R45)."""
    report, pair, chain, at = _begin(actor, report_id, "review", password)
    effective = report.effective_date or at.date()
    signable = report_rendering.final_pdf(report, actor.full_name, at, effective)
    boxes = {key: [b.page, b.x1, b.y1, b.x2, b.y2] for key, b in signable.boxes.items()}
    pdf = _sign(signable.pdf, pair, chain, "reviewer", boxes["reviewer"],
                _stamp(report.language, actor.full_name, "Reviewed by", at),
                translate(report.language, "Reviewed by"), at)
    return change(actor, report, expected_version, {
        "state": RS.REVIEWED.value, "reviewer": actor.id, "reviewed_at": at, "pdf": pdf,
        "sha256": hashlib.sha256(pdf).hexdigest(), "signature_boxes": json.dumps(boxes),
        "effective_date": effective, "reject_comment": "",
    }, "reviewed", _comment(comment))


def approve(actor: Actor, report_id: int, expected_version: int | None, password: str,
            comment: str = "") -> ReportRow:
    """reviewed → approved: the approver's signature added to the reviewed file (R37, R45)."""
    report, pair, chain, at = _begin(actor, report_id, "approve", password)
    same = report.reviewer_id == actor.id
    boxes = json.loads(report.signature_boxes or "{}")
    pdf = _sign(bytes(report.pdf), pair, chain, "approver", boxes["approver"],
                _stamp(report.language, actor.full_name, "Approved by", at, same),
                translate(report.language, "Approved by"), at)
    sha = canonical_sha256(json.loads(report.figures_json or "{}"))
    note = t("Figures SHA-256 {sha}", sha=sha) + (f" · {t(SAME_PERSON)}" if same else "")
    return change(actor, report, expected_version, {
        "state": RS.APPROVED.value, "approver": actor.id, "approved_at": at, "pdf": pdf,
        "sha256": hashlib.sha256(pdf).hexdigest(), "reject_comment": "",
    }, "approved", "\n".join(x for x in (note, _comment(comment)) if x))


def reject(actor: Actor, report_id: int, expected_version: int | None, comment: str) -> ReportRow:
    """submitted or reviewed → rejected, with the reason (required). A reviewed file loses its
    signature: the stored PDF is the draft again, and the next review signs a new final file."""
    if not can(actor, Permission.REPORT_APPROVE):
        require(actor, Permission.REPORT_REVIEW)
    report = load_for_change(report_id, (RS.SUBMITTED.value, RS.REVIEWED.value))
    require(actor, Permission.REPORT_REVIEW if report.state == RS.SUBMITTED.value else Permission.REPORT_APPROVE)
    text = _comment(comment, required=True)
    changes: dict[str, object] = {"state": RS.REJECTED.value, "reject_comment": text}
    if report.state == RS.REVIEWED.value:
        pdf = report_rendering.draft_pdf(report)
        changes.update(pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest(), reviewer=None, reviewed_at=None,
                       signature_boxes="{}")
    return change(actor, report, expected_version, changes, "rejected", text)


def _comment(text: str, required: bool = False) -> str:
    return clean_text(text or "", t("Comment"), required=required, max_length=LONG_TEXT, field="comment")
