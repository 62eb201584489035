"""Is this PDF file a genuine approved report (R37, R46)?

`check_signed_file` is what `verify` and the Reports tab ask: the file's digital signatures (each
intact, chaining to this desk's authority or a `--trust` certificate, not revoked, nothing changed
after the last one, an approver's among them) and, where the database knows the report, whether the
file is its approved version on record and the latest one. It works on a machine with only the file
and the desk's exported certificate.

`verify_bytes` is the record half: a file is on record when its SHA-256 is that of a stored version;
otherwise the report number it names (in its metadata or its text) tells a modified copy of a known
report from an unknown file."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.errors import ValidationError
from desk_app.i18n import N_, t
from desk_app.models.reports import Report
from desk_app.services import signing_keys
from desk_app.services.report_rows import FROZEN_STATES, state_label
from desk_app.services.user_names import user_names
from desk_app.services.validation import read_file

if TYPE_CHECKING:
    from desk_app.signing import pdf_verify


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

    @property
    def _approved_time(self) -> str:
        return f"{self.approved_at:%Y-%m-%d %H:%M}" if self.approved_at else ""

    def message(self) -> str:
        if self.status == "genuine":
            text = t("Genuine: this is report {number} version {version}, approved by {name} at {time}.",
                     number=self.number, version=self.report_version, name=self.approver, time=self._approved_time)
            if self.superseded_by:
                text += " " + t("A later version ({version}) has been approved since.", version=self.superseded_by)
            return text
        if self.status == "modified":
            text = t("Modified: the file names report {number}, but it is not the approved file on record.",
                     number=self.number)
            if self.approver:
                text += " " + t("The approved version {version} was approved by {name} at {time}.",
                                version=self.report_version, name=self.approver, time=self._approved_time)
            return text
        if self.status == "unapproved":
            return t("Not approved: this is report {number} version {version}, which is {state}.",
                     number=self.number, version=self.report_version, state=state_label(self.state))
        return t("Unknown: this file is not a report of this database.")


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
        names = user_names({match.approver_id})
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
            names = user_names({approved.approver_id})
            return VerifyResult("modified", sha, number, approved.report_version, approved.state,
                                names.get(approved.approver_id, ""), approved.approved_at, approved.id)
        return VerifyResult("modified", sha, number)
    return VerifyResult("unknown", sha)


def verify_file(path: str | Path) -> VerifyResult:
    """Is this PDF file the approved report on record (R37)? See `VerifyResult.status`."""
    return verify_bytes(read_file(path, "path"), Path(path))


_ROLES = {"reviewer": N_("Reviewed by"), "approver": N_("Approved by")}


@dataclass(frozen=True)
class SignedFileCheck:
    """The signatures of a file and, with the database at hand, its record (R46)."""

    signatures: pdf_verify.FileCheck
    record: VerifyResult

    @property
    def approved(self) -> bool:
        """The file carries an approver's signature (whether it is valid is `signatures.ok`)."""
        return any(s.field_name == "approver" for s in self.signatures.signatures)

    @property
    def ok(self) -> bool:
        """Every signature valid and trusted, nothing changed after the last one, approved, and, when
        the database knows the report, the file is its approved version on record."""
        record_ok = self.record.status in ("genuine", "unknown")
        return self.signatures.ok and self.approved and record_ok

    def problems(self) -> list[str]:
        out = [self.signatures.problem] if self.signatures.problem else []
        out += [f"{_role(s.field_name)}: {s.problem}" for s in self.signatures.signatures if s.problem]
        if self.signatures.signatures and not self.approved:
            out.append(t("The file has no approver's signature: it is not approved."))
        if self.record.status in ("modified", "unapproved"):
            out.append(self.record.message())
        return list(dict.fromkeys(out))

    def lines(self) -> list[str]:
        """One line per signature, then what is wrong, then the record (for the CLI and the dialog)."""
        out = []
        for s in self.signatures.signatures:
            when = f"{s.signing_time.astimezone():%Y-%m-%d %H:%M}" if s.signing_time else "—"
            state = [t("intact") if s.intact else t("CHANGED"),
                     t("trusted") if s.trusted else t("NOT TRUSTED")] + ([t("REVOKED")] if s.revoked else [])
            out.append(f"{_role(s.field_name)}: {s.signer_name} ({s.username or '—'}) {when} · {', '.join(state)}")
        out += self.problems()
        if self.record.status == "genuine":
            out.append(self.record.message())
        elif self.record.status == "unknown":
            out.append(t("This database has no record of the file; the signatures alone were checked."))
        return out

    def as_json(self) -> dict:
        return {
            "ok": self.ok, "approved": self.approved, "record": self.record.status, "number": self.record.number,
            "report_version": self.record.report_version, "latest": self.record.superseded_by is None,
            "changed_after_last": self.signatures.changed_after_last, "problems": self.problems(),
            "signatures": [{"role": s.field_name, "signer": s.signer_name, "username": s.username,
                            "time": s.signing_time.isoformat() if s.signing_time else None, "intact": s.intact,
                            "trusted": s.trusted, "revoked": s.revoked, "problem": s.problem}
                           for s in self.signatures.signatures],
        }


def _role(field_name: str) -> str:
    return t(_ROLES.get(field_name, field_name))


def check_signed_bytes(data: bytes, path: Path | None = None, trust: list[bytes] | None = None) -> SignedFileCheck:
    """Check the signatures against this desk's authorities and `trust`, and the record (see module doc)."""
    from desk_app.signing import pdf_verify  # pyHanko: loaded when a file is checked, not at start-up

    roots = signing_keys.trusted_pems() + [p for p in (trust or []) if p]
    signatures = pdf_verify.check_signatures(data, trust=roots, revoked=signing_keys.revocations())
    return SignedFileCheck(signatures, verify_bytes(data, path))


def read_pem(path: str | Path) -> bytes:
    """A `--trust` certificate file (PEM), read with a clear error."""
    data = read_file(path, "--trust")
    if b"-----BEGIN CERTIFICATE-----" not in data:
        raise ValidationError(t("{path} is not a PEM certificate (-----BEGIN CERTIFICATE-----).", path=str(path)),
                              field="--trust")
    return data


def check_signed_file(path: str | Path, trust: list[bytes] | None = None) -> SignedFileCheck:
    return check_signed_bytes(read_file(path, "path"), Path(path), trust)
