"""Benchmark of the ticket ledger workbook (R34): import and export of 10 000 tickets.

`run(db_path)` builds its own databases next to `db_path` (the import needs an empty one and
must not touch a database under test), writes a 10 000-row ledger, imports it, exports it again.

Floors, measured in the same run:
- import: the same file read with openpyxl in read-only mode (values only) and the same rows (teams,
  technicians, units, tickets, evaluations, events) inserted with sqlite3 `executemany` in one
  transaction into another empty desk; the two databases are compared afterwards.
- export: the same cells (the rows the export wrote, read back beforehand) written with openpyxl in
  write-only mode.
"""

import random
import shutil
import sqlite3
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.data import raw_connection

ROWS = 10_000


def make_rows(n: int, seed: int = 1) -> list:
    from desk_app.io.ledger import LedgerRow

    rnd = random.Random(seed)
    teams = [f"{c}班" for c in "一二三四五六"]
    techs = [f"维修员{i:02d}" for i in range(40)]
    units = [f"客户单位{i:02d}" for i in range(60)]
    managers = ["赵经理", "钱经理", "孙经理"]
    start = datetime(2026, 10, 1, 8, 0)
    rows = []
    for i in range(n):
        reported = start + timedelta(minutes=rnd.randrange(0, 29 * 24 * 60))
        closed = reported + timedelta(hours=rnd.randrange(1, 20)) if rnd.random() < 0.9 else None
        scores = [rnd.choice((10, 10, 10, 8, 6)) if closed else None for _ in range(3)]
        manager = closed is not None and rnd.random() < 0.1
        row = LedgerRow(
            number=f"GD-{reported:%Y%m%d}-{i:05d}", reported_at=reported, reporter=f"报修人{rnd.randrange(3000)}",
            unit=rnd.choice(units), reporter_phone=f"138{rnd.randrange(10**8):08d}",
            reporter_location=f"{rnd.randrange(1, 20)}楼{rnd.randrange(1, 40)}室",
            description="电脑无法开机，指示灯不亮，已检查电源线" + "。" * rnd.randrange(20),
            technician=rnd.choice(techs), team=rnd.choice(teams),
            first_response_at=reported + timedelta(minutes=20),
            resolved_at=(closed - timedelta(minutes=30)) if closed else None, closed_at=closed,
            cause="电源适配器损坏" if closed else "", resolution="更换电源适配器" if closed else "",
            self_points=scores[0], self_comment="处理及时" if closed else "",
            dispatcher_points=None if manager else scores[1], dispatcher_notes="" if manager else "满意",
            manager_evaluator=rnd.choice(managers) if manager else "",
            manager_points=scores[2] if manager else None, manager_notes="回访正常" if manager else "",
        )
        total = row.scores()
        row.total_points = sum(total) if total else None
        rows.append(row)
    return rows


def _stamp(value: object) -> object:
    return value.isoformat(" ") if isinstance(value, datetime) else value


def floor_import(db_file: Path, source: Path, code_of: dict[int, str], first_hours: float,
                 resolution_hours: float, admin_id: int) -> tuple[int, float]:
    """Read the ledger with openpyxl (read-only) and insert the same rows with executemany, in one transaction.

    Returns (rows, seconds spent reading the file)."""
    from openpyxl import load_workbook

    from desk_app.io.ledger import COLUMNS

    start = time.perf_counter()
    wb = load_workbook(source, read_only=True, data_only=True)
    keys = [c.key for c in COLUMNS]
    pad = (None,) * len(keys)
    rows = [dict(zip(keys, values + pad, strict=False))
            for values in wb.worksheets[0].iter_rows(min_row=3, values_only=True) if values and values[0]]
    wb.close()
    read_seconds = time.perf_counter() - start
    stamp = datetime.now().replace(microsecond=0).isoformat(" ")
    con = raw_connection(db_file)
    con.execute("BEGIN")
    teams = sorted({r["team"] for r in rows})
    con.executemany("INSERT INTO team (name, description, active, version, created_at, updated_at) "
                    "VALUES (?, '', 1, 1, ?, ?)",
                    [(n, stamp, stamp) for n in teams])
    team_id = dict(con.execute("SELECT name, id FROM team"))
    units = sorted({r["unit"] for r in rows if r["unit"]})
    con.executemany("INSERT INTO customer_unit (name, importance, address, active, version, created_at, "
                    "updated_at) VALUES (?, 'normal', '', 1, 1, ?, ?)",
                    [(n, stamp, stamp) for n in units])
    unit_id = dict(con.execute("SELECT name, id FROM customer_unit"))
    people: dict[str, tuple[str, int | None]] = {}
    for r in rows:
        people.setdefault(r["technician"], ("technician", team_id[r["team"]]))
    for r in rows:
        if r["manager_evaluator"] and r["manager_points"] is not None:
            people.setdefault(r["manager_evaluator"], ("manager", None))
    con.executemany("INSERT INTO user (username, full_name, roles, team_id, phone, email, title, can_login, "
                    "active, language, version, created_at, updated_at) VALUES (?, ?, ?, ?, '', '', '', 0, 1, '', "
                    "1, ?, ?)",
                    [(f"staff{i:04d}", name, role, team, stamp, stamp)
                     for i, (name, (role, team)) in enumerate(people.items(), 1)])
    user_id = {name: uid for uid, name in con.execute("SELECT id, full_name FROM user ORDER BY id DESC")}

    def state(r: dict) -> str:
        return "closed" if r["closed_at"] else "resolved" if r["resolved_at"] else "assigned"

    con.executemany(
        "INSERT INTO ticket (number, channel, reported_at, reporter_name, reporter_phone, reporter_location, "
        "unit_id, category, description, environment, priority, state, assignee_id, team_id, vendor, "
        "first_response_due, resolution_due, first_response_at, resolved_at, closed_at, cause, resolution, "
        "created_by_id, updated_by_id, created_at, updated_at, version) "
        "VALUES (?, 'hotline', ?, ?, ?, ?, ?, '', ?, '', 'P3', ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
        [(r["number"], _stamp(r["reported_at"]), r["reporter"], r["reporter_phone"] or "",
          r["reporter_location"] or "", unit_id.get(r["unit"]), r["description"], state(r),
          user_id[r["technician"]], team_id[r["team"]],
          _stamp(r["reported_at"] + timedelta(hours=first_hours)),
          _stamp(r["reported_at"] + timedelta(hours=resolution_hours)), _stamp(r["first_response_at"]),
          _stamp(r["resolved_at"]), _stamp(r["closed_at"]), r["cause"] or "", r["resolution"] or "",
          admin_id, admin_id, stamp, stamp) for r in rows])
    ticket_id = dict(con.execute("SELECT number, id FROM ticket"))
    evaluations, events = [], []
    for r in rows:
        tid = ticket_id[r["number"]]
        for kind, score, text in (("self", "self_points", "self_comment"),
                                  ("dispatcher", "dispatcher_points", "dispatcher_notes"),
                                  ("manager", "manager_points", "manager_notes")):
            if r[score] is not None:
                evaluator = user_id.get(r["manager_evaluator"]) if kind == "manager" else None
                evaluations.append((tid, kind, evaluator, code_of[r[score]], r[score], r[text] or "",
                                    _stamp(r["closed_at"])))
        events.append((tid, stamp, admin_id, state(r), source.name))
    con.executemany("INSERT INTO evaluation (ticket_id, kind, evaluator_id, rating, points, comment, "
                    "corrective_note, evaluated_at) VALUES (?, ?, ?, ?, ?, ?, '', ?)", evaluations)
    con.executemany("INSERT INTO ticket_event (ticket_id, at, user_id, kind, from_state, to_state, text) "
                    "VALUES (?, ?, ?, 'imported', '', ?, ?)", events)
    con.execute("COMMIT")
    con.close()
    return len(rows), read_seconds


def floor_export(target: Path, cells: list[tuple]) -> int:
    """The same cells written with openpyxl in write-only mode."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    for values in cells:
        ws.append(values)
    wb.save(target)
    return len(cells) - 2


_SAME = ("SELECT t.number, t.reported_at, t.state, t.first_response_due, t.closed_at, t.description, u.full_name, "
         "tm.name, cu.name, (SELECT group_concat(e.kind || e.points || e.rating || e.comment, ',') FROM evaluation e "
         "WHERE e.ticket_id = t.id), (SELECT count(*) FROM ticket_event v WHERE v.ticket_id = t.id) FROM ticket t "
         "LEFT JOIN user u ON u.id = t.assignee_id LEFT JOIN team tm ON tm.id = t.team_id "
         "LEFT JOIN customer_unit cu ON cu.id = t.unit_id ORDER BY t.number")


def _contents(db_file: Path) -> list[tuple]:
    con = sqlite3.connect(db_file)
    try:
        return con.execute(_SAME).fetchall()
    finally:
        con.close()


def run(db_path: str | Path) -> list[dict]:
    from openpyxl import load_workbook

    from desk_app.io.ledger import title_text, write_ledger
    from desk_app.models.enums import Rating
    from desk_app.services import settings
    from desk_app.services.auth import create_first_admin
    from desk_app.services.ledger import export_ledger, import_ledger
    from desk_app.services.opening import open_desk
    from desk_app.store.connection import close_database

    base = Path(db_path).parent if db_path else Path(tempfile.gettempdir())
    work = Path(tempfile.mkdtemp(prefix="bench-ledger-", dir=base if base.is_dir() else None))
    source = work / "ledger-10000.xlsx"
    write_ledger(source, make_rows(ROWS), title_text("2026-10"))
    try:
        # The floor's empty desk, made like the service's (schema, standard data, first admin).
        db = open_desk(work / "floor.sqlite")
        admin = create_first_admin("bench", "Bench", "bench-pass-1")
        scale = settings.rating_points("three")
        code_of: dict[int, str] = {}
        for code in (Rating.SATISFIED, Rating.BASIC, Rating.DISSATISFIED):
            code_of.setdefault(int(scale[code.value]), code.value)
        hours = (float(settings.get("sla.first_response_hours")["P3"]),
                 float(settings.get("sla.resolution_hours")["P3"]))
        close_database(db)
        cpu, wall = time.process_time(), time.perf_counter()
        floor_rows, floor_read = floor_import(work / "floor.sqlite", source, code_of, *hours, admin.id)
        floor_import_wall, floor_import_cpu = time.perf_counter() - wall, time.process_time() - cpu

        db = open_desk(work / "ledger.sqlite")
        try:
            admin = create_first_admin("bench", "Bench", "bench-pass-1")
            cpu, wall = time.process_time(), time.perf_counter()
            result = import_ledger(admin, source)
            import_wall, import_cpu = time.perf_counter() - wall, time.process_time() - cpu
            assert result.count == ROWS == floor_rows
            cpu, wall = time.process_time(), time.perf_counter()
            exported = export_ledger("2026-10", work / "export.xlsx")
            export_wall, export_cpu = time.perf_counter() - wall, time.process_time() - cpu
        finally:
            close_database(db)
        if _contents(work / "ledger.sqlite") != _contents(work / "floor.sqlite"):
            raise AssertionError("ledger import: the service and the floor stored different rows")

        wb = load_workbook(work / "export.xlsx", read_only=True)
        cells = [tuple(values) for values in wb.worksheets[0].iter_rows(values_only=True)]
        wb.close()
        cpu, wall = time.process_time(), time.perf_counter()
        floor_exported = floor_export(work / "floor-export.xlsx", cells)
        floor_export_wall, floor_export_cpu = time.perf_counter() - wall, time.process_time() - cpu
        assert floor_exported == exported
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return [
        {"name": "ledger_import_10000", "seconds": round(import_wall, 3), "cpu_seconds": round(import_cpu, 3),
         "baseline_seconds": round(floor_import_wall, 3), "baseline_cpu_seconds": round(floor_import_cpu, 3),
         "baseline_read_seconds": round(floor_read, 3), "ratio": round(import_wall / floor_import_wall, 2),
         "baseline_kind": "openpyxl read-only read of the same file + sqlite3 executemany of the same rows "
                          "in one transaction", "rows": ROWS},
        {"name": "ledger_export_10000", "seconds": round(export_wall, 3), "cpu_seconds": round(export_cpu, 3),
         "baseline_seconds": round(floor_export_wall, 3), "baseline_cpu_seconds": round(floor_export_cpu, 3),
         "ratio": round(export_wall / floor_export_wall, 2),
         "baseline_kind": "openpyxl write-only mode writing the same cells", "rows": exported},
    ]


if __name__ == "__main__":
    import json
    import sys

    for line in run(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp() + "/x.sqlite"):
        print(json.dumps(line))
