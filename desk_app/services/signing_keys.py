"""Signing keys and certificates of the desk's people (R45).

The desk has its own certificate authority, made with the first administrator (`init` or first
start), or, on a database from before signatures, at the next log-in of an administrator. Its key is
kept wrapped under that administrator's password. Every user who may review or approve reports gets
a key wrapped under their own password whenever that password is at hand (created, set, or typed at
log-in); the key's certificate is issued at once when an administrator's password unlocks the
authority in the same step, otherwise at the next log-in of an administrator ("pending").

A password change by the user re-wraps their key; an administrator's reset (the old password is
not known) revokes the key and makes a new one; disabling a user revokes theirs. Revoked
certificates stay listed so that `report_verify` refuses signatures made after the revocation.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from desk_app.errors import AuthenticationError, ValidationError
from desk_app.i18n import t
from desk_app.models import User, now
from desk_app.models.enums import Role
from desk_app.models.signing import AuthoritySlot, SigningAuthority, SigningKey
from desk_app.services import audit
from desk_app.services.actor import Actor
from desk_app.services.passwords import verify_password
from desk_app.services.permissions import GRANTS, Permission, require

if TYPE_CHECKING:
    from desk_app.signing import pki

#: Authorities unlocked by an administrator's log-in in this process, by (authority fingerprint, user
#: id), so that the certificate of a user they add is issued at once. Held in memory only.
_unlocked: dict[tuple[str, int], pki.KeyPair] = {}

#: The roles whose holders sign reports (review or approval).
SIGNER_ROLES = GRANTS[Permission.REPORT_REVIEW] | GRANTS[Permission.REPORT_APPROVE]


_PEM = re.compile(r"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----\s*", re.S)


def _pems(text: str) -> list[bytes]:
    """The certificates of a PEM text holding several, one by one."""
    return [m.group(0).strip().encode() + b"\n" for m in _PEM.finditer(text or "")]


def require_password(user_id: int, password: str, message: str) -> User:
    """The user, when `password` is theirs; else AuthenticationError(`message`): re-entering a password is
    what signs, issues or imports, so a wrong one changes nothing."""
    user = User.get_or_none(User.id == user_id)
    if user is None or not verify_password(password or "", user.password_hash):
        raise AuthenticationError(message)
    return user


def may_sign(user: User) -> bool:
    return bool(user.role_set() & SIGNER_ROLES)


def authority() -> SigningAuthority | None:
    """The desk's certificate authority (the newest, should a desk ever have made a second one)."""
    return SigningAuthority.select().order_by(SigningAuthority.id.desc()).first()


def active_key(user_id: int) -> SigningKey | None:
    return (SigningKey.select().where((SigningKey.user == user_id) & SigningKey.revoked_at.is_null())
            .order_by(SigningKey.id.desc()).first())


def _audit(user: User, action: str, record: SigningKey | SigningAuthority, after: dict) -> None:
    audit.record(Actor.from_user(user), action, record, after=after)


def create_authority(user: User, password: str, org_name: str) -> pki.KeyPair:
    """The desk's authority, its key wrapped under `user`'s (an administrator's) password."""
    from desk_app.signing import pki  # cryptography, only when a key is used
    pair = pki.new_authority(org_name, now())
    with SigningAuthority._meta.database.atomic():
        ca = SigningAuthority.create(org_name=org_name, cert_pem=pair.cert_pem.decode(),
                                     fingerprint=pki.fingerprint(pair.cert_pem))
        AuthoritySlot.create(authority=ca, user=user, key_blob=pki.wrap_key(pair.key_pem, password))
        _audit(user, "signing.authority_create", ca, {"org_name": org_name, "fingerprint": ca.fingerprint})
    return pair


def _slot(ca: SigningAuthority, user_id: int) -> AuthoritySlot | None:
    return AuthoritySlot.get_or_none((AuthoritySlot.authority == ca.id) & (AuthoritySlot.user == user_id))


def _unlock_authority(user: User, password: str) -> pki.KeyPair | None:
    """The authority's key pair when `user` holds a slot of it (else None); a wrong password raises."""
    from desk_app.signing import pki  # cryptography, only when a key is used
    ca = authority()
    slot = ca and _slot(ca, user.id)
    if slot is None:
        return None
    return pki.KeyPair(pki.unwrap_key(bytes(slot.key_blob), password), ca.cert_pem.encode())


def _new_key(user: User, password: str) -> SigningKey:
    from desk_app.signing import pki  # cryptography, only when a key is used
    key_pem = pki.new_key()
    key = SigningKey.create(user=user, public_key_pem=pki.public_pem(key_pem).decode(),
                            key_blob=pki.wrap_key(key_pem, password))
    _audit(user, "signing.key_create", key, {"user": user.username})
    return key


def ensure_key(user: User, password: str) -> None:
    """A key for a user who signs and has none (its certificate pending until an administrator issues it)."""
    if may_sign(user) and active_key(user.id) is None:
        _new_key(user, password)


def _issue(ca: pki.KeyPair, key: SigningKey, issuer: User) -> None:
    from desk_app.signing import pki  # cryptography, only when a key is used
    user = User.get_by_id(key.user_id)
    org = SigningAuthority.get(SigningAuthority.fingerprint == pki.fingerprint(ca.cert_pem)).org_name
    cert = pki.certify(ca, key.public_key_pem.encode(), username=user.username, full_name=user.full_name,
                       org_name=org, now=now())
    key.cert_pem, key.fingerprint, key.issued_at = cert.decode(), pki.fingerprint(cert), now()
    key.save()
    _audit(issuer, "signing.certificate_issue", key, {"user": user.username, "fingerprint": key.fingerprint})


def pending_keys() -> list[SigningKey]:
    """Active keys still waiting for their certificate."""
    return list(SigningKey.select().where(SigningKey.revoked_at.is_null() & (SigningKey.cert_pem == ""))
                .order_by(SigningKey.id))


def issue_pending(user: User, password: str, ca: pki.KeyPair | None = None) -> int:
    """Issue every pending certificate with the authority `user` (an administrator) unlocks; how many."""
    pending = pending_keys()
    if not pending:
        return 0
    ca = ca or _unlock_authority(user, password)
    if ca is None:
        return 0
    with SigningKey._meta.database.atomic():
        for key in pending:
            _issue(ca, key, user)
    return len(pending)


def certify_pending(actor: Actor, password: str) -> int:
    """`user certify`: issue the pending certificates with the acting administrator's password."""
    require(actor, Permission.MANAGE_USERS)
    user = require_password(actor.id, password, t("The password is wrong; no certificate was issued."))
    if not pending_keys():
        return 0
    ca = _unlock_authority(user, password)
    if ca is None:
        raise ValidationError(t("{name} cannot issue certificates: the desk's authority is kept by the "
                                "administrator who set up the desk.", name=user.username), field="--user")
    return issue_pending(user, password, ca)


def _remember(user: User, ca: pki.KeyPair | None) -> None:
    from desk_app.signing import pki  # cryptography, only when a key is used
    if ca is not None:
        _unlocked[(pki.fingerprint(ca.cert_pem), user.id)] = ca


def _session_authority(actor: Actor) -> pki.KeyPair | None:
    ca = authority()
    return _unlocked.get((ca.fingerprint, actor.id)) if ca else None


def issue_for_session(actor: Actor) -> int:
    """Issue the pending certificates with the authority `actor` unlocked at log-in, if they did."""
    unlocked = _session_authority(actor)
    return issue_pending(User.get_by_id(actor.id), "", unlocked) if unlocked else 0


def share_authority(actor: Actor, user: User, password: str) -> bool:
    """Give an administrator whose password is at hand (just created or reset by `actor`) their own
    slot of the authority, when `actor` unlocked it at log-in; so the desk keeps more than one
    administrator who can issue certificates."""
    from desk_app.signing import pki  # cryptography, only when a key is used
    unlocked = _session_authority(actor)
    ca = authority()
    if unlocked is None or Role.ADMIN not in user.role_set() or _slot(ca, user.id) is not None:
        return False
    AuthoritySlot.create(authority=ca, user=user, key_blob=pki.wrap_key(unlocked.key_pem, password))
    audit.record(actor, "signing.authority_share", ca, after={"user": user.username})
    return True


def setup_first_admin(user: User, password: str, org_name: str) -> None:
    """A new desk: its authority, the administrator's key and certificate (inside the caller's transaction)."""
    ca = create_authority(user, password, org_name)
    _issue(ca, _new_key(user, password), user)
    _remember(user, ca)


def on_login(user: User, password: str, org_name: str) -> None:
    """What a correct password makes possible: the authority of an older desk (an administrator),
    the user's key if they sign and have none, and the certificates that are pending."""
    with User._meta.database.atomic():
        ca = None
        if authority() is None and Role.ADMIN in user.role_set():
            ca = create_authority(user, password, org_name)
        ensure_key(user, password)
        if Role.ADMIN in user.role_set():
            ca = ca or _unlock_authority(user, password)
            _remember(user, ca)
            issue_pending(user, password, ca)


def on_password_set(user: User, new_password: str, old_password: str | None) -> None:
    """Re-wrap the user's key and authority slot under the new password when the old one opens them;
    otherwise (an administrator's reset) revoke the key, make a new one and drop the slot."""
    from desk_app.signing import pki  # cryptography, only when a key is used
    key = active_key(user.id)
    slots = list(AuthoritySlot.select().where(AuthoritySlot.user == user.id))
    try:
        rewrapped = [(r, pki.rewrap_key(bytes(r.key_blob), old_password, new_password))
                     for r in ([key] if key else []) + slots] if old_password else None
    except AuthenticationError:
        rewrapped = None
    if rewrapped is not None:
        for record, blob in rewrapped:
            record.key_blob = blob
            record.save()
        return
    if key is not None:
        revoke(user, "signing.key_reset")
    for slot in slots:
        slot.delete_instance()
    if may_sign(user):
        _new_key(user, new_password)


def revoke(user: User, action: str = "signing.key_revoke") -> None:
    """Revoke the user's active key: their signatures made from now on are refused (R45)."""
    key = active_key(user.id)
    if key is None:
        return
    key.revoked_at = now()
    key.save()
    _audit(user, action, key, {"user": user.username, "fingerprint": key.fingerprint,
                               "revoked_at": key.revoked_at.isoformat()})


def unlock_signer(user_id: int, password: str) -> tuple[pki.KeyPair, list[bytes]]:
    """The signer's key and certificate (and the chain above it) opened with their password.

    Raises AuthenticationError on a wrong password, ValidationError when the user has no key or no
    certificate yet (then nothing can be signed in their name)."""
    from desk_app.signing import pki  # cryptography, only when a key is used
    key = active_key(user_id)
    if key is None:
        raise ValidationError(t("You have no signing key yet: log out and log in again with your password, "
                                "then sign."), field="password")
    if not key.cert_pem:
        raise ValidationError(t("Your signing certificate has not been issued yet: an administrator issues it by "
                                "logging in, or with `desk-app user certify`."), field="password")
    try:
        key_pem = pki.unwrap_key(bytes(key.key_blob), password)
    except AuthenticationError as exc:
        raise AuthenticationError(t("The password is wrong; nothing was signed.")) from exc
    chain = _pems(key.chain_pem) if key.chain_pem else [authority_pem()]
    return pki.KeyPair(key_pem, key.cert_pem.encode()), chain


def import_pkcs12(actor: Actor, user_id: int, data: bytes, passphrase: str, password: str) -> SigningKey:
    """Replace a user's key by their own (a desk with its own PKI): the PKCS#12 opened with its
    passphrase, the key wrapped under the user's password (which must be theirs)."""
    from desk_app.signing import pki  # cryptography, only when a key is used
    if actor.id != user_id:
        require(actor, Permission.MANAGE_USERS)
    name = User.get_by_id(user_id).username
    user = require_password(user_id, password, t("The password of {name} is wrong; nothing was imported.", name=name))
    pair, chain = pki.load_pkcs12(data, passphrase)
    with User._meta.database.atomic():
        revoke(user, "signing.key_replace")
        key = SigningKey.create(user=user, public_key_pem=pki.public_pem(pair.key_pem).decode(),
                                key_blob=pki.wrap_key(pair.key_pem, password), cert_pem=pair.cert_pem.decode(),
                                chain_pem="".join(c.decode() for c in chain), source="pkcs12", issued_at=now(),
                                fingerprint=pki.fingerprint(pair.cert_pem))
        audit.record(actor, "signing.key_import", key, after={"user": user.username, "fingerprint": key.fingerprint})
    return key


def authority_pem() -> bytes:
    ca = authority()
    if ca is None:
        raise ValidationError(t("This desk has no certificate authority yet: an administrator makes it by logging "
                                "in once (or run `desk-app init` on a new database)."), field="authority")
    return ca.cert_pem.encode()


def trusted_pems() -> list[bytes]:
    """The certificates a signature must chain to: every authority of the desk, and the roots of imported keys."""
    pems = [a.cert_pem.encode() for a in SigningAuthority.select().order_by(SigningAuthority.id)]
    for (chain,) in SigningKey.select(SigningKey.chain_pem).where(SigningKey.chain_pem != "").tuples():
        pems.extend(c for c in _pems(chain) if c not in pems)
    return pems


def revocations() -> dict[str, object]:
    """Fingerprint → revocation time, for every revoked certificate."""
    query = SigningKey.select(SigningKey.fingerprint, SigningKey.revoked_at).where(
        SigningKey.revoked_at.is_null(False) & (SigningKey.fingerprint != ""))
    return {fp: at for fp, at in query.tuples()}


def signer_status(user_id: int) -> str:
    """none / pending / ready / revoked: for the Admin dialog and `user list`."""
    key = active_key(user_id)
    if key is None:
        return "revoked" if SigningKey.select().where(SigningKey.user == user_id).exists() else "none"
    return "ready" if key.cert_pem else "pending"
