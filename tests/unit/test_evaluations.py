"""Team lead self-evaluation (R9), the never-twice rule (R12), result visibility (R2), daily feedback (R16)."""

import itertools
from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest

from desk_app.errors import PermissionDenied, ValidationError
from desk_app.models import Evaluation, RevisitForm, Team, Ticket, User
from desk_app.models.enums import Role
from desk_app.services import evaluations, feedback, settings

_seq = itertools.count(1)


def _ticket(team: Team, tech_id: int | None, state: str = "closed",
            closed_at: datetime | None = datetime(2026, 10, 19, 10, 0)) -> Ticket:
    n = next(_seq)
    return Ticket.create(number=f"GD-20261019-{n:04d}", reported_at=datetime(2026, 10, 19, 8, 0),
                         reporter_name=f"报修人{n}", description="网络不通", state=state,
                         closed_at=closed_at if state == "closed" else None, assignee=tech_id, team=team)


@pytest.fixture
def w(db, make_user):
    lead = make_user(Role.TEAM_LEAD, team="一班")
    lead2 = make_user(Role.TEAM_LEAD, team="二班")
    tech = make_user(Role.TECHNICIAN, team="一班", name="维修工甲")
    colleague = make_user(Role.TECHNICIAN, team="一班", name="维修工乙")
    manager = make_user(Role.MANAGER)
    boss = make_user(Role.ADMIN)
    one, two = Team.get(Team.name == "一班"), Team.get(Team.name == "二班")
    return SimpleNamespace(lead=lead, lead2=lead2, tech=tech, colleague=colleague, manager=manager, boss=boss,
                           one=one, two=two)


def test_queue_for_team_lead(w):
    mine = _ticket(w.one, w.tech.id)
    done = _ticket(w.one, w.tech.id)
    _ticket(w.one, w.tech.id, state="in_progress")
    other_team = _ticket(w.two, None)
    Evaluation.create(ticket=done, kind="self", rating="satisfied", points=10)
    Evaluation.create(ticket=mine, kind="dispatcher", rating="satisfied", points=10)  # other kinds don't count
    assert [i.ticket_id for i in evaluations.queue_for_team_lead(w.lead)] == [mine.id]
    assert [i.ticket_id for i in evaluations.queue_for_team_lead(w.lead2)] == [other_team.id]
    assert [i.ticket_id for i in evaluations.queue_for_team_lead(w.manager)] == [mine.id, other_team.id]
    item = evaluations.queue_for_team_lead(w.lead)[0]
    assert (item.technician_name, item.team_name) == ("维修工甲", "一班")
    with pytest.raises(PermissionDenied):
        evaluations.queue_for_team_lead(w.tech)


@pytest.mark.parametrize(("rating", "points"), [("satisfied", 10), ("basic", 8), ("dissatisfied", 6)])
def test_self_evaluation_points(w, rating, points):
    ticket = _ticket(w.one, w.tech.id)
    row = evaluations.self_evaluate(w.lead, ticket.id, rating, "描述完整", corrective_note="加强沟通")
    assert (row.kind, row.rating, row.points, row.evaluator_id) == ("self", rating, points, w.lead.id)


def test_points_are_taken_from_the_settings_at_that_time(w):
    settings.set_many(w.boss, {"rating.points3": {"satisfied": 12, "basic": 9, "dissatisfied": 5}})
    first = _ticket(w.one, w.tech.id)
    assert evaluations.self_evaluate(w.lead, first.id, "satisfied").points == 12
    settings.set_many(w.boss, {"rating.points3": {"satisfied": 10, "basic": 8, "dissatisfied": 6}})
    assert Evaluation.get(Evaluation.ticket == first.id).points == 12  # stored, not recomputed


def test_dissatisfied_self_evaluation_needs_a_corrective_note_and_stays_internal(w):
    ticket = _ticket(w.one, w.tech.id)
    with pytest.raises(ValidationError) as err:
        evaluations.self_evaluate(w.lead, ticket.id, "dissatisfied", "原因分析不完整")
    assert err.value.field == "corrective_note"
    row = evaluations.self_evaluate(w.lead, ticket.id, "dissatisfied", "原因分析不完整", "补写原因分析")
    assert row.dissatisfied and row.corrective_note == "补写原因分析"
    assert RevisitForm.select().count() == 0  # internal only (R9)


def test_never_self_evaluated_twice(w):
    ticket = _ticket(w.one, w.tech.id)
    evaluations.self_evaluate(w.lead, ticket.id, "satisfied")
    with pytest.raises(ValidationError, match="already has a team lead self-evaluation"):
        evaluations.self_evaluate(w.manager, ticket.id, "basic")
    assert Evaluation.select().count() == 1


def test_repeat_report_is_evaluated_again(w):
    original = _ticket(w.one, w.tech.id)
    repeat = _ticket(w.one, w.tech.id)
    Ticket.update(repeat_of=original.id).where(Ticket.id == repeat.id).execute()
    evaluations.self_evaluate(w.lead, original.id, "basic")
    assert evaluations.self_evaluate(w.lead, repeat.id, "satisfied").ticket_id == repeat.id


def test_who_may_self_evaluate(w, make_user):
    ticket = _ticket(w.one, w.tech.id)
    with pytest.raises(PermissionDenied):
        evaluations.self_evaluate(w.tech, ticket.id, "satisfied")  # a technician
    with pytest.raises(PermissionDenied, match="team lead of the ticket's team"):
        evaluations.self_evaluate(w.lead2, ticket.id, "satisfied")  # lead of another team
    teamless_lead = make_user(Role.TEAM_LEAD)
    with pytest.raises(PermissionDenied):
        evaluations.self_evaluate(teamless_lead, ticket.id, "satisfied")
    assert evaluations.self_evaluate(w.manager, ticket.id, "satisfied").points == 10  # a manager may


def test_only_closed_tickets_and_three_level_ratings(w):
    open_ticket = _ticket(w.one, w.tech.id, state="in_progress")
    with pytest.raises(ValidationError, match="closed"):
        evaluations.self_evaluate(w.lead, open_ticket.id, "satisfied")
    ticket = _ticket(w.one, w.tech.id)
    for bad in ("", "very_satisfied", "great"):
        with pytest.raises(ValidationError):
            evaluations.self_evaluate(w.lead, ticket.id, bad)


def test_technician_sees_only_own_results(w):
    own = _ticket(w.one, w.tech.id)
    theirs = _ticket(w.one, w.colleague.id)
    evaluations.self_evaluate(w.lead, own.id, "satisfied")
    evaluations.self_evaluate(w.lead, theirs.id, "basic")
    assert [r.ticket_id for r in evaluations.ticket_evaluations(w.tech, own.id)] == [own.id]
    with pytest.raises(PermissionDenied):
        evaluations.ticket_evaluations(w.tech, theirs.id)
    assert [r.ticket_id for r in evaluations.list_evaluations(w.tech, month="2026-10")] == [own.id]
    assert len(evaluations.list_evaluations(w.lead, month="2026-10")) == 2
    assert [r.ticket_id for r in evaluations.list_evaluations(w.manager, month="2026-10", kind="self",
                                                                dissatisfied_only=False, technician_id=w.colleague.id)
            ] == [theirs.id]
    assert evaluations.list_evaluations(w.manager, month="2026-09") == []
    with pytest.raises(ValidationError):
        evaluations.list_evaluations(w.manager, month="2026-13")


def test_daily_summary_per_team(w):
    day = date(2026, 10, 20)
    at = datetime(2026, 10, 20, 9, 0)
    a, b, c = _ticket(w.one, w.tech.id), _ticket(w.one, w.colleague.id), _ticket(w.two, None)
    evaluations.self_evaluate(w.lead, a.id, "satisfied", now=at)
    evaluations.self_evaluate(w.lead, b.id, "dissatisfied", "慢", "提速", now=at)
    Evaluation.create(ticket=a, kind="dispatcher", rating="satisfied", points=10, evaluated_at=at)
    Evaluation.create(ticket=c, kind="manager", rating="basic", points=8, evaluated_at=at)
    Evaluation.create(ticket=c, kind="self", rating="satisfied", points=10, evaluated_at=at + timedelta(days=1))
    summary = feedback.daily_summary(day)
    assert [s.team_name for s in summary] == ["一班", "二班"]
    one, two = summary
    assert (one.total, one.points) == (3, 26)  # 10 + 6 + 10
    assert one.counts == {"self": {"satisfied": 1, "dissatisfied": 1}, "dispatcher": {"satisfied": 1}}
    assert [r.ticket_id for r in one.dissatisfied] == [b.id]
    assert (two.total, two.points, two.counts, two.dissatisfied) == (1, 8, {"manager": {"basic": 1}}, [])
    assert feedback.daily_summary(date(2026, 10, 22)) == []


def test_user_without_team_sees_empty_queue(w, make_user):
    lead = make_user(Role.TEAM_LEAD)
    _ticket(w.one, w.tech.id)
    assert evaluations.queue_for_team_lead(lead) == []
    assert User.get_by_id(lead.id).team_id is None
