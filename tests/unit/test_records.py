"""R42 optimistic locking and R1 audit rows of `services.records.update`."""

import json

import pytest

from desk_app.errors import ConflictError, NotFound
from desk_app.models import AuditLog, Team
from desk_app.models.enums import Role
from desk_app.services import records, users


@pytest.fixture
def team(db, admin) -> Team:
    row = users.save_team(admin, "一班", description="网络与终端")
    return Team.get_by_id(row.id)


def test_second_workstation_is_told_of_the_conflict(db, admin, make_user, team):
    colleague = make_user(Role.ADMIN, name="李工")
    # Two workstations open the same team at version 1.
    seen_by_colleague = Team.get_by_id(team.id)
    seen_by_admin = Team.get_by_id(team.id)
    assert seen_by_colleague.version == seen_by_admin.version == 1

    saved = records.update(colleague, seen_by_colleague, 1, {"name": "一班（网络）"}, "team.update")
    assert saved.version == 2
    assert saved.name == "一班（网络）"

    with pytest.raises(ConflictError) as info:
        records.update(admin, seen_by_admin, 1, {"description": "终端"}, "team.update")
    assert info.value.changed_by == colleague.username
    assert colleague.username in str(info.value)
    assert info.value.changed_at

    stored = Team.get_by_id(team.id)
    assert stored.version == 2
    assert stored.name == "一班（网络）"
    assert stored.description == "网络与终端", "the losing save must not overwrite anything"
    assert AuditLog.select().where(AuditLog.action == "team.update").count() == 1


def test_conflict_through_the_service(db, admin, make_user, team):
    colleague = make_user(Role.ADMIN)
    users.save_team(colleague, "一班", description="改过", team_id=team.id, expected_version=1)
    with pytest.raises(ConflictError) as info:
        users.save_team(admin, "一班", description="我的修改", team_id=team.id, expected_version=1)
    assert info.value.changed_by == colleague.username
    assert Team.get_by_id(team.id).description == "改过"


def test_reload_then_save_succeeds(db, admin, team):
    records.update(admin, team, 1, {"description": "一"}, "team.update")
    fresh = Team.get_by_id(team.id)
    saved = records.update(admin, fresh, fresh.version, {"description": "二"}, "team.update")
    assert saved.version == 3
    assert saved.description == "二"


def test_audit_holds_changed_fields_only(db, admin, team):
    records.update(admin, team, 1, {"name": "一班（网络）"}, "team.update")
    row = AuditLog.select().where(AuditLog.action == "team.update").get()
    before, after = json.loads(row.before), json.loads(row.after)

    assert before["name"] == "一班" and after["name"] == "一班（网络）"
    assert before["version"] == 1 and after["version"] == 2
    assert set(before) == set(after)
    # Only what changed (updated_at may or may not change within the same second).
    assert set(after) <= {"name", "version", "updated_at"}
    for unchanged in ("description", "active", "created_at", "id"):
        assert unchanged not in after
    assert row.user_id == admin.id
    assert row.username == admin.username
    assert row.entity == "team"
    assert row.entity_id == str(team.id)


def test_update_without_expected_version_always_applies(db, admin, team):
    records.update(admin, team, 1, {"description": "一"}, "team.update")
    saved = records.update(admin, team, None, {"description": "二"}, "team.update")
    assert saved.version == 3


def test_update_of_deleted_record(db, admin, team):
    Team.delete_by_id(team.id)
    with pytest.raises(NotFound):
        records.update(admin, team, 1, {"description": "x"}, "team.update")
    with pytest.raises(NotFound):
        records.load(Team, team.id)
