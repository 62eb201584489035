"""Delivering the outbox (R52, R53): each due message claimed by one sender, handed to the server, its verdict kept.

No transaction is held while the server is talked to. A message is claimed with one conditional UPDATE
(queued → sending), so two senders at once (the GUI's worker and a cron job) never send the same row; it is
marked sent only after the server accepted it. A sender killed after its claim leaves the row "sending": the
claim goes stale after `STALE_CLAIM` and the message is queued again — sent a second time only if the kill
came after the server's acceptance, and then with the same Message-ID, which mail programs show once.
Retries wait 1 min, 5 min, 30 min and 2 h; after that, or at once on a permanent refusal (5xx), the message
is failed with the server's answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from desk_app.errors import ValidationError
from desk_app.mail import Outgoing, SendResult, SmtpSettings, build_message, send
from desk_app.models import OutboxMessage, now
from desk_app.services import outbox
from desk_app.services.mail_settings import smtp_setup

RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))
STALE_CLAIM = timedelta(minutes=15)

Transport = Callable[[SmtpSettings, object], SendResult]


@dataclass
class DeliveryReport:
    sent: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    waiting: int = 0  # queued, not yet due (a retry's wait)

    def as_json(self) -> dict[str, object]:
        return {"sent": len(self.sent), "retrying": len(self.retrying), "failed": len(self.failed),
                "waiting": self.waiting}


def _release_stale_claims(at: datetime) -> None:
    (OutboxMessage.update(status=outbox.QUEUED, claimed_at=None)
     .where((OutboxMessage.status == outbox.SENDING) & (OutboxMessage.claimed_at < at - STALE_CLAIM)).execute())


def _claim(message_id: int, at: datetime) -> bool:
    return (OutboxMessage.update(status=outbox.SENDING, claimed_at=at)
            .where((OutboxMessage.id == message_id) & (OutboxMessage.status == outbox.QUEUED)).execute()) == 1


def _settle(message: OutboxMessage, result: SendResult, at: datetime) -> str:
    """Store one attempt's verdict; returns the new status."""
    attempts = message.attempts + 1
    changes: dict[str, object] = {"attempts": attempts, "claimed_at": None, "last_code": result.code,
                                  "last_answer": result.answer}
    if result.accepted:
        changes |= {"status": outbox.SENT, "sent_at": at}
    elif result.permanent or attempts > len(RETRY_DELAYS):
        changes["status"] = outbox.FAILED
    else:
        changes |= {"status": outbox.QUEUED, "next_attempt_at": at + RETRY_DELAYS[attempts - 1]}
    (OutboxMessage.update(**changes)
     .where((OutboxMessage.id == message.id) & (OutboxMessage.status == outbox.SENDING)).execute())
    return str(changes["status"])


def _attempt(message: OutboxMessage, config: SmtpSettings, domain: str, transport: Transport) -> SendResult:
    outgoing = Outgoing(to=(message.recipient,), subject=message.subject, body=message.body,
                        attachments=outbox.attachments_of(message), message_id=message.message_id)
    try:
        built = build_message(config, outgoing, domain)
    except ValidationError as exc:  # a malformed address: no server will take it
        return SendResult(accepted=False, permanent=True, code=None, answer=str(exc))
    return transport(config, built)


def _time_has_come(at: datetime):
    """Never tried (due at once, whatever time a catch-up run gives), or its retry time has come."""
    return (OutboxMessage.attempts == 0) | (OutboxMessage.next_attempt_at <= at)


def _due(at: datetime):
    return (OutboxMessage.status == outbox.QUEUED) & _time_has_come(at)


def due_count(at: datetime | None = None) -> int:
    """Queued messages whose time has come: the open program asks before it reaches for the server and the
    keyring, so that a quiet outbox costs one query."""
    at = at or now()
    return OutboxMessage.select().where(_due(at)).count()


def deliver_due(at: datetime | None = None, *, transport: Transport = send,
                should_stop: Callable[[], bool] | None = None) -> DeliveryReport:
    """Send every queued message whose time has come; ValidationError when no mail server is set."""
    at = at or now()
    setup = smtp_setup()
    _release_stale_claims(at)
    report = DeliveryReport()
    due = [m.id for m in OutboxMessage.select(OutboxMessage.id)
           .where(_due(at))
           .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)]
    for message_id in due:
        if should_stop is not None and should_stop():
            break
        if not _claim(message_id, at):
            continue  # another sender took it
        message = OutboxMessage.get_by_id(message_id)
        status = _settle(message, _attempt(message, setup.settings, setup.domain, transport), at)
        {outbox.SENT: report.sent, outbox.FAILED: report.failed}.get(status, report.retrying).append(message_id)
    report.waiting = OutboxMessage.select().where((OutboxMessage.status == outbox.QUEUED) & ~_time_has_come(at)).count()
    return report
