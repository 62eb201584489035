"""`desk-app backup [-o FILE]`: copy the database (SQLite online backup; pg_dump or a logical export)."""

import argparse
from pathlib import Path

from peewee import Database

from desk_app.services import settings
from desk_app.store import backup, postgres

NAME = "backup"
HELP = "back up the database (into the rotation folder, or to -o FILE)"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", type=Path, help="write the backup to this file")


def run(args: argparse.Namespace, db: Database) -> int:
    target = db.database if postgres.is_postgres(db) else Path(db.database)
    path = backup.backup_database(db, target, output=args.output, keep=int(settings.get("backup.keep")))
    print(path)
    return 0
