"""Accounts: password hashing (scrypt), the first administrator, log-in (R1, R42)."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from desk_app.i18n import t
from desk_app.models import User
from desk_app.models.enums import Role
from desk_app.services.errors import AuthenticationError, ValidationError

MIN_PASSWORD_LENGTH = 8
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


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


def authenticate(username: str, password: str) -> Actor:
    """Log in: the Actor for these credentials, or AuthenticationError."""
    user = User.get_or_none(User.username == username.strip())
    if user is None or not verify_password(password, user.password_hash):
        raise AuthenticationError(t("Wrong user name or password."))
    if not user.active:
        raise AuthenticationError(t("This account is disabled."))
    if not user.can_login:
        raise AuthenticationError(t("This account has no login."))
    return Actor.from_user(user)
