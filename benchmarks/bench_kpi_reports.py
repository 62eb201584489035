"""Monthly KPI standings and the monthly service report on the benchmark database.

Floors (measured in the same run, on a plain sqlite3 connection, and checked to give the same numbers):
- KPI: one aggregate query (GROUP BY technician and team, summed per technician and per team) giving
  every standing's evaluated tickets, points and dissatisfied count.
- Report figures: `report_floor.monthly_service_floor`, aggregate SQL for every section of the figures.
- The PDF layout is timed on its own (`report_monthly_service_pdf`); its floor is reportlab itself,
  which is not measured, so the line says so (baseline_kind "none").
"""

import sqlite3
from pathlib import Path

from benchmarks.data import best_of, raw_connection, rss_mb
from benchmarks.report_floor import FloorInput, monthly_service_floor

MONTH = "2026-10"

_RAW_KPI = """
SELECT g.*, u.full_name, tm.name FROM (
    SELECT t.assignee_id, t.team_id, COUNT(DISTINCT t.id), SUM(e.points),
           SUM(CASE WHEN e.rating IN ('dissatisfied', 'very_dissatisfied') THEN 1 ELSE 0 END)
    FROM evaluation e JOIN ticket t ON e.ticket_id = t.id
    WHERE e.ticket_id IN (SELECT id FROM ticket WHERE closed_at >= ? AND closed_at < ?)
    GROUP BY t.assignee_id, t.team_id) g
LEFT JOIN user u ON u.id = g.assignee_id LEFT JOIN team tm ON tm.id = g.team_id
"""


def _raw_kpi(con: sqlite3.Connection, bounds: tuple[str, str]) -> set[tuple]:
    """The floor: the aggregate query, its (technician, team) pairs summed per technician and per team."""
    totals: dict[tuple, list] = {}
    for tech, team, tickets, points, bad, tech_name, team_name in con.execute(_RAW_KPI, bounds):
        for key in (("tech", tech, tech_name), ("team", team, team_name)):
            if key[1] is not None:
                acc = totals.setdefault(key, [0, 0, 0])
                acc[0], acc[1], acc[2] = acc[0] + tickets, acc[1] + points, acc[2] + bad
    return {(*key, *acc) for key, acc in totals.items()}


def _kpi_totals(standings) -> set[tuple]:
    return ({("tech", r.id, r.name, r.evaluated_tickets, r.points, r.dissatisfied) for r in standings.technicians}
            | {("team", r.id, r.name, r.evaluated_tickets, r.points, r.dissatisfied) for r in standings.teams})


def _floor_input(month: str) -> FloorInput:
    from desk_app.models import now
    from desk_app.models.enums import ReportKind
    from desk_app.services import settings
    from desk_app.services.report_periods import parse_period, shift_period

    p = parse_period(ReportKind.MONTHLY_SERVICE, month)
    trend = [(q.text, q.start_dt, q.end_dt) for q in (shift_period(p, s) for s in range(-5, 1))]
    return FloorInput(p.start_dt, p.end_dt, p.start, p.last_day, trend, now(),
                      settings.get("sla.first_response_hours"), settings.get("sla.resolution_hours"))


def run(db_path: Path) -> list[dict]:
    from desk_app.reports import catalog
    from desk_app.services import kpi, service_report_figures
    from desk_app.services.opening import open_desk
    from desk_app.store.connection import close_database

    db = open_desk(db_path)
    con = raw_connection(db_path)
    try:
        bounds = ("2026-10-01 00:00:00", "2026-11-01 00:00:00")
        seconds, first, standings = best_of(lambda: kpi.monthly_standings(MONTH))
        baseline, _, raw = best_of(lambda: _raw_kpi(con, bounds))
        if _kpi_totals(standings) != raw:
            raise AssertionError("kpi: the service's standings and the raw aggregate query disagree")
        results = [{"name": "kpi_monthly_standings", "seconds": round(seconds, 4), "first_seconds": round(first, 4),
                    "baseline_seconds": round(baseline, 4), "ratio": round(seconds / baseline, 2),
                    "baseline_kind": "raw sqlite3: one aggregate query per (technician, team), summed per technician "
                                     "and per team",
                    "technicians": len(standings.technicians), "teams": len(standings.teams), "rss_mb": rss_mb()}]

        floor_input = _floor_input(MONTH)
        figures_seconds, first, figures = best_of(lambda: service_report_figures.monthly_service(MONTH), repeat=3)
        floor_seconds, _, floor = best_of(lambda: monthly_service_floor(con, floor_input), repeat=3)
        head = ("kind", "period", "language", "generated_at")
        differ = sorted(k for k in set(figures) | set(floor) if k not in head and figures.get(k) != floor.get(k))
        if differ:
            raise AssertionError(f"report figures: the service and the raw-SQL floor disagree on {differ}")
        results.append({"name": "report_monthly_service_figures", "seconds": round(figures_seconds, 4),
                        "first_seconds": round(first, 4), "baseline_seconds": round(floor_seconds, 4),
                        "ratio": round(figures_seconds / floor_seconds, 2),
                        "baseline_kind": "raw sqlite3: aggregate queries computing the same figures "
                                         "(benchmarks/report_floor.py)", "rss_mb": rss_mb()})

        meta = catalog.BuildMeta(number="FW-BENCH", version="1", language="zh_CN")
        build_seconds, first, pdf = best_of(lambda: catalog.build_pdf("monthly-service", figures, meta), repeat=3)
        results.append({"name": "report_monthly_service_pdf", "seconds": round(build_seconds, 4),
                        "first_seconds": round(first, 4), "baseline_seconds": None,
                        "baseline_kind": "none: the PDF layout from ready figures (reportlab), timed on its own",
                        "pdf_bytes": len(pdf), "rss_mb": rss_mb()})
        return results
    finally:
        con.close()
        close_database(db)
