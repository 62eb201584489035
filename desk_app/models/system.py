"""Settings, the audit log and per-user preferences."""

from peewee import CharField, DateTimeField, ForeignKeyField, TextField

from desk_app.models.base import BaseModel, now
from desk_app.models.people import User


class Setting(BaseModel):
    """One setting, JSON-encoded. Defaults live in `desk_app.services.settings`."""

    key = CharField(primary_key=True)
    value = TextField()


class AuditLog(BaseModel):
    """R1: who changed what, when, with the values before and after. Never edited by the app."""

    at = DateTimeField(default=now, index=True)
    user = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    username = CharField(default="")  # kept even if the user is later removed
    action = CharField(index=True)  # e.g. "ticket.close", "user.create"
    entity = CharField(default="", index=True)  # table name
    entity_id = CharField(default="")
    before = TextField(default="")  # JSON
    after = TextField(default="")  # JSON


class UserPreference(BaseModel):
    """Per-user UI state (column choice and widths, filters), added in schema version 2."""

    user = ForeignKeyField(User, backref="preferences", on_delete="CASCADE")
    key = CharField()
    value = TextField(default="")

    class Meta:
        indexes = ((("user", "key"), True),)
