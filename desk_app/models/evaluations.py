"""Evaluations of closed tickets, phone callbacks and dissatisfaction revisit forms (§3, §4)."""

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from desk_app.models.base import BaseModel, TrackedModel, now
from desk_app.models.enums import CallbackState, RevisitState
from desk_app.models.people import Team, User, by_user
from desk_app.models.tickets import Ticket


class CallbackPlan(BaseModel):
    """One day's sampling run (R10–R11): reproducible, with the skipped tickets and why (R10a)."""

    plan_date = DateField(unique=True)  # the working day the callbacks are made
    closed_on = DateField()  # the day whose closed tickets were sampled
    created_at = DateTimeField(default=now)
    created_by = by_user()
    settings_json = TextField(default="{}")  # rates and seed used
    skipped_json = TextField(default="[]")  # [{ticket, reason}]


class Callback(TrackedModel):
    """R13–R14: one phone callback of a closed ticket, assigned to a dispatcher or manager."""

    ticket = ForeignKeyField(Ticket, backref="callbacks", on_delete="CASCADE")
    plan = ForeignKeyField(CallbackPlan, null=True, backref="callbacks", on_delete="SET NULL")
    caller = ForeignKeyField(User, null=True, backref="callbacks", on_delete="SET NULL")
    caller_kind = CharField()  # EvaluationKind.DISPATCHER / MANAGER
    state = CharField(default=CallbackState.PENDING.value, index=True)
    due_at = DateTimeField(index=True)
    attempts = IntegerField(default=0)
    contacted_within_hour = BooleanField(null=True)  # R14 (a)
    attitude = CharField(default="")  # R14 (b), a rating code
    device_working = BooleanField(null=True)  # R14 (c)
    rating = CharField(default="")  # R14 (d), a rating code; '' until the customer chooses
    comment = TextField(default="")  # R14 (e), the customer's words
    completed_at = DateTimeField(null=True)
    updated_by = by_user()

    class Meta:
        indexes = ((("caller", "state"), False),)


class CallbackAttempt(BaseModel):
    """An unsuccessful call (R13: unreachable, with attempts and times)."""

    callback = ForeignKeyField(Callback, backref="attempt_log", on_delete="CASCADE")
    at = DateTimeField(default=now)
    user = by_user()
    note = TextField(default="")


class Evaluation(BaseModel):
    """One rating of a closed ticket. R12: unique per (ticket, kind)."""

    ticket = ForeignKeyField(Ticket, backref="evaluations", on_delete="CASCADE")
    kind = CharField()  # EvaluationKind
    evaluator = ForeignKeyField(User, null=True, backref="evaluations_given", on_delete="SET NULL")
    rating = CharField()  # Rating code
    points = IntegerField()  # points of the rating at the time (R8 settings)
    comment = TextField(default="")
    corrective_note = TextField(default="")  # required for a dissatisfied self-evaluation (R9)
    callback = ForeignKeyField(Callback, null=True, backref="evaluations", on_delete="SET NULL")
    evaluated_at = DateTimeField(default=now, index=True)

    class Meta:
        indexes = ((("ticket", "kind"), True),)


class RevisitForm(TrackedModel):
    """§4 不满意回访表: the team lead's follow-up of a dissatisfied evaluation."""

    number = CharField(unique=True)
    ticket = ForeignKeyField(Ticket, backref="revisit_forms", on_delete="CASCADE")
    team = ForeignKeyField(Team, null=True, backref="revisit_forms", on_delete="SET NULL")
    team_lead = ForeignKeyField(User, null=True, backref="revisit_forms", on_delete="SET NULL")
    evaluation = ForeignKeyField(Evaluation, null=True, backref="revisit_forms", on_delete="SET NULL")
    callback = ForeignKeyField(Callback, null=True, backref="revisit_forms", on_delete="SET NULL")
    reporter_name = CharField(default="")
    reporter_location = CharField(default="")
    reporter_phone = CharField(default="")
    reported_at = DateTimeField(null=True)
    callback_person = CharField(default="")
    callback_at = DateTimeField(null=True)
    customer_problems = TextField(default="")  # 问题和建议
    dissatisfaction_types = CharField(default="")  # comma-separated: response,attitude,device,other
    dissatisfaction_other = TextField(default="")
    revisit_notes = TextField(default="")  # 工长回访情况
    corrective_measures = TextField(default="")  # 整改措施和建议
    due_date = DateField(index=True)  # before the next fault analysis meeting (R18)
    state = CharField(default=RevisitState.OPEN.value, index=True)
    meeting_date = DateField(null=True)  # R18a decisions
    agreed_measure = TextField(default="")
    submitted_at = DateTimeField(null=True)
    updated_by = by_user()
