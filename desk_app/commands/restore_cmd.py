"""`desk-app restore FILE`: replace the database with a backup (the current one is backed up first)."""

import argparse
from pathlib import Path

from peewee import Database

from desk_app.services.opening import open_desk
from desk_app.store import backup, postgres
from desk_app.store.connection import close_database

NAME = "restore"
HELP = "replace the database with a backup file (the current one is backed up first)"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="a backup made by `desk-app backup`")


def run(args: argparse.Namespace, db: Database) -> int:
    db_path = db.database if postgres.is_postgres(db) else Path(db.database)
    shown = postgres.redact(db_path) if postgres.is_postgres(db) else db_path
    close_database(db)
    saved = backup.restore_database(args.file, db_path)
    close_database(open_desk(db_path))  # migrates a restored older schema
    if saved:
        print(f"previous database saved as {saved}")
    print(f"restored {args.file} into {shown}")
    return 0
