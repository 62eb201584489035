"""Survey plans and their distribution lists as the screens read them (`PlanRow`, `RecipientRow`),
with the counts of sent, returned and reminded workbooks (R29, R30a)."""

from dataclasses import dataclass
from datetime import date, datetime

from peewee import JOIN, fn

from desk_app.errors import ValidationError
from desk_app.i18n import current_language, t
from desk_app.models import CustomerUnit, SurveyPlan, SurveyPlanUnit, SurveyRecipient, SurveyTemplate
from desk_app.services import records
from desk_app.services.survey_plan_states import state_label
from desk_app.services.user_names import user_name


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
        plan.anonymous, plan.ask_unit, user_name(plan.planner_id), user_name(plan.approver_id), plan.approved_at,
        plan.state, state_label(plan.state), plan.planning_starts, plan.distribute_by, plan.collect_by,
        *counts, plan.analysis_text, plan.version)


def recipient_row(r: SurveyRecipient, unit_names: dict[int, str]) -> RecipientRow:
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
    return [recipient_row(r, units) for r in query]


def reminder_list(plan_id: int) -> list[RecipientRow]:
    """Recipients who were sent a workbook and have not returned it (R30a)."""
    return [r for r in list_recipients(plan_id) if r.sent_at and not r.returned_at]
