"""The demo data loader (`desk-app demo`, first-run dialog)."""

import re
from datetime import date, datetime
from pathlib import Path

import pytest

from desk_app import cli
from desk_app.demo import load_demo
from desk_app.demo.tickets import period_start
from desk_app.errors import ValidationError
from desk_app.models import Contact, CustomerUnit, KnowledgeArticle, Team, Ticket, TicketEvent, User, database_proxy
from desk_app.models.base import on_postgres
from desk_app.models.enums import Role, TicketState
from desk_app.services.auth import authenticate
from desk_app.services.opening import open_desk
from desk_app.store.connection import close_database

UNTIL = date(2026, 10, 31)
NUMBER = re.compile(r"^GD-(\d{8})-(\d{4,})$")


def _tickets() -> list[tuple]:
    return list(Ticket.select(Ticket.number, Ticket.description, Ticket.reporter_name, Ticket.state,
                              Ticket.reported_at, Ticket.closed_at).order_by(Ticket.id).tuples())


def _schema() -> list[tuple]:
    """(type, name, definition) of every table, index and trigger."""
    if not on_postgres():
        return database_proxy.execute_sql("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    return database_proxy.execute_sql(
        "SELECT 'table', table_name, string_agg(column_name || ' ' || data_type, ', ' ORDER BY column_name) "
        "FROM information_schema.columns WHERE table_schema = 'public' GROUP BY table_name "
        "UNION ALL SELECT 'index', indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
        "UNION ALL SELECT 'trigger', tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal "
        "ORDER BY 2").fetchall()


def test_demo_fills_every_table(db) -> None:
    result = load_demo(until=UNTIL, tickets=300, seed=3)

    assert result.tickets == 300 and result.until == UNTIL and not result.cancelled
    assert Ticket.select().count() == 300
    assert Team.select().count() == 4
    assert 8 <= CustomerUnit.select().count() <= 12
    assert {u.importance for u in CustomerUnit.select()} == {"normal", "important", "core"}
    assert Contact.select().where(Contact.is_vip == True).count() >= 3  # noqa: E712
    for team in Team.select():
        members = [u.role_set() for u in User.select().where(User.team == team)]
        assert sum(Role.TEAM_LEAD in r for r in members) == 1
        assert 3 <= sum(Role.TECHNICIAN in r for r in members) <= 5
    roles = [u.role_set() for u in User.select()]
    for role, low, high in ((Role.AGENT, 2, 3), (Role.DISPATCHER, 2, 2), (Role.QUALITY, 1, 1), (Role.ADMIN, 1, 1)):
        assert low <= sum(role in r for r in roles) <= high, role
    assert User.get(User.username == "admin").role_set() == {Role.ADMIN, Role.MANAGER}
    assert TicketEvent.select().count() >= 300
    assert KnowledgeArticle.select().count() > 0


def test_ticket_data_is_consistent(db) -> None:
    load_demo(until=UNTIL, tickets=400, seed=5)
    tickets = list(Ticket.select())
    start = period_start(UNTIL)
    assert start == date(2026, 8, 1)

    numbers = [t.number for t in tickets]
    assert len(set(numbers)) == len(numbers)
    per_day: dict[str, list[int]] = {}
    for ticket in tickets:
        match = NUMBER.match(ticket.number)
        assert match, ticket.number
        assert match.group(1) == ticket.reported_at.strftime("%Y%m%d")
        per_day.setdefault(match.group(1), []).append(int(match.group(2)))
        assert start <= ticket.reported_at.date() <= UNTIL
        assert ticket.description and ticket.reporter_name and ticket.unit_id and ticket.team_id
        assert ticket.first_response_due > ticket.reported_at and ticket.resolution_due >= ticket.first_response_due
        if ticket.state == TicketState.CLOSED:
            assert ticket.cause and ticket.resolution
            assert ticket.reported_at <= ticket.first_response_at <= ticket.resolved_at <= ticket.closed_at
            assert ticket.closed_at <= datetime(2026, 10, 31, 23, 59)
        if ticket.state != TicketState.NEW:
            assert ticket.assignee.team_id == ticket.team_id
            assert Role.TECHNICIAN in ticket.assignee.role_set()
        if ticket.repeat_of_id:
            original = ticket.repeat_of
            assert original.contact_id == ticket.contact_id and original.reported_at < ticket.reported_at
        events = list(ticket.events.order_by(TicketEvent.at, TicketEvent.id))
        assert events[0].kind == "created" and events[-1].to_state == ticket.state
        assert all(e.user_id for e in events)
    for seqs in per_day.values():
        assert sorted(seqs) == list(range(1, len(seqs) + 1))

    states = {t.state for t in tickets}
    assert sum(t.state == TicketState.CLOSED for t in tickets) > 0.8 * len(tickets)
    assert len(states) >= 3  # recent tickets are still open
    # a period is 3 months, with more tickets on working days than at weekends
    weekday = sum(t.reported_at.weekday() < 5 for t in tickets) / 65
    weekend = sum(t.reported_at.weekday() >= 5 for t in tickets) / 27
    assert weekday > 2 * weekend
    overdue = [t for t in tickets if t.resolved_at and t.resolved_at > t.resolution_due]
    assert 0 < len(overdue) < 0.25 * len(tickets)


def test_same_seed_same_data(tmp_path: Path) -> None:
    results = []
    for name in ("a.sqlite", "b.sqlite", "c.sqlite"):
        database = open_desk(tmp_path / name)
        try:
            load_demo(until=UNTIL, tickets=150, seed=2 if name == "c.sqlite" else 7)
            results.append(_tickets())
        finally:
            close_database(database)
    assert results[0] == results[1]
    assert results[0] != results[2]


def test_demo_users_can_log_in(db) -> None:
    result = load_demo(until=UNTIL, tickets=20)
    assert ("admin", "admin123") in [(u, p) for u, p, _ in result.users]
    assert len(result.users) == User.select().where(User.can_login == True).count()  # noqa: E712
    for username, password, role in result.users:
        assert role
        assert authenticate(username, password).username == username


def test_refuses_a_database_with_data(db, admin) -> None:
    before = _schema()
    with pytest.raises(ValidationError, match="already holds data"):
        load_demo(until=UNTIL, tickets=20)
    assert Ticket.select().count() == 0 and Team.select().count() == 0
    assert User.select().count() == 1
    assert _schema() == before


def test_refuses_a_second_load(db) -> None:
    load_demo(until=UNTIL, tickets=20)
    with pytest.raises(ValidationError):
        load_demo(until=UNTIL, tickets=20)
    assert Ticket.select().count() == 20


def test_ticket_count_is_checked(db) -> None:
    for bad in (0, -5, 1_000_001):
        with pytest.raises(ValidationError):
            load_demo(until=UNTIL, tickets=bad)


def test_cancel_leaves_the_database_empty(db) -> None:
    before = _schema()
    calls: list[tuple[int, int]] = []
    result = load_demo(until=UNTIL, tickets=5000, progress=lambda d, t: calls.append((d, t)),
                       is_cancelled=lambda: len(calls) >= 3)
    assert result.cancelled and result.tickets == 0 and result.users == []
    assert len(calls) == 3 and calls[-1][0] > 2000  # cancelled after tickets were inserted
    for model in (Ticket, TicketEvent, User, Team, CustomerUnit, Contact, KnowledgeArticle):
        assert model.select().count() == 0, model
    assert _schema() == before


def test_progress_reaches_the_total(db) -> None:
    calls: list[tuple[int, int]] = []
    load_demo(until=UNTIL, tickets=50, progress=lambda d, t: calls.append((d, t)))
    assert calls[-1][0] == calls[-1][1]
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_bulk_load_keeps_the_schema_and_search_index(db) -> None:
    before = _schema()
    load_demo(until=UNTIL, tickets=100)
    assert _schema() == before
    tables = {row[1] for row in before}
    if "ticket_fts" in tables:  # the search index's triggers saw the bulk-inserted tickets
        found = database_proxy.execute_sql("SELECT count(*) FROM ticket_fts WHERE ticket_fts MATCH ?",
                                           ('"GD-2026"',)).fetchone()[0]
        assert found == 100


def test_cli_demo(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", str(db_path), "demo", "--tickets", "200", "--until", "2026-10-31"]) == 0
    out = capsys.readouterr().out
    assert "200" in out and "admin123" in out and "demo1234" in out

    assert cli.main(["--db", str(db_path), "demo", "--tickets", "10"]) == 1
    assert "already holds data" in capsys.readouterr().err

    other = tmp_path / "other.sqlite"
    assert cli.main(["--db", str(other), "demo", "--tickets", "0"]) == 1
    assert "tickets" in capsys.readouterr().err
