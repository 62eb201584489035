"""Accounts: password hashing (scrypt), the first administrator, log-in (R1, R42)."""

import functools
import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime

from peewee import DatabaseError

from desk_app.i18n import t
from desk_app.models import User
from desk_app.models.enums import Role
from desk_app.services.errors import AuthenticationError, ValidationError

MIN_PASSWORD_LENGTH = 8
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Actor:
    """The logged-in user, as services see them. Passed explicitly to every service call."""

    id: int
    username: str
    full_name: str
    roles: frozenset[str]
    team_id: int | None = None

    def has_role(self, *roles: str) -> bool:
        return any(r in self.roles for r in roles)

    @classmethod
    def from_user(cls, user: User) -> "Actor":
        return cls(user.id, user.username, user.full_name, frozenset(user.role_set()), user.team_id)


def hash_password(password: str) -> str:
    """A salted scrypt hash in the form `scrypt$n$r$p$salt$hash` (hex)."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str | None) -> bool:
    """True when `password` matches the stored hash (constant-time comparison)."""
    if not stored or not stored.startswith("scrypt$"):
        return False
    _, n, r, p, salt, digest = stored.split("$")
    candidate = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                               dklen=len(digest) // 2)
    return hmac.compare_digest(candidate.hex(), digest)


def check_password_policy(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(t("The password must have at least {n} characters.", n=MIN_PASSWORD_LENGTH),
                              field="password")


def needs_first_admin() -> bool:
    """True on a new database: nobody can log in yet."""
    return not User.select().where(User.can_login == True).exists()  # noqa: E712


def create_first_admin(username: str, full_name: str, password: str) -> Actor:
    """Create the administrator of a new database (also a manager, as on a small desk)."""
    from desk_app.services import audit, users

    if not needs_first_admin():
        raise ValidationError(t("An administrator already exists."), field="username")
    users.validate_username(username)
    check_password_policy(password)
    user = User.create(
        username=username.strip(),
        full_name=full_name.strip() or username.strip(),
        roles=",".join([Role.ADMIN, Role.MANAGER]),
        password_hash=hash_password(password),
        can_login=True,
    )
    actor = Actor.from_user(user)
    audit.record(actor, "user.create_first_admin", user, after=audit.snapshot(user))
    return actor


class LoginThrottled(AuthenticationError):
    """Too many wrong passwords for this user name lately; `retry_after` seconds to wait."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


@functools.cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_hex(16))


def _throttled_message(seconds: int) -> str:
    if seconds > 90:
        return t("Too many failed log-ins for this user name. Try again in {n} minutes.", n=-(-seconds // 60))
    return t("Too many failed log-ins for this user name. Try again in {n} seconds.", n=seconds)


def authenticate(username: str, password: str, *, at: datetime | None = None) -> Actor:
    """Log in: the Actor for these credentials, or AuthenticationError.

    Repeated failures lock the user name for a growing delay (LoginThrottled, see
    `desk_app.services.throttle`); a locked name is refused before the password is looked at.
    Failures and log-ins are audited under the user name, never with the password.
    """
    from desk_app.services import throttle

    name = (username or "").strip()
    wait = throttle.seconds_locked(name, at)
    if wait:
        raise LoginThrottled(_throttled_message(wait), wait)
    # A name with control characters exists nowhere (and PostgreSQL refuses NUL in a query).
    user = None if any(ord(c) < 32 for c in name) else User.get_or_none(User.username == name)
    # An unknown name costs the same hashing time as a known one: timing does not tell which exist.
    if not verify_password(password or "", user.password_hash if user is not None else _dummy_hash()) \
            or user is None:
        _count_failure(throttle, name, at)
        raise AuthenticationError(t("Wrong user name or password."))
    if not user.active:
        raise AuthenticationError(t("This account is disabled."))
    if not user.can_login:
        raise AuthenticationError(t("This account has no login."))
    try:
        throttle.record_success(user, at)
    except DatabaseError as exc:  # a read-only or locked file must not keep people out
        log.warning("Could not audit the log-in of %s: %s", user.username, exc)
    return Actor.from_user(user)


def _count_failure(throttle, name: str, at: datetime | None) -> None:
    try:
        throttle.record_failure(name, at)
    except DatabaseError as exc:  # the attempt is refused anyway; only the count is lost
        log.warning("Could not record a failed log-in: %s", exc)
