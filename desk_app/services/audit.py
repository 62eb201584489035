"""R1: every change leaves an audit row (who, when, what, before/after)."""

import json
from dataclasses import dataclass
from datetime import date, datetime

from peewee import Model

from desk_app.models import AuditLog
from desk_app.services.actor import Actor

SECRET_FIELDS = frozenset({"password_hash"})


def _plain(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def snapshot(record: Model) -> dict[str, object]:
    """The record's stored values (foreign keys as ids), secrets left out."""
    return {
        name: _plain(record.__data__.get(name))
        for name in record._meta.fields
        if name not in SECRET_FIELDS
    }


def record(actor: Actor | None, action: str, entity: Model | str | None = None,
           before: dict | None = None, after: dict | None = None, entity_id: object = "") -> AuditLog:
    """Write one audit row. `entity` is a model instance or a table name."""
    if isinstance(entity, Model):
        table, ident = entity._meta.table_name, entity.get_id()
    else:
        table, ident = entity or "", entity_id
    return AuditLog.create(
        user=actor.id if actor else None,
        username=actor.username if actor else "",
        action=action,
        entity=table,
        entity_id=str(ident if ident is not None else ""),
        before=json.dumps(before, ensure_ascii=False, default=str) if before is not None else "",
        after=json.dumps(after, ensure_ascii=False, default=str) if after is not None else "",
    )


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    username: str
    action: str
    entity: str
    entity_id: str
    before: str
    after: str


def recent(limit: int = 200, entity: str | None = None, entity_id: object = None) -> list[AuditRow]:
    """The newest audit rows, optionally for one record."""
    query = AuditLog.select().order_by(AuditLog.id.desc()).limit(limit)
    if entity:
        query = query.where(AuditLog.entity == entity)
    if entity_id is not None:
        query = query.where(AuditLog.entity_id == str(entity_id))
    return [AuditRow(r.at, r.username, r.action, r.entity, r.entity_id, r.before, r.after) for r in query]
