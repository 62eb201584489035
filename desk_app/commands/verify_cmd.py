"""`desk-app verify FILE.pdf [--trust CERT.pem] [--json]`: is this a genuine approved report (R46)?

Prints `valid` or `invalid` with the report number and version, one line per digital signature
(signer, role, time, intact, trusted) and what is wrong; exit 0 only when every signature is valid
and trusted, the approver's is among them, nothing changed after the last one and, where this
database knows the report, the file is its approved version on record. `--trust` adds the desk
certificate of a machine without its database (`desk-app export-certificate`).
"""

import argparse

from peewee import SqliteDatabase

from desk_app.commands.output import print_json

NAME = "verify"
HELP = "check a PDF's digital signatures and its record (R46)"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.pdf", help="the PDF to check")
    parser.add_argument("--trust", action="append", default=[], metavar="CERT.pem",
                        help="a desk certificate to trust (may be given more than once)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")


def run(args: argparse.Namespace, db: SqliteDatabase) -> int:
    from desk_app.services import report_verify

    trust = [report_verify.read_pem(p) for p in args.trust]
    check = report_verify.check_signed_file(args.file, trust)
    if args.json:
        print_json(check.as_json())
        return 0 if check.ok else 1
    record = check.record
    parts = ["valid" if check.ok else "invalid", record.status]
    if record.number:
        parts.append(record.number)
    if record.report_version is not None:
        parts.append(f"v{record.report_version}")
    print(" ".join(parts))
    for line in check.lines():
        print(line)
    return 0 if check.ok else 1
