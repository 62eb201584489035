"""`desk-app export-certificate -o CERT.pem`: the desk's certificate, for `verify --trust` elsewhere (R46)."""

import argparse

from peewee import SqliteDatabase

from desk_app.i18n import t

NAME = "export-certificate"
HELP = "write the desk's signing certificate (PEM) for verifying reports elsewhere (R46)"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", required=True, metavar="CERT.pem", help="where to write the certificate")


def run(args: argparse.Namespace, db: SqliteDatabase) -> int:
    from desk_app.reports.builder import write_atomic
    from desk_app.services import signing_keys

    path = write_atomic(args.output, signing_keys.authority_pem())
    ca = signing_keys.authority()
    print(t("The desk certificate ({fingerprint}) is written to {path}", fingerprint=ca.fingerprint, path=str(path)))
    return 0
