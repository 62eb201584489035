"""Demo step: complaints (§5) in every state of the ISO 20000 flow, with their activity log.

About 15–30 complaints over the period, from phone, email and callbacks (linked to dissatisfied
callbacks and their tickets): old ones closed (with the customer's confirmation, or notified with
a reason) or invalid, recent ones still recorded, accepted, on the record form, dispatched to the
responsible team's lead or verified. One comes from a VIP (escalated, R22) and one is a second
complaint about the same unresolved ticket (escalated, linked to the first); a couple are overdue
(R24). Each step is a `ComplaintEvent` (01–06, escalate, close) by a plausible user at a plausible
time, as services/complaints.py would write it.
"""

import bisect
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from desk_app.demo.context import DemoContext, TicketInfo, bulk_insert
from desk_app.models import Callback, Complaint, ComplaintEvent
from desk_app.models.enums import CallbackState, ComplaintSource, ComplaintState, Role, TicketState

S = ComplaintState
CLOSED_OK, CLOSED_NOTIFIED = "closed_confirmed", "closed_notified"

CATEGORIES = {
    "响应超时": (
        "{name}来电投诉：{loc}报修（工单{number}）后超过两小时无人联系，影响正常业务，要求说明原因。",
        "{name}反映报修后工程师迟迟未到，催促多次（工单{number}），对响应速度很不满意。",
    ),
    "服务态度": (
        "{name}投诉维修工程师{tech}上门服务态度差、说话不耐烦，未说明故障原因（工单{number}）。",
        "{name}反映工程师{tech}在现场与科室人员发生争执（工单{number}），要求道歉。",
    ),
    "维修质量": (
        "{name}反映工单{number}处理后故障再次出现，已影响工作两天，要求彻底解决。",
        "{name}投诉设备维修后仍无法正常使用（工单{number}），多次报修未根治。",
    ),
    "沟通不畅": (
        "{name}反映维修前未预约时间，上门时正值业务高峰（工单{number}），影响工作。",
        "{name}反映报修进度无人告知（工单{number}），打电话询问也没有明确答复。",
    ),
}
VALID_REASONS = {
    "响应超时": "经核实，首次响应时间超出SLA约定的1小时，投诉属实。",
    "服务态度": "经向工程师及科室人员了解，服务过程确有不当言行，投诉属实。",
    "维修质量": "经核查工单记录，同一故障短期内复发，处理未达约定的修复要求，投诉属实。",
    "沟通不畅": "经核实，上门前未按服务规范预约并告知进度，投诉属实。",
}
INVALID_REASONS = (
    "经核实，工单{number}在承诺时限内完成，故障系用户自行更改设置所致，不属于服务未达约定，已向投诉人说明。",
    "经查，所涉设备为个人自购设备，不在服务合同范围内，已向投诉人解释并提供厂商联系方式。",
    "经核实，投诉所述时段为计划停机维护，已提前三天发布通知，不属于服务未达约定，已向投诉人说明。",
)
MEASURES = {
    "响应超时": "调整值班安排，高峰时段增加一名一线工程师；调度每小时检查未响应工单；向投诉人致歉。",
    "服务态度": "工长与当事工程师谈话并书面检讨，班组开展服务规范培训，工长上门向投诉人致歉。",
    "维修质量": "更换故障设备主要部件并安排一周内回访复查，同类设备纳入巡检计划。",
    "沟通不畅": "执行上门前电话预约制度，处理超过4小时的工单由调度主动向用户通报进度。",
}
FINDINGS = {
    "响应超时": "高峰时段人手不足是主要原因；经验：调度需实时关注未响应工单，超时前主动协调。",
    "服务态度": "工程师沟通技巧不足；经验：服务礼仪纳入新员工培训和月度考评。",
    "维修质量": "首次维修只做了临时处理；经验：复发故障须查明根本原因并由工长把关。",
    "沟通不畅": "缺少进度通报环节；经验：长时间处理的工单应定时向报修人通报。",
}
CLOSE_REASONS = (
    "已电话和短信通知投诉人处理结果，投诉人多次未接听、未回复，超过3个工作日按规定关闭。",
    "已书面通知投诉人处理结果，投诉人已调离原岗位无法确认，经服务台主管同意关闭。",
)
CONFIRM_TEXTS = ("投诉人确认问题已解决，对处理结果满意", "电话回访投诉人，确认整改有效，同意关闭")


@dataclass
class _Plan:
    state: str
    source: str
    received: datetime
    ticket: TicketInfo | None = None
    callback: tuple | None = None  # (id, completed_at, comment, caller_id)
    vip: bool = False
    second_of: "_Plan | None" = None
    category: str = ""
    id: int = 0
    number: str = ""


def create_complaints(ctx: DemoContext) -> None:
    rng = ctx.rng
    closed = [tk for tk in ctx.tickets if tk.state == TicketState.CLOSED.value and tk.closed_at is not None]
    if not closed:
        return
    now, start = ctx.now, datetime.combine(ctx.start, datetime.min.time())
    day = timedelta(days=1)
    by_id = {tk.id: tk for tk in closed}
    contacts = {c.id: c for c in ctx.contacts}
    calls = [(cid, done, comment, caller, tid) for cid, done, comment, caller, tid in
             Callback.select(Callback.id, Callback.completed_at, Callback.comment, Callback.caller, Callback.ticket)
             .where((Callback.state == CallbackState.DONE.value) & (Callback.rating == "dissatisfied"))
             .order_by(Callback.id).tuples()]

    # Which complaints, in which state, received when.
    def ago(lo: float, hi: float) -> datetime:
        return _office(now - timedelta(seconds=int(rng.uniform(lo, hi) * 86400)), now)

    first = _Plan(S.DISPATCHED.value, ComplaintSource.PHONE.value, ago(10, 12))
    plans = [
        _Plan(CLOSED_OK, ComplaintSource.PHONE.value, ago(25, 50), vip=True),
        first,
        _Plan(S.ACCEPTED.value, ComplaintSource.PHONE.value, ago(1.5, 3), second_of=first),
        _Plan(S.RECORDED.value, ComplaintSource.EMAIL.value, ago(0.05, 0.8)),
        _Plan(S.FORM.value, ComplaintSource.CALLBACK.value, ago(6, 8)),
        _Plan(S.VERIFIED.value, ComplaintSource.EMAIL.value, ago(3.5, 4.2)),
        _Plan(S.INVALID.value, ComplaintSource.PHONE.value, ago(12, 60)),
        _Plan(CLOSED_NOTIFIED, ComplaintSource.EMAIL.value, ago(12, 60)),
        _Plan(CLOSED_OK, ComplaintSource.CALLBACK.value, ago(12, 70)),
    ]
    extra = rng.randint(8, 14) + min(6, ctx.ticket_count // 20000)
    span = max(12.0, (now - start).days - 3.0)
    for _ in range(extra):
        state = rng.choices((CLOSED_OK, CLOSED_NOTIFIED, S.INVALID.value), weights=(70, 10, 20))[0]
        source = rng.choices((ComplaintSource.PHONE.value, ComplaintSource.EMAIL.value,
                              ComplaintSource.CALLBACK.value), weights=(45, 20, 35))[0]
        plans.append(_Plan(state, source, ago(10, span)))

    by_close = sorted(closed, key=lambda tk: (tk.closed_at, tk.id))
    close_times = [tk.closed_at for tk in by_close]
    vips = [tk for tk in closed if contacts.get(tk.contact_id) and contacts[tk.contact_id].is_vip
            and tk.closed_at < now - 20 * day]

    def closed_between(lo: datetime, hi: datetime) -> list[TicketInfo]:
        return by_close[bisect.bisect_left(close_times, lo): bisect.bisect_right(close_times, hi)]

    used_calls: set[int] = set()
    used_tickets: set[int] = set()
    for plan in plans:
        if plan.second_of is not None:
            continue
        if plan.source == ComplaintSource.CALLBACK.value:
            fits = [c for c in calls if c[0] not in used_calls and c[1] <= plan.received
                    and plan.received - c[1] < 4 * day] or \
                   [c for c in calls if c[0] not in used_calls and c[1] <= plan.received]
            if fits:
                call = max(fits, key=lambda c: c[1])
                used_calls.add(call[0])
                plan.callback = call[:4]
                plan.ticket = by_id.get(call[4])
                plan.received = call[1] + timedelta(minutes=rng.randint(2, 15))
                plan.category = _category_of(call[2]) or rng.choice(list(CATEGORIES))
                continue
            plan.source = ComplaintSource.PHONE.value
        pool = [tk for tk in closed_between(plan.received - 10 * day, plan.received - timedelta(hours=2))
                if tk.id not in used_tickets]
        if plan.vip and vips:
            tk = rng.choice(vips)
            pool = [tk]
            plan.received = _office(tk.closed_at + timedelta(seconds=rng.randint(3, 40) * 3600), now)
        if not pool:
            pool = closed_between(datetime.min, plan.received) or closed
        plan.ticket = rng.choice(pool)
        used_tickets.add(plan.ticket.id)
        plan.category = rng.choice(list(CATEGORIES))
    for plan in plans:
        if plan.second_of is not None:
            plan.ticket, plan.category = plan.second_of.ticket, plan.second_of.category

    plans.sort(key=lambda p: p.received)
    base_id = (Complaint.select(Complaint.id).order_by(Complaint.id.desc()).limit(1).scalar() or 0) + 1
    for i, plan in enumerate(plans):
        plan.id = base_id + i
    rows, events = [], []
    seq: dict[str, int] = {}
    for plan in plans:
        row, log = _complaint(ctx, plan, contacts)
        key = f"{plan.received:%Y%m%d}"
        seq[key] = seq.get(key, 0) + 1
        row["number"] = f"TS-{key}-{seq[key]:03d}"
        plan.number = row["number"]
        rows.append(row)
        events.extend(log)
    for plan, row in zip(plans, rows, strict=True):
        if plan.second_of is not None:
            row["previous"] = plan.second_of.id
            row["escalation_reason"] = "；".join(
                x for x in (row["escalation_reason"], f"关于{plan.second_of.number}的二次投诉") if x)
            row["escalated"] = True
            events.insert(0, {"complaint": plan.id, "code": "escalate", "at": plan.received + timedelta(minutes=2),
                              "user": row["created_by"],
                              "text": f"已升级至总经理：{row['escalation_reason']}"})
    bulk_insert(Complaint, rows)
    events.sort(key=lambda e: (e["at"], e["complaint"]))
    bulk_insert(ComplaintEvent, events)
    ctx.advance(10)


def _office(at: datetime, now: datetime) -> datetime:
    """`at` moved into office hours (08:30–18:00), never after the demo's now."""
    if at.hour >= 18:
        at = datetime.combine(at.date() + timedelta(days=1), time(8, 30)) + timedelta(minutes=at.minute)
    elif at.hour < 8 or (at.hour == 8 and at.minute < 30):
        at = datetime.combine(at.date(), time(8, 30)) + timedelta(minutes=at.minute)
    return min(at, now)


def _category_of(comment: str) -> str:
    """The complaint type a callback comment points at."""
    for category, words in (("服务态度", ("态度",)), ("响应超时", ("慢", "迟迟", "响应")),
                            ("维修质量", ("又出现", "根本", "出故障"))):
        if any(w in comment for w in words):
            return category
    return "沟通不畅"


def _complaint(ctx: DemoContext, plan: _Plan, contacts: dict) -> tuple[dict, list[dict]]:
    """The complaint's row and its events, stepping through the flow up to `plan.state`."""
    rng = ctx.rng
    now = ctx.now
    tk = plan.ticket
    contact = contacts.get(tk.contact_id) if tk else None
    agents = [u.id for u in ctx.users.get(Role.AGENT.value, [])] or [ctx.admin().id]
    quality = [u.id for u in ctx.users.get(Role.QUALITY.value, [])] or agents
    managers = [u.id for u in ctx.users.get(Role.MANAGER.value, []) if Role.ADMIN.value not in u.roles] \
        or [ctx.admin().id]
    leads = {team.id: (team.name, team.lead_id) for team in ctx.teams}
    recorder = plan.callback[3] if plan.callback else rng.choice(agents)
    handler = rng.choice(quality + agents[:1])
    department, manager = leads.get(tk.team_id, ("服务台", managers[0])) if tk else ("服务台", managers[0])
    rep = str(ctx.settings.get("complaint.management_rep") or "") or \
        f"{ctx.staff[quality[0]].full_name}（管理者代表）"
    category = plan.category
    name = contact.name if contact else "报修人"
    tech = ctx.staff[tk.assignee_id].full_name if tk and tk.assignee_id in ctx.staff else "维修工程师"
    if plan.callback:
        description = f"电话回访时客户表示非常不满并要求投诉：{plan.callback[2]}（工单{tk.number}）"
    else:
        description = rng.choice(CATEGORIES[category]).format(
            name=name, loc=contact.location if contact else "", number=tk.number if tk else "—", tech=tech)
        if plan.second_of is not None:
            description = f"二次投诉：此前投诉的问题至今未解决。{description}"
        if plan.source == ComplaintSource.EMAIL.value:
            description = "邮件投诉：" + description
    vip = bool(plan.vip or (contact and contact.is_vip))
    received = plan.received
    resolution_days = int(ctx.settings.get("complaint.resolution_days", 5))
    row: dict = {
        "id": plan.id, "number": "", "received_at": received, "source": plan.source, "complainant": name,
        "complainant_title": contact.title if contact else "", "is_vip": vip,
        "contact": contact.id if contact else None, "unit": tk.unit_id if tk else None,
        "phone": contact.phone if contact else "",
        "email": f"user{contact.id}@unit{tk.unit_id}.example.cn" if contact and plan.source == "email" else "",
        "ticket": tk.id if tk else None, "callback": plan.callback[0] if plan.callback else None,
        "survey_response": None, "category": category, "description": description,
        "state": S.RECORDED.value, "accepted_by": None, "accepted_at": None, "is_valid": None,
        "validity_reason": "", "department": "", "department_manager": None, "management_rep": "",
        "dispatched_at": None, "measures": "", "verified_by": None, "verified_at": None,
        "customer_confirmed": False, "customer_notified": False, "close_reason": "", "closed_by": None,
        "closed_at": None, "findings": "", "escalated": vip,
        "escalation_reason": f"VIP投诉人（{contact.title}）" if vip and contact else "", "previous": None,
        "due_at": received + timedelta(days=resolution_days), "created_by": recorder, "updated_by": recorder,
        "created_at": received, "updated_at": received, "version": 1,
    }
    log: list[dict] = []
    at = received

    def event(code: str, user: int, text: str, hours: tuple[float, float] = (0, 0)) -> datetime:
        nonlocal at
        at = _office(at + timedelta(seconds=int(rng.uniform(*hours) * 3600)), now)
        log.append({"complaint": plan.id, "code": code, "at": at, "user": user, "text": text})
        row["updated_at"], row["updated_by"] = at, user
        row["version"] += 1 if code not in ("01", "escalate") else 0
        return at

    source_text = {"phone": "电话", "email": "邮件", "callback": "电话回访"}[plan.source]
    event("01", recorder, f"登记{source_text}投诉")
    if vip:
        event("escalate", recorder, f"已升级至总经理：{row['escalation_reason']}", (0.01, 0.05))
    order = [S.RECORDED.value, S.ACCEPTED.value, S.FORM.value, S.DISPATCHED.value, S.VERIFIED.value, "closed"]
    target = plan.state
    reach = {CLOSED_OK: 5, CLOSED_NOTIFIED: 5, S.INVALID.value: 2}.get(target, order.index(target) if target in order
                                                                         else 0)
    if reach >= 1:
        row["accepted_at"] = event("02", handler, "已与投诉人联系，确认投诉内容并致歉", (0.3, 3))
        row["accepted_by"], row["state"] = handler, S.ACCEPTED.value
    if target == S.INVALID.value:
        reason = rng.choice(INVALID_REASONS).format(number=tk.number if tk else "—")
        row["closed_at"] = event("03", handler, f"无效投诉，已告知客户：{reason}", (2, 20))
        row.update(is_valid=False, validity_reason=reason, state=S.INVALID.value, customer_notified=True,
                   closed_by=handler)
        return row, log
    if reach >= 2:
        reason = VALID_REASONS[category]
        event("03", handler, f"有效投诉：{reason}", (2, 20))
        row.update(is_valid=True, validity_reason=reason, state=S.FORM.value)
    if reach >= 3:
        event("04", handler, "填写投诉记录单", (0.5, 3))
        to = ctx.staff[manager].full_name
        row["dispatched_at"] = event("05", handler, f"已派发给{to}（{department}），抄送{rep}", (0.1, 0.5))
        row.update(department=department, department_manager=manager, management_rep=rep,
                   state=S.DISPATCHED.value)
        if reach >= 4 or rng.random() < 0.5:
            measures = MEASURES[category]
            event("05", handler, f"处理措施：{measures}", (10, 30))
            row["measures"] = measures
    if reach >= 4:
        verifier = rng.choice(managers)
        row["verified_at"] = event("06", verifier, "经核实，整改措施已落实到位", (5, 20))
        row.update(verified_by=verifier, state=S.VERIFIED.value)
    if reach >= 5:
        if target == CLOSED_OK:
            row["closed_at"] = event("close", handler, f"关闭，{rng.choice(CONFIRM_TEXTS)}", (5, 40))
            row.update(customer_confirmed=True, customer_notified=True)
        else:
            reason = rng.choice(CLOSE_REASONS)
            row["closed_at"] = event("close", handler, f"未经客户确认关闭：{reason}", (30, 72))
            row.update(customer_notified=True, close_reason=reason)
        row.update(state=S.CLOSED.value, closed_by=handler, findings=FINDINGS[category])
    return row, log
