"""Settings: defaults, validation naming the key, audited and all-or-nothing changes."""

import json

import pytest

from desk_app.errors import ValidationError
from desk_app.models import AuditLog, Setting
from desk_app.services import settings


def test_defaults(db):
    assert settings.get("kpi.factor") == 0.15
    assert settings.get("kpi.star_bonus") == 0.5
    assert settings.get("callback.sample_rate") == 1.0
    assert settings.get("callback.dispatcher_share") == 0.9
    assert settings.get("callback.fatigue_days") == 7
    assert settings.get("meeting.day") == 5
    assert settings.get("backup.keep") == 10
    assert settings.rating_points("three") == {"satisfied": 10, "basic": 8, "dissatisfied": 6}
    assert settings.get("sla.first_response_hours") == {"P1": 1, "P2": 1, "P3": 1, "P4": 1}


def test_get_all_covers_every_setting(db):
    values = settings.get_all()
    assert set(values) == set(settings.SPECS)
    assert values["kpi.factor"] == 0.15


def test_every_default_is_valid():
    for key, spec in settings.SPECS.items():
        settings.validate(key, spec.default)


def test_unknown_key(db):
    with pytest.raises(KeyError):
        settings.get("no.such.key")
    with pytest.raises(ValidationError) as info:
        settings.validate("no.such.key", 1)
    assert info.value.field == "no.such.key"


def test_set_many_stores_and_audits(db, admin):
    settings.set_many(admin, {"kpi.factor": 0.2, "callback.fatigue_days": 14})

    assert settings.get("kpi.factor") == 0.2
    assert settings.get("callback.fatigue_days") == 14
    assert settings.get_all()["kpi.factor"] == 0.2

    rows = {r.entity_id: r for r in AuditLog.select().where(AuditLog.action == "setting.change")}
    assert set(rows) == {"kpi.factor", "callback.fatigue_days"}
    kpi = rows["kpi.factor"]
    assert kpi.user_id == admin.id
    assert kpi.username == "admin"
    assert kpi.entity == "setting"
    assert json.loads(kpi.before) == {"kpi.factor": 0.15}
    assert json.loads(kpi.after) == {"kpi.factor": 0.2}


def test_second_change_audits_previous_value(db, admin):
    settings.set_many(admin, {"meeting.day": 10})
    settings.set_many(admin, {"meeting.day": 12})
    rows = list(AuditLog.select().where(AuditLog.entity_id == "meeting.day").order_by(AuditLog.id))
    assert [json.loads(r.before) for r in rows] == [{"meeting.day": 5}, {"meeting.day": 10}]
    assert [json.loads(r.after) for r in rows] == [{"meeting.day": 10}, {"meeting.day": 12}]


def test_unchanged_value_not_audited(db, admin):
    settings.set_many(admin, {"kpi.factor": 0.15})
    assert AuditLog.select().where(AuditLog.action == "setting.change").count() == 0


def test_structured_values_round_trip(db, admin):
    points = {"satisfied": 9, "basic": 7, "dissatisfied": 3}
    settings.set_many(admin, {"rating.points3": points, "calendar.holidays": ["2026-10-01"],
                              "org.name": "信息中心"})
    assert settings.rating_points("three") == points
    assert settings.get("calendar.holidays") == ["2026-10-01"]
    assert settings.get("org.name") == "信息中心"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("kpi.factor", -1),
        ("kpi.factor", "0.15"),
        ("kpi.factor", True),
        ("callback.sample_rate", 1.5),
        ("callback.fatigue_days", 2.5),
        ("meeting.day", 31),
        ("ui.language", "fr"),
        ("calendar.holidays", ["1 October"]),
        ("calendar.weekend", [7]),
        ("callback.comment_threshold", "meh"),
        ("rating.points3", {"satisfied": 10}),
    ],
)
def test_validation_error_names_the_key(db, admin, key, value):
    with pytest.raises(ValidationError) as info:
        settings.set_many(admin, {key: value})
    assert info.value.field == key
    assert key in str(info.value)
    assert Setting.select().count() == 0


def test_invalid_value_among_several_stores_nothing(db, admin):
    with pytest.raises(ValidationError) as info:
        settings.set_many(admin, {"kpi.factor": 0.3, "backup.keep": 20, "meeting.day": 99})
    assert info.value.field == "meeting.day"
    assert settings.get("kpi.factor") == 0.15
    assert settings.get("backup.keep") == 10
    assert Setting.select().count() == 0
    assert AuditLog.select().where(AuditLog.action == "setting.change").count() == 0


def test_validation_message_in_chinese(db, admin):
    from desk_app import i18n

    i18n.set_language("zh_CN")
    with pytest.raises(ValidationError) as info:
        settings.set_many(admin, {"meeting.day": 99})
    assert "设置 meeting.day" in str(info.value)
