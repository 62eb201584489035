"""Improvement projects (§6, R25–R26): the tracking table, work-plan steps, goals and confirmation."""

import json
from dataclasses import dataclass
from datetime import date, datetime

from peewee import JOIN

from desk_app.errors import ValidationError
from desk_app.i18n import label, t
from desk_app.models import (
    Complaint,
    ImprovementProject,
    ImprovementStep,
    RevisitForm,
    SurveyPlan,
    User,
    now,
)
from desk_app.models.base import LONG_TEXT
from desk_app.models.enums import ClosureCode, ImprovementSource, ImprovementState
from desk_app.services import audit, indicators, records
from desk_app.services.actor import Actor
from desk_app.services.numbering import next_number
from desk_app.services.permissions import Permission, require
from desk_app.services.validation import clean_text

S = ImprovementState
#: R26 state machine: which states each action may start from.
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "agree": ((S.PROPOSED, S.REOPENED), S.AGREED),
    "start": ((S.AGREED, S.REOPENED), S.IN_PROGRESS),
    "done": ((S.IN_PROGRESS, S.AGREED), S.DONE),
    "confirm": ((S.DONE,), S.CONFIRMED),
    "reopen": ((S.DONE, S.CONFIRMED), S.REOPENED),
    "withdraw": ((S.PROPOSED, S.AGREED, S.IN_PROGRESS, S.REOPENED), S.CONFIRMED),
}


@dataclass(frozen=True)
class StepRow:
    id: int
    seq: int
    description: str
    owner_id: int | None
    owner: str
    due_date: date | None
    done_at: datetime | None
    overdue: bool
    version: int


@dataclass(frozen=True)
class ProjectRow:
    """One row of the tracking table (服务改善项目跟踪管理表), every column of R25."""

    id: int
    number: str
    problem: str  # 改善问题描述
    source: str  # 问题来源
    source_ref: str  # the number of the record it came from
    initial_measure: str  # 初步整改措施
    agreed_measure: str  # 会议讨论确定整改措施
    meeting_date: date | None
    steps: tuple[StepRow, ...]  # 推进工作计划
    effect_result: str  # 整改效果评定和确认
    confirmed_by: str
    confirmed_at: datetime | None
    state: str
    closure_code: str
    owner: str
    owner_id: int | None
    goal_indicator: str
    goal_params: dict
    base_value: float | None
    target_value: float | None
    measured_value: float | None
    review_date: date | None
    overdue_steps: int
    version: int

    def plan_text(self) -> str:
        """The work plan as the paper table prints it: one line per step."""
        return "\n".join(
            f"{s.seq}. {s.description}（{s.owner or '—'}，{s.due_date or '—'}）{'✓' if s.done_at else ''}"
            for s in self.steps)


def _today() -> date:
    return now().date()


def _step_row(s: ImprovementStep, today: date) -> StepRow:
    owner = s.owner.full_name if s.owner_id else s.owner_name
    return StepRow(s.id, s.seq, s.description, s.owner_id, owner, s.due_date, s.done_at,
                   s.done_at is None and s.due_date is not None and s.due_date < today, s.version)


def _source_ref(p: ImprovementProject) -> str:
    for link in (p.revisit_form, p.complaint, p.survey_plan):
        if link is not None:
            return link.number
    return p.source_note


def _row(p: ImprovementProject, today: date) -> ProjectRow:
    steps = tuple(_step_row(s, today) for s in p.steps.order_by(ImprovementStep.seq, ImprovementStep.id))
    return ProjectRow(
        p.id, p.number, p.problem, p.source, _source_ref(p), p.initial_measure, p.agreed_measure,
        p.meeting_date, steps, p.effect_result,
        User.get_by_id(p.confirmed_by_id).full_name if p.confirmed_by_id else "", p.confirmed_at, p.state,
        p.closure_code, p.owner.full_name if p.owner_id else "", p.owner_id, p.goal_indicator,
        json.loads(p.goal_params or "{}"),
        p.base_value, p.target_value, p.measured_value, p.review_date, sum(s.overdue for s in steps), p.version,
    )


def get_project(project_id: int) -> ProjectRow:
    return _row(records.load(ImprovementProject, project_id), _today())


def list_projects(states: tuple[str, ...] = (), source: str = "", overdue_only: bool = False) -> list[ProjectRow]:
    """The tracking table, newest first."""
    query = (ImprovementProject.select(ImprovementProject, User)
             .join(User, JOIN.LEFT_OUTER, on=(ImprovementProject.owner == User.id))
             .order_by(ImprovementProject.id.desc()))
    if states:
        query = query.where(ImprovementProject.state.in_(states))
    if source:
        query = query.where(ImprovementProject.source == source)
    rows = [_row(p, _today()) for p in query]
    return [r for r in rows if r.overdue_steps] if overdue_only else rows


def create_project(actor: Actor, problem: str, source: str = ImprovementSource.OTHER.value,
                   initial_measure: str = "", owner_id: int | None = None, source_note: str = "",
                   revisit_form_id: int | None = None, complaint_id: int | None = None,
                   survey_plan_id: int | None = None, callback_id: int | None = None) -> ProjectRow:
    """Propose a project (R25), linked to the record it came from."""
    require(actor, Permission.IMPROVEMENT_EDIT)
    if source not in {s.value for s in ImprovementSource}:
        raise ValidationError(t("{field} has the wrong form.", field=t("Source")), field="source")
    fields = {
        "problem": clean_text(problem, t("Problem description"), required=True, max_length=LONG_TEXT,
                              field="problem"),
        "initial_measure": clean_text(initial_measure, t("Initial corrective measure"), max_length=LONG_TEXT),
        "source_note": clean_text(source_note, t("Source")),
    }
    with ImprovementProject._meta.database.atomic():
        project = ImprovementProject.create(
            number=next_number(ImprovementProject.number, f"GS-{now():%Y}-", 3), source=source,
            revisit_form=revisit_form_id, complaint=complaint_id, survey_plan=survey_plan_id,
            callback=callback_id, owner=owner_id, created_by=actor.id, updated_by=actor.id, **fields)
        audit.record(actor, "improvement.create", project, after=audit.snapshot(project))
    return get_project(project.id)


def from_revisit_form(actor: Actor, form_id: int) -> ProjectRow:
    """R18: turn a revisit form into a project in one step, keeping the link both ways."""
    form = records.load(RevisitForm, form_id)
    existing = form.projects.first()
    if existing is not None:
        return get_project(existing.id)
    problem = form.customer_problems or t("Dissatisfied callback on ticket {number}", number=form.ticket.number)
    return create_project(actor, problem, ImprovementSource.REVISIT.value, form.corrective_measures,
                          owner_id=form.team_lead_id, revisit_form_id=form.id)


def from_complaint(actor: Actor, complaint_id: int) -> ProjectRow:
    """R23a: a valid complaint starts a project in one step, keeping the link."""
    complaint = records.load(Complaint, complaint_id)
    if complaint.is_valid is not True:
        raise ValidationError(t("Only a valid complaint can start an improvement project."), field="is_valid")
    existing = complaint.projects.first()
    if existing is not None:
        return get_project(existing.id)
    return create_project(actor, complaint.description, ImprovementSource.COMPLAINT.value,
                          complaint.measures, complaint_id=complaint.id)


def from_survey_plan(actor: Actor, plan_id: int, problem: str, initial_measure: str = "") -> ProjectRow:
    """A finding of a survey becomes a project linked to its plan."""
    plan = records.load(SurveyPlan, plan_id)
    return create_project(actor, problem, ImprovementSource.SURVEY.value, initial_measure, survey_plan_id=plan.id)


def check_edit(actor: Actor, project: ImprovementProject | None = None) -> None:
    """Who may edit a project's fields (in every state), for `update_project` and its undo."""
    require(actor, Permission.IMPROVEMENT_EDIT)


def update_project(actor: Actor, project_id: int, expected_version: int, problem: str, initial_measure: str,
                   owner_id: int | None) -> ProjectRow:
    check_edit(actor)
    changes = {
        "problem": clean_text(problem, t("Problem description"), required=True, max_length=LONG_TEXT,
                              field="problem"),
        "initial_measure": clean_text(initial_measure, t("Initial corrective measure"), max_length=LONG_TEXT),
        "owner": owner_id,
    }
    with ImprovementProject._meta.database.atomic():
        records.update(actor, records.load(ImprovementProject, project_id), expected_version, changes,
                       "improvement.update")
    return get_project(project_id)


def _move(actor: Actor, project_id: int, expected_version: int, action: str, changes: dict) -> ProjectRow:
    project = records.load(ImprovementProject, project_id)
    allowed, target = TRANSITIONS[action]
    if project.state not in allowed:
        raise ValidationError(t("Project {number} is {state}; this step is not possible now.",
                                number=project.number, state=label(project.state)), field="state")
    with ImprovementProject._meta.database.atomic():
        records.update(actor, project, expected_version, {"state": target.value, **changes}, f"improvement.{action}")
    return get_project(project_id)


def agree(actor: Actor, project_id: int, expected_version: int, agreed_measure: str,
          meeting_date: date) -> ProjectRow:
    """The measure agreed at the fault analysis meeting (会议讨论确定整改措施), with the meeting date."""
    require(actor, Permission.IMPROVEMENT_EDIT)
    measure = clean_text(agreed_measure, t("Agreed measure"), required=True, max_length=LONG_TEXT,
                         field="agreed_measure")
    return _move(actor, project_id, expected_version, "agree",
                 {"agreed_measure": measure, "meeting_date": meeting_date})


def start(actor: Actor, project_id: int, expected_version: int) -> ProjectRow:
    require(actor, Permission.IMPROVEMENT_EDIT)
    return _move(actor, project_id, expected_version, "start", {})


def mark_done(actor: Actor, project_id: int, expected_version: int, effect_result: str) -> ProjectRow:
    """The work is done; the effect is described for confirmation."""
    require(actor, Permission.IMPROVEMENT_EDIT)
    result = clean_text(effect_result, t("Effect evaluation"), required=True, max_length=LONG_TEXT,
                        field="effect_result")
    return _move(actor, project_id, expected_version, "done", {"effect_result": result})


def confirm(actor: Actor, project_id: int, expected_version: int, closure_code: str,
            effect_result: str = "") -> ProjectRow:
    """Confirm the effect (整改效果确认) with a closure code; the goal's measured value is stored beside it."""
    require(actor, Permission.IMPROVEMENT_CONFIRM)
    if closure_code not in (ClosureCode.SUCCESSFUL, ClosureCode.UNSUCCESSFUL):
        raise ValidationError(t("{field} has the wrong form.", field=t("Closure code")), field="closure_code")
    project = records.load(ImprovementProject, project_id)
    changes = {"closure_code": closure_code, "confirmed_by": actor.id, "confirmed_at": now(),
               "measured_value": measure_goal(project_id)}
    if effect_result:
        changes["effect_result"] = clean_text(effect_result, t("Effect evaluation"), max_length=LONG_TEXT)
    return _move(actor, project.id, expected_version, "confirm", changes)


def withdraw(actor: Actor, project_id: int, expected_version: int, reason: str) -> ProjectRow:
    require(actor, Permission.IMPROVEMENT_CONFIRM)
    reason = clean_text(reason, t("Reason"), required=True, max_length=LONG_TEXT, field="reason")
    return _move(actor, project_id, expected_version, "withdraw",
                 {"closure_code": ClosureCode.WITHDRAWN.value, "effect_result": reason,
                  "confirmed_by": actor.id, "confirmed_at": now()})


def reopen(actor: Actor, project_id: int, expected_version: int, reason: str) -> ProjectRow:
    require(actor, Permission.IMPROVEMENT_CONFIRM)
    reason = clean_text(reason, t("Reason"), required=True, max_length=LONG_TEXT, field="reason")
    project = records.load(ImprovementProject, project_id)
    return _move(actor, project_id, expected_version, "reopen",
                 {"closure_code": "", "confirmed_by": None, "confirmed_at": None,
                  "effect_result": f"{project.effect_result}\n{t('Reopened')}: {reason}".strip()})


def save_step(actor: Actor, project_id: int, description: str, due_date: date | None,
              owner_id: int | None = None, owner_name: str = "", step_id: int | None = None,
              expected_version: int | None = None) -> StepRow:
    """Add a work-plan step (no `step_id`) or change one."""
    require(actor, Permission.IMPROVEMENT_EDIT)
    project = records.load(ImprovementProject, project_id)
    fields = {"description": clean_text(description, t("Step"), required=True, max_length=LONG_TEXT,
                                        field="description"),
              "due_date": due_date, "owner": owner_id, "owner_name": clean_text(owner_name, t("Owner"))}
    with ImprovementStep._meta.database.atomic():
        if step_id is None:
            seq = (project.steps.count() or 0) + 1
            step = ImprovementStep.create(project=project, seq=seq, updated_by=actor.id, **fields)
            audit.record(actor, "improvement.step.create", step, after=audit.snapshot(step))
        else:
            step = records.update(actor, records.load(ImprovementStep, step_id), expected_version, fields,
                                  "improvement.step.update")
    return _step_row(ImprovementStep.get_by_id(step.id), _today())


def complete_step(actor: Actor, step_id: int, expected_version: int, done: bool = True) -> StepRow:
    require(actor, Permission.IMPROVEMENT_EDIT)
    with ImprovementStep._meta.database.atomic():
        step = records.update(actor, records.load(ImprovementStep, step_id), expected_version,
                              {"done_at": now() if done else None}, "improvement.step.done")
    return _step_row(step, _today())


def set_goal(actor: Actor, project_id: int, expected_version: int, indicator: str, params: dict,
             base_value: float | None, target_value: float | None, review_date: date | None) -> ProjectRow:
    """R26: the indicator the project should move, with base, target and review date."""
    require(actor, Permission.IMPROVEMENT_EDIT)
    if indicator and indicator not in indicators.INDICATORS:
        raise ValidationError(t("{field} has the wrong form.", field=t("Indicator")), field="indicator")
    if indicator:
        indicators.check_params(indicator, params)
    changes = {"goal_indicator": indicator, "goal_params": json.dumps(params, ensure_ascii=False),
               "base_value": base_value, "target_value": target_value, "review_date": review_date}
    with ImprovementProject._meta.database.atomic():
        records.update(actor, records.load(ImprovementProject, project_id), expected_version, changes,
                       "improvement.goal")
    return get_project(project_id)


def measure_goal(project_id: int) -> float | None:
    """The goal's current value computed from the data, when the indicator is one the app knows."""
    project = records.load(ImprovementProject, project_id)
    if not project.goal_indicator:
        return None
    return indicators.measure(project.goal_indicator, json.loads(project.goal_params or "{}"))
