"""R18a: the fault analysis meeting agenda PDF lists the month's dissatisfied evaluations with their
revisit forms and measures, and the improvement projects to discuss or confirm."""

from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from desk_app import cli
from desk_app.demo import load_demo
from desk_app.services import report_rows, reports, revisits
from desk_app.services.auth import authenticate
from tests.unit.test_report_kinds import pdf_text, squash


@pytest.fixture
def manager(db):
    load_demo(until=date(2026, 10, 31), tickets=400, seed=2)
    return authenticate("admin", "admin123")


def test_agenda_lists_the_meeting_pack(manager):
    pack = revisits.meeting_pack("2026-09")
    assert pack.items and pack.projects, "the demo month has dissatisfied evaluations and open projects"
    row = reports.generate(manager, "meeting-agenda", "2026-09", "zh_CN")
    assert row.number == "GZH-2026-09" and row.state == "draft"
    figures = report_rows.get_figures(row.id)
    assert figures["meeting_date"] == pack.meeting_date.isoformat()
    assert [i["ticket_number"] for i in figures["items"]] == [i.evaluation.ticket_number for i in pack.items]
    assert [p["number"] for p in figures["projects"]] == [p.number for p in pack.projects]
    pdf = report_rows.get_pdf(row.id)
    page = PdfReader(BytesIO(pdf)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape: wide tables
    flat = squash(pdf_text(pdf))
    assert "故障分析会议程" in flat and "不满意评价及整改措施" in flat and "会议决定" in flat
    for item in pack.items:
        assert item.evaluation.ticket_number in flat
    for project in pack.projects:
        assert project.number in flat


def test_agenda_of_a_month_without_evaluations_is_still_valid(manager):
    row = reports.generate(manager, "meeting-agenda", "2025-01", "en")
    flat = squash(pdf_text(report_rows.get_pdf(row.id)))
    assert "Faultanalysismeetingagenda" in flat
    assert report_rows.get_figures(row.id)["items"] == []


def test_agenda_from_the_command_line(manager, db_path, tmp_path, capsys):
    out = tmp_path / "agenda.pdf"
    assert cli.main(["--db", str(db_path), "report", "meeting-agenda", "--period", "2026-10", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--db", str(db_path), "report", "meeting-agenda", "--period", "2026-Q3", "-o", str(out)])
    assert exit_info.value.code == 2
