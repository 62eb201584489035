"""Signed reports (R44–R47) end to end on a real database: keys and certificates, the reviewer's and the
approver's PAdES signatures checked by poppler's `pdfsig` and pyHanko's validator, a flipped byte,
wrong passwords, a database copy without passwords, revocation, the single-manager setting, rejecting
a signed file, verifying with only `--trust` on an empty database, and the CLI steps."""

from __future__ import annotations

import io
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from desk_app.cli import main
from desk_app.errors import AuthenticationError, ValidationError
from desk_app.models import AuditLog, User
from desk_app.models.reports import Report
from desk_app.models.signing import AuthoritySlot, SigningAuthority, SigningKey
from desk_app.services import auth, report_rows, report_verify, reports, settings, signing_keys, users
from desk_app.services.opening import open_desk
from desk_app.signing import pdf_verify, pki
from desk_app.store.connection import SCHEMA_VERSION, close_database

pytestmark = pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils (pdfsig) is not installed")


@pytest.fixture
def approved(db, admin, signers):
    row = reports.generate(admin, "monthly-service", "2026-10", "zh_CN")
    return signers.sign_off(row)


def pdfsig(path: Path) -> str:
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60).stdout


def test_first_admin_makes_the_authority_and_keys_are_never_stored_in_clear(db, admin, signers, db_path):
    ca = SigningAuthority.get()
    assert AuthoritySlot.select().where(AuthoritySlot.user == admin.id).count() == 1
    for username in ("admin", "quality1", "manager2"):
        key = signing_keys.active_key(User.get(User.username == username).id)
        assert key is not None and key.cert_pem.startswith("-----BEGIN CERTIFICATE-----"), username
        assert b"PRIVATE KEY" not in bytes(key.key_blob)
    assert signing_keys.signer_status(signers.reviewer.id) == "ready"
    info = pki.cert_info(ca.cert_pem.encode())
    assert info.is_ca and info.fingerprint == ca.fingerprint == signing_keys.authority().fingerprint
    if not str(db_path).startswith("postgresql"):
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        assert b"PRIVATE KEY" not in Path(db_path).read_bytes()


def test_two_signatures_that_pdfsig_and_pyhanko_accept(approved, tmp_path: Path):
    pdf = report_rows.get_pdf(approved.id)
    path = tmp_path / "FW-2026-10.pdf"
    path.write_bytes(pdf)
    out = pdfsig(path)
    assert out.count("Signature Validation: Signature is Valid.") == 2, out
    assert "钱质检" in out and "刘经理" in out
    check = pdf_verify.check_signatures(pdf, trust=signing_keys.trusted_pems(), revoked=signing_keys.revocations())
    assert check.ok, check
    assert [(s.field_name, s.signer_name, s.intact, s.trusted) for s in check.signatures] == [
        ("reviewer", "钱质检", True, True), ("approver", "刘经理", True, True)]
    result = report_verify.check_signed_file(path)
    assert result.ok and result.record.status == "genuine" and result.approved


def test_a_flipped_byte_or_appended_bytes_are_refused(approved, db_path, tmp_path: Path):
    pdf = report_rows.get_pdf(approved.id)
    flipped = bytearray(pdf)
    flipped[len(pdf) // 3] ^= 0x01
    path = tmp_path / "flipped.pdf"
    path.write_bytes(bytes(flipped))
    assert pdfsig(path).count("Signature is Valid.") < 2
    check = report_verify.check_signed_file(path)
    assert not check.ok and check.problems()
    appended = tmp_path / "appended.pdf"
    appended.write_bytes(pdf + b"\n% changed after signing\n")
    check = report_verify.check_signed_file(appended)
    assert not check.ok and check.signatures.changed_after_last
    assert main(["--db", str(db_path), "verify", str(appended)]) == 1


def test_a_wrong_password_signs_nothing_and_changes_nothing(db, admin, signers):
    row = reports.generate(admin, "monthly-service", "2026-10", "zh_CN")
    row = reports.submit(admin, row.id, row.version)
    before = (Report.get_by_id(row.id).pdf, AuditLog.select().count(), SigningKey.select().count())
    with pytest.raises(AuthenticationError):
        reports.review(signers.reviewer, row.id, row.version, "not-the-password")
    assert (Report.get_by_id(row.id).pdf, AuditLog.select().count(), SigningKey.select().count()) == before
    assert report_rows.get_report(row.id).state == "submitted"


def test_a_database_copy_without_the_passwords_cannot_sign(db, admin, signers):
    """Whoever has the file can change the password hash, but the key stays wrapped under the real password."""
    row = reports.submit(admin, *(lambda r: (r.id, r.version))(reports.generate(admin, "monthly-service", "2026-10")))
    from desk_app.services.passwords import hash_password

    User.update(password_hash=hash_password("attacker-pass-1")).where(User.id == signers.reviewer.id).execute()
    with pytest.raises(AuthenticationError, match="nothing was signed"):
        reports.review(signers.reviewer, row.id, row.version, "attacker-pass-1")
    assert report_rows.get_report(row.id).state == "submitted"


def test_password_change_rewraps_and_admin_reset_reissues(db, admin, signers):
    old = signing_keys.active_key(signers.reviewer.id)
    users.set_password(signers.reviewer, signers.reviewer.id, "quality-pass-2", old_password="quality-pass-1")
    same = signing_keys.active_key(signers.reviewer.id)
    assert same.id == old.id and bytes(same.key_blob) != bytes(old.key_blob)
    signing_keys.unlock_signer(signers.reviewer.id, "quality-pass-2")
    with pytest.raises(AuthenticationError):
        signing_keys.unlock_signer(signers.reviewer.id, "quality-pass-1")
    users.set_password(admin, signers.reviewer.id, "quality-pass-3")  # a reset: the old key is revoked
    new = signing_keys.active_key(signers.reviewer.id)
    assert new.id != old.id and new.cert_pem and new.fingerprint != old.fingerprint
    assert SigningKey.get_by_id(old.id).revoked_at is not None
    assert old.fingerprint in signing_keys.revocations()


def test_a_disabled_user_is_revoked_and_later_signatures_are_refused(approved, admin, signers, tmp_path: Path):
    user = User.get_by_id(signers.approver.id)
    key = signing_keys.active_key(user.id)
    users.update_user(admin, user.id, user.version, user.full_name, ["manager"], active=False)
    assert signing_keys.active_key(user.id) is None and signing_keys.signer_status(user.id) == "revoked"
    path = tmp_path / "FW.pdf"
    report_rows.save_pdf(approved.id, path)
    assert report_verify.check_signed_file(path).ok  # signed before the revocation: still good
    SigningKey.update(revoked_at=approved.approved_at.replace(year=2000)).where(SigningKey.id == key.id).execute()
    check = report_verify.check_signed_file(path)
    assert not check.ok and any(s.revoked for s in check.signatures.signatures)


def test_reviewer_is_not_the_approver_unless_the_desk_allows_it(db, admin, signers):
    row = signers.review(reports.generate(admin, "monthly-service", "2026-10"))
    manager = signers.approver
    with pytest.raises(ValidationError, match="drafted"):
        reports.approve(admin, row.id, row.version, "admin-pass-1")
    other = reports.generate(admin, "monthly-evaluation", "2026-10")
    other = reports.submit(admin, other.id, other.version)
    other = reports.review(manager, other.id, other.version, signers.approver_password)
    with pytest.raises(ValidationError, match="another manager"):
        reports.approve(manager, other.id, other.version, signers.approver_password)
    settings.set_many(admin, {"report.same_reviewer_approver": "yes"})
    other = reports.approve(manager, other.id, other.version, signers.approver_password)
    assert other.state == "approved" and other.reviewer == other.approver == "刘经理"
    assert "same person" in report_rows.events(other.id)[-1].comment
    check = pdf_verify.check_signatures(report_rows.get_pdf(other.id), trust=signing_keys.trusted_pems())
    assert check.ok and len(check.signatures) == 2


def test_rejecting_a_reviewed_report_drops_its_signature(db, admin, signers):
    row = signers.review(reports.generate(admin, "monthly-service", "2026-10"))
    row = reports.reject(signers.approver, row.id, row.version, "请补充投诉分析")
    assert row.state == "rejected" and row.reviewer == ""
    check = pdf_verify.check_signatures(report_rows.get_pdf(row.id), trust=signing_keys.trusted_pems())
    assert not check.ok and not check.signatures and check.problem
    row = signers.sign_off(row)
    assert row.state == "approved"


def test_an_unsigned_draft_and_a_reviewed_file_are_not_valid(db, admin, signers, tmp_path: Path):
    row = reports.generate(admin, "monthly-service", "2026-10")
    report_rows.save_pdf(row.id, tmp_path / "draft.pdf")
    check = report_verify.check_signed_file(tmp_path / "draft.pdf")
    assert not check.ok and check.signatures.problem
    row = signers.review(row)
    report_rows.save_pdf(row.id, tmp_path / "reviewed.pdf")
    check = report_verify.check_signed_file(tmp_path / "reviewed.pdf")
    assert check.signatures.ok and not check.approved and not check.ok
    assert any("not approved" in p.lower() for p in check.problems())


def test_verify_with_only_the_certificate_on_an_empty_database(approved, db_path, tmp_path: Path, capsys,
                                                               monkeypatch):
    pdf = tmp_path / "FW.pdf"
    report_rows.save_pdf(approved.id, pdf)
    cert = tmp_path / "desk.pem"
    assert main(["--db", str(db_path), "export-certificate", "-o", str(cert)]) == 0
    assert cert.read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")
    other = tmp_path / "elsewhere.sqlite"
    capsys.readouterr()
    assert main(["--db", str(other), "verify", str(pdf)]) == 1  # no trust in this desk
    assert "NOT TRUSTED" in capsys.readouterr().out
    assert main(["--db", str(other), "verify", str(pdf), "--trust", str(cert)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("valid unknown") and "钱质检" in out and "刘经理" in out
    assert main(["--db", str(other), "verify", str(pdf), "--trust", str(cert), "--json"]) == 0
    import json

    doc = json.loads(capsys.readouterr().out)
    assert doc["ok"] and [s["role"] for s in doc["signatures"]] == ["reviewer", "approver"]
    assert main(["--db", str(other), "verify", str(pdf), "--trust", str(pdf)]) == 1  # not a certificate


def test_cli_steps_with_password_stdin(db, db_path, admin, signers, tmp_path: Path, capsys, monkeypatch):
    assert main(["--db", str(db_path), "report", "monthly-service", "--period", "2026-10",
                 "-o", str(tmp_path / "draft.pdf")]) == 0
    number = "FW-2026-10"
    assert main(["--db", str(db_path), "report", "submit", number]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong-pass\n"))
    assert main(["--db", str(db_path), "report", "review", number, "--user", "quality1", "--password-stdin"]) == 1
    monkeypatch.setattr("sys.stdin", io.StringIO("quality-pass-1\n"))
    assert main(["--db", str(db_path), "report", "review", number, "--user", "quality1", "--password-stdin",
                 "--comment", "已核对"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("manager-pass-1\n"))
    out = tmp_path / "approved.pdf"
    assert main(["--db", str(db_path), "report", "approve", number, "--user", "manager2", "--password-stdin",
                 "-o", str(out)]) == 0
    assert main(["--db", str(db_path), "report", "publish", number]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "report", "list", "--json"]) == 0
    import json

    listed = json.loads(capsys.readouterr().out)
    assert [(r["number"], r["state"], r["reviewer"], r["approver"]) for r in listed] == [
        (number, "published", "钱质检", "刘经理")]
    assert main(["--db", str(db_path), "verify", str(out)]) == 0
    assert main(["--db", str(db_path), "report", "reject", number, "--comment", "x"]) == 1
    assert main(["--db", str(db_path), "report", "review", "FW-1999-01", "--password-stdin"]) == 1


def test_users_added_without_an_admin_session_wait_for_certify(db, db_path, admin, capsys, monkeypatch):
    signing_keys._unlocked.clear()  # a command line job: no administrator has logged in
    monkeypatch.setattr("sys.stdin", io.StringIO("quality-pass-1\n"))
    assert main(["--db", str(db_path), "user", "add", "qc2", "--full-name", "孙质检", "--role", "quality",
                 "--password-stdin"]) == 0
    qc = User.get(User.username == "qc2")
    assert signing_keys.signer_status(qc.id) == "pending"
    monkeypatch.setattr("sys.stdin", io.StringIO("admin-pass-1\n"))
    assert main(["--db", str(db_path), "user", "certify", "--password-stdin"]) == 0
    assert signing_keys.signer_status(qc.id) == "ready"
    issued = AuditLog.select().where(AuditLog.action == "signing.certificate_issue").order_by(AuditLog.id.desc()).get()
    assert issued.username == "admin"  # the administrator who issued it, not the certificate's owner


def test_an_older_database_gets_its_authority_and_keys_at_log_in(db, db_path, admin, signers):
    for model in (AuthoritySlot, SigningKey, SigningAuthority):
        model.delete().execute()
    signing_keys._unlocked.clear()
    auth.authenticate("quality1", "quality-pass-1")  # before any administrator: a key, certificate pending
    assert signing_keys.signer_status(signers.reviewer.id) == "pending"
    auth.authenticate("admin", "admin-pass-1")  # the authority, and the pending certificate issued
    assert SigningAuthority.select().count() == 1
    assert signing_keys.signer_status(signers.reviewer.id) == "ready"


@pytest.mark.sqlite_only("rebuilds a schema-3 SQLite file by hand")
def test_migration_4_adds_the_signing_tables(db_path: Path):
    database = open_desk(db_path)
    close_database(database)
    con = sqlite3.connect(db_path)
    for table in ("signing_key", "authority_slot", "signing_authority"):
        con.execute(f"DROP TABLE {table}")
    for column in ("reviewed_at", "signature_boxes"):
        con.execute(f"ALTER TABLE report DROP COLUMN {column}")
    con.execute("PRAGMA user_version = 3")
    con.commit()
    con.close()
    database = open_desk(db_path)
    try:
        assert {"signing_key", "authority_slot", "signing_authority"} <= set(database.get_tables())
        assert {"reviewed_at", "signature_boxes"} <= {c.name for c in database.get_columns("report")}
        assert database.execute_sql("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        close_database(database)


def test_a_users_own_pkcs12_key_signs_and_its_authority_is_trusted(db, db_path, admin, signers, tmp_path: Path,
                                                                   monkeypatch):
    """A desk with its own PKI: the approver imports their PKCS#12 (CLI); the approval verifies as trusted."""
    from datetime import datetime

    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, load_pem_private_key, pkcs12
    from cryptography.x509 import load_pem_x509_certificate

    own_ca = pki.new_authority("集团信息中心", datetime.now())
    key_pem = pki.new_key()
    cert_pem = pki.certify(own_ca, pki.public_pem(key_pem), username="manager2", full_name="刘经理",
                           org_name="集团信息中心", now=datetime.now())
    p12 = tmp_path / "liu.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(
        b"liu", load_pem_private_key(key_pem, None), load_pem_x509_certificate(cert_pem),
        [load_pem_x509_certificate(own_ca.cert_pem)], BestAvailableEncryption(b"p12-pass")))
    before = signing_keys.active_key(signers.approver.id)
    monkeypatch.setattr("sys.stdin", io.StringIO("manager-pass-1\nwrong\n"))
    assert main(["--db", str(db_path), "user", "import-key", "manager2", str(p12), "--password-stdin"]) == 1
    assert signing_keys.active_key(signers.approver.id).id == before.id  # nothing changed
    monkeypatch.setattr("sys.stdin", io.StringIO("manager-pass-1\np12-pass\n"))
    assert main(["--db", str(db_path), "user", "import-key", "manager2", str(p12), "--password-stdin"]) == 0
    key = signing_keys.active_key(signers.approver.id)
    assert key.source == "pkcs12" and key.fingerprint == pki.fingerprint(cert_pem)
    assert SigningKey.get_by_id(before.id).revoked_at is not None
    row = signers.sign_off(reports.generate(admin, "monthly-service", "2026-10"))
    check = pdf_verify.check_signatures(report_rows.get_pdf(row.id), trust=signing_keys.trusted_pems(),
                                        revoked=signing_keys.revocations())
    assert check.ok and [s.organisation for s in check.signatures] == ["信息维修中心", "集团信息中心"]


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils (pdffonts) is not installed")
def test_the_signed_file_stays_archival(approved, tmp_path: Path):
    """Signing adds stamps with their own font: still every font embedded, and the PDF/A-2b identification."""
    path = tmp_path / "FW.pdf"
    report_rows.save_pdf(approved.id, path)
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, timeout=60).stdout.splitlines()[2:]
    assert len(lines) >= 3 and all(line.split()[-5] == "yes" for line in lines), lines
    data = path.read_bytes()
    assert b"<pdfaid:part>2</pdfaid:part>" in data or b'pdfaid:part="2"' in data
    text = subprocess.run(["pdftotext", "-q", str(path), "-"], capture_output=True, timeout=60).stdout.decode()
    assert "服务报告" in text


def test_a_second_administrator_gets_a_share_of_the_authority(db, admin):
    """Added by the logged-in administrator with a password: they can issue certificates on their own later."""
    second = users.create_user(admin, "admin2", "赵管理", ["admin", "manager"], "admin2-pass-1")
    assert AuthoritySlot.select().where(AuthoritySlot.user == second.id).count() == 1
    assert AuditLog.get(AuditLog.action == "signing.authority_share").username == "admin"
    signing_keys._unlocked.clear()
    users.create_user(admin, "qc3", "周质检", ["quality"], "quality-pass-3")
    qc = User.get(User.username == "qc3")
    assert signing_keys.signer_status(qc.id) == "pending"
    actor = auth.authenticate("admin2", "admin2-pass-1")  # the second administrator's log-in issues it
    assert actor.username == "admin2" and signing_keys.signer_status(qc.id) == "ready"
