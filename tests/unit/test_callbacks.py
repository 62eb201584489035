"""Phone callbacks (R13–R15): worklist, script, completing with triggers, unreachable attempts, CLI."""

import itertools
from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest

from desk_app.cli import main
from desk_app.errors import ConflictError, PermissionDenied, ValidationError
from desk_app.models import (
    AuditLog,
    Callback,
    CallbackAttempt,
    Complaint,
    ComplaintEvent,
    CustomerUnit,
    Evaluation,
    RevisitForm,
    Team,
    Ticket,
    User,
)
from desk_app.models.enums import Role
from desk_app.services import callbacks, settings
from desk_app.services.sampling import plan_callbacks
from desk_app.store.connection import close_database

_seq = itertools.count(1)
TUESDAY = date(2026, 10, 20)
CALL_TIME = datetime(2026, 10, 20, 11, 0)


def _ticket(team: Team, tech: User, closed_at: datetime = datetime(2026, 10, 19, 10, 0), **extra) -> Ticket:
    n = next(_seq)
    unit = CustomerUnit.get_or_create(name="财务处")[0]
    fields = dict(number=f"GD-{closed_at:%Y%m%d}-{n:04d}", reported_at=closed_at - timedelta(hours=2),
                  reporter_name=f"报修人{n}", reporter_phone=f"1370000{n:04d}", reporter_location="行政楼302",
                  unit=unit, description="电脑无法开机", cause="电源损坏", resolution="更换电源", state="closed",
                  closed_at=closed_at, assignee=tech, team=team)
    fields.update(extra)
    return Ticket.create(**fields)


@pytest.fixture
def world(db, make_user):
    lead = make_user(Role.TEAM_LEAD, team="一班", name="一班工长")
    other_lead = make_user(Role.TEAM_LEAD, team="二班", name="二班工长")
    dispatcher = make_user(Role.DISPATCHER, name="调度小王")
    manager = make_user(Role.MANAGER, name="经理老张")
    boss = make_user(Role.ADMIN, name="系统管理员")
    team = Team.get(Team.name == "一班")
    tech = User.create(username=f"tech{next(_seq)}", full_name="维修工甲", roles="technician", team=team)
    ticket = _ticket(team, tech)
    plan = plan_callbacks(manager, TUESDAY)
    cb = plan.callbacks[0]
    assert cb.caller_id == dispatcher.id  # 0.9 × 1 = 0.9 → the one ticket goes to the dispatcher
    return SimpleNamespace(lead=lead, other_lead=other_lead, dispatcher=dispatcher, manager=manager, boss=boss,
                           team=team, tech=tech, ticket=ticket, cb=cb)


def _complete(w, rating="satisfied", comment="", attitude="satisfied", contacted=True, working=True,
              actor=None, version=None):
    return callbacks.complete_callback(actor or w.dispatcher, w.cb.id, w.cb.version if version is None else version,
                                       contacted, attitude, working, rating, comment, now=CALL_TIME)


def test_worklist_shows_only_own_callbacks(db, make_user):
    d1, d2 = make_user(Role.DISPATCHER), make_user(Role.DISPATCHER)
    manager = make_user(Role.MANAGER)
    tech_user = make_user(Role.TECHNICIAN, team="一班")
    team = Team.get(Team.name == "一班")
    tech = User.get_by_id(tech_user.id)
    t1, t2 = _ticket(team, tech), _ticket(team, tech)
    plan_callbacks(manager, TUESDAY)
    mine1 = callbacks.my_worklist(d1)
    mine2 = callbacks.my_worklist(d2)
    assert len(mine1) == 1 and len(mine2) == 1  # 2 dispatcher calls, round-robin
    assert {mine1[0].ticket_id, mine2[0].ticket_id} == {t1.id, t2.id}
    assert all(r.caller_id == d1.id for r in mine1)
    assert callbacks.my_worklist(manager) == []
    assert len(callbacks.all_callbacks(manager)) == 2
    with pytest.raises(PermissionDenied):
        callbacks.my_worklist(tech_user)
    with pytest.raises(PermissionDenied):
        callbacks.all_callbacks(tech_user)


def test_callback_script(world):
    script = callbacks.callback_script(world.cb.id)
    assert script.ticket_number == world.ticket.number
    assert (script.reporter_name, script.reporter_phone, script.unit_name) == (
        world.ticket.reporter_name, world.ticket.reporter_phone, "财务处")
    assert (script.description, script.cause, script.resolution) == ("电脑无法开机", "电源损坏", "更换电源")
    assert script.technician_name == "维修工甲" and script.team_name == "一班"
    assert script.closed_at == datetime(2026, 10, 19, 10, 0)
    assert script.rating_options == ("satisfied", "basic", "dissatisfied")
    assert len(script.questions) == 5 and "1 hour" in script.questions[0]
    assert "Satisfied, Basically satisfied, Dissatisfied" in script.questions[3]


@pytest.mark.parametrize("rating", ["", None, "excellent"])
def test_no_rating_is_refused(world, rating):
    with pytest.raises(ValidationError) as err:
        _complete(world, rating=rating)
    assert err.value.field == "rating"
    assert Evaluation.select().count() == 0
    assert Callback.get_by_id(world.cb.id).state == "pending"


def test_attitude_and_yes_no_answers_are_required(world):
    with pytest.raises(ValidationError) as err:
        _complete(world, attitude="")
    assert err.value.field == "attitude"
    with pytest.raises(ValidationError) as err:
        _complete(world, contacted=None)
    assert err.value.field == "contacted_within_hour"
    with pytest.raises(ValidationError) as err:
        _complete(world, working=None)
    assert err.value.field == "device_working"


def test_comment_required_at_threshold(world):
    with pytest.raises(ValidationError) as err:
        _complete(world, rating="dissatisfied", comment="  ")
    assert err.value.field == "comment"
    outcome = _complete(world, rating="basic")  # above the threshold: no comment needed
    assert outcome.points == 8


def test_satisfied_callback_creates_the_evaluation(world):
    outcome = _complete(world, comment="很好")
    ev = Evaluation.get_by_id(outcome.evaluation_id)
    assert (ev.kind, ev.rating, ev.points, ev.evaluator_id, ev.callback_id) == (
        "dispatcher", "satisfied", 10, world.dispatcher.id, world.cb.id)
    assert ev.evaluated_at == CALL_TIME
    stored = Callback.get_by_id(world.cb.id)
    assert (stored.state, stored.contacted_within_hour, stored.device_working, stored.completed_at) == (
        "done", True, True, CALL_TIME)
    assert outcome.revisit_form_id is None and outcome.complaint_id is None
    assert RevisitForm.select().count() == 0 and Complaint.select().count() == 0
    assert {a.action for a in AuditLog.select()} >= {"callback.complete", "evaluation.callback"}
    assert callbacks.my_worklist(world.dispatcher) == []
    assert len(callbacks.my_worklist(world.dispatcher, include_done=True)) == 1
    with pytest.raises(ValidationError, match="already completed"):
        _complete(world, version=stored.version)


def test_dissatisfied_creates_revisit_form_for_the_team_lead(world):
    outcome = _complete(world, rating="dissatisfied", comment="等了两天才来修", attitude="dissatisfied",
                        contacted=False, working=True)
    form = RevisitForm.get_by_id(outcome.revisit_form_id)
    assert form.number == outcome.revisit_form_number == "HF-20261020-001"
    assert form.team_lead_id == world.lead.id  # the lead of 一班, not of 二班
    assert form.team_id == world.team.id
    assert (form.reporter_name, form.reporter_phone, form.reporter_location, form.reported_at) == (
        world.ticket.reporter_name, world.ticket.reporter_phone, "行政楼302", datetime(2026, 10, 19, 8, 0))
    assert (form.callback_person, form.callback_at) == ("调度小王", CALL_TIME)
    assert form.customer_problems == "等了两天才来修"
    assert form.dissatisfaction_types == "response_speed,attitude"
    # closed in October → meeting Thursday 2026-11-05 → due the working day before, Wednesday 11-04
    assert form.due_date == date(2026, 11, 4)
    assert form.state == "open"
    assert outcome.complaint_id is None  # three-level scale, threshold 非常不满意: no complaint


def test_very_dissatisfied_on_five_level_scale_opens_a_complaint(world):
    settings.set_many(world.boss, {"rating.callback_scale": "five"})
    outcome = _complete(world, rating="very_dissatisfied", attitude="very_dissatisfied",
                        comment="态度恶劣，问题没解决", working=False)
    assert outcome.points == 2  # five-level points: very_dissatisfied = 2
    complaint = Complaint.get_by_id(outcome.complaint_id)
    assert complaint.number == outcome.complaint_number == "TS-20261020-001"
    assert (complaint.source, complaint.state) == ("callback", "recorded")
    assert (complaint.ticket_id, complaint.callback_id) == (world.ticket.id, world.cb.id)
    assert complaint.complainant == world.ticket.reporter_name
    assert complaint.unit_id == world.ticket.unit_id
    assert complaint.description == "态度恶劣，问题没解决"
    assert complaint.received_at == CALL_TIME
    assert complaint.due_at == datetime(2026, 10, 25, 11, 0)  # received + 5 days (complaint.resolution_days)
    assert [e.code for e in ComplaintEvent.select().where(ComplaintEvent.complaint == complaint.id)][0] == "01"
    form = RevisitForm.get_by_id(outcome.revisit_form_id)  # very dissatisfied is also dissatisfied
    assert form.dissatisfaction_types == "attitude,device_state"


def test_complaint_threshold_setting_on_three_level_scale(world):
    settings.set_many(world.boss, {"callback.complaint_threshold": "dissatisfied"})
    outcome = _complete(world, rating="dissatisfied", comment="没修好")
    assert outcome.complaint_number == "TS-20261020-001"
    assert outcome.revisit_form_number == "HF-20261020-001"


def test_basic_rating_triggers_nothing(world):
    outcome = _complete(world, rating="basic")
    assert outcome.revisit_form_id is None and outcome.complaint_id is None


def test_never_evaluated_twice_by_the_same_kind(world):
    Evaluation.create(ticket=world.ticket, kind="dispatcher", rating="satisfied", points=10)  # e.g. imported
    with pytest.raises(ValidationError, match="never evaluated twice"):
        _complete(world)


def test_stale_version_is_a_conflict_and_stores_nothing(world):
    callbacks.mark_unreachable(world.dispatcher, world.cb.id, "无人接听", now=CALL_TIME)
    with pytest.raises(ConflictError):
        _complete(world, rating="dissatisfied", comment="x", version=world.cb.version)
    assert Evaluation.select().count() == 0
    assert RevisitForm.select().count() == 0


def test_only_the_caller_or_a_manager_completes(world, make_user):
    other = make_user(Role.DISPATCHER)
    with pytest.raises(PermissionDenied, match="调度小王"):
        _complete(world, actor=other)
    tech = make_user(Role.TECHNICIAN)
    with pytest.raises(PermissionDenied):
        _complete(world, actor=tech)
    outcome = _complete(world, actor=world.manager)
    ev = Evaluation.get_by_id(outcome.evaluation_id)
    assert ev.kind == "dispatcher" and ev.evaluator_id == world.manager.id


def test_unreachable_attempts_then_completed(world):
    for i in range(1, 4):
        row = callbacks.mark_unreachable(world.dispatcher, world.cb.id, f"第{i}次无人接听",
                                         now=CALL_TIME + timedelta(hours=i))
        assert row.attempts == i
        assert row.state == ("unreachable" if i == 3 else "pending")
    log = callbacks.attempt_log(world.cb.id)
    assert [(a.at, a.note) for a in log] == [(CALL_TIME + timedelta(hours=i), f"第{i}次无人接听") for i in (1, 2, 3)]
    assert CallbackAttempt.select().count() == 3
    assert [r.state for r in callbacks.my_worklist(world.dispatcher)] == ["unreachable"]  # still on the list
    version = Callback.get_by_id(world.cb.id).version
    outcome = _complete(world, version=version)
    assert outcome.callback.state == "done" and outcome.callback.attempts == 3


# --------------------------------------------------------------------------------- CLI


def test_cli_callbacks_plan(db, db_path, make_user, capsys):
    make_user(Role.MANAGER, name="经理")
    make_user(Role.DISPATCHER, name="调度员")
    team = Team.create(name="一班")
    tech = User.create(username="t1", full_name="维修工甲", roles="technician", team=team)
    first = _ticket(team, tech, reporter_phone="13900000000")
    _ticket(team, tech, reporter_phone="13900000000")  # same customer the same day: skipped (R10a)
    close_database(db)

    status = main(["--db", str(db_path), "--lang", "en", "callbacks", "plan", "--date", "2026-10-20"])

    out = capsys.readouterr().out
    assert status == 0
    assert "Callback plan 2026-10-20 (tickets closed 2026-10-19 to 2026-10-19), callbacks: 1" in out
    assert first.number in out and "13900000000" in out and "调度员" in out and "2026-10-20 23:59" in out
    assert "Skipped: 1 (customer called back recently (R10a): 1)" in out

    assert main(["--db", str(db_path), "--lang", "en", "callbacks", "plan", "--date", "2026-10-20"]) == 0
    assert "planned before" in capsys.readouterr().out


def test_cli_callbacks_plan_usage_errors(db_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(db_path), "callbacks", "plan", "--date", "2026-10-32"])
    assert exit_info.value.code == 2


def test_cli_callbacks_plan_weekend_is_a_user_error(db, db_path, make_user, capsys):
    make_user(Role.MANAGER)
    close_database(db)
    assert main(["--db", str(db_path), "--lang", "en", "callbacks", "plan", "--date", "2026-10-17"]) == 1
    assert "not a working day" in capsys.readouterr().err
