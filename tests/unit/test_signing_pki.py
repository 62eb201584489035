"""The desk's PKI (R45): authority, user certificates, password-wrapped keys and PKCS#12 import, with real keys."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12

from desk_app.errors import AuthenticationError, ValidationError
from desk_app.signing import pki

NOW = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def authority() -> pki.KeyPair:
    return pki.new_authority("测试服务台", NOW)


@pytest.fixture(scope="module")
def user(authority: pki.KeyPair) -> pki.KeyPair:
    key = pki.new_key()
    cert = pki.certify(authority, pki.public_pem(key), username="qian", full_name="钱质检", org_name="测试服务台",
                       now=NOW)
    return pki.KeyPair(key_pem=key, cert_pem=cert)


def _x509(pem: bytes) -> x509.Certificate:
    return x509.load_pem_x509_certificate(pem)


def test_the_authority_is_a_self_signed_ca_for_certificates_only(authority: pki.KeyPair) -> None:
    info = pki.cert_info(authority.cert_pem)
    assert info.common_name == "测试服务台 签名机构"
    assert info.organisation == "测试服务台"
    assert info.issuer == info.common_name and info.is_ca
    assert info.not_before <= NOW and info.not_after >= NOW + timedelta(days=365 * 20)
    cert = _x509(authority.cert_pem)
    cert.verify_directly_issued_by(cert)
    constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical and constraints.value.ca and constraints.value.path_length == 0
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.key_cert_sign and usage.crl_sign and not usage.digital_signature
    assert cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
    assert b"PRIVATE KEY" in authority.key_pem and b"ENCRYPTED" not in authority.key_pem


def test_an_authority_without_organisation_has_a_generic_name() -> None:
    info = pki.cert_info(pki.new_authority("  ", NOW).cert_pem)
    assert info.common_name == "Service desk signing authority"
    assert info.organisation == ""


def test_keys_are_p256_and_the_public_key_round_trips() -> None:
    key_pem = pki.new_key()
    key = serialization.load_pem_private_key(key_pem, password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name == "secp256r1"
    public = serialization.load_pem_public_key(pki.public_pem(key_pem))
    assert public.public_numbers() == key.public_key().public_numbers()
    assert pki.new_key() != key_pem


def test_a_user_certificate_names_the_user_and_is_issued_by_the_authority(authority: pki.KeyPair,
                                                                         user: pki.KeyPair) -> None:
    info = pki.cert_info(user.cert_pem)
    assert (info.common_name, info.username, info.organisation) == ("钱质检", "qian", "测试服务台")
    assert info.issuer == "测试服务台 签名机构"
    assert not info.is_ca
    assert info.serial > 0
    assert NOW - timedelta(minutes=30) < info.not_before < NOW  # a little earlier: clock skew
    assert info.not_after >= NOW + timedelta(days=365 * 10)
    cert, ca = _x509(user.cert_pem), _x509(authority.cert_pem)
    cert.verify_directly_issued_by(ca)
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    aki = cert.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    assert aki.key_identifier == ca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    assert pki.key_matches_cert(user.key_pem, user.cert_pem)
    assert not pki.key_matches_cert(authority.key_pem, user.cert_pem)


def test_serials_are_random_and_the_fingerprint_is_the_sha256_of_the_der(authority: pki.KeyPair,
                                                                        user: pki.KeyPair) -> None:
    again = pki.certify(authority, pki.public_pem(user.key_pem), username="qian", full_name="钱质检",
                        org_name="", now=NOW)
    assert pki.cert_info(again).serial != pki.cert_info(user.cert_pem).serial
    assert pki.cert_info(again).organisation == ""
    der = _x509(user.cert_pem).public_bytes(serialization.Encoding.DER)
    assert pki.fingerprint(user.cert_pem) == hashlib.sha256(der).hexdigest() == pki.cert_info(der).fingerprint
    assert pki.fingerprint(user.cert_pem) != pki.fingerprint(again)


def test_certify_wants_a_user_name_and_a_full_name(authority: pki.KeyPair, user: pki.KeyPair) -> None:
    with pytest.raises(ValidationError):
        pki.certify(authority, pki.public_pem(user.key_pem), username=" ", full_name="钱质检", org_name="", now=NOW)
    with pytest.raises(ValidationError):
        pki.certify(authority, b"not a key", username="qian", full_name="钱质检", org_name="", now=NOW)


def test_a_wrapped_key_unwraps_with_its_password_only(user: pki.KeyPair) -> None:
    blob = pki.wrap_key(user.key_pem, "correct horse")
    assert b"PRIVATE KEY" not in blob and user.key_pem not in blob
    header = json.loads(blob)
    assert header["kdf"]["name"] == "scrypt" and header["kdf"]["n"] == 2**14
    assert (header["kdf"]["r"], header["kdf"]["p"]) == (8, 1)
    assert header["cipher"]["name"] == "AES-256-GCM"
    assert pki.unwrap_key(blob, "correct horse") == user.key_pem
    assert pki.wrap_key(user.key_pem, "correct horse") != blob  # fresh salt and nonce
    with pytest.raises(AuthenticationError):
        pki.unwrap_key(blob, "wrong horse")


def test_rewrapping_changes_the_password(user: pki.KeyPair) -> None:
    blob = pki.rewrap_key(pki.wrap_key(user.key_pem, "old"), "old", "new")
    assert pki.unwrap_key(blob, "new") == user.key_pem
    with pytest.raises(AuthenticationError):
        pki.unwrap_key(blob, "old")
    with pytest.raises(AuthenticationError):
        pki.rewrap_key(blob, "old", "newer")


def test_a_damaged_blob_is_a_validation_error(user: pki.KeyPair) -> None:
    blob = json.loads(pki.wrap_key(user.key_pem, "pw"))
    for damaged in (b"", b"not json", json.dumps({**blob, "version": 99}).encode(),
                    json.dumps({**blob, "kdf": {**blob["kdf"], "n": 2**30}}).encode()):
        with pytest.raises(ValidationError):
            pki.unwrap_key(damaged, "pw")


def _p12(key_pem: bytes | None, cert_pem: bytes | None, cas: list[bytes], passphrase: bytes) -> bytes:
    key = serialization.load_pem_private_key(key_pem, password=None) if key_pem else None
    cert = _x509(cert_pem) if cert_pem else None
    return pkcs12.serialize_key_and_certificates(
        b"qian", key, cert, [_x509(pem) for pem in cas], serialization.BestAvailableEncryption(passphrase)
    )


def test_a_pkcs12_file_loads_with_its_chain(authority: pki.KeyPair, user: pki.KeyPair) -> None:
    pair, chain = pki.load_pkcs12(_p12(user.key_pem, user.cert_pem, [authority.cert_pem], b"p12 secret"),
                                  "p12 secret")
    assert pair.cert_pem == user.cert_pem
    assert pki.key_matches_cert(pair.key_pem, pair.cert_pem)
    assert chain == [authority.cert_pem]


def test_a_pkcs12_file_with_the_wrong_passphrase_or_not_pkcs12(user: pki.KeyPair) -> None:
    data = _p12(user.key_pem, user.cert_pem, [], b"p12 secret")
    with pytest.raises(AuthenticationError):
        pki.load_pkcs12(data, "wrong")
    for garbage in (b"", b"garbage" * 20, user.cert_pem):
        with pytest.raises(ValidationError, match="PKCS#12"):
            pki.load_pkcs12(garbage, "p12 secret")


def test_a_pkcs12_file_needs_a_key_and_a_certificate(user: pki.KeyPair) -> None:
    with pytest.raises(ValidationError, match="no private key"):
        pki.load_pkcs12(_p12(None, user.cert_pem, [], b"pw"), "pw")
    with pytest.raises(ValidationError, match="no certificate"):
        pki.load_pkcs12(_p12(user.key_pem, None, [], b"pw"), "pw")
