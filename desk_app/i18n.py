"""Language choice and the one translation table for text made outside Qt (services, reports, CLI).

Source strings are English; `t()` returns the Simplified Chinese text when the language is zh_CN.
The Qt UI uses `tr()` and the .qm files under resources/translations/ instead.
"""

import locale
import os

from desk_app.i18n_zh import ZH

SUPPORTED = ("zh_CN", "en")
_language = "en"


def system_language() -> str:
    """zh_CN when the system locale is Chinese, else en."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    loc = locale.getlocale()[0] or ""
    return "zh_CN" if loc.lower().startswith("zh") else "en"


def resolve_language(requested: str | None) -> str:
    """The language to use: the requested one if supported, otherwise the system's."""
    if requested in SUPPORTED:
        return requested
    return system_language()


def set_language(language: str) -> None:
    global _language
    _language = language if language in SUPPORTED else "en"


def current_language() -> str:
    return _language


def translate(language: str | None, text: str, /, **values: object) -> str:
    """Translate `text` into `language` (None: the current one) and fill in `{name}` placeholders.

    Reports use it to print in their own language without switching the application's.
    """
    if (language or _language) == "zh_CN":
        text = ZH.get(text, text)
    return text.format(**values) if values else text


def t(text: str, /, **values: object) -> str:
    """Translate `text` into the current language and fill in `{name}` placeholders."""
    return translate(None, text, **values)


def label(code: str, language: str | None = None) -> str:
    """The display name of an enumeration code (a state, a role, a rating …)."""
    return translate(language, CODE_LABELS.get(code, code))


#: English display names of the codes in `desk_app.models.enums`; `t()` gives the Chinese.
CODE_LABELS: dict[str, str] = {
    "agent": "Service desk agent",
    "technician": "Technician L2",
    "team_lead": "Team lead",
    "dispatcher": "Dispatcher",
    "manager": "Manager",
    "quality": "Quality controller",
    "admin": "Administrator",
    "hotline": "Hotline",
    "email": "Email",
    "walk_in": "Walk-in",
    "self_service": "Self-service",
    "new": "New",
    "assigned": "Assigned",
    "in_progress": "In progress",
    "escalated_l2": "Escalated (L2)",
    "escalated_vendor": "Escalated (vendor)",
    "resolved": "Resolved",
    "closed": "Closed",
    "very_satisfied": "Very satisfied",
    "satisfied": "Satisfied",
    "basic": "Basically satisfied",
    "dissatisfied": "Dissatisfied",
    "very_dissatisfied": "Very dissatisfied",
    "normal": "Normal",
    "important": "Important",
    "core": "Core",
    "phone": "Phone",
    "callback": "Callback",
    "survey": "Survey",
    "recorded": "Recorded",
    "accepted": "Accepted",
    "invalid": "Invalid",
    "form": "Record form",
    "dispatched": "Dispatched",
    "verified": "Verified",
    "proposed": "Proposed",
    "agreed": "Agreed",
    "done": "Done",
    "confirmed": "Confirmed",
    "reopened": "Reopened",
    "successful": "Successful",
    "unsuccessful": "Unsuccessful",
    "withdrawn": "Withdrawn",
    "revisit": "Revisit form",
    "complaint": "Complaint",
    "meeting": "Fault analysis meeting",
    "other": "Other",
    "self": "Team lead self-evaluation",
    "close": "Close",
    "escalate": "Escalated",
    "note": "Note",
    "open": "Open",
    "submitted": "Submitted",
    "discussed": "Discussed at the meeting",
}
