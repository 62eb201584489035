"""The desk's small PKI: its signing authority, user certificates and password-wrapped private keys.

Everything is bytes in, bytes out (PEM). Keys are EC P-256 (ECDSA with SHA-256): poppler's pdfsig,
pyHanko and the common PDF readers accept such signatures, and the keys and signatures are small and
quick to make. A private key leaves this module unencrypted only in memory; at rest it is wrapped with
the user's password (scrypt + AES-GCM, see `wrap_key`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from asn1crypto import pkcs12 as asn1_pkcs12  # pyHanko's ASN.1 library: tells "not PKCS#12" from a bad passphrase
from cryptography import x509
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from desk_app.errors import AuthenticationError, ValidationError
from desk_app.i18n import t

#: Clock skew tolerated between the machine that issues a certificate and the ones that check it.
CLOCK_SKEW = timedelta(minutes=10)
AUTHORITY_YEARS = 20
USER_YEARS = 10

_WRAP_FORMAT = "desk-app-wrapped-key"
_WRAP_VERSION = 1
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
#: Upper bounds for parameters read from a blob, so a crafted blob cannot make scrypt eat all memory.
_MAX_N, _MAX_R, _MAX_P = 2**20, 32, 16
#: Associated data of the AES-GCM encryption: binds the ciphertext to this format.
_AAD = b"desk_app.signing wrapped private key v1"
_NAME_MAX = 64  # upper bound of CN and O in RFC 5280


@dataclass(frozen=True)
class KeyPair:
    """A private key (unencrypted PKCS#8 PEM, only ever held in memory) and its certificate (PEM)."""

    key_pem: bytes
    cert_pem: bytes


@dataclass(frozen=True)
class CertInfo:
    """What a person wants to know about a certificate, read from it."""

    common_name: str
    username: str
    organisation: str
    issuer: str  # the issuer's common name (its whole name when it has no CN)
    serial: int
    not_before: datetime  # UTC
    not_after: datetime  # UTC
    fingerprint: str
    is_ca: bool


def _utc(moment: datetime) -> datetime:
    """An aware UTC datetime; a naive one is taken as local time (Python's rule)."""
    return moment.astimezone(UTC)


def _attr(oid: x509.ObjectIdentifier, value: str) -> x509.NameAttribute:
    """A name attribute, cut to the 64 characters X.509 allows for names."""
    return x509.NameAttribute(oid, value.strip()[:_NAME_MAX])


def _load_private_key(key_pem: bytes) -> ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey:
    try:
        key = serialization.load_pem_private_key(key_pem, password=None)
    except (ValueError, TypeError) as exc:
        raise ValidationError(t("The private key is damaged or not a PEM key.")) from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise ValidationError(t("Only RSA and elliptic-curve keys can sign."))
    return key


def _load_cert(cert_pem: bytes) -> x509.Certificate:
    """A certificate from PEM or DER."""
    try:
        if b"-----BEGIN" in cert_pem:
            return x509.load_pem_x509_certificate(cert_pem)
        return x509.load_der_x509_certificate(cert_pem)
    except ValueError as exc:
        raise ValidationError(t("The certificate is damaged or not a certificate.")) from exc


def _private_pem(key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def new_key() -> bytes:
    """A new EC P-256 private key as unencrypted PKCS#8 PEM (pdfsig accepts ECDSA signatures as valid)."""
    return _private_pem(ec.generate_private_key(ec.SECP256R1()))


def public_pem(key_pem: bytes) -> bytes:
    """The public key of a private key, as SubjectPublicKeyInfo PEM (what `certify` takes)."""
    return (
        _load_private_key(key_pem)
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )


def key_matches_cert(key_pem: bytes, cert_pem: bytes) -> bool:
    """Whether the certificate is the one of this private key (a mismatch would make signatures that never verify)."""
    spki = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    mine = _load_private_key(key_pem).public_key().public_bytes(*spki)
    return mine == _load_cert(cert_pem).public_key().public_bytes(*spki)


def new_authority(org_name: str, now: datetime) -> KeyPair:
    """The desk's self-signed signing authority: it certifies the users' keys and nothing else."""
    key_pem = new_key()
    key = _load_private_key(key_pem)
    org = org_name.strip()
    common_name = f"{org[: _NAME_MAX - 5]} 签名机构" if org else "Service desk signing authority"
    attrs = [_attr(NameOID.COMMON_NAME, common_name)]
    if org:
        attrs.append(_attr(NameOID.ORGANIZATION_NAME, org))
    name = x509.Name(attrs)
    start = _utc(now)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start - CLOCK_SKEW)
        .not_valid_after(start + timedelta(days=365 * AUTHORITY_YEARS + 5))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return KeyPair(key_pem=key_pem, cert_pem=cert.public_bytes(serialization.Encoding.PEM))


def certify(authority: KeyPair, public_key_pem: bytes, *, username: str, full_name: str, org_name: str,
            now: datetime) -> bytes:
    """A user's signing certificate (PEM), issued by the desk's authority for the given public key."""
    if not username.strip() or not full_name.strip():
        raise ValidationError(t("A signing certificate needs the user name and the full name."))
    ca_key = _load_private_key(authority.key_pem)
    ca_cert = _load_cert(authority.cert_pem)
    try:
        public_key = serialization.load_pem_public_key(public_key_pem)
    except (ValueError, TypeError) as exc:
        raise ValidationError(t("The public key is damaged or not a PEM key.")) from exc
    if not isinstance(public_key, ec.EllipticCurvePublicKey | rsa.RSAPublicKey):
        raise ValidationError(t("Only RSA and elliptic-curve keys can sign."))
    attrs = [_attr(NameOID.COMMON_NAME, full_name), _attr(NameOID.USER_ID, username)]
    if org_name.strip():
        attrs.append(_attr(NameOID.ORGANIZATION_NAME, org_name))
    ca_ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    start = _utc(now)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attrs))
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start - CLOCK_SKEW)
        .not_valid_after(start + timedelta(days=365 * USER_YEARS + 2))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM)


def fingerprint(cert_pem: bytes) -> str:
    """SHA-256 of the certificate's DER, lowercase hex: how the desk names a certificate (revocation list)."""
    return hashlib.sha256(_load_cert(cert_pem).public_bytes(serialization.Encoding.DER)).hexdigest()


def _first(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    value = values[0].value if values else ""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def cert_info(cert_pem: bytes) -> CertInfo:
    """The fields of a certificate (PEM, or DER as pyHanko hands it over)."""
    cert = _load_cert(cert_pem)
    try:
        is_ca = cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        is_ca = False
    return CertInfo(
        common_name=_first(cert.subject, NameOID.COMMON_NAME),
        username=_first(cert.subject, NameOID.USER_ID),
        organisation=_first(cert.subject, NameOID.ORGANIZATION_NAME),
        issuer=_first(cert.issuer, NameOID.COMMON_NAME) or cert.issuer.rfc4514_string(),
        serial=cert.serial_number,
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        fingerprint=hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest(),
        is_ca=is_ca,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(password.encode("utf-8"))


def wrap_key(key_pem: bytes, password: str) -> bytes:
    """The private key encrypted with a key derived from the password: the only form it is stored in.

    The blob is a small JSON document naming the KDF and cipher with their parameters, so that they
    can be raised later without breaking the keys already stored.
    """
    if not password:
        raise ValidationError(t("A private key needs a password to protect it."))
    salt, nonce = os.urandom(16), os.urandom(12)
    secret = _derive(password, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
    ciphertext = AESGCM(secret).encrypt(nonce, key_pem, _AAD)
    blob = {
        "format": _WRAP_FORMAT, "version": _WRAP_VERSION,
        "kdf": {"name": "scrypt", "n": _SCRYPT_N, "r": _SCRYPT_R, "p": _SCRYPT_P, "salt": _b64(salt)},
        "cipher": {"name": "AES-256-GCM", "nonce": _b64(nonce)},
        "ciphertext": _b64(ciphertext),
    }
    return json.dumps(blob, separators=(",", ":")).encode("ascii")


def unwrap_key(blob: bytes, password: str) -> bytes:
    """The private key PEM from a `wrap_key` blob; a wrong password raises AuthenticationError."""
    try:
        data = json.loads(blob)
        if data["format"] != _WRAP_FORMAT or data["version"] != _WRAP_VERSION:
            raise ValueError("unknown format")
        kdf, cipher = data["kdf"], data["cipher"]
        if kdf["name"] != "scrypt" or cipher["name"] != "AES-256-GCM":
            raise ValueError("unknown algorithm")
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        if not (1 < n <= _MAX_N and 0 < r <= _MAX_R and 0 < p <= _MAX_P):
            raise ValueError("scrypt parameters out of range")
        salt = base64.b64decode(kdf["salt"], validate=True)
        nonce = base64.b64decode(cipher["nonce"], validate=True)
        ciphertext = base64.b64decode(data["ciphertext"], validate=True)
    except (ValueError, KeyError, TypeError) as exc:
        raise ValidationError(t("The stored private key is damaged.")) from exc
    try:
        return AESGCM(_derive(password, salt, n, r, p)).decrypt(nonce, ciphertext, _AAD)
    except InvalidTag as exc:
        raise AuthenticationError(t("The password is wrong; nothing was signed.")) from exc
    except ValueError as exc:  # scrypt refused the parameters (n not a power of two …)
        raise ValidationError(t("The stored private key is damaged.")) from exc


def rewrap_key(blob: bytes, old_password: str, new_password: str) -> bytes:
    """The same private key wrapped with a new password (a password change keeps the certificate)."""
    return wrap_key(unwrap_key(blob, old_password), new_password)


def _looks_like_pkcs12(data: bytes) -> bool:
    """Whether the bytes parse as a PKCS#12 PFX structure (so a load failure means a wrong passphrase)."""
    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        return pfx["version"].native == "v3" and pfx["auth_safe"]["content_type"].native in ("data", "signed_data")
    except (ValueError, TypeError, KeyError):
        return False


def load_pkcs12(data: bytes, passphrase: str) -> tuple[KeyPair, list[bytes]]:
    """A user's own key and certificate from a PKCS#12 file, with the further chain certificates as PEM."""
    if not _looks_like_pkcs12(data):
        raise ValidationError(t("The file is not a PKCS#12 (.p12 / .pfx) key file."))
    try:
        loaded = pkcs12.load_pkcs12(data, passphrase.encode("utf-8") if passphrase else None)
    except ValueError as exc:
        raise AuthenticationError(t("The passphrase of the key file is wrong.")) from exc
    key, cert = loaded.key, loaded.cert.certificate if loaded.cert else None
    if key is None:
        raise ValidationError(t("The key file holds no private key."))
    if cert is None:
        raise ValidationError(t("The key file holds no certificate."))
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise ValidationError(t("Only RSA and elliptic-curve keys can sign."))
    key_pem = _private_pem(key)
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    if not key_matches_cert(key_pem, cert_pem):
        raise ValidationError(t("The certificate in the key file does not belong to its private key."))
    chain = [extra.certificate.public_bytes(serialization.Encoding.PEM) for extra in loaded.additional_certs]
    return KeyPair(key_pem=key_pem, cert_pem=cert_pem), chain
