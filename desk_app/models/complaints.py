"""Complaints (投诉, §5) and the fault analysis meetings (故障分析会, R18a)."""

from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, TextField

from desk_app.models.base import BaseModel, TrackedModel, now
from desk_app.models.enums import ComplaintState
from desk_app.models.evaluations import Callback
from desk_app.models.people import Contact, CustomerUnit, User, by_user
from desk_app.models.surveys import SurveyResponse
from desk_app.models.tickets import Ticket


class Complaint(TrackedModel):
    """R20–R24: one complaint, from record (01) to close."""

    number = CharField(unique=True)  # TS-YYYYMMDD-NNN
    received_at = DateTimeField(index=True)
    source = CharField(index=True)  # ComplaintSource
    complainant = CharField()
    complainant_title = CharField(default="")
    is_vip = BooleanField(default=False)
    contact = ForeignKeyField(Contact, null=True, backref="complaints", on_delete="SET NULL")
    unit = ForeignKeyField(CustomerUnit, null=True, backref="complaints", on_delete="SET NULL")
    phone = CharField(default="")
    email = CharField(default="")
    ticket = ForeignKeyField(Ticket, null=True, backref="complaints", on_delete="SET NULL")
    callback = ForeignKeyField(Callback, null=True, backref="complaints", on_delete="SET NULL")
    survey_response = ForeignKeyField(SurveyResponse, null=True, backref="complaints",
                                      on_delete="SET NULL")
    category = CharField(default="", index=True)  # complaint type, for analysis
    description = TextField()
    state = CharField(default=ComplaintState.RECORDED.value, index=True)
    accepted_by = by_user()
    accepted_at = DateTimeField(null=True)
    is_valid = BooleanField(null=True)  # 03
    validity_reason = TextField(default="")
    department = CharField(default="")  # 05 responsible department
    department_manager = ForeignKeyField(User, null=True, backref="complaints_dispatched",
                                         on_delete="SET NULL")
    management_rep = CharField(default="")  # copied on dispatch
    dispatched_at = DateTimeField(null=True)
    measures = TextField(default="")  # handling measures
    verified_by = by_user()  # 06 IT service manager
    verified_at = DateTimeField(null=True)
    customer_confirmed = BooleanField(default=False)
    customer_notified = BooleanField(default=False)
    close_reason = TextField(default="")  # R23: why it closes without confirmation
    closed_by = by_user()
    closed_at = DateTimeField(null=True)
    findings = TextField(default="")  # 处理结果与经验总结 (R23a)
    escalated = BooleanField(default=False)  # R22 to the general manager
    escalation_reason = TextField(default="")
    previous = ForeignKeyField("self", null=True, backref="followups", on_delete="SET NULL")
    due_at = DateTimeField(null=True, index=True)  # R24 agreed resolution time
    created_by = by_user()
    updated_by = by_user()


class ComplaintEvent(BaseModel):
    """One step of a complaint's flow with its activity code (01–06) and who did it."""

    complaint = ForeignKeyField(Complaint, backref="events", on_delete="CASCADE")
    code = CharField()  # "01" … "06", "close", "escalate", "note"
    at = DateTimeField(default=now)
    user = by_user()
    text = TextField(default="")


class Meeting(TrackedModel):
    """A monthly fault analysis meeting (R18a)."""

    month = CharField(unique=True)  # YYYY-MM whose evaluations it discusses
    meeting_date = DateField()
    notes = TextField(default="")
    held = BooleanField(default=False)
    updated_by = by_user()
