"""Satisfaction surveys (§7): templates, plans, recipients, responses and findings."""

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
from desk_app.models.enums import AnswerType, PlanState
from desk_app.models.evaluations import Callback
from desk_app.models.people import Contact, CustomerUnit, by_user


class SurveyTemplate(TrackedModel):
    """R27: a versioned questionnaire. Editing a used template creates a new version."""

    code = CharField(index=True)  # stable across versions, e.g. "annual"
    kind = CharField()  # SurveyKind
    name_zh = CharField()
    name_en = CharField()
    intro_zh = TextField(default="")
    intro_en = TextField(default="")
    template_version = IntegerField(default=1)
    previous = ForeignKeyField("self", null=True, backref="next_versions", on_delete="SET NULL")
    is_current = BooleanField(default=True)
    updated_by = by_user()

    class Meta:
        indexes = ((("code", "template_version"), True),)


class SurveyQuestion(BaseModel):
    template = ForeignKeyField(SurveyTemplate, backref="questions", on_delete="CASCADE")
    seq = IntegerField()
    dimension = CharField()  # Dimension
    text_zh = TextField()
    text_en = TextField()
    answer_type = CharField(default=AnswerType.RATING5.value)
    required = BooleanField(default=True)

    class Meta:
        indexes = ((("template", "seq"), True),)


class SurveyPlan(TrackedModel):
    """R28: who is asked what, when, and who approved it."""

    number = CharField(unique=True)
    template = ForeignKeyField(SurveyTemplate, backref="plans", on_delete="RESTRICT")
    title = CharField()
    period = CharField(index=True)  # "2026" or "2026-Q3"
    target_importance = CharField(default="")  # comma-separated Importance codes; '' = listed units
    anonymous = BooleanField(default=False)  # R30a
    ask_unit = BooleanField(default=True)
    planner = by_user()
    approver = by_user()  # the relationship manager
    approved_at = DateTimeField(null=True)
    state = CharField(default=PlanState.DRAFT.value, index=True)
    planning_starts = DateField(null=True)
    distribute_by = DateField(null=True)
    collect_by = DateField(null=True)
    analysis_text = TextField(default="")
    updated_by = by_user()


class SurveyPlanUnit(BaseModel):
    plan = ForeignKeyField(SurveyPlan, backref="unit_links", on_delete="CASCADE")
    unit = ForeignKeyField(CustomerUnit, backref="plan_links", on_delete="CASCADE")

    class Meta:
        indexes = ((("plan", "unit"), True),)


class SurveyRecipient(BaseModel):
    """R29: one workbook sent to one person; the token proves the returned file is genuine."""

    plan = ForeignKeyField(SurveyPlan, backref="recipients", on_delete="CASCADE")
    contact = ForeignKeyField(Contact, null=True, backref="survey_recipients", on_delete="SET NULL")
    name = CharField()
    unit = ForeignKeyField(CustomerUnit, null=True, backref="survey_recipients", on_delete="SET NULL")
    email = CharField(default="")
    token = CharField(unique=True)
    layout_checksum = CharField(default="")
    file_name = CharField(default="")
    sent_at = DateTimeField(null=True)
    returned_at = DateTimeField(null=True)
    reminded_at = DateTimeField(null=True)


class SurveyResponse(BaseModel):
    """A returned questionnaire (or an incident survey by phone). Anonymous plans keep no recipient."""

    plan = ForeignKeyField(SurveyPlan, backref="responses", on_delete="CASCADE")
    recipient = ForeignKeyField(SurveyRecipient, null=True, backref="responses", on_delete="SET NULL")
    unit = ForeignKeyField(CustomerUnit, null=True, backref="survey_responses", on_delete="SET NULL")
    received_at = DateTimeField(default=now, index=True)
    imported_by = by_user()
    source_file = CharField(default="")


class SurveyAnswer(BaseModel):
    response = ForeignKeyField(SurveyResponse, backref="answers", on_delete="CASCADE")
    question = ForeignKeyField(SurveyQuestion, backref="answers", on_delete="CASCADE")
    value = TextField(default="")  # rating code, "yes"/"no", or free text
    points = IntegerField(null=True)

    class Meta:
        indexes = ((("response", "question"), True),)


class Finding(TrackedModel):
    """R30b: a problem found in a questionnaire or callback comment, classified by level and type."""

    response = ForeignKeyField(SurveyResponse, null=True, backref="findings", on_delete="CASCADE")
    callback = ForeignKeyField(Callback, null=True, backref="findings", on_delete="CASCADE")
    text = TextField()
    level = CharField(default="")  # FindingLevel
    problem_type = CharField(default="")  # FindingType
    classified_by = by_user()
    reviewed_by = by_user()  # quality control
    reviewed_at = DateTimeField(null=True)
