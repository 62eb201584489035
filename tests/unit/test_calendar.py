"""Working days from the calendar settings (weekend days, holidays)."""

from datetime import date, datetime

import pytest

from desk_app.models.enums import Role
from desk_app.services import calendar, settings
from desk_app.services.calendar import WorkCalendar


@pytest.fixture
def admin_only(make_user):
    return make_user(Role.ADMIN)


def test_default_weekend_is_saturday_and_sunday(db):
    assert calendar.is_working_day(date(2026, 10, 16))  # Friday
    assert not calendar.is_working_day(date(2026, 10, 17))  # Saturday
    assert not calendar.is_working_day(date(2026, 10, 18))  # Sunday
    assert calendar.is_working_day(date(2026, 10, 19))  # Monday


def test_previous_and_next_skip_the_weekend(db):
    assert calendar.previous_working_day(date(2026, 10, 19)) == date(2026, 10, 16)  # Mon → Fri
    assert calendar.previous_working_day(date(2026, 10, 20)) == date(2026, 10, 19)  # Tue → Mon
    assert calendar.next_working_day(date(2026, 10, 16)) == date(2026, 10, 19)  # Fri → Mon
    assert calendar.next_working_day(date(2026, 10, 17)) == date(2026, 10, 19)  # Sat → Mon


def test_holidays_from_the_settings(db, admin_only):
    settings.set_many(admin_only, {"calendar.holidays": ["2026-10-01", "2026-10-02"]})
    assert not calendar.is_working_day(date(2026, 10, 1))
    assert calendar.next_working_day(date(2026, 9, 30)) == date(2026, 10, 5)  # Thu, Fri holidays, weekend
    assert calendar.previous_working_day(date(2026, 10, 5)) == date(2026, 9, 30)


def test_add_working_days(db, admin_only):
    settings.set_many(admin_only, {"calendar.holidays": ["2026-10-21"]})
    assert calendar.add_working_days(date(2026, 10, 19), 0) == date(2026, 10, 19)
    # Mon 19 → Tue 20 → (Wed 21 holiday) Thu 22 → Fri 23 → (weekend) Mon 26
    assert calendar.add_working_days(date(2026, 10, 19), 4) == date(2026, 10, 26)
    assert calendar.add_working_days(date(2026, 10, 26), -4) == date(2026, 10, 19)


def test_custom_weekend(db, admin_only):
    settings.set_many(admin_only, {"calendar.weekend": [6]})  # a six-day week
    assert calendar.is_working_day(date(2026, 10, 17))  # Saturday now works
    assert calendar.next_working_day(date(2026, 10, 17)) == date(2026, 10, 19)


def test_explicit_calendar_and_end_of_day():
    cal = WorkCalendar(frozenset({5, 6}), frozenset({date(2026, 10, 20)}))
    assert cal.next_working_day(date(2026, 10, 19)) == date(2026, 10, 21)
    assert cal.on_or_after(date(2026, 10, 17)) == date(2026, 10, 19)
    assert cal.on_or_after(date(2026, 10, 19)) == date(2026, 10, 19)
    assert calendar.end_of_day(date(2026, 10, 19)) == datetime(2026, 10, 19, 23, 59, 59)
