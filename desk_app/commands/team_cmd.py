"""`desk-app team add NAME [--lead USER]`, `team list [--json]`: repair teams (R49).

`--lead` makes that user the team's lead in the same transaction: they join the team and gain the
team lead role (工长), as the Admin dialog would record it in two steps.
"""

import argparse

from peewee import Database

from desk_app.commands.acting import acting_user
from desk_app.commands.lookups import find_user
from desk_app.commands.output import print_json, table
from desk_app.i18n import t
from desk_app.models.enums import Role

NAME = "team"
HELP = "add and list the repair teams (R49)"


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="add a team", description="add a repair team")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--lead", metavar="USER", help="the team lead (joins the team, gains the team lead role)")
    add.add_argument("--description", default="", metavar="TEXT")
    add.add_argument("--user", metavar="U", help="act as this administrator (default: the first one)")
    listing = sub.add_parser("list", help="list the teams", description="list the teams with their leads")
    listing.add_argument("--json", action="store_true", help="print one JSON document")


def run(args: argparse.Namespace, db: Database) -> int:
    from desk_app.services import users

    if args.action == "list":
        return _list(args, users.list_teams())
    actor = acting_user(args.user, (Role.ADMIN,))
    lead = find_user(args.lead, "--lead") if args.lead else None
    with db.atomic():
        team = users.save_team(actor, args.name, args.description)
        if lead is not None:
            users.update_user(actor, lead.id, lead.version, lead.full_name, sorted(lead.role_set() | {Role.TEAM_LEAD}),
                              team_id=team.id, phone=lead.phone, email=lead.email, title=lead.title,
                              active=lead.active)
    if lead is not None:
        print(t("Added the team {team}, led by {name}.", team=team.name, name=lead.full_name))
    else:
        print(t("Added the team {team}.", team=team.name))
    return 0


def _list(args: argparse.Namespace, teams: list) -> int:
    from desk_app.services.users import team_leads

    leads = team_leads()
    if args.json:
        print_json([{"name": tm.name, "leads": leads.get(tm.id, []), "members": tm.members, "active": tm.active,
                     "description": tm.description} for tm in teams])
        return 0
    yes, no = t("yes"), t("no")
    print(table([t("Team"), t("Team lead"), t("Members"), t("Active")],
                [[tm.name, ", ".join(leads.get(tm.id, [])), str(tm.members), yes if tm.active else no]
                 for tm in teams]))
    return 0


