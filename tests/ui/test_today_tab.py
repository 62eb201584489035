"""The Today tab: sections with counts, overdue lines in red, charts for managers, opening records."""

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCharts import QChartView, QHorizontalBarSeries, QLineSeries
from PySide6.QtCore import QPoint, Qt, QThreadPool

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


def _callback(unit, at, rating, comment, within=True):
    from desk_app.models import Callback

    n = Ticket.select().count() + 1
    ticket = Ticket.create(number=f"GD-{at:%Y%m%d}-{n:04d}", reported_at=at, reporter_name="王老师", unit=unit,
                           description="故障", state="closed")
    return Callback.create(ticket=ticket, caller_kind="dispatcher", state="done", due_at=at, rating=rating,
                           attitude="satisfied", contacted_within_hour=within, device_working=True, comment=comment,
                           completed_at=at)


def test_quality_controller_sees_what_customers_say_this_month(qtbot, db, db_path, make_user):
    """This month's comments by word, compared with last month: 太慢 is new (0 → 3), a click on a word lists
    its comments, a click on a comment's number opens the callback."""
    import re

    from PySide6.QtCore import QUrl

    from desk_app.models import CustomerUnit

    unit = CustomerUnit.create(name="门诊部")
    first = now().replace(day=1, hour=8, minute=0, second=0, microsecond=0)
    slow = [_callback(unit, first + timedelta(hours=i), "dissatisfied", text, within=False)
            for i, text in enumerate(("响应太慢，耽误了门诊。", "响应太慢", "电话打了很久，响应太慢"))]
    _callback(unit, first + timedelta(hours=5), "satisfied", "工程师很专业")
    _callback(unit, first - timedelta(days=3), "satisfied", "工程师很专业")  # last month
    quality = make_user(Role.QUALITY, name="质控员")
    tab = TodayTab(AppContext(actor=quality, db_path=db_path))
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.charts_loaded > 0, timeout=30_000)  # the first analysis loads jieba
    panel = tab.comments_panel
    assert panel is not None and tab.chart_views == {}  # the managers' charts are not a quality controller's
    month, previous = f"{first:%Y-%m}", f"{first - timedelta(days=3):%Y-%m}"
    assert panel.title.text() == f"What customers say, {month}: 4 comments (compared with {previous})"
    assert "太慢 (new: 0 → 3)" in panel.trends.text()
    chart = panel.chart
    assert chart.terms[:2] == ["响应", "太慢"]
    labels = chart.view.chart().axes(Qt.Orientation.Vertical)[0].categories()
    assert {"响应 (new)", "太慢 (new)"} <= set(labels) and "专业" in labels  # said last month too: no mark
    chart.bars.clicked.emit(len(chart.terms) - 1)  # the top bar: 响应
    assert chart.comments.toPlainText().count("响应太慢") == 3
    links = re.findall(r'href="(record:[^"]+)"', chart.comments.toHtml())
    assert sorted(links) == sorted(f"record:callback:{c.id}" for c in slow)
    with qtbot.waitSignal(tab.open_record) as blocker:
        chart.comments.anchorClicked.emit(QUrl(links[0]))
    assert blocker.args[0] == "callback" and blocker.args[1] in {c.id for c in slow}

    chart.dimension.setCurrentIndex(chart.dimension.findData("response"))  # not contacted within the hour
    assert "3 comments, 3 negative (100.0 %)" in chart.summary.text()

    _callback(unit, first + timedelta(hours=6), "dissatisfied", "打印机卡纸，响应太慢", within=False)
    tab.show()
    qtbot.waitExposed(tab)
    loads = tab.charts_loaded
    tab._changed("callback")  # a change while on screen: the words are recounted in a worker
    qtbot.waitUntil(lambda: tab.charts_loaded > loads, timeout=30_000)
    assert panel.analysis.comments == 5
    QThreadPool.globalInstance().waitForDone(10_000)
