"""Start-up on the 100 000-ticket database, in two phases, each in a fresh interpreter (so imports count):

- `startup_login_dialog`: from process start, through the real entry point (`desk_app.cli.main`: logging,
  translators, fonts, opening and migrating the database), to the log-in dialog shown and painted. The
  usual start: the desk closed the file cleanly last time (an untimed first run records it in the user
  data directory the timed runs share), so the file's full quick_check is skipped (desk_app.store.precheck).
- `startup_login_dialog_checked`: the same with the full check, each run with a data directory of its own:
  the first start of a user on the file, as after an unclean shutdown or a change to the file.
- `startup_today_tab`: from the log-in accepted (the password check itself, scrypt on purpose, is not timed)
  to the main window shown with its Today tab painted; `figures_seconds` is when Today's figures (the list
  and, for managers, the charts) are in and painted too.

Baseline: the bare-Qt floor, a new process that imports PySide6, creates a QApplication and shows an empty
QMainWindow. Best of 5 runs each; QSettings and the log go to a fresh temporary home, so no remembered tab.
The application's bytecode is compiled first, as an installed application's is: with PYTHONDONTWRITEBYTECODE
set (as on this machine) and no __pycache__, every run would compile its ~200 modules again (about +0.45 s).
"""

import compileall
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.data import ROOT

REPEAT = 5
TARGETS = {"startup_login_dialog": 0.6, "startup_today_tab": 0.5, "startup_total": 1.0}

_FLOOR = r"""
import json, time
start = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
app.processEvents()
print(json.dumps({"seconds": time.perf_counter() - start}))
"""

# Both phases run the real `run_gui`; only the two blocking calls (the log-in dialog's exec() and the
# application's exec()) are replaced by "wait until painted, note the time". They are replaced when the
# application imports the log-in dialog, not before `main` runs: importing Qt and the dialog first would
# put the heavy imports ahead of what `main` starts before them (the database file's check).
_APP = r"""
import json, sys, time
start = time.perf_counter()
import importlib.abc, importlib.machinery
phase, db_path = sys.argv[1], sys.argv[2]

marks = {}
watcher = None


def install(module):  # once the application has imported the log-in dialog, and so Qt
    global QEvent, QApplication, QDialog, Painted
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QDialog

    class Painted(QObject):
        def __init__(self):
            super().__init__()
            self.seen = set()

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                self.seen.add(id(obj))
            return False

    module.LoginDialog.exec = login_exec
    QApplication.exec = staticmethod(app_exec)


def wait_painted(app, watcher, widget, until=lambda: True, limit=30.0):
    watcher.seen.clear()
    deadline = time.perf_counter() + limit
    while not (id(widget) in watcher.seen and until()):
        app.processEvents()
        if time.perf_counter() > deadline:
            raise SystemExit("not painted in time")
        if id(widget) in watcher.seen and not until():
            time.sleep(0.001)


def login_exec(dialog):
    global watcher
    app = QApplication.instance()
    watcher = Painted()
    app.installEventFilter(watcher)
    dialog.show()
    wait_painted(app, watcher, dialog)
    marks["login"] = time.perf_counter() - start
    app.removeEventFilter(watcher)
    if phase == "login":
        return QDialog.DialogCode.Rejected
    from desk_app.models import User
    from desk_app.services.actor import Actor

    dialog.actor = Actor.from_user(User.get(User.username == "admin"))
    app.installEventFilter(watcher)
    marks["accepted"] = time.perf_counter()
    return QDialog.DialogCode.Accepted


def app_exec():
    app = QApplication.instance()
    window = next(w for w in app.topLevelWidgets() if w.objectName() == "MainWindow" and w.isVisible())
    today = window.tab_widgets["today"]
    wait_painted(app, watcher, today)
    marks["today"] = time.perf_counter() - marks["accepted"]
    wait_painted(app, watcher, today, until=lambda: getattr(today, "view", None) is not None)
    marks["figures"] = time.perf_counter() - marks["accepted"]
    return 0


class PatchOnImport(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "desk_app.ui.login_dialog":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            install(module)

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, PatchOnImport())
from desk_app.cli import main
status = main(["--db", db_path])
print(json.dumps(marks))
sys.exit(status)
"""


def _run(code: str, *args: str, data_home: str | None = None) -> dict:
    """One child in a fresh home; the user data directory is `data_home` when given (kept between runs)."""
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=home, XDG_CONFIG_HOME=f"{home}/config",
                   XDG_STATE_HOME=f"{home}/state", XDG_DATA_HOME=data_home or f"{home}/data",
                   XDG_CACHE_HOME=f"{home}/cache")
        env.pop("DESK_APP_DB", None)
        out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True,
                             text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _best(code: str, *args: str, data_home: str | None = None) -> dict[str, float]:
    """The best of REPEAT runs of every mark the child printed."""
    runs = [_run(code, *args, data_home=data_home) for _ in range(REPEAT)]
    return {key: min(marks[key] for marks in runs) for key in runs[0]}


def run(db_path: Path) -> list[dict]:
    compileall.compile_dir(ROOT / "desk_app", quiet=1)
    floor = _best(_FLOOR)["seconds"]
    with tempfile.TemporaryDirectory(prefix="bench-startup-data-") as data_home:
        _run(_APP, "login", str(db_path), data_home=data_home)  # checks the file, records its clean close
        login = _best(_APP, "login", str(db_path), data_home=data_home)["login"]
        after = _best(_APP, "today", str(db_path), data_home=data_home)
    checked = _best(_APP, "login", str(db_path))["login"]
    today, figures = after["today"], after["figures"]
    kind = "bare-Qt floor: a new process importing PySide6, creating a QApplication and showing an empty QMainWindow"
    lines = [
        {"name": "startup_login_dialog", "seconds": round(login, 3), "baseline_seconds": round(floor, 3),
         "baseline_kind": kind, "target_seconds": TARGETS["startup_login_dialog"], "repeat": REPEAT},
        {"name": "startup_login_dialog_checked", "seconds": round(checked, 3), "baseline_seconds": round(floor, 3),
         "baseline_kind": kind, "target_seconds": TARGETS["startup_login_dialog"], "repeat": REPEAT},
        {"name": "startup_today_tab", "seconds": round(today, 3), "figures_seconds": round(figures, 3),
         "baseline_seconds": round(floor, 3), "baseline_kind": kind, "target_seconds": TARGETS["startup_today_tab"],
         "repeat": REPEAT},
        {"name": "startup_total", "seconds": round(login + today, 3), "baseline_seconds": round(floor, 3),
         "baseline_kind": kind, "target_seconds": TARGETS["startup_total"], "repeat": REPEAT},
    ]
    return lines
