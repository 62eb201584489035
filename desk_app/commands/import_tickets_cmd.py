"""`desk-app import-tickets FILE.xlsx [--user U]`: import a ticket ledger workbook, all or nothing (R34, R41)."""

import argparse
import sys
from pathlib import Path

from peewee import SqliteDatabase

from desk_app.commands.acting import acting_user
from desk_app.i18n import t
from desk_app.models.enums import Role

NAME = "import-tickets"
HELP = "import a ticket ledger workbook (每日故障统计工作簿); all or nothing"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the ledger workbook (.xlsx)")
    parser.add_argument("--user", metavar="U",
                        help="user name of the importing user (default: the first administrator)")


def run(args: argparse.Namespace, db: SqliteDatabase) -> int:
    from desk_app.services.ledger import import_ledger

    actor = acting_user(args.user, (Role.ADMIN,))
    result = import_ledger(actor, args.file)
    for warning in result.warnings:
        print(t("warning: {text}", text=warning), file=sys.stderr)
    print(t("Imported {n} tickets from {file}.", n=result.count, file=args.file.name))
    for label, names in ((t("New technicians"), result.created_technicians), (t("New teams"), result.created_teams),
                         (t("New customer units"), result.created_units)):
        if names:
            print(f"{label}: {', '.join(names)}")
    return 0
