"""E-mail through the desk's own SMTP server (R50, R53): the standard library's smtplib and EmailMessage.

- `smtp`: settings, the message (UTF-8 body, RFC 2047 subject, attachments, a stable Message-ID) and one
  delivery attempt whose result says whether the server took it, and if not, whether a retry can help.

An adapter: plain data only, no database, services or Qt. The caller (the outbox service) passes the
settings, including the password it read from the OS keyring, and decides when to retry.
"""

from desk_app.mail.smtp import (
    SECURITY_MODES,
    Attachment,
    Outgoing,
    SendResult,
    SmtpSettings,
    build_message,
    new_message_id,
    send,
    send_test_message,
    validate_settings,
)

__all__ = [
    "SECURITY_MODES",
    "Attachment",
    "Outgoing",
    "SendResult",
    "SmtpSettings",
    "build_message",
    "new_message_id",
    "send",
    "send_test_message",
    "validate_settings",
]
