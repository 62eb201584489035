"""Import and export of the ticket ledger workbook (每日故障统计工作簿, SPEC §11, R34, R41).

Import is all or nothing: every row is checked first (file checks in `desk_app.io.ledger`,
plus "number already stored" here); any problem rejects the file with every offending row
and column listed, and nothing is stored. A good file is stored in one transaction with
bulk inserts; cancelling between chunks rolls it back.

Where the ledger's columns go:
- tickets: number, times, reporter, unit (matched/created by name), technician (assignee;
  matched by full name or created as staff without a login, role technician, in the row's
  team), team (matched/created), cause, resolution. State: closed with a closing time,
  resolved with only a completion time, else assigned. Priority P3, SLA dues from settings.
- evaluations (R12: one per kind): 工长 → self, 调度 → dispatcher, 管理人员 → manager (the
  evaluator matched to a user by full name, or created as staff without a login, role
  manager). Rating code from the points via the three-level scale (R8); evaluated at the
  ticket's closing time.
- 不满意问题和建议: kept as a ticket event of kind ``dissatisfaction`` when it says more than
  the dissatisfied callback comments already stored; every ticket also gets an ``imported``
  event naming the file.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from peewee import JOIN, DateTimeField, chunked

from desk_app.errors import ValidationError
from desk_app.i18n import current_language, t
from desk_app.io.excel_util import Cancelled, IsCancelled, Progress, check_cancelled, report
from desk_app.io.ledger import SCORE_COLUMNS, LedgerFile, LedgerRow, read_ledger, title_text, write_ledger
from desk_app.models import (
    CustomerUnit,
    Evaluation,
    RevisitForm,
    Team,
    Ticket,
    TicketEvent,
    User,
    database_proxy,
    now,
)
from desk_app.models.base import on_postgres
from desk_app.models.enums import EvaluationKind, Priority, Rating, Role, TicketState, rating_at_or_below
from desk_app.services import audit, settings
from desk_app.services.actor import Actor
from desk_app.services.permissions import Permission, require

EVENT_IMPORTED = "imported"
EVENT_DISSATISFACTION = "dissatisfaction"
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_SEP = "；"
_RATING_CODES = frozenset(r.value for r in Rating)


@dataclass(frozen=True)
class ImportResult:
    count: int
    warnings: tuple[str, ...]
    created_technicians: tuple[str, ...]
    created_teams: tuple[str, ...]
    created_units: tuple[str, ...]


def _bulk_insert(model, rows: list[dict], is_cancelled: IsCancelled | None,
                 on_chunk: Callable[[int], None] | None = None, chunk_size: int = 1000) -> None:
    """INSERT many rows with one prepared statement per chunk (sqlite3 `executemany`).

    Stores what `Model.insert_many(chunk)` stores (defaults filled in, datetimes as peewee
    writes them) for rows of plain values (str, int, bool, None, datetime), but without building
    one huge SQL text per chunk in Python, which made peewee the slowest step of a 10 000-row
    import. Cancellation is checked between chunks.
    """
    if not rows:
        return
    names = list(rows[0])
    defaults: dict[str, object] = {}  # what peewee fills in for fields a row leaves out
    for f in model._meta.sorted_fields:
        if f.name not in rows[0] and f.default is not None and not f.primary_key:
            defaults[f.name] = f.default() if callable(f.default) else f.default
    names += list(defaults)
    pairs = [(name, defaults.get(name)) for name in names]
    fields = [model._meta.fields[name] for name in names]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    db = model._meta.database
    marks = ", ".join([db.param] * len(fields))  # ? on SQLite, %s on PostgreSQL
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
    # Values are plain (str, int, bool, None, datetime); datetimes are stored as peewee stores them
    # (ISO text on SQLite; PostgreSQL takes the datetime itself).
    time_columns = [] if on_postgres() else [i for i, f in enumerate(fields) if isinstance(f, DateTimeField)]

    def params(row: dict) -> list:
        get = row.get
        values = [get(name, default) for name, default in pairs]
        for i in time_columns:
            if values[i] is not None:
                values[i] = values[i].isoformat(" ")
        return values

    done = 0
    for chunk in chunked(rows, chunk_size):
        check_cancelled(is_cancelled)
        db.cursor().executemany(sql, [params(row) for row in chunk])
        done += len(chunk)
        if on_chunk is not None:
            on_chunk(done)


def _scaled(progress: Progress | None, start: int, span: int, whole: int) -> Callable[[int, int], None]:
    """A progress callback mapping (done, total) of one phase onto [start, start + span] of `whole`."""

    def inner(done: int, total: int) -> None:
        report(progress, start + (span * done // max(total, 1)), whole)

    return inner


# --- import --------------------------------------------------------------------------------------

def import_ledger(actor: Actor, path: str | Path, progress: Progress | None = None,
                  is_cancelled: IsCancelled | None = None) -> ImportResult:
    """Import a ledger workbook, all or nothing. Raises ValidationError listing every problem."""
    require(actor, Permission.TICKET_IMPORT)
    path = Path(path)
    scale = settings.rating_points("three")
    code_of: dict[int, str] = {}
    for code in (Rating.SATISFIED, Rating.BASIC, Rating.DISSATISFIED):  # best first wins on equal points
        code_of.setdefault(int(scale[code.value]), code.value)

    whole = 1000
    ledger = read_ledger(path, code_of.keys(), progress=_scaled(progress, 0, 400, whole),
                         is_cancelled=is_cancelled)
    _check_stored_numbers(ledger)
    if ledger.problems:
        problems = sorted(ledger.problems, key=lambda p: (p.row, p.column_index))
        raise ValidationError(
            t("The file {file} was not imported ({n} problems); nothing was stored.", file=path.name,
              n=len(problems)),
            field=path.name, problems=[str(p) for p in problems])
    check_cancelled(is_cancelled)
    db = database_proxy.obj
    with db.atomic():
        result = _store(actor, ledger, code_of, _scaled(progress, 400, 600, whole), is_cancelled)
    report(progress, whole, whole)
    return result


def _check_stored_numbers(ledger: LedgerFile) -> None:
    rows_of: dict[str, int] = {r.number: r.row for r in ledger.rows if r.number}
    for chunk in chunked(list(rows_of), 500):
        for (number,) in Ticket.select(Ticket.number).where(Ticket.number.in_(chunk)).tuples():
            ledger.problem(rows_of[number], "number", t("ticket number {number} is already stored",
                                                        number=number))


class _Staff:
    """Users matched by full name; new ones created as staff without a login."""

    def __init__(self) -> None:
        self.by_name: dict[str, int] = {}
        for uid, name in User.select(User.id, User.full_name).order_by(User.active.desc(), User.id).tuples():
            self.by_name.setdefault(name, uid)
        taken = {u for (u,) in User.select(User.username).where(User.username.startswith("staff")).tuples()}
        self._taken = taken
        self._next = 1
        self.created: list[str] = []

    def _username(self) -> str:
        while f"staff{self._next:04d}" in self._taken:
            self._next += 1
        name = f"staff{self._next:04d}"
        self._taken.add(name)
        return name

    def get(self, full_name: str, role: str, team_id: int | None) -> int:
        uid = self.by_name.get(full_name)
        if uid is None:
            stamp = now()
            uid = User.insert(username=self._username(), full_name=full_name, roles=role, team=team_id,
                              can_login=False, password_hash=None, created_at=stamp, updated_at=stamp).execute()
            self.by_name[full_name] = uid
            self.created.append(full_name)
        return uid


def _named(model, names: set[str]) -> tuple[dict[str, int], list[str]]:
    """Ids of `model` rows by name, creating the missing ones. Returns (ids, created names)."""
    ids: dict[str, int] = {}
    for chunk in chunked(sorted(names), 500):
        ids.update({n: i for i, n in model.select(model.id, model.name).where(model.name.in_(chunk)).tuples()})
    created = [n for n in sorted(names) if n not in ids]
    stamp = now()
    for name in created:
        ids[name] = model.insert(name=name, created_at=stamp, updated_at=stamp).execute()
    return ids, created


def _state(row: LedgerRow) -> str:
    if row.closed_at:
        return TicketState.CLOSED.value
    if row.resolved_at:
        return TicketState.RESOLVED.value
    return TicketState.ASSIGNED.value


def _store(actor: Actor, ledger: LedgerFile, code_of: dict[int, str], progress: Progress,
           is_cancelled: IsCancelled | None) -> ImportResult:
    rows = ledger.rows
    total = len(rows) * 2
    teams, created_teams = _named(Team, {r.team for r in rows})
    units, created_units = _named(CustomerUnit, {r.unit for r in rows if r.unit})
    staff = _Staff()
    created_technicians: list[str] = []
    assignee: dict[str, int] = {}
    for r in rows:
        if r.technician not in assignee:
            before = len(staff.created)
            assignee[r.technician] = staff.get(r.technician, Role.TECHNICIAN.value, teams[r.team])
            if len(staff.created) > before:
                created_technicians.append(r.technician)
    evaluators = {r.manager_evaluator: staff.get(r.manager_evaluator, Role.MANAGER.value, None)
                  for r in rows if r.manager_evaluator and r.manager_points is not None}

    priority = Priority.P3.value
    first_hours = float(settings.get("sla.first_response_hours")[priority])
    resolution_hours = float(settings.get("sla.resolution_hours")[priority])
    stamp = now()
    ticket_rows = [
        {
            "number": r.number, "channel": "hotline", "reported_at": r.reported_at,
            "reporter_name": r.reporter, "reporter_phone": r.reporter_phone,
            "reporter_location": r.reporter_location, "unit": units.get(r.unit) if r.unit else None,
            "description": r.description, "priority": priority, "state": _state(r),
            "assignee": assignee[r.technician], "team": teams[r.team],
            "first_response_due": r.reported_at + timedelta(hours=first_hours),
            "resolution_due": r.reported_at + timedelta(hours=resolution_hours),
            "first_response_at": r.first_response_at, "resolved_at": r.resolved_at, "closed_at": r.closed_at,
            "cause": r.cause, "resolution": r.resolution, "created_by": actor.id, "updated_by": actor.id,
            "created_at": stamp, "updated_at": stamp, "version": 1,
        }
        for r in rows
    ]
    _bulk_insert(Ticket, ticket_rows, is_cancelled, lambda done: progress(done, total))

    ids: dict[str, int] = {}
    for chunk in chunked([r.number for r in rows], 500):
        ids.update({n: i for i, n in Ticket.select(Ticket.id, Ticket.number).where(Ticket.number.in_(chunk))
                    .tuples()})

    evaluations: list[dict] = []
    events: list[dict] = []
    for r in rows:
        ticket_id = ids[r.number]
        complaints: list[str] = []
        for kind, score_key, text_key in SCORE_COLUMNS:
            points = getattr(r, score_key)
            if points is None:
                continue
            code = code_of[points]
            comment = getattr(r, text_key)
            evaluations.append({
                "ticket": ticket_id, "kind": kind, "rating": code, "points": points, "comment": comment,
                "evaluator": evaluators.get(r.manager_evaluator) if kind == EvaluationKind.MANAGER else None,
                "evaluated_at": r.closed_at, "corrective_note": "",
            })
            if kind != EvaluationKind.SELF and comment and rating_at_or_below(code, Rating.DISSATISFIED):
                complaints.append(comment)
        events.append({"ticket": ticket_id, "at": stamp, "user": actor.id, "kind": EVENT_IMPORTED,
                       "from_state": "", "to_state": _state(r), "text": ledger.file_name})
        if r.dissatisfaction and r.dissatisfaction != _SEP.join(complaints):
            events.append({"ticket": ticket_id, "at": stamp, "user": actor.id, "kind": EVENT_DISSATISFACTION,
                           "from_state": "", "to_state": "", "text": r.dissatisfaction})
    _bulk_insert(Evaluation, evaluations, is_cancelled)
    progress(len(rows) + len(rows) // 2, total)
    _bulk_insert(TicketEvent, events, is_cancelled)
    progress(total, total)

    created_staff = [n for n in staff.created if n not in created_technicians]
    audit.record(actor, "ticket.import", "ticket", after={
        "file": ledger.file_name, "count": len(rows), "evaluations": len(evaluations),
        "created_teams": created_teams, "created_units": created_units,
        "created_technicians": created_technicians, "created_managers": created_staff,
    })
    return ImportResult(len(rows), tuple(ledger.warnings), tuple(created_technicians), tuple(created_teams),
                        tuple(created_units))


# --- export --------------------------------------------------------------------------------------

def month_range(month: str) -> tuple[datetime, datetime]:
    """[start, end) of a `YYYY-MM` month, or ValidationError."""
    m = _MONTH.match(month or "")
    if not m:
        raise ValidationError(t("{value} is not a month (YYYY-MM).", value=month), field="month")
    year, mon = int(m.group(1)), int(m.group(2))
    start = datetime(year, mon, 1)
    end = datetime(year + (mon == 12), mon % 12 + 1, 1)
    return start, end


def _month_condition(start: datetime, end: datetime):
    closed_in = (Ticket.closed_at >= start) & (Ticket.closed_at < end)
    open_reported = Ticket.closed_at.is_null() & (Ticket.reported_at >= start) & (Ticket.reported_at < end)
    return closed_in | open_reported


def ledger_rows(month: str) -> list[LedgerRow]:
    """The ledger lines of `month`: tickets closed in the month, plus tickets reported in the
    month that are still open. (The KPI counts a ticket in its closing month, so this puts each
    scored ticket in exactly one month's ledger, and open tickets in the month they came in.)"""
    start, end = month_range(month)
    where = _month_condition(start, end)
    Technician = User.alias()
    query = (Ticket.select(Ticket.id, Ticket.number, Ticket.reported_at, Ticket.reporter_name,
                           CustomerUnit.name, Ticket.reporter_phone, Ticket.reporter_location,
                           Ticket.description, Technician.full_name, Team.name, Ticket.first_response_at,
                           Ticket.resolved_at, Ticket.closed_at, Ticket.cause, Ticket.resolution)
             .join(Team, JOIN.LEFT_OUTER, on=(Ticket.team == Team.id))
             .switch(Ticket).join(CustomerUnit, JOIN.LEFT_OUTER, on=(Ticket.unit == CustomerUnit.id))
             .switch(Ticket).join(Technician, JOIN.LEFT_OUTER, on=(Ticket.assignee == Technician.id))
             .where(where).order_by(Ticket.reported_at, Ticket.number).tuples())
    rows: dict[int, LedgerRow] = {}
    for (ticket_id, number, reported_at, reporter, unit, phone, location, description, technician, team,
         responded_at, resolved_at, closed_at, cause, resolution) in query:
        rows[ticket_id] = LedgerRow(
            number=number, reported_at=reported_at, reporter=reporter, unit=unit or "", reporter_phone=phone,
            reporter_location=location, description=description, technician=technician or "",
            team=team or "", first_response_at=responded_at, resolved_at=resolved_at, closed_at=closed_at,
            cause=cause, resolution=resolution,
        )
    if not rows:
        return []

    complaints: dict[int, list[str]] = {}
    Evaluator = User.alias()
    evals = (Evaluation.select(Evaluation.ticket, Evaluation.kind, Evaluation.rating, Evaluation.points,
                               Evaluation.comment, Evaluator.full_name)
             .join(Ticket, on=(Evaluation.ticket == Ticket.id))
             .switch(Evaluation).join(Evaluator, JOIN.LEFT_OUTER, on=(Evaluation.evaluator == Evaluator.id))
             .where(where).order_by(Evaluation.ticket, Evaluation.id).tuples())
    for ticket_id, kind, rating, points, comment, evaluator in evals:
        row = rows[ticket_id]
        if kind == EvaluationKind.SELF:
            row.self_points, row.self_comment = points, comment
        elif kind == EvaluationKind.DISPATCHER:
            row.dispatcher_points, row.dispatcher_notes = points, comment
        elif kind == EvaluationKind.MANAGER:
            row.manager_points, row.manager_notes = points, comment
            row.manager_evaluator = evaluator or ""
        else:
            continue
        if kind != EvaluationKind.SELF and comment and rating in _RATING_CODES \
                and rating_at_or_below(rating, Rating.DISSATISFIED):
            complaints.setdefault(ticket_id, []).append(comment)
    for row in rows.values():
        scores = row.scores()
        row.total_points = sum(scores) if scores else None

    forms: dict[int, list[str]] = {}
    for ticket_id, text in (RevisitForm.select(RevisitForm.ticket, RevisitForm.customer_problems)
                            .join(Ticket, on=(RevisitForm.ticket == Ticket.id))
                            .where(where & (RevisitForm.customer_problems != ""))
                            .order_by(RevisitForm.id).tuples()):
        forms.setdefault(ticket_id, []).append(text)
    noted: dict[int, list[str]] = {}
    for ticket_id, text in (TicketEvent.select(TicketEvent.ticket, TicketEvent.text)
                            .join(Ticket, on=(TicketEvent.ticket == Ticket.id))
                            .where(where & (TicketEvent.kind == EVENT_DISSATISFACTION))
                            .order_by(TicketEvent.id).tuples()):
        noted.setdefault(ticket_id, []).append(text)
    for ticket_id, row in rows.items():
        texts = forms.get(ticket_id) or noted.get(ticket_id) or complaints.get(ticket_id) or []
        row.dissatisfaction = _SEP.join(texts)
    return list(rows.values())


def export_ledger(month: str, path: str | Path, progress: Progress | None = None,
                  is_cancelled: IsCancelled | None = None) -> int:
    """Write the ledger workbook of `month` (YYYY-MM) to `path`; returns the number of tickets.

    Headers are Chinese when the language is zh_CN, else English. A cancelled export leaves
    no file behind (and an existing file at `path` untouched)."""
    rows = ledger_rows(month)
    check_cancelled(is_cancelled)
    return write_ledger(path, rows, title_text(month), total=len(rows), language=current_language(),
                        progress=progress, is_cancelled=is_cancelled)


__all__ = ["Cancelled", "ImportResult", "export_ledger", "import_ledger", "ledger_rows", "month_range"]
