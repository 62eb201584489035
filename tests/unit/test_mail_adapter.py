"""The SMTP adapter against a real SMTP server (aiosmtpd) on the loopback interface: what arrives, and the
verdict of each kind of refusal and breakdown (R50, R52, R53)."""

from __future__ import annotations

import email
import io
import socket
import ssl
from datetime import UTC, datetime, timedelta
from ipaddress import IPv4Address

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword

from desk_app.errors import ValidationError
from desk_app.mail import (
    Attachment,
    Outgoing,
    SmtpSettings,
    build_message,
    new_message_id,
    send,
    send_test_message,
    validate_settings,
)
from tests.mail_support import LOOPBACK, Store, free_port

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (b"desk", b"s3cret")
    return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 535 itself


def settings_for(port: int = 25, **changes) -> SmtpSettings:
    values = dict(host=LOOPBACK, port=port, security="none", sender="desk@example.org", sender_name="服务台",
                  timeout=5.0)
    values.update(changes)
    return SmtpSettings(**values)


def workbook_bytes() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "满意度调查"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_chinese_subject_body_attachment_message_id_and_reply_to_arrive_intact(smtp_server):
    store = Store()
    server = smtp_server(store)
    settings = settings_for(server.port, reply_to="helpdesk@example.org")
    content = workbook_bytes()
    subject = "请填写2024年第三季度满意度调查问卷（附件）"
    body = "您好：\n\n请在附件中填写问卷，并于下周五前发回。\n\n谢谢！\n服务台\n"
    outgoing = Outgoing(to=("li.lei@example.com", "han.meimei@example.com"), subject=subject, body=body,
                        attachments=(Attachment("满意度调查.xlsx", content, XLSX),),
                        message_id="<outbox-17.3f2a@desk.example.org>")

    result = send(settings, build_message(settings, outgoing, "desk.example.org"))

    assert result.accepted and not result.permanent and result.refused == ()
    [raw] = store.received
    headers = raw.split(b"\r\n\r\n", 1)[0]
    assert headers.isascii()  # 7-bit clean headers: the subject is RFC 2047 encoded, not raw UTF-8
    assert b"Subject: =?utf-8?" in headers
    [message] = store.parsed()
    assert message["Subject"] == subject
    assert message["Message-ID"] == "<outbox-17.3f2a@desk.example.org>"
    assert message["Reply-To"] == "helpdesk@example.org"
    assert message["From"].addresses[0].display_name == "服务台"
    assert message["From"].addresses[0].addr_spec == "desk@example.org"
    assert [a.addr_spec for a in message["To"].addresses] == ["li.lei@example.com", "han.meimei@example.com"]
    sent_at = email.utils.parsedate_to_datetime(message["Date"])
    assert abs(sent_at - datetime.now(UTC)) < timedelta(minutes=1)
    assert message.get_body(("plain",)).get_content().replace("\r\n", "\n") == body  # text travels with CRLF
    [attached] = list(message.iter_attachments())
    assert attached.get_filename() == "满意度调查.xlsx"
    assert attached.get_content_type() == XLSX
    assert attached.get_content() == content  # byte for byte


def test_a_retry_keeps_the_message_id_and_a_new_message_gets_a_fresh_one():
    settings = settings_for(25)
    queued = new_message_id("desk.example.org")
    outgoing = Outgoing(to=("a@example.com",), subject="s", body="b", message_id=queued)
    first, retry = build_message(settings, outgoing), build_message(settings, outgoing)
    assert first["Message-ID"] == retry["Message-ID"] == queued
    assert queued.endswith("@desk.example.org>")
    bare = build_message(settings, Outgoing(to=("a@example.com",), subject="s", body="b", message_id="x.1@host"))
    assert bare["Message-ID"] == "<x.1@host>"
    fresh = [build_message(settings, Outgoing(to=("a@example.com",), subject="s", body="b"), "d.example")
             for _ in range(2)]
    assert fresh[0]["Message-ID"] != fresh[1]["Message-ID"]


def test_451_is_temporary_with_the_servers_code_and_answer(smtp_server):
    server = smtp_server(Store(data_reply="451 4.3.0 Mailbox busy, try later"))
    settings = settings_for(server.port)
    result = send(settings, build_message(settings, Outgoing(to=("a@example.com",), subject="s", body="b")))
    assert (result.accepted, result.permanent, result.code) == (False, False, 451)
    assert "Mailbox busy" in result.answer


def test_550_for_every_recipient_is_permanent_and_a_partial_refusal_is_still_sent(smtp_server):
    store = Store(rcpt_reply="550 5.1.1 No such user here")
    server = smtp_server(store)
    settings = settings_for(server.port)
    result = send(settings, build_message(settings, Outgoing(to=("nobody@example.com",), subject="s", body="b")))
    assert (result.accepted, result.permanent, result.code) == (False, True, 550)
    assert "No such user" in result.answer
    assert result.refused == (("nobody@example.com", 550, "5.1.1 No such user here"),)

    both = Outgoing(to=("ok@example.com", "nobody@example.com"), subject="s", body="b")
    partial = send(settings, build_message(settings, both))
    assert partial.accepted
    assert [address for address, _, _ in partial.refused] == ["nobody@example.com"]
    assert len(store.received) == 1


def test_554_on_data_is_permanent(smtp_server):
    server = smtp_server(Store(data_reply="554 5.7.1 Message rejected as spam"))
    settings = settings_for(server.port)
    result = send(settings, build_message(settings, Outgoing(to=("a@example.com",), subject="s", body="b")))
    assert (result.accepted, result.permanent, result.code) == (False, True, 554)


def test_nothing_listening_is_temporary_not_an_exception():
    settings = settings_for(free_port())
    result = send(settings, build_message(settings, Outgoing(to=("a@example.com",), subject="s", body="b")))
    assert (result.accepted, result.permanent, result.code) == (False, False, None)
    assert result.answer


def test_a_server_that_never_answers_times_out_as_temporary():
    with socket.socket() as silent:  # listens, never greets
        silent.bind((LOOPBACK, 0))
        silent.listen(1)
        settings = settings_for(silent.getsockname()[1], timeout=0.3)
        result = send(settings, build_message(settings, Outgoing(to=("a@example.com",), subject="s", body="b")))
    assert (result.accepted, result.permanent) == (False, False)


def test_login_over_a_plain_connection_and_a_wrong_password_is_permanent(smtp_server):
    store = Store()
    server = smtp_server(store, authenticator=authenticator, auth_require_tls=False)
    good = settings_for(server.port, username="desk", password="s3cret")
    outgoing = Outgoing(to=("a@example.com",), subject="s", body="b")
    assert send(good, build_message(good, outgoing)).accepted
    assert len(store.received) == 1

    wrong = settings_for(server.port, username="desk", password="wrong")
    result = send(wrong, build_message(wrong, outgoing))
    assert (result.accepted, result.permanent, result.code) == (False, True, 535)
    assert len(store.received) == 1
    assert "wrong" not in repr(wrong) and "s3cret" not in repr(good)  # the password never reaches a log


def self_signed(tmp_path) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """A server context with a fresh certificate for 127.0.0.1, and a client context that trusts only it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "desk test mail server")])
    now = datetime.now(UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number())
                   .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=1))
                   .add_extension(x509.SubjectAlternativeName([x509.IPAddress(IPv4Address(LOOPBACK))]),
                                  critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(key, hashes.SHA256()))
    cert_pem = certificate.public_bytes(serialization.Encoding.PEM)
    (tmp_path / "cert.pem").write_bytes(cert_pem)
    (tmp_path / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                         serialization.PrivateFormat.PKCS8,
                                                         serialization.NoEncryption()))
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    client = ssl.create_default_context(cadata=cert_pem.decode())
    return server, client


def test_starttls_with_login_and_an_untrusted_certificate_is_permanent(smtp_server, tmp_path):
    server_context, client_context = self_signed(tmp_path)
    store = Store()
    server = smtp_server(store, tls_context=server_context, require_starttls=True, authenticator=authenticator)
    settings = settings_for(server.port, security="starttls", username="desk", password="s3cret")
    outgoing = Outgoing(to=("a@example.com",), subject="加密", body="经由 STARTTLS")
    result = send(settings, build_message(settings, outgoing), ssl_context=client_context)
    assert result.accepted, result
    assert store.parsed()[0]["Subject"] == "加密"

    untrusted = send(settings, build_message(settings, outgoing))  # the system's CAs do not know this server
    assert (untrusted.accepted, untrusted.permanent) == (False, True)
    assert "certificate" in untrusted.answer.lower()


def test_starttls_asked_of_a_server_without_it_is_permanent(smtp_server):
    server = smtp_server(Store())
    settings = settings_for(server.port, security="starttls")
    result = send(settings, build_message(settings, Outgoing(to=("a@example.com",), subject="s", body="b")))
    assert (result.accepted, result.permanent) == (False, True)


def test_implicit_tls(smtp_server, tmp_path):
    server_context, client_context = self_signed(tmp_path)
    store = Store()
    server = smtp_server(store, ssl_context=server_context)
    settings = settings_for(server.port, security="ssl")
    assert send_test_message(settings, "admin@example.com", ssl_context=client_context).accepted
    [message] = store.parsed()
    assert message["To"] == "admin@example.com"


@pytest.mark.parametrize(("changes", "field"), [
    ({"host": ""}, "mail.host"),
    ({"host": "mail server"}, "mail.host"),
    ({"port": 0}, "mail.port"),
    ({"port": 65536}, "mail.port"),
    ({"security": "tls"}, "mail.security"),
    ({"sender": "desk"}, "mail.sender"),
    ({"sender": "desk@example.org\r\nBcc: x@example.com"}, "mail.sender"),
    ({"reply_to": "not an address"}, "mail.reply_to"),
    ({"timeout": 0}, "mail.timeout"),
    ({"password": "p"}, "mail.username"),
])
def test_bad_settings_name_the_setting(changes, field):
    with pytest.raises(ValidationError) as caught:
        validate_settings(settings_for(**changes))
    assert caught.value.field == field


@pytest.mark.parametrize(("outgoing", "field"), [
    (Outgoing(to=(), subject="s", body="b"), "mail.to"),
    (Outgoing(to=("a@example.com", "b@"), subject="s", body="b"), "mail.to"),
    (Outgoing(to=("a@example.com, b@example.com",), subject="s", body="b"), "mail.to"),
    (Outgoing(to=("a@example.com",), subject="s\nBcc: x@example.com", body="b"), "mail.subject"),
    (Outgoing(to=("a@example.com",), subject="s", body="b", message_id="no-at-sign"), "mail.message_id"),
])
def test_bad_messages_name_the_field(outgoing, field):
    with pytest.raises(ValidationError) as caught:
        build_message(settings_for(25), outgoing)
    assert caught.value.field == field


def test_send_refuses_a_message_without_recipients_before_connecting():
    settings = settings_for(free_port())
    message = build_message(settings, Outgoing(to=("a@example.com",), subject="s", body="b"))
    del message["To"]
    with pytest.raises(ValidationError) as caught:
        send(settings, message)
    assert caught.value.field == "mail.to"
