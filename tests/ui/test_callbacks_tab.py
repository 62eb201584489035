"""The Callbacks tab end to end: planning, the callback screen (R14/R14a), the revisit form it creates
for the team lead (R15, R17–R18), self-evaluation (R9), own worklist only (R2), monthly results (R32–R33)."""

import itertools
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest

from desk_app.models import (
    Callback,
    CustomerUnit,
    Evaluation,
    ImprovementProject,
    RevisitForm,
    Team,
    Ticket,
    User,
)
from desk_app.models.enums import Role
from desk_app.ui.callback_dialog import CallbackDialog
from desk_app.ui.callbacks_tab import CallbacksTab
from desk_app.ui.context import AppContext
from desk_app.ui.revisit_dialog import RevisitDialog
from desk_app.ui.standings_view import HIGHLIGHT

TUESDAY = date(2026, 10, 20)  # a working day; it samples the tickets closed on Monday the 19th
MONDAY_CLOSE = datetime(2026, 10, 19, 15, 30)
_seq = itertools.count(1)


def make_ticket(team: Team, tech: User, closed_at: datetime = MONDAY_CLOSE, phone: str | None = None,
                **extra) -> Ticket:
    n = next(_seq)
    unit = CustomerUnit.get_or_create(name="财务处")[0]
    fields = dict(number=f"GD-{closed_at:%Y%m%d}-{n:04d}", reported_at=closed_at - timedelta(hours=3),
                  reporter_name=f"陈晓红{n}", reporter_phone=phone or f"1370123{n:04d}",
                  reporter_location="行政楼302室", unit=unit, description="报销系统无法登录，提示连接超时",
                  cause="交换机端口老化", resolution="更换端口并重新配线", state="closed", closed_at=closed_at,
                  assignee=tech, team=team, category="网络故障")
    fields.update(extra)
    return Ticket.create(**fields)


@pytest.fixture
def world(db, db_path, admin, make_user, monkeypatch):
    """Two dispatchers, a team lead of 运维一班 with two technicians, three tickets closed on Monday."""
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.information", lambda *a, **k: None)
    monkeypatch.setattr("desk_app.ui.callback_dialog.QMessageBox.information", lambda *a, **k: None)
    w = type("World", (), {})()
    w.db_path = db_path
    w.admin = admin
    w.d1 = make_user(Role.DISPATCHER, name="调度王敏")
    w.d2 = make_user(Role.DISPATCHER, name="调度刘洋")
    w.lead = make_user(Role.TEAM_LEAD, team="运维一班", name="工长李强")
    w.team = Team.get(Team.name == "运维一班")
    w.tech = User.create(username="tech-a", full_name="维修工张伟", roles="technician", team=w.team)
    w.tech2 = User.create(username="tech-b", full_name="维修工赵磊", roles="technician", team=w.team)
    w.t1 = make_ticket(w.team, w.tech)
    w.t2 = make_ticket(w.team, w.tech)
    w.t3 = make_ticket(w.team, w.tech, phone=w.t1.reporter_phone)  # same customer: survey fatigue (R10a)
    return w


def build_tab(qtbot, w, actor) -> CallbacksTab:
    tab = CallbacksTab(AppContext(actor, w.db_path))
    qtbot.addWidget(tab)
    return tab


def plan_tuesday(tab: CallbacksTab):
    page = tab.show_page("mine")
    page.plan_date.setDate(QDate(TUESDAY))
    return page, page.plan()


def test_pages_follow_the_roles(qtbot, world, make_user):
    assert list(build_tab(qtbot, world, world.d1).pages) == ["mine", "revisits", "feedback", "results"]
    assert list(build_tab(qtbot, world, world.lead).pages) == ["self", "revisits", "feedback", "results", "meeting"]
    assert list(build_tab(qtbot, world, world.admin).pages) == ["mine", "self", "revisits", "feedback", "results",
                                                                "meeting"]
    technician = make_user(Role.TECHNICIAN, team="运维一班")
    assert list(build_tab(qtbot, world, technician).pages) == ["results"]


def test_plan_shows_assigned_and_skipped_and_each_caller_sees_only_their_own(qtbot, world):
    tab = build_tab(qtbot, world, world.d1)
    page, result = plan_tuesday(tab)
    assert result is not None and len(result.callbacks) == 2  # t3 skipped: same customer in this plan
    summary = page.plan_summary.text()
    assert "2 callbacks assigned" in summary and "1 tickets skipped" in summary
    assert "customer called back recently" in summary
    assert world.t3.number in page.plan_summary.toolTip()

    mine = [page.table.row_at(i) for i in range(page.table.row_count())]
    assert len(mine) == 1 and mine[0].caller_id == world.d1.id  # round-robin: one each
    other_tab = build_tab(qtbot, world, world.d2)
    other = other_tab.page("mine")
    theirs = [other.table.row_at(i) for i in range(other.table.row_count())]
    assert len(theirs) == 1 and theirs[0].caller_id == world.d2.id
    assert theirs[0].ticket_id != mine[0].ticket_id

    # planning the same day again shows the stored plan, it does not plan twice
    again = page.plan()
    assert again is not None and not again.created and Callback.select().count() == 2


def test_callback_screen_to_revisit_form_to_improvement_project(qtbot, world, monkeypatch):
    tab = build_tab(qtbot, world, world.d1)
    page, _ = plan_tuesday(tab)
    row = page.table.row_at(0)
    seen: list[CallbackDialog] = []

    def drive(dialog: CallbackDialog) -> int:
        seen.append(dialog)
        # the phone script shows the ticket; nothing is preselected (R14a)
        assert dialog.script.ticket_number == row.ticket_number
        assert all(group.value() is None for group in (dialog.contacted, dialog.attitude, dialog.working,
                                                       dialog.rating))
        dialog.contacted.buttons[False].click()
        dialog.attitude.buttons["basic"].click()
        dialog.working.buttons[True].click()
        assert not dialog.save()  # no overall rating chosen yet
        assert not dialog.error.isHidden() and "Overall rating" in dialog.error.text()
        assert Callback.get_by_id(row.id).state == "pending"

        assert not dialog.comment_is_required()
        dialog.rating.buttons["dissatisfied"].click()
        assert dialog.comment_is_required()  # shown as soon as such a rating is chosen
        assert not dialog.save()  # ... and enforced
        assert Callback.get_by_id(row.id).state == "pending"
        dialog.comment.setPlainText("维修人员第二天下午才来，之前没有电话联系")
        assert dialog.save()
        return dialog.result()

    monkeypatch.setattr(CallbackDialog, "exec", drive)
    QTest.keyClick(page.table.view, Qt.Key.Key_Return)  # Enter opens the selected callback
    assert len(seen) == 1
    dialog = seen[0]
    assert dialog.outcome is not None and dialog.outcome.revisit_form_id is not None
    form = RevisitForm.get_by_id(dialog.outcome.revisit_form_id)
    assert form.number in dialog.message and "team lead" in dialog.message
    assert Callback.get_by_id(row.id).state == "done"
    assert page.table.row_count() == 0  # done callbacks leave the worklist
    page.show_done.setChecked(True)
    assert page.table.row_count() == 1

    # the team lead's own tab instance lists the form
    lead_tab = build_tab(qtbot, world, world.lead)
    forms_page = lead_tab.show_page("revisits")
    assert forms_page.table.row_count() == 1
    assert forms_page.table.row_at(0).id == form.id
    # a dispatcher may read the forms but not fill them
    reader_tab = build_tab(qtbot, world, world.d2)
    assert reader_tab.page("revisits").table.row_count() == 1

    def fill(dialog: RevisitDialog) -> int:
        assert dialog.ticket_number.text() == form.ticket.number and dialog.ticket_number.isReadOnly()
        assert dialog.problems.isReadOnly()  # prefilled from the call
        assert dialog.problems.toPlainText() == "维修人员第二天下午才来，之前没有电话联系"
        assert dialog.types["response_speed"].isChecked()  # not contacted within the hour
        assert dialog.submit() is False  # revisit notes and measures are required
        assert "required" in dialog.error.text()
        dialog.types["other"].setChecked(True)
        assert not dialog.save()  # other needs its text
        dialog.other.setText("未提前告知到达时间")
        dialog.notes.setPlainText("11月21日电话回访陈主任，已致歉，客户表示理解。")
        dialog.measures.setPlainText("接单后30分钟内电话告知预计到达时间。")
        assert dialog.submit()
        assert dialog.row.state == "submitted"
        assert not dialog.submit_button.isEnabled()
        assert dialog.project_button.isEnabled()
        assert dialog.to_project()
        assert not dialog.project_button.isEnabled()
        assert not dialog.meeting_button.isVisible()  # managers record the meeting's decision
        return dialog.result()

    monkeypatch.setattr(RevisitDialog, "exec", fill)
    forms_page.table.view.selectRow(0)
    forms_page.open_button.click()
    form = RevisitForm.get_by_id(form.id)
    assert form.state == "submitted" and form.dissatisfaction_types == "response_speed,other"
    assert form.revisit_notes.startswith("11月21日")
    project = ImprovementProject.get(ImprovementProject.revisit_form == form.id)
    assert project.source == "revisit"
    assert forms_page.table.row_at(0).project_numbers == (project.number,)

    # the manager records the meeting decision from the meeting pack
    manager_tab = build_tab(qtbot, world, world.admin)
    pack_page = manager_tab.show_page("meeting")
    pack_page.month.setDate(QDate(2026, 10, 1))
    assert pack_page.items.row_count() == 1
    assert pack_page.items.row_at(0).revisit_form_id == form.id

    def decide(dialog: RevisitDialog) -> int:
        dialog.meeting_date.setDate(QDate(2026, 11, 5))
        dialog.agreed.setPlainText("推广到全部工班")
        assert dialog.record_meeting()
        return dialog.result()

    monkeypatch.setattr(RevisitDialog, "exec", decide)
    pack_page.open_item(pack_page.items.row_at(0))
    form = RevisitForm.get_by_id(form.id)
    assert form.state == "discussed" and form.agreed_measure == "推广到全部工班"
    assert pack_page.items.row_at(0).agreed_measure == "推广到全部工班"


def test_self_evaluation_needs_a_corrective_note_when_dissatisfied(qtbot, world, make_user):
    tab = build_tab(qtbot, world, world.lead)
    page = tab.show_page("self")
    assert page.table.row_count() == 3
    first = page.item
    assert first is not None and first.ticket_id == world.t1.id
    assert page.rating.value() is None
    assert not page.save()  # no rating chosen
    page.rating.buttons["dissatisfied"].click()
    page.comment.setPlainText("原因分析不完整")
    assert not page.save()
    assert "corrective note" in page.error.text()
    assert Evaluation.select().count() == 0 and page.table.row_count() == 3
    assert page.comment.toPlainText() == "原因分析不完整"  # nothing typed is lost
    page.corrective.setPlainText("要求维修人员补充原因分析")
    assert page.save()
    evaluation = Evaluation.get()
    assert (evaluation.kind, evaluation.rating, evaluation.ticket_id) == ("self", "dissatisfied", world.t1.id)
    assert page.table.row_count() == 2
    assert page.item is not None and page.item.ticket_id == world.t2.id  # on to the next ticket
    assert page.rating.value() is None and page.comment.toPlainText() == ""
    page.rating.buttons["satisfied"].click()
    assert page.save()

    # another team's lead does not see this team's tickets
    other_tab = build_tab(qtbot, world, make_user(Role.TEAM_LEAD, team="运维二班"))
    other = other_tab.page("self")
    assert other.table.row_count() == 0


def test_monthly_results_and_daily_feedback(qtbot, world, make_user):
    # hand-made evaluations of October: 张伟 2 tickets (10+10, 8) → 14/2 + 0.3 = …; 赵磊 1 ticket (6)
    t4 = make_ticket(world.team, world.tech2)
    when = datetime(2026, 10, 20, 10, 0)
    for ticket, kind, rating, points in ((world.t1, "self", "satisfied", 10), (world.t1, "dispatcher", "satisfied", 10),
                                         (world.t2, "self", "basic", 8), (t4, "self", "dissatisfied", 6)):
        Evaluation.create(ticket=ticket, kind=kind, evaluator=world.lead.id, rating=rating, points=points,
                          evaluated_at=when, comment="响应慢" if rating == "dissatisfied" else "")
    tab = build_tab(qtbot, world, world.admin)
    results = tab.show_page("results").view
    results.month.setDate(QDate(2026, 10, 1))
    table = results.technicians
    assert table.row_count() == 2
    star = table.row_at(0)
    assert star.name == "维修工张伟" and star.evaluated_tickets == 2 and star.points == 28
    assert star.score == pytest.approx(28 / 2 + 2 * 0.15)
    assert "维修工张伟" in results.summary.text() and "运维一班" in results.summary.text()
    assert table.model.item(0, 1).background().color() == HIGHLIGHT
    # numeric columns sort as numbers
    table.view.sortByColumn(6, Qt.SortOrder.AscendingOrder)
    assert table.row_at(0).name == "维修工赵磊"
    assert results.teams.row_count() == 1

    # a technician sees only their own row (the service decides)
    technician = User.get_by_id(world.tech2.id)
    technician.can_login = True
    technician.save()
    from desk_app.services.actor import Actor

    own_tab = build_tab(qtbot, world, Actor.from_user(technician))
    own = own_tab.page("results").view
    own.month.setDate(QDate(2026, 10, 1))
    assert own.technicians.row_count() == 1 and own.technicians.row_at(0).name == "维修工赵磊"

    # the year's standings
    results.period.setCurrentIndex(results.period.findData("year"))
    results.year.setValue(2026)
    assert results.technicians.row_count() == 2 and results.technicians.row_at(0).awards == 1

    # daily feedback (R16) of the 20th, per team
    feedback = tab.show_page("feedback")
    feedback.day.setDate(QDate(2026, 10, 20))
    html = feedback.view.toPlainText()
    assert "运维一班" in html and "4 evaluations, 34 points" in html and "响应慢" in html


def test_unreachable_attempt_is_logged_and_stays_in_the_worklist(qtbot, world, monkeypatch):
    tab = build_tab(qtbot, world, world.d1)
    page, _ = plan_tuesday(tab)
    row = page.table.row_at(0)

    def unreachable(dialog: CallbackDialog) -> int:
        dialog.attempt_note.setText("no answer")
        assert dialog.mark_unreachable()
        return dialog.result()

    monkeypatch.setattr(CallbackDialog, "exec", unreachable)
    page.open_callback(row)
    assert Callback.get_by_id(row.id).attempts == 1
    assert page.table.row_count() == 1 and page.table.row_at(0).attempts == 1
    shown = CallbackDialog(AppContext(world.d1, world.db_path), row.id)
    qtbot.addWidget(shown)
    assert "no answer" in shown.attempts.text()


def test_meeting_pack_prints_the_agenda(qtbot, world, monkeypatch, tmp_path):
    from desk_app.models import Report

    target = tmp_path / "agenda.pdf"
    opened = []
    monkeypatch.setattr("desk_app.ui.form_print.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr("desk_app.ui.form_print.QDesktopServices.openUrl", lambda url: opened.append(url))
    tab = build_tab(qtbot, world, world.admin)
    page = tab.show_page("meeting")
    page.month.setDate(QDate(2026, 10, 1))
    assert page.print_button.isVisibleTo(page)
    page.print_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    assert target.read_bytes().startswith(b"%PDF")
    stored = Report.get(Report.kind == "meeting-agenda")
    assert stored.period == "2026-10" and stored.number == "GZH-2026-10"


def test_the_agenda_button_is_hidden_for_a_team_lead(qtbot, world):
    tab = build_tab(qtbot, world, world.lead)
    page = tab.show_page("meeting")
    assert not page.print_button.isVisibleTo(page)
