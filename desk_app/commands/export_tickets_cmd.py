"""`desk-app export-tickets --month YYYY-MM -o FILE.xlsx`: write the month's ticket ledger workbook (R34)."""

import argparse
import re
from pathlib import Path

from peewee import SqliteDatabase

from desk_app.i18n import t

NAME = "export-tickets"
HELP = "export a month's ticket ledger workbook (每日故障统计工作簿)"


def month(value: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        raise argparse.ArgumentTypeError(f"not a month (YYYY-MM): {value!r}")
    return value


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--month", type=month, required=True, help="the month, YYYY-MM")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the workbook to write (.xlsx)")


def run(args: argparse.Namespace, db: SqliteDatabase) -> int:
    from desk_app.services.ledger import export_ledger

    count = export_ledger(args.month, args.output)
    print(t("Exported {n} tickets to {file}.", n=count, file=args.output))
    return 0
