"""How report figures are written: rates as percentages to one decimal, means and hours to two,
times as text, counted values as [key, n] pairs, and the head every figures dict starts with."""

from collections import Counter
from datetime import date, datetime, timedelta

from peewee import SQL, Node, NodeList, PostgresqlDatabase, fn

from desk_app.models import database_proxy, now
from desk_app.models.enums import Rating

#: The rating codes, best first: the order ratings are listed in.
RATING_CODES = tuple(r.value for r in Rating)


def pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def hours(delta: timedelta) -> float:
    return delta.total_seconds() / 3600.0


def millis_between(later: Node, earlier: Node) -> Node:
    """SQL for the whole milliseconds from `earlier` to `later` (two datetime columns), to SUM in a query.

    SQLite keeps a time to the millisecond in julianday(); PostgreSQL subtracts timestamps to an interval.
    """
    if isinstance(database_proxy.obj, PostgresqlDatabase):
        return fn.ROUND(NodeList((SQL("EXTRACT(EPOCH FROM"), NodeList((later, SQL("-"), earlier)), SQL(")"))) * 1000)
    return fn.ROUND((fn.julianday(later) - fn.julianday(earlier)) * 86400000)


def mean_hours(total_millis: float, n: int) -> float | None:
    """The mean in hours, to two decimals, of `n` durations that sum to `total_millis`."""
    return round(float(total_millis) / 3_600_000 / n, 2) if n else None


def iso(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def pairs(counter: Counter, order: tuple[str, ...] | None = None) -> list[list]:
    """[[key, n], …]: in `order` when given (zeros kept), else most first."""
    if order is not None:
        return [[k, counter.get(k, 0)] for k in order] + [[k, n] for k, n in counter.items() if k not in order]
    return [[k, n] for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))]


def base_figures(kind: str, period: str, language: str) -> dict:
    return {"kind": str(kind), "period": period, "language": language, "generated_at": iso(now())}

