"""Log-in throttling (R42): repeated wrong passwords for one user name lock it for a growing delay.

No table of its own: failures are the `auth.failed` rows of the audit log (indexed on action and
time), so every workstation on a shared database sees the same count, and the record of attempts
is itself audited. A successful log-in (`auth.login`) or an administrator's unlock (`auth.unlock`)
starts the count again.

The rule: count the failures for the user name since its last success, over at most LOOKBACK.
From MAX_FAILURES failures on, every attempt is refused until the newest failure is
`BASE_DELAY * 2 ** (failures - MAX_FAILURES)` old (at most MAX_DELAY): 5 failures lock the name
for 30 seconds, the next one for a minute, then 2, 4, 8 and 15 minutes. Refused attempts are
not checked and not counted, so guessing costs time, not just attempts, and a locked name
unlocks by itself.
"""

import re
from datetime import datetime, timedelta

from desk_app.models import AuditLog, User, now
from desk_app.services.actor import Actor
from desk_app.services.permissions import Permission, require

FAILED = "auth.failed"
SUCCEEDED = "auth.login"
UNLOCKED = "auth.unlock"
#: The audit rows of log-ins name the pseudo-entity "login" and the user name as its id.
ENTITY = "login"

MAX_FAILURES = 5
BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(minutes=15)
LOOKBACK = timedelta(hours=24)
#: How much of a typed user name the audit log keeps (it may be anything a person typed).
NAME_LENGTH = 100

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def key(username: str) -> str:
    """The user name as attempts are counted: stripped, control characters removed, bounded."""
    return _CONTROL.sub("", (username or "").strip())[:NAME_LENGTH]


def delay_after(failures: int) -> timedelta:
    """How long a user name stays locked after its newest failure, with `failures` counted."""
    if failures < MAX_FAILURES:
        return timedelta(0)
    return min(BASE_DELAY * 2 ** min(failures - MAX_FAILURES, 20), MAX_DELAY)


def _rows(name: str, since: datetime):
    return AuditLog.select(AuditLog.id, AuditLog.at).where(
        (AuditLog.entity == ENTITY) & (AuditLog.entity_id == name) & (AuditLog.at >= since))


def _failures(name: str, at: datetime) -> list[datetime]:
    """Times of the failures counted at `at`: after the last success or unlock, within LOOKBACK."""
    since = at - LOOKBACK
    reset = (_rows(name, since).where(AuditLog.action.in_((SUCCEEDED, UNLOCKED)))
             .order_by(AuditLog.at.desc(), AuditLog.id.desc()).first())
    if reset is not None:
        since = max(since, reset.at)
        query = _rows(name, since).where((AuditLog.action == FAILED) & (AuditLog.id > reset.id))
    else:
        query = _rows(name, since).where(AuditLog.action == FAILED)
    return [row.at for row in query.order_by(AuditLog.at)]


def seconds_locked(username: str, at: datetime | None = None) -> int:
    """How many more seconds log-ins for `username` are refused (0: the user name is free)."""
    name, at = key(username), at or now()
    failures = _failures(name, at)
    locked_until = failures[-1] + delay_after(len(failures)) if failures else at
    remaining = (locked_until - at).total_seconds()
    return max(0, int(-(-remaining // 1)))  # rounded up


def failure_count(username: str, at: datetime | None = None) -> int:
    """Failures counted now for `username` (for messages and tests)."""
    return len(_failures(key(username), at or now()))


def _write(action: str, name: str, user_id: int | None, actor_name: str, at: datetime) -> None:
    AuditLog.create(at=at, user=user_id, username=actor_name, action=action, entity=ENTITY, entity_id=name)


def record_failure(username: str, at: datetime | None = None) -> None:
    """Count a wrong password (or an unknown user name). Who typed it is unknown; never the password."""
    name = key(username)
    _write(FAILED, name, None, name, at or now())


def record_success(user: User, at: datetime | None = None) -> None:
    """A log-in: audited (R1), and the failure count of the name starts again."""
    _write(SUCCEEDED, key(user.username), user.id, user.username, at or now())


def unlock(actor: Actor, username: str, at: datetime | None = None) -> None:
    """An administrator frees a locked user name (for example after setting a new password)."""
    require(actor, Permission.MANAGE_USERS)
    _write(UNLOCKED, key(username), actor.id, actor.username, at or now())
