"""R2: permissions are enforced in the service layer, not only by hiding buttons."""

import pytest

from desk_app.errors import PermissionDenied
from desk_app.models import AuditLog, CustomerUnit, Setting, Team, User
from desk_app.models.enums import Role
from desk_app.services import settings, users
from desk_app.services.actor import Actor
from desk_app.services.permissions import GRANTS, Permission, can, require


def _actor(*roles: str) -> Actor:
    return Actor(id=999, username="someone", full_name="某人", roles=frozenset(roles))


def test_every_permission_has_grants():
    assert set(GRANTS) == set(Permission)
    valid_roles = {r.value for r in Role}
    for permission, roles in GRANTS.items():
        assert roles, f"{permission} is granted to nobody"
        assert roles <= valid_roles, f"{permission} names an unknown role"


@pytest.mark.parametrize("permission", [Permission.REPORT_APPROVE, Permission.MANAGE_USERS])
def test_agent_refused(permission):
    agent = _actor(Role.AGENT)
    assert not can(agent, permission)
    with pytest.raises(PermissionDenied) as info:
        require(agent, permission)
    assert permission.value in str(info.value)


def test_manager_may_approve_reports():
    manager = _actor(Role.MANAGER)
    assert can(manager, Permission.REPORT_APPROVE)
    require(manager, Permission.REPORT_APPROVE)


def test_only_manager_approves_reports():
    for role in Role:
        assert can(_actor(role), Permission.REPORT_APPROVE) == (role == Role.MANAGER), role


def test_any_of_several_roles_grants():
    assert can(_actor(Role.AGENT, Role.ADMIN), Permission.MANAGE_USERS)


def test_no_roles_no_permissions():
    nobody = _actor()
    assert not any(can(nobody, p) for p in Permission)


def test_agent_cannot_create_user(db, admin, make_user):
    agent = make_user(Role.AGENT)
    users_before = User.select().count()
    audit_before = AuditLog.select().count()
    with pytest.raises(PermissionDenied):
        users.create_user(agent, "newbie", "新人", [Role.AGENT], password="pass-word-1")
    assert User.select().count() == users_before
    assert not User.select().where(User.username == "newbie").exists()
    assert AuditLog.select().count() == audit_before


def test_agent_cannot_update_user_or_teams(db, admin, make_user):
    agent = make_user(Role.AGENT)
    with pytest.raises(PermissionDenied):
        users.update_user(agent, agent.id, 1, "我", [Role.ADMIN])
    assert User.get_by_id(agent.id).roles == Role.AGENT.value
    with pytest.raises(PermissionDenied):
        users.save_team(agent, "一班")
    assert Team.select().count() == 0
    with pytest.raises(PermissionDenied):
        users.save_unit(agent, "财务处")
    assert CustomerUnit.select().count() == 0


def test_non_admin_cannot_change_settings(db, make_user):
    manager = make_user(Role.MANAGER)
    with pytest.raises(PermissionDenied):
        settings.set_many(manager, {"kpi.factor": 0.2})
    assert settings.get("kpi.factor") == 0.15
    assert Setting.select().count() == 0


def test_admin_can_change_settings(db, admin):
    settings.set_many(admin, {"kpi.factor": 0.2})
    assert settings.get("kpi.factor") == 0.2
