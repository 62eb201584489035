"""Survey plans (R28–R30a): drafting and changing a plan, and its steps through the states.

States (R28): draft → approved → distributing → collecting → closed → analysed. The planner
(quality control or a manager) drafts the plan; the relationship manager approves it; exporting
the workbooks (`survey_export`) moves it to distributing and, once every recipient has a file, to
collecting; closing ends the collection and the written analysis marks it analysed.

The pieces live beside it: `survey_periods` (periods and timeline), `survey_plan_states`,
`survey_plan_rows` (what the screens read), `survey_recipients` and `survey_export`. The survey
screens and the demo reach them through this module as well.
"""

from collections.abc import Iterable
from datetime import date

from desk_app.errors import ValidationError
from desk_app.i18n import t
from desk_app.models import CustomerUnit, SurveyPlan, SurveyPlanUnit, SurveyRecipient, SurveyTemplate, now
from desk_app.models.base import LONG_TEXT
from desk_app.models.enums import Importance
from desk_app.services import audit, records
from desk_app.services.actor import Actor
from desk_app.services.numbering import next_number
from desk_app.services.permissions import Permission, require
from desk_app.services.survey_export import ExportResult as ExportResult
from desk_app.services.survey_export import export_workbooks as export_workbooks
from desk_app.services.survey_periods import check_period_kind, parse_period, suggested_timeline
from desk_app.services.survey_plan_rows import PlanRow, get_plan
from desk_app.services.survey_plan_rows import RecipientRow as RecipientRow
from desk_app.services.survey_plan_rows import find_plan as find_plan
from desk_app.services.survey_plan_rows import list_plans as list_plans
from desk_app.services.survey_plan_rows import list_recipients as list_recipients
from desk_app.services.survey_plan_states import COLLECT_STATES as COLLECT_STATES
from desk_app.services.survey_plan_states import EDIT_RECIPIENT_STATES as EDIT_RECIPIENT_STATES
from desk_app.services.survey_plan_states import S, move, require_state
from desk_app.services.survey_plan_states import plan_state_choices as plan_state_choices
from desk_app.services.survey_plan_states import state_label as state_label
from desk_app.services.survey_recipients import add_recipient as add_recipient
from desk_app.services.survey_recipients import mark_reminded as mark_reminded
from desk_app.services.survey_recipients import refresh_recipients as refresh_recipients
from desk_app.services.survey_recipients import remove_recipient as remove_recipient
from desk_app.services.survey_recipients import sync_recipients
from desk_app.services.survey_templates import dimension_label as dimension_label
from desk_app.services.validation import clean_text

# --- drafting and changing ----------------------------------------------------------------------

def _check_dates(planning_starts: date | None, distribute_by: date | None, collect_by: date | None) -> None:
    given = [(n, d) for n, d in (("planning_starts", planning_starts), ("distribute_by", distribute_by),
                                 ("collect_by", collect_by)) if d is not None]
    for (_a, first), (b, second) in zip(given, given[1:], strict=False):
        if second < first:
            raise ValidationError(t("The timeline is out of order: planning, then distribution, then collection."),
                                  field=b)


def _check_targets(unit_ids: Iterable[int], importance: Iterable[str]) -> tuple[list[int], list[str]]:
    codes = sorted({c.strip() for c in importance if c and c.strip()})
    allowed = {i.value for i in Importance}
    if any(c not in allowed for c in codes):
        raise ValidationError(t("{field} has the wrong form.", field=t("Importance")), field="importance")
    ids = sorted({int(u) for u in unit_ids})
    found = {u.id for u in CustomerUnit.select(CustomerUnit.id).where(CustomerUnit.id.in_(ids))} if ids else set()
    if set(ids) - found:
        raise ValidationError(t("{field} has the wrong form.", field=t("Customer unit")), field="units")
    if not ids and not codes:
        raise ValidationError(t("Choose the customer units or the importance (important, core) to survey."),
                              field="units")
    return ids, codes


def create_plan(actor: Actor, template_id: int, title: str, period: str, unit_ids: Iterable[int] = (),
                importance: Iterable[str] = (), anonymous: bool = False, ask_unit: bool = True,
                planning_starts: date | None = None, distribute_by: date | None = None,
                collect_by: date | None = None) -> PlanRow:
    """Draft a survey plan (R28) with its recipients: the contacts of the target units.

    Dates left out take the suggested timeline of the template's kind and the period.
    """
    require(actor, Permission.SURVEY_PLAN)
    template = records.load(SurveyTemplate, template_id)
    if not template.is_current:
        raise ValidationError(t("Choose the current version of this questionnaire."), field="template")
    period = (period or "").strip()
    check_period_kind(template.kind, period)
    title = clean_text(title, t("Title"), required=True, field="title")
    ids, codes = _check_targets(unit_ids, importance)
    suggested = suggested_timeline(template.kind, period)
    planning_starts = planning_starts or suggested.planning_starts
    distribute_by = distribute_by or suggested.distribute_by
    collect_by = collect_by or suggested.collect_by
    _check_dates(planning_starts, distribute_by, collect_by)
    year, _quarter = parse_period(period)
    with SurveyPlan._meta.database.atomic():
        plan = SurveyPlan.create(
            number=next_number(SurveyPlan.number, f"DC-{year}-", 2), template=template.id, title=title,
            period=period, target_importance=",".join(codes), anonymous=bool(anonymous), ask_unit=bool(ask_unit),
            planner=actor.id, planning_starts=planning_starts, distribute_by=distribute_by, collect_by=collect_by,
            updated_by=actor.id)
        if ids:
            SurveyPlanUnit.insert_many([{"plan": plan.id, "unit": u} for u in ids]).execute()
        added, _removed = sync_recipients(plan)
        audit.record(actor, "survey_plan.create", plan, after={**audit.snapshot(plan), "units": ids,
                                                               "recipients": added})
    return get_plan(plan.id)


def update_plan(actor: Actor, plan_id: int, expected_version: int, *, title: str | None = None,
                unit_ids: Iterable[int] | None = None, importance: Iterable[str] | None = None,
                anonymous: bool | None = None, ask_unit: bool | None = None,
                planning_starts: date | None = None, distribute_by: date | None = None,
                collect_by: date | None = None) -> PlanRow:
    """Change a draft plan; changing the targets refreshes the recipients (kept ones keep their token)."""
    require(actor, Permission.SURVEY_PLAN)
    plan = records.load(SurveyPlan, plan_id)
    require_state(plan, (S.DRAFT.value,))
    changes: dict[str, object] = {}
    if title is not None:
        changes["title"] = clean_text(title, t("Title"), required=True, field="title")
    if anonymous is not None:
        changes["anonymous"] = bool(anonymous)
    if ask_unit is not None:
        changes["ask_unit"] = bool(ask_unit)
    dates = {"planning_starts": planning_starts, "distribute_by": distribute_by, "collect_by": collect_by}
    merged = {k: v if v is not None else getattr(plan, k) for k, v in dates.items()}
    _check_dates(merged["planning_starts"], merged["distribute_by"], merged["collect_by"])
    changes.update({k: v for k, v in dates.items() if v is not None})
    retarget = unit_ids is not None or importance is not None
    if retarget:
        current_units = [link.unit_id for link in SurveyPlanUnit.select().where(SurveyPlanUnit.plan == plan.id)]
        current_codes = [c for c in plan.target_importance.split(",") if c]
        ids, codes = _check_targets(unit_ids if unit_ids is not None else current_units,
                                    importance if importance is not None else current_codes)
        changes["target_importance"] = ",".join(codes)
    with SurveyPlan._meta.database.atomic():
        plan = records.update(actor, plan, expected_version, changes, "survey_plan.update")
        if retarget:
            SurveyPlanUnit.delete().where(SurveyPlanUnit.plan == plan.id).execute()
            if ids:
                SurveyPlanUnit.insert_many([{"plan": plan.id, "unit": u} for u in ids]).execute()
            sync_recipients(plan)
    return get_plan(plan.id)


def delete_plan(actor: Actor, plan_id: int, expected_version: int) -> None:
    """Delete a draft plan (an approved one is returned to draft first)."""
    require(actor, Permission.SURVEY_PLAN)
    plan = records.load(SurveyPlan, plan_id)
    require_state(plan, (S.DRAFT.value,))
    if plan.version != expected_version:
        records.update(actor, plan, expected_version, {}, "survey_plan.delete")  # raises ConflictError
    with SurveyPlan._meta.database.atomic():
        audit.record(actor, "survey_plan.delete", plan, before=audit.snapshot(plan))
        plan.delete_instance(recursive=False)


# --- states --------------------------------------------------------------------------------------

def approve(actor: Actor, plan_id: int, expected_version: int) -> PlanRow:
    """The relationship manager approves the plan (R28)."""
    require(actor, Permission.SURVEY_APPROVE)
    plan = records.load(SurveyPlan, plan_id)
    if plan.state == S.DRAFT and not SurveyRecipient.select().where(SurveyRecipient.plan == plan.id).exists():
        raise ValidationError(t("Survey plan {number} has no recipients: its target units have no contacts.",
                                number=plan.number), field="recipients")
    move(actor, plan, expected_version, S.APPROVED.value, "survey_plan.approve",
          {"approver": actor.id, "approved_at": now()})
    return get_plan(plan_id)


def return_to_draft(actor: Actor, plan_id: int, expected_version: int, reason: str = "") -> PlanRow:
    """Withdraw the approval (before any workbook is out) so the plan can be changed."""
    require(actor, Permission.SURVEY_APPROVE)
    plan = records.load(SurveyPlan, plan_id)
    reason = clean_text(reason, t("Reason"), max_length=LONG_TEXT)
    move(actor, plan, expected_version, S.DRAFT.value, "survey_plan.return_to_draft",
          {"approver": None, "approved_at": None})
    if reason:
        audit.record(actor, "survey_plan.return_reason", plan, after={"reason": reason})
    return get_plan(plan_id)


def close_collection(actor: Actor, plan_id: int, expected_version: int) -> PlanRow:
    """End the collection: later workbooks are refused."""
    require(actor, Permission.SURVEY_PLAN)
    plan = records.load(SurveyPlan, plan_id)
    if plan.state == S.DISTRIBUTING:  # every workbook handed out by other means: collect, then close
        plan = move(actor, plan, expected_version, S.COLLECTING.value, "survey_plan.collect")
        expected_version = plan.version
    move(actor, plan, expected_version, S.CLOSED.value, "survey_plan.close")
    return get_plan(plan_id)


def reopen_collection(actor: Actor, plan_id: int, expected_version: int) -> PlanRow:
    require(actor, Permission.SURVEY_PLAN)
    move(actor, records.load(SurveyPlan, plan_id), expected_version, S.COLLECTING.value, "survey_plan.reopen")
    return get_plan(plan_id)


def mark_analysed(actor: Actor, plan_id: int, expected_version: int, analysis_text: str) -> PlanRow:
    """Record the written analysis (R31) of a closed plan."""
    require(actor, Permission.SURVEY_PLAN)
    text = clean_text(analysis_text, t("Analysis"), required=True, max_length=LONG_TEXT, field="analysis_text")
    move(actor, records.load(SurveyPlan, plan_id), expected_version, S.ANALYSED.value, "survey_plan.analyse",
          {"analysis_text": text})
    return get_plan(plan_id)

