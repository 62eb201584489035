"""Working days (R10, R13, R18): weekends and holidays come from the settings.

`calendar.weekend` lists weekday numbers (0 = Monday) and `calendar.holidays` ISO dates.
Every function reads the settings when called, so a change takes effect at once; pass a
`WorkCalendar` explicitly to loop over many days without re-reading them.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from desk_app.services import settings

#: The last second of a day: "by the end of the day" deadlines use it.
END_OF_DAY = time(23, 59, 59)


@dataclass(frozen=True)
class WorkCalendar:
    weekend: frozenset[int]
    holidays: frozenset[date]

    @classmethod
    def load(cls) -> "WorkCalendar":
        weekend = frozenset(int(d) for d in settings.get("calendar.weekend"))  # type: ignore[union-attr]
        holidays = frozenset(date.fromisoformat(d) for d in settings.get("calendar.holidays"))  # type: ignore[union-attr]
        return cls(weekend, holidays)

    def is_working_day(self, day: date) -> bool:
        if len(self.weekend) >= 7:  # a misconfiguration; avoid endless loops
            return True
        return day.weekday() not in self.weekend and day not in self.holidays

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before `day`."""
        d = day - timedelta(days=1)
        while not self.is_working_day(d):
            d -= timedelta(days=1)
        return d

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        d = day + timedelta(days=1)
        while not self.is_working_day(d):
            d += timedelta(days=1)
        return d

    def add_working_days(self, day: date, n: int) -> date:
        """`n` working days after `day` (before it when `n` is negative); `day` itself if n == 0."""
        d = day
        for _ in range(abs(n)):
            d = self.next_working_day(d) if n > 0 else self.previous_working_day(d)
        return d

    def on_or_after(self, day: date) -> date:
        """`day` if it is a working day, else the next working day."""
        return day if self.is_working_day(day) else self.next_working_day(day)


def _cal(cal: WorkCalendar | None) -> WorkCalendar:
    return cal if cal is not None else WorkCalendar.load()


def is_working_day(day: date, cal: WorkCalendar | None = None) -> bool:
    return _cal(cal).is_working_day(day)


def previous_working_day(day: date, cal: WorkCalendar | None = None) -> date:
    return _cal(cal).previous_working_day(day)


def next_working_day(day: date, cal: WorkCalendar | None = None) -> date:
    return _cal(cal).next_working_day(day)


def add_working_days(day: date, n: int, cal: WorkCalendar | None = None) -> date:
    return _cal(cal).add_working_days(day, n)


def working_day_on_or_after(day: date, cal: WorkCalendar | None = None) -> date:
    return _cal(cal).on_or_after(day)


def end_of_day(day: date) -> datetime:
    return datetime.combine(day, END_OF_DAY)
