"""Checking the signatures of a PDF report against the desk's authority, offline.

pyHanko's validator does the work: it hashes the signed byte ranges, checks the CMS signature,
builds the chain to the desk's CA certificates (no network: revocation is the desk's own list of
fingerprints, not CRLs or OCSP) and analyses what was appended after each signature. A damaged or
foreign file never raises: it comes back as a FileCheck with the problem said in words.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime

from pyhanko.keys import load_certs_from_pemder_data
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESFailure, AdESIndeterminate
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from desk_app.i18n import t
from desk_app.signing import pki

#: What may follow a signature without breaking it: further signatures, filling in form fields.
_ALLOWED_LATER = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING)


@dataclass(frozen=True)
class SignatureCheck:
    """The verdict on one signature of a file."""

    field_name: str
    signer_name: str  # CN of the signer's certificate
    username: str  # UID of the certificate ("" if none)
    organisation: str
    signing_time: datetime | None  # a trusted timestamp's time, else the time the signer's software stated
    fingerprint: str  # of the signer's certificate (as pki.fingerprint)
    intact: bool  # the signed bytes hash to the signed digest and the CMS signature is correct
    trusted: bool  # the signer's certificate chains to one of the trusted CA certificates (and is valid now)
    revoked: bool  # the certificate is on the desk's revocation list from before the signing time
    covers_until_end: bool  # nothing but further signatures / form filling was appended after it
    problem: str  # "" when fine, else a short sentence in the user's language

    @property
    def ok(self) -> bool:
        return self.intact and self.trusted and not self.revoked and self.covers_until_end and not self.problem


@dataclass(frozen=True)
class FileCheck:
    """The verdict on a file: its signatures, and whether anything was added after the last one."""

    signatures: list[SignatureCheck]
    changed_after_last: bool  # bytes after the last signature that it does not cover
    problem: str  # a file-level problem ("not a PDF", "no digital signature" …), "" if none

    @property
    def ok(self) -> bool:
        """True only for a signed file whose every signature holds and that was not changed after the last one."""
        return (
            bool(self.signatures)
            and all(check.ok for check in self.signatures)
            and not self.changed_after_last
            and not self.problem
        )


def _trust_problem(status: PdfSignatureStatus) -> str:
    """Why the signer's certificate is not trusted, in words."""
    indication = status.trust_problem_indic
    if indication in (AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND, AdESIndeterminate.CHAIN_CONSTRAINTS_FAILURE,
                      AdESIndeterminate.CERTIFICATE_CHAIN_GENERAL_FAILURE, None):
        return t("The signature was not made with a certificate of this desk.")
    if indication in (AdESIndeterminate.EXPIRED, AdESIndeterminate.OUT_OF_BOUNDS_NO_POE):
        return t("The signer's certificate has expired.")
    if indication in (AdESFailure.NOT_YET_VALID, AdESIndeterminate.NOT_YET_VALID):
        return t("The signer's certificate is not valid yet.")
    if indication == AdESIndeterminate.SIG_CONSTRAINTS_FAILURE:
        return t("The signer's certificate is not meant for signing documents.")
    if indication in (AdESFailure.REVOKED, AdESIndeterminate.REVOKED_NO_POE, AdESIndeterminate.REVOKED_CA_NO_POE):
        return t("The signer's certificate was revoked.")
    return t("The signer's certificate could not be verified.")


def _signing_time(status: PdfSignatureStatus) -> datetime | None:
    """A trusted timestamp's time (B-T), else the signed signing-time attribute."""
    stamp = status.timestamp_validity
    if stamp is not None and stamp.intact and stamp.valid and stamp.trusted:
        return stamp.timestamp.astimezone(UTC)
    claimed = status.signer_reported_dt
    return claimed.astimezone(UTC) if claimed is not None else None


def _covers_until_end(status: PdfSignatureStatus) -> bool:
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    return (
        status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and status.modification_level in _ALLOWED_LATER
        and status.docmdp_ok is not False
    )


def _check_one(embedded: EmbeddedPdfSignature, trust: list, revoked: dict[str, datetime]) -> SignatureCheck:
    field_name = str(embedded.field_name or "")
    try:
        info = pki.cert_info(embedded.signer_cert.dump())
    except Exception:  # noqa: BLE001 - a damaged /Contents holds no readable certificate
        return _damaged(field_name)
    try:
        context = ValidationContext(trust_roots=trust, allow_fetching=False, revocation_mode="soft-fail")
        status = validate_pdf_signature(embedded, context)
    except Exception:  # noqa: BLE001 - pyHanko raises on malformed signature data
        return SignatureCheck(field_name, info.common_name, info.username, info.organisation, None,
                              info.fingerprint, False, False, False, False,
                              t("The signature is damaged and cannot be read."))
    signing_time = _signing_time(status)
    revoked_at = revoked.get(info.fingerprint)
    # now() keeps whole seconds: a revocation in the second of the signature came after it
    is_revoked = revoked_at is not None and (signing_time is None or revoked_at.astimezone(UTC) < signing_time)
    intact = bool(status.intact and status.valid)
    covers = _covers_until_end(status)
    if not intact:
        problem = t("The document was changed after it was signed, or the signature is damaged.")
    elif is_revoked:
        problem = t("The signer's certificate was revoked before this signature was made.")
    elif not status.trusted:
        problem = _trust_problem(status)
    elif not covers:
        problem = t("The document was modified after this signature in a way a signature does not allow.")
    else:
        problem = ""
    return SignatureCheck(
        field_name=field_name, signer_name=info.common_name, username=info.username,
        organisation=info.organisation, signing_time=signing_time, fingerprint=info.fingerprint,
        intact=intact, trusted=bool(status.trusted), revoked=is_revoked, covers_until_end=covers, problem=problem,
    )


def _damaged(field_name: str) -> SignatureCheck:
    return SignatureCheck(field_name, "", "", "", None, "", False, False, False, False,
                          t("The signature is damaged and cannot be read."))


def _revision_of(reader: PdfFileReader, sig_field) -> int:
    """The revision that wrote a field's signature value; unknown counts as the latest."""
    try:
        return reader.xrefs.get_last_change(sig_field.get_object().raw_get("/V").reference)
    except Exception:  # noqa: BLE001 - a direct or dangling /V
        return reader.xrefs.total_revisions


def _collect(reader: PdfFileReader) -> list[EmbeddedPdfSignature | str]:
    """The document's signatures (not document timestamps) in signing order; a damaged one as its field name.

    pyHanko's own `reader.embedded_signatures` gives up on the whole file when one signature is unreadable.
    """
    found: list[tuple[int, EmbeddedPdfSignature | str]] = []
    for fq_name, sig_obj, sig_field in enumerate_sig_fields(reader, filled_status=True):
        try:
            if sig_obj.get_object().get("/Type", "/Sig") == "/DocTimeStamp":
                continue
            embedded = EmbeddedPdfSignature(reader, sig_field, fq_name)
            embedded.signer_cert  # noqa: B018 - parses the CMS now, so a damaged one is caught here
            found.append((embedded.signed_revision, embedded))
        except Exception:  # noqa: BLE001 - unparsable signature dictionary or CMS
            found.append((_revision_of(reader, sig_field), str(fq_name)))
    found.sort(key=lambda item: item[0])
    return [item for _, item in found]


def check_signatures(pdf: bytes, *, trust: list[bytes], revoked: dict[str, datetime] | None = None) -> FileCheck:
    """The verdict on every signature of a PDF, against the trusted CA certificates (PEM) and revoked fingerprints."""
    if b"%PDF-" not in pdf[:1024]:
        return FileCheck([], False, t("The file is not a PDF document."))
    roots = [cert for data in trust for cert in load_certs_from_pemder_data(data)]
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        found = _collect(reader)
    except Exception:  # noqa: BLE001 - pyHanko's reader raises many kinds of errors on damaged input
        return FileCheck([], True, t("The PDF document is damaged; its signatures cannot be checked."))
    if not found:
        return FileCheck([], False, t("The document carries no digital signature."))
    checks = [_damaged(sig) if isinstance(sig, str) else _check_one(sig, roots, revoked or {}) for sig in found]
    last = found[-1]
    # validation computed the coverage; None (validation failed) counts as not covering the file
    changed = isinstance(last, str) or last.coverage != SignatureCoverageLevel.ENTIRE_FILE
    return FileCheck(checks, changed, t("The file was changed after the last signature.") if changed else "")
