"""Saving edited records with optimistic locking (R42) and an audit row (R1)."""

from peewee import Model

from desk_app.i18n import t
from desk_app.models import TrackedModel, now
from desk_app.services import audit
from desk_app.services.auth import Actor
from desk_app.services.errors import ConflictError, NotFound


def load(model: type[Model], record_id: int) -> Model:
    record = model.get_or_none(model._meta.primary_key == record_id)
    if record is None:
        raise NotFound(t("This record no longer exists."))
    return record


def last_change(entity: Model) -> tuple[str, str]:
    """Who changed `entity` last and when, from the audit log."""
    rows = audit.recent(limit=1, entity=entity._meta.table_name, entity_id=entity.get_id())
    if rows:
        return rows[0].username, rows[0].at.strftime("%Y-%m-%d %H:%M")
    return "?", ""


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
        who, when = last_change(current)
        raise ConflictError(
            t("{who} changed this record at {when} after you opened it. Reload it and apply your change again.",
              who=who, when=when),
            changed_by=who,
            changed_at=when,
        )
    fresh = model.get_by_id(record.get_id())
    after = audit.snapshot(fresh)
    audit.record(actor, action, fresh,
                 before={k: v for k, v in before.items() if after.get(k) != v},
                 after={k: v for k, v in after.items() if before.get(k) != v})
    return fresh
