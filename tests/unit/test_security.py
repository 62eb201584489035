"""Security (R1, R42): log-in throttling, passwords never logged, an audit log the app cannot edit."""

import logging
import re
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desk_app.errors import AuthenticationError, PermissionDenied
from desk_app.models import AuditLog, User
from desk_app.models.enums import Role
from desk_app.services import throttle, users
from desk_app.services.auth import LoginThrottled, authenticate, create_first_admin

T0 = datetime(2026, 3, 2, 9, 0, 0)
PASSWORD = "admin-pass-1"


def _fail(name: str, at: datetime, times: int = 1) -> None:
    for i in range(times):
        with pytest.raises(AuthenticationError) as info:
            authenticate(name, "wrong-password", at=at + timedelta(seconds=i))
        assert not isinstance(info.value, LoginThrottled)


# --- throttling ----------------------------------------------------------------------------------

def test_four_failures_do_not_lock(admin):
    _fail("admin", T0, throttle.MAX_FAILURES - 1)
    assert authenticate("admin", PASSWORD, at=T0 + timedelta(seconds=10)).id == admin.id


def test_fifth_failure_locks_even_the_right_password(admin):
    _fail("admin", T0, throttle.MAX_FAILURES)
    last = T0 + timedelta(seconds=throttle.MAX_FAILURES - 1)
    with pytest.raises(LoginThrottled) as info:
        authenticate("admin", PASSWORD, at=last + timedelta(seconds=5))
    assert info.value.retry_after == 25
    assert "Try again in 25 seconds" in str(info.value)
    assert isinstance(info.value, AuthenticationError), "the login dialog shows it like any refusal"
    # refused attempts are not checked and not counted
    assert throttle.failure_count("admin", last + timedelta(seconds=5)) == throttle.MAX_FAILURES
    # after the delay the right password works, and the count starts again
    actor = authenticate("admin", PASSWORD, at=last + timedelta(seconds=30))
    assert actor.id == admin.id
    assert throttle.failure_count("admin", last + timedelta(seconds=31)) == 0
    _fail("admin", last + timedelta(seconds=40), throttle.MAX_FAILURES - 1)


def test_the_delay_grows_and_is_capped(admin):
    _fail("admin", T0, throttle.MAX_FAILURES)
    at = T0 + timedelta(seconds=throttle.MAX_FAILURES - 1)
    waits = []
    for _ in range(8):
        wait = throttle.seconds_locked("admin", at)
        waits.append(wait)
        at += timedelta(seconds=wait)
        _fail("admin", at)
    assert waits == [30, 60, 120, 240, 480, 900, 900, 900]
    with pytest.raises(LoginThrottled, match="Try again in 15 minutes"):
        authenticate("admin", PASSWORD, at=at)
    assert throttle.delay_after(10_000) == throttle.MAX_DELAY


def test_old_failures_do_not_count(admin):
    _fail("admin", T0, throttle.MAX_FAILURES)
    later = T0 + throttle.LOOKBACK + timedelta(minutes=1)
    assert throttle.failure_count("admin", later) == 0
    assert authenticate("admin", PASSWORD, at=later).id == admin.id


def test_unknown_names_are_throttled_the_same_way(admin):
    """Same messages for a name that does not exist: the throttle reveals no user names."""
    _fail("nobody", T0, throttle.MAX_FAILURES)
    with pytest.raises(LoginThrottled) as unknown:
        authenticate("nobody", "whatever", at=T0 + timedelta(seconds=4))
    _fail("admin", T0, throttle.MAX_FAILURES)
    with pytest.raises(LoginThrottled) as known:
        authenticate("admin", "whatever", at=T0 + timedelta(seconds=4))
    assert str(unknown.value) == str(known.value)


def test_the_lock_is_per_user_name(admin, make_user):
    other = make_user(Role.AGENT, password="pass-word-1")
    _fail("admin", T0, throttle.MAX_FAILURES)
    assert authenticate(other.username, "pass-word-1", at=T0 + timedelta(seconds=5)).id == other.id
    assert authenticate(" admin ", PASSWORD, at=T0 + timedelta(minutes=1)).id == admin.id


def test_failures_and_logins_are_audited_without_the_password(admin):
    _fail("admin", T0, 2)
    authenticate("admin", PASSWORD, at=T0 + timedelta(seconds=10))
    rows = list(AuditLog.select().where(AuditLog.entity == throttle.ENTITY).order_by(AuditLog.id))
    assert [r.action for r in rows] == [throttle.FAILED, throttle.FAILED, throttle.SUCCEEDED]
    assert all(r.entity_id == "admin" for r in rows)
    assert rows[0].user_id is None, "who typed a wrong password is unknown"
    assert rows[-1].user_id == admin.id
    assert rows[0].at == T0


def test_a_typed_name_is_stored_bounded_and_without_control_characters(db):
    _fail("x\x00y\n" + "z" * 500, T0)
    row = AuditLog.get(AuditLog.action == throttle.FAILED)
    assert row.entity_id == "xy" + "z" * (throttle.NAME_LENGTH - 2)


def test_an_administrator_can_unlock(admin, make_user):
    agent = make_user(Role.AGENT, password="pass-word-1")
    _fail(agent.username, T0, throttle.MAX_FAILURES)
    with pytest.raises(PermissionDenied):
        throttle.unlock(agent, agent.username, at=T0 + timedelta(seconds=5))
    throttle.unlock(admin, agent.username, at=T0 + timedelta(seconds=6))
    assert throttle.seconds_locked(agent.username, T0 + timedelta(seconds=7)) == 0
    assert authenticate(agent.username, "pass-word-1", at=T0 + timedelta(seconds=8)).id == agent.id


def test_throttle_with_the_real_clock(admin):
    for _ in range(throttle.MAX_FAILURES):
        with pytest.raises(AuthenticationError):
            authenticate("admin", "wrong-password")
    with pytest.raises(LoginThrottled):
        authenticate("admin", PASSWORD)


def test_a_read_only_audit_does_not_lock_people_out(admin, monkeypatch):
    """When the log-in cannot be written (read-only or locked file), the user still gets in."""
    from peewee import OperationalError

    def refuse(*args, **kwargs):
        raise OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(throttle, "_write", refuse)
    assert authenticate("admin", PASSWORD).id == admin.id
    with pytest.raises(AuthenticationError):
        authenticate("admin", "wrong-password")


# --- passwords never logged ----------------------------------------------------------------------

SECRET_1 = "Zq8-secret-first-admin"
SECRET_2 = "Zq8-secret-new-user"
SECRET_3 = "Zq8-secret-changed"
SECRET_WRONG = "Zq8-secret-typed-wrong"


@pytest.mark.sqlite_only("reads the database file's bytes")
def test_passwords_never_reach_the_audit_log_the_log_file_or_the_database(db, db_path, tmp_path):
    log_file = tmp_path / "desk-app.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)  # also peewee's SQL with its parameters
    try:
        admin = create_first_admin("boss", "老板", SECRET_1)
        row = users.create_user(admin, "zhang.san", "张三", [Role.AGENT], password=SECRET_2)
        users.set_password(admin, row.id, SECRET_3)
        for _ in range(throttle.MAX_FAILURES + 1):
            with pytest.raises(AuthenticationError):
                authenticate("zhang.san", SECRET_WRONG)
        with pytest.raises(AuthenticationError):
            authenticate("nobody", SECRET_WRONG)
        authenticate("boss", SECRET_1)
        with pytest.raises(LoginThrottled):
            authenticate("zhang.san", SECRET_3)
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()
    secrets = (SECRET_1, SECRET_2, SECRET_3, SECRET_WRONG)

    audit_text = "\n".join(
        "|".join(str(v) for v in row) for row in AuditLog.select().tuples())
    assert "auth.failed" in audit_text and "user.set_password" in audit_text
    logged = log_file.read_text(encoding="utf-8")
    assert "INSERT" in logged, "the log captured the SQL"
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    stored = db_path.read_bytes()
    for secret in secrets:
        assert secret not in audit_text
        assert secret not in logged
        assert secret.encode() not in stored
    assert all(User.get(User.username == n).password_hash.startswith("scrypt$") for n in ("boss", "zhang.san"))


# --- the audit log cannot be edited from the app -------------------------------------------------

APP = Path(__file__).resolve().parents[2] / "desk_app"
_WRITES = [
    re.compile(r"AuditLog\s*\.\s*(update|delete|delete_by_id|replace|replace_many|insert_from|"
               r"truncate_table|drop_table|set_by_id)\b"),
    re.compile(r"\b(update|delete\s+from|replace\s+into|drop\s+table|alter\s+table)\s+[\"'`\[]?audit_?log\b",
               re.IGNORECASE),
    re.compile(r"on_conflict\w*\s*\(.*AuditLog", re.DOTALL),
]


def test_no_code_updates_or_deletes_audit_rows():
    hits = []
    for path in sorted(APP.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for pattern in _WRITES:
            for m in pattern.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                hits.append(f"{path.relative_to(APP.parent)}:{line}: {m.group(0)[:60]}")
        # an audit row fetched and saved or deleted again
        for m in re.finditer(r"(\w+)\s*=\s*AuditLog\.(get|get_or_none|get_by_id)\(", text):
            if re.search(rf"\b{m.group(1)}\.(save|delete_instance)\(", text):
                hits.append(f"{path.relative_to(APP.parent)}: {m.group(1)} = AuditLog... then saved/deleted")
    assert not hits, "the audit log is append-only:\n" + "\n".join(hits)


def test_the_scan_would_find_a_write():
    samples = ['AuditLog.update(after="").execute()', "AuditLog.delete().where(x)",
               'db.execute_sql("DELETE FROM audit_log")', "UPDATE \"audit_log\" SET after = ''"]
    for sample in samples:
        assert any(p.search(sample) for p in _WRITES), sample


@pytest.mark.sqlite_only("SQLite's authorizer callback")
def test_audit_rows_are_only_inserted_at_run_time(db, admin, make_user):
    """SQLite's authorizer watches every statement of typical work: nothing but INSERT on audit_log."""
    from desk_app.services import settings
    from desk_app.services.ticket_input import TicketInput
    from desk_app.services.tickets import create_ticket

    touched: list[tuple[int, str]] = []

    def watch(action: int, arg1, arg2, dbname, source) -> int:
        if arg1 == "audit_log" and action in (sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE,
                                              sqlite3.SQLITE_DROP_TABLE, sqlite3.SQLITE_ALTER_TABLE):
            touched.append((action, str(arg2)))
        return sqlite3.SQLITE_OK

    connection = db.connection()
    connection.set_authorizer(watch)
    try:
        agent = make_user(Role.AGENT)
        row = users.create_user(admin, "li.si", "李四", [Role.AGENT], password="pass-word-1")
        users.update_user(admin, row.id, row.version, "李四四", [Role.AGENT, Role.QUALITY])
        users.set_password(admin, row.id, "pass-word-2")
        settings.set_many(admin, {"kpi.factor": 0.2})
        create_ticket(agent, TicketInput(channel="hotline", reported_at=datetime.now() - timedelta(hours=1),
                                         reporter_name="王五", description="打印机卡纸"))
        with pytest.raises(AuthenticationError):
            authenticate("li.si", "wrong-password")
        authenticate("li.si", "pass-word-2")
    finally:
        connection.set_authorizer(None)
    assert not touched
    assert AuditLog.select().count() >= 6


def test_the_audit_service_has_no_editing_functions():
    """The audit viewer's service only reads and appends (no 'clean up' helper)."""
    from desk_app.services import audit

    public = {n for n in dir(audit) if not n.startswith("_") and callable(getattr(audit, n))}
    writers = {n for n in public if re.search(r"delete|purge|clear|edit|update|prune", n, re.IGNORECASE)}
    assert not writers
