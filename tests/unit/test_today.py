"""The Today tab's data (services/today.py): per role, exact items, and the chart figures."""

import itertools
from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest

from desk_app.models import (
    Callback,
    Complaint,
    CustomerUnit,
    Evaluation,
    ImprovementProject,
    ImprovementStep,
    Report,
    RevisitForm,
    SurveyPlan,
    SurveyRecipient,
    SurveyTemplate,
    Team,
    Ticket,
    User,
)
from desk_app.models.enums import Role
from desk_app.services import today
from desk_app.services.today import TodayItem

NOW = datetime(2026, 11, 18, 10, 0)  # a Wednesday
_seq = itertools.count(1)


def _ticket(*, state="in_progress", assignee=None, created_by=None, team=None, fr_due=None, fr_at=None,
            res_due=None, closed_at=None, reporter="报修人", description="打印机卡纸", unit=None) -> Ticket:
    n = next(_seq)
    return Ticket.create(number=f"GD-20261118-{n:04d}", reported_at=NOW - timedelta(hours=5), reporter_name=reporter,
                         description=description, state=state, assignee=assignee, created_by=created_by, team=team,
                         first_response_due=fr_due, first_response_at=fr_at, resolution_due=res_due,
                         closed_at=closed_at, unit=unit)


def _keys(view) -> list[str]:
    return [s.key for s in view.sections]


def _items(view, key) -> list[tuple]:
    section = view.section(key)
    assert section is not None, f"no section {key}"
    return [(i.kind, i.record_id, i.due, i.overdue) for i in section.items]


@pytest.fixture
def w(db, make_user):
    agent = make_user(Role.AGENT, name="服务台甲")
    tech = make_user(Role.TECHNICIAN, team="一班", name="维修工甲")
    other_tech = make_user(Role.TECHNICIAN, team="一班", name="维修工乙")
    lead = make_user(Role.TEAM_LEAD, team="一班", name="一班工长")
    lead2 = make_user(Role.TEAM_LEAD, team="二班", name="二班工长")
    dispatcher = make_user(Role.DISPATCHER, name="调度甲")
    dispatcher2 = make_user(Role.DISPATCHER, name="调度乙")
    manager = make_user(Role.MANAGER, name="经理")
    quality = make_user(Role.QUALITY, name="质控")
    return SimpleNamespace(agent=agent, tech=tech, other_tech=other_tech, lead=lead, lead2=lead2,
                           dispatcher=dispatcher, dispatcher2=dispatcher2, manager=manager, quality=quality,
                           team=Team.get(Team.name == "一班"), team2=Team.get(Team.name == "二班"))


# --------------------------------------------------------------------------------- tickets


def test_agent_sees_own_tickets_near_or_past_their_sla(w):
    past_response = _ticket(created_by=w.agent.id, fr_due=NOW - timedelta(minutes=10),
                            res_due=NOW + timedelta(hours=20), state="new")
    near_resolution = _ticket(assignee=w.agent.id, fr_due=NOW - timedelta(hours=4), fr_at=NOW - timedelta(hours=4),
                              res_due=NOW + timedelta(minutes=90))
    past_resolution = _ticket(assignee=w.agent.id, fr_at=NOW - timedelta(hours=4), fr_due=NOW - timedelta(hours=4),
                              res_due=NOW - timedelta(hours=1))
    _ticket(assignee=w.agent.id, fr_at=NOW - timedelta(hours=4), res_due=NOW + timedelta(hours=5))  # not near yet
    _ticket(assignee=w.agent.id, state="closed", res_due=NOW - timedelta(hours=3))  # done: never overdue
    _ticket(assignee=w.tech.id, res_due=NOW - timedelta(hours=3))  # someone else's

    view = today.today_for(w.agent, NOW)
    assert _keys(view) == ["my_tickets"]
    assert _items(view, "my_tickets") == [
        ("ticket", past_resolution.id, NOW - timedelta(hours=1), True),
        ("ticket", past_response.id, NOW - timedelta(minutes=10), True),
        ("ticket", near_resolution.id, NOW + timedelta(minutes=90), False),
    ]
    section = view.section("my_tickets")
    assert [i.detail for i in section.items] == ["resolution", "first response", "resolution"]
    assert section.items[1].text == f"{past_response.number} · 报修人 · 打印机卡纸"
    assert section.count == 3 and section.overdue == 2
    assert view.count == 3 and not view.show_charts


def test_technician_sees_no_one_elses_items(w):
    mine = _ticket(assignee=w.tech.id, fr_at=NOW, res_due=NOW - timedelta(minutes=5), team=w.team)
    _ticket(assignee=w.other_tech.id, res_due=NOW - timedelta(hours=2), team=w.team)
    _ticket(created_by=w.agent.id, res_due=NOW - timedelta(hours=2), team=w.team)
    closed = _ticket(state="closed", assignee=w.other_tech.id, team=w.team, closed_at=NOW - timedelta(days=1))
    Callback.create(ticket=closed, caller=w.dispatcher.id, caller_kind="dispatcher", due_at=NOW - timedelta(hours=1))
    Complaint.create(number="TS-1", received_at=NOW, source="phone", complainant="甲", description="慢",
                     state="dispatched", measures="已整改", due_at=NOW - timedelta(days=1))

    view = today.today_for(w.tech, NOW)
    assert _keys(view) == ["my_tickets"]
    assert _items(view, "my_tickets") == [("ticket", mine.id, NOW - timedelta(minutes=5), True)]
    assert view.count == 1


# --------------------------------------------------------------------------------- callbacks


def test_dispatcher_sees_own_callbacks_due_today_and_overdue(w):
    tickets = [_ticket(state="closed", assignee=w.tech.id, team=w.team, closed_at=NOW - timedelta(days=2))
               for _ in range(5)]
    overdue = Callback.create(ticket=tickets[0], caller=w.dispatcher.id, caller_kind="dispatcher",
                              due_at=datetime(2026, 11, 17, 18, 0))
    due_today = Callback.create(ticket=tickets[1], caller=w.dispatcher.id, caller_kind="dispatcher",
                                due_at=datetime(2026, 11, 18, 18, 0))
    Callback.create(ticket=tickets[2], caller=w.dispatcher.id, caller_kind="dispatcher",
                    due_at=datetime(2026, 11, 19, 18, 0))  # tomorrow
    Callback.create(ticket=tickets[3], caller=w.dispatcher.id, caller_kind="dispatcher", state="done",
                    due_at=datetime(2026, 11, 17, 18, 0))  # done
    Callback.create(ticket=tickets[4], caller=w.dispatcher2.id, caller_kind="dispatcher",
                    due_at=datetime(2026, 11, 17, 18, 0))  # a colleague's

    view = today.today_for(w.dispatcher, NOW)
    assert _keys(view) == ["my_tickets", "my_callbacks"]  # dispatchers may record tickets
    assert _items(view, "my_callbacks") == [
        ("callback", overdue.id, datetime(2026, 11, 17, 18, 0), True),
        ("callback", due_today.id, datetime(2026, 11, 18, 18, 0), False),
    ]
    assert view.section("my_callbacks").items[0].text.startswith(tickets[0].number)
    assert view.count == 2


# --------------------------------------------------------------------------------- team lead


def test_team_lead_sees_self_evaluation_queue_and_revisit_forms(w):
    first = _ticket(state="closed", assignee=w.tech.id, team=w.team, closed_at=NOW - timedelta(days=2))
    second = _ticket(state="closed", assignee=w.tech.id, team=w.team, closed_at=NOW - timedelta(days=1))
    evaluated = _ticket(state="closed", assignee=w.tech.id, team=w.team, closed_at=NOW - timedelta(days=1))
    Evaluation.create(ticket=evaluated, kind="self", evaluator=w.lead.id, rating="satisfied", points=10)
    _ticket(state="closed", assignee=w.tech.id, team=w.team2, closed_at=NOW - timedelta(days=1))  # other team
    late = RevisitForm.create(number="HF-1", ticket=first, team=w.team, team_lead=w.lead.id,
                              due_date=date(2026, 11, 17))
    soon = RevisitForm.create(number="HF-2", ticket=second, team=w.team, team_lead=w.lead.id,
                              due_date=date(2026, 12, 4))
    RevisitForm.create(number="HF-3", ticket=second, team=w.team, team_lead=w.lead.id, due_date=date(2026, 12, 4),
                       state="submitted")  # done
    RevisitForm.create(number="HF-4", ticket=evaluated, team=w.team2, due_date=date(2026, 11, 1))  # other team

    view = today.today_for(w.lead, NOW)
    assert _keys(view) == ["my_tickets", "self_evaluation", "revisit_forms"]
    assert _items(view, "self_evaluation") == [("ticket", first.id, None, False), ("ticket", second.id, None, False)]
    assert _items(view, "revisit_forms") == [("revisit", late.id, date(2026, 11, 17), True),
                                             ("revisit", soon.id, date(2026, 12, 4), False)]
    assert view.count == 4
    other = today.today_for(w.lead2, NOW)
    assert _items(other, "revisit_forms") == [("revisit", RevisitForm.get(RevisitForm.number == "HF-4").id,
                                               date(2026, 11, 1), True)]


# --------------------------------------------------------------------------------- manager


def test_manager_sees_verification_approval_and_overdue_steps(w):
    unit = CustomerUnit.create(name="财务处")
    to_verify = Complaint.create(number="TS-1", received_at=NOW - timedelta(days=3), source="phone",
                                 complainant="张处长", unit=unit, description="维修太慢", state="dispatched",
                                 department="运维部", measures="增加值班人员", due_at=NOW + timedelta(days=2))
    Complaint.create(number="TS-2", received_at=NOW - timedelta(days=1), source="phone", complainant="李",
                     description="态度", state="dispatched", measures="  ", due_at=NOW + timedelta(days=2))
    overdue = Complaint.create(number="TS-3", received_at=NOW - timedelta(days=9), source="email",
                               complainant="王", description="未解决", state="accepted",
                               due_at=NOW - timedelta(days=1))
    Complaint.create(number="TS-4", received_at=NOW - timedelta(days=9), source="email", complainant="赵",
                     description="已关闭", state="closed", due_at=NOW - timedelta(days=1))
    submitted = Report.create(number="BG-1", kind="monthly-service", period="2026-10", title="10月服务报告",
                              state="submitted", submitted_at=NOW - timedelta(days=1), drafter=w.agent.id)
    Report.create(number="BG-2", kind="monthly-service", period="2026-09", title="9月服务报告", state="approved")
    project = ImprovementProject.create(number="GS-2026-001", problem="响应慢", state="in_progress")
    late_step = ImprovementStep.create(project=project, seq=1, description="培训", owner=w.lead.id,
                                       due_date=date(2026, 11, 10))
    ImprovementStep.create(project=project, seq=2, description="已完成", due_date=date(2026, 11, 1),
                           done_at=NOW - timedelta(days=20))
    ImprovementStep.create(project=project, seq=3, description="下周", due_date=date(2026, 11, 25))
    confirmed = ImprovementProject.create(number="GS-2026-002", problem="旧", state="confirmed")
    ImprovementStep.create(project=confirmed, seq=1, description="遗留", due_date=date(2026, 10, 1))
    assert late_step.id

    view = today.today_for(w.manager, NOW)
    assert _keys(view) == ["my_tickets", "my_callbacks", "complaints_to_verify", "complaints_overdue",
                           "reports_to_review", "reports_to_approve", "improvement_steps_overdue"]
    assert _items(view, "complaints_to_verify") == [("complaint", to_verify.id, NOW + timedelta(days=2), False)]
    assert view.section("complaints_to_verify").items[0].text == "TS-1 · 张处长 · 财务处"
    assert _items(view, "complaints_overdue") == [("complaint", overdue.id, NOW - timedelta(days=1), True)]
    assert _items(view, "reports_to_review") == [("report", submitted.id, None, False)]
    assert view.section("reports_to_review").items[0].text == "BG-1 · 10月服务报告 · V1"
    assert _items(view, "reports_to_approve") == []  # nothing reviewed yet
    assert _items(view, "improvement_steps_overdue") == [("improvement", project.id, date(2026, 11, 10), True)]
    assert view.section("improvement_steps_overdue").items[0].detail == "一班工长"
    assert view.count == 4 and view.show_charts


# --------------------------------------------------------------------------------- quality


def test_quality_sees_collecting_plans_with_response_rate_and_reminders(w):
    unit = CustomerUnit.create(name="教务处")
    template = SurveyTemplate.select().first() or SurveyTemplate.create(code="annual", kind="annual",
                                                                        name_zh="年度", name_en="Annual")
    plan = SurveyPlan.create(number="DC-2026-01", template=template, title="2026年度满意度调查", period="2026",
                             state="collecting", collect_by=date(2026, 11, 30))
    draft = SurveyPlan.create(number="DC-2026-02", template=template, title="草稿", period="2026-Q4", state="draft")
    returned = [SurveyRecipient.create(plan=plan, name=f"返回{i}", token=f"r{i}", unit=unit,
                                       sent_at=NOW - timedelta(days=10), returned_at=NOW - timedelta(days=2))
                for i in range(3)]
    waiting = SurveyRecipient.create(plan=plan, name="未返回甲", token="w1", unit=unit,
                                     sent_at=NOW - timedelta(days=10))
    reminded = SurveyRecipient.create(plan=plan, name="未返回乙", token="w2", sent_at=NOW - timedelta(days=10),
                                      reminded_at=NOW - timedelta(days=1))
    SurveyRecipient.create(plan=draft, name="草稿人", token="d1")
    assert len(returned) == 3

    view = today.today_for(w.quality, NOW)
    assert _keys(view) == ["reports_to_review", "survey_plans", "survey_reminders"]
    assert _items(view, "survey_plans") == [("survey_plan", plan.id, date(2026, 11, 30), False)]
    line = view.section("survey_plans").items[0]
    assert line.text == "DC-2026-01 · 2026年度满意度调查"
    assert line.detail == "3 of 5 returned (60 %)"
    assert [(i.text, i.kind, i.record_id, i.detail) for i in view.section("survey_reminders").items] == [
        ("未返回甲 · 教务处", "survey_plan", plan.id, "DC-2026-01 · not reminded yet"),
        (f"{reminded.name}", "survey_plan", plan.id, "DC-2026-01 · reminded 2026-11-17"),
    ]
    assert waiting.id
    assert [p.response_rate for p in today.plan_progress()] == [60.0]
    assert view.count == 3


def test_admin_only_has_the_mail_section(w, make_user):
    boss = make_user(Role.ADMIN)
    view = today.today_for(boss, NOW)
    assert _keys(view) == [today.MAIL_PROBLEMS] and view.count == 0


def test_mail_not_delivered_failed_with_the_answer_and_no_address_for_a_week(db, make_user):
    from desk_app.models import OutboxMessage
    from desk_app.services import outbox

    def message(status: str, created: datetime, **more) -> int:
        return OutboxMessage.create(kind="complaint.deadline", recipient=more.pop("to", "li@example.cn"),
                                    recipient_name="李雷", language="zh_CN", subject="投诉到期", body="…",
                                    message_id=f"<{next(_seq)}@x>", status=status, created_at=created,
                                    **more).id

    failed = message(outbox.FAILED, NOW - timedelta(days=30), last_code=550, last_answer="5.1.1 no such user")
    missing = message(outbox.NO_ADDRESS, NOW - timedelta(days=2), to="", last_answer="李雷 has no e-mail address.")
    message(outbox.NO_ADDRESS, NOW - timedelta(days=8), to="")  # older than a week
    message(outbox.SENT, NOW - timedelta(days=1))
    boss, tech = make_user(Role.ADMIN), make_user(Role.TECHNICIAN)
    section = today.today_for(boss, NOW).section(today.MAIL_PROBLEMS)
    assert [(i.kind, i.record_id) for i in section.items] == [("outbox", missing), ("outbox", failed)]
    assert section.items[1].detail == "550 5.1.1 no such user" and "李雷 <li@example.cn>" in section.items[1].text
    assert today.today_for(tech, NOW).section(today.MAIL_PROBLEMS) is None


def test_items_sort_overdue_first_then_by_due():
    a = TodayItem("a", "ticket", 1, NOW + timedelta(hours=1), False)
    b = TodayItem("b", "ticket", 2, NOW - timedelta(hours=1), True)
    c = TodayItem("c", "ticket", 3, None, False)
    d = TodayItem("d", "revisit", 4, date(2026, 11, 18), False)
    assert [i.text for i in today._sorted([c, a, b, d])] == ["b", "d", "a", "c"]


# --------------------------------------------------------------------------------- charts


def test_weekly_callback_satisfaction(w):
    closed = [_ticket(state="closed", assignee=w.tech.id, team=w.team, closed_at=NOW - timedelta(days=20))
              for _ in range(3)]
    Evaluation.create(ticket=closed[0], kind="dispatcher", rating="satisfied", points=10,
                      evaluated_at=datetime(2026, 11, 16, 9, 0))  # this week (Monday 16th)
    Evaluation.create(ticket=closed[1], kind="manager", rating="dissatisfied", points=6,
                      evaluated_at=datetime(2026, 11, 17, 9, 0))
    Evaluation.create(ticket=closed[2], kind="dispatcher", rating="basic", points=8,
                      evaluated_at=datetime(2026, 11, 10, 9, 0))  # last week
    Evaluation.create(ticket=closed[2], kind="self", rating="dissatisfied", points=6,
                      evaluated_at=datetime(2026, 11, 10, 9, 0))  # not a callback
    weeks = today.weekly_callback_satisfaction(12, NOW)
    assert len(weeks) == 12
    assert weeks[-1].week_start == date(2026, 11, 16) and weeks[0].week_start == date(2026, 8, 31)
    assert [(x.week_start, x.rate) for x in weeks[-2:]] == [(date(2026, 11, 9), 100.0), (date(2026, 11, 16), 50.0)]
    assert all(x.rate is None for x in weeks[:-2])


def test_complaints_per_month(db):
    for i, when in enumerate([datetime(2026, 11, 2), datetime(2026, 11, 9), datetime(2026, 9, 30, 23, 0),
                              datetime(2025, 12, 1), datetime(2025, 11, 30)]):
        Complaint.create(number=f"TS-{i}", received_at=when, source="phone", complainant="甲", description="x")
    months = today.complaints_per_month(12, NOW)
    assert months[0] == ("2025-12", 1) and months[-1] == ("2026-11", 2)
    assert len(months) == 12 and dict(months)["2026-09"] == 1 and dict(months)["2026-10"] == 0
    assert sum(n for _, n in months) == 4


def test_month_standings_top(w):
    tech2 = User.get_by_id(w.other_tech.id)
    for tech, ratings in ((w.tech.id, ["satisfied", "satisfied"]), (tech2.id, ["dissatisfied"])):
        for rating in ratings:
            ticket = _ticket(state="closed", assignee=tech, team=w.team, closed_at=NOW - timedelta(days=1))
            Evaluation.create(ticket=ticket, kind="self", rating=rating, points={"satisfied": 10}.get(rating, 6))
    rows = today.month_standings_top(w.manager, 5, NOW)
    assert [(r.name, r.score) for r in rows] == [("维修工甲", 10.3), ("维修工乙", 6.15)]
    assert [r.name for r in today.month_standings_top(w.tech, 5, NOW)] == ["维修工甲"]  # R2: own row only
    assert today.month_standings_top(w.manager, 1, NOW)[0].name == "维修工甲"
