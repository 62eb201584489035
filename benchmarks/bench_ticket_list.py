"""The ticket list on the benchmark database: first page, a filter, searches, scrolling to the end.

Each measurement times the service (count_tickets + list_tickets, as the list view calls them) and,
as the floor, the same rows fetched with raw sqlite3 and hand-written SQL (checked to be the same
rows). The search terms are words the demo data contains (a fault, a complaint, a device); a term
that finds nothing would measure nothing, so the benchmark refuses it.
"""

import sqlite3
from collections.abc import Callable
from pathlib import Path

from benchmarks.data import best_of, raw_connection, rss_mb

PAGE = 200

_COLUMNS = """t.id, t.number, t.state, t.priority, t.channel, t.reported_at, t.reporter_name, u.name, t.category,
 substr(t.description, 1, 80), tm.name, a.full_name, t.first_response_due, t.first_response_at, t.resolution_due,
 t.resolved_at, t.closed_at, t.version"""
_FROM = """FROM ticket t LEFT JOIN customer_unit u ON t.unit_id = u.id LEFT JOIN team tm ON t.team_id = tm.id
 LEFT JOIN user a ON t.assignee_id = a.id"""


def _raw_page(con: sqlite3.Connection, where: str, params: tuple, offset: int = 0,
              order: str = "t.reported_at DESC, t.id DESC", join: str = "",
              count_sql: str = "", count_params: tuple = ()) -> tuple[int, list[int]]:
    """The floor: hand-written SQL for the same rows (page ids from the narrow indexes, then the columns)."""
    count = con.execute(count_sql or f"SELECT count(*) FROM ticket t WHERE {where}",
                        count_params if count_sql else params).fetchone()[0]
    rows = con.execute(f"SELECT {_COLUMNS} {_FROM} WHERE t.id IN (SELECT t.id FROM ticket t {join} WHERE {where} "
                       f"ORDER BY {order} LIMIT ? OFFSET ?) ORDER BY {order}", (*params, PAGE, offset)).fetchall()
    return count, [r[0] for r in rows]


def _naive_page(con: sqlite3.Connection, where: str, params: tuple, offset: int = 0) -> tuple[int, list[int]]:
    """For comparison: one plain query with LIMIT/OFFSET (and a substring scan for text)."""
    count = con.execute(f"SELECT count(*) FROM ticket t WHERE {where}", params).fetchone()[0]
    rows = con.execute(f"SELECT {_COLUMNS} {_FROM} WHERE {where} ORDER BY t.reported_at DESC, t.id DESC "
                       "LIMIT ? OFFSET ?", (*params, PAGE, offset)).fetchall()
    return count, [r[0] for r in rows]


def _substring_where() -> str:
    cols = ("t.number", "t.reporter_name", "t.description", "t.resolution")
    return "(" + " OR ".join(f"instr({c}, ?) > 0" for c in cols) + ")"


def run(db_path: Path) -> list[dict]:
    from peewee import fn

    from desk_app.models import Team, Ticket
    from desk_app.services import search, ticket_list
    from desk_app.services.opening import open_desk
    from desk_app.services.ticket_list import TicketFilter
    from desk_app.store.connection import close_database

    db = open_desk(db_path)
    con = raw_connection(db_path)
    out: list[dict] = []
    total = Ticket.select().count()

    def measure(name: str, service: Callable[[], tuple[int, list]], raw: Callable[[], tuple[int, list[int]]],
                naive: Callable[[], tuple[int, list[int]]] | None = None, **extra) -> None:
        seconds, first, (count, rows) = best_of(service)
        if not rows:
            raise AssertionError(f"{name}: no rows, so it measures nothing (pick a term the data contains)")
        baseline, _, (raw_count, raw_ids) = best_of(raw)
        ids = [r.id for r in rows]
        if (count, ids) != (raw_count, raw_ids):
            raise AssertionError(f"{name}: the service and the raw query disagree ({count} vs {raw_count} rows)")
        if naive is not None:
            naive_seconds, _, (naive_count, naive_ids) = best_of(naive)
            if (naive_count, naive_ids) != (count, ids):
                raise AssertionError(f"{name}: the naive query disagrees ({naive_count} vs {count} rows)")
            extra["naive_seconds"] = round(naive_seconds, 5)
        out.append({"name": name, "seconds": round(seconds, 5), "baseline_seconds": round(baseline, 5),
                    "ratio": round(seconds / baseline, 2) if baseline else None, "first_seconds": round(first, 5),
                    "baseline_kind": "raw sqlite3: hand-written SQL for the same page (ids from the narrow "
                                     "indexes or FTS5, then the columns)",
                    "rows": len(rows), "count": count, "tickets": total, "rss_mb": rss_mb(), **extra})

    def page(f: TicketFilter, offset: int = 0, sort: str = "reported_at", descending: bool = True):
        return lambda: (ticket_list.count_tickets(f), ticket_list.list_tickets(f, sort=sort, descending=descending,
                                                                                 offset=offset, limit=PAGE))

    measure("first_page", page(TicketFilter()), lambda: _raw_page(con, "1", ()),
            lambda: _naive_page(con, "1", ()))

    team_id, team_name = (Ticket.select(Ticket.team, Team.name).join(Team).where(Ticket.state == "closed")
                          .group_by(Ticket.team).order_by(fn.COUNT(Ticket.id).desc()).tuples().first())
    where = "t.team_id = ? AND t.state = ?"
    measure("filter_team_closed", page(TicketFilter(team_id=team_id, states=("closed",))),
            lambda: _raw_page(con, where, (team_id, "closed")), lambda: _naive_page(con, where, (team_id, "closed")),
            team=team_name)

    fts = "SELECT count(*) FROM ticket_fts WHERE ticket_fts MATCH ?"
    for term in ("网络", "投诉", "打印机"):
        match, _, _ = search.ticket_match(term)  # the same MATCH expression, made outside the timing
        raw_where = "+t.id IN (SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ?)" if match else "0"
        measure(f"search_{len(term)}char_{term}", page(TicketFilter(text=term)),
                lambda w=raw_where, m=match: _raw_page(con, w, (m,) if m else (), count_sql=fts if m else "",
                                                       count_params=(m,)),
                lambda term=term: _naive_page(con, _substring_where(), (term,) * 4), term=term)

    last = max(0, total - PAGE)
    measure("scroll_to_last_page", page(TicketFilter(), offset=last), lambda: _raw_page(con, "1", (), offset=last),
            lambda: _naive_page(con, "1", (), offset=last), offset=last)

    measure("sort_by_team_name", page(TicketFilter(), sort="team_name", descending=False),
            lambda: _raw_page(con, "1", (), order="tm.name ASC, t.id ASC",
                              join="LEFT JOIN team tm ON t.team_id = tm.id"))

    con.close()
    close_database(db)
    return out
