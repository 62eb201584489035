"""`desk-app kpi --month YYYY-MM [--json]` (SPEC §11)."""

import json
from datetime import datetime

import pytest

from desk_app.cli import main
from desk_app.models import Evaluation, Team, Ticket, User
from desk_app.store.connection import close_database


def _ticket(n: int, tech: User, team: Team, *points_ratings: tuple[str, str, int]) -> None:
    closed = datetime(2026, 10, 15, 10, 0)
    ticket = Ticket.create(number=f"GD-20261015-{n:04d}", reported_at=closed, reporter_name="报修人",
                           description="故障", state="closed", closed_at=closed, assignee=tech, team=team)
    for kind, rating, points in points_ratings:
        Evaluation.create(ticket=ticket, kind=kind, rating=rating, points=points)


@pytest.fixture
def october_db(db, db_path):
    one, two = Team.create(name="一班"), Team.create(name="二班")
    zhang = User.create(username="zhang", full_name="张三", roles="technician", team=one)
    li = User.create(username="li", full_name="李四", roles="technician", team=one)
    wang = User.create(username="wang", full_name="王五", roles="technician", team=two)
    _ticket(1, zhang, one, ("self", "satisfied", 10), ("dispatcher", "satisfied", 10))
    _ticket(2, zhang, one, ("self", "basic", 8), ("dispatcher", "satisfied", 10))
    _ticket(3, zhang, one, ("self", "satisfied", 10))
    _ticket(4, li, one, ("self", "satisfied", 10), ("manager", "dissatisfied", 6))
    _ticket(5, li, one, ("self", "satisfied", 10), ("dispatcher", "satisfied", 10))
    _ticket(6, wang, two, ("self", "satisfied", 10), ("dispatcher", "satisfied", 10))
    _ticket(7, wang, two, ("self", "satisfied", 10), ("dispatcher", "basic", 8))
    close_database(db)
    return db_path


def test_kpi_json_document(october_db, capsys):
    status = main(["--db", str(october_db), "--lang", "en", "kpi", "--month", "2026-10", "--json"])
    out = capsys.readouterr().out
    assert status == 0
    assert json.loads(out) == {
        "month": "2026-10",
        "technicians": [
            # 38 / 2 + 2 × 0.15 = 19.30
            {"name": "王五", "team": "二班", "evaluated_tickets": 2, "points": 38, "dissatisfied": 0, "score": 19.3},
            # 36 / 2 + 0.30 = 18.30
            {"name": "李四", "team": "一班", "evaluated_tickets": 2, "points": 36, "dissatisfied": 1, "score": 18.3},
            # 48 / 3 + 0.45 = 16.45
            {"name": "张三", "team": "一班", "evaluated_tickets": 3, "points": 48, "dissatisfied": 0,
             "score": 16.45},
        ],
        "teams": [
            {"name": "二班", "evaluated_tickets": 2, "points": 38, "dissatisfied": 0, "score": 19.3},
            # 84 / 5 + 5 × 0.15 = 16.8 + 0.75 = 17.55
            {"name": "一班", "evaluated_tickets": 5, "points": 84, "dissatisfied": 1, "score": 17.55},
        ],
        "repair_star": "王五",
        "winning_team": "二班",
    }
    assert out.count("\n") == 1  # one document on one line
    assert list(json.loads(out)) == ["month", "technicians", "teams", "repair_star", "winning_team"]


def test_kpi_json_for_a_month_without_evaluations(october_db, capsys):
    assert main(["--db", str(october_db), "kpi", "--month", "2026-08", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"month": "2026-08", "technicians": [], "teams": [],
                                                   "repair_star": None, "winning_team": None}


def test_kpi_table(october_db, capsys):
    assert main(["--db", str(october_db), "--lang", "en", "kpi", "--month", "2026-10"]) == 0
    out = capsys.readouterr().out
    assert "Repair star: 王五" in out and "Winning team: 二班" in out
    assert "16.45" in out and "17.55" in out


@pytest.mark.parametrize("month", ["2026-13", "2026-1", "october", "2026-00", "202610"])
def test_malformed_month_is_a_usage_error(db_path, month, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(db_path), "kpi", "--month", month])
    assert exit_info.value.code == 2
    assert "YYYY-MM" in capsys.readouterr().err
