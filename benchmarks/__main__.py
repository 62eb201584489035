"""Run every benchmarks/bench_*.py module: `python -m benchmarks [--db PATH] [--tickets N] [--only NAME]`.

Each module's `run(db_path) -> list[dict]` returns its measurements; every one is printed as a JSON line
with `db_tickets` (the tickets in the benchmark database, so runs at two scales can be compared) and
must say what its baseline is (`baseline_kind`). `--tickets 1000000` uses (and first builds)
.bench/tickets-1000k.sqlite.
"""

import argparse
import importlib
import json
import pkgutil
import sqlite3
import sys
from pathlib import Path

from benchmarks.data import DEFAULT_TICKETS, default_db, ensure_database


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--db", type=Path, default=None,
                        help="benchmark database (default .bench/tickets-<N/1000>k.sqlite)")
    parser.add_argument("--tickets", type=int, default=DEFAULT_TICKETS, help="tickets when the database is created")
    parser.add_argument("--only", default="", help="run only bench modules whose name contains this")
    args = parser.parse_args(argv)
    db_path = ensure_database(args.db or default_db(args.tickets), args.tickets)
    con = sqlite3.connect(db_path)
    db_tickets = con.execute("SELECT count(*) FROM ticket").fetchone()[0]
    con.close()
    package = Path(__file__).resolve().parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(package)]) if m.name.startswith("bench_"))
    for name in names:
        if args.only and args.only not in name:
            continue
        module = importlib.import_module(f"benchmarks.{name}")
        for measurement in module.run(db_path):
            if "baseline_kind" not in measurement:
                raise AssertionError(f"{name}: {measurement.get('name')} does not say what its baseline is")
            print(json.dumps({"module": name, **measurement, "db_tickets": db_tickets}, ensure_ascii=False),
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
