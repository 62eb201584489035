"""Survey plans (R28–R30a): plan, approve, recipients, distribution list, reminders, workbook export.

States (R28): draft → approved → distributing → collecting → closed → analysed. The planner
(quality control or a manager) drafts the plan; the relationship manager approves it; exporting
the workbooks moves it to distributing and, once every recipient has a file, to collecting;
closing ends the collection and the written analysis marks it analysed.
"""

import calendar
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from peewee import JOIN, fn

from desk_app.i18n import current_language, t
from desk_app.io import survey_workbook as wbio
from desk_app.io.excel_util import check_cancelled, report
from desk_app.models import (
    Contact,
    CustomerUnit,
    SurveyPlan,
    SurveyPlanUnit,
    SurveyQuestion,
    SurveyRecipient,
    SurveyTemplate,
    User,
    now,
)
from desk_app.models.enums import Importance, PlanState, SurveyKind
from desk_app.services import audit, records
from desk_app.services.auth import Actor
from desk_app.services.errors import ValidationError
from desk_app.services.numbering import next_number
from desk_app.services.permissions import Permission, require
from desk_app.services.validation import LONG_TEXT, clean_text

S = PlanState

#: Where each state may go next; anything else is refused with a clear message.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.APPROVED,),
    S.APPROVED: (S.DRAFT, S.DISTRIBUTING),
    S.DISTRIBUTING: (S.COLLECTING,),
    S.COLLECTING: (S.CLOSED,),
    S.CLOSED: (S.COLLECTING, S.ANALYSED),
    S.ANALYSED: (),
}
#: States in which returned workbooks are accepted.
COLLECT_STATES = (S.DISTRIBUTING.value, S.COLLECTING.value)
#: States in which the recipients may still be changed.
EDIT_RECIPIENT_STATES = (S.DRAFT.value, S.APPROVED.value)

#: English display names of the plan states (t() gives the Chinese).
STATE_LABELS: dict[str, str] = {
    S.DRAFT: "Draft", S.APPROVED: "Approved", S.DISTRIBUTING: "Distributing", S.COLLECTING: "Collecting",
    S.CLOSED: "Collection closed", S.ANALYSED: "Analysed",
}

#: Dimension code → (English, Chinese) names of R27. Kept here (not in CODE_LABELS) because the code
#: "quality" is also a role, and because a workbook's language can differ from the interface's.
DIMENSION_LABELS: dict[str, tuple[str, str]] = {
    "overall": ("Overall evaluation of the team", "对团队的总体评价"),
    "quality": ("Service quality", "服务质量"),
    "process": ("Process operation", "流程运作"),
    "technical": ("Professional and technical ability", "专业技术能力"),
    "response": ("Timely response", "响应及时性"),
    "resolution": ("Timely resolution", "解决及时性"),
    "attitude": ("Service attitude", "服务态度"),
    "communication": ("Communication", "沟通"),
}

_PERIOD = re.compile(r"^(\d{4})(?:-Q([1-4]))?$")


def dimension_label(code: str, language: str | None = None) -> str:
    names = DIMENSION_LABELS.get(code)
    if names is None:
        return code
    return names[1] if (language or current_language()) == "zh_CN" else names[0]


def state_label(state: str) -> str:
    return t(STATE_LABELS.get(state, state))


# --- periods and timeline ------------------------------------------------------------------------

def parse_period(period: str) -> tuple[int, int | None]:
    """'2026' → (2026, None); '2026-Q3' → (2026, 3). ValidationError otherwise."""
    match = _PERIOD.match((period or "").strip())
    if not match or not 2000 <= int(match.group(1)) <= 2100:
        raise ValidationError(t("The period is written like 2026 (a year) or 2026-Q3 (a quarter)."), field="period")
    return int(match.group(1)), int(match.group(2)) if match.group(2) else None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Timeline:
    planning_starts: date
    distribute_by: date
    collect_by: date


def suggested_timeline(kind: str, period: str) -> Timeline:
    """The dates the process documents give (R28).

    Annual survey of year Y: planning starts at the end of December of Y-1 (Dec 20, a month's
    preparation), the forms go out by January 31 of Y, collection within one month (end of February).
    Quarterly company survey: planning in the quarter's last month, forms out at the quarter's end,
    collected within a month after it.
    """
    year, quarter = parse_period(period)
    if quarter is None:
        return Timeline(date(year - 1, 12, 20), date(year, 1, 31), _month_end(year, 2))
    last_month = quarter * 3
    quarter_end = _month_end(year, last_month)
    next_year, next_month = (year + 1, 1) if last_month == 12 else (year, last_month + 1)
    return Timeline(date(year, last_month, 1), quarter_end, _month_end(next_year, next_month))


def _check_period_kind(kind: str, period: str) -> None:
    _year, quarter = parse_period(period)
    if kind == SurveyKind.ANNUAL and quarter is not None:
        raise ValidationError(t("An annual survey covers a year: write the period like 2026."), field="period")
    if kind == SurveyKind.COMPANY and quarter is None:
        raise ValidationError(t("A company survey is quarterly: write the period like 2026-Q3."), field="period")


# --- rows ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PlanRow:
    id: int
    number: str
    template_id: int
    template_code: str
    template_name: str
    template_version: int
    kind: str
    title: str
    period: str
    target_importance: tuple[str, ...]
    unit_ids: tuple[int, ...]
    unit_names: tuple[str, ...]
    anonymous: bool
    ask_unit: bool
    planner: str
    approver: str
    approved_at: datetime | None
    state: str
    state_label: str
    planning_starts: date | None
    distribute_by: date | None
    collect_by: date | None
    recipients: int
    sent: int
    returned: int
    reminded: int
    analysis_text: str
    version: int

    @property
    def response_rate(self) -> float | None:
        return round(100.0 * self.returned / self.recipients, 2) if self.recipients else None


@dataclass(frozen=True)
class RecipientRow:
    id: int
    plan_id: int
    name: str
    unit_id: int | None
    unit_name: str
    email: str
    contact_id: int | None
    file_name: str
    sent_at: datetime | None
    returned_at: datetime | None
    reminded_at: datetime | None

    @property
    def status(self) -> str:
        """'returned', 'reminded', 'sent' or 'not sent'."""
        if self.returned_at:
            return "returned"
        if self.reminded_at:
            return "reminded"
        return "sent" if self.sent_at else "not sent"


def _user_name(user_id: int | None) -> str:
    if not user_id:
        return ""
    user = User.get_or_none(User.id == user_id)
    return user.full_name if user else ""


def _plan_row(plan: SurveyPlan) -> PlanRow:
    tpl = plan.template
    links = list(SurveyPlanUnit.select(SurveyPlanUnit, CustomerUnit).join(CustomerUnit)
                 .where(SurveyPlanUnit.plan == plan.id).order_by(CustomerUnit.name))
    counts = (SurveyRecipient.select(fn.COUNT(SurveyRecipient.id), fn.COUNT(SurveyRecipient.sent_at),
                                     fn.COUNT(SurveyRecipient.returned_at), fn.COUNT(SurveyRecipient.reminded_at))
              .where(SurveyRecipient.plan == plan.id).tuples().first()) or (0, 0, 0, 0)
    zh = current_language() == "zh_CN"
    return PlanRow(
        plan.id, plan.number, tpl.id, tpl.code, tpl.name_zh if zh else tpl.name_en, tpl.template_version, tpl.kind,
        plan.title, plan.period, tuple(c for c in plan.target_importance.split(",") if c),
        tuple(link.unit.id for link in links), tuple(link.unit.name for link in links),
        plan.anonymous, plan.ask_unit, _user_name(plan.planner_id), _user_name(plan.approver_id), plan.approved_at,
        plan.state, state_label(plan.state), plan.planning_starts, plan.distribute_by, plan.collect_by,
        *counts, plan.analysis_text, plan.version)


def _recipient_row(r: SurveyRecipient, unit_names: dict[int, str]) -> RecipientRow:
    return RecipientRow(r.id, r.plan_id, r.name, r.unit_id, unit_names.get(r.unit_id, ""), r.email, r.contact_id,
                        r.file_name, r.sent_at, r.returned_at, r.reminded_at)


def get_plan(plan_id: int) -> PlanRow:
    return _plan_row(records.load(SurveyPlan, plan_id))


def list_plans(state: str | None = None, template_code: str | None = None) -> list[PlanRow]:
    """Plans, newest period first."""
    query = (SurveyPlan.select(SurveyPlan, SurveyTemplate).join(SurveyTemplate)
             .order_by(SurveyPlan.period.desc(), SurveyPlan.number.desc()))
    if state:
        query = query.where(SurveyPlan.state == state)
    if template_code:
        query = query.where(SurveyTemplate.code == template_code)
    return [_plan_row(p) for p in query]


def find_plan(ref: str | int) -> PlanRow:
    """A plan by id or number (for the command line)."""
    text = str(ref).strip()
    plan = SurveyPlan.get_or_none(SurveyPlan.number == text)
    if plan is None and text.isdigit():
        plan = SurveyPlan.get_or_none(SurveyPlan.id == int(text))
    if plan is None:
        raise ValidationError(t("There is no survey plan {ref}.", ref=text), field="plan")
    return _plan_row(plan)


def list_recipients(plan_id: int) -> list[RecipientRow]:
    """The distribution list (R29): every recipient with sent / returned / reminded."""
    units = {u.id: u.name for u in CustomerUnit.select(CustomerUnit.id, CustomerUnit.name)}
    query = (SurveyRecipient.select().join(CustomerUnit, JOIN.LEFT_OUTER)
             .where(SurveyRecipient.plan == plan_id).order_by(CustomerUnit.name, SurveyRecipient.name,
                                                               SurveyRecipient.id))
    return [_recipient_row(r, units) for r in query]


def reminder_list(plan_id: int) -> list[RecipientRow]:
    """Recipients who were sent a workbook and have not returned it (R30a)."""
    return [r for r in list_recipients(plan_id) if r.sent_at and not r.returned_at]


# --- plans ---------------------------------------------------------------------------------------

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


def _template_questions(template_id: int) -> list[SurveyQuestion]:
    return list(SurveyQuestion.select().where(SurveyQuestion.template == template_id).order_by(SurveyQuestion.seq))


def plan_checksum(template: SurveyTemplate) -> str:
    """The layout checksum of a template's questionnaire (stored per recipient, carried in the workbook)."""
    return wbio.layout_checksum(template.id, template.template_version, [
        (q.id, q.seq, q.dimension, q.text_zh, q.text_en, q.answer_type, q.required)
        for q in _template_questions(template.id)])


def _target_contacts(plan: SurveyPlan) -> list[Contact]:
    """Contacts of the plan's units and of the active units of its target importance."""
    unit_ids = {link.unit_id for link in SurveyPlanUnit.select().where(SurveyPlanUnit.plan == plan.id)}
    codes = [c for c in plan.target_importance.split(",") if c]
    if codes:
        unit_ids |= {u.id for u in CustomerUnit.select(CustomerUnit.id)
                     .where(CustomerUnit.importance.in_(codes) & (CustomerUnit.active == True))}  # noqa: E712
    if not unit_ids:
        return []
    return list(Contact.select().where(Contact.unit.in_(sorted(unit_ids))).order_by(Contact.unit, Contact.name,
                                                                                    Contact.id))


def new_token() -> str:
    """A random, unguessable recipient token (128 bits or more)."""
    return secrets.token_urlsafe(24)


def _sync_recipients(plan: SurveyPlan) -> tuple[int, int]:
    """Make the recipients match the target contacts: keep the ones still in scope (their tokens too),
    add new contacts, drop the ones no longer targeted. Returns (added, removed)."""
    checksum = plan_checksum(plan.template)
    wanted = {c.id: c for c in _target_contacts(plan)}
    existing = list(SurveyRecipient.select().where(SurveyRecipient.plan == plan.id))
    have = {r.contact_id for r in existing if r.contact_id}
    removed = [r.id for r in existing if r.contact_id and r.contact_id not in wanted]
    if removed:
        SurveyRecipient.delete().where(SurveyRecipient.id.in_(removed)).execute()
    rows = [{"plan": plan.id, "contact": c.id, "name": c.name, "unit": c.unit_id, "email": c.email,
             "token": new_token(), "layout_checksum": checksum}
            for cid, c in wanted.items() if cid not in have]
    for offset in range(0, len(rows), 200):
        SurveyRecipient.insert_many(rows[offset: offset + 200]).execute()
    return len(rows), len(removed)


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
    _check_period_kind(template.kind, period)
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
        added, _removed = _sync_recipients(plan)
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
    _require_state(plan, (S.DRAFT.value,))
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
            _sync_recipients(plan)
    return get_plan(plan.id)


def refresh_recipients(actor: Actor, plan_id: int) -> tuple[int, int]:
    """Re-read the target units' contacts (draft or approved plans). Returns (added, removed)."""
    require(actor, Permission.SURVEY_PLAN)
    plan = records.load(SurveyPlan, plan_id)
    _require_state(plan, EDIT_RECIPIENT_STATES)
    with SurveyPlan._meta.database.atomic():
        added, removed = _sync_recipients(plan)
        audit.record(actor, "survey_plan.recipients", plan, after={"added": added, "removed": removed})
    return added, removed


def add_recipient(actor: Actor, plan_id: int, name: str, unit_id: int | None = None, email: str = "",
                  contact_id: int | None = None) -> RecipientRow:
    """Add one recipient by hand (draft or approved plans), e.g. a person who is not a stored contact."""
    require(actor, Permission.SURVEY_PLAN)
    plan = records.load(SurveyPlan, plan_id)
    _require_state(plan, EDIT_RECIPIENT_STATES)
    contact = records.load(Contact, contact_id) if contact_id else None
    name = clean_text(name or (contact.name if contact else ""), t("Name"), required=True, field="name")
    unit = unit_id if unit_id is not None else (contact.unit_id if contact else None)
    if unit is not None and not CustomerUnit.get_or_none(CustomerUnit.id == unit):
        raise ValidationError(t("{field} has the wrong form.", field=t("Customer unit")), field="unit")
    if contact and SurveyRecipient.select().where((SurveyRecipient.plan == plan.id)
                                                  & (SurveyRecipient.contact == contact.id)).exists():
        raise ValidationError(t("{name} is already a recipient of this plan.", name=contact.name), field="contact")
    with SurveyPlan._meta.database.atomic():
        r = SurveyRecipient.create(plan=plan.id, contact=contact.id if contact else None, name=name, unit=unit,
                                   email=clean_text(email or (contact.email if contact else ""), t("Email")),
                                   token=new_token(), layout_checksum=plan_checksum(plan.template))
        audit.record(actor, "survey_recipient.add", r, after={"plan": plan.number, "name": name})
    return _recipient_row(r, {u.id: u.name for u in CustomerUnit.select()})


def remove_recipient(actor: Actor, recipient_id: int) -> None:
    """Take a recipient off a draft or approved plan."""
    require(actor, Permission.SURVEY_PLAN)
    r = records.load(SurveyRecipient, recipient_id)
    _require_state(r.plan, EDIT_RECIPIENT_STATES)
    with SurveyPlan._meta.database.atomic():
        audit.record(actor, "survey_recipient.remove", r, before=audit.snapshot(r) | {"token": "…"})
        r.delete_instance()


def delete_plan(actor: Actor, plan_id: int, expected_version: int) -> None:
    """Delete a draft plan (an approved one is returned to draft first)."""
    require(actor, Permission.SURVEY_PLAN)
    plan = records.load(SurveyPlan, plan_id)
    _require_state(plan, (S.DRAFT.value,))
    if plan.version != expected_version:
        records.update(actor, plan, expected_version, {}, "survey_plan.delete")  # raises ConflictError
    with SurveyPlan._meta.database.atomic():
        audit.record(actor, "survey_plan.delete", plan, before=audit.snapshot(plan))
        plan.delete_instance(recursive=False)


# --- states --------------------------------------------------------------------------------------

def _require_state(plan: SurveyPlan, allowed: Iterable[str]) -> None:
    allowed = tuple(allowed)
    if plan.state not in allowed:
        raise ValidationError(
            t("Survey plan {number} is {state}; this step is possible only when it is {allowed}.",
              number=plan.number, state=state_label(plan.state),
              allowed=t(" or ").join(state_label(s) for s in allowed)), field="state")


def _move(actor: Actor, plan: SurveyPlan, expected_version: int | None, to: str, action: str,
          extra: dict | None = None) -> SurveyPlan:
    """One step of the transition table; refused with the plan's state named otherwise."""
    if to not in TRANSITIONS.get(plan.state, ()):
        raise ValidationError(
            t("Survey plan {number} is {state} and cannot become {target}.", number=plan.number,
              state=state_label(plan.state), target=state_label(to)), field="state")
    return records.update(actor, plan, expected_version, {"state": to, **(extra or {})}, action)


def approve(actor: Actor, plan_id: int, expected_version: int) -> PlanRow:
    """The relationship manager approves the plan (R28)."""
    require(actor, Permission.SURVEY_APPROVE)
    plan = records.load(SurveyPlan, plan_id)
    if plan.state == S.DRAFT and not SurveyRecipient.select().where(SurveyRecipient.plan == plan.id).exists():
        raise ValidationError(t("Survey plan {number} has no recipients: its target units have no contacts.",
                                number=plan.number), field="recipients")
    _move(actor, plan, expected_version, S.APPROVED.value, "survey_plan.approve",
          {"approver": actor.id, "approved_at": now()})
    return get_plan(plan_id)


def return_to_draft(actor: Actor, plan_id: int, expected_version: int, reason: str = "") -> PlanRow:
    """Withdraw the approval (before any workbook is out) so the plan can be changed."""
    require(actor, Permission.SURVEY_APPROVE)
    plan = records.load(SurveyPlan, plan_id)
    reason = clean_text(reason, t("Reason"), max_length=LONG_TEXT)
    _move(actor, plan, expected_version, S.DRAFT.value, "survey_plan.return_to_draft",
          {"approver": None, "approved_at": None})
    if reason:
        audit.record(actor, "survey_plan.return_reason", plan, after={"reason": reason})
    return get_plan(plan_id)


def close_collection(actor: Actor, plan_id: int, expected_version: int) -> PlanRow:
    """End the collection: later workbooks are refused."""
    require(actor, Permission.SURVEY_PLAN)
    plan = records.load(SurveyPlan, plan_id)
    if plan.state == S.DISTRIBUTING:  # every workbook handed out by other means: collect, then close
        plan = _move(actor, plan, expected_version, S.COLLECTING.value, "survey_plan.collect")
        expected_version = plan.version
    _move(actor, plan, expected_version, S.CLOSED.value, "survey_plan.close")
    return get_plan(plan_id)


def reopen_collection(actor: Actor, plan_id: int, expected_version: int) -> PlanRow:
    require(actor, Permission.SURVEY_PLAN)
    _move(actor, records.load(SurveyPlan, plan_id), expected_version, S.COLLECTING.value, "survey_plan.reopen")
    return get_plan(plan_id)


def mark_analysed(actor: Actor, plan_id: int, expected_version: int, analysis_text: str) -> PlanRow:
    """Record the written analysis (R31) of a closed plan."""
    require(actor, Permission.SURVEY_PLAN)
    text = clean_text(analysis_text, t("Analysis"), required=True, max_length=LONG_TEXT, field="analysis_text")
    _move(actor, records.load(SurveyPlan, plan_id), expected_version, S.ANALYSED.value, "survey_plan.analyse",
          {"analysis_text": text})
    return get_plan(plan_id)


# --- reminders -----------------------------------------------------------------------------------

def mark_reminded(actor: Actor, recipient_ids: Iterable[int], at: datetime | None = None) -> int:
    """Record that these recipients were reminded (R30a). Returned ones are skipped. Returns the count."""
    require(actor, Permission.SURVEY_COLLECT)
    ids = sorted({int(i) for i in recipient_ids})
    at = at or now()
    with SurveyPlan._meta.database.atomic():
        query = SurveyRecipient.update(reminded_at=at).where(SurveyRecipient.id.in_(ids)
                                                             & SurveyRecipient.returned_at.is_null(True)
                                                             & SurveyRecipient.sent_at.is_null(False))
        count = query.execute() if ids else 0
        if count:
            audit.record(actor, "survey_recipient.remind", "survey_recipient", after={"ids": ids, "at": at},
                         entity_id=",".join(map(str, ids)))
    return count


# --- workbooks -----------------------------------------------------------------------------------

def workbook_spec(recipient: SurveyRecipient, language: str | None = None) -> wbio.WorkbookSpec:
    """What one recipient's workbook shows (in `language`, default the current one)."""
    language = language or current_language()
    zh = language == "zh_CN"
    plan = recipient.plan
    tpl = plan.template
    questions = tuple(wbio.WorkbookQuestion(q.id, q.seq, dimension_label(q.dimension, language),
                                            q.text_zh if zh else q.text_en, q.answer_type, q.required)
                      for q in _template_questions(tpl.id))
    unit = recipient.unit.name if recipient.unit_id else ""
    return wbio.WorkbookSpec(
        token=recipient.token, plan_number=plan.number, checksum=recipient.layout_checksum or plan_checksum(tpl),
        language="zh_CN" if zh else "en", title=plan.title or (tpl.name_zh if zh else tpl.name_en),
        period=plan.period, intro=tpl.intro_zh if zh else tpl.intro_en, questions=questions, unit=unit,
        recipient=recipient.name, anonymous=plan.anonymous, ask_unit=plan.ask_unit,
        return_by=plan.collect_by.isoformat() if plan.collect_by else "")


@dataclass(frozen=True)
class ExportResult:
    plan_number: str
    folder: Path
    files: list[Path]
    state: str


def export_workbooks(actor: Actor, plan_id: int, out_dir: str | Path, *, language: str | None = None,
                     only_unsent: bool = False, progress: Callable[[int, int], None] | None = None,
                     is_cancelled: Callable[[], bool] | None = None) -> ExportResult:
    """Write one workbook per recipient into `out_dir` (each file atomic) and mark them sent (R29).

    An approved plan becomes distributing, and collecting once every recipient has a workbook.
    Recipients who already returned theirs get none. Cancelling keeps the files already written
    (and their recipients marked sent).
    """
    require(actor, Permission.SURVEY_COLLECT)
    plan = records.load(SurveyPlan, plan_id)
    _require_state(plan, (S.APPROVED.value, S.DISTRIBUTING.value, S.COLLECTING.value))
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise ValidationError(t("{path} is not a folder.", path=folder), field="folder")
    query = SurveyRecipient.select().where((SurveyRecipient.plan == plan.id)
                                           & SurveyRecipient.returned_at.is_null(True))
    if only_unsent:
        query = query.where(SurveyRecipient.sent_at.is_null(True))
    recipients = list(query.order_by(SurveyRecipient.unit, SurveyRecipient.name, SurveyRecipient.id))
    if not recipients:
        raise ValidationError(t("Survey plan {number} has no recipient left to send a workbook to.",
                                number=plan.number), field="recipients")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValidationError(t("The file {file} could not be written: {detail}", file=folder,
                                detail=exc.strerror or exc), field="folder") from exc
    if plan.state == S.APPROVED:
        plan = _move(actor, plan, None, S.DISTRIBUTING.value, "survey_plan.distribute")
    files: list[Path] = []
    used: set[str] = set()
    total = len(recipients)
    for done, recipient in enumerate(recipients):
        check_cancelled(is_cancelled)
        report(progress, done, total)
        unit = recipient.unit.name if recipient.unit_id else ""
        name = wbio.safe_file_name(plan.number, unit, recipient.name)
        if name.casefold() in used:
            name = wbio.safe_file_name(plan.number, unit, recipient.name, str(recipient.id))
        used.add(name.casefold())
        path = wbio.write_workbook(workbook_spec(recipient, language), folder / name)
        files.append(path)
        SurveyRecipient.update(sent_at=now(), file_name=name).where(SurveyRecipient.id == recipient.id).execute()
    report(progress, total, total)
    audit.record(actor, "survey_plan.export", plan, after={"files": len(files), "folder": str(folder)})
    plan = records.load(SurveyPlan, plan.id)
    unsent = SurveyRecipient.select().where((SurveyRecipient.plan == plan.id)
                                            & SurveyRecipient.sent_at.is_null(True)).exists()
    if plan.state == S.DISTRIBUTING and not unsent:
        plan = _move(actor, plan, None, S.COLLECTING.value, "survey_plan.collect")
    return ExportResult(plan.number, folder, files, plan.state)


def plan_state_choices() -> list[tuple[str, str]]:
    """(code, label) of every plan state, in order, for filters."""
    return [(s.value, state_label(s.value)) for s in S]

