"""The command line (SPEC §11): the GUI when no sub-command is given, else one job."""

import argparse
import os
import sys

from desk_app import __version__
from desk_app.errors import DeskError
from desk_app.i18n import resolve_language, set_language
from desk_app.store import precheck
from desk_app.store.paths import is_db_url, resolve_db_path


def build_parser() -> argparse.ArgumentParser:
    from desk_app.commands import COMMANDS

    parser = argparse.ArgumentParser(prog="desk-app", description="Service Desk (服务台)")
    parser.add_argument("--db", metavar="PATH|URL",
                        help="database file (default: the user data directory) or a postgresql:// URL")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="language of the interface and reports")
    parser.add_argument("--version", action="version", version=f"desk-app {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation on a temporary database (demo, report and form PDFs, fonts, "
                             "signing, main window offscreen) and exit: 0 when all is well, 1 naming the failing step")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub.add_parser(command.NAME, help=command.HELP, description=command.HELP))
    return parser


def _start_gui_check(argv: list[str] | None) -> None:
    """For the GUI (no sub-command), start the database file's quick_check now, beside the imports."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--db")
    early.add_argument("--lang")
    known, rest = early.parse_known_args(argv)
    if rest:  # a sub-command, --help, --version or a usage error: the full parser decides
        return
    db_path = resolve_db_path(known.db)
    if not is_db_url(db_path):
        precheck.start(db_path)  # waited for before the database is opened


def main(argv: list[str] | None = None) -> int:
    """Entry point of `desk-app` and `python -m desk_app`. Returns the exit status."""
    _start_gui_check(argv)
    parser = build_parser()
    args = parser.parse_args(argv)  # exits with 2 on a usage error
    if args.self_test:
        from desk_app.self_test import run_self_test

        set_language(resolve_language(args.lang))
        return run_self_test()
    db_path = resolve_db_path(args.db)
    if args.command is None:
        from desk_app.ui.app import run_gui

        return run_gui(db_path, args.lang)
    set_language(resolve_language(args.lang))
    from desk_app.commands import COMMANDS
    from desk_app.services.opening import open_desk
    from desk_app.store.connection import close_database

    command = next(c for c in COMMANDS if args.command == c.NAME)
    if not getattr(command, "OPENS_DATABASE", True):
        try:
            return command.run(args, None)
        except DeskError as exc:
            print(f"desk-app {args.command}: {exc}", file=sys.stderr)
            return 1
    try:
        db = open_desk(db_path)
    except DeskError as exc:
        print(f"desk-app: {exc}", file=sys.stderr)
        return 1
    try:
        return command.run(args, db)
    except DeskError as exc:
        print(f"desk-app {args.command}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into e.g. `head`, which closed early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        close_database(db)
