"""Small checks shared by every form's service: required text, length limits, control characters."""

import re

from desk_app.i18n import t
from desk_app.services.errors import ValidationError

SHORT_TEXT = 200
LONG_TEXT = 10_000
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
