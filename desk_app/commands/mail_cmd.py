"""`desk-app mail test TO | outbox [--json] [--status S] | send-queued [--at T] | retry ID | cancel ID | password`.

`test` sends one message at once through the configured server (not through the outbox) and says what the
server answered. `send-queued` delivers the outbox's due messages (as `run-due` does). `password` keeps the
SMTP password in this workstation's keyring, read from stdin with `--password-stdin` or typed without echo;
an empty line removes it. Nothing here ever prints the password.
"""

import argparse
import sys

from peewee import Database

from desk_app.commands.acting import acting_user
from desk_app.commands.output import print_json, table
from desk_app.commands.run_due_cmd import at_arg
from desk_app.commands.secrets import add_password_option, read_existing_password
from desk_app.errors import ValidationError
from desk_app.i18n import t
from desk_app.models.enums import Role

NAME = "mail"
HELP = "send a test message, list and deliver the outbox, keep the SMTP password (R50-R53)"


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    test = sub.add_parser("test", help="send a test message now", description="send a test message to TO at once "
                          "through the configured mail server and print the server's answer")
    test.add_argument("to", metavar="TO", help="the address to send it to")
    listing = sub.add_parser("outbox", help="list the outbox", description="the outbox, newest first")
    listing.add_argument("--json", action="store_true", help="print one JSON document")
    listing.add_argument("--status", metavar="S", help="only messages of this status "
                         "(queued, sending, sent, failed, cancelled, no_address)")
    listing.add_argument("--limit", type=int, default=200, metavar="N", help="at most N messages (default 200)")
    deliver = sub.add_parser("send-queued", help="deliver the queued messages that are due",
                             description="deliver the outbox's due messages, with retries (R52)")
    deliver.add_argument("--at", type=at_arg, metavar="ISO-TIME", help="deliver as at this time (default: now)")
    deliver.add_argument("--json", action="store_true", help="print one JSON document")
    for action, about in (("retry", "queue a failed or cancelled message again"),
                          ("cancel", "stop a queued or failed message")):
        one = sub.add_parser(action, help=about, description=about)
        one.add_argument("id", type=int, metavar="ID", help="the message's id (see `mail outbox`)")
        one.add_argument("--user", metavar="U", help="act as this administrator")
    secret = sub.add_parser("password", help="keep the SMTP password in this workstation's keyring",
                            description="keep the SMTP password of mail.username in the system keyring "
                                        "(an empty line removes it)")
    add_password_option(secret, "the SMTP")
    secret.add_argument("--user", metavar="U", help="act as this administrator")


def run(args: argparse.Namespace, db: Database) -> int:
    from desk_app.services import outbox

    if args.action == "outbox":
        rows = outbox.list_messages(args.status, limit=max(args.limit, 1))
        if args.json:
            print_json({"counts": outbox.counts(), "messages": [r.as_json() for r in rows]})
            return 0
        print(table([t("No."), t("Created"), t("Status"), t("Attempts"), t("To"), t("Subject"), t("Answer")],
                    [[str(r.id), f"{r.created_at:%Y-%m-%d %H:%M}", r.status_label, str(r.attempts),
                      r.recipient or r.recipient_name, r.subject[:60], r.last_answer[:60]] for r in rows]))
        return 0
    if args.action == "test":
        return _test(args.to)
    if args.action == "send-queued":
        return _send_queued(args)
    actor = acting_user(args.user, (Role.ADMIN,))
    if args.action == "password":
        return _password(args, actor)
    changed = (outbox.retry if args.action == "retry" else outbox.cancel)(actor, args.id)
    print(t("Message {id} is {status}.", id=changed.id, status=changed.status_label))
    return 0


def _test(to: str) -> int:
    from desk_app.services.mail_settings import send_test

    try:
        print(send_test(to).splitlines()[0])
    except ValidationError as exc:
        raise ValidationError(str(exc), field="TO") from exc
    return 0


def _send_queued(args: argparse.Namespace) -> int:
    from desk_app.services.mail_delivery import deliver_due

    report = deliver_due(args.at)
    if args.json:
        print_json(report.as_json())
    else:
        print(t("{sent} sent, {retrying} to retry, {failed} failed, {waiting} waiting.", **report.as_json()))
    return 1 if report.failed else 0


def _password(args: argparse.Namespace, actor) -> int:
    from desk_app.services.mail_settings import set_password

    # an empty line on stdin removes the password; a terminal must type one
    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else \
        read_existing_password(args, t("SMTP password"))
    set_password(actor, password)
    print(t("The SMTP password is kept in the keyring.") if password else t("The SMTP password was removed."))
    return 0
