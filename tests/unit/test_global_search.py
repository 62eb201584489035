"""Global search (Ctrl+K): numbers, reporter names and phone numbers find the record to open."""

from datetime import date, datetime

import pytest

from desk_app.models import Complaint, Contact, CustomerUnit, ImprovementProject, RevisitForm, Team, Ticket
from desk_app.services import global_search
from desk_app.services.global_search import Hit, find, looks_like_number, phone_digits


@pytest.fixture
def records(db):
    at = datetime(2026, 10, 20, 9, 30)
    unit = CustomerUnit.create(name="市财政局")
    contact = Contact.create(name="赵科长", phone="0591-87654321", unit=unit)
    first = Ticket.create(number="GD-20261020-0001", reported_at=at, reporter_name="王老师",
                          reporter_phone="13800138000", description="打印机卡纸", state="closed", unit=unit)
    second = Ticket.create(number="GD-20261020-0002", reported_at=at, reporter_name="李老师", reporter_phone="",
                           description="网络中断", state="new", contact=contact)
    complaint = Complaint.create(number="TS-20261021-001", received_at=at, source="phone", complainant="张处长",
                                 phone="13900139000", description="维修太慢", state="recorded")
    team = Team.create(name="一班")
    form = RevisitForm.create(number="HF-20261021-001", ticket=first, team=team, reporter_name="王老师",
                              reporter_phone="13800138000", due_date=date(2026, 11, 5), state="open")
    project = ImprovementProject.create(number="GS-2026-001", problem="网络经常中断", state="proposed")
    return {"first": first, "second": second, "complaint": complaint, "form": form, "project": project,
            "contact": contact}


def kinds_ids(hits: list[Hit]) -> list[tuple[str, int]]:
    return [(h.kind, h.id) for h in hits]


def test_patterns():
    assert looks_like_number("GD-20261020-0001") and looks_like_number("ts-2026") and looks_like_number("GS-")
    assert not looks_like_number("王老师") and not looks_like_number("13800138000")
    assert phone_digits("138 0013 8000") == "13800138000"
    assert phone_digits("0591-87654321") == "059187654321"
    assert phone_digits("123") == "" and phone_digits("GD-2026") == ""


def test_ticket_by_number_comes_first_with_title_and_detail(records):
    hits = find("GD-20261020-0001")
    assert kinds_ids(hits)[0] == ("ticket", records["first"].id)
    assert hits[0].title.startswith("GD-20261020-0001 · 王老师")
    assert "Ticket" in hits[0].detail and "打印机卡纸" in hits[0].detail
    # a part of a number lists every record whose number contains it, lower case works too
    assert {("ticket", records["first"].id), ("ticket", records["second"].id)} <= set(kinds_ids(find("gd-20261020")))


def test_complaint_revisit_and_project_by_number(records):
    assert kinds_ids(find("TS-20261021-001"))[0] == ("complaint", records["complaint"].id)
    assert kinds_ids(find("HF-20261021-001"))[0] == ("revisit", records["form"].id)
    assert kinds_ids(find("GS-2026-001"))[0] == ("improvement", records["project"].id)


def test_reporter_by_name_and_phone(records):
    assert ("ticket", records["first"].id) in kinds_ids(find("王老师"))
    by_phone = kinds_ids(find("13800138000"))
    assert by_phone[:1] == [("ticket", records["first"].id)]
    assert ("revisit", records["form"].id) in by_phone
    # a part of the phone, with spaces
    assert ("ticket", records["first"].id) in kinds_ids(find("1380 0138"))
    # the complainant's phone
    assert kinds_ids(find("13900139000")) == [("complaint", records["complaint"].id)]


def test_contact_phone_finds_the_contacts_tickets(records):
    assert ("ticket", records["second"].id) in kinds_ids(find("87654321"))


def test_complaint_and_project_by_text(records):
    assert ("complaint", records["complaint"].id) in kinds_ids(find("张处长"))
    assert ("improvement", records["project"].id) in kinds_ids(find("经常中断"))


def test_limit_empty_and_nothing(records):
    assert find("") == [] and find("   ") == []
    assert len(find("GD-2026", limit=1)) == 1
    assert find("没有这样的记录") == []


def test_team_lead_sees_only_their_teams_revisit_forms(records, make_user):
    other_lead = make_user("team_lead", team="二班")
    assert ("revisit", records["form"].id) not in kinds_ids(find("HF-20261021-001", actor=other_lead))
    own_lead = make_user("team_lead", team="一班")
    assert ("revisit", records["form"].id) in kinds_ids(find("HF-20261021-001", actor=own_lead))
    agent = make_user("agent")
    assert [h for h in find("HF-20261021", actor=agent) if h.kind == "revisit"] == []


def test_kind_labels_in_chinese(records):
    from desk_app import i18n

    i18n.set_language("zh_CN")
    assert global_search.kind_label("survey_plan") == "调查计划"
    assert "工单" in find("GD-20261020-0001")[0].detail
