"""`desk-app migrate-db --from FILE --to postgresql://…`: move a desk from its SQLite file to PostgreSQL.

The target must be an empty database. Every table is copied, counted and checksummed in one
transaction (desk_app.store.transfer): the target gets the whole desk or nothing.
"""

import argparse
import sys
from pathlib import Path

from desk_app.i18n import t
from desk_app.store import postgres

NAME = "migrate-db"
HELP = "copy a desk's SQLite file into an empty PostgreSQL database (verified by row counts and checksums)"
#: This command opens its own two databases, not the one of --db.
OPENS_DATABASE = False


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="source", type=Path, required=True, metavar="FILE",
                        help="the SQLite database file to copy")
    parser.add_argument("--to", dest="target", required=True, metavar="URL",
                        help="an empty PostgreSQL database, postgresql://user:password@host:port/dbname")


def run(args: argparse.Namespace, db: object = None) -> int:
    from desk_app.services.opening import backup_before_migration
    from desk_app.store.transfer import copy_database

    def progress(table: str, rows: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{table}: {rows}", end="", file=sys.stderr, flush=True)

    copied = copy_database(args.source, args.target, progress=progress,
                           before_migrate=backup_before_migration())
    if sys.stderr.isatty():
        print(file=sys.stderr)
    width = max(len(c.table) for c in copied)
    for c in copied:
        print(f"{c.table:<{width}}  {c.rows:>8}  sha256:{c.checksum[:16]}")
    print(t("Copied {n} rows in {tables} tables from {source} to {target}; counts and checksums verified.",
            n=sum(c.rows for c in copied), tables=len(copied), source=args.source,
            target=postgres.redact(postgres.normalise_url(args.target))))
    return 0
