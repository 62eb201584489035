"""Demo step: the monthly fault analysis meetings (R18a) and improvement projects (§6, R25–R26).

A `Meeting` per month of the period on `meeting.day` of the next month (moved to a working day);
the ones before the demo's now are held. Projects come from every source — a revisit form, a
valid complaint, a callback, a meeting, a survey (no plan exists yet when this step runs: the
source is noted in words) and other — and stand in every state: proposed, agreed at a meeting,
in progress with some steps overdue, done, confirmed successful or unsuccessful, withdrawn. Two
carry a goal on the callback satisfaction rate, measured from the demo's own evaluations.
"""

import json
from datetime import date, datetime, time, timedelta

from desk_app.demo.context import DemoContext, bulk_insert
from desk_app.demo.tickets import add_months
from desk_app.models import Callback, Complaint, ImprovementProject, ImprovementStep, Meeting, RevisitForm, SurveyPlan
from desk_app.models.enums import ClosureCode, ImprovementSource, ImprovementState, RevisitState, Role
from desk_app.services.calendar import WorkCalendar
from desk_app.services.indicators import callback_satisfaction_rate

P = ImprovementState
SRC = ImprovementSource

#: (problem, initial measure, agreed measure, steps, effect) for projects not copied from a record.
TOPICS = {
    SRC.MEETING: ("打印机卡纸、打印质量类故障占桌面类报修的三成，且同一台设备反复报修。",
                  "统计近三个月打印机故障，列出反复报修的设备清单。",
                  "对反复报修的打印机集中检修或更换，建立耗材定期更换计划。",
                  ("统计打印机故障并列出高频设备", "高频设备集中检修、更换搓纸轮和定影组件",
                   "制定硒鼓、色带定期更换计划", "一个月后复查同类报修数量"),
                  "同类报修数量明显下降。"),
    SRC.SURVEY: ("客户满意度调查中“及时响应”维度得分最低，部分单位反映高峰时段电话难以接通。",
                 "分析报修电话接通记录，评估高峰时段人手。",
                 "上午9–11点高峰时段增加一名受理员，开通自助报修二维码。",
                 ("统计报修电话未接通情况", "调整受理员排班", "在各单位张贴自助报修二维码", "下季度调查复测"),
                 "高峰时段接通率提高，“及时响应”得分上升。"),
    SRC.OTHER: ("内部巡检发现多个单位的楼层交换机所在配线间无空调、温度过高。",
                "对配线间温度进行普查。",
                "联系各单位后勤为高温配线间加装空调或排风扇，核心交换机加装温度告警。",
                ("普查配线间温度并建立台账", "向各单位发函说明隐患", "加装温度告警并接入监控平台"),
                "高温宕机类故障未再发生。"),
    SRC.CALLBACK: ("回访中用户反映维修完成后不清楚故障原因，希望工程师说明原因和注意事项。",
                   "提醒工程师维修后向用户说明原因。",
                   "制定《上门服务规范》，维修结束后须向用户说明原因和注意事项并请其确认。",
                   ("起草上门服务规范", "班组宣贯培训", "回访中抽查执行情况"),
                   "回访中此类意见减少。"),
}
EXTRA = (
    ("账号解锁、密码重置类工单占比高，用户等待时间长。", "推广自助密码重置功能。",
     "上线自助密码重置并在各单位宣传。", ("评估自助重置工具", "上线并编写使用说明", "各单位宣传推广"),
     "密码类工单下降四成。"),
    ("新员工入职电脑和账号准备不及时，影响入职当天工作。", "与人事部门沟通入职信息提前告知。",
     "建立入职信息提前三个工作日通知机制，服务台提前准备设备和账号。",
     ("与各单位人事部门约定通知流程", "编制入职准备清单", "试行一个月后评估"), "入职当天即可正常办公。"),
)
WITHDRAW_REASON = "经会议讨论，该问题已由厂商在新版本中解决，项目撤销。"
UNSUCCESSFUL = "整改后同类问题仍然出现，效果未达目标，转下一期继续跟踪。"


def _calendar(ctx: DemoContext) -> WorkCalendar:
    return WorkCalendar(frozenset(int(d) for d in ctx.settings["calendar.weekend"]),
                        frozenset(date.fromisoformat(d) for d in ctx.settings["calendar.holidays"]))


def _meetings(ctx: DemoContext, cal: WorkCalendar) -> list[dict]:
    """The fault analysis meeting of every month of the period, held when its date has passed."""
    day_of_month = int(ctx.settings["meeting.day"])
    chair = _managers(ctx)[0]
    rows = []
    month = ctx.start.replace(day=1)
    base_id = (Meeting.select(Meeting.id).order_by(Meeting.id.desc()).limit(1).scalar() or 0) + 1
    while month <= ctx.until:
        key = f"{month:%Y-%m}"
        held_on = cal.on_or_after(add_months(month, 1).replace(day=day_of_month))
        held = held_on <= ctx.until
        forms = RevisitForm.select().where(RevisitForm.meeting_date == held_on).count() if held else 0
        stamp = datetime.combine(held_on if held else ctx.until, time(16, 0) if held else time(9, 0))
        rows.append({
            "id": base_id + len(rows), "month": key, "meeting_date": held_on, "held": held,
            "notes": (f"讨论{key}不满意评价及回访表{forms}份、服务改善项目进展；"
                      "与会：服务经理、各班组工长、调度、质量负责人。" if held else ""),
            "created_at": min(stamp, ctx.now), "updated_at": min(stamp, ctx.now), "version": 2 if held else 1,
            "updated_by": chair,
        })
        month = add_months(month, 1)
    return rows


def _managers(ctx: DemoContext) -> list[int]:
    return [u.id for u in ctx.users.get(Role.MANAGER.value, []) if Role.ADMIN.value not in u.roles] \
        or [ctx.admin().id]


def create_projects(ctx: DemoContext) -> None:
    rng = ctx.rng
    cal = _calendar(ctx)
    now, until = ctx.now, ctx.until
    meetings = _meetings(ctx, cal)
    bulk_insert(Meeting, meetings)
    held = [m for m in meetings if m["held"]]
    if not held:
        return
    first, last = held[0], held[-1]
    managers = _managers(ctx)
    quality = [u.id for u in ctx.users.get(Role.QUALITY.value, [])] or managers
    leads = {team.id: team.lead_id for team in ctx.teams}
    techs = {team.id: team.technician_ids for team in ctx.teams}
    team_ids = [team.id for team in ctx.teams]

    forms = list(RevisitForm.select().where(RevisitForm.state != RevisitState.OPEN.value).order_by(RevisitForm.id))
    complaints = list(Complaint.select().where(Complaint.is_valid == True)  # noqa: E712
                      .order_by(Complaint.received_at))
    first_at = datetime.combine(first["meeting_date"], time())
    callback = (Callback.select().where((Callback.rating == "basic") & (Callback.comment != "")
                                        & (Callback.completed_at < first_at - timedelta(days=3)))
                .order_by(Callback.completed_at.desc()).first())
    plan = SurveyPlan.select().order_by(SurveyPlan.id).first()

    # (source, state, closure, link) — every source and every state at least once.
    specs: list[tuple[str, str, str, dict]] = []
    discussed = [f for f in forms if f.meeting_date is not None]
    waiting = [f for f in forms if f.meeting_date is None]
    if discussed:
        specs.append((SRC.REVISIT.value, P.CONFIRMED.value, ClosureCode.SUCCESSFUL.value, {"form": discussed[0]}))
        if len(discussed) > 1:
            specs.append((SRC.REVISIT.value, P.IN_PROGRESS.value, "", {"form": discussed[-1]}))
    if waiting:
        specs.append((SRC.REVISIT.value, P.PROPOSED.value, "", {"form": waiting[0]}))
    if complaints:
        specs.append((SRC.COMPLAINT.value, P.DONE.value, "", {"complaint": complaints[0]}))
        if len(complaints) > 1:
            specs.append((SRC.COMPLAINT.value, P.PROPOSED.value, "", {"complaint": complaints[-1]}))
    specs += [
        (SRC.MEETING.value, P.IN_PROGRESS.value, "", {"meeting": first}),
        (SRC.SURVEY.value, P.AGREED.value, "", {"plan": plan}),
        (SRC.CALLBACK.value, P.CONFIRMED.value, ClosureCode.UNSUCCESSFUL.value, {"callback": callback}),
        (SRC.OTHER.value, P.CONFIRMED.value, ClosureCode.WITHDRAWN.value, {}),
        (SRC.OTHER.value, P.PROPOSED.value, "", {"extra": EXTRA[0]}),
        (SRC.OTHER.value, P.CONFIRMED.value, ClosureCode.SUCCESSFUL.value, {"extra": EXTRA[1]}),
    ]
    if not discussed:
        specs.append((SRC.REVISIT.value, P.DONE.value, "", {}))

    # Goal: the callback satisfaction rate, measured on the demo's own evaluations.
    def rate(lo: date, hi: date) -> float | None:
        return callback_satisfaction_rate(datetime.combine(lo, time()), datetime.combine(hi + timedelta(days=1),
                                                                                         time()))

    project_id = (ImprovementProject.select(ImprovementProject.id).order_by(ImprovementProject.id.desc())
                  .limit(1).scalar() or 0) + 1
    step_id = (ImprovementStep.select(ImprovementStep.id).order_by(ImprovementStep.id.desc())
               .limit(1).scalar() or 0) + 1
    first_id = project_id
    rows, steps = [], []
    for source, state, closure, link in specs:
        team = rng.choice(team_ids)
        form, complaint, cb = link.get("form"), link.get("complaint"), link.get("callback")
        owner = leads.get(team) or managers[0]
        if form is not None:
            team = form.team_id or team
            owner = form.team_lead_id or owner
            problem = form.customer_problems or "回访不满意"
            initial = form.corrective_measures or "工长回访并整改"
            agreed = form.agreed_measure or f"同意{initial}"
            step_texts = ("工长上门回访致歉并复查设备", "班组内部复盘讨论", "落实整改措施", "下月回访检查效果")
            effect = "复查回访用户满意，同类问题未再发生。"
        elif complaint is not None:
            problem = complaint.description
            initial = complaint.measures or "按投诉处理流程整改"
            agreed = f"会议同意：{initial}"
            step_texts = ("向投诉人说明整改计划", "落实整改措施", "服务经理检查整改效果")
            effect = complaint.findings or "整改措施已落实，投诉人未再反映同类问题。"
            owner = complaint.department_manager_id or owner
        else:
            topic = link.get("extra") or TOPICS.get(SRC(source)) or TOPICS[SRC.OTHER]
            problem, initial, agreed, step_texts, effect = topic
            if source in (SRC.SURVEY.value, SRC.MEETING.value):
                owner = quality[0] if source == SRC.SURVEY.value else owner
        # When things happened.
        if state == P.PROPOSED.value:
            created = datetime.combine(last["meeting_date"], time(10)) + timedelta(days=rng.randint(2, 10))
            agreed_on = None
        else:
            agreed_on = (first if state in (P.IN_PROGRESS.value, P.CONFIRMED.value, P.DONE.value) else last)[
                "meeting_date"]
            if form is not None and form.meeting_date:
                agreed_on = form.meeting_date
            created = datetime.combine(agreed_on, time(9)) - timedelta(days=rng.randint(3, 12))
        if complaint is not None:
            created = max(created, (complaint.verified_at or complaint.accepted_at or complaint.received_at)
                          + timedelta(hours=2))
        if form is not None:
            created = max(created, (form.submitted_at or form.created_at) + timedelta(hours=1))
        created = min(created, now - timedelta(hours=2))
        if agreed_on is not None and agreed_on < created.date():
            agreed_on = None if state == P.PROPOSED.value else max(
                (m["meeting_date"] for m in held if m["meeting_date"] >= created.date()), default=created.date())

        row: dict = {
            "id": project_id, "number": "", "problem": problem,
            "source": source, "source_note": "", "revisit_form": form.id if form else None,
            "complaint": complaint.id if complaint else None, "survey_plan": None, "callback": None,
            "meeting": None, "initial_measure": initial, "agreed_measure": "", "meeting_date": None,
            "owner": owner, "state": state, "closure_code": closure, "effect_result": "", "confirmed_by": None,
            "confirmed_at": None, "goal_indicator": "", "goal_params": "{}", "base_value": None,
            "target_value": None, "measured_value": None, "review_date": None, "created_by": owner,
            "updated_by": owner, "created_at": created, "updated_at": created, "version": 1,
        }
        if source == SRC.MEETING.value:
            meeting = link["meeting"]
            row.update(meeting=meeting["id"], source_note=f"{meeting['month']}故障分析会")
        elif source == SRC.SURVEY.value:
            plan = link.get("plan")
            quarter = (until.month - 1) // 3  # the last quarter that has ended
            year = until.year if quarter else until.year - 1
            row.update(survey_plan=plan.id if plan else None,
                       source_note=plan.number if plan else f"{year}年第{quarter or 4}季度公司满意度调查")
        elif source == SRC.CALLBACK.value:
            row.update(callback=cb.id if cb else None, source_note=f"电话回访{cb.ticket.number}" if cb else "电话回访")
            if cb is not None and cb.comment:
                row["problem"] = f"{problem}（回访原话：{cb.comment}）"
        elif source == SRC.OTHER.value:
            row["source_note"] = "内部巡检" if "extra" not in link else "服务台工单分析"

        if agreed_on is not None:
            row.update(agreed_measure=agreed, meeting_date=agreed_on, version=2)
        # The work plan.
        base = agreed_on or created.date()
        due = base
        people = [owner] + techs.get(team, [])[:2] + quality[:1]
        done_count = {P.PROPOSED.value: 0, P.AGREED.value: 0, P.IN_PROGRESS.value: 1}.get(state, len(step_texts))
        if closure == ClosureCode.WITHDRAWN.value:
            done_count = 1
        last_done = created
        if state == P.PROPOSED.value or closure == ClosureCode.WITHDRAWN.value:
            step_texts = step_texts[:1]
        for i, text in enumerate(step_texts):
            due = due + timedelta(days=rng.randint(4, 10))
            if state == P.IN_PROGRESS.value and i == 1:
                due = min(due, until - timedelta(days=rng.randint(2, 5)))  # overdue
            if state == P.IN_PROGRESS.value and i >= 2:
                due = max(due, until + timedelta(days=3 + 7 * i))
            if state == P.AGREED.value:
                due = max(due, until + timedelta(days=3 + 7 * i))
            done_at = None
            if i < done_count:
                done_at = min(datetime.combine(min(due, until), time(15)) - timedelta(days=rng.randint(0, 2)), now)
                done_at = min(max(done_at, last_done + timedelta(hours=1)), now)
                last_done = done_at
            owner_id = people[i % len(people)]
            steps.append({
                "id": step_id, "project": project_id, "seq": i + 1, "description": text, "owner": owner_id,
                "owner_name": "", "due_date": due, "done_at": done_at,
                "created_at": max(created, datetime.combine(base, time(17))) if agreed_on else created,
                "updated_at": done_at or created, "version": 2 if done_at else 1, "updated_by": owner_id,
            })
            step_id += 1
        if state in (P.IN_PROGRESS.value, P.DONE.value, P.CONFIRMED.value):
            row["version"] += 1
        if state in (P.DONE.value, P.CONFIRMED.value) and closure != ClosureCode.WITHDRAWN.value:
            row.update(effect_result=effect if closure != ClosureCode.UNSUCCESSFUL.value else UNSUCCESSFUL,
                       version=row["version"] + 1, updated_at=last_done)
        if state == P.CONFIRMED.value:
            confirmed = min(max(datetime.combine(last["meeting_date"], time(11)), last_done + timedelta(days=1)), now)
            if closure == ClosureCode.WITHDRAWN.value:
                row.update(effect_result=WITHDRAW_REASON)
            row.update(confirmed_by=managers[0], confirmed_at=confirmed, updated_at=confirmed,
                       updated_by=managers[0], version=row["version"] + 1)
        rows.append(row)
        project_id += 1

    _goals(rows, ctx, rate)
    # Numbers follow the order of creation: GS-YYYY-NNN.
    rows.sort(key=lambda r: (r["created_at"], r["id"]))
    new_id = {row["id"]: first_id + i for i, row in enumerate(rows)}
    seq_of_year: dict[int, int] = {}
    for row in rows:
        year = row["created_at"].year
        seq_of_year[year] = seq_of_year.get(year, 0) + 1
        row.update(id=new_id[row["id"]], number=f"GS-{year}-{seq_of_year[year]:03d}")
    for step in steps:
        step["project"] = new_id[step["project"]]
    bulk_insert(ImprovementProject, rows)
    bulk_insert(ImprovementStep, steps)
    ctx.advance(10)


def _goals(rows: list[dict], ctx: DemoContext, rate) -> None:
    """R26: the confirmed revisit project and the meeting project aim at the callback satisfaction rate."""
    start, until = ctx.start, ctx.until
    month2 = add_months(start.replace(day=1), 1)
    for row in rows:
        if row["source"] == SRC.REVISIT.value and row["state"] == P.CONFIRMED.value:
            base = rate(start, month2 - timedelta(days=1))
            measured = rate(month2, until)
            target = min(100.0, round((base or 95.0) + 1.0, 1))
            row.update(goal_indicator="callback_satisfaction_rate",
                       goal_params=json.dumps({"from": month2.isoformat(), "to": until.isoformat()}),
                       base_value=base, target_value=target, measured_value=measured,
                       review_date=row["confirmed_at"].date() if row["confirmed_at"] else until)
            if measured is not None and measured < target:  # the goal was missed
                row.update(closure_code=ClosureCode.UNSUCCESSFUL.value, effect_result=UNSUCCESSFUL)
        elif row["source"] == SRC.MEETING.value:
            review = add_months(until, 2)
            row.update(goal_indicator="callback_satisfaction_rate",
                       goal_params=json.dumps({"from": (row["meeting_date"] or start).isoformat(),
                                               "to": review.isoformat()}),
                       base_value=rate(start, until), target_value=98.0, review_date=review)
