"""Language choice and the one translation catalogue of everything a user reads.

Source strings are English. The catalogue of a language is a gettext file,
resources/translations/<language>/LC_MESSAGES/desk_app.mo, compiled from the .po a translator edits
(`make translations`). Services, reports, the CLI and mail translate with `t()` / `translate()`; the Qt
widgets read the same catalogue through `desk_app.ui.translator` (their texts carry the Qt context as
msgctxt). Texts that are translated later, from a variable, are marked where they are written with `N_()`.
"""

import functools
import gettext
import locale
import os

from desk_app import RESOURCES

CATALOGUES = RESOURCES / "translations"
DOMAIN = "desk_app"

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


DIMENSION_CONTEXT = "survey dimension"


class _NotFound(gettext.NullTranslations):
    """The last fallback of a catalogue: None for a text it lacks, so a caller can tell "missing" apart."""

    def gettext(self, message: str) -> None:  # type: ignore[override]
        return None

    def pgettext(self, context: str, message: str) -> None:  # type: ignore[override]
        return None

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> None:  # type: ignore[override]
        return None

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> None:  # type: ignore[override]
        return None


@functools.cache
def catalogue(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of `language` (an empty one for English, the source language)."""
    if language not in SUPPORTED or language == "en":
        found: gettext.NullTranslations = gettext.NullTranslations()
    else:
        found = gettext.translation(DOMAIN, CATALOGUES, [language])
    found.add_fallback(_NotFound())
    return found


def lookup(language: str, context: str | None, text: str, n: int | None = None) -> str | None:
    """The translation of `text` in `context` (None: no msgctxt), or None when the catalogue has none."""
    found = catalogue(language)
    if context is None:
        return found.gettext(text) if n is None else found.ngettext(text, text, n)
    return found.pgettext(context, text) if n is None else found.npgettext(context, text, text, n)


def translate(language: str | None, text: str, /, context: str | None = None, **values: object) -> str:
    """Translate `text` into `language` (None: the current one) and fill in `{name}` placeholders.

    Reports use it to print in their own language without switching the application's. A `context`
    tells apart one English text that has two translations (gettext's msgctxt); a text the context lacks
    falls back to the plain one.
    """
    language = language or _language
    found = (lookup(language, context, text) if context else None) or lookup(language, None, text)
    text = found or text
    return text.format(**values) if values else text


def N_(text: str, /, context: str | None = None) -> str:
    """Mark `text` for the catalogue where it is written; it is translated later, when shown."""
    return text


def t(text: str, /, **values: object) -> str:
    """Translate `text` into the current language and fill in `{name}` placeholders."""
    return translate(None, text, **values)


def label(code: str, language: str | None = None) -> str:
    """The display name of an enumeration code (a state, a role, a rating …)."""
    return translate(language, CODE_LABELS.get(code, code))


#: English names of the survey dimensions (R27); apart from CODE_LABELS because "quality" is also a role.
#: Translated in the context DIMENSION_CONTEXT: "Service attitude" is also the technician's (R14).
DIMENSION_LABELS: dict[str, str] = {
    "overall": N_("Overall evaluation of the team", context=DIMENSION_CONTEXT),
    "quality": N_("Service quality", context=DIMENSION_CONTEXT),
    "process": N_("Process operation", context=DIMENSION_CONTEXT),
    "technical": N_("Professional and technical ability", context=DIMENSION_CONTEXT),
    "response": N_("Timely response", context=DIMENSION_CONTEXT),
    "resolution": N_("Timely resolution", context=DIMENSION_CONTEXT),
    "attitude": N_("Service attitude", context=DIMENSION_CONTEXT),
    "communication": N_("Communication", context=DIMENSION_CONTEXT),
}


#: English display names of finding levels and problem types (R30b); apart from CODE_LABELS because the
#: problem types share their codes with the dimensions.
FINDING_LEVEL_LABELS: dict[str, str] = {"general": N_("General"), "serious": N_("Serious"),
                                        "critical": N_("Critical")}
FINDING_TYPE_LABELS: dict[str, str] = {"response": N_("Response"), "attitude": N_("Attitude"),
                                       "technical": N_("Technical ability"), "resolution": N_("Problem resolution"),
                                       "communication": N_("Communication"), "other": N_("Other problem")}


#: English display names of the codes in `desk_app.models.enums`; `label()` translates them.
CODE_LABELS: dict[str, str] = {
    "agent": N_("Service desk agent"),
    "technician": N_("Technician L2"),
    "team_lead": N_("Team lead"),
    "dispatcher": N_("Dispatcher"),
    "manager": N_("Manager"),
    "quality": N_("Quality controller"),
    "admin": N_("Administrator"),
    "hotline": N_("Hotline"),
    "email": N_("Email"),
    "walk_in": N_("Walk-in"),
    "self_service": N_("Self-service"),
    "new": N_("New"),
    "assigned": N_("Assigned"),
    "in_progress": N_("In progress"),
    "escalated_l2": N_("Escalated (L2)"),
    "escalated_vendor": N_("Escalated (vendor)"),
    "resolved": N_("Resolved"),
    "closed": N_("Closed"),
    "very_satisfied": N_("Very satisfied"),
    "satisfied": N_("Satisfied"),
    "basic": N_("Basically satisfied"),
    "dissatisfied": N_("Dissatisfied"),
    "very_dissatisfied": N_("Very dissatisfied"),
    "normal": N_("Normal"),
    "important": N_("Important"),
    "core": N_("Core"),
    "phone": N_("Phone"),
    "callback": N_("Callback"),
    "survey": N_("Survey"),
    "recorded": N_("Recorded"),
    "accepted": N_("Accepted"),
    "invalid": N_("Invalid"),
    "form": N_("Record form"),
    "dispatched": N_("Dispatched"),
    "verified": N_("Verified"),
    "proposed": N_("Proposed"),
    "agreed": N_("Agreed"),
    "done": N_("Done"),
    "confirmed": N_("Confirmed"),
    "reopened": N_("Reopened"),
    "successful": N_("Successful"),
    "unsuccessful": N_("Unsuccessful"),
    "withdrawn": N_("Withdrawn"),
    "revisit": N_("Revisit form"),
    "complaint": N_("Complaint"),
    "meeting": N_("Fault analysis meeting"),
    "other": N_("Other"),
    "self": N_("Team lead self-evaluation"),
    "close": N_("Close"),
    "escalate": N_("Escalated"),
    "note": N_("Note"),
    "open": N_("Open"),
    "submitted": N_("Submitted"),
    "discussed": N_("Discussed at the meeting"),
}
