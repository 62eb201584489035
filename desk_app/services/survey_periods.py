"""Survey periods, a year ("2026") or a quarter ("2026-Q3"), and the timeline the process
documents suggest for a plan of each kind (R28)."""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from desk_app.errors import ValidationError
from desk_app.i18n import t
from desk_app.models.enums import SurveyKind

_PERIOD = re.compile(r"^(\d{4})(?:-Q([1-4]))?$")


def parse_period(period: str) -> tuple[int, int | None]:
    """'2026' → (2026, None); '2026-Q3' → (2026, 3). ValidationError otherwise."""
    match = _PERIOD.match((period or "").strip())
    if not match or not 2000 <= int(match.group(1)) <= 2100:
        raise ValidationError(t("The period is written like 2026 (a year) or 2026-Q3 (a quarter)."), field="period")
    return int(match.group(1)), int(match.group(2)) if match.group(2) else None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Timeline:
    planning_starts: date
    distribute_by: date
    collect_by: date


def suggested_timeline(kind: str, period: str) -> Timeline:
    """The dates the process documents give (R28).

    Annual survey of year Y: planning starts at the end of December of Y-1 (Dec 20, a month's
    preparation), the forms go out by January 31 of Y, collection within one month (end of February).
    Quarterly company survey: planning in the quarter's last month, forms out at the quarter's end,
    collected within a month after it.
    """
    year, quarter = parse_period(period)
    if quarter is None:
        return Timeline(date(year - 1, 12, 20), date(year, 1, 31), _month_end(year, 2))
    last_month = quarter * 3
    quarter_end = _month_end(year, last_month)
    next_year, next_month = (year + 1, 1) if last_month == 12 else (year, last_month + 1)
    return Timeline(date(year, last_month, 1), quarter_end, _month_end(next_year, next_month))


def check_period_kind(kind: str, period: str) -> None:
    """An annual survey covers a year, a company survey a quarter; ValidationError otherwise."""
    _year, quarter = parse_period(period)
    if kind == SurveyKind.ANNUAL and quarter is not None:
        raise ValidationError(t("An annual survey covers a year: write the period like 2026."), field="period")
    if kind == SurveyKind.COMPANY and quarter is None:
        raise ValidationError(t("A company survey is quarterly: write the period like 2026-Q3."), field="period")
