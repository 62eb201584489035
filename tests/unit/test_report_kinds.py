"""Every periodic report kind from hand-made data, parsed back: title, key figures equal to what the
services compute (in the figures dict AND in the services' own results), Chinese text, embedded font,
an empty period still valid, charts present. `make_data` is shared with the other report tests."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader

from desk_app.errors import ValidationError
from desk_app.models import (
    Callback,
    CustomerUnit,
    Evaluation,
    RevisitForm,
    SurveyAnswer,
    SurveyPlan,
    SurveyQuestion,
    SurveyRecipient,
    SurveyResponse,
    SurveyTemplate,
    Team,
    Ticket,
    User,
)
from desk_app.services import complaints, improvement, indicators, kpi, report_periods, report_rows, reports
from desk_app.services.actor import Actor
from desk_app.services.complaints import ComplaintInput

POINTS = {"satisfied": 10, "basic": 8, "dissatisfied": 6}
POINTS5 = {"very_satisfied": 10, "satisfied": 8, "basic": 6, "dissatisfied": 4, "very_dissatisfied": 2}
MARKUP = "<b>A&B</b>\n第二行"


@dataclass
class Data:
    manager: Actor
    teams: list[Team] = field(default_factory=list)
    techs: list[User] = field(default_factory=list)
    lead: Actor | None = None
    units: list[CustomerUnit] = field(default_factory=list)
    tickets: list[Ticket] = field(default_factory=list)
    complaint_id: int = 0
    project_id: int = 0
    revisit_id: int = 0


def make_data(admin: Actor, make_user, month: str = "2026-10", n_tickets: int = 24, seed: int = 3) -> Data:
    """A small desk with one month of tickets, evaluations, callbacks, a complaint with markup in its
    description, an improvement project, a revisit form and survey answers for 2026-Q3 and 2026."""
    rng = random.Random(seed)
    data = Data(admin)
    lead = make_user("team_lead", team="网络班", name="赵工长")
    data.lead = lead
    dispatcher = make_user("dispatcher", name="钱调度")
    data.teams = [Team.get(Team.name == "网络班"), Team.get_or_create(name="终端班")[0]]
    for i, name in enumerate(("孙师傅", "李师傅", "周师傅", "吴师傅")):
        make_user("technician", team=data.teams[i % 2].name, name=name)
        data.techs.append(User.get(User.full_name == name))
    data.units = [CustomerUnit.create(name="财务处"), CustomerUnit.create(name="人事处", importance="core")]
    year, mon = int(month[:4]), int(month[5:])
    channels = ["hotline", "hotline", "email", "walk_in", "self_service"]
    categories = ["网络故障", "打印机", "电脑故障", "账号权限"]
    for i in range(n_tickets):
        reported = datetime(year, mon, 1 + i % 27, 9 + i % 8, 5 * (i % 10))
        tech = data.techs[i % len(data.techs)]
        priority = ["P1", "P2", "P3", "P4"][i % 4]
        due_resp = reported + timedelta(hours=1)
        due_res = reported + timedelta(hours={"P1": 4, "P2": 8, "P3": 24, "P4": 72}[priority])
        first = reported + timedelta(minutes=20 + 25 * (i % 4))  # some later than 1 hour
        closed = reported + timedelta(hours=2 + 7 * (i % 5)) if i % 6 else None
        ticket = Ticket.create(
            number=f"GD-{reported:%Y%m%d}-{i + 1:04d}", channel=channels[i % 5], reported_at=reported,
            reporter_name=f"报修人{i}", reporter_phone="13800000000", reporter_location=f"行政楼{i % 5 + 1}层",
            unit=data.units[i % 2], category=categories[i % 4], description=f"故障描述 {i}", priority=priority,
            state="closed" if closed else "in_progress", assignee=tech, team=tech.team, first_response_due=due_resp,
            resolution_due=due_res, first_response_at=first, resolved_at=closed, closed_at=closed,
            cause="原因", resolution="处理方法")
        data.tickets.append(ticket)
        if not closed:
            continue
        rating = rng.choice(["satisfied", "satisfied", "basic", "dissatisfied"])
        Evaluation.create(ticket=ticket, kind="self", evaluator=lead.id, rating=rating, points=POINTS[rating],
                          evaluated_at=closed + timedelta(hours=1))
        cb_rating = rng.choice(["satisfied", "satisfied", "satisfied", "basic", "dissatisfied"])
        kind = "manager" if i % 10 == 0 else "dispatcher"
        done_at = closed + timedelta(days=1)
        cb = Callback.create(ticket=ticket, caller=dispatcher.id if kind == "dispatcher" else admin.id,
                             caller_kind=kind, state="done", due_at=closed + timedelta(days=2),
                             contacted_within_hour=i % 3 != 0, attitude="satisfied", device_working=i % 4 != 0,
                             rating=cb_rating, comment="", completed_at=done_at)
        Evaluation.create(ticket=ticket, kind=kind, evaluator=cb.caller_id, rating=cb_rating,
                          points=POINTS[cb_rating], callback=cb, evaluated_at=done_at)
    # one unreachable callback
    open_ticket = data.tickets[0]
    Callback.create(ticket=open_ticket, caller=dispatcher.id, caller_kind="dispatcher", state="unreachable",
                    due_at=datetime(year, mon, 20, 17), attempts=3)
    # a complaint with markup characters in its description
    detail = complaints.register(admin, ComplaintInput(
        received_at=datetime(year, mon, 12, 10, 30), source="phone", complainant="王主任", description=MARKUP,
        complainant_title="科员", unit_id=data.units[0].id, ticket_id=data.tickets[1].id, category="服务态度"))
    data.complaint_id = detail.row.id
    project = improvement.create_project(admin, "网络故障响应慢 <需改进>", "complaint", "增加巡检",
                                         complaint_id=detail.row.id)
    improvement.save_step(admin, project.id, "制定巡检计划", date(year, mon, 25), owner_name="赵工长")
    data.project_id = project.id
    ticket = data.tickets[2]
    form = RevisitForm.create(
        number=f"HF-{year}{mon:02d}15-001", ticket=ticket, team=ticket.team, team_lead=lead.id,
        reporter_name=ticket.reporter_name, reporter_location=ticket.reporter_location,
        reporter_phone=ticket.reporter_phone, reported_at=ticket.reported_at, callback_person="钱调度",
        callback_at=datetime(year, mon, 15, 14, 0), customer_problems="维修人员到场太晚 & <态度>一般",
        dissatisfaction_types="response_speed,other", dissatisfaction_other="未提前电话联系",
        revisit_notes="已向客户致歉并说明原因。", corrective_measures="接单后十分钟内电话联系客户。",
        due_date=date(year, mon + 1 if mon < 12 else 1, 4))
    data.revisit_id = form.id
    _surveys(data, rng)
    return data


def _surveys(data: Data, rng: random.Random) -> None:
    for code, period, n in (("company", "2026-Q3", 6), ("annual", "2026", 8)):
        template = SurveyTemplate.get((SurveyTemplate.code == code) & (SurveyTemplate.is_current == True))  # noqa: E712
        plan = SurveyPlan.create(number=f"JH-{period}", template=template, title=f"{period} 满意度调查", period=period,
                                 planner=data.manager.id, state="collecting")
        questions = list(template.questions.order_by(SurveyQuestion.seq))
        for i in range(n + 2):
            unit = data.units[i % 2]
            returned = i < n
            rec = SurveyRecipient.create(plan=plan, name=f"客户{i}", unit=unit, token=f"{code}-{i}",
                                         sent_at=datetime(2026, 7, 1), returned_at=datetime(2026, 7, 9) if returned
                                         else None)
            if not returned:
                continue
            resp = SurveyResponse.create(plan=plan, recipient=rec, unit=unit, received_at=datetime(2026, 7, 9))
            for q in questions:
                if q.answer_type == "rating5":
                    value = rng.choice(["very_satisfied", "satisfied", "satisfied", "basic", "dissatisfied"])
                    SurveyAnswer.create(response=resp, question=q, value=value, points=POINTS5[value])
                elif q.answer_type == "text" and i % 2 == 0:
                    SurveyAnswer.create(response=resp, question=q, value=f"希望响应更快 <{i}> & 谢谢")
                elif q.answer_type == "yesno":
                    SurveyAnswer.create(response=resp, question=q, value="yes")


# ---------------------------------------------------------------------------------------------



@pytest.fixture
def data(db, admin, make_user) -> Data:
    return make_data(admin, make_user)


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(pdf)).pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def embedded_fonts(pdf: bytes) -> list[str]:
    names = []
    for page in PdfReader(BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                names.append(str(font["/BaseFont"]))
    return names


def test_monthly_service_figures_match_the_services(data, admin, cjk):
    row = reports.generate(admin, "monthly-service", "2026-10", "zh_CN")
    f = report_rows.get_figures(row.id)
    start, end = datetime(2026, 10, 1), datetime(2026, 11, 1)
    assert f["tickets"]["reported"] == Ticket.select().where((Ticket.reported_at >= start)
                                                             & (Ticket.reported_at < end)).count() == 24
    assert f["tickets"]["closed"] == 20
    rate = indicators.callback_satisfaction_rate(start, end)
    assert f["callbacks"]["satisfaction_rate"] == round(rate, 1)
    assert f["callbacks"]["done"] == 20
    assert f["callbacks"]["unreachable"] == 1
    analysis = complaints.analysis(date(2026, 10, 1), date(2026, 10, 31))
    assert f["complaints"]["total"] == analysis.total == 1
    assert f["improvement"]["open"] == len(improvement.list_projects()) == 1
    on_time = sum(1 for tk in data.tickets if tk.first_response_at <= tk.first_response_due)
    assert f["sla"]["response"]["on_time"] == on_time
    assert f["sla"]["response"]["on_time_rate"] == round(100 * on_time / 24, 1)

    pdf = report_rows.get_pdf(row.id)
    text = pdf_text(pdf)
    flat = squash(text)
    assert "服务报告" in flat and "2026年10月" in flat and "FW-2026-10" in flat
    assert f"{f['sla']['response']['on_time_rate']:.1f}%" in flat
    assert f"{f['callbacks']['satisfaction_rate']:.1f}%" in flat
    assert "草稿" in flat  # draft watermark
    assert squash(MARKUP.replace("\n", "")) in flat or "<b>A&B</b>" not in flat  # complaint list shows no desc
    assert embedded_fonts(pdf)


def test_monthly_evaluation_matches_kpi(data, admin, cjk):
    row = reports.generate(admin, "monthly-evaluation", "2026-10", "zh_CN")
    f = report_rows.get_figures(row.id)
    standings = kpi.monthly_standings("2026-10")
    assert f["repair_star"] == standings.repair_star and f["winning_team"] == standings.winning_team
    assert [(r["name"], r["score"]) for r in f["technicians"]] == [(r.name, r.score) for r in standings.technicians]
    assert [(r["name"], r["points"]) for r in f["teams"]] == [(r.name, r.points) for r in standings.teams]
    flat = squash(pdf_text(report_rows.get_pdf(row.id)))
    assert "月度考评" in flat
    assert standings.repair_star in flat and standings.winning_team in flat
    for r in standings.technicians:
        assert f"{r.score:.2f}" in flat


@pytest.mark.parametrize(("kind", "period", "title"), [
    ("quarterly-satisfaction", "2026-Q3", "客户满意度调查报告"),
    ("annual-survey", "2026", "用户满意度调查分析报告"),
])
def test_survey_reports(data, admin, cjk, kind, period, title):
    row = reports.generate(admin, kind, period, "zh_CN")
    f = report_rows.get_figures(row.id)
    plan = SurveyPlan.get(SurveyPlan.period == period)
    answers = list(SurveyAnswer.select().join(SurveyQuestion).switch(SurveyAnswer).join(SurveyResponse)
                   .where((SurveyResponse.plan == plan) & SurveyQuestion.answer_type.in_(["rating3", "rating5"])))
    satisfied = sum(a.value in ("very_satisfied", "satisfied", "basic") for a in answers)
    assert f["rating_answers"] == len(answers)
    assert f["satisfaction_rate"] == round(100 * satisfied / len(answers), 2)
    recipients = plan.recipients.count()
    assert f["response_rate"] == round(100 * plan.responses.count() / recipients, 2)
    # the same as the goal indicator service computes for a unit
    unit = data.units[0]
    start = datetime(2026, 7, 1)
    unit_rate = indicators.unit_satisfaction_rate(unit.id, start, start + timedelta(days=10))
    others = SurveyPlan.select().where(SurveyPlan.period != period).count()
    if not others:
        assert next(u for u in f["units"] if u["unit"] == unit.name)["satisfaction_rate"] == round(unit_rate, 2)
    flat = squash(pdf_text(report_rows.get_pdf(row.id)))
    assert title in flat
    assert f"{f['satisfaction_rate']:.1f}%" in flat and f"{f['response_rate']:.1f}%" in flat
    assert "希望响应更快<0>&谢谢" in flat  # comments print literally
    assert "服务态度" in flat  # a dimension


@pytest.mark.parametrize(("kind", "period"), [
    ("monthly-service", "2025-01"), ("monthly-evaluation", "2025-01"),
    ("quarterly-satisfaction", "2025-Q1"), ("annual-survey", "2024"),
])
def test_an_empty_period_gives_a_valid_report(db, admin, cjk, kind, period):
    row = reports.generate(admin, kind, period, "zh_CN")
    pdf = report_rows.get_pdf(row.id)
    assert pdf.startswith(b"%PDF")
    assert "本期无数据" in squash(pdf_text(pdf)) or "没有" in pdf_text(pdf)


def test_english_report(data, admin, cjk):
    row = reports.generate(admin, "monthly-service", "2026-10", "en")
    text = pdf_text(report_rows.get_pdf(row.id))
    assert "Service report" in text and "October 2026" in text and "Ticket volume" in text


@pytest.mark.parametrize(("kind", "period"), [
    ("monthly-service", "2026-13"), ("monthly-service", "2026-Q3"), ("quarterly-satisfaction", "2026-10"),
    ("annual-survey", "26"), ("monthly-evaluation", "2026"), ("quarterly-satisfaction", "2026-Q5"),
])
def test_malformed_or_wrong_shaped_period_is_refused(db, admin, kind, period):
    with pytest.raises(ValidationError):
        reports.generate(admin, kind, period)


def test_period_parsing():
    p = report_periods.parse_period("quarterly-satisfaction", "2026-q3")
    assert (p.text, p.start, p.end) == ("2026-Q3", date(2026, 7, 1), date(2026, 10, 1))
    p = report_periods.parse_period("monthly-service", "2026-12")
    assert p.end == date(2027, 1, 1)
    assert report_periods.parse_period("annual-survey", "2026").end == date(2027, 1, 1)
