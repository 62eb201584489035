"""Demo step: evaluations of the closed tickets (§3, §4).

- Every closed ticket gets its team lead's self-evaluation (R9): mostly 满意, some 基本满意 (more
  of them when the ticket was resolved late), about 3 % 不满意 with a corrective note; the comment
  speaks to the three criteria (description and cause, method, efficiency).
- Callbacks follow the real daily process (services/sampling.py): one `CallbackPlan` per working
  day over the tickets closed since the previous working day, the survey-fatigue skips (R10a),
  then the sample rate, the dispatcher/manager split stratified by technician (R11) and the
  round-robin among the callers are the service's own `draw_callbacks`, seeded with the plan date
  as the service seeds it; the due time is R13's `callback_due`.
- Callbacks are answered with the R14 answers; each done callback has its `Evaluation` (R12: one
  per ticket and kind). About 5 % are dissatisfied and get their revisit form (R15, R17) —
  filled, submitted and discussed at the fault analysis meeting when old enough, still open when
  recent. A few callers could not reach the customer at first (`CallbackAttempt` rows); a few
  recent calls stay unreachable; the calls of the last working day are still pending.

Rows are built in Python with explicit ids and bulk-inserted.
"""

import json
import random
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from fractions import Fraction

from desk_app.demo.context import CHUNK_ROWS, DemoContext, TicketInfo, bulk_insert
from desk_app.models import Callback, CallbackAttempt, CallbackPlan, Evaluation, RevisitForm, Ticket
from desk_app.models.enums import CallbackState, EvaluationKind, RevisitState, Role, TicketState
from desk_app.services import settings
from desk_app.services.calendar import WorkCalendar
from desk_app.services.evaluations import THREE, callback_scale
from desk_app.services.revisits import ATTITUDE, DEVICE_STATE, OTHER, RESPONSE_SPEED, revisit_due_date
from desk_app.services.sampling import (
    REASON_FATIGUE,
    REASON_NOT_SAMPLED,
    callback_due,
    draw_callbacks,
    reporter_key,
    skip_for_fatigue,
)

SAT, BASIC, DIS = "satisfied", "basic", "dissatisfied"

SELF_DISSATISFIED = 0.02  # base shares of the team lead's ratings (late tickets fare worse)
SELF_BASIC = 0.13
CALL_DISSATISFIED = 0.05  # base shares of the customers' ratings
CALL_BASIC = 0.10
RETRIED = 0.02  # share of done callbacks that needed more than one call
STILL_UNREACHABLE = 0.06  # share of the recent days' callbacks still unreachable after 3 calls
LATE_CALL = 0.04  # share of callbacks made the working day after their plan

# --- texts ------------------------------------------------------------------------------------

CRITERIA_GOOD = (
    ("故障描述完整，原因分析清楚", "报修记录详细，原因定位准确", "现象记录清楚，原因判断正确"),
    ("处理方法得当", "处理措施规范有效", "处理方法合理，彻底排除故障"),
    ("响应及时，处理高效", "按时完成，效率较高", "处理及时，未影响用户业务"),
)
CRITERIA_WEAK = (
    ("故障描述较简略，原因分析不够深入", "原因分析笼统，未找到根本原因", "工单记录不完整"),
    ("处理方法可行但未根除隐患", "处理过程未按规范操作", "采用临时措施，需后续跟进"),
    ("处理用时偏长", "超出解决时限", "首次响应不及时"),
)
CORRECTIVE_NOTES = (
    "已要求工程师补充原因分析，并在班组例会上复盘。",
    "安排班组内部培训，规范故障记录填写。",
    "要求工程师严格执行一小时响应要求，工长跟踪其后续工单。",
    "对同类故障编写处理指引并纳入知识库，避免重复发生。",
    "已安排二次上门复查，确认设备彻底恢复。",
)

#: Why a customer was not (fully) satisfied, with what they said.
BASIC_COMMENTS = {
    RESPONSE_SPEED: ("处理还可以，就是来得有点慢。", "问题解决了，但是等了比较长时间才有人联系。"),
    ATTITUDE: ("希望工程师处理完能说明一下原因。", "工程师话不多，问他也只是简单回答。"),
    DEVICE_STATE: ("基本解决了，偶尔还会出现。", "现在能用，但速度还是有点慢。"),
    OTHER: ("问题解决了，但用了大半天时间。", "希望下次维修前能先电话告知上门时间。"),
}
DISSATISFIED_COMMENTS = {
    RESPONSE_SPEED: ("报修后过了两个多小时才有人联系，耽误了工作。", "电话报修后迟迟没有人来，催了两次才到现场。",
                     "响应太慢，希望以后能在一小时内联系我们。"),
    ATTITUDE: ("维修人员态度不好，说话不耐烦。", "工程师到现场后没有解释原因，修完就走了。",
               "服务态度生硬，问问题也不愿意回答。"),
    DEVICE_STATE: ("修完第二天又出现同样的问题，还是不能正常使用。", "设备只是临时能用，问题没有根本解决。",
                   "修过以后还是经常出故障，影响日常工作。"),
    OTHER: ("维修时没有提前通知，影响了正常业务。", "修完后现场留下很多包装和线头，没有清理。",
            "需要反复打电话报修，流程太麻烦。"),
}
OTHER_TEXTS = {
    "维修时没有提前通知，影响了正常业务。": "未提前告知上门时间",
    "修完后现场留下很多包装和线头，没有清理。": "维修后未清理现场",
    "需要反复打电话报修，流程太麻烦。": "报修流程繁琐",
}
PRAISE = ("工程师很专业，谢谢！", "响应很快，服务很好。", "态度很好，解释得很清楚。", "非常满意，辛苦了。")
REVISIT_NOTES = (
    "{date}电话回访{name}，向其致歉并说明了处理经过，报修人表示理解。",
    "{date}上门回访{name}，复查设备运行正常，报修人认可处理结果。",
    "{date}与{name}当面沟通，了解具体不满之处，已承诺整改并留下班组联系电话。",
)
MEASURES = {
    RESPONSE_SPEED: "加强值班调度，接单后一小时内必须电话联系用户；超时响应纳入月度考评。",
    ATTITUDE: "对当事工程师进行服务规范谈话，组织班组服务礼仪培训，维修后向用户说明原因。",
    DEVICE_STATE: "对同类设备开展巡检，更换老化部件；复发故障由工长跟踪直至彻底解决。",
    OTHER: "上门前电话预约时间，维修后清理现场并请用户签字确认。",
}
ATTEMPT_NOTES = ("无人接听", "电话占线", "对方关机", "用户在开会，约定稍后再打", "办公电话无人接听，已留言")


def _calendar(ctx: DemoContext) -> WorkCalendar:
    return WorkCalendar(frozenset(int(d) for d in ctx.settings["calendar.weekend"]),
                        frozenset(date.fromisoformat(d) for d in ctx.settings["calendar.holidays"]))


def _next_id(model) -> int:
    return (model.select(model.id).order_by(model.id.desc()).limit(1).scalar() or 0) + 1


def _late(ctx: DemoContext) -> tuple[set[int], set[int]]:
    """Closed tickets whose first response, and whose resolution, came late (ISO text compared in SQL)."""
    response_late = Ticket.first_response_at > Ticket.first_response_due
    resolution_late = Ticket.resolved_at > Ticket.resolution_due
    cursor = (Ticket.select(Ticket.id, response_late, resolution_late)
              .where((Ticket.state == TicketState.CLOSED.value) & (response_late | resolution_late)).tuples())
    late_response, late_resolution = set(), set()
    for tid, response, resolution in cursor:
        if response:
            late_response.add(tid)
        if resolution:
            late_resolution.add(tid)
    return late_response, late_resolution


def _rating(r: float, dis: float, basic: float) -> str:
    return DIS if r < dis else BASIC if r < dis + basic else SAT


def create_evaluations(ctx: DemoContext) -> None:
    rng = ctx.rng
    rnd = rng.random
    cal = _calendar(ctx)
    points = settings.rating_points(callback_scale())  # the points the services store, read once
    self_points = settings.rating_points(THREE)
    closed = [tk for tk in ctx.tickets if tk.state == TicketState.CLOSED.value and tk.closed_at is not None]
    late_response, late_resolution = _late(ctx)
    leads = {team.id: team.lead_id for team in ctx.teams}
    # Some technicians are better than others: the standings get a leader.
    skill = {tech: rng.uniform(0.5, 1.6) for team in ctx.teams for tech in team.technician_ids}

    next_day: dict[date, date] = {}

    def following(day: date) -> date:
        if day not in next_day:
            next_day[day] = cal.next_working_day(day)
        return next_day[day]

    # --- self-evaluations (R9) ----------------------------------------------------------------
    evaluation_id = _next_id(Evaluation)
    self_kind = EvaluationKind.SELF.value
    good_comments = [f"（1）{a}；（2）{b}；（3）{c}。" for a in CRITERIA_GOOD[0] for b in CRITERIA_GOOD[1]
                     for c in CRITERIA_GOOD[2]]
    rows: list[dict] = []
    for tk in closed:
        resolved_late = tk.id in late_resolution
        factor = skill.get(tk.assignee_id, 1.0)
        rating = _rating(rnd(), SELF_DISSATISFIED * factor + (0.05 if resolved_late else 0),
                         SELF_BASIC * factor + (0.35 if resolved_late else 0))
        if rating == SAT:
            comment = good_comments[int(rnd() * len(good_comments))]
        else:
            good = [rng.choice(options) for options in CRITERIA_GOOD]
            weak = [2] if resolved_late else [int(rnd() * 3)]
            if rating == DIS:
                weak.append((weak[0] + 1 + int(rnd() * 2)) % 3)
            for i in weak:
                good[i] = rng.choice(CRITERIA_WEAK[i])
            comment = f"（1）{good[0]}；（2）{good[1]}；（3）{good[2]}。"
        closed_at = tk.closed_at
        if closed_at.hour < 16:
            at = closed_at + timedelta(minutes=20 + int(rnd() * 100))
        else:
            at = datetime.combine(following(closed_at.date()), time(8, 30)) + timedelta(minutes=int(rnd() * 150))
        rows.append({
            "id": evaluation_id, "ticket": tk.id, "kind": self_kind, "evaluator": leads.get(tk.team_id),
            "rating": rating, "points": self_points[rating], "comment": comment,
            "corrective_note": rng.choice(CORRECTIVE_NOTES) if rating == DIS else "", "callback": None,
            "evaluated_at": min(at, ctx.now),
        })
        evaluation_id += 1
        if len(rows) >= CHUNK_ROWS:
            bulk_insert(Evaluation, rows)
            ctx.advance(len(rows) // 5)
            rows.clear()
    bulk_insert(Evaluation, rows)
    rows.clear()

    # --- callback plans (R10–R13) -------------------------------------------------------------
    by_plan_day: dict[date, list[TicketInfo]] = defaultdict(list)
    for tk in closed:
        plan_day = following(tk.closed_at.date())
        if plan_day <= ctx.until:
            by_plan_day[plan_day].append(tk)
    plan_days = sorted(by_plan_day)
    if not plan_days:
        return
    rate = Fraction(str(ctx.settings["callback.sample_rate"]))
    share = Fraction(str(ctx.settings["callback.dispatcher_share"]))
    fatigue_days = int(ctx.settings["callback.fatigue_days"])
    # The system administrator holds the manager role to sign reports; the calls are made by the others.
    dispatchers = sorted(u.id for u in ctx.users.get(Role.DISPATCHER.value, []))
    managers = sorted(u.id for u in ctx.users.get(Role.MANAGER.value, [])
                      if Role.ADMIN.value not in u.roles) or [ctx.admin().id]
    key_of = {c.id: reporter_key(c.phone, c.name) for c in ctx.contacts}
    last_called: dict[str, date] = {}
    last_day = plan_days[-1]
    recent_days = set(plan_days[-6:-1])

    plan_id, callback_id = _next_id(CallbackPlan), _next_id(Callback)
    plan_rows, callback_rows, attempt_rows, forms = [], [], [], []
    planner = (ctx.users.get(Role.DISPATCHER.value) or ctx.users[Role.MANAGER.value])[0].id
    for plan_day in plan_days:
        tickets = sorted(by_plan_day[plan_day], key=lambda tk: tk.id)
        seed = int(plan_day.strftime("%Y%m%d"))
        plan_rng = random.Random(seed)
        candidates, tired = skip_for_fatigue(
            tickets, fatigue_days, lambda tk: key_of.get(tk.contact_id, f"ticket:{tk.id}"),
            lambda tk: tk.repeat_of is not None,
            _called_within(last_called, plan_day - timedelta(days=fatigue_days), plan_day))
        skipped = [{"ticket": tk.id, "number": tk.number, "reason": REASON_FATIGUE, "detail": detail}
                   for tk, detail in tired]
        drawn = draw_callbacks(candidates, rate, share, dispatchers, managers, plan_rng)
        skipped.extend({"ticket": tk.id, "number": tk.number, "reason": REASON_NOT_SAMPLED, "detail": ""}
                       for tk in drawn.not_sampled)
        assignment = drawn.assignment
        sampled = [tk for tk in candidates if tk.id in assignment]
        created = datetime.combine(plan_day, time(8, 20)) + timedelta(minutes=int(rnd() * 30))
        plan_rows.append({
            "id": plan_id, "plan_date": plan_day, "closed_on": cal.previous_working_day(plan_day),
            "created_at": created, "created_by": planner,
            "settings_json": json.dumps({
                "sample_rate": str(rate), "dispatcher_share": str(share), "fatigue_days": fatigue_days, "seed": seed,
                "closed_from": cal.previous_working_day(plan_day).isoformat(),
                "closed_to": (plan_day - timedelta(days=1)).isoformat()}),
            "skipped_json": json.dumps(sorted(skipped, key=lambda s: s["ticket"]), ensure_ascii=False),
        })
        for tk in sorted(sampled, key=lambda tk: tk.id):
            kind, caller = assignment[tk.id]
            due = callback_due(tk.closed_at, cal)
            answer = _call(ctx, tk, plan_day, created, due,
                           (tk.id not in late_response, tk.id not in late_resolution), skill,
                           plan_day == last_day, plan_day in recent_days, following)
            callback_rows.append({
                "id": callback_id, "ticket": tk.id, "plan": plan_id, "caller": caller, "caller_kind": kind,
                "state": answer["state"], "due_at": due, "attempts": len(answer["attempts"]),
                "contacted_within_hour": answer.get("contacted"), "attitude": answer.get("attitude", ""),
                "device_working": answer.get("device"), "rating": answer.get("rating", ""),
                "comment": answer.get("comment", ""), "completed_at": answer.get("done"),
                "created_at": created,
                "updated_at": answer.get("done") or (answer["attempts"][-1][0] if answer["attempts"] else created),
                "version": 1 + len(answer["attempts"]) + (1 if answer.get("done") else 0), "updated_by": caller,
            })
            for at, note in answer["attempts"]:
                attempt_rows.append({"callback": callback_id, "at": at, "user": caller, "note": note})
            key = key_of.get(tk.contact_id, f"ticket:{tk.id}")
            called = (answer.get("done") or created).date()
            if last_called.get(key, date.min) < called:
                last_called[key] = called
            if answer.get("done"):
                rating = answer["rating"]
                rows.append({
                    "id": evaluation_id, "ticket": tk.id, "kind": kind, "evaluator": caller, "rating": rating,
                    "points": points[rating], "comment": answer["comment"], "corrective_note": "",
                    "callback": callback_id, "evaluated_at": answer["done"],
                })
                if rating == DIS:
                    forms.append((tk, callback_id, evaluation_id, caller, answer))
                evaluation_id += 1
            callback_id += 1
        plan_id += 1
        if len(callback_rows) >= CHUNK_ROWS:
            ctx.advance(len(callback_rows) // 5)
    bulk_insert(CallbackPlan, plan_rows)
    bulk_insert(Callback, callback_rows)
    bulk_insert(CallbackAttempt, attempt_rows)
    bulk_insert(Evaluation, rows)
    bulk_insert(RevisitForm, _revisit_forms(ctx, cal, forms))
    ctx.advance(len(closed) // 20)


def _called_within(last_called: dict[str, date], since: date, until: date) -> Callable[[str], date | None]:
    """The fatigue lookup of one plan: the day a customer was last called, when within the window."""
    def lookup(key: str) -> date | None:
        when = last_called.get(key)
        return when if when is not None and since <= when <= until else None
    return lookup


def _call(ctx: DemoContext, tk: TicketInfo, plan_day: date, created: datetime, due: datetime,
          on_time: tuple[bool, bool], skill: dict[int, float], pending: bool, recent: bool, following) -> dict:
    """What happened to one callback: attempts, and the R14 answers when the customer was reached."""
    rng = ctx.rng
    rnd = rng.random
    attempts: list[tuple[datetime, str]] = []
    at = created + timedelta(minutes=20 + int(rnd() * 420))
    if pending:
        if rnd() < 0.08:
            attempts.append((min(at, ctx.now), rng.choice(ATTEMPT_NOTES)))
        return {"state": CallbackState.PENDING.value, "attempts": attempts}
    if recent and rnd() < STILL_UNREACHABLE:
        for _ in range(3):
            attempts.append((min(at, ctx.now), rng.choice(ATTEMPT_NOTES)))
            at += timedelta(minutes=60 + int(rnd() * 180))
        return {"state": CallbackState.UNREACHABLE.value, "attempts": attempts}
    if rnd() < RETRIED:
        for _ in range(1 + int(rnd() * 2)):
            attempts.append((at, rng.choice(ATTEMPT_NOTES)))
            at += timedelta(minutes=40 + int(rnd() * 90))
    if rnd() < LATE_CALL:
        at = datetime.combine(following(plan_day), time(9, 0)) + timedelta(minutes=int(rnd() * 420))
    done = min(at, ctx.now)

    responded, resolved = on_time
    factor = skill.get(tk.assignee_id, 1.0)
    rating = _rating(rnd(), CALL_DISSATISFIED * factor + (0.0 if responded else 0.10) + (0.0 if resolved else 0.06),
                     CALL_BASIC * factor + (0.0 if responded else 0.2) + (0.0 if resolved else 0.15))
    contacted = responded if rnd() < 0.95 else not responded
    attitude, device, comment, reasons = SAT, True, "", []
    if rating == SAT:
        attitude = SAT if rnd() < 0.95 else BASIC
        if rnd() < 0.15:
            comment = rng.choice(PRAISE)
    else:
        reason = RESPONSE_SPEED if not contacted and rnd() < 0.7 else \
            DEVICE_STATE if not resolved and rnd() < 0.6 else \
            rng.choice((RESPONSE_SPEED, ATTITUDE, ATTITUDE, DEVICE_STATE, DEVICE_STATE, OTHER))
        reasons.append(reason)
        if rating == DIS and rnd() < 0.25:
            extra = rng.choice((RESPONSE_SPEED, ATTITUDE, DEVICE_STATE, OTHER))
            if extra not in reasons:
                reasons.append(extra)
        texts = DISSATISFIED_COMMENTS if rating == DIS else BASIC_COMMENTS
        comment = "".join(rng.choice(texts[r]) for r in reasons)
        if RESPONSE_SPEED in reasons:
            contacted = False
        if ATTITUDE in reasons:
            attitude = rating
        elif rating == DIS:
            attitude = BASIC if rnd() < 0.6 else SAT
        if DEVICE_STATE in reasons:
            device = rating == BASIC and rnd() < 0.5
    return {"state": CallbackState.DONE.value, "attempts": attempts, "done": done, "rating": rating,
            "contacted": contacted, "attitude": attitude, "device": device, "comment": comment, "reasons": reasons}


def _revisit_forms(ctx: DemoContext, cal: WorkCalendar, forms: list) -> list[dict]:
    """R15, R17, R18: a form per dissatisfied callback; old ones filled, submitted and discussed."""
    rng = ctx.rng
    contacts = {c.id: c for c in ctx.contacts}
    leads = {team.id: team.lead_id for team in ctx.teams}
    chair = next((u.id for u in ctx.users[Role.MANAGER.value] if Role.ADMIN.value not in u.roles), ctx.admin().id)
    next_id = _next_id(RevisitForm)
    seq_of_day: dict[str, int] = defaultdict(int)
    rows = []
    for tk, callback_id, evaluation_id, caller, answer in sorted(forms, key=lambda f: (f[4]["done"], f[1])):
        at: datetime = answer["done"]
        day_key = at.strftime("%Y%m%d")
        seq_of_day[day_key] += 1
        contact = contacts.get(tk.contact_id)
        lead = leads.get(tk.team_id)
        due = revisit_due_date(tk.closed_at.date(), at.date(), cal)
        meeting = cal.next_working_day(due)  # the meeting the form is due for
        reasons = answer["reasons"] or [OTHER]
        other = OTHER_TEXTS.get(answer["comment"], "其他问题") if OTHER in reasons else ""
        age = (ctx.now - at).days
        state, notes, measures, submitted, meeting_date, agreed = RevisitState.OPEN.value, "", "", None, None, ""
        if meeting <= ctx.until or (age >= 4 and rng.random() < 0.8):
            visit = min(at + timedelta(days=1 + rng.randrange(3)), ctx.now)
            name = contact.name if contact else "报修人"
            notes = rng.choice(REVISIT_NOTES).format(date=f"{visit:%m月%d日}", name=name)
            measures = "".join(MEASURES[r] for r in reasons)
            submitted = min(max(min(visit + timedelta(hours=2 + rng.randrange(20)), datetime.combine(due, time(17, 0))),
                                at + timedelta(hours=1)), ctx.now)
            state = RevisitState.SUBMITTED.value
            if meeting <= ctx.until:
                state, meeting_date = RevisitState.DISCUSSED.value, meeting
                agreed = f"会议同意上述整改措施，由{_team_name(ctx, tk.team_id)}落实，下次故障分析会复查效果。"
        updated = datetime.combine(meeting_date, time(11, 0)) if meeting_date else submitted or at
        rows.append({
            "id": next_id, "number": f"HF-{day_key}-{seq_of_day[day_key]:03d}", "ticket": tk.id,
            "team": tk.team_id, "team_lead": lead, "evaluation": evaluation_id, "callback": callback_id,
            "reporter_name": contact.name if contact else "", "reporter_location": contact.location if contact else "",
            "reporter_phone": contact.phone if contact else "", "reported_at": tk.reported_at,
            "callback_person": ctx.staff[caller].full_name, "callback_at": at,
            "customer_problems": answer["comment"], "dissatisfaction_types": ",".join(
                code for code in (RESPONSE_SPEED, ATTITUDE, DEVICE_STATE, OTHER) if code in reasons),
            "dissatisfaction_other": other, "revisit_notes": notes, "corrective_measures": measures,
            "due_date": due, "state": state, "meeting_date": meeting_date, "agreed_measure": agreed,
            "submitted_at": submitted, "created_at": at, "updated_at": updated,
            "version": 1 + (state != RevisitState.OPEN.value) + (state == RevisitState.DISCUSSED.value),
            "updated_by": lead if state != RevisitState.DISCUSSED.value else chair,
        })
        next_id += 1
    return rows


def _team_name(ctx: DemoContext, team_id: int) -> str:
    return next((team.name for team in ctx.teams if team.id == team_id), "班组")
