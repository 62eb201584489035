"""The database proxy and the base classes every model derives from."""

from datetime import datetime

from peewee import (
    DatabaseProxy,
    DateTimeField,
    IntegerField,
    Model,
    Node,
    PostgresqlDatabase,
    fn,
)

#: Bound to a real database by `desk_app.store.connection.open_database` (the app: `services.opening.open_desk`).
database_proxy = DatabaseProxy()

#: Longest one-line and multi-line texts the desk stores (checked by services and importers).
SHORT_TEXT = 200
LONG_TEXT = 10_000


def on_postgres() -> bool:
    """Are the models bound to PostgreSQL (else SQLite)? For the few places where the SQL differs."""
    return isinstance(database_proxy.obj, PostgresqlDatabase)


def month_text(field: Node) -> Node:
    """The month of a date/time column as text 'YYYY-MM', in SQL (SQLite strftime, PostgreSQL to_char)."""
    if on_postgres():
        return fn.to_char(field, "YYYY-MM")
    return fn.strftime("%Y-%m", field)


def now() -> datetime:
    """Current local time, to the second (what every record stores)."""
    return datetime.now().replace(microsecond=0)


class BaseModel(Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


class TrackedModel(BaseModel):
    """A record that people edit: who made and last changed it (R1), and a version (R42).

    `version` grows by one on every save through a service; a save whose expected version
    does not match the stored one is a concurrent edit (optimistic locking).
    """

    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    version = IntegerField(default=1)

