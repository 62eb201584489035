"""Demo step: satisfaction surveys (§7) — a finished quarterly company survey and this year's annual one.

- The company survey (公司满意度调查问卷) of the last complete quarter before `until`: planned by
  quality control, approved by a manager, sent at the quarter's end to contacts of the important
  and core units, most returned within three weeks with plausible answers (a few dissatisfied,
  one very dissatisfied that opened a complaint), Chinese comments, findings classified by the
  desk and mostly reviewed; closed and analysed when its collection ended before `until`.
- The annual survey (IT服务用户满意度调查表) of the `until` year: forms out in January, answers
  returned in January and February (those before `until`).

Rows are inserted directly (no workbook files); everything is drawn from `ctx.rng` and dated
from `until`, so the same seed gives the same surveys.
"""

import string
from datetime import date, datetime, time, timedelta

from desk_app.demo.context import ContactInfo, DemoContext, StaffInfo
from desk_app.io.survey_workbook import layout_checksum
from desk_app.models import (
    Complaint,
    ComplaintEvent,
    Finding,
    SurveyAnswer,
    SurveyPlan,
    SurveyQuestion,
    SurveyRecipient,
    SurveyResponse,
    SurveyTemplate,
)
from desk_app.models.enums import AnswerType, ComplaintSource, ComplaintState, PlanState, Role
from desk_app.services.numbering import next_number
from desk_app.services.survey_collection import DIMENSION_TYPE
from desk_app.services.survey_plans import dimension_label, suggested_timeline

RATINGS5 = ("very_satisfied", "satisfied", "basic", "dissatisfied")
WEIGHTS5 = (30, 46, 18, 6)
RATING5_ZH = {"very_satisfied": "非常满意", "satisfied": "满意", "basic": "基本满意", "dissatisfied": "不满意",
              "very_dissatisfied": "非常不满意"}

GOOD_COMMENTS = (
    "总体服务不错，响应比较及时，希望继续保持。",
    "工程师态度很好，讲解耐心，感谢！",
    "报修电话很快就能接通，处理效率高。",
    "驻场人员认真负责，机房巡检到位。",
    "希望能多组织一些电脑使用方面的培训。",
    "打印机耗材更换能否再快一些？其他都满意。",
    "建议节假日也安排值班人员，方便紧急报修。",
)
BAD_COMMENTS = (
    "网络故障反复出现，修了几次还是不稳定，希望彻底解决。",
    "上门时间比约定晚了半天，影响了门诊工作。",
    "报修后很久没有人回复进度，沟通不够。",
    "工程师对业务系统不熟悉，问题拖了两天才解决。",
)
VERY_BAD_COMMENT = "服务器故障处理拖延，导致业务系统中断半天，对此非常不满意，请尽快给出整改方案。"
ANALYSIS_TEXT = ("本季度共发放问卷{sent}份，回收{returned}份。客户对服务态度和响应及时性评价较高；"
                 "不满意意见主要集中在网络稳定性和故障处理进度的沟通上。一条“非常不满意”已按投诉流程处理，"
                 "相关问题已纳入服务改进跟踪。")


def _at(day: date, rng, start_hour: int = 9, end_hour: int = 17) -> datetime:
    return datetime.combine(day, time(rng.randrange(start_hour, end_hour), rng.randrange(60)))


def _token(rng) -> str:
    alphabet = string.ascii_letters + string.digits + "-_"
    return "".join(rng.choice(alphabet) for _ in range(32))


def _last_complete_quarter(until: date) -> tuple[str, date]:
    """('2026-Q3', 2026-09-30) for any `until` in the fourth quarter of 2026."""
    quarter = (until.month - 1) // 3  # the current quarter, 0-based; the previous one is complete
    year = until.year
    if quarter == 0:
        year, quarter = year - 1, 4
    return f"{year}-Q{quarter}", suggested_timeline("company", f"{year}-Q{quarter}").distribute_by


def _staff(ctx: DemoContext, role: str, fallback: str = Role.MANAGER.value) -> StaffInfo:
    people = ctx.users.get(role) or ctx.users.get(fallback) or ctx.users["admin"]
    return people[0]


def create_surveys(ctx: DemoContext) -> None:
    quality = _staff(ctx, Role.QUALITY.value)
    managers = ctx.users.get(Role.MANAGER.value) or ctx.users["admin"]
    approver = managers[1] if len(managers) > 1 else managers[0]
    agents = ctx.users.get(Role.AGENT.value) or [quality]

    period, quarter_end = _last_complete_quarter(ctx.until)
    company = SurveyTemplate.get((SurveyTemplate.code == "company") & (SurveyTemplate.is_current == True))  # noqa: E712
    important = [u for u in ctx.units if u.importance in ("important", "core")]
    _survey(ctx, company, period, f"{period.replace('-Q', '年第')}季度公司满意度调查", important, (3, 5), quality,
            approver, agents, quarter_end, quarter_end + timedelta(days=21), very_dissatisfied=True,
            importance="important,core")
    ctx.advance(10)

    year = ctx.until.year
    annual = SurveyTemplate.get((SurveyTemplate.code == "annual") & (SurveyTemplate.is_current == True))  # noqa: E712
    timeline = suggested_timeline("annual", str(year))
    sent = date(year, 1, 20)
    if ctx.until >= sent:
        _survey(ctx, annual, str(year), f"{year}年度IT服务用户满意度调查", ctx.units, (2, 3), quality, approver,
                agents, sent, timeline.collect_by, very_dissatisfied=False, importance="normal,important,core",
                planning_starts=timeline.planning_starts, distribute_by=timeline.distribute_by)
    ctx.advance(10)


def _survey(ctx: DemoContext, template: SurveyTemplate, period: str, title: str, units, per_unit: tuple[int, int],
            quality: StaffInfo, approver: StaffInfo, agents: list[StaffInfo], sent_on: date, collect_by: date, *,
            very_dissatisfied: bool, importance: str, planning_starts: date | None = None,
            distribute_by: date | None = None) -> None:
    rng = ctx.rng
    timeline = suggested_timeline(template.kind, period)
    planning_starts = planning_starts or timeline.planning_starts
    distribute_by = distribute_by or sent_on
    today = ctx.now
    closes = today.date() > collect_by
    state = PlanState.ANALYSED.value if closes else PlanState.COLLECTING.value
    approved_at = _at(max(planning_starts, sent_on - timedelta(days=5)), rng)
    created = _at(planning_starts, rng)
    plan = SurveyPlan.create(
        number=next_number(SurveyPlan.number, f"DC-{period[:4]}-", 2), template=template.id, title=title,
        period=period, target_importance=importance, anonymous=False, ask_unit=True, planner=quality.id,
        approver=approver.id, approved_at=approved_at, state=state, planning_starts=planning_starts,
        distribute_by=distribute_by, collect_by=collect_by, created_at=created, updated_at=created,
        updated_by=quality.id, version=1)
    questions = list(SurveyQuestion.select().where(SurveyQuestion.template == template.id)
                     .order_by(SurveyQuestion.seq))
    checksum = layout_checksum(template.id, template.template_version, [
        (q.id, q.seq, q.dimension, q.text_zh, q.text_en, q.answer_type, q.required) for q in questions])
    sent_at = _at(sent_on, rng)
    last_day = min(collect_by, today.date())

    by_unit: dict[int, list[ContactInfo]] = {}
    for contact in ctx.contacts:
        by_unit.setdefault(contact.unit_id, []).append(contact)
    chosen: list[ContactInfo] = []
    for unit in units:
        people = by_unit.get(unit.id, [])
        chosen += rng.sample(people, min(len(people), rng.randint(*per_unit)))

    complaint_done = not very_dissatisfied
    returned = 0
    for contact in chosen:
        returns = rng.random() < 0.85 and last_day > sent_on
        returned_at = None
        if returns:
            day = sent_on + timedelta(days=rng.randint(1, max(1, (last_day - sent_on).days)))
            returned_at = _at(day, rng)
            if returned_at > today:
                returned_at = today - timedelta(hours=1)
        reminded_at = None
        if (returned_at is None or returned_at.date() > sent_on + timedelta(days=10)) and rng.random() < 0.6:
            reminded_at = _at(min(sent_on + timedelta(days=10), last_day), rng)
            if returned_at is not None and reminded_at >= returned_at:
                reminded_at = None
        recipient = SurveyRecipient.create(
            plan=plan.id, contact=contact.id, name=contact.name, unit=contact.unit_id, email="",
            token=_token(rng), layout_checksum=checksum, file_name=f"{plan.number}_{contact.name}.xlsx",
            sent_at=sent_at, returned_at=returned_at, reminded_at=reminded_at)
        if returned_at is None:
            continue
        returned += 1
        make_very_bad = not complaint_done and returned >= 3
        _response(ctx, plan, recipient, contact, questions, returned_at, quality, agents, make_very_bad)
        complaint_done = complaint_done or make_very_bad
    if closes:
        SurveyPlan.update(analysis_text=ANALYSIS_TEXT.format(sent=len(chosen), returned=returned),
                          updated_at=datetime.combine(collect_by + timedelta(days=3), time(16, 0)),
                          version=3).where(SurveyPlan.id == plan.id).execute()


def _response(ctx: DemoContext, plan: SurveyPlan, recipient: SurveyRecipient, contact: ContactInfo,
              questions: list[SurveyQuestion], at: datetime, quality: StaffInfo, agents: list[StaffInfo],
              very_bad: bool) -> None:
    rng = ctx.rng
    points5 = dict(ctx.settings["rating.points5"])
    points3 = dict(ctx.settings["rating.points3"])
    imported = _at(at.date(), rng, 9, 17)
    imported = max(imported, at)
    response = SurveyResponse.create(plan=plan.id, recipient=recipient.id, unit=contact.unit_id, received_at=at,
                                     imported_by=rng.choice(agents).id, source_file=recipient.file_name)
    mood = rng.random()
    weights = WEIGHTS5 if mood > 0.15 else (10, 35, 35, 20)
    rating_questions = [q for q in questions if q.answer_type in (AnswerType.RATING5, AnswerType.RATING3)]
    bad_question = rng.choice([q for q in rating_questions if q.dimension in DIMENSION_TYPE] or rating_questions) \
        if very_bad else None
    answers, findings, negative = [], [], []
    for q in questions:
        tag = f"[{dimension_label(q.dimension, 'zh_CN')}] {q.seq}. {q.text_zh}"
        if q.answer_type == AnswerType.RATING5 or q.answer_type == AnswerType.RATING3:
            value = "very_dissatisfied" if q is bad_question else rng.choices(RATINGS5, weights)[0]
            if q.answer_type == AnswerType.RATING3 and value == "very_satisfied":
                value = "satisfied"
            points = (points5 if q.answer_type == AnswerType.RATING5 else points3).get(value)
            answers.append({"response": response.id, "question": q.id, "value": value, "points": points})
            if value in ("dissatisfied", "very_dissatisfied"):
                negative.append(q)
                suggested = DIMENSION_TYPE.get(q.dimension, "")
                findings.append((f"{tag}：{RATING5_ZH[value]}", suggested or "other", suggested,
                                 "serious" if value == "very_dissatisfied" else "general"))
        elif q.answer_type == AnswerType.YESNO:
            value = "no" if (negative and rng.random() < 0.3) else "yes"
            answers.append({"response": response.id, "question": q.id, "value": value, "points": None})
        else:
            if very_bad:
                comment = VERY_BAD_COMMENT
            elif negative:
                comment = rng.choice(BAD_COMMENTS)
            elif rng.random() < 0.35:
                comment = rng.choice(GOOD_COMMENTS)
            else:
                continue
            answers.append({"response": response.id, "question": q.id, "value": comment, "points": None})
            findings.append((f"{tag}：{comment}", "resolution" if negative else "other", "",
                             "serious" if very_bad else "general"))
    SurveyAnswer.insert_many(answers).execute()
    for text, problem_type, suggested, level in findings:
        classified = rng.random() < 0.85 or very_bad
        created = imported
        stamp = created + timedelta(hours=rng.randint(1, 48)) if classified else created
        reviewed = classified and rng.random() < 0.7 and stamp + timedelta(days=1) < ctx.now
        Finding.create(
            response=response.id, text=text, level=level if classified else "",
            problem_type=problem_type if classified else suggested,
            classified_by=rng.choice(agents).id if classified else None,
            reviewed_by=quality.id if reviewed else None,
            reviewed_at=stamp + timedelta(days=1) if reviewed else None,
            created_at=created, updated_at=stamp + timedelta(days=1) if reviewed else stamp,
            version=1 + int(classified) + int(reviewed))
    if very_bad:
        _complaint(ctx, plan, response, contact, bad_question, imported, agents)


def _complaint(ctx: DemoContext, plan: SurveyPlan, response: SurveyResponse, contact: ContactInfo,
               question: SurveyQuestion, at: datetime, agents: list[StaffInfo]) -> None:
    """The complaint a very dissatisfied answer opens (R20, R31), accepted and judged valid since."""
    rng = ctx.rng
    days = int(ctx.settings.get("complaint.resolution_days", 5))
    description = (f"满意度调查 {plan.number}（{plan.period}）中以下问题评价为“非常不满意”：\n"
                   f"{question.seq}. {question.text_zh}\n意见和建议：{VERY_BAD_COMMENT}")
    agent = rng.choice(agents)
    accepted = min(at + timedelta(hours=3), ctx.now)
    valid = min(at + timedelta(days=1), ctx.now)
    state = ComplaintState.FORM.value if valid > accepted else ComplaintState.RECORDED.value
    complaint = Complaint.create(
        number=next_number(Complaint.number, f"TS-{at:%Y%m%d}-", 3), received_at=at, source=ComplaintSource.SURVEY,
        complainant=contact.name, complainant_title=contact.title, is_vip=contact.is_vip, contact=contact.id,
        unit=contact.unit_id, phone=contact.phone, survey_response=response.id, category="满意度调查",
        description=description, state=state, accepted_by=agent.id if state != ComplaintState.RECORDED else None,
        accepted_at=accepted if state != ComplaintState.RECORDED else None,
        is_valid=True if state == ComplaintState.FORM else None,
        validity_reason="业务系统中断超过约定的恢复时间，投诉属实。" if state == ComplaintState.FORM else "",
        escalated=contact.is_vip, escalation_reason=f"VIP客户（{contact.title}）" if contact.is_vip else "",
        due_at=at + timedelta(days=days), created_at=at, updated_at=valid, version=3)
    events = [("01", at, None, "由满意度调查导入自动登记")]
    if contact.is_vip:
        events.append(("escalate", at, None, f"已升级至总经理：VIP客户（{contact.title}）"))
    if state == ComplaintState.FORM:
        events += [("02", accepted, agent.id, "已与客户电话确认投诉内容"),
                   ("03", valid, agent.id, "有效：业务系统中断超过约定的恢复时间，投诉属实。")]
    for code, when, user, text in events:
        ComplaintEvent.create(complaint=complaint.id, code=code, at=when, user=user, text=text)
