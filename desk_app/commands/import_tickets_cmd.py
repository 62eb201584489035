"""`desk-app import-tickets FILE.xlsx [--user U]`: import a ticket ledger workbook, all or nothing (R34, R41)."""

import argparse
import sys
from pathlib import Path

from peewee import SqliteDatabase

from desk_app.i18n import t
from desk_app.models import User
from desk_app.models.enums import Role
from desk_app.services.auth import Actor
from desk_app.services.errors import ValidationError

NAME = "import-tickets"
HELP = "import a ticket ledger workbook (每日故障统计工作簿); all or nothing"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the ledger workbook (.xlsx)")
    parser.add_argument("--user", metavar="U",
                        help="user name of the importing user (default: the first administrator)")


def acting_user(username: str | None) -> Actor:
    """The --user account, or the first active administrator."""
    if username:
        user = User.get_or_none(User.username == username.strip())
        if user is None or not user.active:
            raise ValidationError(t("There is no active user named {name}.", name=username), field="user")
        return Actor.from_user(user)
    user = (User.select().where(User.roles.contains(Role.ADMIN.value), User.active == True)  # noqa: E712
            .order_by(User.id).first())
    if user is None:
        raise ValidationError(t("There is no administrator yet; create one first or pass --user."), field="user")
    return Actor.from_user(user)


def run(args: argparse.Namespace, db: SqliteDatabase) -> int:
    from desk_app.services.ledger import import_ledger

    actor = acting_user(args.user)
    result = import_ledger(actor, args.file)
    for warning in result.warnings:
        print(t("warning: {text}", text=warning), file=sys.stderr)
    print(t("Imported {n} tickets from {file}.", n=result.count, file=args.file.name))
    for label, names in ((t("New technicians"), result.created_technicians), (t("New teams"), result.created_teams),
                         (t("New customer units"), result.created_units)):
        if names:
            print(f"{label}: {', '.join(names)}")
    return 0
