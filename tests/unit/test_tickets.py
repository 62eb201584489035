"""Ticket services: state machine (R4), permissions (R2), SLA (R5), numbers (R3), repeats (R6), list."""

from datetime import date, datetime, timedelta

import pytest

from desk_app import i18n
from desk_app.errors import ConflictError, PermissionDenied, ValidationError
from desk_app.models import AuditLog, CustomerUnit, Team, Ticket, TicketEvent
from desk_app.models.enums import Role
from desk_app.services import settings, ticket_detail, ticket_list, ticket_rules, tickets
from desk_app.services.ticket_input import TicketInput
from desk_app.services.ticket_list import TicketFilter


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def form(**changes) -> TicketInput:
    values = {"channel": "hotline", "reported_at": _now() - timedelta(hours=2), "reporter_name": "张三",
              "reporter_phone": "13800000000", "description": "打印机无法打印\n第二行", "priority": "P3"}
    values.update(changes)
    return TicketInput(**values)


@pytest.fixture
def agent(make_user):
    return make_user(Role.AGENT, team="服务台", name="王服务台")


@pytest.fixture
def tech(make_user):
    return make_user(Role.TECHNICIAN, team="一班", name="李技术")


@pytest.fixture
def tech2(make_user):
    return make_user(Role.TECHNICIAN, team="二班", name="赵技术")


def _states(detail) -> list[tuple[str, str, str]]:
    return [(e.kind, e.from_state, e.to_state) for e in detail.events]


# ----------------------------------------------------------------- create and numbers


def test_create_sets_number_sla_event_and_audit(db, agent):
    reported = datetime(2026, 10, 20, 9, 30)
    d = tickets.create_ticket(agent, form(reported_at=reported))
    assert d.number == "GD-20261020-0001"
    assert d.state == "new"
    assert d.first_response_due == reported + timedelta(hours=1)
    assert d.resolution_due == reported + timedelta(hours=24)
    assert d.first_response_at is None
    assert _states(d) == [("created", "", "new")]
    assert d.events[0].user_name == "王服务台"
    assert d.allowed_actions == ("assign", "start", "note")
    assert AuditLog.select().where(AuditLog.action == "ticket.create").count() == 1
    assert d.created_by_name == "王服务台"


def test_numbers_per_day_and_never_reused(db, agent):
    day1, day2 = datetime(2026, 10, 20, 9), datetime(2026, 10, 21, 9)
    a = tickets.create_ticket(agent, form(reported_at=day1))
    b = tickets.create_ticket(agent, form(reported_at=day1 + timedelta(hours=1)))
    c = tickets.create_ticket(agent, form(reported_at=day2))
    assert (a.number, b.number, c.number) == ("GD-20261020-0001", "GD-20261020-0002", "GD-20261021-0001")
    Ticket.delete().where(Ticket.id == b.id).execute()  # the last number of the day is gone
    assert tickets.next_number(date(2026, 10, 20)) == "GD-20261020-0003"
    d = tickets.create_ticket(agent, form(reported_at=day1))
    assert d.number == "GD-20261020-0003"
    # imported numbers count too
    Ticket.insert(number="GD-20261021-0041", reported_at=day2, reporter_name="x", description="x").execute()
    assert tickets.next_number(date(2026, 10, 21)) == "GD-20261021-0042"
    assert tickets.next_number(date(2026, 10, 22)) == "GD-20261022-0001"


def test_number_clash_is_retried(db, agent, monkeypatch):
    first = tickets.create_ticket(agent, form(reported_at=datetime(2026, 10, 20, 9)))
    real = tickets.next_number
    calls = []

    def stale(day):  # another workstation took the number between our read and our insert
        calls.append(day)
        return first.number if len(calls) == 1 else real(day)

    monkeypatch.setattr(tickets, "next_number", stale)
    second = tickets.create_ticket(agent, form(reported_at=datetime(2026, 10, 20, 10)))
    assert second.number == "GD-20261020-0002"
    assert len(calls) == 2


def test_number_beyond_9999(db, agent):
    Ticket.insert(number="GD-20261020-9999", reported_at=datetime(2026, 10, 20, 9), reporter_name="x",
                  description="x").execute()
    Ticket.insert(number="GD-20261020-10000", reported_at=datetime(2026, 10, 20, 9), reporter_name="x",
                  description="x").execute()
    assert tickets.next_number(date(2026, 10, 20)) == "GD-20261020-10001"


@pytest.mark.parametrize(("changes", "field"), [
    ({"reporter_name": "  "}, "reporter_name"),
    ({"description": ""}, "description"),
    ({"channel": "fax"}, "channel"),
    ({"priority": "P9"}, "priority"),
    ({"reported_at": None}, "reported_at"),
    ({"reported_at": datetime.now() + timedelta(minutes=30)}, "reported_at"),
    ({"required_by": datetime(2000, 1, 1)}, "required_by"),
    ({"reporter_name": "x" * 101}, "reporter_name"),
    ({"description": "x" * 10_001}, "description"),
    ({"unit_id": 999}, "unit_id"),
    ({"team_id": 999}, "team_id"),
])
def test_create_validation_names_the_field(db, agent, changes, field):
    with pytest.raises(ValidationError) as err:
        tickets.create_ticket(agent, form(**changes))
    assert err.value.field == field
    assert Ticket.select().count() == 0


def test_validation_messages_are_translated(db, agent):
    i18n.set_language("zh_CN")
    with pytest.raises(ValidationError, match="报修人不能为空"):
        tickets.create_ticket(agent, form(reporter_name=""))


def test_clock_skew_allowed_and_markup_kept(db, agent):
    d = tickets.create_ticket(agent, form(reported_at=_now() + timedelta(minutes=3),
                                          description="<b>蓝屏</b> & \"重启\"\x07"))
    assert d.input.description == "<b>蓝屏</b> & \"重启\""


# ----------------------------------------------------------------- permissions


def test_quality_user_cannot_create(db, make_user):
    quality = make_user(Role.QUALITY)
    with pytest.raises(PermissionDenied):
        tickets.create_ticket(quality, form())


def test_technician_cannot_assign(db, agent, tech, tech2):
    d = tickets.create_ticket(agent, form())
    with pytest.raises(PermissionDenied):
        tickets.assign(tech, d.id, d.version, tech2.id)
    with pytest.raises(PermissionDenied):  # nor create an already assigned ticket for someone else
        tickets.create_ticket(tech, form(assignee_id=tech2.id))
    mine = tickets.create_ticket(tech, form(assignee_id=tech.id))  # taking it themself is fine
    assert mine.state == "assigned" and mine.assignee_name == "李技术"


def test_dispatcher_cannot_work_on_tickets(db, agent, make_user, tech):
    dispatcher = make_user(Role.DISPATCHER)
    d = tickets.create_ticket(dispatcher, form())
    d = tickets.assign(dispatcher, d.id, d.version, tech.id)
    with pytest.raises(PermissionDenied):
        tickets.start_work(dispatcher, d.id, d.version)
    with pytest.raises(PermissionDenied):
        tickets.close(dispatcher, d.id, d.version, "原因", "处理")


# ----------------------------------------------------------------- state machine


def test_full_life_cycle(db, agent, tech):
    d = tickets.create_ticket(agent, form())
    d = tickets.assign(agent, d.id, d.version, tech.id, note="请尽快")
    assert d.state == "assigned" and d.assignee_name == "李技术" and d.team_name == "一班"
    assert d.first_response_at is not None
    first_response = d.first_response_at
    d = tickets.start_work(tech, d.id, d.version, "已联系用户")
    assert d.state == "in_progress"
    d = tickets.escalate(tech, d.id, d.version, "l2", "需要二线处理")
    assert d.state == "escalated_l2"
    d = tickets.escalate(tech, d.id, d.version, "vendor", "硬件故障", vendor="惠普")
    assert d.state == "escalated_vendor" and d.vendor == "惠普"
    d = tickets.resolve(tech, d.id, d.version, "", "更换定影器")
    assert d.state == "resolved" and d.resolved_at is not None and d.resolution == "更换定影器"
    d = tickets.close(agent, d.id, d.version, "定影器老化", "更换定影器")
    assert d.state == "closed" and d.closed_at is not None and d.cause == "定影器老化"
    assert d.first_response_at == first_response  # only the first response counts
    assert d.allowed_actions == ("reopen", "note", "repeat")
    assert _states(d) == [
        ("created", "", "new"), ("assigned", "new", "assigned"), ("state", "assigned", "in_progress"),
        ("escalated", "in_progress", "escalated_l2"), ("escalated", "escalated_l2", "escalated_vendor"),
        ("state", "escalated_vendor", "resolved"), ("state", "resolved", "closed"),
    ]
    assert "请尽快" in d.events[1].text and "惠普" in d.events[4].text
    actions = [a.action for a in AuditLog.select().where(AuditLog.entity == "ticket").order_by(AuditLog.id)]
    assert actions == ["ticket.create", "ticket.assign", "ticket.start", "ticket.escalate_l2",
                       "ticket.escalate_vendor", "ticket.resolve", "ticket.close"]
    assert d.version == 7


def test_reopen_to_in_progress_or_assigned(db, agent, tech):
    d = tickets.create_ticket(agent, form(assignee_id=agent.id))
    d = tickets.close(agent, d.id, d.version, "原因", "处理")
    with pytest.raises(ValidationError) as err:
        tickets.reopen(agent, d.id, d.version, "")
    assert err.value.field == "reason"
    d = tickets.reopen(agent, d.id, d.version, "用户反馈仍有问题")
    assert d.state == "in_progress" and d.closed_at is None and d.resolved_at is None
    assert d.events[-1].kind == "reopened" and d.events[-1].text == "用户反馈仍有问题"
    d = tickets.close(agent, d.id, d.version, "原因2", "处理2")
    d = tickets.reopen(agent, d.id, d.version, "换人处理", to_state="assigned")
    assert d.state == "assigned"
    with pytest.raises(ValidationError):
        tickets.reopen(agent, d.id, d.version, "x")  # not closed any more


def test_close_from_in_progress_resolves_and_closes(db, agent):
    d = tickets.create_ticket(agent, form())
    d = tickets.start_work(agent, d.id, d.version)
    assert d.assignee_name == "王服务台"  # an unassigned ticket is taken by whoever starts it
    assert d.first_response_at is not None
    d = tickets.close(agent, d.id, d.version, "网线松动", "重新插好网线")
    assert d.state == "closed" and d.resolved_at == d.closed_at
    assert _states(d)[-2:] == [("state", "in_progress", "resolved"), ("state", "resolved", "closed")]


@pytest.mark.parametrize("action", ["start", "escalate_l2", "escalate_vendor", "resolve", "close", "reopen", "repeat"])
def test_refused_transitions_from_new(db, agent, action):
    d = tickets.create_ticket(agent, form())
    calls = {
        "start": lambda: tickets.start_work(agent, d.id, d.version),  # allowed from new: see below
        "escalate_l2": lambda: tickets.escalate(agent, d.id, d.version, "l2", "原因"),
        "escalate_vendor": lambda: tickets.escalate(agent, d.id, d.version, "vendor", "原因", "厂商"),
        "resolve": lambda: tickets.resolve(agent, d.id, d.version, "", "处理"),
        "close": lambda: tickets.close(agent, d.id, d.version, "原因", "处理"),
        "reopen": lambda: tickets.reopen(agent, d.id, d.version, "原因"),
        "repeat": lambda: tickets.create_repeat(agent, d.id, form()),
    }
    if action == "start":
        assert calls[action]().state == "in_progress"
        return
    with pytest.raises(ValidationError) as err:
        calls[action]()
    assert "New" in str(err.value)  # names the current state …
    assert ticket_rules.action_label(action) in str(err.value)  # … and the action
    assert Ticket.get_by_id(d.id).state == "new"


def test_refused_transitions_from_closed_in_chinese(db, agent, tech):
    d = tickets.create_ticket(agent, form(assignee_id=agent.id))
    d = tickets.close(agent, d.id, d.version, "原因", "处理")
    i18n.set_language("zh_CN")
    for call in (lambda: tickets.assign(agent, d.id, d.version, tech.id),
                 lambda: tickets.start_work(agent, d.id, d.version),
                 lambda: tickets.escalate(agent, d.id, d.version, "l2", "原因"),
                 lambda: tickets.resolve(agent, d.id, d.version, "", "处理"),
                 lambda: tickets.close(agent, d.id, d.version, "原因", "处理")):
        with pytest.raises(ValidationError, match="已关闭"):
            call()
    assert ticket_detail.get_ticket(d.id).version == d.version


def test_transition_table_is_consistent():
    states = set(ticket_rules.ALL_STATES)
    for action, table in ticket_rules.TRANSITIONS.items():
        assert action in ticket_rules.ACTION_LABELS
        for source, targets in table.items():
            assert source in states and targets and set(targets) <= states
    assert ticket_rules.allowed_actions("closed") == ("reopen", "note", "repeat")
    assert "close" not in ticket_rules.allowed_actions("new")


def test_close_requires_cause_and_resolution(db, agent):
    d = tickets.create_ticket(agent, form(assignee_id=agent.id))
    d = tickets.resolve(agent, d.id, d.version, "", "重启")
    with pytest.raises(ValidationError) as err:
        tickets.close(agent, d.id, d.version, "", "重启")
    assert err.value.field == "cause"
    with pytest.raises(ValidationError) as err:
        tickets.close(agent, d.id, d.version, "原因", " ")
    assert err.value.field == "resolution"
    with pytest.raises(ValidationError) as err:
        tickets.resolve(agent, d.id, d.version, "", "")  # resolved already, state checked first
    assert err.value.field == "state"


def test_escalation_needs_reason_and_vendor(db, agent):
    d = tickets.create_ticket(agent, form(assignee_id=agent.id))
    with pytest.raises(ValidationError) as err:
        tickets.escalate(agent, d.id, d.version, "l2", "")
    assert err.value.field == "reason"
    with pytest.raises(ValidationError) as err:
        tickets.escalate(agent, d.id, d.version, "vendor", "硬件", vendor="")
    assert err.value.field == "vendor"
    with pytest.raises(ValidationError) as err:
        tickets.escalate(agent, d.id, d.version, "l3", "x")
    assert err.value.field == "level"
    assert ticket_detail.get_ticket(d.id).state == "assigned"


def test_notes_do_not_change_the_version(db, agent):
    d = tickets.create_ticket(agent, form())
    after = tickets.add_note(agent, d.id, "用户不在座位")
    assert after.version == d.version
    assert after.events[-1].kind == "note" and after.events[-1].text == "用户不在座位"
    with pytest.raises(ValidationError):
        tickets.add_note(agent, d.id, "  ")


# ----------------------------------------------------------------- optimistic locking


def test_conflicting_update_is_refused(db, agent, tech):
    d = tickets.create_ticket(agent, form())
    tickets.update_ticket(agent, d.id, d.version, form(reporter_name="李四", reported_at=d.input.reported_at))
    with pytest.raises(ConflictError) as err:
        tickets.update_ticket(agent, d.id, d.version, form(reporter_name="王五", reported_at=d.input.reported_at))
    assert err.value.changed_by == agent.username
    with pytest.raises(ConflictError):
        tickets.assign(agent, d.id, d.version, tech.id)
    fresh = ticket_detail.get_ticket(d.id)
    assert fresh.input.reporter_name == "李四" and fresh.state == "new"


def test_update_recomputes_sla_and_logs_changes(db, agent, tech):
    reported = datetime(2026, 10, 20, 9, 0)
    d = tickets.create_ticket(agent, form(reported_at=reported))
    d = tickets.update_ticket(agent, d.id, d.version, form(reported_at=reported, priority="P1"))
    assert d.resolution_due == reported + timedelta(hours=4)
    later = reported + timedelta(hours=1)
    d = tickets.update_ticket(agent, d.id, d.version, form(reported_at=later, priority="P1"))
    assert d.first_response_due == later + timedelta(hours=1)
    assert d.number == "GD-20261020-0001"
    assert d.events[-1].kind == "edited" and "Reported at" in d.events[-1].text
    same = tickets.update_ticket(agent, d.id, d.version, form(reported_at=later, priority="P1"))
    assert same.version == d.version  # nothing changed, nothing saved
    d = tickets.update_ticket(agent, d.id, d.version, form(reported_at=later, priority="P1", assignee_id=tech.id))
    assert d.state == "assigned" and d.events[-1].kind == "assigned" and d.first_response_at is not None
    with pytest.raises(PermissionDenied):
        t2 = tickets.create_ticket(tech, form())
        tickets.update_ticket(tech, t2.id, t2.version, form(reported_at=t2.input.reported_at, assignee_id=agent.id))


# ----------------------------------------------------------------- SLA


def test_sla_per_priority_follows_settings(db, admin, agent):
    reported = datetime(2026, 10, 20, 9, 0)
    expected = {"P1": (1, 4), "P2": (1, 8), "P3": (1, 24), "P4": (1, 72)}
    for priority, (first, resolution) in expected.items():
        assert ticket_rules.sla_due(reported, priority) == (reported + timedelta(hours=first),
                                                            reported + timedelta(hours=resolution))
    settings.set_many(admin, {"sla.first_response_hours": {"P1": 0.5, "P2": 1, "P3": 2, "P4": 4},
                              "sla.resolution_hours": {"P1": 2, "P2": 6, "P3": 48, "P4": 120}})
    assert ticket_rules.sla_due(reported, "P1") == (reported + timedelta(minutes=30), reported + timedelta(hours=2))
    d = tickets.create_ticket(agent, form(reported_at=reported, priority="P4"))
    assert (d.first_response_due, d.resolution_due) == (reported + timedelta(hours=4), reported + timedelta(hours=120))


def test_overdue_flags(db, agent):
    reported = _now() - timedelta(hours=30)
    d = tickets.create_ticket(agent, form(reported_at=reported, priority="P3"))
    assert d.response_overdue and d.resolution_overdue
    rows = ticket_list.list_tickets(TicketFilter())
    assert rows[0].response_overdue and rows[0].resolution_overdue
    early = ticket_list.list_tickets(TicketFilter(), now=reported + timedelta(minutes=30))
    assert not early[0].response_overdue and not early[0].resolution_overdue
    d = tickets.start_work(agent, d.id, d.version)
    row = ticket_list.list_tickets(TicketFilter())[0]
    assert not row.response_overdue and row.resolution_overdue
    d = tickets.close(agent, d.id, d.version, "原因", "处理")
    row = ticket_list.list_tickets(TicketFilter())[0]
    assert not row.response_overdue and not row.resolution_overdue


# ----------------------------------------------------------------- repeat reports


def test_repeat_report_links_both_ways(db, agent):
    original = tickets.create_ticket(agent, form(assignee_id=agent.id))
    original = tickets.close(agent, original.id, original.version, "原因", "处理")
    repeat = tickets.create_repeat(agent, original.id, form(description="打印机又坏了"))
    assert repeat.repeat_of_id == original.id and repeat.repeat_of_number == original.number
    assert repeat.events[-1].kind == "repeat" and original.number in repeat.events[-1].text
    again = ticket_detail.get_ticket(original.id)
    assert again.repeat_numbers == (repeat.number,)
    assert again.events[-1].kind == "repeat" and repeat.number in again.events[-1].text
    assert again.version == original.version  # the original's row is not edited
    with pytest.raises(ValidationError):
        tickets.create_repeat(agent, 99999, form())


# ----------------------------------------------------------------- the list


@pytest.fixture
def sample(db, agent, tech, tech2):
    """Six tickets over three days, two teams, two units."""
    unit_a = CustomerUnit.create(name="财务部")
    unit_b = CustomerUnit.create(name="人事部")
    base = datetime(2026, 10, 20, 8, 0)
    made = []
    specs = [
        (0, unit_a, tech, "P1", "网络不通"),
        (1, unit_a, tech2, "P2", "打印机卡纸"),
        (1, unit_b, None, "P3", "VPN 连接失败"),
        (2, unit_b, tech, "P4", "电脑蓝屏"),
        (2, unit_a, tech2, "P3", "邮箱无法登录"),
        (3, None, None, "P2", "投诉：维修不及时"),
    ]
    for day, unit, who, priority, text in specs:
        d = tickets.create_ticket(agent, form(reported_at=base + timedelta(days=day, hours=len(made)),
                                              unit_id=unit.id if unit else None, priority=priority,
                                              description=text, assignee_id=who.id if who else None))
        made.append(d)
    d = made[0]
    tickets.close(agent, d.id, d.version, "交换机故障", "更换交换机端口")
    return made


def test_filters(db, sample, agent, tech, tech2):
    team1 = Team.get(Team.name == "一班").id
    unit_a = CustomerUnit.get(CustomerUnit.name == "财务部").id
    base = sample[0].input.reported_at.date()

    at = datetime(2026, 10, 22, 20, 0)

    def numbers(**kw) -> set[str]:
        f = TicketFilter(**kw)
        rows = ticket_list.list_tickets(f, now=at)
        assert ticket_list.count_tickets(f, now=at) == len(rows)
        return {r.number for r in rows}

    n = [d.number for d in sample]
    assert numbers() == set(n)
    assert numbers(states=("closed",)) == {n[0]}
    assert numbers(states=("assigned", "new")) == set(n[1:])
    assert numbers(team_id=team1) == {n[0], n[3]}
    assert numbers(team_id=team1, states=("closed",)) == {n[0]}
    assert numbers(assignee_id=tech2.id) == {n[1], n[4]}
    assert numbers(unit_id=unit_a) == {n[0], n[1], n[4]}
    assert numbers(reported_from=base + timedelta(days=1), reported_to=base + timedelta(days=2)) == set(n[1:5])
    assert numbers(reported_to=base) == {n[0]}
    assert numbers(mine_user_id=tech.id) == {n[0], n[3]}
    assert numbers(mine_user_id=agent.id) == set(n)  # the agent recorded them all
    # at Oct 22 20:00: #1 (P2, resolution due Oct 21 17:00) and #2 (new, response due Oct 21 11:00) are late;
    # #0 is closed, #3 (P4) and #4 (P3, due Oct 23 12:00) not yet due, #5 reported later
    assert numbers(overdue_only=True) == {n[1], n[2]}
    with pytest.raises(ValidationError):
        ticket_list.list_tickets(TicketFilter(states=("bogus",)))


def test_sorting_and_paging(db, sample):
    f = TicketFilter()
    newest_first = [r.number for r in ticket_list.list_tickets(f)]
    assert newest_first == [d.number for d in reversed(sample)]
    assert [r.number for r in ticket_list.list_tickets(f, descending=False)] == newest_first[::-1]
    pages = [ticket_list.list_tickets(f, offset=o, limit=2) for o in (0, 2, 4, 6)]
    assert [r.number for p in pages for r in p] == newest_first and pages[-1] == []
    by_priority = [r.priority for r in ticket_list.list_tickets(f, sort="priority", descending=False)]
    assert by_priority == sorted(by_priority)
    by_unit = [r.unit_name for r in ticket_list.list_tickets(f, sort="unit_name", descending=False)]
    assert by_unit == ["", "人事部", "人事部", "财务部", "财务部", "财务部"]
    by_state = [r.state for r in ticket_list.list_tickets(f, sort="state", descending=False)]
    assert by_state == ["new", "new", "assigned", "assigned", "assigned", "closed"]
    for key in ticket_list.SORT_KEYS:
        for desc in (True, False):
            assert len(ticket_list.list_tickets(f, sort=key, descending=desc)) == 6
    with pytest.raises(ValidationError):
        ticket_list.list_tickets(f, sort="password_hash")
    row = ticket_list.list_tickets(f, limit=1)[0]
    assert row.summary == "投诉：维修不及时" and row.assignee_name == "" and row.team_name == ""


def test_list_row_fields(db, sample):
    closed = ticket_list.list_tickets(TicketFilter(states=("closed",)))[0]
    assert closed.unit_name == "财务部" and closed.team_name == "一班" and closed.assignee_name == "李技术"
    assert isinstance(closed.reported_at, datetime) and isinstance(closed.closed_at, datetime)
    assert closed.version == 2 and closed.priority == "P1"


def test_list_with_text_filter(db, sample):
    f = TicketFilter(text="打印机")
    assert [r.number for r in ticket_list.list_tickets(f)] == [sample[1].number]
    assert ticket_list.count_tickets(TicketFilter(text="交换机")) == 1  # the resolution is searched
    assert ticket_list.count_tickets(TicketFilter(text="网络", states=("new",))) == 0


def test_events_are_stored_with_user_and_time(db, agent):
    d = tickets.create_ticket(agent, form())
    event = TicketEvent.get(TicketEvent.ticket == d.id)
    assert event.user_id == agent.id and abs(event.at - _now()) < timedelta(minutes=1)
