"""`desk-app kpi --month YYYY-MM [--json]`: the monthly standings and awards (R32–R33).

The command line acts with full view (no R2 restriction): it is an administrator's tool.
`--json` prints exactly the document of SPEC §11.
"""

import argparse
import json
import re

from peewee import SqliteDatabase

from desk_app.commands.output import table
from desk_app.i18n import t

NAME = "kpi"
HELP = "monthly standings, repair star and winning team (R32–R33)"


def month_arg(text: str) -> str:
    """argparse type: 'YYYY-MM' with a month 01–12 (a usage error, exit 2, otherwise)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", text or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise argparse.ArgumentTypeError(f"not a month YYYY-MM: {text!r}")
    return text


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--month", type=month_arg, required=True, metavar="YYYY-MM", help="the month (closing time)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")


def run(args: argparse.Namespace, db: SqliteDatabase) -> int:
    from desk_app.services.kpi import monthly_standings

    standings = monthly_standings(args.month)
    if args.json:
        print(json.dumps(standings.as_json(), ensure_ascii=False))
        return 0
    print(t("Monthly standings {month}", month=standings.month))
    heads = [t("Evaluated tickets"), t("Points"), t("Dissatisfied"), t("Score")]
    print()
    print(t("Technicians"))
    print(table(["#", t("Name"), t("Team"), *heads],
                [[str(r.rank), r.name, r.team, str(r.evaluated_tickets), str(r.points), str(r.dissatisfied),
                  f"{r.score:.2f}"] for r in standings.technicians]))
    print()
    print(t("Teams"))
    print(table(["#", t("Name"), *heads],
                [[str(r.rank), r.name, str(r.evaluated_tickets), str(r.points), str(r.dissatisfied),
                  f"{r.score:.2f}"] for r in standings.teams]))
    print()
    none = t("(nobody evaluated)")
    print(t("Repair star: {name} (bonus +{bonus})", name=standings.repair_star or none, bonus=standings.star_bonus))
    print(t("Winning team: {name}", name=standings.winning_team or none))
    return 0
