"""What each kind of message says (R50, R51): built-in texts in the catalogue, an administrator's own per language.

A template is a subject and a body with `{name}` placeholders. The built-in ones are English texts translated
through the catalogue into the recipient's language; an administrator replaces one with the settings
`mail.template.<kind>.<language>.subject` / `.body` (Admin dialog, `settings set`). Only the placeholders the
kind offers may be used, so a typo is refused when the template is saved, not when a message is due.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from desk_app.i18n import N_, translate

LANGUAGES = ("zh_CN", "en")


@dataclass(frozen=True)
class MailKind:
    code: str
    label: str  # what the Admin dialog and `mail outbox` call it
    subject: str
    body: str
    placeholders: tuple[str, ...]


_COMMON = ("name", "org")

KINDS: dict[str, MailKind] = {kind.code: kind for kind in (
    MailKind("survey.questionnaire", N_("Satisfaction questionnaire"),
             N_("{org}: satisfaction questionnaire {plan}"),
             N_("Dear {name},\n\nplease fill in the attached satisfaction questionnaire of {org} ({plan}) "
                "and send it back by {due}.\n\nThank you.\n{org}"),
             _COMMON + ("plan", "unit", "due")),
    MailKind("survey.reminder", N_("Questionnaire reminder"),
             N_("{org}: reminder, satisfaction questionnaire {plan}"),
             N_("Dear {name},\n\nwe sent you the satisfaction questionnaire {plan} on {sent}. We have not "
                "received it yet; please send it back by {due}. The questionnaire is attached again.\n\n"
                "Thank you.\n{org}"),
             _COMMON + ("plan", "unit", "sent", "due")),
    MailKind("complaint.dispatched", N_("Complaint dispatched"),
             N_("Complaint {number} dispatched to you"),
             N_("Dear {name},\n\ncomplaint {number} has been dispatched to you ({department}).\n\n"
                "Received at: {received}\nComplainant: {complainant}\nCustomer unit: {unit}\n"
                "Related ticket: {ticket}\nDue: {due}\n\n{description}\n\n"
                "Please record the handling measures.\n{org}"),
             _COMMON + ("number", "department", "received", "complainant", "unit", "ticket", "due",
                        "description")),
    MailKind("complaint.confirm", N_("Complaint fix: customer asked to confirm"),
             N_("{org}: please confirm the handling of your complaint {number}"),
             N_("Dear {name},\n\nyour complaint {number} has been handled:\n\n{measures}\n\n"
                "Please tell us whether the problem is solved (reply to this message or call the service "
                "desk).\n\nThank you.\n{org}"),
             _COMMON + ("number", "measures")),
    MailKind("complaint.deadline", N_("Complaint deadline reminder"),
             N_("Complaint {number}: deadline {due}"),
             N_("Dear {name},\n\ncomplaint {number} ({complainant}, {unit}) has the deadline {due} and is not "
                "closed yet. Its state: {state}.\n\n{org}"),
             _COMMON + ("number", "complainant", "unit", "due", "state")),
    MailKind("revisit.due", N_("Revisit forms due"),
             N_("{count} revisit forms are due before the meeting on {meeting}"),
             N_("Dear {name},\n\nthese revisit forms of your team are not submitted yet; the fault analysis "
                "meeting is on {meeting}:\n\n{forms}\n\n{org}"),
             _COMMON + ("count", "meeting", "forms")),
    MailKind("callback.worklist", N_("Callback worklist"),
             N_("Your callbacks for {date}: {count}"),
             N_("Dear {name},\n\nyour callbacks for {date}:\n\n{callbacks}\n\n{org}"),
             _COMMON + ("date", "count", "callbacks")),
    MailKind("report.published", N_("Report published"),
             N_("{org}: {title} ({number})"),
             N_("Dear {name},\n\n{title} ({number}, version {version}) has been approved and published. "
                "The signed file is attached.\n\n{org}"),
             _COMMON + ("title", "number", "version")),
)}


def setting_key(kind: str, language: str, part: str) -> str:
    return f"mail.template.{kind}.{language}.{part}"


def template_keys() -> list[tuple[str, str, str, str]]:
    """(setting key, kind, language, part) of every template an administrator may set."""
    return [(setting_key(kind, language, part), kind, language, part)
            for kind in KINDS for language in LANGUAGES for part in ("subject", "body")]


def unknown_placeholders(kind: str, text: str) -> list[str]:
    """The `{names}` in `text` the kind does not offer (or a malformed brace, as "{")."""
    try:
        names = [field for _, field, _, _ in string.Formatter().parse(text) if field is not None]
    except ValueError:
        return ["{"]
    offered = set(KINDS[kind].placeholders)
    return sorted({name for name in names if name not in offered})


def default_text(kind: str, language: str, part: str) -> str:
    spec = KINDS[kind]
    return translate(language, spec.subject if part == "subject" else spec.body)


def render(kind: str, language: str, values: dict[str, object], custom: dict[str, str]) -> tuple[str, str]:
    """(subject, body) of a `kind` message in `language`; `custom` holds the administrator's texts by
    setting key ("" or missing: the built-in text). A subject is one line whatever was filled in."""
    language = language if language in LANGUAGES else LANGUAGES[0]
    filled = {name: "" for name in KINDS[kind].placeholders} | {k: str(v) for k, v in values.items()}
    parts = []
    for part in ("subject", "body"):
        text = custom.get(setting_key(kind, language, part)) or default_text(kind, language, part)
        parts.append(text.format_map(filled))
    subject = " ".join(parts[0].split())
    return subject, parts[1]
