"""The shared benchmark database: 100 000 demo tickets (or `--tickets N`), made once under .bench/."""

import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TICKETS = 100_000


def default_db(tickets: int = DEFAULT_TICKETS) -> Path:
    """.bench/tickets-100k.sqlite, .bench/tickets-1000k.sqlite …: one file per scale."""
    return ROOT / ".bench" / f"tickets-{tickets // 1000}k.sqlite" if tickets % 1000 == 0 \
        else ROOT / ".bench" / f"tickets-{tickets}.sqlite"


DEFAULT_DB = default_db()
UNTIL = "2026-10-31"


def best_of(fn: Callable[[], object], repeat: int = 5) -> tuple[float, float, object]:
    """(best of `repeat` runs in seconds, the first run's seconds, the last result)."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), times[0], result


def raw_connection(path: Path | str) -> sqlite3.Connection:
    """A plain sqlite3 connection for the floors, with the application's pragmas (cache size, WAL,
    synchronous), so a floor differs from the service only in the code above SQLite."""
    from desk_app.store.connection import PRAGMAS

    con = sqlite3.connect(path, isolation_level=None)
    for name, value in PRAGMAS.items():
        con.execute(f"PRAGMA {name} = {value}")
    return con


def rss_mb() -> float:
    """The resident memory of this process, in MB (current, from /proc; else the peak)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def ensure_database(path: Path = DEFAULT_DB, tickets: int = DEFAULT_TICKETS) -> Path:
    """Create the benchmark database unless it exists: `desk-app demo`, or a plain generator if that fails."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    # In a child process, so the benchmarks' memory figures do not include the demo generator. Its
    # progress goes to the terminal (stderr); how long it took is printed at the end.
    command = [sys.executable, "-c", "import sys; from desk_app.cli import main; sys.exit(main(sys.argv[1:]))",
               "--db", str(path), "demo", "--tickets", str(tickets), "--until", UNTIL]
    print(f"benchmarks: creating {path.name} ({tickets} demo tickets) …", file=sys.stderr, flush=True)
    start = time.perf_counter()
    status = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL).returncode
    if status == 0:
        print(f"benchmarks: {tickets} demo tickets in {time.perf_counter() - start:.1f} s", file=sys.stderr,
              flush=True)
        return path
    print(f"benchmarks: demo exited with {status}; generating tickets instead", file=sys.stderr)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    generate(path, tickets)
    return path


_WORDS = ["打印机", "无法打印", "网络", "断网", "电脑", "蓝屏", "投诉", "VPN", "邮箱", "登录失败", "显示器", "闪屏",
          "键盘", "鼠标", "卡纸", "系统", "很慢", "病毒", "无线", "信号弱", "服务器", "宕机", "PC", "开不了机",
          "用户投诉响应太慢", "催修多次", "对维修质量不满意"]


def generate(path: Path, tickets: int, seed: int = 1) -> None:
    """Plain tickets with insert_many (the fallback when the demo command is not available)."""
    from desk_app.models import CustomerUnit, Team, Ticket, User
    from desk_app.services.opening import open_desk
    from desk_app.services.ticket_rules import ALL_STATES, sla_due
    from desk_app.store.connection import close_database

    rng = random.Random(seed)
    db = open_desk(path)
    with db.atomic():
        teams = [Team.create(name=f"维修{i}班").id for i in range(1, 7)]
        users = [User.create(username=f"tech{i}", full_name=f"技术员{i}", roles="technician",
                             team=rng.choice(teams)).id for i in range(1, 41)]
        units = [CustomerUnit.create(name=f"客户单位{i}").id for i in range(1, 61)]
        end = datetime.fromisoformat(UNTIL) + timedelta(hours=23)
        start = end - timedelta(days=92)
        times = sorted(start + timedelta(seconds=rng.randrange(int((end - start).total_seconds())))
                       for _ in range(tickets))
        per_day: dict[str, int] = {}
        rows = []
        for at in times:
            day = f"{at:%Y%m%d}"
            per_day[day] = per_day.get(day, 0) + 1
            priority = rng.choice(["P1", "P2", "P3", "P3", "P4"])
            first_due, resolution_due = sla_due(at, priority)
            state = "closed" if at < end - timedelta(days=3) else rng.choice(ALL_STATES)
            assignee = rng.choice(users)
            rows.append({
                "number": f"GD-{day}-{per_day[day]:04d}", "reported_at": at,
                "reporter_name": f"报修人{rng.randint(1, 3000)}", "unit": rng.choice(units),
                "description": "，".join(rng.sample(_WORDS, 4)) + f" 设备{rng.randint(1, 999)}",
                "priority": priority, "state": state, "assignee": assignee, "team": rng.choice(teams),
                "first_response_due": first_due, "resolution_due": resolution_due,
                "first_response_at": at + timedelta(minutes=20) if state != "new" else None,
                "resolved_at": at + timedelta(hours=5) if state in ("resolved", "closed") else None,
                "closed_at": at + timedelta(hours=6) if state == "closed" else None,
                "resolution": "更换配件" if state in ("resolved", "closed") else "",
                "cause": "硬件老化" if state == "closed" else "",
            })
            if len(rows) == 5000:
                Ticket.insert_many(rows).execute()
                rows = []
        if rows:
            Ticket.insert_many(rows).execute()
    close_database(db)
