"""`desk-app user add|list|passwd|roles|disable|enable|certify|import-key`: accounts from the command line
(R45, R48).

The same service functions as the Admin dialog (validation, permission checks, audit): the acting
user (`--user`, default the first administrator) needs the administrator role. Roles are given as
ids or labels in either language (`manager,quality`, `管理人员，质量控制`); teams by name.

`certify` issues the signing certificates that are pending (users added without an administrator's
password at hand) with the acting administrator's password; `import-key USER FILE.p12` replaces a
user's signing key by their own PKCS#12 (a desk with its own PKI): stdin's first line is the user's
password, the second the file's passphrase.
"""

import argparse

from peewee import Database

from desk_app.commands.acting import acting_user
from desk_app.commands.lookups import find_team, find_user, parse_roles
from desk_app.commands.output import print_json, table
from desk_app.commands.secrets import add_password_option, read_existing_password, read_password
from desk_app.i18n import label, t
from desk_app.models.enums import Role

NAME = "user"
HELP = "add, list and change user accounts (R48)"

ROLE_HELP = "ROLE[,ROLE]: " + ", ".join(r.value for r in Role) + " (or their labels, English or Chinese)"


def _acting_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", metavar="U", help="act as this administrator (default: the first one)")


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="add a user", description="add a user (a person with or without a login)")
    add.add_argument("username", metavar="USER", help="user name: 2–40 letters, digits, '.', '_' or '-'")
    add.add_argument("--full-name", required=True, metavar="NAME")
    add.add_argument("--role", required=True, metavar="ROLE[,ROLE]", help=ROLE_HELP)
    add.add_argument("--team", metavar="TEAM", help="the team's name")
    add.add_argument("--email", default="", metavar="E")
    add.add_argument("--phone", default="", metavar="P")
    add.add_argument("--title", default="", metavar="T", help="job title")
    add.add_argument("--no-login", action="store_true",
                     help="staff without a login (e.g. a technician who never uses the program): no password")
    add_password_option(add, "the new user's")
    _acting_option(add)

    listing = sub.add_parser("list", help="list the users", description="list the users (no password hashes)")
    listing.add_argument("--json", action="store_true", help="print one JSON document")

    passwd = sub.add_parser("passwd", help="set a user's password", description="set a user's password "
                            "(it also gives a user without a login one)")
    passwd.add_argument("username", metavar="USER")
    add_password_option(passwd, "the new")
    _acting_option(passwd)

    roles = sub.add_parser("roles", help="replace a user's roles", description="replace a user's roles")
    roles.add_argument("username", metavar="USER")
    roles.add_argument("roles", metavar="ROLE[,ROLE]", help=ROLE_HELP)
    _acting_option(roles)

    for action, text in (("disable", "disable a user (they can no longer log in; their records stay)"),
                         ("enable", "enable a disabled user again")):
        p = sub.add_parser(action, help=text, description=text)
        p.add_argument("username", metavar="USER")
        _acting_option(p)


    certify = sub.add_parser("certify", help="issue the pending signing certificates",
                             description="issue the pending signing certificates (R45) with your password")
    certify.add_argument("--password-stdin", action="store_true", help="read your password from standard input")
    _acting_option(certify)
    imp = sub.add_parser("import-key", help="use a user's own PKCS#12 signing key",
                         description="replace a user's signing key by their own PKCS#12 file (R45)")
    imp.add_argument("username", metavar="USER")
    imp.add_argument("file", metavar="FILE.p12")
    imp.add_argument("--password-stdin", action="store_true",
                     help="read the user's password, then the file's passphrase, from standard input")
    _acting_option(imp)


def run(args: argparse.Namespace, db: Database) -> int:
    if args.action == "list":
        return _list(args)
    actor = acting_user(args.user, (Role.ADMIN,))
    from desk_app.services import signing_keys, users
    from desk_app.services.validation import read_file

    if args.action == "certify":
        n = signing_keys.certify_pending(actor, read_existing_password(args, t("Your password")))
        print(t("{n} signing certificates issued.", n=n))
        return 0
    if args.action == "import-key":
        user = find_user(args.username)
        data = read_file(args.file, "FILE.p12")
        password = read_existing_password(args, t("Password of {name}", name=user.username))
        passphrase = read_existing_password(args, t("Passphrase of {path}", path=args.file))
        key = signing_keys.import_pkcs12(actor, user.id, data, passphrase, password)
        print(t("{username} now signs with the imported certificate {fingerprint}.", username=user.username,
                fingerprint=key.fingerprint))
        return 0

    if args.action == "add":
        roles = parse_roles(args.role)
        team_id = find_team(args.team).id if args.team else None
        users.validate_username(args.username)
        password = None if args.no_login else read_password(args, t("Password of {name}", name=args.username))
        row = users.create_user(actor, args.username, args.full_name, roles, password, team_id=team_id,
                                phone=args.phone, email=args.email, title=args.title)
        print(t("Added {username} ({name}): {roles}.", username=row.username, name=row.full_name,
                roles=_role_names(row.roles)))
        return 0
    user = find_user(args.username)
    if args.action == "passwd":
        users.set_password(actor, user.id, read_password(args, t("New password of {name}", name=user.username)))
        print(t("The password of {username} is set.", username=user.username))
        return 0
    fields = {"full_name": user.full_name, "roles": list(user.role_set()), "team_id": user.team_id,
              "phone": user.phone, "email": user.email, "title": user.title, "active": user.active}
    if args.action == "roles":
        fields["roles"] = parse_roles(args.roles, "ROLE[,ROLE]")
    else:
        fields["active"] = args.action == "enable"
    row = users.update_user(actor, user.id, user.version, **fields)
    if args.action == "roles":
        print(t("{username} now holds: {roles}.", username=row.username, roles=_role_names(row.roles)))
    else:
        print(t("{username} is enabled.", username=row.username) if row.active
              else t("{username} is disabled.", username=row.username))
    return 0


def _role_names(roles: tuple[str, ...] | list[str]) -> str:
    order = [r.value for r in Role]
    return ", ".join(label(r) for r in sorted(roles, key=order.index))


def _list(args: argparse.Namespace) -> int:
    from desk_app.services import signing_keys
    from desk_app.services.users import list_users

    rows = sorted(list_users(), key=lambda r: r.username)
    if args.json:
        print_json([{"username": r.username, "full_name": r.full_name, "roles": list(r.roles), "team": r.team_name,
                     "email": r.email, "phone": r.phone, "title": r.title, "can_login": r.can_login,
                     "active": r.active, "signing": signing_keys.signer_status(r.id)} for r in rows])
        return 0
    yes, no = t("yes"), t("no")
    print(table([t("User name"), t("Full name"), t("Roles"), t("Team"), t("Email"), t("Phone"), t("Login"),
                 t("Active")],
                [[r.username, r.full_name, _role_names(r.roles), r.team_name, r.email, r.phone,
                  yes if r.can_login else no, yes if r.active else no] for r in rows]))
    return 0
