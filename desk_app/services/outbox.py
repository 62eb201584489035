"""The outbox (R52, R53): messages queued in the transaction of the action that causes them, listed and managed.

`queue` is called inside the caller's transaction, so an action rolled back leaves no message behind, and a
message is never lost once the action is stored: delivery (`services.mail_delivery`) happens later, outside
any transaction. A recipient without an address gets a row too (status `no_address`): the desk sees whom it
could not reach instead of nobody noticing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from desk_app.errors import ValidationError
from desk_app.i18n import N_, t
from desk_app.models import OutboxAttachment, OutboxMessage, Setting, User, now
from desk_app.services import audit, mail_templates, records, settings
from desk_app.services.actor import Actor
from desk_app.services.permissions import Permission, require

if TYPE_CHECKING:  # the mail adapter (smtplib, ssl) is imported when a message is queued or sent
    from desk_app.mail import Attachment

QUEUED, SENDING, SENT, FAILED, CANCELLED, NO_ADDRESS = "queued", "sending", "sent", "failed", "cancelled", "no_address"
STATUS_LABELS = {QUEUED: N_("queued"), SENDING: N_("sending"), SENT: N_("sent"), FAILED: N_("failed"),
                 CANCELLED: N_("cancelled"), NO_ADDRESS: N_("no address")}
STATUSES = tuple(STATUS_LABELS)


@dataclass(frozen=True)
class Recipient:
    address: str
    name: str
    language: str = ""  # "" → the desk's language


def user_recipient(user: User) -> Recipient:
    return Recipient(user.email.strip(), user.full_name or user.username, user.language)


def desk_language() -> str:
    return str(settings.get("ui.language")) or "zh_CN"


def _custom_templates() -> dict[str, str]:
    rows = Setting.select().where(Setting.key.startswith("mail.template."))
    return {key: value for key, value in ((r.key, settings.get(r.key)) for r in rows) if value}


def queue(kind: str, recipient: Recipient, values: dict[str, object], *, entity: str = "", entity_id: object = "",
          attachments: Iterable[Attachment] = (), dedupe_key: str | None = None) -> OutboxMessage | None:
    """Queue one `kind` message to `recipient`, rendered now in their language. Returns the row, or None when
    `dedupe_key` was queued before (a job run again for the same occasion queues nothing new)."""
    from desk_app.mail import new_message_id

    if kind not in mail_templates.KINDS:
        raise ValueError(kind)
    if dedupe_key and OutboxMessage.select().where(OutboxMessage.dedupe_key == dedupe_key).exists():
        return None
    language = recipient.language if recipient.language in mail_templates.LANGUAGES else desk_language()
    subject, body = mail_templates.render(kind, language, {"name": recipient.name, "org": settings.get("org.name")}
                                          | values, _custom_templates())
    sender = str(settings.get("mail.sender"))
    with OutboxMessage._meta.database.atomic():
        row = OutboxMessage.create(
            kind=kind, recipient=recipient.address, recipient_name=recipient.name, language=language,
            subject=subject, body=body, message_id=new_message_id(sender.rpartition("@")[2] or "desk.invalid"),
            entity=entity, entity_id=str(entity_id), dedupe_key=dedupe_key,
            status=QUEUED if recipient.address else NO_ADDRESS,
            last_answer="" if recipient.address else t("{name} has no e-mail address.", name=recipient.name))
        for attachment in attachments:
            OutboxAttachment.create(message=row, filename=attachment.filename, mime_type=attachment.mime_type,
                                    content=attachment.content)
    return row


@dataclass(frozen=True)
class OutboxRow:
    id: int
    created_at: datetime
    kind: str
    kind_label: str
    recipient: str
    recipient_name: str
    subject: str
    status: str
    status_label: str
    attempts: int
    next_attempt_at: datetime | None
    sent_at: datetime | None
    last_code: int | None
    last_answer: str
    entity: str
    entity_id: str
    message_id: str

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, "created_at": self.created_at.isoformat(sep=" "), "kind": self.kind,
                "recipient": self.recipient, "recipient_name": self.recipient_name, "subject": self.subject,
                "status": self.status, "attempts": self.attempts,
                "next_attempt_at": self.next_attempt_at.isoformat(sep=" ")
                if self.status == QUEUED and self.next_attempt_at else None,
                "sent_at": self.sent_at.isoformat(sep=" ") if self.sent_at else None,
                "last_code": self.last_code, "last_answer": self.last_answer, "entity": self.entity,
                "entity_id": self.entity_id, "message_id": self.message_id}


def _row(m: OutboxMessage) -> OutboxRow:
    kind = mail_templates.KINDS.get(m.kind)
    return OutboxRow(m.id, m.created_at, m.kind, t(kind.label) if kind else m.kind, m.recipient, m.recipient_name,
                     m.subject, m.status, t(STATUS_LABELS.get(m.status, m.status)), m.attempts, m.next_attempt_at,
                     m.sent_at, m.last_code, m.last_answer, m.entity, m.entity_id, m.message_id)


def list_messages(status: str | None = None, limit: int = 1000) -> list[OutboxRow]:
    """The newest messages first, optionally of one status."""
    if status is not None and status not in STATUSES:
        raise ValidationError(t("Unknown status {status}; one of: {statuses}.", status=status,
                                statuses=", ".join(STATUSES)), field="--status")
    query = OutboxMessage.select().order_by(OutboxMessage.id.desc()).limit(limit)
    if status:
        query = query.where(OutboxMessage.status == status)
    return [_row(m) for m in query]


def counts() -> dict[str, int]:
    """Messages per status (every status present, zeros included)."""
    from peewee import fn

    found = dict(OutboxMessage.select(OutboxMessage.status, fn.COUNT(OutboxMessage.id))
                 .group_by(OutboxMessage.status).tuples())
    return {status: found.get(status, 0) for status in STATUSES}


def retry(actor: Actor, message_id: int, at: datetime | None = None) -> OutboxRow:
    """Queue a failed or cancelled message again, at once, with a fresh count of attempts."""
    return _change(actor, message_id, (FAILED, CANCELLED), QUEUED, "mail.retry", at)


def cancel(actor: Actor, message_id: int) -> OutboxRow:
    """Stop a queued or failed message from being sent."""
    return _change(actor, message_id, (QUEUED, FAILED), CANCELLED, "mail.cancel", None)


def _change(actor: Actor, message_id: int, allowed: tuple[str, ...], status: str, action: str,
            at: datetime | None) -> OutboxRow:
    require(actor, Permission.MANAGE_SETTINGS)
    with OutboxMessage._meta.database.atomic():
        message = records.load(OutboxMessage, message_id)
        if message.status not in allowed:
            raise ValidationError(t("Message {id} is {status}; only a message that is {allowed} can be changed so.",
                                    id=message_id, status=t(STATUS_LABELS[message.status]),
                                    allowed=" / ".join(t(STATUS_LABELS[s]) for s in allowed)), field="id")
        changes: dict[str, object] = {"status": status}
        if status == QUEUED:
            changes |= {"attempts": 0, "next_attempt_at": at or now(), "claimed_at": None}
        OutboxMessage.update(**changes).where(OutboxMessage.id == message.id).execute()
        audit.record(actor, action, message, before={"status": message.status}, after={"status": status})
    return _row(records.load(OutboxMessage, message_id))


def attachments_of(message: OutboxMessage) -> tuple[Attachment, ...]:
    from desk_app.mail import Attachment

    return tuple(Attachment(a.filename, bytes(a.content), a.mime_type)
                 for a in OutboxAttachment.select().where(OutboxAttachment.message == message.id)
                 .order_by(OutboxAttachment.id))
