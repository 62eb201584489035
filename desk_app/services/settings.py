"""Settings with defaults and validation (R8, R5, R10, R18, R32, R33, R43)."""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from desk_app.errors import ValidationError
from desk_app.i18n import N_, t
from desk_app.models import Setting
from desk_app.models.enums import RATING_ORDER, Priority, Rating
from desk_app.services import audit, mail_templates
from desk_app.services.actor import Actor
from desk_app.services.permissions import Permission, require

Check = Callable[[object], str | None]


def _number(lo: float, hi: float, whole: bool = False) -> Check:
    def check(value: object) -> str | None:
        kind = int if whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, kind) or not lo <= value <= hi:
            text = (N_("must be a whole number between {lo} and {hi}") if whole
                    else N_("must be a number between {lo} and {hi}"))
            return t(text, lo=lo, hi=hi)
        return None

    return check


def _points(codes: tuple[str, ...]) -> Check:
    def check(value: object) -> str | None:
        if not isinstance(value, dict) or set(value) != set(codes) or not all(
            isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 100 for v in value.values()
        ):
            return t("has the wrong form")
        return None

    return check


def _hours_per_priority(value: object) -> str | None:
    if not isinstance(value, dict) or set(value) != {p.value for p in Priority} or not all(
        isinstance(v, int | float) and not isinstance(v, bool) and 0 < v <= 24 * 365 for v in value.values()
    ):
        return t("has the wrong form")
    return None


def _rating_code(value: object) -> str | None:
    return None if value in {r.value for r in Rating} else t("has the wrong form")


def _weekdays(value: object) -> str | None:
    ok = isinstance(value, list) and all(isinstance(d, int) and 0 <= d <= 6 for d in value)
    return None if ok else t("has the wrong form")


def _dates(value: object) -> str | None:
    ok = isinstance(value, list) and all(isinstance(d, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in value)
    return None if ok else t("has the wrong form")


def _text(max_length: int = 500) -> Check:
    return lambda value: None if isinstance(value, str) and len(value) <= max_length else t("has the wrong form")


def _choice(*options: str) -> Check:
    return lambda value: None if value in options else t("has the wrong form")


def _url(value: object) -> str | None:
    ok = isinstance(value, str) and (value == "" or re.fullmatch(r"https?://[^\s]{3,490}", value) is not None)
    return None if ok else t("has the wrong form")


def _time_of_day(value: object) -> str | None:
    ok = isinstance(value, str) and re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value) is not None
    return None if ok else t("must be a time of day as HH:MM")


def _host(value: object) -> str | None:
    ok = isinstance(value, str) and len(value) <= 253 and not any(c.isspace() for c in value)
    return None if ok else t("has the wrong form")


def _address(optional: bool) -> Check:
    def check(value: object) -> str | None:
        if isinstance(value, str) and ((optional and value == "") or re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+",
                                                                                  value)):
            return None
        return t("must be an e-mail address")

    return check


def _addresses(value: object) -> str | None:
    ok = isinstance(value, list) and all(isinstance(a, str) and _address(False)(a) is None for a in value)
    return None if ok else t("must be a list of e-mail addresses")


def _template(kind: str) -> Check:
    def check(value: object) -> str | None:
        if not isinstance(value, str) or len(value) > 5000:
            return t("has the wrong form")
        unknown = mail_templates.unknown_placeholders(kind, value)
        if unknown:
            return t("uses {names}, which this message does not have; it has: {offered}",
                     names=", ".join("{" + n + "}" for n in unknown),
                     offered=", ".join("{" + n + "}" for n in mail_templates.KINDS[kind].placeholders))
        return None

    return check


@dataclass(frozen=True)
class SettingSpec:
    default: object
    check: Check
    label: str


THREE_LEVEL = (Rating.SATISFIED.value, Rating.BASIC.value, Rating.DISSATISFIED.value)
FIVE_LEVEL = tuple(r.value for r in RATING_ORDER)

SPECS: dict[str, SettingSpec] = {
    "rating.points3": SettingSpec({"satisfied": 10, "basic": 8, "dissatisfied": 6}, _points(THREE_LEVEL),
                                  "Points of the three-level scale"),
    "rating.points5": SettingSpec(
        {"very_satisfied": 10, "satisfied": 8, "basic": 6, "dissatisfied": 4, "very_dissatisfied": 2},
        _points(FIVE_LEVEL), "Points of the five-level scale"),
    "rating.callback_scale": SettingSpec("three", _choice("three", "five"), "Rating scale of callbacks"),
    "callback.sample_rate": SettingSpec(1.0, _number(0, 1), "Share of closed tickets called back"),
    "callback.dispatcher_share": SettingSpec(0.9, _number(0, 1), "Share of callbacks made by dispatchers"),
    "callback.fatigue_days": SettingSpec(7, _number(0, 365, whole=True), "Days before a customer is called again"),
    "callback.comment_threshold": SettingSpec("dissatisfied", _rating_code,
                                              "Comment required at or below this rating"),
    "callback.complaint_threshold": SettingSpec("very_dissatisfied", _rating_code,
                                                "Complaint opened at or below this rating"),
    "sla.first_response_hours": SettingSpec({"P1": 1, "P2": 1, "P3": 1, "P4": 1}, _hours_per_priority,
                                            "First response due (hours) per priority"),
    "sla.resolution_hours": SettingSpec({"P1": 4, "P2": 8, "P3": 24, "P4": 72}, _hours_per_priority,
                                        "Resolution due (hours) per priority"),
    "meeting.day": SettingSpec(5, _number(1, 28, whole=True), "Day of the month of the fault analysis meeting"),
    "kpi.factor": SettingSpec(0.15, _number(0, 10), "KPI factor per evaluated ticket"),
    "kpi.star_bonus": SettingSpec(0.5, _number(0, 10), "Repair star bonus"),
    "complaint.resolution_days": SettingSpec(5, _number(1, 365, whole=True), "Days to resolve a complaint"),
    "complaint.management_rep": SettingSpec("", _text(200), "Management representative (copied on dispatch)"),
    "calendar.weekend": SettingSpec([5, 6], _weekdays, "Weekend days (0 = Monday)"),
    "calendar.holidays": SettingSpec([], _dates, "Holidays (YYYY-MM-DD)"),
    "backup.keep": SettingSpec(10, _number(1, 1000, whole=True), "Backups kept"),
    "pdf.font_path": SettingSpec("", _text(1000), "CJK font file for PDFs (TrueType)"),
    "ui.language": SettingSpec("", _choice("", "zh_CN", "en"), "Language"),
    "org.name": SettingSpec("信息维修中心", _text(200), "Organisation name on reports"),
    "report.same_reviewer_approver": SettingSpec("no", _choice("no", "yes"),
                                                 "One person may review and approve (single-manager desk)"),
    "signing.timestamp_url": SettingSpec("", _url, "Timestamp authority URL for signatures (PAdES B-T)"),
    "mail.host": SettingSpec("", _host, "Mail server (SMTP) host; empty: no mail is sent"),
    "mail.port": SettingSpec(25, _number(1, 65535, whole=True), "Mail server port"),
    "mail.security": SettingSpec("none", _choice("none", "starttls", "ssl"),
                                 "Connection security (none, starttls, ssl)"),
    "mail.username": SettingSpec("", _text(200), "Mail server user name (empty: no login)"),
    "mail.sender": SettingSpec("", _address(True), "Sender address"),
    "mail.sender_name": SettingSpec("", _text(200), "Sender name (empty: the organisation name)"),
    "mail.reply_to": SettingSpec("", _address(True), "Reply-to address"),
    "mail.timeout": SettingSpec(30, _number(1, 600, whole=True), "Mail server timeout (seconds)"),
    "jobs.daily_time": SettingSpec("07:30", _time_of_day, "Time of day the daily jobs are due (HH:MM)"),
    "jobs.gui_minutes": SettingSpec(0, _number(0, 1440, whole=True),
                                    "Run the due jobs from the open program every … minutes (0: never)"),
    "survey.reminder_days": SettingSpec(7, _number(1, 365, whole=True),
                                        "Days before a questionnaire not returned is reminded"),
    "survey.max_reminders": SettingSpec(2, _number(0, 10, whole=True), "Reminders per questionnaire at most"),
    "revisit.reminder_days": SettingSpec(2, _number(0, 28, whole=True),
                                         "Days before the meeting team leads are reminded of revisit forms"),
    "complaint.reminder_hours": SettingSpec(24, _number(1, 24 * 30, whole=True),
                                            "Hours before a complaint's deadline its handler is reminded"),
    "report.draft_day": SettingSpec(0, _number(0, 28, whole=True),
                                    "Day of the month the last month's report drafts are made (0: never)"),
    "report.mail_to": SettingSpec([], _addresses, "Addresses a published report is mailed to"),
}
_TEMPLATE_LABELS = {"subject": "Mail template: subject", "body": "Mail template: text"}
SPECS.update({key: SettingSpec("", _template(kind), _TEMPLATE_LABELS[part])
              for key, kind, _language, part in mail_templates.template_keys()})


def get(key: str) -> object:
    """The stored value of `key`, or its default."""
    spec = SPECS.get(key)
    if spec is None:
        raise KeyError(key)
    row = Setting.get_or_none(Setting.key == key)
    return json.loads(row.value) if row else spec.default


def get_all() -> dict[str, object]:
    stored = {row.key: json.loads(row.value) for row in Setting.select() if row.key in SPECS}
    return {key: stored.get(key, spec.default) for key, spec in SPECS.items()}


def validate(key: str, value: object) -> None:
    spec = SPECS.get(key)
    problem = t("unknown setting") if spec is None else spec.check(value)
    if problem:
        raise ValidationError(t("Setting {key}: {problem}", key=key, problem=problem), field=key)


def set_many(actor: Actor, values: dict[str, object]) -> None:
    """Validate every value first, then store them all in one transaction with an audit row each."""
    require(actor, Permission.MANAGE_SETTINGS)
    for key, value in values.items():
        validate(key, value)
    with Setting._meta.database.atomic():
        for key, value in values.items():
            before = get(key)
            if before == value:
                continue
            text = json.dumps(value, ensure_ascii=False)
            Setting.insert(key=key, value=text).on_conflict(conflict_target=[Setting.key],
                                                            update={Setting.value: text}).execute()
            audit.record(actor, "setting.change", "setting", before={key: before}, after={key: value},
                         entity_id=key)


def rating_points(scale: str = "three") -> dict[str, int]:
    """Points per rating code on the three- or five-level scale."""
    return dict(get("rating.points3" if scale == "three" else "rating.points5"))
