"""Saving edited records with optimistic locking (R42) and an audit row (R1)."""

import json

from peewee import Model

from desk_app.errors import ConflictError, NotFound
from desk_app.i18n import t
from desk_app.models import TrackedModel, now
from desk_app.services import audit
from desk_app.services.actor import Actor


def load(model: type[Model], record_id: int) -> Model:
    record = model.get_or_none(model._meta.primary_key == record_id)
    if record is None:
        raise NotFound(t("This record no longer exists."))
    return record


#: Bookkeeping columns every save changes: not worth naming in a conflict message.
_BOOKKEEPING = {"version", "updated_at", "updated_by", "updated_by_id"}


def last_change(entity: Model) -> tuple[str, str]:
    """Who changed `entity` last and when, from the audit log."""
    who, when, _ = last_change_detail(entity)
    return who, when


def last_change_detail(entity: Model) -> tuple[str, str, list[str]]:
    """Who changed `entity` last, when, and which fields (from the audit row's `after`)."""
    rows = audit.recent(limit=1, entity=entity._meta.table_name, entity_id=entity.get_id())
    if not rows:
        return "?", "", []
    row = rows[0]
    try:
        after = json.loads(row.after or "{}")
    except ValueError:
        after = {}
    fields = [k for k in after if k not in _BOOKKEEPING] if isinstance(after, dict) else []
    return row.username, row.at.strftime("%Y-%m-%d %H:%M"), fields


def conflict(current: Model) -> ConflictError:
    """The error for a save that lost to someone else's: who changed what and when, and to reload."""
    who, when, fields = last_change_detail(current)
    if fields:
        message = t("{who} changed this record at {when} after you opened it ({fields}). "
                    "Reload it and apply your change again.", who=who, when=when, fields=", ".join(fields))
    else:
        message = t("{who} changed this record at {when} after you opened it. Reload it and apply your change "
                    "again.", who=who, when=when)
    return ConflictError(message, changed_by=who, changed_at=when, changed_fields=fields)


def update(actor: Actor, record: TrackedModel, expected_version: int | None, changes: dict[str, object],
           action: str) -> TrackedModel:
    """Apply `changes` to `record` if nobody saved it since version `expected_version`.

    The version check is part of the UPDATE statement itself, so two workstations saving at
    the same moment cannot both win. Returns the reloaded record.
    """
    model = type(record)
    before = audit.snapshot(record)
    values = dict(changes)
    values["version"] = model.version + 1
    values["updated_at"] = now()
    if "updated_by" in model._meta.fields:
        values["updated_by"] = actor.id
    query = model.update(values).where(model._meta.primary_key == record.get_id())
    if expected_version is not None:
        query = query.where(model.version == expected_version)
    if query.execute() != 1:
        current = model.get_or_none(model._meta.primary_key == record.get_id())
        if current is None:
            raise NotFound(t("This record no longer exists."))
        raise conflict(current)
    fresh = model.get_by_id(record.get_id())
    after = audit.snapshot(fresh)
    audit.record(actor, action, fresh,
                 before={k: v for k, v in before.items() if after.get(k) != v},
                 after={k: v for k, v in after.items() if before.get(k) != v})
    return fresh
