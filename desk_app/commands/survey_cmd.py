"""`desk-app survey export --plan ID -o DIR | --send` and `desk-app survey import PATH…` (R29, R30, R51).

Export writes one workbook per recipient of an approved (or already distributing) plan and
prints the files; with `--send` it queues each workbook as an e-mail to its recipient instead
(delivered by `mail send-queued` or `run-due`), naming the recipients who have no address.
Import takes files and folders of returned workbooks, prints each file's
outcome and exits 0 when every file was accepted, 1 when any was rejected (the accepted ones
are stored; nothing of a rejected one is).

The command acts as `--user U` or, by default, the first active quality controller, else the
first active manager.
"""

import argparse
import sys
from pathlib import Path

from peewee import SqliteDatabase

from desk_app.commands.acting import acting_user
from desk_app.errors import ValidationError
from desk_app.i18n import t
from desk_app.models.enums import Role

NAME = "survey"
HELP = "export questionnaire workbooks of a survey plan, import returned ones (R29, R30)"


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = sub.add_parser("export", help="one workbook per recipient of a plan",
                            description="write one questionnaire workbook per recipient of a survey plan")
    export.add_argument("--plan", required=True, metavar="ID", help="the plan's id or number (e.g. DC-2026-01)")
    where = export.add_mutually_exclusive_group(required=True)
    where.add_argument("-o", "--output", type=Path, metavar="DIR", help="folder for the workbooks")
    where.add_argument("--send", action="store_true", help="mail each workbook to its recipient (queued)")
    export.add_argument("--unsent", action="store_true", help="only recipients who were not sent a workbook yet")
    export.add_argument("--user", metavar="U", help="act as this user")
    imp = sub.add_parser("import", help="import returned workbooks (files or folders)",
                         description="import returned questionnaire workbooks; each file is accepted or rejected")
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="workbook files or folders of them")
    imp.add_argument("--user", metavar="U", help="act as this user")


def run(args: argparse.Namespace, db: SqliteDatabase) -> int:
    from desk_app.services import survey_collection, survey_export, survey_plan_rows, survey_plan_states

    actor = acting_user(args.user, (Role.QUALITY, Role.MANAGER))
    if args.action == "export":
        plan = survey_plan_rows.find_plan(args.plan)
        if args.send:
            return _send(actor, plan.id, args.unsent)
        result = survey_export.export_workbooks(actor, plan.id, args.output, only_unsent=args.unsent)
        for path in result.files:
            print(path)
        print(t("{n} workbooks of survey plan {number} written to {folder}; the plan is {state}.",
                n=len(result.files), number=result.plan_number, folder=result.folder,
                state=survey_plan_states.state_label(result.state)), file=sys.stderr)
        return 0
    outcomes = survey_collection.import_paths(actor, args.paths)
    if not outcomes:
        raise ValidationError(t("No workbook (.xlsx) was found in the paths given."), field="paths")
    for outcome in outcomes:
        print(outcome.text())
    print(survey_collection.summary(outcomes))
    return 0 if all(o.accepted for o in outcomes) else 1


def _send(actor, plan_id: int, only_unsent: bool) -> int:
    from desk_app.services import survey_export, survey_plan_states

    mailed = survey_export.mail_workbooks(actor, plan_id, only_unsent=only_unsent)
    for name in mailed.no_address:
        print(t("No e-mail address: {name} (not sent; export the unsent workbooks with -o DIR --unsent)",
                name=name))
    print(t("{n} workbooks of survey plan {number} queued for mailing; the plan is {state}.", n=mailed.queued,
            number=mailed.plan_number, state=survey_plan_states.state_label(mailed.state)), file=sys.stderr)
    return 0
