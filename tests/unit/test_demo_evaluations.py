"""Demo data of evaluations, callbacks, revisit forms, complaints and improvement projects."""

import json
import random
from collections import Counter
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from desk_app.demo import load_demo
from desk_app.models import (
    Callback,
    CallbackAttempt,
    CallbackPlan,
    Complaint,
    ComplaintEvent,
    Evaluation,
    ImprovementProject,
    ImprovementStep,
    Meeting,
    RevisitForm,
    Ticket,
    User,
)
from desk_app.models.enums import (
    CallbackState,
    ClosureCode,
    ComplaintSource,
    ComplaintState,
    EvaluationKind,
    ImprovementSource,
    ImprovementState,
    Role,
    TicketState,
)
from desk_app.services import kpi
from desk_app.services.opening import open_desk
from desk_app.services.sampling import REASON_NOT_SAMPLED, draw_callbacks
from desk_app.store.connection import close_database

UNTIL = date(2026, 10, 31)


@pytest.fixture
def demo(db):
    load_demo(until=UNTIL, tickets=400, seed=3)
    return db


def test_every_closed_ticket_has_a_self_evaluation(demo) -> None:
    closed = {t.id for t in Ticket.select(Ticket.id).where(Ticket.state == TicketState.CLOSED.value)}
    selfs = list(Evaluation.select().where(Evaluation.kind == EvaluationKind.SELF.value))
    assert {e.ticket_id for e in selfs} == closed
    ratings = Counter(e.rating for e in selfs)
    assert ratings["satisfied"] > ratings["basic"] > ratings["dissatisfied"] > 0
    for e in selfs:
        assert e.evaluator.team_id == e.ticket.team_id and "team_lead" in e.evaluator.role_set()
        assert e.comment.count("（") == 3
        assert bool(e.corrective_note) == (e.rating == "dissatisfied")
        assert e.evaluated_at >= e.ticket.closed_at
        assert e.points == {"satisfied": 10, "basic": 8, "dissatisfied": 6}[e.rating]


def test_callbacks_follow_the_daily_process(demo) -> None:
    callbacks = list(Callback.select())
    assert len(callbacks) > 200
    for cb in callbacks:
        assert cb.ticket.state == TicketState.CLOSED.value
        assert cb.plan.plan_date > cb.ticket.closed_at.date()
        assert cb.due_at > cb.ticket.closed_at
    kinds = Counter(cb.caller_kind for cb in callbacks)
    share = kinds[EvaluationKind.MANAGER.value] / len(callbacks)
    assert 0.04 <= share <= 0.2, kinds
    for cb in callbacks:
        roles = cb.caller.role_set()
        assert ("dispatcher" if cb.caller_kind == EvaluationKind.DISPATCHER.value else "manager") in roles
    assert CallbackPlan.select().count() > 50
    states = Counter(cb.state for cb in callbacks)
    assert states[CallbackState.PENDING.value] > 0 and states[CallbackState.DONE.value] > 0.9 * len(callbacks)
    last_plan = CallbackPlan.select().order_by(CallbackPlan.plan_date.desc()).first()
    assert {cb.state for cb in last_plan.callbacks} == {CallbackState.PENDING.value}
    assert CallbackAttempt.select().count() > 0
    for cb in callbacks:
        assert cb.attempts == cb.attempt_log.count()
        if cb.state == CallbackState.DONE.value:
            assert cb.rating and cb.attitude and cb.contacted_within_hour is not None and cb.device_working is not None
            ev = Evaluation.get(Evaluation.callback == cb.id)
            assert ev.kind == cb.caller_kind and ev.evaluator_id == cb.caller_id and ev.rating == cb.rating
            if cb.rating != "satisfied":
                assert cb.comment
        else:
            assert not cb.rating and not Evaluation.select().where(Evaluation.callback == cb.id).exists()


def test_demo_plans_are_the_services_draw(demo) -> None:
    """Each demo plan's callers are what the sampling service draws from that plan's candidates and seed."""
    users = list(User.select().order_by(User.id))
    dispatchers = [u.id for u in users if Role.DISPATCHER.value in u.role_set()]
    managers = [u.id for u in users if Role.MANAGER.value in u.role_set() and Role.ADMIN.value not in u.role_set()]
    plans = list(CallbackPlan.select().order_by(CallbackPlan.plan_date))
    assert len(plans) > 50
    for plan in plans:
        used = json.loads(plan.settings_json)
        stored = {cb.ticket_id: (cb.caller_kind, cb.caller_id) for cb in plan.callbacks}
        left_out = [s["ticket"] for s in json.loads(plan.skipped_json) if s["reason"] == REASON_NOT_SAMPLED]
        candidates = list(Ticket.select().where(Ticket.id.in_(list(stored) + left_out)).order_by(Ticket.id))
        drawn = draw_callbacks(candidates, Fraction(used["sample_rate"]), Fraction(used["dispatcher_share"]),
                               dispatchers, managers, random.Random(used["seed"]))
        assert drawn.assignment == stored, plan.plan_date
        assert sorted(tk.id for tk in drawn.not_sampled) == sorted(left_out)


def test_no_ticket_evaluated_twice_by_one_kind(demo) -> None:
    pairs = Counter((e.ticket_id, e.kind) for e in Evaluation.select(Evaluation.ticket, Evaluation.kind))
    assert max(pairs.values()) == 1
    per_ticket = Counter(e.ticket_id for e in Evaluation.select().where(Evaluation.kind != "self"))
    assert max(per_ticket.values()) == 1  # one callback evaluation per ticket


def test_dissatisfied_callbacks_have_revisit_forms(demo) -> None:
    bad = list(Callback.select().where(Callback.rating == "dissatisfied"))
    assert bad
    forms = {f.callback_id: f for f in RevisitForm.select()}
    assert set(forms) == {cb.id for cb in bad}
    numbers = [f.number for f in forms.values()]
    assert len(set(numbers)) == len(numbers)
    states = Counter(f.state for f in forms.values())
    assert states["discussed"] > 0
    for cb in bad:
        form = forms[cb.id]
        assert form.number.startswith(f"HF-{cb.completed_at:%Y%m%d}-")
        assert form.reporter_name and form.reporter_phone and form.reporter_location and form.reported_at
        assert form.callback_person and form.callback_at and form.customer_problems == cb.comment
        assert form.dissatisfaction_types and form.team_lead_id and form.due_date >= cb.completed_at.date()
        if form.state != "open":
            assert form.revisit_notes and form.corrective_measures and form.submitted_at
        if form.state == "discussed":
            assert form.meeting_date and form.agreed_measure


def test_every_month_has_standings(demo) -> None:
    for month in ("2026-08", "2026-09", "2026-10"):
        standings = kpi.monthly_standings(month)
        assert standings.technicians and standings.teams
        assert standings.repair_star and standings.winning_team


def test_complaints_cover_the_flow(demo) -> None:
    complaints = list(Complaint.select())
    assert 15 <= len(complaints) <= 40
    assert {c.state for c in complaints} >= {s.value for s in ComplaintState}
    assert {c.source for c in complaints} >= {ComplaintSource.PHONE.value, ComplaintSource.EMAIL.value,
                                               ComplaintSource.CALLBACK.value}
    closed = [c for c in complaints if c.state == ComplaintState.CLOSED.value]
    assert any(c.customer_confirmed for c in closed)
    assert any(not c.customer_confirmed and c.customer_notified and c.close_reason for c in closed)
    assert all(c.findings and c.verified_by_id for c in closed)
    assert all(c.validity_reason and c.is_valid is False for c in complaints if c.state == ComplaintState.INVALID)
    for c in complaints:
        if c.state in (ComplaintState.DISPATCHED, ComplaintState.VERIFIED, ComplaintState.CLOSED):
            assert c.department and c.department_manager_id and c.management_rep
        if c.source == ComplaintSource.CALLBACK.value and c.callback_id:
            assert c.callback.rating == "dissatisfied" and c.ticket_id == c.callback.ticket_id
    vip = [c for c in complaints if c.is_vip]
    assert vip and all(c.escalated for c in vip)
    second = [c for c in complaints if c.previous_id]
    assert second and all(c.escalated and c.ticket_id == c.previous.ticket_id for c in second)
    assert any(c.previous.state not in ("closed", "invalid") for c in second)
    now = Ticket.select(Ticket.updated_at).order_by(Ticket.updated_at.desc()).scalar()
    overdue = [c for c in complaints if c.state not in ("closed", "invalid") and c.due_at < now]
    assert len(overdue) >= 2
    codes = Counter(e.code for e in ComplaintEvent.select())
    assert set(codes) >= {"01", "02", "03", "04", "05", "06", "close", "escalate"}
    for c in complaints:
        events = list(c.events.order_by(ComplaintEvent.at, ComplaintEvent.id))
        assert events[0].code == "01" and events[0].at == c.received_at
        if c.source != ComplaintSource.SURVEY.value:  # those are opened automatically, by nobody
            assert all(e.user_id for e in events)


def test_improvement_projects_from_every_source_in_every_state(demo) -> None:
    projects = list(ImprovementProject.select())
    assert {p.source for p in projects} == {s.value for s in ImprovementSource}
    states = {p.state for p in projects}
    assert states >= {s.value for s in ImprovementState} - {ImprovementState.REOPENED.value}
    codes = {p.closure_code for p in projects if p.state == ImprovementState.CONFIRMED}
    assert codes == {c.value for c in ClosureCode}
    for p in projects:
        if p.source == ImprovementSource.REVISIT:
            assert p.revisit_form_id
        if p.source == ImprovementSource.COMPLAINT:
            assert p.complaint_id and p.complaint.is_valid
        if p.source == ImprovementSource.MEETING:
            assert p.meeting_id
        if p.source in (ImprovementSource.SURVEY, ImprovementSource.OTHER, ImprovementSource.CALLBACK):
            assert p.source_note
        if p.state != ImprovementState.PROPOSED:
            assert p.meeting_date and p.agreed_measure
        if p.state == ImprovementState.CONFIRMED:
            assert p.confirmed_by_id and p.confirmed_at and p.effect_result
    goals = [p for p in projects if p.goal_indicator]
    assert goals and all(p.goal_indicator == "callback_satisfaction_rate" and p.base_value and p.target_value
                         for p in goals)
    steps = list(ImprovementStep.select())
    assert all(s.owner_id and s.due_date for s in steps)
    in_progress = [s for s in steps if s.project.state == ImprovementState.IN_PROGRESS]
    assert any(s.done_at is None and s.due_date < UNTIL for s in in_progress)
    assert any(s.done_at is None and s.due_date > UNTIL for s in in_progress)
    meetings = list(Meeting.select().order_by(Meeting.month))
    assert [m.month for m in meetings] == ["2026-08", "2026-09", "2026-10"]
    assert [m.held for m in meetings] == [True, True, False]
    assert [m.meeting_date.day for m in meetings] == [7, 5, 5]  # the 5th, or the next working day


def _evaluations() -> list[tuple]:
    return list(Evaluation.select(Evaluation.ticket, Evaluation.kind, Evaluation.rating, Evaluation.comment,
                                  Evaluation.evaluated_at).order_by(Evaluation.id).tuples())


def test_same_seed_same_evaluations(tmp_path: Path) -> None:
    results = []
    for name in ("a.sqlite", "b.sqlite"):
        database = open_desk(tmp_path / name)
        try:
            load_demo(until=UNTIL, tickets=200, seed=4)
            results.append((_evaluations(), list(Complaint.select(Complaint.number, Complaint.state).tuples()),
                            list(ImprovementProject.select(ImprovementProject.number).tuples())))
        finally:
            close_database(database)
    assert results[0] == results[1]
