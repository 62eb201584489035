"""`desk-app verify FILE.pdf`: is this the approved report on record (R37)?

Prints the status word (genuine, modified, unapproved or unknown) with the report number, version
and approver, then a sentence; exit 0 when genuine, 1 otherwise.
"""

import argparse

from peewee import SqliteDatabase

NAME = "verify"
HELP = "check a PDF file against the approved reports on record (R37)"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.pdf", help="the PDF to check")


def run(args: argparse.Namespace, db: SqliteDatabase) -> int:
    from desk_app.services import report_verify

    result = report_verify.verify_file(args.file)
    parts = [result.status]
    if result.number:
        parts.append(result.number)
    if result.report_version is not None:
        parts.append(f"v{result.report_version}")
    if result.approver:
        parts.append(result.approver)
    if result.approved_at:
        parts.append(f"{result.approved_at:%Y-%m-%d %H:%M}")
    print(" ".join(parts))
    print(result.message())
    return 0 if result.genuine else 1
