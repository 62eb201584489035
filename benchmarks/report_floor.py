"""The raw-SQL floor of the monthly service report's figures: the same numbers, from aggregate queries.

Every section of `service_report_figures.monthly_service` is computed here with hand-written SQL on a
plain sqlite3 connection (GROUP BY, SUM(CASE …), durations summed in SQL), and only the few grouped rows
are shaped in Python. The benchmark compares the result with the service's figures, so the floor cannot
silently compute less. Inputs that are configuration, not data (SLA targets, the clock), are passed in.
"""

import sqlite3
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from desk_app.models.enums import ComplaintState, EvaluationKind, ImprovementState, Priority, Rating

RATINGS = tuple(r.value for r in Rating)
SATISFIED = (Rating.VERY_SATISFIED.value, Rating.SATISFIED.value, Rating.BASIC.value)
CALLERS = (EvaluationKind.DISPATCHER.value, EvaluationKind.MANAGER.value)
OPEN_COMPLAINTS = tuple(s.value for s in ComplaintState if s not in (ComplaintState.INVALID, ComplaintState.CLOSED))
PRIORITIES = tuple(p.value for p in Priority)


@dataclass(frozen=True)
class FloorInput:
    start: datetime
    end: datetime
    first_day: date
    last_day: date
    trend: list[tuple[str, datetime, datetime]]  # (label, start, end) of the six months
    now: datetime
    first_response_hours: dict
    resolution_hours: dict


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _ranked(counter: Counter) -> list[list]:
    return [[k, n] for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))]


def _ordered(counter: Counter, order: tuple[str, ...]) -> list[list]:
    return [[k, counter.get(k, 0)] for k in order] + [[k, n] for k, n in counter.items() if k not in order]


def _tickets(con: sqlite3.Connection, a: str, b: str, teams: dict) -> dict:
    reported = con.execute("SELECT channel, category, team_id, priority, count(*) FROM ticket "
                           "WHERE reported_at >= ? AND reported_at < ? GROUP BY 1, 2, 3, 4", (a, b)).fetchall()
    closed = con.execute("SELECT team_id, count(*) FROM ticket WHERE closed_at >= ? AND closed_at < ? GROUP BY 1",
                         (a, b)).fetchall()
    open_at_end = con.execute("SELECT count(*) FROM ticket WHERE reported_at < ? AND (closed_at IS NULL "
                              "OR closed_at >= ?)", (b, b)).fetchone()[0]
    channel, category, priority, team_rep, team_closed = Counter(), Counter(), Counter(), Counter(), Counter()
    for ch, cat, team, prio, n in reported:
        channel[ch] += n
        category[cat or ""] += n
        priority[prio] += n
        team_rep[teams.get(team, "")] += n
    for team, n in closed:
        team_closed[teams.get(team, "")] += n
    names = sorted(set(team_rep) | set(team_closed), key=lambda name: (-team_rep[name], name))
    return {"reported": sum(channel.values()), "closed": sum(team_closed.values()), "open_at_end": open_at_end,
            "by_channel": _ranked(channel), "by_category": _ranked(category),
            "by_priority": _ordered(priority, PRIORITIES),
            "by_team": [[name, team_rep[name], team_closed[name]] for name in names]}


_MS = "round((julianday({later}) - julianday(reported_at)) * 86400000)"


def _sla(con: sqlite3.Connection, a: str, b: str, x: FloorInput) -> dict:
    resp = con.execute(
        "SELECT priority, count(*), sum(CASE WHEN first_response_due IS NULL OR first_response_at <= first_response_due"
        f" THEN 1 ELSE 0 END), sum({_MS.format(later='first_response_at')}) FROM ticket "
        "WHERE reported_at >= ? AND reported_at < ? AND first_response_at IS NOT NULL GROUP BY priority",
        (a, b)).fetchall()
    res = con.execute(
        "SELECT priority, count(*), sum(CASE WHEN resolution_due IS NULL OR coalesce(resolved_at, closed_at) <= "
        f"resolution_due THEN 1 ELSE 0 END), sum({_MS.format(later='coalesce(resolved_at, closed_at)')}) "
        "FROM ticket WHERE closed_at >= ? AND closed_at < ? GROUP BY priority", (a, b)).fetchall()

    def summary(n: int, ok: int, ms: float) -> dict:
        return {"measured": n, "on_time": ok, "on_time_rate": _pct(ok, n),
                "mean_hours": round(ms / 3_600_000 / n, 2) if n else None}

    zero = (0, 0, 0)
    per_resp = {p: (n, ok, ms) for p, n, ok, ms in resp}
    per_res = {p: (n, ok, ms) for p, n, ok, ms in res}
    known = set(per_resp) | set(per_res)
    order = list(PRIORITIES) + sorted(k for k in known if k not in PRIORITIES)
    by_priority = [{"priority": p, "response_target_hours": x.first_response_hours.get(p),
                    "response": summary(*per_resp.get(p, zero)),
                    "resolution_target_hours": x.resolution_hours.get(p),
                    "resolution": summary(*per_res.get(p, zero))} for p in order if p in known]

    def total(rows: dict) -> dict:
        return summary(*(sum(v[i] for v in rows.values()) for i in range(3)))

    return {"response": total(per_resp), "resolution": total(per_res), "by_priority": by_priority}


def _satisfaction(con: sqlite3.Connection, a: str, b: str) -> float | None:
    marks = ", ".join("?" * len(SATISFIED))
    n, ok = con.execute(f"SELECT count(*), sum(CASE WHEN rating IN ({marks}) THEN 1 ELSE 0 END) FROM evaluation "
                        "WHERE kind IN (?, ?) AND evaluated_at >= ? AND evaluated_at < ?",
                        (*SATISFIED, *CALLERS, a, b)).fetchone()
    return round(round(100.0 * ok / n, 2), 1) if n else None


def _callbacks(con: sqlite3.Connection, a: str, b: str, now: str, teams: dict) -> dict:
    done, within_n, within, working_n, working = con.execute(
        "SELECT count(*), count(contacted_within_hour), sum(CASE WHEN contacted_within_hour THEN 1 ELSE 0 END), "
        "count(device_working), sum(CASE WHEN device_working THEN 1 ELSE 0 END) FROM callback "
        "WHERE state = 'done' AND completed_at >= ? AND completed_at < ?", (a, b)).fetchone()
    due, unreachable, overdue = con.execute(
        "SELECT count(*), sum(CASE WHEN state = 'unreachable' THEN 1 ELSE 0 END), "
        "sum(CASE WHEN state != 'done' AND due_at < ? THEN 1 ELSE 0 END) FROM callback "
        "WHERE due_at >= ? AND due_at < ?", (min(now, b), a, b)).fetchone()
    evaluations = con.execute("SELECT e.rating, e.kind, t.team_id, count(*) FROM evaluation e JOIN ticket t "
                              "ON e.ticket_id = t.id WHERE e.kind IN (?, ?) AND e.evaluated_at >= ? "
                              "AND e.evaluated_at < ? GROUP BY 1, 2, 3", (*CALLERS, a, b)).fetchall()
    ratings, kinds, per_team, per_team_ok = Counter(), Counter(), Counter(), Counter()
    for rating, kind, team, n in evaluations:
        ratings[rating] += n
        kinds[kind] += n
        per_team[teams.get(team, "")] += n
        per_team_ok[teams.get(team, "")] += n if rating in SATISFIED else 0
    return {
        "due": due, "done": done, "unreachable": unreachable or 0, "overdue": overdue or 0,
        "by_caller_kind": _ordered(kinds, CALLERS),
        "ratings": [[code, n] for code, n in _ordered(ratings, RATINGS) if n],
        "evaluations": sum(kinds.values()),
        "satisfaction_rate": _satisfaction(con, a, b),
        "contacted_within_hour_rate": _pct(within or 0, within_n),
        "device_working_rate": _pct(working or 0, working_n),
        "by_team": [[name, n, per_team_ok[name], _pct(per_team_ok[name], n)]
                    for name, n in sorted(per_team.items(), key=lambda kv: (-kv[1], kv[0]))],
    }


def _complaints(con: sqlite3.Connection, a: str, b: str, now: str) -> dict:
    marks = ", ".join("?" * len(OPEN_COMPLAINTS))
    overdue = f"(c.state IN ({marks}) AND c.due_at IS NOT NULL AND c.due_at < ?)"
    rows = con.execute(f"SELECT c.number, c.received_at, c.complainant, coalesce(u.name, ''), c.category, c.state, "
                       f"{overdue}, c.source, c.is_valid FROM complaint c LEFT JOIN customer_unit u "
                       "ON c.unit_id = u.id WHERE c.received_at >= ? AND c.received_at < ? ORDER BY c.received_at",
                       (*OPEN_COMPLAINTS, now, a, b)).fetchall()
    open_overdue = con.execute(f"SELECT count(*) FROM complaint c WHERE {overdue}", (*OPEN_COMPLAINTS, now)).fetchone()

    def counts(values: list) -> list[list]:
        return [[k or "—", n] for k, n in sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0]))]

    return {
        "total": len(rows), "valid": sum(1 for r in rows if r[8]), "overdue": sum(1 for r in rows if r[6]),
        "open_overdue_all": open_overdue[0],
        "by_state": _ranked(Counter(r[5] for r in rows)),
        "by_category": counts([r[4] for r in rows]), "by_unit": counts([r[3] for r in rows]),
        "by_source": counts([r[7] for r in rows]),
        "list": [[r[0], r[1][:16], r[2], r[3], r[4], r[5], bool(r[6])] for r in rows],
    }


def _improvement(con: sqlite3.Connection, today: str) -> dict:
    rows = con.execute("SELECT p.number, p.problem, p.source, p.state, coalesce(u.full_name, ''), "
                       "(SELECT count(*) FROM improvement_step s WHERE s.project_id = p.id AND s.done_at IS NULL "
                       "AND s.due_date IS NOT NULL AND s.due_date < ?) FROM improvement_project p "
                       "LEFT JOIN user u ON p.owner_id = u.id ORDER BY p.number", (today,)).fetchall()
    open_rows = [list(r) for r in rows if r[3] != ImprovementState.CONFIRMED.value]
    return {"total": len(rows), "open": len(open_rows), "confirmed": len(rows) - len(open_rows),
            "overdue_steps": sum(r[5] for r in rows),
            "by_state": _ordered(Counter(r[3] for r in rows), tuple(s.value for s in ImprovementState)),
            "open_list": open_rows}


def _trend(con: sqlite3.Connection, x: FloorInput) -> dict:
    reported = []
    for _label, a, b in x.trend:
        reported.append(con.execute("SELECT count(*) FROM ticket WHERE reported_at >= ? AND reported_at < ?",
                                    (str(a), str(b))).fetchone()[0])
    return {"periods": [label for label, _a, _b in x.trend], "reported": reported,
            "satisfaction_rate": [_satisfaction(con, str(a), str(b)) for _label, a, b in x.trend]}


def monthly_service_floor(con: sqlite3.Connection, x: FloorInput) -> dict:
    """The figures of the monthly service report (without the head: kind, period, language, generated_at)."""
    a, b, now = str(x.start), str(x.end), str(x.now)
    teams = dict(con.execute("SELECT id, name FROM team").fetchall())
    return {"start": x.first_day.isoformat(), "end": x.last_day.isoformat(),
            "tickets": _tickets(con, a, b, teams), "sla": _sla(con, a, b, x),
            "callbacks": _callbacks(con, a, b, now, teams), "complaints": _complaints(con, a, b, now),
            "improvement": _improvement(con, x.now.date().isoformat()), "trend": _trend(con, x)}
