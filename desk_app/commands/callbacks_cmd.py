"""`desk-app callbacks plan --date YYYY-MM-DD`: sample and assign the day's callbacks, print the worklist.

The plan is made as `--user U` or, by default, as the first active manager (by id), else the
first active dispatcher: planning needs the PLAN_CALLBACKS permission, which a pure
administrator does not have (the first administrator of a database is also a manager).
Planning a date that is already planned prints the stored plan.
"""

import argparse
from datetime import date

from peewee import SqliteDatabase

from desk_app.commands.acting import acting_user
from desk_app.commands.output import table
from desk_app.i18n import label, t
from desk_app.models.enums import Role

NAME = "callbacks"
HELP = "plan the day's phone callbacks (sample closed tickets, assign callers) and print the worklist"


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from exc


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    plan = sub.add_parser("plan", help="sample and assign the callbacks of a working day",
                          description="sample and assign the callbacks of a working day")
    plan.add_argument("--date", type=iso_date, required=True, metavar="YYYY-MM-DD",
                      help="the working day the calls are made (samples the previous working day's closings)")
    plan.add_argument("--user", metavar="U", help="plan as this user (default: the first active manager, "
                                                 "else dispatcher)")


def run(args: argparse.Namespace, db: SqliteDatabase) -> int:
    from desk_app.services.sampling import plan_callbacks, reason_label

    actor = acting_user(args.user, (Role.MANAGER, Role.DISPATCHER))
    result = plan_callbacks(actor, args.date)
    heading = t("Callback plan {day} (tickets closed {first} to {last}), callbacks: {n}",
                day=result.plan_date.isoformat(), first=result.closed_from.isoformat(),
                last=result.closed_to.isoformat(), n=len(result.callbacks))
    if not result.created:
        heading += " " + t("(planned before; the stored plan is shown)")
    print(heading)
    if result.callbacks:
        rows = [[c.caller_name, label(c.caller_kind), c.ticket_number, c.technician_name, c.reporter_name,
                 c.reporter_phone, f"{c.due_at:%Y-%m-%d %H:%M}"] for c in result.callbacks]
        print(table([t("Caller"), t("Kind"), t("Ticket"), t("Technician"), t("Reporter"), t("Phone"), t("Due")],
                    rows))
    counts = result.skipped_counts
    reasons = ", ".join(f"{reason_label(r)}: {n}" for r, n in counts.items())
    print(t("Skipped: {n}", n=sum(counts.values())) + (f" ({reasons})" if reasons else ""))
    for s in result.skipped:
        print(f"  {s.number}: {reason_label(s.reason)}" + (f" — {s.detail}" if s.detail else ""))
    return 0
