"""Copy a desk's SQLite file into an empty PostgreSQL database, whole or not at all (`desk-app migrate-db`).

Every table is copied in dependency order (ALL_MODELS) with its ids, the serial sequences are moved
past the highest id, and each table is verified by its row count and a checksum (sha256 of its rows
in primary-key order, each value normalised: times as ISO text, booleans, blobs as hex) computed on
both sides. All of it is one transaction on the target: a failed check rolls everything back.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from peewee import Database, Model

from desk_app import postgres
from desk_app.i18n import t
from desk_app.services.errors import DatabaseProblem, DeskError

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


def copy_database(source: Path | str, url: str, progress: Callable[[str, int], None] | None = None
                  ) -> list[TableCopy]:
    """Copy the SQLite desk `source` into the empty PostgreSQL database at `url`; returns what was copied.

    The source is opened (and migrated, after a backup) like the application does; the target gets
    the same schema version.
    """
    from desk_app.db import close_database, create_schema, open_database, schema_version
    from desk_app.models import ALL_MODELS

    if postgres.is_url(source) or not Path(source).is_file():
        raise DatabaseProblem(t("{path} is not a Service Desk database.", path=source))
    if not postgres.is_url(url):
        raise DatabaseProblem(t("The target must be a postgresql:// URL, not {path}.", path=url))
    url = postgres.normalise_url(url)
    src = open_database(source)
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
    table = model._meta.table_name
    fields, rows = _model_rows(model, src)
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
