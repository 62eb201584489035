"""Report periods: a month ("2026-10"), a quarter ("2026-Q3") or a year ("2026"), the shape each
periodic report kind takes, and the period some steps earlier (for trends)."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from desk_app.errors import ValidationError
from desk_app.i18n import t
from desk_app.models.enums import ReportKind

K = ReportKind

#: The period shape each periodic kind takes.
PERIOD_SHAPE: dict[str, str] = {
    K.MONTHLY_SERVICE: "month",
    K.MONTHLY_EVALUATION: "month",
    K.QUARTERLY_SATISFACTION: "quarter",
    K.ANNUAL_SURVEY: "year",
    K.MEETING_AGENDA: "month",
}
PERIOD_EXAMPLE = {"month": "2026-10", "quarter": "2026-Q3", "year": "2026"}


@dataclass(frozen=True)
class Period:
    text: str  # as given: 2026-10, 2026-Q3, 2026
    shape: str  # month / quarter / year
    start: date
    end: date  # exclusive

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def start_dt(self) -> datetime:
        return datetime.combine(self.start, datetime.min.time())

    @property
    def end_dt(self) -> datetime:
        return datetime.combine(self.end, datetime.min.time())


def _month_start(year: int, month: int) -> date:
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def period_shape_of(text: str) -> str | None:
    """'month', 'quarter' or 'year' for a well-formed period, else None."""
    text = (text or "").strip()
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        return "month" if 1 <= int(m.group(2)) <= 12 and int(m.group(1)) >= 1900 else None
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", text, flags=re.IGNORECASE):
        return "quarter" if int(m.group(1)) >= 1900 else None
    if re.fullmatch(r"\d{4}", text):
        return "year" if int(text) >= 1900 else None
    return None


def parse_period(kind: str, text: str) -> Period:
    """The period of a periodic report kind; ValidationError for a malformed one or the wrong shape."""
    if kind not in PERIOD_SHAPE:
        raise ValidationError(t("Unknown report kind: {kind}.", kind=kind), field="kind")
    wanted = PERIOD_SHAPE[kind]
    text = (text or "").strip().upper()
    shape = period_shape_of(text)
    if shape != wanted:
        raise ValidationError(t("The period of this report is written like {example}.",
                                example=PERIOD_EXAMPLE[wanted]), field="period")
    year = int(text[:4])
    if shape == "month":
        start = date(year, int(text[5:7]), 1)
        end = _month_start(year, int(text[5:7]) + 1)
    elif shape == "quarter":
        q = int(text[-1])
        start = date(year, 3 * q - 2, 1)
        end = _month_start(year, 3 * q + 1)
    else:
        start, end = date(year, 1, 1), date(year + 1, 1, 1)
    return Period(text, shape, start, end)


def shift_period(period: Period, steps: int) -> Period:
    """The period `steps` periods earlier (negative) or later, of the same shape."""
    if period.shape == "year":
        text = f"{period.start.year + steps:04d}"
    elif period.shape == "quarter":
        index = period.start.year * 4 + (period.start.month - 1) // 3 + steps
        text = f"{index // 4:04d}-Q{index % 4 + 1}"
    else:
        index = period.start.year * 12 + period.start.month - 1 + steps
        text = f"{index // 12:04d}-{index % 12 + 1:02d}"
    kind = {"year": K.ANNUAL_SURVEY, "quarter": K.QUARTERLY_SATISFACTION, "month": K.MONTHLY_SERVICE}[period.shape]
    return parse_period(kind, text)
