"""Small checks shared by every form's service: required text, length limits, control characters,
and how a time is stored and read back."""

import re
from datetime import date, datetime
from pathlib import Path

from peewee import Model

from desk_app.errors import ValidationError
from desk_app.i18n import t
from desk_app.models.base import SHORT_TEXT

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: object, label: str, *, required: bool = False, max_length: int = SHORT_TEXT,
               field: str = "") -> str:
    """Strip the text, drop control characters, and check presence and length.

    Markup characters (<, &, quotes) are kept as typed; reports escape them when printing.
    """
    text = _CONTROL.sub("", str(value or "")).strip()
    if required and not text:
        raise ValidationError(t("{field} is required.", field=label), field=field or label)
    if len(text) > max_length:
        raise ValidationError(t("{field} is too long (at most {n} characters).", field=label, n=max_length),
                              field=field or label)
    return text


def naive(value: datetime) -> datetime:
    """Local naive time to the second (how every time is stored)."""
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    return value.replace(microsecond=0)


def as_datetime(value: object) -> datetime | None:
    """A stored time (ISO text from a raw cursor, or already a datetime) as a datetime; None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def clean_datetime(value: object, label: str, field: str, *, required: bool) -> datetime | None:
    """A date-time from a form: a date counts as its midnight; anything else that is not one is refused."""
    if value is None or value == "":
        if required:
            raise ValidationError(t("{field} is required.", field=label), field=field)
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, datetime.min.time())
    if not isinstance(value, datetime):
        raise ValidationError(t("{field} has the wrong form.", field=label), field=field)
    return naive(value)


def existing_id(model: type[Model], value: object, label: str, field: str) -> int | None:
    """`value` as the id of an existing `model` row (None stays None), or ValidationError naming the field."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not model.select().where(
            model._meta.primary_key == value).exists():
        raise ValidationError(t("{field}: there is no such record.", field=label), field=field)
    return value


def read_file(path: str | Path, field: str) -> bytes:
    """The bytes of a file someone named, or a ValidationError naming the file, the reason and the `field`."""
    p = Path(path)
    try:
        return p.read_bytes()
    except OSError as exc:
        raise ValidationError(t("Cannot read {path}: {reason}", path=str(p), reason=exc.strerror or str(exc)),
                              field=field) from exc
