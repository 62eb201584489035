"""Run every benchmarks/bench_*.py module: `python -m benchmarks [--db PATH] [--tickets N] [--only NAME]`.

Each module's `run(db_path) -> list[dict]` returns its measurements; every one is printed as a JSON line.
"""

import argparse
import importlib
import json
import pkgutil
import sys
from pathlib import Path

from benchmarks.data import DEFAULT_DB, ensure_database


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"benchmark database (default {DEFAULT_DB})")
    parser.add_argument("--tickets", type=int, default=100_000, help="tickets when the database is created")
    parser.add_argument("--only", default="", help="run only bench modules whose name contains this")
    args = parser.parse_args(argv)
    db_path = ensure_database(args.db, args.tickets)
    package = Path(__file__).resolve().parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(package)]) if m.name.startswith("bench_"))
    for name in names:
        if args.only and args.only not in name:
            continue
        module = importlib.import_module(f"benchmarks.{name}")
        for measurement in module.run(db_path):
            print(json.dumps({"module": name, **measurement}, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
