"""`desk-app demo`: fill an empty database with realistic demo data (see desk_app.demo)."""

import argparse
from datetime import date

from peewee import SqliteDatabase

NAME = "demo"
HELP = "fill an empty database with realistic demo data"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tickets", type=int, default=600, help="number of tickets (default 600)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
    parser.add_argument("--until", type=date.fromisoformat, default=None,
                        help="last day of the demo period, YYYY-MM-DD (default today)")


def run(args: argparse.Namespace, db: SqliteDatabase) -> int:
    raise NotImplementedError("demo data: being written")
