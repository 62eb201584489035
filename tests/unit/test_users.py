"""Administration of users, teams and customer units."""

import json

import pytest

from desk_app.errors import ConflictError, ValidationError
from desk_app.models import AuditLog, CustomerUnit, Team, User
from desk_app.models.enums import Importance, Role
from desk_app.services import users
from desk_app.services.auth import authenticate


def _audit(action: str) -> list[AuditLog]:
    return list(AuditLog.select().where(AuditLog.action == action).order_by(AuditLog.id))


# --- users -----------------------------------------------------------------------------------

def test_create_user_with_login(db, admin):
    team = users.save_team(admin, "一班")
    row = users.create_user(admin, "zhang.san", "张三", [Role.TECHNICIAN, Role.TEAM_LEAD], password="pass-word-1",
                            team_id=team.id, phone="13800000000", title="工长")
    assert row.username == "zhang.san"
    assert row.full_name == "张三"
    assert set(row.roles) == {Role.TECHNICIAN, Role.TEAM_LEAD}
    assert row.team_id == team.id and row.team_name == "一班"
    assert row.can_login and row.active
    assert row.version == 1
    assert authenticate("zhang.san", "pass-word-1").id == row.id


def test_list_users(db, admin):
    team = users.save_team(admin, "一班")
    users.create_user(admin, "zhang.san", "张三", [Role.TECHNICIAN], team_id=team.id)
    users.create_user(admin, "li.si", "李四", [Role.AGENT])
    me = User.get_by_id(admin.id)
    users.update_user(admin, admin.id, me.version, me.full_name, [Role.ADMIN])
    users.create_user(admin, "old", "离职", [Role.AGENT])
    old = User.get(User.username == "old")
    users.update_user(admin, old.id, old.version, old.full_name, [Role.AGENT], active=False)

    rows = {u.username: u for u in users.list_users()}
    assert set(rows) == {"admin", "zhang.san", "li.si", "old"}
    assert rows["zhang.san"].team_name == "一班"
    assert rows["li.si"].team_name == ""
    assert {u.username for u in users.list_users(include_inactive=False)} == {"admin", "zhang.san", "li.si"}


def test_create_staff_without_login(db, admin):
    row = users.create_user(admin, "tech1", "技术员", [Role.TECHNICIAN])
    assert not row.can_login
    assert User.get_by_id(row.id).password_hash is None


def test_create_user_is_audited_without_secrets(db, admin):
    row = users.create_user(admin, "li.si", "李四", [Role.AGENT], password="pass-word-1")
    rows = _audit("user.create")
    assert len(rows) == 1
    assert rows[0].user_id == admin.id
    assert rows[0].entity == "user" and rows[0].entity_id == str(row.id)
    after = json.loads(rows[0].after)
    assert after["username"] == "li.si"
    assert "password_hash" not in after
    assert "pass-word-1" not in rows[0].after


def test_duplicate_username_refused(db, admin):
    users.create_user(admin, "wang", "王五", [Role.AGENT])
    with pytest.raises(ValidationError) as info:
        users.create_user(admin, "wang", "另一个王五", [Role.AGENT])
    assert info.value.field == "username"
    assert "wang" in str(info.value)
    assert User.select().where(User.username == "wang").count() == 1


@pytest.mark.parametrize("username", ["a", "", "   ", "has space", "bad!", "用户", "x" * 41])
def test_username_format(db, admin, username):
    with pytest.raises(ValidationError) as info:
        users.create_user(admin, username, "某人", [Role.AGENT])
    assert info.value.field == "username"
    assert User.select().count() == 1  # only the admin


def test_username_is_trimmed(db, admin):
    assert users.create_user(admin, "  zhao.liu ", "赵六", [Role.AGENT]).username == "zhao.liu"


def test_roles_validated(db, admin):
    with pytest.raises(ValidationError) as info:
        users.create_user(admin, "nobody", "某人", [])
    assert info.value.field == "roles"
    with pytest.raises(ValidationError) as info:
        users.create_user(admin, "nobody", "某人", ["superuser"])
    assert info.value.field == "roles"
    assert "superuser" in str(info.value)


def test_full_name_required(db, admin):
    with pytest.raises(ValidationError) as info:
        users.create_user(admin, "nobody", "  ", [Role.AGENT])
    assert info.value.field == "full_name"


def test_short_password_refused(db, admin):
    with pytest.raises(ValidationError) as info:
        users.create_user(admin, "nobody", "某人", [Role.AGENT], password="short")
    assert info.value.field == "password"
    assert not User.select().where(User.username == "nobody").exists()


def test_update_user(db, admin):
    row = users.create_user(admin, "chen", "陈七", [Role.AGENT])
    updated = users.update_user(admin, row.id, row.version, "陈七七", [Role.DISPATCHER], phone="123",
                                active=False)
    assert updated.full_name == "陈七七"
    assert updated.roles == (Role.DISPATCHER,)
    assert updated.phone == "123"
    assert not updated.active
    assert updated.version == row.version + 1

    audit_rows = _audit("user.update")
    assert len(audit_rows) == 1
    before, after = json.loads(audit_rows[0].before), json.loads(audit_rows[0].after)
    assert before["full_name"] == "陈七" and after["full_name"] == "陈七七"
    assert before["roles"] == "agent" and after["roles"] == "dispatcher"
    assert "username" not in before and "username" not in after  # unchanged fields left out


def test_update_user_stale_version(db, admin):
    row = users.create_user(admin, "chen", "陈七", [Role.AGENT])
    users.update_user(admin, row.id, row.version, "陈七七", [Role.AGENT])
    with pytest.raises(ConflictError):
        users.update_user(admin, row.id, row.version, "另一个名字", [Role.AGENT])
    assert User.get_by_id(row.id).full_name == "陈七七"


def test_own_admin_role_cannot_be_removed(db, admin):
    me = User.get_by_id(admin.id)
    with pytest.raises(ValidationError) as info:
        users.update_user(admin, admin.id, me.version, me.full_name, [Role.MANAGER])
    assert info.value.field == "roles"
    assert Role.ADMIN in User.get_by_id(admin.id).role_set()


def test_cannot_disable_yourself(db, admin):
    me = User.get_by_id(admin.id)
    with pytest.raises(ValidationError):
        users.update_user(admin, admin.id, me.version, me.full_name, [Role.ADMIN], active=False)
    assert User.get_by_id(admin.id).active


def test_admin_may_change_own_other_fields(db, admin):
    me = User.get_by_id(admin.id)
    row = users.update_user(admin, admin.id, me.version, "新名字", [Role.ADMIN, Role.MANAGER, Role.QUALITY])
    assert row.full_name == "新名字"
    assert Role.ADMIN in row.roles


def test_set_password(db, admin):
    row = users.create_user(admin, "tech1", "技术员", [Role.TECHNICIAN])
    users.set_password(admin, row.id, "new-pass-word")
    assert authenticate("tech1", "new-pass-word").id == row.id
    audit_rows = _audit("user.set_password")
    assert len(audit_rows) == 1
    assert "scrypt" not in audit_rows[0].before + audit_rows[0].after


# --- teams -----------------------------------------------------------------------------------

def test_create_and_update_team(db, admin):
    row = users.save_team(admin, " 一班 ", description="网络组")
    assert row.name == "一班"
    assert row.description == "网络组"
    assert row.members == 0
    assert row.version == 1
    assert _audit("team.create")[0].entity_id == str(row.id)

    updated = users.save_team(admin, "一班（网络）", team_id=row.id, expected_version=row.version)
    assert updated.name == "一班（网络）"
    assert updated.version == 2
    after = json.loads(_audit("team.update")[0].after)
    assert after["name"] == "一班（网络）"


def test_team_member_count(db, admin):
    team = users.save_team(admin, "二班")
    users.create_user(admin, "m1", "成员一", [Role.TECHNICIAN], team_id=team.id)
    users.create_user(admin, "m2", "成员二", [Role.TECHNICIAN], team_id=team.id)
    assert next(t for t in users.list_teams() if t.id == team.id).members == 2


def test_duplicate_team_name_refused(db, admin):
    users.save_team(admin, "一班")
    other = users.save_team(admin, "二班")
    with pytest.raises(ValidationError) as info:
        users.save_team(admin, "一班")
    assert info.value.field == "name"
    assert "一班" in str(info.value)
    with pytest.raises(ValidationError) as info:
        users.save_team(admin, "一班", team_id=other.id, expected_version=other.version)
    assert info.value.field == "name"
    assert sorted(t.name for t in Team.select()) == ["一班", "二班"]


def test_team_keeps_own_name_on_update(db, admin):
    row = users.save_team(admin, "一班")
    updated = users.save_team(admin, "一班", description="新描述", team_id=row.id, expected_version=1)
    assert updated.description == "新描述"


def test_team_name_required(db, admin):
    with pytest.raises(ValidationError) as info:
        users.save_team(admin, "")
    assert info.value.field == "name"


# --- customer units --------------------------------------------------------------------------

def test_create_and_update_unit(db, admin):
    row = users.save_unit(admin, "财务处", importance=Importance.CORE, address="主楼 3 层")
    assert (row.name, row.importance, row.address, row.version) == ("财务处", "core", "主楼 3 层", 1)
    assert len(_audit("unit.create")) == 1

    updated = users.save_unit(admin, "财务处", importance=Importance.IMPORTANT, unit_id=row.id,
                              expected_version=row.version)
    assert updated.importance == "important"
    assert updated.version == 2
    audit_row = _audit("unit.update")[0]
    assert json.loads(audit_row.before)["importance"] == "core"
    assert json.loads(audit_row.after)["importance"] == "important"


def test_duplicate_unit_name_refused(db, admin):
    users.save_unit(admin, "财务处")
    with pytest.raises(ValidationError) as info:
        users.save_unit(admin, "财务处")
    assert info.value.field == "name"
    assert CustomerUnit.select().count() == 1


def test_unit_importance_validated(db, admin):
    with pytest.raises(ValidationError) as info:
        users.save_unit(admin, "财务处", importance="vip")
    assert info.value.field == "importance"
    assert CustomerUnit.select().count() == 0


def test_manager_may_manage_units(db, make_user):
    manager = make_user(Role.MANAGER)
    assert users.save_unit(manager, "人事处").name == "人事处"
    assert [u.name for u in users.list_units()] == ["人事处"]
