"""The approval workflow (R37): versions, submit/approve/reject/publish, refusals, the frozen approved
report rebuilt from its stored figures, verification of files, and the CLI commands' exit codes."""

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


def approved(admin, row):
    row = reports.submit(admin, row.id, row.version)
    return reports.approve(admin, row.id, row.version, PASSWORD)


def test_generate_stores_a_draft_with_its_figures_and_hash(draft, admin):
    assert (draft.number, draft.report_version, draft.state, draft.drafter) == ("FW-2026-10", 1, "draft", "管理员")
    pdf = report_rows.get_pdf(draft.id)
    assert draft.sha256 == hashlib.sha256(pdf).hexdigest()
    assert report_rows.get_figures(draft.id)["period"] == "2026-10"
    assert [e.action for e in report_rows.events(draft.id)] == ["generated"]


def test_regenerating_makes_version_2_and_keeps_version_1(draft, admin):
    first = approved(admin, draft)
    second = reports.generate(admin, "monthly-service", "2026-10", "zh_CN")
    assert second.report_version == 2 and second.state == "draft"
    assert [r.report_version for r in report_rows.history("FW-2026-10")] == [1, 2]
    assert report_rows.get_report(first.id).state == "approved"
    assert Report.get_by_id(second.id).supersedes_id == first.id
    assert "2.0" in pdf_text(report_rows.get_pdf(second.id))


def test_full_flow_and_the_approved_pdf(draft, admin):
    row = reports.submit(admin, draft.id, draft.version)
    assert row.state == "submitted" and row.submitted_at
    row = reports.approve(admin, row.id, row.version, PASSWORD)
    assert (row.state, row.approver) == ("approved", "管理员") and row.approved_at
    pdf = report_rows.get_pdf(row.id)
    assert row.sha256 == hashlib.sha256(pdf).hexdigest() != draft.sha256
    text = squash(pdf_text(pdf))
    figures = report_rows.get_figures(row.id)
    assert canonical_sha256(figures) in text  # footer hash of the frozen figures
    assert "草稿" not in text  # no draft watermark any more
    assert "管理员" in text and f"{row.approved_at:%Y-%m-%d%H:%M}" in text
    row = reports.publish(admin, row.id, row.version)
    assert row.state == "published" and report_rows.get_pdf(row.id) == pdf
    assert [e.action for e in report_rows.events(row.id)] == ["generated", "submitted", "approved", "published"]


def test_approval_rebuilds_from_the_stored_figures_not_the_current_data(db, admin, make_user):
    make_data(admin, make_user)
    row = reports.generate(admin, "monthly-service", "2026-10", "zh_CN")
    stored = report_rows.get_figures(row.id)
    Ticket.delete().where(Ticket.id.in_([t.id for t in Ticket.select().limit(5)])).execute()
    row = approved(admin, row)
    assert report_rows.get_figures(row.id) == stored
    assert f"{stored['tickets']['reported']}报修工单" in squash(pdf_text(report_rows.get_pdf(row.id)))


def test_agent_cannot_approve_and_wrong_password_is_refused(draft, admin, make_user):
    agent = make_user("agent")
    row = reports.submit(agent, draft.id, draft.version)
    with pytest.raises(PermissionDenied):
        reports.approve(agent, row.id, row.version, "pass-word-1")
    with pytest.raises(PermissionDenied):
        reports.reject(agent, row.id, row.version, "no")
    with pytest.raises(AuthenticationError):
        reports.approve(admin, row.id, row.version, "wrong password")
    assert report_rows.get_report(row.id).state == "submitted"
    technician = make_user("technician")
    with pytest.raises(PermissionDenied):
        reports.generate(technician, "monthly-service", "2026-10")


def test_reject_needs_a_comment_and_allows_resubmission(draft, admin):
    row = reports.submit(admin, draft.id, draft.version)
    with pytest.raises(ValidationError):
        reports.reject(admin, row.id, row.version, "  ")
    row = reports.reject(admin, row.id, row.version, "数据有误 <请核对>")
    assert row.state == "rejected" and row.reject_comment == "数据有误 <请核对>"
    again = reports.generate(admin, "monthly-service", "2026-10", "zh_CN")
    assert "退回后修订" in squash(pdf_text(report_rows.get_pdf(again.id)))
    row = reports.submit(admin, row.id, row.version)
    assert row.state == "submitted"


def test_an_approved_report_cannot_change(draft, admin):
    row = approved(admin, draft)
    for attempt in (lambda: reports.submit(admin, row.id, row.version),
                    lambda: reports.approve(admin, row.id, row.version, PASSWORD),
                    lambda: reports.reject(admin, row.id, row.version, "x"),
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


def test_verify_genuine_modified_unknown(draft, admin, tmp_path: Path):
    row = approved(admin, draft)
    genuine = tmp_path / "genuine.pdf"
    report_rows.save_pdf(row.id, genuine)
    result = report_verify.verify_file(genuine)
    assert result.status == "genuine" and result.number == "FW-2026-10" and result.approver == "管理员"
    data = genuine.read_bytes()
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0x01
    (tmp_path / "flipped.pdf").write_bytes(bytes(flipped))
    (tmp_path / "appended.pdf").write_bytes(data + b"\n% appended\n")
    for name in ("flipped.pdf", "appended.pdf"):
        result = report_verify.verify_file(tmp_path / name)
        assert result.status == "modified", name
        assert result.number == "FW-2026-10" and result.approver == "管理员"
    other = reports.generate(admin, "monthly-evaluation", "2026-10")
    draft_file = tmp_path / "draft.pdf"
    report_rows.save_pdf(other.id, draft_file)
    assert report_verify.verify_file(draft_file).status == "unapproved"
    from desk_app.reports.builder import DocumentHeader, ReportDocument

    doc = ReportDocument(DocumentHeader(number="XX-1", title="Other"), language="en")
    doc.paragraph("unrelated")
    unrelated = doc.build(tmp_path / "unrelated.pdf").path
    assert report_verify.verify_file(unrelated).status == "unknown"


def test_verify_reports_a_later_approved_version(draft, admin, tmp_path: Path):
    first = approved(admin, draft)
    approved(admin, reports.generate(admin, "monthly-service", "2026-10"))
    report_rows.save_pdf(first.id, tmp_path / "old.pdf")
    result = report_verify.verify_file(tmp_path / "old.pdf")
    assert result.genuine and result.superseded_by == 2


def test_figures_json_is_what_the_pdf_prints(draft):
    figures = json.loads(Report.get_by_id(draft.id).figures_json)
    assert figures["kind"] == "monthly-service"
    assert ReportEvent.select().where(ReportEvent.report == draft.id).count() == 1


# -- CLI -----------------------------------------------------------------------------------------


def test_cli_report_and_verify(db, db_path, admin, tmp_path: Path, capsys):
    out = tmp_path / "out" / "fw.pdf"
    assert main(["--db", str(db_path), "--lang", "zh_CN", "report", "monthly-service", "--period", "2026-10",
                 "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    row = report_rows.latest_for("monthly-service", "2026-10")
    assert row is not None and row.drafter == "管理员" and row.state == "draft"
    assert hashlib.sha256(out.read_bytes()).hexdigest() == row.sha256
    capsys.readouterr()
    assert main(["--db", str(db_path), "verify", str(out)]) == 1  # a draft is not approved
    approved(admin, row)
    report_rows.save_pdf(row.id, out)
    capsys.readouterr()
    assert main(["--db", str(db_path), "verify", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("genuine FW-2026-10 v1 管理员")
    out.write_bytes(out.read_bytes() + b"x")
    assert main(["--db", str(db_path), "verify", str(out)]) == 1
    assert capsys.readouterr().out.startswith("modified FW-2026-10")


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
