"""The Today tab: sections with counts, overdue lines in red, charts for managers, opening records."""

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCharts import QChartView, QHorizontalBarSeries, QLineSeries
from PySide6.QtCore import QPoint, Qt

from desk_app.models import Complaint, ImprovementProject, ImprovementStep, Report, Ticket
from desk_app.models.base import now
from desk_app.models.enums import Role
from desk_app.services import today
from desk_app.ui import tab_registry
from desk_app.ui.context import AppContext
from desk_app.ui.today_tab import OVERDUE_COLOR, TodayTab


@pytest.fixture
def data(db, admin):
    at = now()
    ticket = Ticket.create(number="GD-20261118-0001", reported_at=at - timedelta(hours=6), reporter_name="王老师",
                           description="打印机卡纸", state="in_progress", assignee=admin.id,
                           first_response_at=at - timedelta(hours=5), resolution_due=at - timedelta(hours=1))
    complaint = Complaint.create(number="TS-1", received_at=at, source="phone",
                                 complainant="张处长", description="慢", state="dispatched", measures="已增派人员",
                                 due_at=at + timedelta(days=1))
    report = Report.create(number="BG-1", kind="monthly-service", period="2026-10", title="10月服务报告",
                           state="submitted", submitted_at=at)
    project = ImprovementProject.create(number="GS-2026-001", problem="响应慢", state="in_progress")
    ImprovementStep.create(project=project, seq=1, description="培训", due_date=at.date() - timedelta(days=2))
    return {"ticket": ticket, "complaint": complaint, "report": report, "project": project}


def _tab(qtbot, context) -> TodayTab:
    tab = TodayTab(context)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.loaded)  # the first figures come from a worker
    return tab


def test_the_first_figures_come_from_a_worker(qtbot, context, data):
    tab = TodayTab(context)
    qtbot.addWidget(tab)
    assert not tab.loaded and tab.view is None and tab.tree.topLevelItemCount() == 0  # not in the constructor
    counts = []
    tab.count_changed.connect(counts.append)
    qtbot.waitUntil(lambda: tab.loaded)
    assert tab.count == 4 and counts == [4] and tab.tree.topLevelItemCount() == 8
    assert tab.chart_views["complaints"].chart().series()  # the charts came with them


def test_registered_as_the_first_tab():
    first = tab_registry.tabs()[0]
    assert (first.key, first.title) == ("today", "Today")


def test_manager_sees_sections_counts_and_charts(qtbot, context, data):
    tab = _tab(qtbot, context)
    heads = [tab.tree.topLevelItem(i).text(0) for i in range(tab.tree.topLevelItemCount())]
    assert heads == ["My tickets near or past their service level (1)", "My callbacks due today or overdue (0)",
                     "Complaints waiting for verification (1)", "Complaints past their agreed time (0)",
                     "Reports waiting for review (1)", "Reports waiting for approval (0)",
                     "Improvement steps overdue (1)", "Mail not delivered (0)"]
    assert tab.count == 4
    assert tab.summary.text() == "4 item(s) need your attention, 2 overdue."
    ticket_line = tab.section_items(today.MY_TICKETS)[0]
    assert ticket_line.text(0).startswith("GD-20261118-0001 · 王老师")
    assert ticket_line.foreground(0).color() == OVERDUE_COLOR
    assert ticket_line.text(1).endswith("(overdue)")
    complaint_line = tab.section_items(today.COMPLAINTS_TO_VERIFY)[0]
    assert complaint_line.foreground(0).color() != OVERDUE_COLOR
    # the empty callbacks section says so, and its placeholder line opens nothing
    callbacks_head = tab.tree.topLevelItem(1)
    assert callbacks_head.child(0).text(0) == "Nothing waiting"

    views = {v.objectName(): v for v in tab.findChildren(QChartView)}
    assert set(views) == {"chart_satisfaction", "chart_complaints", "chart_standings"}
    assert isinstance(views["chart_satisfaction"].chart().series()[0], QLineSeries)
    assert isinstance(views["chart_standings"].chart().series()[0], QHorizontalBarSeries)
    bars = views["chart_complaints"].chart().series()[0].barSets()[0]
    assert bars.count() == 12 and bars.at(11) == 1.0  # this month's complaint


def test_double_click_and_enter_open_the_record(qtbot, context, data):
    tab = _tab(qtbot, context)
    tab.show()
    qtbot.waitExposed(tab)
    heard = []
    context.events.open_record.connect(lambda kind, rid: heard.append((kind, rid)))
    line = tab.section_items(today.REPORTS_TO_REVIEW)[0]
    tab.tree.scrollToItem(line)
    rect = tab.tree.visualItemRect(line)
    pos = QPoint(rect.left() + 8, rect.center().y())
    with qtbot.waitSignal(tab.open_record) as blocker:
        # what a real double-click sends: a click, then the double-click (QTest's alone lacks the first release)
        qtbot.mouseClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        qtbot.mouseDClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == ["report", data["report"].id]
    assert heard == [("report", data["report"].id)]

    step = tab.section_items(today.IMPROVEMENT_STEPS_OVERDUE)[0]
    tab.tree.setCurrentItem(step)
    tab.tree.setFocus()
    with qtbot.waitSignal(tab.open_record) as blocker:
        qtbot.keyClick(tab.tree, Qt.Key.Key_Return)
    assert blocker.args == ["improvement", data["project"].id]

    # a heading or the "nothing waiting" line opens nothing
    with qtbot.assertNotEmitted(tab.open_record):
        tab._activated(tab.tree.topLevelItem(1).child(0))
        tab._activated(tab.tree.topLevelItem(0))


def test_refreshes_on_change_and_reports_the_count(qtbot, context, data):
    tab = _tab(qtbot, context)
    counts = []
    tab.count_changed.connect(counts.append)
    Report.create(number="BG-2", kind="monthly-evaluation", period="2026-10", title="10月考评报告",
                  state="submitted", submitted_at=now())
    context.events.changed.emit("report")
    qtbot.waitUntil(lambda: counts == [5])
    assert len(tab.section_items(today.REPORTS_TO_REVIEW)) == 2


def test_technician_has_no_charts_and_only_own_tickets(qtbot, db, db_path, make_user, data):
    tech = make_user(Role.TECHNICIAN, team="一班", name="维修工")
    tab = _tab(qtbot, AppContext(actor=tech, db_path=db_path))
    assert tab.findChildren(QChartView) == []
    assert [tab.tree.topLevelItem(i).text(0) for i in range(tab.tree.topLevelItemCount())] == [
        "My tickets near or past their service level (0)"]
    assert tab.count == 0
    assert tab.summary.text() == "Nothing is waiting for you. Well done."


def test_due_text(qtbot, context):
    tab = _tab(qtbot, context)
    at = datetime(2026, 11, 18, 10, 0)
    item = today.TodayItem("x", "ticket", 1, datetime(2026, 11, 18, 14, 5), False)
    assert tab._due_text(item, at) == "14:05"
    item = today.TodayItem("x", "ticket", 1, datetime(2026, 11, 17, 18, 0), True)
    assert tab._due_text(item, at) == "2026-11-17 18:00 (overdue)"
    assert tab._due_text(today.TodayItem("x", "revisit", 1, date(2026, 12, 4)), at) == "2026-12-04"
    assert tab._due_text(today.TodayItem("x", "report", 1), at) == ""
