"""A person's password on the command line: one line on stdin (`--password-stdin`), or typed twice.

Never an option value: a password in argv would be in the shell history and in `ps` for anyone.
"""

import argparse
import getpass
import sys

from desk_app.errors import ValidationError
from desk_app.i18n import t


def add_password_option(parser: argparse.ArgumentParser, whose: str) -> None:
    parser.add_argument("--password-stdin", action="store_true",
                        help=f"read {whose} password from the first line of standard input "
                             "(without it, a terminal prompts twice)")


def _from_stdin() -> str:
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise ValidationError(t("--password-stdin: standard input holds no password (an empty first line)."),
                              field="--password-stdin")
    return password


def read_existing_password(args: argparse.Namespace, prompt: str) -> str:
    """A password someone already has (to sign, to unlock): stdin's next line, or typed once without echo."""
    if args.password_stdin:
        return _from_stdin()
    if not sys.stdin.isatty():
        raise ValidationError(t("No password given: pass --password-stdin and the password on standard input, "
                                "or run the command on a terminal to type it."), field="--password-stdin")
    password = getpass.getpass(f"{prompt}: ")
    if not password:
        raise ValidationError(t("No password typed; nothing was changed."), field="--password-stdin")
    return password


def read_password(args: argparse.Namespace, prompt: str) -> str:
    """A new password: stdin's next line, or typed twice on a terminal; never empty."""
    password = read_existing_password(args, prompt)
    if not args.password_stdin and getpass.getpass(t("{prompt} (again)", prompt=prompt) + ": ") != password:
        raise ValidationError(t("The two passwords differ; nothing was changed."), field="--password-stdin")
    return password
