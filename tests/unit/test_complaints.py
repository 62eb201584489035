"""Complaint flow R20–R24: each step, each refusal, escalation, overdue, analysis, e-mail text."""

from datetime import date, datetime, timedelta
from urllib.parse import unquote

import pytest

from desk_app.errors import PermissionDenied, ValidationError
from desk_app.models import AuditLog, Complaint, ComplaintEvent, CustomerUnit, Ticket, User
from desk_app.services import complaints, improvement, settings
from desk_app.services.complaints import ComplaintFilter, ComplaintInput


def _input(**changes) -> ComplaintInput:
    values = dict(received_at=datetime(2026, 11, 2, 9, 30), source="phone", complainant="张主任",
                  description="打印机报修三天无人处理")
    values.update(changes)
    return ComplaintInput(**values)


@pytest.fixture
def agent(make_user):
    return make_user("agent", name="服务台小李")


@pytest.fixture
def manager(make_user):
    return make_user("manager", name="王经理")


def _walk_to_verified(agent, manager, **changes):
    c = complaints.register(agent, _input(**changes))
    c = complaints.accept(agent, c.row.id, c.row.version, "已与客户确认")
    c = complaints.decide_validity(agent, c.row.id, c.row.version, True, "超过约定的4小时修复时间")
    c = complaints.dispatch(agent, c.row.id, c.row.version, "桌面运维部", manager.id, "质量部刘代表")
    c = complaints.record_measures(agent, c.row.id, c.row.version, "增加备机，当日上门")
    return complaints.verify(manager, c.row.id, c.row.version, "措施有效")


def test_register_numbers_and_due_time(db, agent):
    first = complaints.register(agent, _input())
    second = complaints.register(agent, _input(complainant="李四"))
    assert first.row.number == "TS-20261102-001"
    assert second.row.number == "TS-20261102-002"
    assert first.row.state == "recorded" and first.row.code == "01"
    assert first.row.due_at == datetime(2026, 11, 2, 9, 30) + timedelta(days=5)
    assert [e.code for e in first.events] == ["01"]
    assert AuditLog.select().where(AuditLog.action == "complaint.register").count() == 2


def test_full_flow_to_closed_with_confirmation(db, agent, manager):
    c = _walk_to_verified(agent, manager)
    assert c.row.state == "verified" and c.verified_by == "王经理"
    c = complaints.close(agent, c.row.id, c.row.version, customer_confirmed=True, findings="备机不足 & 响应慢 <教训>")
    assert c.row.state == "closed"
    assert c.findings == "备机不足 & 响应慢 <教训>"
    assert [e.code for e in c.events] == ["01", "02", "03", "05", "05", "06", "close"]
    actions = {a.action for a in AuditLog.select()}
    assert {"complaint.accept", "complaint.validity", "complaint.dispatch", "complaint.verify",
            "complaint.close"} <= actions


def test_close_refused_without_confirmation_or_reason(db, agent, manager):
    c = _walk_to_verified(agent, manager)
    with pytest.raises(ValidationError) as err:
        complaints.close(agent, c.row.id, c.row.version, customer_confirmed=False)
    assert err.value.field == "customer_confirmed"
    with pytest.raises(ValidationError):
        complaints.close(agent, c.row.id, c.row.version, customer_confirmed=False, customer_notified=True)
    closed = complaints.close(agent, c.row.id, c.row.version, customer_confirmed=False, customer_notified=True,
                              reason="客户多次联系不上，已短信通知")
    assert closed.row.state == "closed" and not closed.customer_confirmed and closed.customer_notified


def test_verify_only_by_manager(db, agent, manager, make_user):
    c = complaints.register(agent, _input())
    c = complaints.accept(agent, c.row.id, c.row.version)
    c = complaints.decide_validity(agent, c.row.id, c.row.version, True, "属实")
    c = complaints.dispatch(agent, c.row.id, c.row.version, "网络部", manager.id)
    c = complaints.record_measures(agent, c.row.id, c.row.version, "更换交换机")
    with pytest.raises(PermissionDenied):
        complaints.verify(agent, c.row.id, c.row.version)
    assert Complaint.get_by_id(c.row.id).state == "dispatched"


def test_verify_requires_measures(db, agent, manager):
    c = complaints.register(agent, _input())
    c = complaints.accept(agent, c.row.id, c.row.version)
    c = complaints.decide_validity(agent, c.row.id, c.row.version, True, "属实")
    c = complaints.dispatch(agent, c.row.id, c.row.version, "网络部", manager.id)
    with pytest.raises(ValidationError):
        complaints.verify(manager, c.row.id, c.row.version)


def test_invalid_complaint_is_closed_and_customer_told(db, agent):
    c = complaints.register(agent, _input())
    c = complaints.accept(agent, c.row.id, c.row.version)
    with pytest.raises(ValidationError):
        complaints.decide_validity(agent, c.row.id, c.row.version, False, "属于用户自身操作问题")
    c = complaints.decide_validity(agent, c.row.id, c.row.version, False, "属于用户自身操作问题",
                                   customer_told=True)
    assert c.row.state == "invalid" and c.customer_notified and c.is_valid is False
    assert not c.row.overdue


def test_steps_out_of_order_are_refused(db, agent, manager):
    c = complaints.register(agent, _input())
    with pytest.raises(ValidationError, match="recorded|Recorded"):
        complaints.dispatch(agent, c.row.id, c.row.version, "网络部", manager.id)
    with pytest.raises(ValidationError):
        complaints.close(agent, c.row.id, c.row.version, customer_confirmed=True)


def test_technician_cannot_record(db, make_user):
    tech = make_user("technician")
    with pytest.raises(PermissionDenied):
        complaints.register(tech, _input())
    assert Complaint.select().count() == 0


def test_missing_fields_are_named(db, agent):
    with pytest.raises(ValidationError) as err:
        complaints.register(agent, _input(complainant="  "))
    assert err.value.field == "complainant"
    with pytest.raises(ValidationError) as err:
        complaints.register(agent, _input(received_at=datetime.now() + timedelta(days=1)))
    assert err.value.field == "received_at"


def test_vip_escalates_automatically(db, agent):
    by_title = complaints.register(agent, _input(complainant_title="财政局局长"))
    assert by_title.row.escalated and by_title.is_vip
    assert "局长" in by_title.escalation_reason
    assert [e.code for e in by_title.events] == ["01", "escalate"]
    flagged = complaints.register(agent, _input(is_vip=True, complainant="赵总"))
    assert flagged.row.escalated
    plain = complaints.register(agent, _input(complainant_title="科员"))
    assert not plain.row.escalated and plain.escalation_reason == ""


def test_second_complaint_on_same_unresolved_ticket_escalates(db, agent, admin):
    ticket = Ticket.create(number="GD-20261101-0001", reported_at=datetime(2026, 11, 1, 8), reporter_name="张主任",
                           description="网络不通")
    first = complaints.register(agent, _input(ticket_id=ticket.id))
    assert not first.row.escalated
    second = complaints.register(agent, _input(ticket_id=ticket.id, received_at=datetime(2026, 11, 3, 10)))
    assert second.row.escalated
    assert second.previous_number == first.row.number
    assert first.row.number in second.escalation_reason


def test_second_complaint_after_first_closed_is_not_escalated(db, agent, manager):
    ticket = Ticket.create(number="GD-20261101-0002", reported_at=datetime(2026, 11, 1, 8), reporter_name="张主任",
                           description="网络不通")
    first = _walk_to_verified(agent, manager, ticket_id=ticket.id)
    complaints.close(agent, first.row.id, first.row.version, customer_confirmed=True)
    again = complaints.register(agent, _input(ticket_id=ticket.id, received_at=datetime(2026, 11, 5, 10)))
    assert not again.row.escalated


def test_overdue_flag(db, agent):
    c = complaints.register(agent, _input())
    due = c.row.due_at
    assert not complaints.get_complaint(c.row.id, at=due - timedelta(minutes=1)).row.overdue
    assert complaints.get_complaint(c.row.id, at=due + timedelta(minutes=1)).row.overdue
    assert [r.number for r in complaints.overdue_complaints(at=due + timedelta(hours=1))] == [c.row.number]
    assert complaints.overdue_complaints(at=due - timedelta(hours=1)) == []


def test_resolution_days_setting_applies(db, agent, admin):
    settings.set_many(admin, {"complaint.resolution_days": 2})
    c = complaints.register(agent, _input())
    assert c.row.due_at == datetime(2026, 11, 4, 9, 30)


def test_notification_email_and_mailto(db, agent, manager):
    User.update(email="wang@example.com").where(User.id == manager.id).execute()
    c = complaints.register(agent, _input())
    c = complaints.accept(agent, c.row.id, c.row.version)
    c = complaints.decide_validity(agent, c.row.id, c.row.version, True, "属实")
    c = complaints.dispatch(agent, c.row.id, c.row.version, "桌面运维部", manager.id, "rep@example.com")
    subject, body, url = complaints.notification_email(c.row.id)
    assert c.row.number in subject
    assert "打印机报修三天无人处理" in body
    assert url.startswith("mailto:wang%40example.com?subject=") or url.startswith("mailto:wang@example.com?subject=")
    assert "cc=rep%40example.com" in url
    assert "打印机报修三天无人处理" in unquote(url)


def test_filters_and_analysis(db, agent):
    unit = CustomerUnit.create(name="市第一人民医院")
    complaints.register(agent, _input(unit_id=unit.id, category="响应慢"))
    complaints.register(agent, _input(source="email", category="响应慢", received_at=datetime(2026, 10, 20, 9)))
    complaints.register(agent, _input(category="态度", received_at=datetime(2026, 10, 21, 9)))
    assert len(complaints.list_complaints(ComplaintFilter(source="email"))) == 1
    assert len(complaints.list_complaints(ComplaintFilter(unit_id=unit.id))) == 1
    assert len(complaints.list_complaints(ComplaintFilter(text="态度"))) == 1
    result = complaints.analysis(date(2026, 10, 1), date(2026, 11, 30), at=datetime(2026, 11, 3))
    assert result.total == 3
    assert dict(result.by_category) == {"响应慢": 2, "态度": 1}
    assert dict(result.by_source) == {"phone": 2, "email": 1}
    assert dict(result.by_month) == {"2026-10": 2, "2026-11": 1}
    assert dict(result.by_unit) == {"市第一人民医院": 1, "—": 2}


def test_valid_complaint_starts_project_keeping_link(db, agent, manager):
    c = _walk_to_verified(agent, manager)
    project = improvement.from_complaint(manager, c.row.id)
    assert project.source == "complaint" and project.source_ref == c.row.number
    assert complaints.get_complaint(c.row.id).project_numbers == (project.number,)
    assert improvement.from_complaint(manager, c.row.id).id == project.id  # one step, not twice


def test_invalid_complaint_cannot_start_project(db, agent, manager):
    c = complaints.register(agent, _input())
    with pytest.raises(ValidationError):
        improvement.from_complaint(manager, c.row.id)


def test_automatic_complaint_without_actor(db):
    c = complaints.register(None, _input(source="callback"))
    assert c.row.source == "callback"
    assert ComplaintEvent.get(ComplaintEvent.complaint == c.row.id).user is None


def test_register_export_reads_back(db, agent, tmp_path):
    from openpyxl import load_workbook

    from desk_app.services import registers

    complaints.register(agent, _input(description="=HYPERLINK(\"http://x\") 报修无人处理", category="响应慢"))
    complaints.register(agent, _input(complainant="李四", complainant_title="局长"))
    out = tmp_path / "complaints.xlsx"
    assert registers.export_complaints(out) == 2
    ws = load_workbook(out).active
    assert ws["A1"].value == "Complaint register"
    headers = [c.value for c in ws[2]]
    assert headers[:4] == ["Number", "Received at", "Source", "Complainant"]
    rows = {r[3]: r for r in ws.iter_rows(min_row=3, values_only=True)}
    assert rows["张主任"][7] == "'=HYPERLINK(\"http://x\") 报修无人处理"  # neutralised, not a formula
    assert rows["张主任"][1] == datetime(2026, 11, 2, 9, 30)
    assert rows["李四"][10] == "Yes"  # escalated (VIP)
    assert not [c for row in ws.iter_rows() for c in row if c.data_type == "f"]
