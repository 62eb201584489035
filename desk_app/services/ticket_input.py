"""The ticket form (`TicketInput`) and its checks: what a new or edited ticket may hold.

Recording, editing and the transitions all clean their input here, so a field is refused
with the same message whichever step it comes through.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from desk_app.errors import ValidationError
from desk_app.i18n import t
from desk_app.models import CustomerUnit, Team, User, now
from desk_app.models.base import LONG_TEXT
from desk_app.models.enums import Channel, Priority
from desk_app.services.validation import clean_datetime, clean_text

#: How far in the future a reported time may be (workstation clocks differ a little).
CLOCK_SKEW = timedelta(minutes=5)

#: English names of the stored ticket fields (translated with t()), for the work log.
FIELD_LABELS: dict[str, str] = {
    "channel": "Channel", "reported_at": "Reported at", "reporter_name": "Reporter", "reporter_phone": "Reporter phone",
    "reporter_location": "Reporter location", "unit": "Customer unit", "category": "Category",
    "description": "Fault description", "environment": "Environment", "required_by": "Required by",
    "priority": "Priority", "team": "Team", "assignee": "Assignee",
}


@dataclass(frozen=True)
class TicketInput:
    """The ticket form."""

    channel: str
    reported_at: datetime
    reporter_name: str
    reporter_phone: str = ""
    reporter_location: str = ""
    unit_id: int | None = None
    category: str = ""
    description: str = ""
    environment: str = ""
    required_by: datetime | None = None
    priority: str = Priority.P3.value
    team_id: int | None = None
    assignee_id: int | None = None


def existing(model, record_id: int | None, field: str, what: str) -> int | None:
    """`record_id` (an int or digits) as the id of an existing `model` row; None stays None."""
    if record_id is None:
        return None
    if isinstance(record_id, str) and record_id.strip().isdigit():
        record_id = int(record_id)
    if isinstance(record_id, bool) or not isinstance(record_id, int) \
            or not model.select().where(model.id == record_id).exists():
        raise ValidationError(t("The selected {field} does not exist.", field=t(what)), field=field)
    return record_id


def clean_input(data: TicketInput, at: datetime | None = None) -> dict[str, object]:
    """The ticket fields of `data`, checked; a ValidationError names the first bad field."""
    if data.channel not in {c.value for c in Channel}:
        raise ValidationError(t("{field} has the wrong form.", field=t("Channel")), field="channel")
    if data.priority not in {p.value for p in Priority}:
        raise ValidationError(t("{field} has the wrong form.", field=t("Priority")), field="priority")
    reported_at = clean_datetime(data.reported_at, t("Reported at"), "reported_at", required=True)
    if reported_at > (at or now()) + CLOCK_SKEW:
        raise ValidationError(t("{field} cannot be in the future.", field=t("Reported at")), field="reported_at")
    required_by = clean_datetime(data.required_by, t("Required by"), "required_by", required=False)
    if required_by is not None and required_by <= reported_at:
        raise ValidationError(t("{field} must be after the reported time.", field=t("Required by")),
                              field="required_by")
    return {
        "channel": data.channel,
        "reported_at": reported_at,
        "reporter_name": clean_text(data.reporter_name, t("Reporter"), required=True, max_length=100,
                                    field="reporter_name"),
        "reporter_phone": clean_text(data.reporter_phone, t("Reporter phone"), max_length=40, field="reporter_phone"),
        "reporter_location": clean_text(data.reporter_location, t("Reporter location"), field="reporter_location"),
        "unit": existing(CustomerUnit, data.unit_id, "unit_id", "Customer unit"),
        "category": clean_text(data.category, t("Category"), max_length=100, field="category"),
        "description": clean_text(data.description, t("Fault description"), required=True, max_length=LONG_TEXT,
                                  field="description"),
        "environment": clean_text(data.environment, t("Environment"), max_length=LONG_TEXT, field="environment"),
        "required_by": required_by,
        "priority": data.priority,
        "team": existing(Team, data.team_id, "team_id", "Team"),
        "assignee": existing(User, data.assignee_id, "assignee_id", "Assignee"),
    }


def step_text(value: str, what: str, field: str, *, required: bool = True, max_length: int = LONG_TEXT) -> str:
    """The text of a step (a note, a reason, a resolution), named `what` in the message."""
    return clean_text(value, t(what), required=required, max_length=max_length, field=field)
