"""Each line of the Today tab opens its record: the main window switches tab and the tab opens or
selects the record (ticket form, callback screen, revisit form, complaint, project, plan, report);
the Today count in the tab title; destructive actions ask first."""

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from desk_app.models import (
    Callback,
    Complaint,
    ImprovementProject,
    Report,
    RevisitForm,
    SurveyTemplate,
    Team,
    Ticket,
)
from desk_app.models.base import now
from desk_app.services import improvement
from desk_app.services import survey_plans as sp
from desk_app.ui import widgets
from desk_app.ui.callback_dialog import CallbackDialog
from desk_app.ui.improvement_tab import ImprovementTab
from desk_app.ui.main_window import KIND_TABS, MainWindow
from desk_app.ui.revisit_dialog import RevisitDialog
from desk_app.ui.today_tab import TodayTab


def _tiny_pdf() -> bytes:
    from io import BytesIO

    from reportlab.pdfgen import canvas

    out = BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "FW-2026-10")
    page.save()
    return out.getvalue()


@pytest.fixture
def data(db, admin):
    at = now()
    team = Team.create(name="一班")
    ticket = Ticket.create(number="GD-20261118-0001", reported_at=at - timedelta(hours=6), reporter_name="王老师",
                           description="打印机卡纸", state="in_progress", assignee=admin.id,
                           first_response_at=at - timedelta(hours=5), resolution_due=at - timedelta(hours=1))
    closed = Ticket.create(number="GD-20261117-0003", reported_at=at - timedelta(days=1), reporter_name="李老师",
                           description="网络中断", state="closed", closed_at=at - timedelta(hours=20), team=team)
    callback = Callback.create(ticket=closed, caller=admin.id, caller_kind="manager", due_at=at + timedelta(hours=3))
    form = RevisitForm.create(number="HF-20261118-001", ticket=closed, team=team, reporter_name="李老师",
                              due_date=date.today() + timedelta(days=10), state="submitted")
    complaint = Complaint.create(number="TS-20261118-001", received_at=at, source="phone", complainant="张处长",
                                 description="慢", state="dispatched", measures="已增派人员",
                                 due_at=at + timedelta(days=1))
    report = Report.create(number="FW-2026-10", kind="monthly-service", period="2026-10", title="10月服务报告",
                           state="submitted", submitted_at=at, pdf=_tiny_pdf())
    project = ImprovementProject.create(number="GS-2026-001", problem="响应慢", state="in_progress")
    template = SurveyTemplate.get((SurveyTemplate.code == "company") & (SurveyTemplate.is_current == True))  # noqa: E712
    plan = sp.create_plan(admin, template.id, "第三季度公司满意度调查", "2026-Q3", importance=["core"])
    return {"ticket": ticket, "callback": callback, "revisit": form, "complaint": complaint, "report": report,
            "improvement": project, "survey_plan": plan}


@pytest.fixture
def window(qtbot, db, context, data):
    w = MainWindow(context, db)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.tab_widgets["today"].loaded)  # Today's figures come from a worker
    return w


def current_key(w: MainWindow) -> str:
    return next(key for key, widget in w.tab_widgets.items() if widget is w.tabs.currentWidget())


def test_every_kind_of_the_today_tab_has_a_tab():
    from desk_app.services.today import KINDS

    assert set(KINDS) == set(KIND_TABS) | {"outbox"}  # a message opens the outbox dialog (test_mail_gui)


def test_ticket_opens_the_ticket_form(window, data):
    window.context.events.open_record.emit("ticket", data["ticket"].id)
    assert current_key(window) == "tickets"
    tab = window.tab_widgets["tickets"]
    assert tab.form is not None and tab.form.detail.id == data["ticket"].id
    assert tab.form.isVisible()
    tab.form.reject()


def test_callback_opens_the_callback_screen(window, data, monkeypatch):
    opened = []
    monkeypatch.setattr(CallbackDialog, "exec", lambda dialog: opened.append(dialog.callback_id) or 0)
    assert window.open_record("callback", data["callback"].id)
    assert current_key(window) == "callbacks"
    tab = window.tab_widgets["callbacks"]
    assert tab.tabs.currentWidget() is tab.page("mine")
    assert tab.page("mine").table.selected_row().id == data["callback"].id
    assert opened == [data["callback"].id]


def test_someone_elses_callback_is_not_opened(window, data, make_user, monkeypatch):
    other = make_user("dispatcher")
    Callback.update(caller=other.id).where(Callback.id == data["callback"].id).execute()
    monkeypatch.setattr(CallbackDialog, "exec", lambda dialog: pytest.fail("opened"))
    assert not window.open_record("callback", data["callback"].id)


def test_revisit_opens_the_form_on_its_page(window, data, monkeypatch):
    opened = []
    monkeypatch.setattr(RevisitDialog, "exec", lambda dialog: opened.append(dialog.form_id) or 0)
    tab = window.tab_widgets["callbacks"]
    page = tab.page("revisits")
    page.state_filter.setCurrentIndex(page.state_filter.findData("open"))  # hides the submitted form
    assert window.open_record("revisit", data["revisit"].id)
    assert current_key(window) == "callbacks" and tab.tabs.currentWidget() is page
    assert page.table.selected_row().id == data["revisit"].id
    assert opened == [data["revisit"].id]


def test_complaint_is_selected_even_when_filtered_out(window, data):
    tab = window.tab_widgets["complaints"]
    tab.state_filter.setCurrentIndex(tab.state_filter.findData("closed"))
    tab.table.filter.setText("nothing like it")
    window.context.events.open_record.emit("complaint", data["complaint"].id)
    assert current_key(window) == "complaints"
    assert tab.state_filter.currentData() == ""
    assert tab.table.selected_row().id == data["complaint"].id
    assert tab.detail.row.id == data["complaint"].id
    assert "TS-20261118-001" in tab.record.toPlainText()


def test_improvement_project_is_selected(window, data):
    tab = window.tab_widgets["improvement"]
    tab.overdue_only.setChecked(True)  # the project has no overdue step
    window.context.events.open_record.emit("improvement", data["improvement"].id)
    assert current_key(window) == "improvement"
    assert not tab.overdue_only.isChecked()
    assert tab.project.id == data["improvement"].id
    assert "GS-2026-001" in tab.record.toPlainText()


def test_survey_plan_is_selected(window, data):
    tab = window.tab_widgets["surveys"]
    plans = tab.page("plans")
    plans.state_filter.setCurrentIndex(plans.state_filter.findData("closed"))
    tab.show_page("templates")
    window.context.events.open_record.emit("survey_plan", data["survey_plan"].id)
    assert current_key(window) == "surveys" and tab.tabs.currentWidget() is plans
    assert plans.plan.id == data["survey_plan"].id


def test_report_is_selected(window, data):
    tab = window.tab_widgets["reports"]
    tab.state_filter.setCurrentIndex(tab.state_filter.findData("approved"))
    window.context.events.open_record.emit("report", data["report"].id)
    assert current_key(window) == "reports"
    assert tab.current is not None and tab.current.id == data["report"].id


def test_today_lines_open_through_the_main_window(window, data, monkeypatch):
    """Activating a line of the Today tab reaches the main window's routing."""
    today_tab: TodayTab = window.tab_widgets["today"]
    from desk_app.services import today

    line = today_tab.section_items(today.COMPLAINTS_TO_VERIFY)[0]
    today_tab.tree.itemActivated.emit(line, 0)
    assert current_key(window) == "complaints"
    assert window.tab_widgets["complaints"].detail.row.id == data["complaint"].id


def test_the_today_count_is_in_the_tab_title(window, data):
    today_tab: TodayTab = window.tab_widgets["today"]
    index = window.tabs.indexOf(today_tab)
    assert today_tab.count > 0
    assert window.tabs.tabText(index) == f"Today ({today_tab.count})"
    today_tab.count_changed.emit(0)
    assert window.tabs.tabText(index) == "Today"
    today_tab.count_changed.emit(7)
    assert window.tabs.tabText(index) == "Today (7)"


def test_the_today_count_in_chinese(qtbot, db, context, data, chinese):
    w = MainWindow(context, db)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.tab_widgets["today"].loaded)
    count = w.tab_widgets["today"].count
    assert w.tabs.tabText(0) == f"今日 ({count})"


def test_withdrawing_a_project_asks_first(qtbot, context, data, monkeypatch):
    tab = ImprovementTab(context)
    qtbot.addWidget(tab)
    assert tab.open_record("improvement", data["improvement"].id)
    asked = []

    def no(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(widgets.QMessageBox, "question", staticmethod(no))
    monkeypatch.setattr("desk_app.ui.record_list_tab.FormDialog.exec", lambda dialog: pytest.fail("no form"))
    assert not tab.withdraw()
    assert asked and "GS-2026-001" in asked[0]
    assert improvement.get_project(data["improvement"].id).state == "in_progress"
    assert ImprovementProject.get_by_id(data["improvement"].id).closure_code == ""


def test_refreshing_recipients_asks_first(qtbot, context, data, monkeypatch):
    from desk_app.ui.surveys_tab import SurveysTab

    tab = SurveysTab(context)
    qtbot.addWidget(tab)
    assert tab.open_record("survey_plan", data["survey_plan"].id)
    monkeypatch.setattr(widgets.QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No))
    monkeypatch.setattr(sp, "refresh_recipients", lambda *a: pytest.fail("refreshed without asking"))
    tab.page("plans").refresh_recipients()


def test_filters_are_remembered(qtbot, context, data):
    tab = ImprovementTab(context)
    qtbot.addWidget(tab)
    tab.state_filter.setCurrentIndex(tab.state_filter.findData("done"))
    tab.overdue_only.setChecked(True)
    again = ImprovementTab(context)
    qtbot.addWidget(again)
    assert again.state_filter.currentData() == "done" and again.overdue_only.isChecked()
    assert again.table.row_count() == 0  # the remembered filter is applied
