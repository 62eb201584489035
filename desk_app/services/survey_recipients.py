"""Who gets a survey plan's questionnaire (R29): the recipients drawn from the target units'
contacts (kept ones keep their token), added or removed by hand while the plan may still change,
and the reminders sent to those who have not returned theirs (R30a)."""

import secrets
from collections.abc import Iterable
from datetime import datetime

from desk_app.errors import ValidationError
from desk_app.i18n import t
from desk_app.io import survey_workbook as wbio
from desk_app.models import Contact, CustomerUnit, SurveyPlan, SurveyPlanUnit, SurveyRecipient, SurveyTemplate, now
from desk_app.services import audit, records
from desk_app.services.actor import Actor
from desk_app.services.permissions import Permission, require
from desk_app.services.survey_plan_rows import RecipientRow, recipient_row
from desk_app.services.survey_plan_states import EDIT_RECIPIENT_STATES, require_state
from desk_app.services.survey_templates import template_questions
from desk_app.services.validation import clean_text


def plan_checksum(template: SurveyTemplate) -> str:
    """The layout checksum of a template's questionnaire (stored per recipient, carried in the workbook)."""
    return wbio.layout_checksum(template.id, template.template_version, [
        (q.id, q.seq, q.dimension, q.text_zh, q.text_en, q.answer_type, q.required)
        for q in template_questions(template.id)])


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


def sync_recipients(plan: SurveyPlan) -> tuple[int, int]:
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


def refresh_recipients(actor: Actor, plan_id: int) -> tuple[int, int]:
    """Re-read the target units' contacts (draft or approved plans). Returns (added, removed)."""
    require(actor, Permission.SURVEY_PLAN)
    plan = records.load(SurveyPlan, plan_id)
    require_state(plan, EDIT_RECIPIENT_STATES)
    with SurveyPlan._meta.database.atomic():
        added, removed = sync_recipients(plan)
        audit.record(actor, "survey_plan.recipients", plan, after={"added": added, "removed": removed})
    return added, removed


def add_recipient(actor: Actor, plan_id: int, name: str, unit_id: int | None = None, email: str = "",
                  contact_id: int | None = None) -> RecipientRow:
    """Add one recipient by hand (draft or approved plans), e.g. a person who is not a stored contact."""
    require(actor, Permission.SURVEY_PLAN)
    plan = records.load(SurveyPlan, plan_id)
    require_state(plan, EDIT_RECIPIENT_STATES)
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
    return recipient_row(r, {u.id: u.name for u in CustomerUnit.select()})


def remove_recipient(actor: Actor, recipient_id: int) -> None:
    """Take a recipient off a draft or approved plan."""
    require(actor, Permission.SURVEY_PLAN)
    r = records.load(SurveyRecipient, recipient_id)
    require_state(r.plan, EDIT_RECIPIENT_STATES)
    with SurveyPlan._meta.database.atomic():
        audit.record(actor, "survey_recipient.remove", r, before=audit.snapshot(r) | {"token": "…"})
        r.delete_instance()


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

