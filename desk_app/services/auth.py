"""Accounts: the first administrator and log-in (R1, R42)."""

import functools
import logging
import secrets
from datetime import datetime

from peewee import DatabaseError

from desk_app.errors import AuthenticationError, ValidationError
from desk_app.i18n import t
from desk_app.models import User
from desk_app.models.enums import Role
from desk_app.services import audit, settings, signing_keys, throttle, users
from desk_app.services.actor import Actor
from desk_app.services.passwords import check_password_policy, hash_password, verify_password

log = logging.getLogger(__name__)


def needs_first_admin() -> bool:
    """True on a new database: nobody can log in yet."""
    return not User.select().where(User.can_login == True).exists()  # noqa: E712


def create_first_admin(username: str, full_name: str, password: str, org_name: str | None = None) -> Actor:
    """Create the administrator of a new database (also a manager, as on a small desk), with the desk's
    certificate authority and the administrator's signing key (R45, R48)."""
    if not needs_first_admin():
        raise ValidationError(t("An administrator already exists."), field="username")
    users.validate_username(username)
    check_password_policy(password)
    with User._meta.database.atomic():
        user = User.create(
            username=username.strip(),
            full_name=full_name.strip() or username.strip(),
            roles=",".join([Role.ADMIN, Role.MANAGER]),
            password_hash=hash_password(password),
            can_login=True,
        )
        actor = Actor.from_user(user)
        audit.record(actor, "user.create_first_admin", user, after=audit.snapshot(user))
        signing_keys.setup_first_admin(user, password, org_name or str(settings.get("org.name") or ""))
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
        signing_keys.on_login(user, password, str(settings.get("org.name") or ""))
    except DatabaseError as exc:  # a read-only or locked file must not keep people out
        log.warning("Could not audit the log-in of %s or make their signing key: %s", user.username, exc)
    return Actor.from_user(user)


def _count_failure(throttle, name: str, at: datetime | None) -> None:
    try:
        throttle.record_failure(name, at)
    except DatabaseError as exc:  # the attempt is refused anyway; only the count is lost
        log.warning("Could not record a failed log-in: %s", exc)
