"""The desk's SMTP settings as the mail adapter wants them, and the password kept in the OS keyring (R50).

The password never goes into the database (whoever copies the file would have the mail account): it is kept
by `keyring` on the sending workstation, under the service "desk-app SMTP" and the name `user@host:port`.
A server with no keyring (a cron job on a headless machine) reads it from the environment variable
DESK_APP_SMTP_PASSWORD instead.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass

from desk_app.errors import ValidationError
from desk_app.i18n import t
from desk_app.mail import SmtpSettings, send_test_message
from desk_app.services import audit, settings
from desk_app.services.actor import Actor
from desk_app.services.permissions import Permission, require

KEYRING_SERVICE = "desk-app SMTP"
PASSWORD_VARIABLE = "DESK_APP_SMTP_PASSWORD"


def is_configured() -> bool:
    """Is a mail server set? Without one messages stay queued, and nothing is sent."""
    return bool(str(settings.get("mail.host")).strip() and str(settings.get("mail.sender")).strip())


def _account() -> str:
    return f"{settings.get('mail.username')}@{settings.get('mail.host')}:{settings.get('mail.port')}"


def _keyring():
    import keyring  # a few backends are probed at import: only when mail is sent

    return keyring


def stored_password() -> str:
    """The SMTP password: the environment variable, else the keyring; "" when neither has one."""
    if os.environ.get(PASSWORD_VARIABLE):
        return os.environ[PASSWORD_VARIABLE]
    if not settings.get("mail.username"):
        return ""
    from keyring.errors import KeyringError

    try:
        return _keyring().get_password(KEYRING_SERVICE, _account()) or ""
    except KeyringError:
        return ""


def password_source() -> str:
    """Where the SMTP password comes from, for the Admin dialog: "environment", "keyring" or "" (none)."""
    if os.environ.get(PASSWORD_VARIABLE):
        return "environment"
    return "keyring" if stored_password() else ""


def set_password(actor: Actor, password: str) -> None:
    """Keep `password` for the configured server and user in the keyring ("" removes it). Audited, not stored."""
    require(actor, Permission.MANAGE_SETTINGS)
    if not settings.get("mail.username"):
        raise ValidationError(t("Set the mail server user name (mail.username) before its password."),
                              field="mail.username")
    from keyring.errors import KeyringError, PasswordDeleteError

    ring = _keyring()
    try:
        if password:
            ring.set_password(KEYRING_SERVICE, _account(), password)
        else:
            with contextlib.suppress(PasswordDeleteError):
                ring.delete_password(KEYRING_SERVICE, _account())
    except KeyringError as exc:
        raise ValidationError(t("The system keyring cannot keep the password ({problem}); set the environment "
                                "variable {variable} on the sending workstation instead.",
                                problem=exc, variable=PASSWORD_VARIABLE), field="mail.password") from exc
    audit.record(actor, "mail.password" if password else "mail.password_removed", "setting", entity_id="mail")


@dataclass(frozen=True)
class MailSetup:
    settings: SmtpSettings
    domain: str  # of the sender address: goes into each Message-ID


def smtp_setup() -> MailSetup:
    """The configured server, with its password; ValidationError naming the setting when it is incomplete."""
    if not is_configured():
        raise ValidationError(t("No mail server is set: set mail.host and mail.sender (Admin dialog or "
                                "`desk-app settings set`)."), field="mail.host")
    sender = str(settings.get("mail.sender"))
    config = SmtpSettings(host=str(settings.get("mail.host")).strip(), port=int(settings.get("mail.port")),
                          security=str(settings.get("mail.security")), sender=sender,
                          sender_name=str(settings.get("mail.sender_name") or settings.get("org.name")),
                          username=str(settings.get("mail.username")), password=stored_password(),
                          reply_to=str(settings.get("mail.reply_to")), timeout=float(settings.get("mail.timeout")))
    return MailSetup(config, sender.rpartition("@")[2])


def send_test(to: str) -> str:
    """Send a test message to `to` at once (not through the outbox): the server's acceptance in words, or
    ValidationError with its answer. Talks to the server: call it from a worker thread in the GUI."""
    setup = smtp_setup()
    result = send_test_message(setup.settings, to.strip(), setup.domain)
    if not result.accepted:
        code = f"{result.code} " if result.code else ""
        raise ValidationError(t("The test message was not sent: {answer}",
                                answer=f"{code}{result.answer}".strip()), field="to")
    answer = f"{result.code} {result.answer}".strip() if result.code else result.answer
    return t("The server {host} accepted the test message to {to}.", host=setup.settings.host, to=to.strip()) \
        + (f"\n{answer}" if answer else "")
