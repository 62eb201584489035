"""Start-up: from a new process to the main window shown on the 100 000-ticket database.

Each measurement runs in a fresh interpreter (so imports count). Baseline: the same process that
only creates a QApplication and shows an empty QMainWindow (the floor Qt itself sets).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.data import ROOT

_APP = r"""
import json, sys, time
start = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
if sys.argv[2] == "app":
    from desk_app.services.opening import open_desk
    from desk_app.models import User
    from desk_app.services.actor import Actor
    from desk_app.ui.context import AppContext
    from desk_app.ui.main_window import MainWindow
    db = open_desk(sys.argv[1])
    actor = Actor.from_user(User.get(User.username == "admin"))
    from pathlib import Path
    window = MainWindow(AppContext(actor, Path(sys.argv[1])), db)
else:
    window = QMainWindow()
window.show()
app.processEvents()
print(json.dumps({"seconds": time.perf_counter() - start}))
"""


def _measure(db_path: Path, what: str, repeat: int = 3) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    times = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", _APP, str(db_path), what], cwd=ROOT, env=env,
                             capture_output=True, text=True, check=True).stdout
        times.append(json.loads(out.strip().splitlines()[-1])["seconds"])
    return min(times)


def run(db_path: Path) -> list[dict]:
    seconds = _measure(db_path, "app")
    baseline = _measure(db_path, "qt")
    return [{"name": "startup_main_window", "seconds": round(seconds, 3), "baseline_seconds": round(baseline, 3),
             "baseline_kind": "a new process showing an empty QMainWindow"}]
