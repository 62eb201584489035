"""`desk-app init --admin USER --full-name NAME [--org NAME] --password-stdin`: a new desk (R48).

Opening the database creates or migrates the schema; `init` then adds the first administrator
(who is also a manager, as on a small desk) and the organisation name, in one transaction. A
database that already has an administrator is refused with nothing changed.
"""

import argparse

from peewee import Database

from desk_app.commands.secrets import add_password_option, read_password
from desk_app.i18n import t

NAME = "init"
HELP = "set up a new desk: the schema and the first administrator (R48)"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--admin", required=True, metavar="USER", help="user name of the first administrator")
    parser.add_argument("--full-name", required=True, metavar="NAME", help="the administrator's full name")
    parser.add_argument("--org", metavar="NAME", help="the organisation's name, printed on reports "
                                                      "(setting org.name)")
    add_password_option(parser, "the administrator's")


def run(args: argparse.Namespace, db: Database) -> int:
    from desk_app.services import settings
    from desk_app.services.desk_setup import check_new_desk, init_desk

    check_new_desk(args.admin, args.full_name, args.org)  # before asking for a password to throw away
    password = read_password(args, t("Password of {name}", name=args.admin))
    actor = init_desk(args.admin, args.full_name, password, args.org)
    print(t("The desk {org} is set up: {name} ({username}) is its administrator and a manager.",
            org=settings.get("org.name"), name=actor.full_name, username=actor.username))
    print(t("Next: add the staff with `desk-app user add`, the teams with `desk-app team add`, "
            "and look at the settings with `desk-app settings list`."))
    return 0
