"""`desk-app backup [-o FILE]`: copy the database with the online backup API."""

import argparse
from pathlib import Path

from peewee import SqliteDatabase

from desk_app import backup
from desk_app.services import settings

NAME = "backup"
HELP = "back up the database (into the rotation folder, or to -o FILE)"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", type=Path, help="write the backup to this file")


def run(args: argparse.Namespace, db: SqliteDatabase) -> int:
    path = backup.backup_database(db, Path(db.database), output=args.output, keep=int(settings.get("backup.keep")))
    print(path)
    return 0
