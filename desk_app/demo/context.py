"""What the demo steps share: the random source, the period, and what earlier steps created."""

import operator
import random
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

from peewee import DateField, DateTimeField, Model, SqliteDatabase

from desk_app.models.base import database_proxy

#: The demo "now": the end of the working day `until`. Nothing happens after it.
DAY_END = time(18, 0)

#: Rows generated between two progress reports (and cancellation checks).
CHUNK_ROWS = 2000
#: Bound variables per statement: SQLite's limit is 32766 since 3.32 (999 before).
MAX_VARIABLES = 32766 if sqlite3.sqlite_version_info >= (3, 32, 0) else 999


class DemoCancelled(Exception):
    """Raised inside the load when `is_cancelled()` turns true, to roll the transaction back."""


@dataclass(frozen=True, slots=True)
class StaffInfo:
    id: int
    username: str
    full_name: str
    roles: tuple[str, ...]
    team_id: int | None


@dataclass(slots=True)
class TeamInfo:
    id: int
    name: str
    kind: str  # network / desktop / system (vocabulary.TEAMS)
    lead_id: int | None = None
    technician_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class UnitInfo:
    id: int
    name: str
    kind: str  # hospital / school / gov
    importance: str
    weight: float
    network_team_id: int


@dataclass(frozen=True, slots=True)
class ContactInfo:
    id: int
    unit_id: int
    name: str
    title: str
    phone: str
    location: str
    is_vip: bool


@dataclass(slots=True)
class TicketInfo:
    """A light copy of a generated ticket, for steps that build on tickets (evaluations …)."""

    id: int
    number: str
    reported_at: datetime
    state: str
    category: str
    fault: int  # index into vocabulary.FAULTS
    fix: int  # index into that fault's (cause, resolution) pairs
    priority: str
    team_id: int
    assignee_id: int
    contact_id: int
    unit_id: int
    resolved_at: datetime | None
    closed_at: datetime | None
    repeat_of: int | None


@dataclass
class DemoContext:
    """Passed to every step; each step reads what earlier steps left and adds its own."""

    rng: random.Random
    until: date
    start: date  # first day of the period
    now: datetime  # the demo's present: `until` at DAY_END
    ticket_count: int
    settings: dict[str, object]
    users: dict[str, list[StaffInfo]] = field(default_factory=dict)  # by role code
    staff: dict[int, StaffInfo] = field(default_factory=dict)  # by id
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (username, password, role text)
    teams: list[TeamInfo] = field(default_factory=list)
    units: list[UnitInfo] = field(default_factory=list)
    contacts: list[ContactInfo] = field(default_factory=list)
    tickets: list[TicketInfo] = field(default_factory=list)  # in order of reporting
    _advance: Callable[[int], None] = lambda n: None

    def advance(self, n: int = 1) -> None:
        """Report `n` units of work done; raises DemoCancelled when the user cancelled."""
        self._advance(n)

    def admin(self) -> StaffInfo:
        return self.users["admin"][0]


def bulk_insert(model: type[Model], rows: Sequence[dict[str, object]]) -> None:
    """Insert many rows fast: multi-row INSERT statements on the open transaction's connection.

    Like peewee's insert_many in chunks, without its per-value Python work (several times slower
    for the hundreds of thousands of rows of a large demo). Many rows per statement also matter
    for triggers into an FTS5 index, which flushes its pending terms at every statement's end.
    Rows name model fields (foreign keys by id); a field left out takes its default, which must
    not be a callable (demo times come from `until`, never the clock).
    """
    if not rows:
        return
    if not isinstance(database_proxy.obj, SqliteDatabase):  # PostgreSQL: portable, slower
        per_statement = max(1, min(MAX_VARIABLES, 30000) // (len(rows[0]) + 3))
        for offset in range(0, len(rows), per_statement):
            model.insert_many(rows[offset: offset + per_statement]).execute()
        if "id" in rows[0]:  # ids given: move the serial sequence past them
            from desk_app.store.postgres import fix_sequences

            fix_sequences(database_proxy.obj, [model])
        return
    fields = model._meta.fields
    given = list(rows[0])
    missing = [name for name, f in fields.items()
               if name not in rows[0] and not f.primary_key and (f.default is not None or f.null)]
    for name in missing:
        if callable(fields[name].default):
            raise ValueError(f"{model.__name__}.{name}: give a value; its default reads the clock")
    names = given + missing
    columns = ", ".join(f'"{fields[n].column_name}"' for n in names)
    stamps = [i for i, n in enumerate(given) if isinstance(fields[n], DateTimeField | DateField)]
    fill = [fields[n].db_value(fields[n].default) for n in missing]
    getter = operator.itemgetter(*given)
    values: list[object] = []
    for row in rows:
        got = getter(row)
        start = len(values)
        if len(given) == 1:
            values.append(got)
        else:
            values.extend(got)
        for i in stamps:
            if values[start + i] is not None:
                values[start + i] = str(values[start + i])
        values.extend(fill)
    width = len(names)
    per_statement = max(1, MAX_VARIABLES // width)
    one = "(" + ", ".join("?" * width) + ")"
    head = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES '
    cursor = database_proxy.cursor()
    step = per_statement * width
    for offset in range(0, len(values), step):
        chunk = values[offset: offset + step]
        cursor.execute(head + ", ".join([one] * (len(chunk) // width)), chunk)

