"""PostgreSQL as the database of a desk that outgrew one file (R39): connect, schema, search index, backup.

The same peewee models and services run on PostgreSQL through psycopg 3. What SQLite does with a
pragma, a virtual table or the online backup API is done here the PostgreSQL way:

- schema version: a one-row table `schema_version` (SQLite: `PRAGMA user_version`);
- ticket search: pg_trgm GIN indexes on the searched columns, used by LIKE/ILIKE (SQLite: FTS5);
- kept ticket numbers: a PL/pgSQL trigger filling `ticket_number_used` (SQLite: an SQL trigger);
- backups: `pg_dump --format=custom` when a pg_dump able to read the server is installed, else a
  logical export (JSON lines, one header line per table, one line per row) — never half a file.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit, urlunsplit

from peewee import Database, PostgresqlDatabase

from desk_app.errors import DatabaseProblem
from desk_app.i18n import t
from desk_app.store.paths import is_db_url

log = logging.getLogger(__name__)

URL_SCHEMES = ("postgresql://", "postgres://")
EXPORT_FORMAT = "desk-app-logical-export"
#: Tables the services use that are not peewee models (created by the schema, copied by migrate-db).
EXTRA_TABLES = ("ticket_number_used",)


def is_url(target: object) -> bool:
    """Is `target` (a --db value, a setting) a PostgreSQL URL rather than a file path?"""
    return is_db_url(target)


def normalise_url(url: str) -> str:
    url = url.strip()
    if url.lower().startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    return url


def redact(url: str) -> str:
    """`url` without its password, for the status bar, logs and messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def database_name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    return name or (urlsplit(url).username or "postgres")


def with_database(url: str, name: str) -> str:
    """`url` pointing at database `name` on the same server."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def is_postgres(db: object) -> bool:
    obj = getattr(db, "obj", db)  # a DatabaseProxy or the database itself
    return isinstance(obj, PostgresqlDatabase)


def load_driver() -> ModuleType:
    """Import psycopg and hand it to peewee, which was imported without it (see desk_app/__init__.py).

    Sets what peewee's own import sets when it finds psycopg: the module, its transaction states and
    JSON adapters, and the psycopg 3 adapter's driver constants. Nothing changes when peewee has it.
    """
    import peewee
    import psycopg

    if peewee.psycopg is None:
        from psycopg.pq import TransactionStatus
        from psycopg.types.json import Json, Jsonb

        peewee.TransactionStatus, peewee.Json_pg3, peewee.Jsonb_pg3 = TransactionStatus, Json, Jsonb
        adapter = peewee.Psycopg3Adapter
        adapter.txn_idle = TransactionStatus.IDLE
        adapter.txn_inerror = TransactionStatus.INERROR
        adapter.txn_unknown = TransactionStatus.UNKNOWN
        peewee.psycopg = psycopg
    return psycopg


def connect(url: str) -> PostgresqlDatabase:
    """A peewee database on `url` (connected), or DatabaseProblem with the reason in plain words."""
    try:
        psycopg = load_driver()
    except ImportError as exc:  # pragma: no cover - psycopg is a dependency
        raise DatabaseProblem(t("PostgreSQL support needs the psycopg package.")) from exc
    url = normalise_url(url)
    # ClientCursor binds parameters on the client like psycopg2 did: peewee's queries (untyped
    # parameters in SELECT lists, LIKE patterns) then mean the same as on SQLite.
    db = PostgresqlDatabase(url, prefer_psycopg3=True, cursor_factory=psycopg.ClientCursor,
                            connect_timeout=10, application_name="desk-app")
    try:
        db.connect(reuse_if_open=True)
    except Exception as exc:
        raise DatabaseProblem(t("Cannot open the PostgreSQL database {url}: {detail}", url=redact(url),
                                detail=_first_line(exc))) from exc
    return db


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


# --------------------------------------------------------------------------- schema


def schema_version(db: Database) -> int:
    if "schema_version" not in db.get_tables():
        return 0
    row = db.execute_sql("SELECT version FROM schema_version").fetchone()
    return row[0] if row else 0


def set_schema_version(db: Database, version: int) -> None:
    db.execute_sql("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    db.execute_sql("DELETE FROM schema_version")
    db.execute_sql("INSERT INTO schema_version (version) VALUES (%s)", (int(version),))


_TICKET_SEARCH_COLUMNS = ("number", "reporter_name", "description", "resolution")

_NUMBER_KEEP_SQL = (
    "CREATE TABLE IF NOT EXISTS ticket_number_used (day TEXT PRIMARY KEY, last INTEGER NOT NULL)",
    "CREATE OR REPLACE FUNCTION ticket_number_keep() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN "
    "IF old.number ~ '^GD-[0-9]{8}-[0-9]+$' THEN "
    "INSERT INTO ticket_number_used(day, last) "
    "VALUES (substr(old.number, 4, 8), CAST(substr(old.number, 13) AS INTEGER)) "
    "ON CONFLICT (day) DO UPDATE SET last = greatest(ticket_number_used.last, excluded.last); "
    "END IF; RETURN old; END $$",
    "DROP TRIGGER IF EXISTS ticket_number_keep ON ticket",
    "CREATE TRIGGER ticket_number_keep AFTER DELETE ON ticket FOR EACH ROW EXECUTE FUNCTION ticket_number_keep()",
    "CREATE INDEX IF NOT EXISTS ticket_state_reported_at ON ticket (state, reported_at)",
    "CREATE INDEX IF NOT EXISTS ticket_team_state_reported_at ON ticket (team_id, state, reported_at)",
    "CREATE INDEX IF NOT EXISTS ticket_assignee_reported_at ON ticket (assignee_id, reported_at)",
    "CREATE INDEX IF NOT EXISTS ticket_created_by_reported_at ON ticket (created_by_id, reported_at)",
)


def install_ticket_search(db: Database) -> None:
    """pg_trgm GIN indexes for the ticket search, the kept-numbers trigger and the list indexes.

    When the role may not create the pg_trgm extension the search still works (the same LIKE/ILIKE
    conditions), only without an index.
    """
    for statement in _NUMBER_KEEP_SQL:
        db.execute_sql(statement)
    try:
        with db.atomic():  # a savepoint: a refused CREATE EXTENSION must not spoil the transaction
            db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            for column in _TICKET_SEARCH_COLUMNS:
                db.execute_sql(f'CREATE INDEX IF NOT EXISTS ticket_trgm_{column} ON ticket '
                               f'USING gin ("{column}" gin_trgm_ops)')
    except Exception as exc:  # noqa: BLE001 - permission or a server without contrib
        log.warning("ticket search without pg_trgm index: %s", _first_line(exc))


def fix_sequences(db: Database, models) -> None:
    """Set every serial sequence past the highest id (after rows were inserted with their ids)."""
    for model in models:
        pk = model._meta.primary_key
        if pk is None or pk.field_type != "AUTO":
            continue
        table, column = model._meta.table_name, pk.column_name
        db.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
            f'COALESCE(MAX("{column}"), 1), MAX("{column}") IS NOT NULL) FROM "{table}"')


# --------------------------------------------------------------------------- backup


def _conninfo(url: str) -> tuple[str, dict[str, str]]:
    """(conninfo without password, environment with PGPASSWORD) for the client programs."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    params = conninfo_to_dict(normalise_url(url))
    env = dict(os.environ)
    password = params.pop("password", None)
    if password:
        env["PGPASSWORD"] = str(password)
    return make_conninfo("", **{k: str(v) for k, v in params.items()}), env


def backup_stem(url: str) -> str:
    """The name part of this database's backup files."""
    return "pg-" + re.sub(r"[^A-Za-z0-9_.-]+", "_", database_name(normalise_url(url)))


def pg_dump(url: str, output: Path) -> bool:
    """Run pg_dump into `output` (custom format); False when pg_dump is missing or cannot read the server."""
    program = shutil.which("pg_dump")
    if program is None:
        return False
    conninfo, env = _conninfo(url)
    tmp = output.with_name(output.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        done = subprocess.run([program, "--format=custom", "--no-owner", f"--file={tmp}", f"--dbname={conninfo}"],
                              env=env, capture_output=True, text=True, timeout=3600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("pg_dump failed, using a logical export: %s", exc)
        tmp.unlink(missing_ok=True)
        return False
    if done.returncode != 0:  # e.g. a pg_dump older than the server
        log.warning("pg_dump failed, using a logical export: %s", done.stderr.strip())
        tmp.unlink(missing_ok=True)
        return False
    tmp.replace(output)
    return True


def _encode(value: object) -> object:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$base64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot export {type(value).__name__}")


def table_names(models) -> list[str]:
    return [m._meta.table_name for m in models] + list(EXTRA_TABLES)


def export_rows(db: Database, table: str) -> Iterator[tuple[list[str], Iterator[tuple]]]:
    cursor = db.execute_sql(f'SELECT * FROM "{table}" ORDER BY 1')
    return [d[0] for d in cursor.description], cursor


def logical_export(db: Database, output: Path, models, version: int) -> None:
    """Every table as JSON lines into `output` (a header line per table, then one array per row).

    Read in one REPEATABLE READ transaction, so the export is one consistent moment of the desk.
    """
    tmp = output.with_name(output.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        with db.atomic(), tmp.open("w", encoding="utf-8") as out:
            db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            out.write(json.dumps({"format": EXPORT_FORMAT, "schema_version": version,
                                  "created": datetime.now().isoformat(timespec="seconds")}) + "\n")
            existing = set(db.get_tables())
            for table in table_names(models):
                if table not in existing:
                    continue
                columns, rows = export_rows(db, table)
                out.write(json.dumps({"table": table, "columns": columns}) + "\n")
                for row in rows:
                    out.write(json.dumps(list(row), default=_encode, ensure_ascii=False) + "\n")
        tmp.replace(output)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def backup(db: Database, url: str, folder: Path, reason: str, output: Path | None, models, version: int) -> Path:
    """Back up the PostgreSQL database: pg_dump (`.pgdump`) when possible, else a logical export (`.jsonl`)."""
    if output is None:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        base = folder / f"{backup_stem(url)}-{stamp}-{reason}"
        dump = base.with_name(base.name + ".pgdump")
        if pg_dump(url, dump):
            return dump
        output = base.with_name(base.name + ".jsonl")
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        if output.suffix != ".jsonl" and pg_dump(url, output):
            return output
        if output.suffix != ".jsonl":
            output = output.with_name(output.name + ".jsonl")
    logical_export(db, output, models, version)
    return output


# --------------------------------------------------------------------------- restore of a pg_dump archive


def _run(args: list[str], env: dict[str, str], timeout: int = 3600) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def _pg_restore_program(path: Path) -> str:
    program = shutil.which("pg_restore")
    if program is None:
        raise DatabaseProblem(t(
            "Restoring {path} needs the PostgreSQL program pg_restore, which is not installed here. "
            "Install the PostgreSQL client programs, or restore a .jsonl backup.", path=path))
    return program


def check_dump(path: Path) -> int:
    """Refuse a `.pgdump` that is not a pg_dump archive of a desk; returns its schema version.

    Needs pg_restore (DatabaseProblem saying so when it is missing).
    """
    program = _pg_restore_program(path)
    env = dict(os.environ)
    try:
        listed = _run([program, "--list", str(path)], env, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DatabaseProblem(t("{path} is not a Service Desk backup.", path=path)) from exc
    tables = set(re.findall(r" TABLE \S+ (\S+) ", listed.stdout)) if listed.returncode == 0 else set()
    if not {"user", "ticket", "schema_version"} <= tables:
        raise DatabaseProblem(t("{path} is not a Service Desk backup.", path=path))
    data = _run([program, "--data-only", "--table=schema_version", "--file=-", str(path)], env, timeout=600)
    found = re.search(r"^COPY \S+ \(version\) FROM stdin;\n(\d+)$", data.stdout, re.MULTILINE)
    if data.returncode != 0 or found is None:
        raise DatabaseProblem(t("{path} is not a Service Desk backup.", path=path))
    return int(found.group(1))


def pg_restore(url: str, path: Path, lock_timeout: str = "60s") -> None:
    """Replace the database's objects with those of the archive `path`, in one transaction.

    `--single-transaction --clean --if-exists`: every table is dropped (an ACCESS EXCLUSIVE lock:
    other workstations wait) and recreated with the archive's rows, or nothing changes at all.
    """
    program = _pg_restore_program(path)
    conninfo, env = _conninfo(url)
    env["PGOPTIONS"] = f"-c lock_timeout={lock_timeout}"
    try:
        done = _run([program, "--single-transaction", "--clean", "--if-exists", "--no-owner",
                     "--exit-on-error", f"--dbname={conninfo}", str(path)], env)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DatabaseProblem(t("The restore failed; the current data was left unchanged: {detail}",
                                detail=_first_line(exc))) from exc
    if done.returncode != 0:
        detail = next((line for line in done.stderr.splitlines() if "error" in line.lower()),
                      done.stderr.strip() or f"exit status {done.returncode}")
        raise DatabaseProblem(t("The restore failed; the current data was left unchanged: {detail}",
                                detail=detail.strip()))
