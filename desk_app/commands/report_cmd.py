"""`desk-app report KIND --period P -o FILE.pdf`: generate a report as a stored draft and write its PDF;
`desk-app report submit|review|approve|reject|publish NUMBER`: one step of its approval (R37, R44);
`desk-app report list [--json]`.

KIND is monthly-service | monthly-evaluation | quarterly-satisfaction | annual-survey | meeting-agenda;
P is 2026-10 for the monthly kinds and the fault analysis meeting agenda, 2026-Q3 for the quarterly
report and 2026 for the annual one. A malformed period, or one of the wrong shape for KIND, is a
usage error (exit 2).

Generating acts as `--user`, else the first active manager (the lowest user id holding the manager
role), or failing that the first active administrator. The report language follows `--lang` (else the
system locale). The PDF is written atomically; the draft (version = previous highest + 1) is stored.

A step acts on the newest version of NUMBER (or `--report-version N`) as `--user` (default: the
first administrator). Review and approval sign the file and need the signer's password: one line on
stdin with `--password-stdin`, else typed on a terminal without echo. `-o` writes the PDF afterwards.
"""

import argparse
import sys

from peewee import SqliteDatabase

from desk_app.commands.acting import acting_user
from desk_app.commands.output import print_json, table
from desk_app.commands.secrets import read_existing_password
from desk_app.errors import ValidationError
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


STEPS = ("submit", "review", "approve", "reject", "publish")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=KINDS + STEPS + ("list",), metavar="KIND|STEP|list",
                        help=" | ".join(KINDS) + "; or a step: " + " | ".join(STEPS) + " NUMBER; or list")
    parser.add_argument("number", nargs="?", metavar="NUMBER", help="the report number of a step, e.g. FW-2026-10")
    parser.add_argument("--period", type=period_arg, metavar="P",
                        help="2026-10 (monthly), 2026-Q3 (quarterly) or 2026 (annual)")
    parser.add_argument("-o", "--output", metavar="FILE.pdf", help="where to write the PDF")
    parser.add_argument("--user", metavar="U", help="act as this user")
    parser.add_argument("--comment", default="", metavar="TEXT", help="the comment of a step (required to reject)")
    parser.add_argument("--report-version", type=int, metavar="N", help="the version of NUMBER (default: newest)")
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the signer's password from the first line of standard input")
    parser.add_argument("--json", action="store_true", help="list: print one JSON document")
    parser.set_defaults(report_parser=parser)


def run(args: argparse.Namespace, db: SqliteDatabase) -> int:
    if args.kind == "list":
        return _list(args)
    if args.kind in STEPS:
        return _step(args)
    return _generate(args)


def _generate(args: argparse.Namespace) -> int:
    from desk_app.services import report_periods, reports

    if not args.period or not args.output:
        args.report_parser.error(f"{args.kind} needs --period P and -o FILE.pdf")  # exits with 2
    wanted = report_periods.PERIOD_SHAPE[args.kind]
    if report_periods.period_shape_of(args.period) != wanted:
        args.report_parser.error(f"{args.kind} needs a period like {report_periods.PERIOD_EXAMPLE[wanted]}, "
                                 f"not {args.period!r}")  # exits with 2
    actor = acting_user(args.user, (Role.MANAGER, Role.ADMIN))
    row = reports.generate(actor, args.kind, args.period, current_language())
    path = reports.save_pdf(row.id, args.output)
    print(t("Report {number} version {version} ({state}) written to {path}", number=row.number,
            version=row.report_version, state=reports.state_label(row.state), path=str(path)))
    print(f"sha256 {row.sha256}", file=sys.stdout)
    return 0


def _find(number: str, version: int | None):
    from desk_app.services import reports

    rows = reports.history(number.strip())
    if not rows:
        raise ValidationError(t("There is no report numbered {number}.", number=number), field="NUMBER")
    if version is None:
        return rows[-1]
    for row in rows:
        if row.report_version == version:
            return row
    raise ValidationError(t("Report {number} has no version {version}.", number=number, version=version),
                          field="--report-version")


def _step(args: argparse.Namespace) -> int:
    from desk_app.services import reports

    if not args.number:
        args.report_parser.error(f"{args.kind} needs the report NUMBER")  # exits with 2
    row = _find(args.number, args.report_version)
    actor = acting_user(args.user, (Role.ADMIN,))
    if args.kind in ("review", "approve"):
        password = read_existing_password(args, t("Password of {name} (to sign)", name=actor.username))
        step = reports.review if args.kind == "review" else reports.approve
        row = step(actor, row.id, row.version, password, args.comment)
    elif args.kind == "reject":
        row = reports.reject(actor, row.id, row.version, args.comment)
    else:
        row = (reports.submit if args.kind == "submit" else reports.publish)(actor, row.id, row.version)
    print(t("Report {number} version {version} is {state}.", number=row.number, version=row.report_version,
            state=reports.state_label(row.state)))
    if args.output:
        path = reports.save_pdf(row.id, args.output)
        print(t("Written to {path}", path=str(path)))
        print(f"sha256 {row.sha256}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from desk_app.services import reports

    rows = reports.list_reports()

    def when(value) -> str:
        return value.isoformat(sep=" ") if value else ""

    if args.json:
        print_json([{"number": r.number, "report_version": r.report_version, "kind": r.kind, "period": r.period,
                     "title": r.title, "state": r.state, "drafter": r.drafter, "reviewer": r.reviewer,
                     "approver": r.approver, "created_at": when(r.created_at), "reviewed_at": when(r.reviewed_at),
                     "approved_at": when(r.approved_at), "published_at": when(r.published_at),
                     "sha256": r.sha256} for r in rows])
        return 0
    print(table([t("Number"), t("Version"), t("Title"), t("State"), t("Drafted by"), t("Reviewed by"),
                 t("Approved by")],
                [[r.number, str(r.report_version), r.title, reports.state_label(r.state), r.drafter, r.reviewer,
                  r.approver] for r in rows]))
    return 0
