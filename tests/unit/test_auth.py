"""Password hashing, the first administrator and log-in (R1, R42)."""

import json

import pytest

from desk_app.errors import AuthenticationError, ValidationError
from desk_app.models import AuditLog, User
from desk_app.models.enums import Role
from desk_app.services.actor import Actor
from desk_app.services.auth import authenticate, create_first_admin, needs_first_admin
from desk_app.services.passwords import MIN_PASSWORD_LENGTH, check_password_policy, hash_password, verify_password


def test_hash_format_is_scrypt():
    stored = hash_password("correct horse")
    assert stored.startswith("scrypt$")
    parts = stored.split("$")
    assert len(parts) == 6
    n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
    assert n >= 2**14 and r >= 8 and p >= 1
    assert len(bytes.fromhex(parts[4])) >= 16  # salt
    assert "correct horse" not in stored


def test_same_password_hashes_differ():
    assert hash_password("same-password") != hash_password("same-password")


def test_verify_password():
    stored = hash_password("right-password")
    assert verify_password("right-password", stored)
    assert not verify_password("wrong-password", stored)
    assert not verify_password("", stored)
    assert not verify_password("right-password", None)
    assert not verify_password("right-password", "")
    assert not verify_password("right-password", "md5$abc")


def test_authenticate_right_password(admin):
    actor = authenticate("admin", "admin-pass-1")
    assert isinstance(actor, Actor)
    assert actor.id == admin.id
    assert actor.username == "admin"
    assert Role.ADMIN in actor.roles


def test_authenticate_strips_username(admin):
    assert authenticate("  admin ", "admin-pass-1").id == admin.id


def test_authenticate_wrong_password(admin):
    with pytest.raises(AuthenticationError):
        authenticate("admin", "admin-pass-2")


def test_authenticate_unknown_user_same_message(admin):
    with pytest.raises(AuthenticationError) as unknown:
        authenticate("nobody", "admin-pass-1")
    with pytest.raises(AuthenticationError) as wrong:
        authenticate("admin", "wrong-password")
    assert str(unknown.value) == str(wrong.value), "do not reveal which user names exist"


def test_disabled_user_refused(db, make_user):
    actor = make_user(Role.AGENT, password="pass-word-1")
    User.update(active=False).where(User.id == actor.id).execute()
    with pytest.raises(AuthenticationError) as info:
        authenticate(actor.username, "pass-word-1")
    assert "disabled" in str(info.value)


def test_staff_without_login_refused(db, make_user):
    actor = make_user(Role.TECHNICIAN, password="pass-word-1")
    User.update(can_login=False).where(User.id == actor.id).execute()
    with pytest.raises(AuthenticationError) as info:
        authenticate(actor.username, "pass-word-1")
    assert "no login" in str(info.value)


def test_staff_without_password_refused(db):
    User.create(username="tech", full_name="技术员", roles=Role.TECHNICIAN.value)
    with pytest.raises(AuthenticationError):
        authenticate("tech", "")


def test_password_policy():
    with pytest.raises(ValidationError) as info:
        check_password_policy("x" * (MIN_PASSWORD_LENGTH - 1))
    assert info.value.field == "password"
    assert str(MIN_PASSWORD_LENGTH) in str(info.value)
    check_password_policy("x" * MIN_PASSWORD_LENGTH)


def test_first_admin_with_short_password_creates_nothing(db):
    with pytest.raises(ValidationError):
        create_first_admin("admin", "管理员", "short")
    assert User.select().count() == 0
    assert needs_first_admin()


def test_first_admin_with_bad_username_creates_nothing(db):
    with pytest.raises(ValidationError) as info:
        create_first_admin("bad name!", "管理员", "admin-pass-1")
    assert info.value.field == "username"
    assert User.select().count() == 0


def test_create_first_admin_only_once(db):
    assert needs_first_admin()
    actor = create_first_admin("admin", "管理员", "admin-pass-1")
    assert actor.roles == frozenset({Role.ADMIN, Role.MANAGER})
    assert not needs_first_admin()
    with pytest.raises(ValidationError):
        create_first_admin("second", "第二个", "admin-pass-2")
    assert User.select().count() == 1


def test_first_admin_creation_is_audited(db):
    actor = create_first_admin("admin", "管理员", "admin-pass-1")
    rows = list(AuditLog.select().where(AuditLog.action == "user.create_first_admin"))
    assert len(rows) == 1
    row = rows[0]
    assert row.user_id == actor.id
    assert row.username == "admin"
    assert row.entity == "user"
    assert row.entity_id == str(actor.id)
    after = json.loads(row.after)
    assert after["username"] == "admin"
    assert "password_hash" not in after, "secrets never go into the audit log"
    assert row.at is not None


def test_stored_password_is_hashed(admin):
    user = User.get_by_id(admin.id)
    assert user.password_hash.startswith("scrypt$")
    assert "admin-pass-1" not in user.password_hash
    assert user.can_login
