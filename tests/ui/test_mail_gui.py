"""Mail in the GUI (R50–R55): the Mail tab (server, keyring password, test message, templates), the outbox
view, the main window's timer, Today's "Mail not delivered" and the Surveys tab's "Send by e-mail…",
against a real SMTP server on 127.0.0.1."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desk_app.models import JobRun, OutboxMessage, Setting, SurveyRecipient
from desk_app.models.base import now
from desk_app.models.enums import PlanState, Role
from desk_app.services import mail_delivery, mail_settings, outbox, settings, today
from desk_app.services import survey_plans as sp
from desk_app.ui.admin_dialog import AdminDialog
from desk_app.ui.context import AppContext
from desk_app.ui.main_window import MainWindow
from desk_app.ui.outbox_view import OutboxDialog, OutboxPage
from desk_app.ui.survey_workbook_dialogs import MailResultDialog
from desk_app.ui.surveys_tab import SurveysTab
from desk_app.ui.today_tab import TodayTab
from tests.mail_support import LOOPBACK, Store
from tests.ui.form_driver import FormQueue
from tests.unit.test_survey_plans import make_units, new_plan

SENDER = "desk@it-repair.example.cn"


def configure(admin, port: int, **more) -> None:
    settings.set_many(admin, {"mail.host": LOOPBACK, "mail.port": port, "mail.sender": SENDER, "mail.timeout": 5,
                              **more})


def queue_one(address: str = "li.lei@example.cn", name: str = "李雷") -> OutboxMessage:
    return outbox.queue("complaint.deadline", outbox.Recipient(address, name, "zh_CN"),
                        {"number": "TS-20261207-001", "due": "2026-12-08 09:00"})


@pytest.fixture
def admin_dialog(qtbot, context):
    dialog = AdminDialog(context)
    qtbot.addWidget(dialog)
    return dialog


@pytest.fixture
def server_page(admin_dialog):
    return admin_dialog.mail_page.server


def test_the_mail_tab_owns_every_mail_setting(admin_dialog):
    generic = admin_dialog.settings_page.editors
    assert not [key for key in generic if key.startswith("mail.")]
    assert "jobs.gui_minutes" in generic
    tabs = [admin_dialog.tabs.tabText(i) for i in range(admin_dialog.tabs.count())]
    assert tabs[-2:] == ["Mail", "Outbox"]


def test_settings_and_the_password_are_saved_the_password_only_in_the_keyring(server_page, memory_keyring,
                                                                             monkeypatch):
    page = server_page
    assert page.password_state.text() == "No login: the server is used without a user name."
    page.host.setText("smtp.it-repair.example.cn")
    page.security.setCurrentIndex(page.security.findData("starttls"))
    assert page.port.text() == "587"  # the usual port follows the security
    page.username.setText("desk")
    page.password.setText("smtp-secret-1")
    page.sender.setText(SENDER)
    page.sender_name.setText("信息维修中心服务台")
    page.timeout.setValue(20)
    assert page.save(), page.error.text()
    assert (settings.get("mail.host"), settings.get("mail.port"), settings.get("mail.security"),
            settings.get("mail.username"), settings.get("mail.timeout")) == (
        "smtp.it-repair.example.cn", 587, "starttls", "desk", 20)
    assert memory_keyring.kept == {("desk-app SMTP", "desk@smtp.it-repair.example.cn:587"): "smtp-secret-1"}
    assert not any("smtp-secret-1" in row.value for row in Setting.select())  # never in the database
    assert page.password.text() == ""  # never shown back
    assert page.password_state.text() == "A password is kept in this workstation's keyring."
    assert mail_settings.is_configured() and page.state.text() == "Mail is sent through smtp.it-repair.example.cn."

    page.reload()
    assert page.password.text() == "" and page.host.text() == "smtp.it-repair.example.cn"
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    assert page.remove_password()
    assert memory_keyring.kept == {} and page.password_state.text() == "No password is kept."


def test_a_bad_port_or_address_is_refused_naming_the_field(server_page):
    page = server_page
    page.host.setText("smtp.example.cn")
    page.port.setText("25x")
    page.sender.setText(SENDER)
    assert not page.save()
    assert page.error.text() == "Port: must be a whole number between 1 and 65535"
    assert settings.get("mail.host") == ""  # all or nothing
    page.port.setText("70000")
    assert not page.save() and page.error.text().startswith("Port: ")
    page.port.setText("25")
    page.sender.setText("desk at example")
    assert not page.save()
    assert page.error.text() == "Sender address: must be an e-mail address"
    assert page.sender.hasFocus() or not page.isVisible()
    page.sender.setText(SENDER)
    assert page.save() and settings.get("mail.host") == "smtp.example.cn"


def test_without_a_keyring_the_password_is_refused_clearly(server_page):
    page = server_page  # the tests' keyring is the "fail" backend
    page.host.setText("smtp.example.cn")
    page.username.setText("desk")
    page.password.setText("smtp-secret-1")
    assert not page.save()
    text = page.error.text()
    assert text.startswith("Password: the settings were saved, the password was not: The system keyring cannot "
                           "keep the password")
    assert "DESK_APP_SMTP_PASSWORD" in text
    assert settings.get("mail.username") == "desk"


def test_send_a_test_message_reaches_the_server(qtbot, server_page, smtp_server, monkeypatch):
    store = Store()
    server = smtp_server(store)
    page = server_page
    page.host.setText(LOOPBACK)
    page.port.setText(str(server.port))
    page.sender.setText(SENDER)
    asked = []

    def get_text(_parent, _title, _label, _echo, text, *args, **kwargs):
        asked.append(text)
        return "wang.fang@example.cn", True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    assert page.send_test()  # saves first: the settings had changed
    assert settings.get("mail.port") == server.port and asked == [""]  # the admin has no address of their own
    qtbot.waitUntil(lambda: page.worker is None, timeout=20000)
    assert page.answer.text().startswith(f"The server {LOOPBACK} accepted the test message to wang.fang@example.cn.")
    assert "250" in page.answer.text()  # the server's own answer
    [message] = store.parsed()
    assert message["To"] == "wang.fang@example.cn" and message["Subject"] == "Service Desk: test message"

    refusing = smtp_server(Store(rcpt_reply="550 5.1.1 no such user"))
    page.port.setText(str(refusing.port))
    assert page.send_test()
    qtbot.waitUntil(lambda: page.worker is None, timeout=20000)
    assert page.answer.text().startswith("The test message was not sent: 550") and "no such user" in \
        page.answer.text()


def test_templates_preview_refuse_a_bad_placeholder_and_restore(admin_dialog):
    page = admin_dialog.mail_page.templates
    page.kind.setCurrentIndex(page.kind.findData("complaint.deadline"))
    page.language.setCurrentIndex(page.language.findData("zh_CN"))
    assert page.subject.text() == "投诉 {number}：处理期限 {due}" and page.origin.text() == "Shown: the built-in text"
    assert "{number}" in page.placeholders.text() and "{state}" in page.placeholders.text()
    assert page.preview.toPlainText().startswith("Subject: 投诉 TS-20261207-001：处理期限 2026-12-20")

    page.subject.setText("投诉 {number} 快到期了 {deadline}")
    assert "{deadline}" in page.preview.toPlainText()
    assert not page.save()
    assert page.error.text().startswith("Subject: uses {deadline}, which this message does not have; it has:")
    key = "mail.template.complaint.deadline.zh_CN.subject"
    assert settings.get(key) == ""

    page.subject.setText("【提醒】投诉 {number}：处理期限 {due}")
    assert page.save()
    assert settings.get(key) == "【提醒】投诉 {number}：处理期限 {due}"
    assert settings.get("mail.template.complaint.deadline.zh_CN.body") == ""  # the text was left built-in
    assert page.origin.text() == "Shown: your own text"
    assert queue_one().subject == "【提醒】投诉 TS-20261207-001：处理期限 2026-12-08 09:00"

    assert page.restore_builtin()
    assert settings.get(key) == "" and page.subject.text() == "投诉 {number}：处理期限 {due}"


def test_the_outbox_lists_retries_and_cancels(qtbot, context):
    queued = queue_one()
    failed = queue_one("nobody@example.cn", "无名")
    OutboxMessage.update(status="failed", attempts=1, last_code=550, last_answer="5.1.1 no such user") \
        .where(OutboxMessage.id == failed.id).execute()
    queue_one("", "赵强")  # no address
    page = OutboxPage(context)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitActive(page):  # shortcuts need an active window
        page.activateWindow()
    assert page.table.row_count() == 3
    assert "queued 1" in page.counts.text() and "failed 1" in page.counts.text()

    assert page.select(failed.id)
    cells = [page.table.proxy.index(page.table.view.currentIndex().row(), c).data() for c in range(8)]
    assert cells[2] == "无名 <nobody@example.cn>" and cells[4] == "failed" and cells[7] == "5.1.1 no such user"
    assert page.retry_button.isEnabled() and page.cancel_button.isEnabled()
    assert page.answer.text() == "Answer: 5.1.1 no such user"
    assert page.retry().status == "queued"
    assert OutboxMessage.get_by_id(failed.id).attempts == 0
    assert not page.retry_button.isEnabled()

    page.select(queued.id)
    page.table.view.setFocus()
    qtbot.keyClick(page.table.view, Qt.Key.Key_Delete)
    assert OutboxMessage.get_by_id(queued.id).status == "cancelled"
    assert page.retry_button.isEnabled() and not page.cancel_button.isEnabled()

    page.status.setCurrentIndex(page.status.findData("no_address"))
    assert page.table.row_count() == 1 and not page.retry_button.isEnabled()
    page.status.setCurrentIndex(0)
    page.table.filter.setText("nobody")
    assert page.table.row_count() == 1


def test_send_queued_now_delivers_in_a_worker(qtbot, context, admin, smtp_server):
    store = Store()
    configure(admin, smtp_server(store).port)
    row = queue_one()
    page = OutboxPage(context)
    qtbot.addWidget(page)
    assert page.send_now()
    assert not page.send_button.isEnabled()
    qtbot.waitUntil(lambda: page.worker is None, timeout=20000)
    assert page.note.text() == "1 sent, 0 to retry, 0 failed, 0 waiting for their retry time."
    assert OutboxMessage.get_by_id(row.id).status == "sent" and len(store.received) == 1


def test_the_timer_runs_the_due_jobs_in_a_worker_and_the_mail_goes_out(qtbot, db, context, admin, smtp_server):
    store = Store()
    configure(admin, smtp_server(store).port, **{"jobs.gui_minutes": 1, "jobs.daily_time": "00:00"})
    row = queue_one()
    window = MainWindow(context, db)
    qtbot.addWidget(window)
    runner = window.due_jobs
    assert runner.timer.isActive() and runner.timer.interval() == 60_000
    qtbot.waitUntil(lambda: runner.worker is None and len(store.received) == 1, timeout=20000)  # the run at start
    assert OutboxMessage.get_by_id(row.id).status == "sent"

    later = queue_one("han.meimei@example.cn", "韩梅梅")
    with qtbot.waitSignal(runner.finished, timeout=20000):
        assert runner.tick()  # what the timer calls every minute
        assert runner.worker is not None  # the jobs run in a worker, not here
    assert OutboxMessage.get_by_id(later.id).status == "sent" and len(store.received) == 2
    assert JobRun.select().where(JobRun.job == "survey.reminders").exists()  # the daily jobs ran too

    settings.set_many(admin, {"jobs.gui_minutes": 0})
    context.events.changed.emit("setting")
    assert not runner.timer.isActive()
    window.close()
    assert not runner.timer.isActive() and runner.worker is None


def test_mail_queued_by_an_action_is_delivered_soon(qtbot, db, context, admin, smtp_server):
    store = Store()
    configure(admin, smtp_server(store).port)  # jobs.gui_minutes stays 0: no period jobs, delivery still
    window = MainWindow(context, db)
    qtbot.addWidget(window)
    assert not window.due_jobs.timer.isActive()
    queue_one()
    context.events.changed.emit("complaint")
    qtbot.waitUntil(lambda: len(store.received) == 1, timeout=20000)
    assert not JobRun.select().exists()
    window.close()


def test_today_shows_failed_mail_to_the_admin_only_and_opens_the_outbox(qtbot, db, db_path, context, make_user):
    failed = queue_one("nobody@example.cn", "无名")
    OutboxMessage.update(status="failed", last_code=550, last_answer="5.1.1 no such user") \
        .where(OutboxMessage.id == failed.id).execute()
    tab = TodayTab(context)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.loaded)
    [line] = tab.section_items(today.MAIL_PROBLEMS)
    assert line.text(0).startswith("无名 <nobody@example.cn> · ") and line.text(2) == "550 5.1.1 no such user"

    technician = AppContext(make_user(Role.TECHNICIAN), db_path)
    other = TodayTab(technician)
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: other.loaded)
    assert other.view.section(today.MAIL_PROBLEMS) is None and not other.section_items(today.MAIL_PROBLEMS)

    window = MainWindow(context, db)
    qtbot.addWidget(window)
    assert window.open_record("outbox", failed.id)
    [dialog] = window.findChildren(OutboxDialog)
    assert dialog.page.selected().id == failed.id
    dialog.close()
    window.close()


def test_surveys_send_by_e_mail_queues_the_workbooks(qtbot, db, db_path, admin, make_user, monkeypatch,
                                                     smtp_server):
    store = Store()
    configure(admin, smtp_server(store).port)
    make_units()
    plan = new_plan(admin)
    sp.approve(admin, plan.id, plan.version)
    SurveyRecipient.update(email="").where(SurveyRecipient.name == "李娜").execute()
    tab = SurveysTab(AppContext(admin, db_path))
    qtbot.addWidget(tab)
    plans = tab.page("plans")
    plans.select_plan(plan.id)
    assert plans.buttons["mail"].isEnabled()
    forms = FormQueue(monkeypatch)
    forms.push({"language": "zh_CN"})
    plans.mail_workbooks()
    qtbot.waitUntil(lambda: plans.worker is None, timeout=20000)
    result = plans.result_dialog
    assert isinstance(result, MailResultDialog)
    assert [result.queued.item(i).text() for i in range(result.queued.count())] == [
        "张伟 <zw@example.cn>", "王芳 <wf@example.cn>"]
    assert [result.missing.item(i).text() for i in range(result.missing.count())] == ["李娜"]
    assert "2 workbooks queued" in result.summary.text() and "1 recipients have no e-mail address" in \
        result.summary.text()
    result.close()
    assert plans.plan.state == PlanState.DISTRIBUTING and plans.plan.sent == 2

    assert mail_delivery.deliver_due(now() + timedelta(seconds=1)).sent
    messages = store.parsed()
    assert sorted(m["To"] for m in messages) == ["wf@example.cn", "zw@example.cn"]
    attachment = next(messages[0].iter_attachments())
    assert attachment.get_filename().endswith(".xlsx") and len(attachment.get_content()) > 1000
