"""Undo of the last edit, where it is cheap: a plain field edit of one record, made by the same user a
short while ago, that nobody changed since. The audit row's before/after values are the undo log.

An undo is a new edit: at undo time it passes the same check the edit service applies (the role, the
team, the record's state), through the very function that service calls; refused, it raises the
edit's error and changes nothing, and `last_undoable` does not offer it.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from peewee import Model

from desk_app.errors import ConflictError, PermissionDenied, ValidationError
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
from desk_app.services import audit, complaints, improvement, knowledge, records, revisits, tickets, users
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
#: action → the check its edit service makes before saving, called as (actor, record, changes): raises
#: PermissionDenied or ValidationError when the actor may not (or no longer) make these changes.
EDIT_CHECKS: dict[str, Callable[[Actor, Model, dict[str, object]], object]] = {
    "ticket.update": tickets.check_edit,
    "complaint.findings": lambda actor, record, changes: complaints.check_findings_edit(actor, record),
    "improvement.update": lambda actor, record, changes: improvement.check_edit(actor, record),
    "knowledge.update": lambda actor, record, changes: knowledge.check_edit(actor, record),
    "revisit.save": revisits.check_edit,
    "team.update": lambda actor, record, changes: users.check_team_edit(actor, record.get_id(), changes),
    "unit.update": lambda actor, record, changes: users.check_unit_edit(actor, record.get_id(), changes),
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


def _latest(actor: Actor, since: datetime) -> tuple[UndoOffer, AuditLog, Model] | None:
    """The actor's most recent undoable edit since `since` not undone yet, with its audit row and record."""
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
            offer = UndoOffer(row.id, row.action, row.entity, int(row.entity_id), row.at, fields, str(name))
            return offer, row, record
    return None


def _changes(row: AuditLog, record: Model, fields: tuple[str, ...]) -> dict[str, object]:
    """The values the edit replaced, as the model holds them: what the undo saves."""
    before, model_fields = json.loads(row.before or "{}"), record._meta.fields
    return {k: model_fields[k].python_value(before.get(k)) for k in fields}


def last_undoable(actor: Actor, at: datetime | None = None) -> UndoOffer | None:
    """The actor's most recent undoable edit within UNDO_WINDOW that was not undone yet, if any, and if
    the actor may still make that change (an older edit is not offered in its place)."""
    latest = _latest(actor, (at or now()) - UNDO_WINDOW)
    if latest is None:
        return None
    offer, row, record = latest
    try:
        EDIT_CHECKS[row.action](actor, record, _changes(row, record, offer.fields))
    except (PermissionDenied, ValidationError):
        return None
    return offer


def undo(actor: Actor, audit_id: int, at: datetime | None = None) -> UndoOffer:
    """Put back the values the edit replaced. Refused with the edit's own error when the actor may no
    longer make that change, and with a ConflictError when someone changed those fields since."""
    latest = _latest(actor, (at or now()) - UNDO_WINDOW)
    if latest is None or latest[0].audit_id != audit_id:
        raise ValidationError(t("This edit can no longer be undone."), field="undo")
    offer, row, record = latest
    model = type(record)
    changes = _changes(row, record, offer.fields)
    EDIT_CHECKS[row.action](actor, record, changes)  # the edit service's own check
    after, current = json.loads(row.after or "{}"), audit.snapshot(record)
    if any(current.get(k) != after.get(k) for k in offer.fields):
        who, when = records.last_change(record)
        raise ConflictError(t("{who} changed this record at {when} after your edit; it cannot be undone.",
                              who=who, when=when), changed_by=who, changed_at=when)
    with model._meta.database.atomic():
        records.update(actor, record, record.version, changes, "undo.apply")
        audit.record(actor, "undo", record, after={"undoes": audit_id, "action": row.action})
    return offer
