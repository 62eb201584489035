"""`desk-app report KIND --period P -o FILE.pdf`: generate a report as a stored draft and write its PDF.

KIND is monthly-service | monthly-evaluation | quarterly-satisfaction | annual-survey | meeting-agenda;
P is 2026-10 for the monthly kinds and the fault analysis meeting agenda, 2026-Q3 for the quarterly
report and 2026 for the annual one. A malformed period, or one of the wrong shape for KIND, is a
usage error (exit 2).

The command line acts as the first active manager (the lowest user id holding the manager role),
or failing that the first active administrator: it is an administrator's tool for scheduled jobs.
The report language follows `--lang` (else the system locale). The PDF is written atomically; the
draft (version = previous highest + 1) is stored in the database and goes through approval in the GUI.
"""

import argparse
import sys

from peewee import SqliteDatabase

from desk_app.commands.acting import acting_user
from desk_app.i18n import current_language, t
from desk_app.models.enums import Role

NAME = "report"
HELP = "generate a report (stored as a draft) and write its PDF (R35-R37)"
KINDS = ("monthly-service", "monthly-evaluation", "quarterly-satisfaction", "annual-survey", "meeting-agenda")


def period_arg(text: str) -> str:
    """argparse type: a well-formed period (YYYY-MM, YYYY-Qn or YYYY); exit 2 otherwise."""
    from desk_app.services.report_periods import period_shape_of

    if period_shape_of(text) is None:
        raise argparse.ArgumentTypeError(f"not a period YYYY-MM, YYYY-Qn or YYYY: {text!r}")
    return text.strip().upper()


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=KINDS, metavar="KIND", help=" | ".join(KINDS))
    parser.add_argument("--period", type=period_arg, required=True, metavar="P",
                        help="2026-10 (monthly), 2026-Q3 (quarterly) or 2026 (annual)")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="where to write the PDF")
    parser.set_defaults(report_parser=parser)


def run(args: argparse.Namespace, db: SqliteDatabase) -> int:
    from desk_app.services import report_periods, reports

    wanted = report_periods.PERIOD_SHAPE[args.kind]
    if report_periods.period_shape_of(args.period) != wanted:
        args.report_parser.error(f"{args.kind} needs a period like {report_periods.PERIOD_EXAMPLE[wanted]}, "
                                 f"not {args.period!r}")  # exits with 2
    actor = acting_user(None, (Role.MANAGER, Role.ADMIN))
    row = reports.generate(actor, args.kind, args.period, current_language())
    path = reports.save_pdf(row.id, args.output)
    print(t("Report {number} version {version} ({state}) written to {path}", number=row.number,
            version=row.report_version, state=reports.state_label(row.state), path=str(path)))
    print(f"sha256 {row.sha256}", file=sys.stdout)
    return 0
