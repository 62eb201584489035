"""Monthly KPI standings and report generation on the 100 000-ticket database.

Baselines: for the KPI, one raw sqlite3 GROUP BY returning the same per-technician totals; for a
report, building the same PDF from figures already computed (the floor of the PDF layout itself).
"""

import sqlite3
from pathlib import Path

from benchmarks.data import best_of, rss_mb

MONTH = "2026-10"

_RAW_KPI = """
SELECT t.assignee_id, COUNT(DISTINCT t.id), SUM(e.points),
       SUM(CASE WHEN e.rating IN ('dissatisfied', 'very_dissatisfied') THEN 1 ELSE 0 END)
FROM ticket t JOIN evaluation e ON e.ticket_id = t.id
WHERE t.closed_at >= ? AND t.closed_at < ? AND t.assignee_id IS NOT NULL
GROUP BY t.assignee_id
"""


def run(db_path: Path) -> list[dict]:
    from desk_app.reports import catalog
    from desk_app.services import kpi, service_report_figures
    from desk_app.services.opening import open_desk
    from desk_app.store.connection import close_database

    db = open_desk(db_path)
    con = sqlite3.connect(db_path)
    try:
        seconds, first, standings = best_of(lambda: kpi.monthly_standings(MONTH))
        baseline, _, raw = best_of(lambda: con.execute(_RAW_KPI, ("2026-10-01", "2026-11-01")).fetchall())
        results = [{"name": "kpi_monthly_standings", "seconds": round(seconds, 4), "first_seconds": round(first, 4),
                    "baseline_seconds": round(baseline, 4), "technicians": len(standings.technicians),
                    "raw_rows": len(raw), "rss_mb": rss_mb()}]
        figures_seconds, _, figures = best_of(lambda: service_report_figures.monthly_service(MONTH), repeat=3)
        meta = catalog.BuildMeta(number="FW-BENCH", version="1", language="zh_CN")
        build_seconds, _, pdf = best_of(lambda: catalog.build_pdf("monthly-service", figures, meta), repeat=3)
        results.append({"name": "report_monthly_service", "seconds": round(figures_seconds + build_seconds, 4),
                        "baseline_seconds": round(build_seconds, 4), "figures_seconds": round(figures_seconds, 4),
                        "pdf_bytes": len(pdf), "rss_mb": rss_mb()})
        return results
    finally:
        con.close()
        close_database(db)
