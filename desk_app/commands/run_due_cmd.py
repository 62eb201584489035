"""`desk-app run-due [--at ISO-TIME] [--json]`: every job whose time has come, each once for its period (R54).

Meant for cron or the Windows Task Scheduler (README). The jobs act as `--user`, else the first active
manager. Exit 0 when every due job ran (or had run before), 1 when one failed (named on stderr; the
others still ran).
"""

import argparse
import sys
from datetime import datetime

from peewee import Database

from desk_app.commands.acting import acting_user
from desk_app.commands.output import print_json
from desk_app.i18n import N_, t
from desk_app.models.enums import Role

NAME = "run-due"
HELP = "run the jobs that are due (callback plan, reminders, report drafts, mail), each once (R54)"


def at_arg(text: str) -> datetime:
    """argparse type: an ISO date-time (2026-12-07T08:00 or with a space); exit 2 otherwise."""
    try:
        return datetime.fromisoformat(text.strip()).replace(tzinfo=None, microsecond=0)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date-time (e.g. 2026-12-07T08:00): {text!r}") from None


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--at", type=at_arg, metavar="ISO-TIME", help="run as at this time (default: now)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--user", metavar="U", help="act as this user (default: the first manager)")


_SHOWN = {"ran": N_("ran"), "done_before": N_("done before"), "not_due": N_("not due"), "failed": N_("FAILED"),
          "busy": N_("busy"), "skipped": N_("skipped")}


#: What the summaries' keys are called in the printed lines (`--json` keeps the keys).
_KEYS = {"plan_date": N_("plan date"), "callbacks": N_("callbacks"), "new_plan": N_("new plan"),
         "mailed": N_("mailed"), "no_address": N_("no address"), "reminded": N_("reminded"),
         "meeting": N_("meeting"), "open_forms": N_("open forms"), "without_team_lead": N_("without team lead"),
         "due_complaints": N_("complaints due"), "period": N_("period"), "drafted": N_("drafted"),
         "existing": N_("made before"), "sent": N_("sent"), "retrying": N_("to retry"), "failed": N_("failed"),
         "waiting": N_("waiting"), "queued": N_("queued")}


def run(args: argparse.Namespace, db: Database) -> int:
    from desk_app.services.due_jobs import run_due

    actor = acting_user(args.user, (Role.MANAGER, Role.ADMIN))
    at = args.at or datetime.now().replace(microsecond=0)
    outcomes = run_due(actor, at)
    if args.json:
        print_json({"at": at.isoformat(sep=" "), "jobs": [o.as_json() for o in outcomes]})
    else:
        for o in outcomes:
            period = f" [{o.period}]" if o.period else ""
            details = ", ".join(f"{t(_KEYS.get(k, k))}: {_text(v)}" for k, v in o.summary.items())
            print(f"{o.job}{period}: {t(_SHOWN[o.status])}" + (f" — {details}" if details and o.status == "ran"
                                                                else ""))
            if o.error:
                print(f"  {o.error}")
    failed = [o for o in outcomes if o.status == "failed"]
    for o in failed:
        print(f"desk-app run-due: {o.job}: {o.error}", file=sys.stderr)
    return 1 if failed else 0


def _text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "—"
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    return str(value)
