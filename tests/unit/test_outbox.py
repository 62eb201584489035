"""The outbox and its delivery against a real SMTP server on 127.0.0.1 (R50–R53): queued with the action,
sent once, retried on the schedule, failed with the server's answer, the password only in the keyring."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from desk_app.errors import ConflictError, PermissionDenied, ValidationError
from desk_app.models import AuditLog, OutboxMessage, User
from desk_app.models.base import now as model_now
from desk_app.services import complaints, mail_settings, outbox, settings
from desk_app.services.complaints import ComplaintInput
from desk_app.services.mail_delivery import RETRY_DELAYS, deliver_due
from tests.mail_support import LOOPBACK, Store, free_port

#: The deliveries' time: after the messages the tests queue now (a fixed date would pass it one day).
T0 = (model_now() + timedelta(days=1)).replace(hour=8, minute=0, second=0, microsecond=0)


def configure(admin, port: int, **more) -> None:
    settings.set_many(admin, {"mail.host": LOOPBACK, "mail.port": port, "mail.sender": "desk@it-repair.example.cn",
                              "mail.timeout": 5, **more})


def queue_one(address: str = "li.lei@example.cn", name: str = "李雷", **values) -> OutboxMessage:
    return outbox.queue("complaint.deadline", outbox.Recipient(address, name, "zh_CN"),
                        {"number": "TS-20261207-001", "due": "2026-12-08 09:00", **values})


def test_a_queued_message_is_delivered_once_with_its_chinese_subject(db, admin, smtp_server):
    store = Store()
    server = smtp_server(store)
    configure(admin, server.port)
    row = queue_one()
    assert row.status == "queued" and row.subject == "投诉 TS-20261207-001：处理期限 2026-12-08 09:00"

    report = deliver_due(T0)

    assert report.sent == [row.id] and report.failed == [] and report.retrying == []
    [message] = store.parsed()
    assert message["Subject"] == "投诉 TS-20261207-001：处理期限 2026-12-08 09:00"
    assert message["Message-ID"] == row.message_id
    assert "李雷" in message.get_body(("plain",)).get_content()
    stored = OutboxMessage.get_by_id(row.id)
    assert (stored.status, stored.attempts, stored.sent_at, stored.last_code) == ("sent", 1, T0, 250)
    assert deliver_due(T0 + timedelta(hours=3)).sent == []  # nothing sent twice
    assert len(store.received) == 1


def test_a_stopped_server_is_retried_on_the_schedule_then_failed(db, admin):
    configure(admin, free_port())  # nothing listens there
    row = queue_one()
    at = T0
    for delay in RETRY_DELAYS:
        assert deliver_due(at).retrying == [row.id]
        stored = OutboxMessage.get_by_id(row.id)
        assert stored.status == "queued" and stored.next_attempt_at == at + delay
        assert deliver_due(at + delay - timedelta(seconds=1)).retrying == []  # not before its time
        at += delay
    report = deliver_due(at)
    stored = OutboxMessage.get_by_id(row.id)
    assert report.failed == [row.id] and stored.status == "failed" and stored.attempts == len(RETRY_DELAYS) + 1
    assert "refused" in stored.last_answer.lower() or "errno" in stored.last_answer.lower()


def test_451_is_retried_and_550_fails_at_once_with_the_answer(db, admin, smtp_server):
    busy = smtp_server(Store(data_reply="451 4.3.0 try again later"))
    configure(admin, busy.port)
    first = queue_one()
    assert deliver_due(T0).retrying == [first.id]
    assert OutboxMessage.get_by_id(first.id).last_code == 451

    refusing = smtp_server(Store(rcpt_reply="550 5.1.1 no such user"))
    configure(admin, refusing.port)
    second = queue_one("nobody@example.cn", "无名")
    report = deliver_due(T0 + timedelta(minutes=1))
    assert second.id in report.failed and first.id in report.failed  # first hit the same refusing server
    stored = OutboxMessage.get_by_id(second.id)
    assert (stored.status, stored.last_code) == ("failed", 550) and "no such user" in stored.last_answer


def test_the_message_id_stays_the_same_across_retries(db, admin, smtp_server):
    store = Store(data_reply="451 later")
    server = smtp_server(store)
    configure(admin, server.port)
    row = queue_one()
    deliver_due(T0)
    store.data_reply = "250 OK"
    assert deliver_due(T0 + RETRY_DELAYS[0]).sent == [row.id]
    assert store.parsed()[0]["Message-ID"] == row.message_id == OutboxMessage.get_by_id(row.id).message_id


def test_a_recipient_without_an_address_is_listed_not_sent(db, admin, smtp_server):
    store = Store()
    configure(admin, smtp_server(store).port)
    row = queue_one(address="", name="赵六")
    assert row.status == "no_address" and "赵六" in row.last_answer
    assert deliver_due(T0).sent == [] and store.received == []
    assert outbox.counts()["no_address"] == 1
    assert [r.recipient_name for r in outbox.list_messages("no_address")] == ["赵六"]


def test_a_stale_claim_of_a_killed_sender_is_given_back(db, admin, smtp_server):
    store = Store()
    configure(admin, smtp_server(store).port)
    row = queue_one()
    OutboxMessage.update(status="sending", claimed_at=T0).where(OutboxMessage.id == row.id).execute()
    assert deliver_due(T0 + timedelta(minutes=5)).sent == []  # another sender may still be at it
    assert deliver_due(T0 + timedelta(minutes=16)).sent == [row.id]
    assert len(store.received) == 1


def test_retry_and_cancel_by_the_administrator_only(db, admin, make_user):
    configure(admin, free_port())
    row = queue_one()
    with pytest.raises(PermissionDenied):
        outbox.cancel(make_user("agent"), row.id)
    assert outbox.cancel(admin, row.id).status == "cancelled"
    assert deliver_due(T0).retrying == []
    with pytest.raises(ValidationError, match="cancelled"):
        outbox.cancel(admin, row.id)
    again = outbox.retry(admin, row.id, at=T0)
    assert again.status == "queued" and again.attempts == 0
    assert {"mail.cancel", "mail.retry"} <= {a.action for a in AuditLog.select()}


def test_mail_without_a_server_is_a_clear_error(db, admin):
    queue_one()
    with pytest.raises(ValidationError, match="mail.host") as caught:
        deliver_due(T0)
    assert caught.value.field == "mail.host"


def test_the_smtp_password_lives_in_the_keyring_never_in_the_database(db, db_path, admin, memory_keyring):
    configure(admin, 2525, **{"mail.username": "desk"})
    mail_settings.set_password(admin, "smtp-s3cret-口令")
    assert mail_settings.smtp_setup().settings.password == "smtp-s3cret-口令"
    assert "smtp-s3cret" not in repr(mail_settings.smtp_setup().settings)
    assert list(memory_keyring.kept.values()) == ["smtp-s3cret-口令"]
    assert "smtp-s3cret" not in str(settings.get_all())
    if not str(db_path).startswith("postgres"):
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        assert b"smtp-s3cret" not in db_path.read_bytes()
    assert AuditLog.select().where(AuditLog.action == "mail.password").count() == 1
    mail_settings.set_password(admin, "")
    assert mail_settings.stored_password() == ""


def test_without_a_keyring_the_password_is_refused_clearly_and_the_variable_works(db, admin, monkeypatch):
    configure(admin, 2525, **{"mail.username": "desk"})
    with pytest.raises(ValidationError, match="DESK_APP_SMTP_PASSWORD"):
        mail_settings.set_password(admin, "x")  # the tests' fail backend
    monkeypatch.setenv("DESK_APP_SMTP_PASSWORD", "from-env")
    assert mail_settings.smtp_setup().settings.password == "from-env"


def test_an_administrators_template_is_used_and_a_bad_placeholder_refused(db, admin):
    key = "mail.template.complaint.deadline.zh_CN.subject"
    with pytest.raises(ValidationError, match=r"\{numbr\}"):
        settings.set_many(admin, {key: "投诉{numbr}"})
    settings.set_many(admin, {key: "【提醒】投诉{number}截止{due}"})
    assert queue_one().subject == "【提醒】投诉TS-20261207-001截止2026-12-08 09:00"
    english = outbox.queue("complaint.deadline", outbox.Recipient("a@example.cn", "Ann", "en"),
                           {"number": "TS-1", "due": "tomorrow"})
    assert english.subject == "Complaint TS-1: deadline tomorrow"  # the other language keeps the built-in text


def _dispatched(agent, manager):
    c = complaints.register(agent, ComplaintInput(received_at=datetime(2026, 12, 1, 9, 30), source="email",
                                                  complainant="张主任", email="zhang@unit.example.cn",
                                                  description="打印机报修三天无人处理"))
    c = complaints.accept(agent, c.row.id, c.row.version, "已与客户确认")
    c = complaints.decide_validity(agent, c.row.id, c.row.version, True, "超时")
    return complaints.dispatch(agent, c.row.id, c.row.version, "桌面运维部", manager.id, "rep@it.example.cn")


def test_dispatch_and_verification_queue_their_messages_with_the_step(db, admin, make_user):
    agent = make_user("agent", name="服务台小李")
    manager = make_user("manager", name="王经理")
    User.update(email="wang@it.example.cn").where(User.id == manager.id).execute()
    c = _dispatched(agent, manager)
    sent = {(m.kind, m.recipient) for m in OutboxMessage.select()}
    assert sent == {("complaint.dispatched", "wang@it.example.cn"), ("complaint.dispatched", "rep@it.example.cn")}
    c = complaints.record_measures(agent, c.row.id, c.row.version, "增加备机，当日上门")
    with pytest.raises(ConflictError):  # a stale version: the step and its message are both refused
        complaints.verify(manager, c.row.id, c.row.version - 1)
    assert OutboxMessage.select().where(OutboxMessage.kind == "complaint.confirm").count() == 0
    complaints.verify(manager, c.row.id, c.row.version, "措施有效")
    [confirm] = OutboxMessage.select().where(OutboxMessage.kind == "complaint.confirm")
    assert confirm.recipient == "zhang@unit.example.cn" and "增加备机" in confirm.body
    assert confirm.entity == "complaint" and confirm.entity_id == str(c.row.id)


@pytest.mark.sqlite_only("rebuilds a schema-4 SQLite file by hand")
def test_migration_5_adds_the_outbox_to_a_schema_4_desk_and_keeps_its_data(db_path):
    import sqlite3

    from desk_app.services.opening import open_desk
    from desk_app.store.connection import close_database

    close_database(open_desk(db_path))
    con = sqlite3.connect(db_path)
    for table in ("outbox_attachment", "outbox_message", "job_run"):
        con.execute(f"DROP TABLE {table}")
    con.execute("INSERT INTO setting (key, value) VALUES ('org.name', '\"老单位\"')")
    con.execute("PRAGMA user_version = 4")
    con.commit()
    con.close()
    database = open_desk(db_path)
    try:
        assert {"outbox_message", "outbox_attachment", "job_run"} <= set(database.get_tables())
        assert database.execute_sql("PRAGMA user_version").fetchone()[0] == 5
        assert settings.get("org.name") == "老单位"
        assert queue_one().status == "queued"
    finally:
        close_database(database)


def test_a_message_never_tried_goes_out_on_a_catch_up_run_dated_before_it(db, admin, smtp_server):
    """run-due --at an earlier time (catching up a missed night) still sends what was queued since."""
    store = Store()
    configure(admin, smtp_server(store).port)
    row = queue_one()
    yesterday = model_now() - timedelta(days=1)
    assert deliver_due(yesterday).sent == [row.id] and len(store.received) == 1
