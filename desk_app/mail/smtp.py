"""One message through the desk's SMTP server: build it, hand it over, say what the server answered.

The MIME work is the standard library's: `EmailMessage` under the SMTP policy writes UTF-8 bodies, encodes
a Chinese subject per RFC 2047 and an attachment's name per RFC 2231, so nothing here encodes by hand.
`send` never raises for trouble on the server or the network: the outbox (R52) needs a verdict it can
store — accepted, retry later (4xx, refused connection, timeout) or failed for good (5xx, with the
server's own answer) — not an exception to unwind. Bad input (a malformed address, no recipient, bad
settings) is the caller's mistake and raises `ValidationError` naming the setting or field.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass, field
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formataddr, formatdate, getaddresses, make_msgid

from desk_app.errors import ValidationError
from desk_app.i18n import t

#: The ways to reach the server: plain (a local relay), STARTTLS (usually port 587), TLS from the start (465).
SECURITY_MODES = ("none", "starttls", "ssl")


@dataclass(frozen=True, kw_only=True)
class SmtpSettings:
    """Where and how to send; the caller reads them from the desk's settings and the password from the keyring.

    The password is left out of `repr`, so logging the settings never prints it (R50).
    """

    host: str
    port: int
    security: str
    sender: str
    sender_name: str = ""
    username: str = ""
    password: str = field(default="", repr=False)
    reply_to: str = ""
    timeout: float = 30.0


@dataclass(frozen=True)
class Attachment:
    """A file to attach, as bytes (a workbook made in memory or read by the caller)."""

    filename: str
    content: bytes
    mime_type: str = "application/octet-stream"


@dataclass(frozen=True, kw_only=True)
class Outgoing:
    """A message as the outbox stores it. Its `message_id` is fixed when it is queued, so a retry of
    the same row carries the same Message-ID and the recipient's mail program sees one message (R53)."""

    to: tuple[str, ...]
    subject: str
    body: str
    attachments: tuple[Attachment, ...] = ()
    message_id: str = ""


@dataclass(frozen=True)
class SendResult:
    """What one delivery attempt came to.

    `accepted`: the server took the message (for at least one recipient; the rest are in `refused`).
    Otherwise `permanent` tells a refusal that retrying cannot mend (5xx, a failed login, a certificate that
    does not verify) from one worth retrying (4xx, no connection, a timeout). `code` is the server's reply
    code when there was one; `answer` its text, or what went wrong on the way.
    """

    accepted: bool
    permanent: bool
    code: int | None
    answer: str
    refused: tuple[tuple[str, int, str], ...] = ()


def _address(value: str, name: str) -> str:
    """`value` as a bare address (user@domain), or ValidationError naming the field it came from."""
    text = (value or "").strip()
    try:
        parsed = Address(addr_spec=text)
        ok = bool(parsed.username) and bool(parsed.domain) and "." not in (parsed.domain[0], parsed.domain[-1])
    except Exception:  # the header parser raises several kinds (defects, IndexError, ValueError)
        ok = False
    if not ok:
        raise ValidationError(t("“{value}” is not an e-mail address.", value=text), field=name)
    return parsed.addr_spec


def _header_text(value: str, name: str) -> str:
    """A header value without line breaks: a newline in it could smuggle in a header of its own."""
    if "\r" in value or "\n" in value:
        raise ValidationError(t("A mail header cannot contain a line break."), field=name)
    return value


def validate_settings(settings: SmtpSettings) -> None:
    """Raise ValidationError (field `mail.…`) for settings no server could be reached with."""
    if not settings.host.strip() or any(c.isspace() for c in settings.host.strip()):
        raise ValidationError(t("The mail server's host name is missing or has spaces."), field="mail.host")
    if isinstance(settings.port, bool) or not isinstance(settings.port, int) or not 1 <= settings.port <= 65535:
        raise ValidationError(t("The mail server's port must be a number from 1 to 65535."), field="mail.port")
    if settings.security not in SECURITY_MODES:
        raise ValidationError(t("The connection security must be one of: {modes}.", modes=", ".join(SECURITY_MODES)),
                              field="mail.security")
    if not settings.timeout > 0:
        raise ValidationError(t("The mail timeout must be more than 0 seconds."), field="mail.timeout")
    if settings.password and not settings.username:
        raise ValidationError(t("A mail password needs a user name."), field="mail.username")
    _address(settings.sender, "mail.sender")
    _header_text(settings.sender_name, "mail.sender_name")
    if settings.reply_to:
        _address(settings.reply_to, "mail.reply_to")


def new_message_id(domain: str) -> str:
    """A fresh, globally unique Message-ID; the outbox stores it with the row when the message is queued."""
    return make_msgid(domain=domain or None)


def _message_id(value: str, domain: str) -> str:
    """The given Message-ID in angle brackets, or a new one when none was given."""
    text = _header_text(value.strip(), "mail.message_id")
    if not text:
        return new_message_id(domain)
    core = text.removeprefix("<").removesuffix(">")
    if not core or "@" not in core or any(c.isspace() or c in "<>" for c in core):
        raise ValidationError(t("“{value}” is not a Message-ID.", value=text), field="mail.message_id")
    return f"<{core}>"


def build_message(settings: SmtpSettings, outgoing: Outgoing, domain: str = "") -> EmailMessage:
    """The complete message: From, To, Reply-To, Subject, Date, Message-ID, a UTF-8 text body, attachments.

    `domain` goes into a new Message-ID (the desk's mail domain; the local host name when empty).
    """
    validate_settings(settings)
    recipients = [_address(a, "mail.to") for a in outgoing.to]
    if not recipients:
        raise ValidationError(t("A message needs at least one recipient."), field="mail.to")
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = formataddr((settings.sender_name, _address(settings.sender, "mail.sender")))
    message["To"] = ", ".join(recipients)
    if settings.reply_to:
        message["Reply-To"] = _address(settings.reply_to, "mail.reply_to")
    message["Subject"] = _header_text(outgoing.subject, "mail.subject")
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = _message_id(outgoing.message_id, domain)
    # base64 keeps a Chinese body 7-bit clean for any relay on the way (quoted-printable would triple it)
    message.set_content(outgoing.body, charset="utf-8", cte=None if outgoing.body.isascii() else "base64")
    for attachment in outgoing.attachments:
        maintype, slash, subtype = attachment.mime_type.partition("/")
        if not slash or not maintype or not subtype or maintype == "text":
            # a text/* part would want str content; everything attached here is a file's bytes
            maintype, subtype = "application", "octet-stream"
        message.add_attachment(attachment.content, maintype=maintype, subtype=subtype,
                               filename=_header_text(attachment.filename, "mail.attachment"))
    return message


def _answer(raw: bytes | str) -> str:
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def _refusal(code: int, answer: bytes | str) -> SendResult:
    """A reply code's verdict: 5xx is the server's final word, anything else may pass."""
    return SendResult(accepted=False, permanent=500 <= code <= 599, code=code, answer=_answer(answer))


def _connect(settings: SmtpSettings, context: ssl.SSLContext) -> smtplib.SMTP:
    if settings.security == "ssl":
        return smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout, context=context)
    smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    if settings.security == "starttls":
        try:
            smtp.starttls(context=context)
        except BaseException:
            smtp.close()
            raise
    return smtp


def _quit(smtp: smtplib.SMTP) -> None:
    """Say goodbye, ignoring a bad answer: once the server has accepted the message it is sent, and
    reporting a failed QUIT as a failure would make the outbox send it twice."""
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        pass
    finally:
        smtp.close()


def send(settings: SmtpSettings, message: EmailMessage, *, ssl_context: ssl.SSLContext | None = None) -> SendResult:
    """Hand `message` to the server once and say what came of it (no retries here: the outbox schedules them).

    `ssl_context` defaults to the system's trusted certificates with host-name checking; pass one that
    trusts a desk's own certificate authority for a server with an internal certificate.
    """
    validate_settings(settings)
    recipients = [address for _, address in getaddresses(message.get_all("To", []) + message.get_all("Cc", [])
                                                        + message.get_all("Bcc", []))]
    for address in recipients:
        _address(address, "mail.to")
    if not recipients:
        raise ValidationError(t("A message needs at least one recipient."), field="mail.to")
    context = ssl_context or ssl.create_default_context()
    smtp: smtplib.SMTP | None = None
    try:
        smtp = _connect(settings, context)
        if settings.username:
            smtp.login(settings.username, settings.password)
        refused = smtp.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:  # every recipient refused: permanent only if all were 5xx
        codes = [(address, code, _answer(text)) for address, (code, text) in exc.recipients.items()]
        first = codes[0] if codes else ("", 0, "")
        return SendResult(accepted=False, permanent=all(500 <= c <= 599 for _, c, _ in codes),
                          code=first[1] or None, answer=first[2], refused=tuple(codes))
    except smtplib.SMTPResponseException as exc:  # login, sender or data refused, or a refusing greeting
        return _refusal(exc.smtp_code, exc.smtp_error)
    except smtplib.SMTPNotSupportedError as exc:  # no STARTTLS, no AUTH, no SMTPUTF8: a setting to change
        return SendResult(accepted=False, permanent=True, code=None, answer=str(exc))
    except ssl.SSLCertVerificationError as exc:  # retrying will not make the certificate trusted
        return SendResult(accepted=False, permanent=True, code=None, answer=str(exc))
    except (smtplib.SMTPException, OSError) as exc:  # refused connection, timeout, dropped line, DNS
        return SendResult(accepted=False, permanent=False, code=None, answer=str(exc) or type(exc).__name__)
    finally:
        if smtp is not None:
            _quit(smtp)
    return SendResult(accepted=True, permanent=False, code=250, answer="",
                      refused=tuple((a, code, _answer(text)) for a, (code, text) in refused.items()))


def send_test_message(settings: SmtpSettings, to: str, domain: str = "", *,
                      ssl_context: ssl.SSLContext | None = None) -> SendResult:
    """The Admin dialog's "Send a test message": a short message to `to` through `settings`."""
    outgoing = Outgoing(to=(to,), subject=t("Service Desk: test message"),
                        body=t("This test message shows that the desk can send mail through {host}.",
                               host=settings.host))
    return send(settings, build_message(settings, outgoing, domain), ssl_context=ssl_context)
