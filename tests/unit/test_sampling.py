"""Daily callback sampling (R10, R10a, R11, R12, R13): hand-worked splits, evenness, reproducibility."""

import itertools
import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction

import pytest

from desk_app.errors import PermissionDenied, ValidationError
from desk_app.models import Callback, CallbackPlan, Evaluation, Team, Ticket, User
from desk_app.models.enums import EvaluationKind, Role
from desk_app.services import callbacks, settings
from desk_app.services.calendar import WorkCalendar
from desk_app.services.sampling import (
    REASON_ALREADY_EVALUATED,
    REASON_FATIGUE,
    REASON_NOT_SAMPLED,
    callback_due,
    draw_callbacks,
    largest_remainder,
    plan_callbacks,
    skip_for_fatigue,
    split_counts,
)

_seq = itertools.count(1)
TUESDAY = date(2026, 10, 20)  # plans the tickets closed on Monday 2026-10-19
MONDAY_10AM = datetime(2026, 10, 19, 10, 0)


def _tech(name: str, team: Team) -> User:
    return User.create(username=f"tech{next(_seq)}", full_name=name, roles=Role.TECHNICIAN.value, team=team)


def _ticket(closed_at: datetime, tech: User | None, team: Team | None, phone: str | None = None,
            reporter: str | None = None, repeat_of: Ticket | None = None) -> Ticket:
    n = next(_seq)
    return Ticket.create(
        number=f"GD-{closed_at:%Y%m%d}-{n:04d}", reported_at=closed_at - timedelta(hours=3),
        reporter_name=reporter or f"报修人{n}", reporter_phone=f"1390000{n:04d}" if phone is None else phone,
        description="打印机无法打印", state="closed", closed_at=closed_at, assignee=tech, team=team,
        repeat_of=repeat_of)


@pytest.fixture
def team(db) -> Team:
    return Team.create(name="一班")


@pytest.fixture
def boss(make_user):
    """A pure administrator, to change settings (not a caller)."""
    return make_user(Role.ADMIN)


def _per_tech_kind(result) -> Counter:
    return Counter((c.technician_name, c.caller_kind) for c in result.callbacks)


# --------------------------------------------------------------------------------- arithmetic


def test_largest_remainder_by_hand():
    # quotas 0.9 1.8 2.7 9.9, total 15: floors 0 1 2 9 (12), 3 left → remainders .9 .9 .8 win
    assert largest_remainder([Fraction(9, 10), Fraction(18, 10), Fraction(27, 10), Fraction(99, 10)], 15) == \
        [1, 2, 2, 10]
    # ties are served in tie order: 0.5 0.5, one left
    assert largest_remainder([Fraction(1, 2), Fraction(1, 2)], 1, tie_order=[1, 0]) == [0, 1]


def test_split_counts_each_technician_alone():
    share = Fraction(9, 10)
    assert split_counts([1], share) == [1]  # 0.9 × 1 = 0.9 → round 1 dispatcher, 0 manager
    assert split_counts([2], share) == [2]  # 0.9 × 2 = 1.8 → 2 dispatchers, 0 managers
    assert split_counts([3], share) == [3]  # 0.9 × 3 = 2.7 → 3 dispatchers, 0 managers
    assert split_counts([11], share) == [10]  # 0.9 × 11 = 9.9 → 10 dispatchers, 1 manager


@dataclass(frozen=True)
class _Plain:
    """A ticket as plain values: what the demo generator hands to draw_callbacks."""

    id: int
    number: str
    team_id: int | None
    assignee_id: int | None


def _plain(per_tech: dict[int, int], team_of=lambda tech: 1) -> list[_Plain]:
    ids = itertools.count(1)
    return [_Plain(i, f"GD-{i:04d}", team_of(tech), tech)
            for tech, n in per_tech.items() for i in [next(ids) for _ in range(n)]]


def test_draw_on_plain_values_by_hand():
    # the module text's example without a database: technicians with 1, 2, 3, 11 tickets, share 0.9
    tickets = _plain({101: 1, 102: 2, 103: 3, 104: 11})
    drawn = draw_callbacks(tickets, Fraction(1), Fraction(9, 10), [7, 8], [9], random.Random(20261020))
    tech_of = {tk.id: tk.assignee_id for tk in tickets}
    kinds = Counter((tech_of[tid], kind) for tid, (kind, _) in drawn.assignment.items())
    assert kinds == Counter({(101, "dispatcher"): 1, (102, "dispatcher"): 2, (103, "dispatcher"): 2,
                             (103, "manager"): 1, (104, "dispatcher"): 10, (104, "manager"): 1})
    callers = Counter(caller for _, caller in drawn.assignment.values())
    assert sorted([callers[7], callers[8]]) == [7, 8] and callers[9] == 2
    assert drawn.not_sampled == []
    again = draw_callbacks(tickets, Fraction(1), Fraction(9, 10), [7, 8], [9], random.Random(20261020))
    assert again == drawn


def test_draw_on_plain_values_samples_per_team_and_falls_back_to_one_role():
    # rate 1/2 over two teams of 3: 3 drawn, one team 2 and the other 1; no dispatcher → managers call all
    tickets = _plain({1: 3, 2: 3}, team_of=lambda tech: 10 * tech)
    drawn = draw_callbacks(tickets, Fraction(1, 2), Fraction(9, 10), [], [5, 6], random.Random(1))
    assert len(drawn.assignment) == 3 and len(drawn.not_sampled) == 3
    assert {tk.id for tk in drawn.not_sampled}.isdisjoint(drawn.assignment)
    team_of = {tk.id: tk.team_id for tk in tickets}
    assert sorted(Counter(team_of[tid] for tid in drawn.assignment).values()) == [1, 2]
    assert {kind for kind, _ in drawn.assignment.values()} == {"manager"}
    assert sorted(Counter(c for _, c in drawn.assignment.values()).values()) == [1, 2]
    with pytest.raises(ValidationError, match="Nobody can make callbacks"):
        draw_callbacks(tickets, Fraction(1), Fraction(1), [], [], random.Random(1))


@dataclass(frozen=True)
class _Report:
    number: str
    customer: str
    repeat: bool = False


def test_fatigue_skip_on_plain_values():
    # customer A was called on 10-15; B reports twice today; C's and A's repeat reports are never skipped
    tickets = [_Report("GD-1", "A"), _Report("GD-2", "B"), _Report("GD-3", "B"), _Report("GD-4", "C"),
               _Report("GD-5", "C", repeat=True), _Report("GD-6", "A", repeat=True)]
    called = {"A": date(2026, 10, 15)}

    def skip(days: int):
        return skip_for_fatigue(tickets, days, lambda tk: tk.customer, lambda tk: tk.repeat, called.get)

    kept, tired = skip(7)
    assert [tk.number for tk in kept] == ["GD-2", "GD-4", "GD-5", "GD-6"]
    assert [(tk.number, why) for tk, why in tired] == [("GD-1", "last called 2026-10-15"),
                                                       ("GD-3", "called for GD-2 in this plan")]
    assert skip(0) == (tickets, [])


# --------------------------------------------------------------------------------- the split by hand


def test_split_of_1_2_3_11_tickets_by_hand(db, team, make_user):
    disp1, disp2 = make_user(Role.DISPATCHER), make_user(Role.DISPATCHER)
    manager = make_user(Role.MANAGER)
    techs = {n: _tech(name, team) for n, name in ((1, "甲"), (2, "乙"), (3, "丙"), (11, "丁"))}
    for n, tech in techs.items():
        for _ in range(n):
            _ticket(MONDAY_10AM, tech, team)

    result = plan_callbacks(manager, TUESDAY)

    # S = 1 + 2 + 3 + 11 = 17 sampled (rate 1.0); D = round(0.9 × 17 = 15.3) = 15, M = 2.
    # quotas 0.9, 1.8, 2.7, 9.9 → floors 0, 1, 2, 9 = 12; 15 − 12 = 3 extra dispatcher calls go to the
    # largest remainders 0.9 (甲), 0.9 (丁), 0.8 (乙); 丙 (0.7) keeps the floor.
    # dispatcher: 甲 1, 乙 2, 丙 2, 丁 10; manager: 甲 0, 乙 0, 丙 1, 丁 1.
    counts = _per_tech_kind(result)
    assert counts == Counter({("甲", "dispatcher"): 1, ("乙", "dispatcher"): 2, ("丙", "dispatcher"): 2,
                              ("丙", "manager"): 1, ("丁", "dispatcher"): 10, ("丁", "manager"): 1})
    # 15 dispatcher calls over 2 dispatchers: 8 and 7; 2 manager calls, 1 manager: 2
    by_caller = Counter(c.caller_id for c in result.callbacks)
    assert sorted([by_caller[disp1.id], by_caller[disp2.id]]) == [7, 8]
    assert by_caller[manager.id] == 2
    assert all(c.caller_kind == "manager" for c in result.callbacks if c.caller_id == manager.id)
    assert result.created and result.skipped == []


@pytest.mark.parametrize(("n", "dispatcher", "manager"), [
    (1, 1, 0),  # 0.9 × 1 = 0.9 → 1 / 0
    (2, 2, 0),  # 0.9 × 2 = 1.8 → 2 / 0
    (3, 3, 0),  # 0.9 × 3 = 2.7 → 3 / 0
    (11, 10, 1),  # 0.9 × 11 = 9.9 → 10 / 1
])
def test_single_technician_day(db, team, make_user, n, dispatcher, manager):
    make_user(Role.DISPATCHER)
    boss = make_user(Role.MANAGER)
    tech = _tech("甲", team)
    for _ in range(n):
        _ticket(MONDAY_10AM, tech, team)
    counts = Counter(c.caller_kind for c in plan_callbacks(boss, TUESDAY).callbacks)
    assert counts["dispatcher"] == dispatcher
    assert counts["manager"] == manager


def test_callers_of_one_role_share_evenly(db, team, make_user):
    dispatchers = [make_user(Role.DISPATCHER) for _ in range(3)]
    managers = [make_user(Role.MANAGER) for _ in range(2)]
    techs = [_tech(f"技{i}", team) for i in range(4)]
    for tech, n in zip(techs, (1, 2, 3, 11), strict=True):
        for _ in range(n):
            _ticket(MONDAY_10AM, tech, team)
    result = plan_callbacks(managers[0], TUESDAY)
    by_caller = Counter(c.caller_id for c in result.callbacks)
    assert [by_caller[d.id] for d in dispatchers] == [5, 5, 5]  # 15 dispatcher calls / 3
    assert [by_caller[m.id] for m in managers] == [1, 1]  # 2 manager calls / 2
    # the 11 tickets of one technician are spread over the dispatchers too (round-robin by technician)
    eleven = Counter(c.caller_id for c in result.callbacks if c.technician_name == "技3" and
                     c.caller_kind == "dispatcher")
    assert sorted(eleven.values()) == [3, 3, 4]


def test_no_managers_means_dispatchers_take_all(db, team, make_user):
    disp = make_user(Role.DISPATCHER)
    tech = _tech("甲", team)
    for _ in range(11):
        _ticket(MONDAY_10AM, tech, team)
    result = plan_callbacks(disp, TUESDAY)
    assert {c.caller_kind for c in result.callbacks} == {"dispatcher"}
    assert len(result.callbacks) == 11


def test_nobody_to_call_is_refused(db, team, make_user, boss):
    tech = _tech("甲", team)
    _ticket(MONDAY_10AM, tech, team)
    dispatcher_without_login = User.create(username="nologin", full_name="调度", roles="dispatcher")
    assert dispatcher_without_login.can_login is False
    from desk_app.services.actor import Actor

    planner = Actor(999, "x", "x", frozenset({"dispatcher"}))
    with pytest.raises(ValidationError, match="Nobody can make callbacks"):
        plan_callbacks(planner, TUESDAY)


# --------------------------------------------------------------------------------- reproducibility


def test_same_day_same_data_same_assignment(db, team, make_user):
    for _ in range(3):
        make_user(Role.DISPATCHER)
    boss = make_user(Role.MANAGER)
    make_user(Role.MANAGER)
    techs = [_tech(f"技{i}", team) for i in range(5)]
    for i, tech in enumerate(techs):
        for _ in range(i + 2):
            _ticket(MONDAY_10AM, tech, team)

    first = {c.ticket_number: (c.caller_kind, c.caller_id) for c in plan_callbacks(boss, TUESDAY).callbacks}
    Callback.delete().execute()
    CallbackPlan.delete().execute()
    second = {c.ticket_number: (c.caller_kind, c.caller_id) for c in plan_callbacks(boss, TUESDAY).callbacks}
    assert first == second
    assert len(first) == 2 + 3 + 4 + 5 + 6


def test_planning_twice_returns_the_stored_plan(db, team, make_user):
    boss = make_user(Role.MANAGER)
    make_user(Role.DISPATCHER)
    tech = _tech("甲", team)
    for _ in range(4):
        _ticket(MONDAY_10AM, tech, team)
    first = plan_callbacks(boss, TUESDAY)
    _ticket(MONDAY_10AM, tech, team)  # a late change does not alter a stored plan
    second = plan_callbacks(boss, TUESDAY)
    assert first.created and not second.created
    assert [c.id for c in first.callbacks] == [c.id for c in second.callbacks]
    assert Callback.select().count() == 4
    assert CallbackPlan.select().count() == 1


# --------------------------------------------------------------------------------- window and permissions


def test_monday_plan_covers_friday_and_the_weekend(db, team, make_user):
    boss = make_user(Role.MANAGER)
    tech = _tech("甲", team)
    thursday = _ticket(datetime(2026, 10, 15, 16, 0), tech, team)
    friday = _ticket(datetime(2026, 10, 16, 9, 0), tech, team)
    saturday = _ticket(datetime(2026, 10, 17, 11, 0), tech, team)
    sunday = _ticket(datetime(2026, 10, 18, 23, 59), tech, team)
    monday = _ticket(datetime(2026, 10, 19, 0, 0), tech, team)
    result = plan_callbacks(boss, date(2026, 10, 19))
    assert (result.closed_from, result.closed_to) == (date(2026, 10, 16), date(2026, 10, 18))
    assert {c.ticket_id for c in result.callbacks} == {friday.id, saturday.id, sunday.id}
    assert thursday.id not in {c.ticket_id for c in result.callbacks}
    assert monday.id not in {c.ticket_id for c in result.callbacks}


def test_plan_after_a_holiday_covers_it(db, team, make_user, boss):
    settings.set_many(boss, {"calendar.holidays": ["2026-10-19"]})
    manager = make_user(Role.MANAGER)
    tech = _tech("甲", team)
    monday_holiday = _ticket(MONDAY_10AM, tech, team)
    friday = _ticket(datetime(2026, 10, 16, 9, 0), tech, team)
    result = plan_callbacks(manager, TUESDAY)
    assert result.closed_from == date(2026, 10, 16)
    assert {c.ticket_id for c in result.callbacks} == {monday_holiday.id, friday.id}


def test_non_working_day_refused(db, make_user):
    boss = make_user(Role.MANAGER)
    with pytest.raises(ValidationError, match="not a working day"):
        plan_callbacks(boss, date(2026, 10, 17))


def test_technician_cannot_plan(db, make_user):
    tech = make_user(Role.TECHNICIAN)
    with pytest.raises(PermissionDenied):
        plan_callbacks(tech, TUESDAY)


# --------------------------------------------------------------------------------- skips (R10a, R12)


def test_fatigue_skip_and_repeat_report_exception(db, team, make_user):
    disp = make_user(Role.DISPATCHER)
    boss = make_user(Role.MANAGER)
    tech = _tech("甲", team)
    first = _ticket(MONDAY_10AM, tech, team, phone="13800000001", reporter="刘老师")
    plan1 = plan_callbacks(boss, TUESDAY)
    cb = plan1.callbacks[0]
    assert cb.ticket_id == first.id
    caller = disp if cb.caller_id == disp.id else boss
    callbacks.complete_callback(caller, cb.id, cb.version, True, "satisfied", True, "satisfied",
                                now=datetime(2026, 10, 20, 9, 30))

    tuesday = datetime(2026, 10, 20, 15, 0)
    again = _ticket(tuesday, tech, team, phone="138-0000-0001", reporter="刘老师")  # same phone, other format
    repeat = _ticket(tuesday, tech, team, phone="13800000001", reporter="刘老师", repeat_of=first)
    other = _ticket(tuesday, tech, team)
    plan2 = plan_callbacks(boss, date(2026, 10, 21))

    assert {c.ticket_id for c in plan2.callbacks} == {repeat.id, other.id}
    assert [(s.ticket_id, s.reason) for s in plan2.skipped] == [(again.id, REASON_FATIGUE)]
    assert "2026-10-20" in plan2.skipped[0].detail
    assert plan2.skipped_counts == {REASON_FATIGUE: 1}
    stored = CallbackPlan.get(CallbackPlan.plan_date == date(2026, 10, 21))
    assert '"reason": "fatigue"' in stored.skipped_json


def test_fatigue_within_one_plan_and_for_pending_calls(db, team, make_user):
    boss = make_user(Role.MANAGER)
    tech = _tech("甲", team)
    a = _ticket(datetime(2026, 10, 19, 9, 0), tech, team, phone="", reporter="陈老师")
    b = _ticket(datetime(2026, 10, 19, 15, 0), tech, team, phone="", reporter="陈老师")  # matched by name
    plan1 = plan_callbacks(boss, TUESDAY)
    assert [c.ticket_id for c in plan1.callbacks] == [a.id]
    assert [(s.ticket_id, s.reason) for s in plan1.skipped] == [(b.id, REASON_FATIGUE)]
    # the callback of `a` is still open: 陈老师 is being called, so Wednesday's plan skips her too
    c = _ticket(datetime(2026, 10, 20, 9, 0), tech, team, phone="", reporter="陈老师")
    plan2 = plan_callbacks(boss, date(2026, 10, 21))
    assert [(s.ticket_id, s.reason) for s in plan2.skipped] == [(c.id, REASON_FATIGUE)]


def test_fatigue_window_ends(db, team, make_user, boss):
    settings.set_many(boss, {"callback.fatigue_days": 1})
    manager = make_user(Role.MANAGER)
    tech = _tech("甲", team)
    _ticket(datetime(2026, 10, 15, 9, 0), tech, team, phone="13800000009")
    plan1 = plan_callbacks(manager, date(2026, 10, 16))
    callbacks.complete_callback(manager, plan1.callbacks[0].id, None, True, "satisfied", True, "satisfied",
                                now=datetime(2026, 10, 16, 10, 0))
    later = _ticket(MONDAY_10AM, tech, team, phone="13800000009")
    plan2 = plan_callbacks(manager, TUESDAY)  # called on the 16th, more than 1 day before the 20th
    assert [c.ticket_id for c in plan2.callbacks] == [later.id]


def test_already_evaluated_by_callback_is_skipped(db, team, make_user):
    boss = make_user(Role.MANAGER)
    tech = _tech("甲", team)
    done = _ticket(MONDAY_10AM, tech, team)
    self_only = _ticket(MONDAY_10AM, tech, team)
    Evaluation.create(ticket=done, kind=EvaluationKind.DISPATCHER.value, rating="satisfied", points=10)
    Evaluation.create(ticket=self_only, kind=EvaluationKind.SELF.value, rating="satisfied", points=10)
    result = plan_callbacks(boss, TUESDAY)
    assert [c.ticket_id for c in result.callbacks] == [self_only.id]
    assert [(s.ticket_id, s.reason) for s in result.skipped] == [(done.id, REASON_ALREADY_EVALUATED)]


def test_sample_rate_per_team(db, make_user, boss):
    settings.set_many(boss, {"callback.sample_rate": 0.5})
    manager = make_user(Role.MANAGER)
    make_user(Role.DISPATCHER)
    team_a, team_b = Team.create(name="一班"), Team.create(name="二班")
    tech_a, tech_b = _tech("甲", team_a), _tech("乙", team_b)
    for _ in range(3):
        _ticket(MONDAY_10AM, tech_a, team_a)
        _ticket(MONDAY_10AM, tech_b, team_b)
    result = plan_callbacks(manager, TUESDAY)
    # 0.5 × 6 = 3 in all; quotas 1.5 and 1.5 → floors 1 + 1, the one left goes to one of the teams
    assert len(result.callbacks) == 3
    assert sorted(Counter(c.team_name for c in result.callbacks).values()) == [1, 2]
    assert result.skipped_counts == {REASON_NOT_SAMPLED: 3}
    again = {c.ticket_id for c in result.callbacks}
    Callback.delete().execute()
    CallbackPlan.delete().execute()
    assert {c.ticket_id for c in plan_callbacks(manager, TUESDAY).callbacks} == again


# --------------------------------------------------------------------------------- due dates (R13)


def test_due_dates_literal():
    cal = WorkCalendar(frozenset({5, 6}), frozenset({date(2026, 10, 14)}))  # Wednesday 14th a holiday
    # Monday 08:00 → end of Tuesday (earlier than Wednesday 08:00)
    assert callback_due(datetime(2026, 10, 12, 8, 0), cal) == datetime(2026, 10, 13, 23, 59, 59)
    # Tuesday 10:00, Wednesday a holiday → end of Thursday, capped at Thursday 10:00 (closing + 2 days)
    assert callback_due(datetime(2026, 10, 13, 10, 0), cal) == datetime(2026, 10, 15, 10, 0)
    # Friday 15:00 → Monday 23:59:59 is later than Sunday 15:00: the 2-day cap wins
    assert callback_due(datetime(2026, 10, 16, 15, 0), cal) == datetime(2026, 10, 18, 15, 0)
    # Saturday 11:00 → end of Monday is later than the cap Monday 11:00 (closing + 2 days)
    assert callback_due(datetime(2026, 10, 17, 11, 0), cal) == datetime(2026, 10, 19, 11, 0)
    # Sunday 20:00 → end of Monday
    assert callback_due(datetime(2026, 10, 18, 20, 0), cal) == datetime(2026, 10, 19, 23, 59, 59)


def test_planned_due_dates_and_overdue(db, team, make_user, boss):
    settings.set_many(boss, {"calendar.holidays": ["2026-10-21"]})
    manager = make_user(Role.MANAGER)
    tech = _tech("甲", team)
    monday = _ticket(datetime(2026, 10, 19, 8, 0), tech, team)
    tuesday = _ticket(datetime(2026, 10, 20, 10, 0), tech, team)
    plan1 = plan_callbacks(manager, TUESDAY)
    plan2 = plan_callbacks(manager, date(2026, 10, 22))  # Wednesday 21st is a holiday
    due = {c.ticket_id: c.due_at for c in plan1.callbacks + plan2.callbacks}
    assert due[monday.id] == datetime(2026, 10, 20, 23, 59, 59)
    assert due[tuesday.id] == datetime(2026, 10, 22, 10, 0)  # next working day Thu, cap Thu 10:00
    rows = callbacks.my_worklist(manager, now=datetime(2026, 10, 21, 8, 0))
    assert {r.ticket_id: r.overdue for r in rows} == {monday.id: True, tuesday.id: False}
    late = callbacks.all_callbacks(manager, overdue_only=True, now=datetime(2026, 10, 21, 8, 0))
    assert [r.ticket_id for r in late] == [monday.id]
