"""Tickets (工单), their work log, and knowledge articles (知识库)."""

from peewee import CharField, DateTimeField, ForeignKeyField, TextField

from desk_app.models.base import BaseModel, TrackedModel, now
from desk_app.models.enums import Channel, Priority, TicketState
from desk_app.models.people import Contact, CustomerUnit, Team, User, by_user


class Ticket(TrackedModel):
    """R3: one reported fault, from report to closing."""

    number = CharField(unique=True)  # GD-YYYYMMDD-NNNN, never reused
    channel = CharField(default=Channel.HOTLINE.value)
    reported_at = DateTimeField(index=True)
    reporter_name = CharField(index=True)
    reporter_phone = CharField(default="")
    reporter_location = CharField(default="")
    unit = ForeignKeyField(CustomerUnit, null=True, backref="tickets", on_delete="SET NULL")
    contact = ForeignKeyField(Contact, null=True, backref="tickets", on_delete="SET NULL")
    category = CharField(default="", index=True)
    description = TextField()
    environment = TextField(default="")
    required_by = DateTimeField(null=True)  # the customer's required resolution time
    priority = CharField(default=Priority.P3.value)
    state = CharField(default=TicketState.NEW.value, index=True)
    assignee = ForeignKeyField(User, null=True, backref="assigned_tickets", on_delete="SET NULL")
    team = ForeignKeyField(Team, null=True, backref="tickets", on_delete="SET NULL")
    vendor = CharField(default="")
    first_response_due = DateTimeField(null=True)
    resolution_due = DateTimeField(null=True, index=True)
    first_response_at = DateTimeField(null=True)
    resolved_at = DateTimeField(null=True)
    closed_at = DateTimeField(null=True, index=True)
    cause = TextField(default="")  # 原因分析
    resolution = TextField(default="")  # 处理方法
    repeat_of = ForeignKeyField("self", null=True, backref="repeats", on_delete="SET NULL")
    created_by = by_user()
    updated_by = by_user()

    class Meta:
        indexes = (
            (("team", "state"), False),
            (("assignee", "state"), False),
            (("unit", "reported_at"), False),
            (("team", "closed_at"), False),
        )


class TicketEvent(BaseModel):
    """R4: one line of the work log (state change, assignment, escalation, note)."""

    ticket = ForeignKeyField(Ticket, backref="events", on_delete="CASCADE")
    at = DateTimeField(default=now)
    user = by_user()
    kind = CharField()  # created / assigned / state / escalated / note / reopened / edited
    from_state = CharField(default="")
    to_state = CharField(default="")
    text = TextField(default="")


class KnowledgeArticle(TrackedModel):
    """R7: a reusable solution, often made from a closed ticket."""

    title = CharField()
    symptom = TextField(default="")
    cause = TextField(default="")
    solution = TextField(default="")
    source_ticket = ForeignKeyField(Ticket, null=True, backref="articles", on_delete="SET NULL")
    created_by = by_user()
    updated_by = by_user()
