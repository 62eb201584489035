"""Undo of the last edit, where it is cheap: a plain field edit of one record, made by the same user a
short while ago, that nobody changed since. The audit row's before/after values are the undo log."""

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from peewee import Model

from desk_app.errors import ConflictError, ValidationError
from desk_app.i18n import t
from desk_app.models import (
    AuditLog,
    Complaint,
    CustomerUnit,
    ImprovementProject,
    KnowledgeArticle,
    RevisitForm,
    Team,
    Ticket,
    now,
)
from desk_app.services import audit, records
from desk_app.services.actor import Actor

#: Edits that only set fields of one record (no state change, no side records): action → model.
#: The first part of the action is also the change the UI announces (DataEvents.changed).
UNDOABLE: dict[str, type[Model]] = {
    "ticket.update": Ticket,
    "complaint.findings": Complaint,
    "improvement.update": ImprovementProject,
    "knowledge.update": KnowledgeArticle,
    "revisit.save": RevisitForm,
    "team.update": Team,
    "unit.update": CustomerUnit,
}
UNDO_WINDOW = timedelta(minutes=30)
_BOOKKEEPING = frozenset({"version", "updated_at", "updated_by"})


@dataclass(frozen=True)
class UndoOffer:
    audit_id: int
    action: str
    entity: str
    entity_id: int
    at: datetime
    fields: tuple[str, ...]  # the fields the edit changed
    record: str  # the record's number or name, for the question "undo …?"

    @property
    def kind(self) -> str:
        """What changed, as the tabs name it: ticket, complaint, improvement, knowledge, revisit, team, unit."""
        return self.action.split(".")[0]


def _undone_ids(actor: Actor, since: datetime) -> set[int]:
    rows = AuditLog.select(AuditLog.after).where((AuditLog.action == "undo") & (AuditLog.user == actor.id)
                                                 & (AuditLog.at >= since))
    return {json.loads(r.after).get("undoes") for r in rows if r.after}


def last_undoable(actor: Actor, at: datetime | None = None) -> UndoOffer | None:
    """The actor's most recent undoable edit within UNDO_WINDOW that was not undone yet, if any."""
    since = (at or now()) - UNDO_WINDOW
    undone = _undone_ids(actor, since)
    query = (AuditLog.select().where((AuditLog.user == actor.id) & (AuditLog.at >= since)
                                     & AuditLog.action.in_([*UNDOABLE, "undo"]))
             .order_by(AuditLog.id.desc()).limit(20))
    for row in query:
        if row.action == "undo":
            continue
        if row.id in undone:
            continue
        fields = tuple(k for k in json.loads(row.after or "{}") if k not in _BOOKKEEPING)
        record = UNDOABLE[row.action].get_or_none(UNDOABLE[row.action]._meta.primary_key == int(row.entity_id))
        if fields and record is not None:
            name = getattr(record, "number", None) or getattr(record, "name", None) or getattr(record, "title", "")
            return UndoOffer(row.id, row.action, row.entity, int(row.entity_id), row.at, fields, str(name))
    return None


def undo(actor: Actor, audit_id: int, at: datetime | None = None) -> UndoOffer:
    """Put back the values the edit replaced; refused when someone changed those fields since."""
    offer = last_undoable(actor, at)
    if offer is None or offer.audit_id != audit_id:
        raise ValidationError(t("This edit can no longer be undone."), field="undo")
    row = AuditLog.get_by_id(audit_id)
    model = UNDOABLE[row.action]
    record = records.load(model, offer.entity_id)
    before, after = json.loads(row.before or "{}"), json.loads(row.after or "{}")
    fields = model._meta.fields
    current = audit.snapshot(record)
    if any(current.get(k) != after.get(k) for k in offer.fields):
        who, when = records.last_change(record)
        raise ConflictError(t("{who} changed this record at {when} after your edit; it cannot be undone.",
                              who=who, when=when), changed_by=who, changed_at=when)
    changes = {k: fields[k].python_value(before.get(k)) for k in offer.fields}
    with model._meta.database.atomic():
        records.update(actor, record, record.version, changes, "undo.apply")
        audit.record(actor, "undo", record, after={"undoes": audit_id, "action": row.action})
    return offer
