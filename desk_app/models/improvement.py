"""Improvement projects (服务改善项目跟踪管理表, §6) and their work-plan steps."""

from peewee import CharField, DateField, DateTimeField, FloatField, ForeignKeyField, IntegerField, TextField

from desk_app.models.base import TrackedModel
from desk_app.models.complaints import Complaint, Meeting
from desk_app.models.enums import ImprovementSource, ImprovementState
from desk_app.models.evaluations import Callback, RevisitForm
from desk_app.models.people import User, by_user
from desk_app.models.surveys import SurveyPlan


class ImprovementProject(TrackedModel):
    """R25–R26: one row of the tracking table."""

    number = CharField(unique=True)  # GS-YYYY-NNN
    problem = TextField()  # 改善问题描述
    source = CharField(default=ImprovementSource.OTHER.value, index=True)  # 问题来源
    source_note = CharField(default="")
    revisit_form = ForeignKeyField(RevisitForm, null=True, backref="projects", on_delete="SET NULL")
    complaint = ForeignKeyField(Complaint, null=True, backref="projects", on_delete="SET NULL")
    survey_plan = ForeignKeyField(SurveyPlan, null=True, backref="projects", on_delete="SET NULL")
    callback = ForeignKeyField(Callback, null=True, backref="projects", on_delete="SET NULL")
    meeting = ForeignKeyField(Meeting, null=True, backref="projects", on_delete="SET NULL")
    initial_measure = TextField(default="")  # 初步整改措施
    agreed_measure = TextField(default="")  # 会议讨论确定整改措施
    meeting_date = DateField(null=True)
    owner = ForeignKeyField(User, null=True, backref="projects", on_delete="SET NULL")
    state = CharField(default=ImprovementState.PROPOSED.value, index=True)
    closure_code = CharField(default="")  # ClosureCode
    effect_result = TextField(default="")  # 整改效果评定
    confirmed_by = by_user()
    confirmed_at = DateTimeField(null=True)
    goal_indicator = CharField(default="")  # e.g. unit_satisfaction_rate / dimension_mean / callback_rate
    goal_params = TextField(default="{}")  # JSON: which unit, dimension …
    base_value = FloatField(null=True)
    target_value = FloatField(null=True)
    measured_value = FloatField(null=True)
    review_date = DateField(null=True)
    created_by = by_user()
    updated_by = by_user()


class ImprovementStep(TrackedModel):
    """One step of the work plan (推进工作计划): owner and due date."""

    project = ForeignKeyField(ImprovementProject, backref="steps", on_delete="CASCADE")
    seq = IntegerField(default=0)
    description = TextField()
    owner = ForeignKeyField(User, null=True, backref="improvement_steps", on_delete="SET NULL")
    owner_name = CharField(default="")  # someone outside the desk
    due_date = DateField(null=True, index=True)
    done_at = DateTimeField(null=True)
    updated_by = by_user()
