"""The approval workflow (R37, R44): versions, submit/review/approve/reject/publish, refusals, the frozen
approved report rebuilt from its stored figures, the record half of verification, and the CLI's exit codes.
The signatures themselves are tested in test_report_signing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from desk_app.cli import main
from desk_app.errors import AuthenticationError, PermissionDenied, ValidationError
from desk_app.models import Ticket
from desk_app.models.reports import Report, ReportEvent
from desk_app.reports.builder import canonical_sha256
from desk_app.services import report_rows, report_verify, reports
from tests.unit.test_report_kinds import make_data, pdf_text, squash

PASSWORD = "admin-pass-1"


@pytest.fixture
def draft(db, admin):
    return reports.generate(admin, "monthly-service", "2026-10", "zh_CN")


def test_generate_stores_a_draft_with_its_figures_and_hash(draft, admin):
    assert (draft.number, draft.report_version, draft.state, draft.drafter) == ("FW-2026-10", 1, "draft", "管理员")
    pdf = report_rows.get_pdf(draft.id)
    assert draft.sha256 == hashlib.sha256(pdf).hexdigest()
    assert report_rows.get_figures(draft.id)["period"] == "2026-10"
    assert [e.action for e in report_rows.events(draft.id)] == ["generated"]


def test_regenerating_makes_version_2_and_keeps_version_1(draft, admin, signers):
    first = signers.sign_off(draft)
    second = reports.generate(admin, "monthly-service", "2026-10", "zh_CN")
    assert second.report_version == 2 and second.state == "draft"
    assert [r.report_version for r in report_rows.history("FW-2026-10")] == [1, 2]
    assert report_rows.get_report(first.id).state == "approved"
    assert Report.get_by_id(second.id).supersedes_id == first.id
    assert "2.0" in pdf_text(report_rows.get_pdf(second.id))


def test_full_flow_and_the_approved_pdf(draft, admin, signers):
    row = reports.submit(admin, draft.id, draft.version)
    assert row.state == "submitted" and row.submitted_at
    row = reports.review(signers.reviewer, row.id, row.version, signers.reviewer_password)
    assert (row.state, row.reviewer) == ("reviewed", "钱质检") and row.reviewed_at
    row = reports.approve(signers.approver, row.id, row.version, signers.approver_password)
    assert (row.state, row.reviewer, row.approver) == ("approved", "钱质检", "刘经理") and row.approved_at
    pdf = report_rows.get_pdf(row.id)
    assert row.sha256 == hashlib.sha256(pdf).hexdigest() != draft.sha256
    text = squash(pdf_text(pdf))
    figures = report_rows.get_figures(row.id)
    assert canonical_sha256(figures) in text  # footer hash of the frozen figures
    assert "草稿" not in text  # no draft watermark any more
    assert "管理员" in text and "钱质检" in text  # drafter and reviewer printed; the approver signs
    row = reports.publish(admin, row.id, row.version)
    assert row.state == "published" and report_rows.get_pdf(row.id) == pdf
    assert [e.action for e in report_rows.events(row.id)] == ["generated", "submitted", "reviewed", "approved",
                                                              "published"]


def test_approval_rebuilds_from_the_stored_figures_not_the_current_data(db, admin, make_user, signers):
    make_data(admin, make_user)
    row = reports.generate(admin, "monthly-service", "2026-10", "zh_CN")
    stored = report_rows.get_figures(row.id)
    Ticket.delete().where(Ticket.id.in_([t.id for t in Ticket.select().limit(5)])).execute()
    row = signers.sign_off(row)
    assert report_rows.get_figures(row.id) == stored
    assert f"{stored['tickets']['reported']}报修工单" in squash(pdf_text(report_rows.get_pdf(row.id)))


def test_who_may_review_and_approve_and_a_wrong_password(draft, admin, make_user, signers):
    agent = make_user("agent")
    row = reports.submit(agent, draft.id, draft.version)
    for step in (reports.review, reports.approve):
        with pytest.raises(PermissionDenied):
            step(agent, row.id, row.version, "pass-word-1")
    with pytest.raises(PermissionDenied):
        reports.reject(agent, row.id, row.version, "no")
    with pytest.raises(ValidationError, match="drafted"):  # the admin drafted it (R44)
        reports.review(admin, row.id, row.version, PASSWORD)
    with pytest.raises(ValidationError):  # not reviewed yet
        reports.approve(signers.approver, row.id, row.version, signers.approver_password)
    with pytest.raises(AuthenticationError):
        reports.review(signers.reviewer, row.id, row.version, "wrong password")
    assert report_rows.get_report(row.id).state == "submitted"
    row = signers.review(row)
    with pytest.raises(PermissionDenied):  # a quality controller reviews but does not approve
        reports.approve(signers.reviewer, row.id, row.version, signers.reviewer_password)
    technician = make_user("technician")
    with pytest.raises(PermissionDenied):
        reports.generate(technician, "monthly-service", "2026-10")


def test_reject_needs_a_comment_and_allows_resubmission(draft, admin, signers):
    row = reports.submit(admin, draft.id, draft.version)
    with pytest.raises(ValidationError):
        reports.reject(signers.reviewer, row.id, row.version, "  ")
    row = reports.reject(signers.reviewer, row.id, row.version, "数据有误 <请核对>")
    assert row.state == "rejected" and row.reject_comment == "数据有误 <请核对>"
    again = reports.generate(admin, "monthly-service", "2026-10", "zh_CN")
    assert "退回后修订" in squash(pdf_text(report_rows.get_pdf(again.id)))
    row = reports.submit(admin, row.id, row.version)
    assert row.state == "submitted"


def test_an_approved_report_cannot_change(draft, admin, signers):
    row = signers.sign_off(draft)
    for attempt in (lambda: reports.submit(admin, row.id, row.version),
                    lambda: reports.review(signers.reviewer, row.id, row.version, signers.reviewer_password),
                    lambda: reports.approve(signers.approver, row.id, row.version, signers.approver_password),
                    lambda: reports.reject(signers.approver, row.id, row.version, "x"),
                    lambda: reports.set_distribution(admin, row.id, row.version, "all")):
        with pytest.raises(ValidationError):
            attempt()
    published = reports.publish(admin, row.id, row.version)
    with pytest.raises(ValidationError):
        reports.publish(admin, published.id, published.version)
    assert report_rows.get_pdf(row.id) == report_rows.get_pdf(published.id)


def test_stale_version_is_a_conflict(draft, admin):
    from desk_app.errors import ConflictError

    reports.submit(admin, draft.id, draft.version)
    with pytest.raises((ConflictError, ValidationError)):
        reports.submit(admin, draft.id, draft.version)


def test_verify_genuine_modified_unknown(draft, admin, signers, tmp_path: Path):
    row = signers.sign_off(draft)
    genuine = tmp_path / "genuine.pdf"
    report_rows.save_pdf(row.id, genuine)
    result = report_verify.verify_file(genuine)
    assert result.status == "genuine" and result.number == "FW-2026-10" and result.approver == "刘经理"
    data = genuine.read_bytes()
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0x01
    (tmp_path / "flipped.pdf").write_bytes(bytes(flipped))
    (tmp_path / "appended.pdf").write_bytes(data + b"\n% appended\n")
    for name in ("flipped.pdf", "appended.pdf"):
        result = report_verify.verify_file(tmp_path / name)
        assert result.status == "modified", name
        assert result.number == "FW-2026-10" and result.approver == "刘经理"
    other = reports.generate(admin, "monthly-evaluation", "2026-10")
    draft_file = tmp_path / "draft.pdf"
    report_rows.save_pdf(other.id, draft_file)
    assert report_verify.verify_file(draft_file).status == "unapproved"
    from desk_app.reports.builder import DocumentHeader, ReportDocument

    doc = ReportDocument(DocumentHeader(number="XX-1", title="Other"), language="en")
    doc.paragraph("unrelated")
    unrelated = doc.build(tmp_path / "unrelated.pdf").path
    assert report_verify.verify_file(unrelated).status == "unknown"


def test_verify_reports_a_later_approved_version(draft, admin, signers, tmp_path: Path):
    first = signers.sign_off(draft)
    signers.sign_off(reports.generate(admin, "monthly-service", "2026-10"))
    report_rows.save_pdf(first.id, tmp_path / "old.pdf")
    result = report_verify.verify_file(tmp_path / "old.pdf")
    assert result.genuine and result.superseded_by == 2


def test_figures_json_is_what_the_pdf_prints(draft):
    figures = json.loads(Report.get_by_id(draft.id).figures_json)
    assert figures["kind"] == "monthly-service"
    assert ReportEvent.select().where(ReportEvent.report == draft.id).count() == 1


# -- CLI -----------------------------------------------------------------------------------------


def test_cli_report_and_verify(db, db_path, admin, signers, tmp_path: Path, capsys):
    out = tmp_path / "out" / "fw.pdf"
    assert main(["--db", str(db_path), "--lang", "zh_CN", "report", "monthly-service", "--period", "2026-10",
                 "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    row = report_rows.latest_for("monthly-service", "2026-10")
    assert row is not None and row.drafter == "管理员" and row.state == "draft"
    assert hashlib.sha256(out.read_bytes()).hexdigest() == row.sha256
    capsys.readouterr()
    assert main(["--db", str(db_path), "verify", str(out)]) == 1  # a draft is not approved
    signers.sign_off(row)
    report_rows.save_pdf(row.id, out)
    capsys.readouterr()
    assert main(["--db", str(db_path), "verify", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("valid genuine FW-2026-10 v1")
    assert "钱质检" in printed and "刘经理" in printed
    out.write_bytes(out.read_bytes() + b"x")
    assert main(["--db", str(db_path), "verify", str(out)]) == 1
    assert capsys.readouterr().out.startswith("invalid modified FW-2026-10")


@pytest.mark.parametrize("argv", [
    ["report", "monthly-service", "--period", "2026-13", "-o", "x.pdf"],
    ["report", "monthly-service", "--period", "2026-Q3", "-o", "x.pdf"],
    ["report", "annual-survey", "--period", "2026-10", "-o", "x.pdf"],
    ["report", "quarterly-satisfaction", "--period", "2026", "-o", "x.pdf"],
    ["report", "weekly", "--period", "2026", "-o", "x.pdf"],
    ["report", "monthly-service", "-o", "x.pdf"],
])
def test_cli_usage_errors_exit_2(db, db_path, admin, tmp_path: Path, argv):
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(db_path), *argv])
    assert exc.value.code == 2
    assert not (tmp_path / "x.pdf").exists()


def test_cli_verify_missing_file_is_a_user_error(db, db_path, tmp_path: Path):
    assert main(["--db", str(db_path), "verify", str(tmp_path / "nope.pdf")]) == 1


def test_cli_without_a_manager_is_a_user_error(db, db_path, tmp_path: Path):
    assert main(["--db", str(db_path), "report", "monthly-service", "--period", "2026-10",
                 "-o", str(tmp_path / "x.pdf")]) == 1
