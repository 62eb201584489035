"""The outbox (R52, R53) and the record of unattended job runs (R54)."""

from peewee import BlobField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from desk_app.models.base import BaseModel, now


class OutboxMessage(BaseModel):
    """One message to one recipient, written in the transaction of the action that causes it.

    `status`: queued → sending (claimed by one sender) → sent | queued again (a retry) | failed; cancelled
    by an administrator; no_address when the recipient has no e-mail address (listed, never sent).
    `dedupe_key` names the occasion (a job's period and the record), so a job run twice queues nothing twice.
    """

    created_at = DateTimeField(default=now, index=True)
    kind = CharField(index=True)  # what caused it, e.g. "complaint.dispatched" (services.mail_templates)
    recipient = CharField(default="")  # one address
    recipient_name = CharField(default="")
    language = CharField(default="zh_CN")
    subject = TextField()
    body = TextField()
    message_id = CharField(unique=True)  # fixed when queued: a retry carries the same Message-ID (R53)
    entity = CharField(default="")  # the record it is about (table name), for links
    entity_id = CharField(default="")
    dedupe_key = CharField(null=True, unique=True)
    status = CharField(default="queued", index=True)
    attempts = IntegerField(default=0)
    next_attempt_at = DateTimeField(default=now, index=True)
    claimed_at = DateTimeField(null=True)  # when a sender took it (a stale claim is given back)
    sent_at = DateTimeField(null=True)
    last_code = IntegerField(null=True)  # the server's reply code of the last attempt
    last_answer = TextField(default="")  # the server's answer, or what went wrong on the way


class OutboxAttachment(BaseModel):
    """A file attached to an outbox message, stored with it so a retry days later sends the same bytes."""

    message = ForeignKeyField(OutboxMessage, backref="attachments", on_delete="CASCADE")
    filename = CharField()
    mime_type = CharField(default="application/octet-stream")
    content = BlobField()


class JobRun(BaseModel):
    """One run of one due job for one period (R54). The unique (job, period) row is the lock: it is
    inserted in the job's own transaction, so a second copy of `run-due` waits for the first and then
    finds the period done, and a job killed half-way leaves no row and runs again next time."""

    job = CharField()
    period = CharField()  # "2026-12-07" for a daily job, "2026-12" for a monthly one
    started_at = DateTimeField(default=now)
    finished_at = DateTimeField(null=True)
    summary = TextField(default="{}")  # JSON: what the run did

    class Meta:
        indexes = ((("job", "period"), True),)
