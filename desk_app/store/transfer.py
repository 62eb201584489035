"""Copy a desk's SQLite file into an empty PostgreSQL database, whole or not at all (`desk-app migrate-db`).

Every table is copied in dependency order (ALL_MODELS) with its ids, the serial sequences are moved
past the highest id, and each table is verified by its row count and a checksum (sha256 of its rows
in primary-key order, each value normalised: times as ISO text, booleans, blobs as hex) computed on
both sides. All of it is one transaction on the target: a failed check rolls everything back.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from peewee import Database, Model

from desk_app.errors import DatabaseProblem, DeskError
from desk_app.i18n import t
from desk_app.store import postgres
from desk_app.store.connection import BeforeMigrate, close_database, create_schema, open_database, schema_version

BATCH = 1000


@dataclass(frozen=True)
class TableCopy:
    table: str
    rows: int
    checksum: str


class TransferFailed(DeskError):
    """The copy did not verify; the target was left as it was."""


def _norm(value: object) -> object:
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


class _Digest:
    def __init__(self) -> None:
        self.sha = hashlib.sha256()
        self.rows = 0

    def add(self, row: Iterable[object]) -> None:
        self.sha.update(json.dumps([_norm(v) for v in row], ensure_ascii=False).encode("utf-8"))
        self.sha.update(b"\n")
        self.rows += 1


def _model_rows(model: type[Model], database: Database):
    """The rows of `model` in `database` as tuples of Python values, in primary-key order."""
    fields = model._meta.sorted_fields
    pk = model._meta.primary_key
    query = model.select(*fields).order_by(pk).tuples()
    rows = query.iterator(database)
    if pk.field_type != "AUTO":  # text keys: SQLite and PostgreSQL collations may order them differently
        rows = iter(sorted(rows, key=lambda r: str(r[fields.index(pk)])))
    return fields, rows


def _raw_rows(table: str, database: Database) -> tuple[list[str], list[tuple]]:
    cursor = database.execute_sql(f'SELECT * FROM "{table}"')
    columns = [d[0] for d in cursor.description]
    return columns, sorted(cursor.fetchall(), key=lambda r: tuple(str(v) for v in r))


def _check_empty(target: Database, url: str, models) -> None:
    existing = set(target.get_tables())
    for table in postgres.table_names(models) + ["schema_version"]:
        if table in existing:
            n = target.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            if n and table != "schema_version":
                raise DatabaseProblem(t(
                    "The target database {url} is not empty (table {table} has {n} rows). "
                    "Copy into a new, empty database.", url=postgres.redact(url), table=table, n=n))


def copy_database(source: Path | str, url: str, progress: Callable[[str, int], None] | None = None,
                  before_migrate: BeforeMigrate | None = None) -> list[TableCopy]:
    """Copy the SQLite desk `source` into the empty PostgreSQL database at `url`; returns what was copied.

    The source is opened and migrated (after `before_migrate`, the caller's backup) like the
    application does; the target gets the same schema version.
    """
    from desk_app.models import ALL_MODELS

    if postgres.is_url(source) or not Path(source).is_file():
        raise DatabaseProblem(t("{path} is not a Service Desk database.", path=source))
    if not postgres.is_url(url):
        raise DatabaseProblem(t("The target must be a postgresql:// URL, not {path}.", path=url))
    url = postgres.normalise_url(url)
    src = open_database(source, before_migrate)
    target = None
    try:
        target = postgres.connect(url)
        _check_empty(target, url, ALL_MODELS)
        copied: list[TableCopy] = []
        with target.atomic():
            existing = set(target.get_tables())
            with target.bind_ctx(ALL_MODELS, bind_refs=False, bind_backrefs=False):
                if "user" not in existing:
                    create_schema(target)
            postgres.set_schema_version(target, schema_version(src))
            for model in ALL_MODELS:
                copied.append(_copy_model(model, src, target, progress))
            for table in postgres.EXTRA_TABLES:
                copied.append(_copy_raw(table, src, target, progress))
            postgres.fix_sequences(target, ALL_MODELS)
        return copied
    finally:
        if target is not None:
            target.close()
        close_database(src)


def _copy_model(model: type[Model], src: Database, target: Database,
                progress: Callable[[str, int], None] | None) -> TableCopy:
    fields, rows = _model_rows(model, src)
    return _copy_rows(model, fields, rows, target, progress)


def _copy_rows(model: type[Model], fields, rows: Iterable[tuple], target: Database,
               progress: Callable[[str, int], None] | None) -> TableCopy:
    """Insert `rows` (values of `fields`, in `_model_rows` order) into `target` and verify them there."""
    table = model._meta.table_name
    source_digest = _Digest()
    batch: list[tuple] = []

    def flush() -> None:
        if batch:
            model.insert_many(batch, fields=fields).execute(target)
            batch.clear()

    try:
        for row in rows:
            source_digest.add(row)
            batch.append(row)
            if len(batch) >= BATCH:
                flush()
                if progress:
                    progress(table, source_digest.rows)
        flush()
    except DeskError:
        raise
    except Exception as exc:
        raise TransferFailed(t("Copying table {table} failed: {detail}", table=table,
                               detail=str(exc).strip().splitlines()[0] if str(exc).strip() else exc)) from exc
    _, copied_rows = _model_rows(model, target)
    target_digest = _Digest()
    for row in copied_rows:
        target_digest.add(row)
    _verify(table, source_digest, target_digest)
    if progress:
        progress(table, source_digest.rows)
    return TableCopy(table, source_digest.rows, source_digest.sha.hexdigest())


def _copy_raw(table: str, src: Database, target: Database, progress) -> TableCopy:
    columns, rows = _raw_rows(table, src)
    return _copy_raw_rows(table, columns, rows, target, progress)


def _copy_raw_rows(table: str, columns: list[str], rows: list[tuple], target: Database, progress) -> TableCopy:
    """Insert `rows` (sorted like `_raw_rows`) into the non-model `table` and verify them there."""
    if rows:
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        target.cursor().executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
    source_digest, target_digest = _Digest(), _Digest()
    for row in rows:
        source_digest.add(row)
    for row in _raw_rows(table, target)[1]:
        target_digest.add(row)
    _verify(table, source_digest, target_digest)
    if progress:
        progress(table, source_digest.rows)
    return TableCopy(table, source_digest.rows, source_digest.sha.hexdigest())


def _verify(table: str, source: _Digest, target: _Digest) -> None:
    if source.rows != target.rows:
        raise TransferFailed(t("Table {table}: {n} rows read but {m} rows stored; nothing was copied.",
                               table=table, n=source.rows, m=target.rows))
    if source.sha.digest() != target.sha.digest():
        raise TransferFailed(t("Table {table}: the copied rows differ from the original; nothing was copied.",
                               table=table))


# --------------------------------------------------------------------------- restore of a logical export

#: How long a restore waits for other workstations' transactions on the desk's tables.
LOCK_TIMEOUT = "60s"


def _not_a_backup(source: Path) -> DatabaseProblem:
    return DatabaseProblem(t("{path} is not a Service Desk backup.", path=source))


def _damaged(source: Path, line: int) -> DatabaseProblem:
    return DatabaseProblem(t("The backup {path} is damaged (line {line}); nothing was restored.",
                             path=source, line=line))


def _export_tables(source: Path):
    """(table, columns, rows) of each table of the logical export `source`, rows as decoded JSON lists.

    The header line is checked by `check_export`; a damaged line is a DatabaseProblem.
    """
    table: str | None = None
    columns: list[str] = []
    rows: list[list] = []
    try:
        with source.open("r", encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if number == 1:
                    continue
                try:
                    item = json.loads(line)
                except ValueError as exc:
                    raise _damaged(source, number) from exc
                if isinstance(item, dict):
                    if not isinstance(item.get("table"), str) or not isinstance(item.get("columns"), list) \
                            or not item["columns"]:
                        raise _damaged(source, number)
                    if table is not None:
                        yield table, columns, rows
                    table, columns, rows = item["table"], item["columns"], []
                elif isinstance(item, list) and table is not None and len(item) == len(columns):
                    rows.append(item)
                else:
                    raise _damaged(source, number)
    except UnicodeDecodeError as exc:
        raise _not_a_backup(source) from exc
    if table is not None:
        yield table, columns, rows


def read_export_header(source: Path) -> dict:
    """The header of the logical export `source`, or DatabaseProblem when it is not one."""
    try:
        with source.open("r", encoding="utf-8") as lines:
            header = json.loads(lines.readline())
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise _not_a_backup(source) from exc
    if not isinstance(header, dict) or header.get("format") != postgres.EXPORT_FORMAT \
            or not isinstance(header.get("schema_version"), int):
        raise _not_a_backup(source)
    return header


def check_export(source: Path, models, version: int) -> None:
    """Refuse a logical export that is damaged, foreign or of another schema version, before anything changes."""
    header = read_export_header(source)
    if header["schema_version"] != version:
        raise DatabaseProblem(t(
            "The backup {path} has schema version {found} but this database has version {current}; "
            "it cannot be restored here.", path=source, found=header["schema_version"], current=version))
    by_table = {m._meta.table_name: m for m in models}
    seen: set[str] = set()
    for table, columns, _rows in _export_tables(source):
        if table in seen or (table not in by_table and table not in postgres.EXTRA_TABLES):
            raise _not_a_backup(source)
        if table in by_table:
            expected = {f.column_name for f in by_table[table]._meta.sorted_fields}
            if set(columns) != expected or len(columns) != len(expected):
                raise _not_a_backup(source)
        seen.add(table)
    if not set(by_table) <= seen:
        raise _not_a_backup(source)


def _decode(field, value: object) -> object:
    """A value of the export as the database gives it back (so both sides' checksums agree)."""
    from peewee import DateField, DateTimeField, DecimalField, TimeField

    if value is None:
        return None
    if isinstance(value, dict) and "$base64" in value:
        return base64.b64decode(value["$base64"])
    if isinstance(value, str):
        if isinstance(field, DateTimeField):
            return datetime.fromisoformat(value)
        if isinstance(field, DateField):
            return date.fromisoformat(value)
        if isinstance(field, TimeField):
            return time.fromisoformat(value)
        if isinstance(field, DecimalField):
            return Decimal(value)
    return value


def _export_model_rows(model: type[Model], columns: list[str], rows: list[list], source: Path):
    fields = model._meta.sorted_fields
    pk = model._meta.primary_key
    try:
        decoded = [tuple(_decode(f, v[columns.index(f.column_name)]) for f in fields) for v in rows]
    except (ValueError, TypeError) as exc:
        raise DatabaseProblem(t("The backup {path} has a bad value in table {table}; nothing was restored.",
                                path=source, table=model._meta.table_name)) from exc
    at = fields.index(pk)
    if pk.field_type == "AUTO":
        decoded.sort(key=lambda r: r[at])
    else:  # like _model_rows
        decoded.sort(key=lambda r: str(r[at]))
    return fields, decoded


def load_export(target: Database, source: Path, models,
                progress: Callable[[str, int], None] | None = None) -> list[TableCopy]:
    """Replace every desk table of the PostgreSQL `target` with the rows of the logical export `source`.

    One transaction: the tables are locked (ACCESS EXCLUSIVE: other workstations wait), emptied
    (TRUNCATE … RESTART IDENTITY CASCADE), loaded and verified table by table (row count and
    checksum, as migrate-db does), the sequences moved past the ids — or, on any error, rolled back.
    `check_export` has been passed.
    """
    by_table = {m._meta.table_name: m for m in models}
    existing = set(target.get_tables())
    tables = [name for name in postgres.table_names(models) if name in existing]
    names = ", ".join(f'"{name}"' for name in tables)
    copied: list[TableCopy] = []
    with target.atomic():
        target.execute_sql(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
        target.execute_sql(f"LOCK TABLE {names} IN ACCESS EXCLUSIVE MODE")
        target.execute_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        for table, columns, rows in _export_tables(source):
            model = by_table.get(table)
            if model is not None:
                fields, decoded = _export_model_rows(model, columns, rows, source)
                copied.append(_copy_rows(model, fields, decoded, target, progress))
            else:
                raw = sorted((tuple(r) for r in rows), key=lambda r: tuple(str(v) for v in r))
                copied.append(_copy_raw_rows(table, columns, raw, target, progress))
        postgres.fix_sequences(target, models)
    return copied
