"""Monthly and yearly standings (R32–R33a): formula, month of closing, tie-breaks, R2."""

import itertools
from datetime import datetime
from decimal import Decimal

import pytest

from desk_app.models import Evaluation, Team, Ticket, User
from desk_app.models.enums import Role
from desk_app.services import kpi, settings
from desk_app.services.actor import Actor

_seq = itertools.count(1)


def _tech(name: str, team: Team) -> User:
    return User.create(username=f"t{next(_seq)}", full_name=name, roles="technician", team=team)


def _ticket(tech: User, team: Team, closed_at: datetime, *ratings: tuple[str, str, int]) -> Ticket:
    """A closed ticket with evaluations given as (kind, rating, points)."""
    n = next(_seq)
    ticket = Ticket.create(number=f"GD-{closed_at:%Y%m%d}-{n:04d}", reported_at=closed_at, reporter_name="报修人",
                           description="故障", state="closed", closed_at=closed_at, assignee=tech, team=team)
    for kind, rating, points in ratings:
        Evaluation.create(ticket=ticket, kind=kind, rating=rating, points=points,
                          evaluated_at=datetime(2026, 10, 28, 9, 0))
    return ticket


S10, B8, D6 = ("satisfied", 10), ("basic", 8), ("dissatisfied", 6)


def _self(r):
    return ("self", *r)


def _disp(r):
    return ("dispatcher", *r)


def _mgr(r):
    return ("manager", *r)


@pytest.fixture
def october(db):
    """一班: 张三, 李四; 二班: 王五 — plus boundary tickets in September and November."""
    one, two = Team.create(name="一班"), Team.create(name="二班")
    zhang, li, wang = _tech("张三", one), _tech("李四", one), _tech("王五", two)
    oct_day = datetime(2026, 10, 15, 10, 0)
    _ticket(zhang, one, oct_day, _self(S10), _disp(S10))  # 20
    _ticket(zhang, one, oct_day, _self(B8), _disp(S10))  # 18
    _ticket(zhang, one, datetime(2026, 10, 31, 23, 59, 59), _self(S10))  # 10, last second of October
    _ticket(li, one, datetime(2026, 10, 1, 0, 0), _self(S10), _mgr(D6))  # 16, one dissatisfied
    _ticket(li, one, oct_day, _self(S10), _disp(S10))  # 20
    _ticket(li, one, oct_day)  # closed, never evaluated: not counted
    _ticket(wang, two, oct_day, _self(S10), _disp(S10))  # 20
    _ticket(wang, two, oct_day, _self(S10), _disp(B8))  # 18
    _ticket(zhang, one, datetime(2026, 11, 1, 0, 0), _self(S10))  # November
    _ticket(li, one, datetime(2026, 9, 30, 23, 59, 59), _self(B8))  # September (evaluated in October)
    return {"zhang": zhang, "li": li, "wang": wang}


def test_score_formula_and_rounding():
    assert kpi.score(48, 3, 0.15) == Decimal("16.45")  # 48 / 3 = 16 + 3 × 0.15 = 0.45
    assert kpi.score(20, 3, 0.15) == Decimal("7.12")  # 6.666… + 0.45 = 7.1166… → 7.12
    assert kpi.score(1, 8, 0.15) == Decimal("1.33")  # 0.125 + 1.2 = 1.325 → half up 1.33
    assert kpi.score(0, 0, 0.15) == Decimal("0.00")


def test_monthly_standings_by_hand(october):
    s = kpi.monthly_standings("2026-10")
    rows = [(r.rank, r.name, r.team, r.evaluated_tickets, r.points, r.dissatisfied, r.score) for r in s.technicians]
    assert rows == [
        # 王五: (10+10) + (10+8) = 38 over 2 → 19 + 2 × 0.15 = 19.30
        (1, "王五", "二班", 2, 38, 0, 19.3),
        # 李四: (10+6) + (10+10) = 36 over 2 → 18 + 0.30 = 18.30; one 不满意 (the 6)
        (2, "李四", "一班", 2, 36, 1, 18.3),
        # 张三: (10+10) + (8+10) + 10 = 48 over 3 → 16 + 0.45 = 16.45
        (3, "张三", "一班", 3, 48, 0, 16.45),
    ]
    teams = [(r.name, r.evaluated_tickets, r.points, r.dissatisfied, r.score) for r in s.teams]
    # 一班: 48 + 36 = 84 over 5 → 16.8 + 5 × 0.15 = 0.75 → 17.55;  二班 = 王五 = 19.30
    assert teams == [("二班", 2, 38, 0, 19.3), ("一班", 5, 84, 1, 17.55)]
    assert (s.repair_star, s.winning_team) == ("王五", "二班")
    assert s.repair_star_id == october["wang"].id
    assert s.star_bonus == 0.5


def test_month_of_closing_counts(october):
    sept = kpi.monthly_standings("2026-09")
    assert [(r.name, r.evaluated_tickets, r.points, r.score) for r in sept.technicians] == [("李四", 1, 8, 8.15)]
    nov = kpi.monthly_standings("2026-11")
    assert [(r.name, r.points, r.score) for r in nov.technicians] == [("张三", 10, 10.15)]  # 10 / 1 + 0.15
    empty = kpi.monthly_standings("2026-08")
    assert (empty.technicians, empty.teams, empty.repair_star, empty.winning_team) == ([], [], None, None)


def test_factor_and_bonus_are_settings(october, make_user):
    boss = make_user(Role.ADMIN)
    settings.set_many(boss, {"kpi.factor": 0.5, "kpi.star_bonus": 1.0})
    s = kpi.monthly_standings("2026-10")
    # 张三: 16 + 3 × 0.5 = 17.50; 王五: 19 + 1.0 = 20.00; 李四: 18 + 1.0 = 19.00
    assert [(r.name, r.score) for r in s.technicians] == [("王五", 20.0), ("李四", 19.0), ("张三", 17.5)]
    assert s.star_bonus == 1.0


def test_tie_breaks(db, make_user):
    boss = make_user(Role.ADMIN)
    settings.set_many(boss, {"kpi.factor": 0})
    x, y, z = Team.create(name="X班"), Team.create(name="Y班"), Team.create(name="Z班")
    day = datetime(2026, 9, 10, 10, 0)
    a, b = _tech("技术员A", z), _tech("技术员B", z)
    c, d = _tech("技术员C", x), _tech("技术员D", x)
    e = _tech("技术员E", y)
    _ticket(a, z, day, _self(S10), _disp(S10))
    _ticket(a, z, day, _self(S10), _disp(D6))  # A: 36 / 2 = 18.00, 1 dissatisfied
    _ticket(b, z, day, _self(S10), _disp(B8))
    _ticket(b, z, day, _self(S10), _disp(B8))  # B: 36 / 2 = 18.00, 0 dissatisfied → above A
    _ticket(c, x, day, _self(S10), _disp(S10))  # C: 20 / 1 = 20.00
    _ticket(d, x, day, _self(S10), _disp(S10))
    _ticket(d, x, day, _self(S10), _disp(S10))  # D: 40 / 2 = 20.00, more tickets → above C
    _ticket(e, y, day, _self(S10), _disp(S10))  # E: 20.00, same as C → by name, C first
    s = kpi.monthly_standings("2026-09")
    assert [r.name for r in s.technicians] == ["技术员D", "技术员C", "技术员E", "技术员B", "技术员A"]
    assert s.repair_star == "技术员D"
    # X: 60 / 3 = 20.00 (3 tickets), Y: 20 / 1 = 20.00 (1 ticket), Z: 72 / 4 = 18.00
    assert [(r.name, r.score) for r in s.teams] == [("X班", 20.0), ("Y班", 20.0), ("Z班", 18.0)]
    assert s.winning_team == "X班"


def test_technician_sees_only_own_row(october):
    li = Actor.from_user(october["li"])
    assert li.roles == frozenset({Role.TECHNICIAN.value})
    s = kpi.monthly_standings("2026-10", actor=li)
    assert [r.name for r in s.technicians] == ["李四"]
    assert s.technicians[0].rank == 2
    assert len(s.teams) == 2 and s.repair_star == "王五"
    lead = Actor(999, "lead", "工长", frozenset({Role.TEAM_LEAD.value}), None)
    assert len(kpi.monthly_standings("2026-10", actor=lead).technicians) == 3
    assert [r.name for r in kpi.yearly_standings(2026, actor=li).technicians] == ["李四"]


def test_yearly_standings(october):
    y = kpi.yearly_standings(2026)
    rows = [(r.rank, r.name, r.evaluated_tickets, r.points, r.dissatisfied, r.score_total, r.months, r.awards,
             r.bonus) for r in y.technicians]
    assert rows == [
        # 张三: Oct 16.45 + Nov 10.15 = 26.60, 3 + 1 tickets, 48 + 10 points, star of November
        (1, "张三", 4, 58, 0, 26.6, 2, 1, 0.5),
        # 李四: Sep 8.15 + Oct 18.30 = 26.45, 1 + 2 tickets, 8 + 36 points, star of September
        (2, "李四", 3, 44, 1, 26.45, 2, 1, 0.5),
        # 王五: Oct 19.30, star of October
        (3, "王五", 2, 38, 0, 19.3, 1, 1, 0.5),
    ]
    # 一班: Sep 8.15 + Oct 17.55 + Nov 10.15 = 35.85, winning team of Sep and Nov; 二班: Oct 19.30
    assert [(r.name, r.score_total, r.awards) for r in y.teams] == [("一班", 35.85, 2), ("二班", 19.3, 1)]
    assert (y.stars["2026-09"], y.stars["2026-10"], y.stars["2026-11"], y.stars["2026-12"]) == (
        "李四", "王五", "张三", None)
    assert y.winning_teams["2026-10"] == "二班"
