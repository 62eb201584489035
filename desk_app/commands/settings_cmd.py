"""`desk-app settings list [--json] | get KEY | set KEY VALUE`: the Admin dialog's settings (R49).

Keys are the stable dotted names of `services.settings.SPECS` (`org.name`, `callback.sample_rate`);
a setting that holds one value per priority or rating is also reached entry by entry
(`sla.resolution_hours.P1`, `rating.points3.basic`). VALUE is read as the setting's type: text as
typed, numbers, lists as `5,6` or JSON, whole objects as JSON. Every value passes the same check as
in the dialog before anything is stored, and a change is audited.
"""

import argparse
import json

from peewee import Database

from desk_app.commands.acting import acting_user
from desk_app.commands.output import print_json, table
from desk_app.errors import ValidationError
from desk_app.i18n import t, translate
from desk_app.models.enums import Role

NAME = "settings"
HELP = "list, show and change the desk's settings by dotted key (R49)"

LABEL_CONTEXT = "SettingsLabels"  # the Admin dialog's translations of the labels


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="every setting with its value", description="every setting, its value "
                             "and what it means; entries of per-priority and per-rating settings one by one")
    listing.add_argument("--json", action="store_true", help="print one JSON document: key → value")
    get = sub.add_parser("get", help="print one setting's value", description="print one setting's value")
    get.add_argument("key", metavar="KEY")
    put = sub.add_parser("set", help="change one setting", description="change one setting (checked first)")
    put.add_argument("key", metavar="KEY")
    put.add_argument("value", metavar="VALUE")
    put.add_argument("--user", metavar="U", help="act as this administrator (default: the first one)")


def split_key(key: str) -> tuple[str, str | None]:
    """(the setting's key, the entry inside it or None); a ValidationError names an unknown key."""
    from desk_app.services.settings import SPECS

    if key in SPECS:
        return key, None
    base, _, entry = key.rpartition(".")
    spec = SPECS.get(base)
    if spec is not None and isinstance(spec.default, dict) and entry in spec.default:
        return base, entry
    raise ValidationError(t("Unknown setting {key}; `desk-app settings list` shows the keys.", key=key),
                          field="KEY")


def parse_value(text: str, like: object) -> object:
    """VALUE as the type of `like` (the setting's default); left as text when it does not read, so the
    setting's own check names the problem."""
    if isinstance(like, str):
        return text
    stripped = text.strip()
    if isinstance(like, dict | list) and stripped[:1] in "[{" and stripped:
        try:
            return json.loads(stripped)
        except ValueError:
            return text
    if isinstance(like, list):
        items = [part.strip() for part in stripped.split(",") if part.strip()]
        return [int(i) if i.lstrip("-").isdigit() else i for i in items]
    for kind in (int, float):
        try:
            return kind(stripped)
        except ValueError:
            continue
    return text


def shown(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def run(args: argparse.Namespace, db: Database) -> int:
    from desk_app.services import settings

    if args.action == "list":
        values = settings.get_all()
        if args.json:
            print_json(values)
            return 0
        rows = []
        for key, value in values.items():
            about = translate(None, settings.SPECS[key].label, context=LABEL_CONTEXT)
            if isinstance(value, dict):
                rows += [[f"{key}.{entry}", shown(v), f"{about} ({entry})"] for entry, v in value.items()]
            else:
                rows.append([key, shown(value), about])
        print(table([t("Key"), t("Value"), t("Setting")], rows))
        return 0
    key, entry = split_key(args.key)
    current = settings.get(key)
    if args.action == "get":
        print(shown(current[entry] if entry is not None else current))
        return 0
    actor = acting_user(args.user, (Role.ADMIN,))
    if entry is None:
        value = parse_value(args.value, settings.SPECS[key].default)
    else:
        value = {**current, entry: parse_value(args.value, settings.SPECS[key].default[entry])}
    settings.validate(key, value)
    settings.set_many(actor, {key: value})
    stored = settings.get(key)
    print(t("{key} = {value}", key=args.key, value=shown(stored[entry] if entry is not None else stored)))
    return 0
