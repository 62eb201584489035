"""`desk-app demo`: fill an empty database with realistic demo data (see desk_app.demo)."""

import argparse
import sys
from datetime import date

from peewee import SqliteDatabase

from desk_app.i18n import t

NAME = "demo"
HELP = "fill an empty database with realistic demo data"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tickets", type=int, default=600, help="number of tickets (default 600)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
    parser.add_argument("--until", type=date.fromisoformat, default=None,
                        help="last day of the demo period, YYYY-MM-DD (default today)")


def _tty_progress() -> object:
    """A percentage on stderr, redrawn in place, when stderr is a terminal; else nothing."""
    if not sys.stderr.isatty():
        return None
    shown = -1

    def progress(done: int, total: int) -> None:
        nonlocal shown
        percent = done * 100 // max(total, 1)
        if percent != shown:
            shown = percent
            print(f"\r{percent:3d} %", end="" if percent < 100 else "\n", file=sys.stderr, flush=True)

    return progress


def run(args: argparse.Namespace, db: SqliteDatabase) -> int:
    from desk_app.demo import load_demo

    result = load_demo(until=args.until, tickets=args.tickets, seed=args.seed, progress=_tty_progress())
    print(t("Demo data loaded: {n} tickets up to {until}.", n=result.tickets, until=result.until.isoformat()))
    print(t("Demo users (user name, password, role):"))
    width = max(len(u) for u, _, _ in result.users)
    for username, password, role in result.users:
        print(f"  {username:<{width}}  {password:<10}  {role}")
    return 0
