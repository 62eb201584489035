"""Screenshots of every tab for the README, in Chinese, from a demo database.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py [OUT_DIR]   (default: docs/)

A temporary database gets the demo data (until 2026-10-31, 600 tickets, seed 1); the windows are
built for the demo users (admin; a dispatcher and a team lead where their view shows more),
grabbed with QWidget.grab() and saved as screenshot-<name>.png. Nothing of the user's own
settings or data is touched (QSettings go to the temporary folder too).
"""

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from desk_app.demo import load_demo  # noqa: E402
from desk_app.demo.people import DEMO_PASSWORD as DEMO  # noqa: E402
from desk_app.services import auth  # noqa: E402
from desk_app.services.opening import open_desk  # noqa: E402
from desk_app.store.connection import close_database
from desk_app.ui.app import make_application, set_ui_language  # noqa: E402
from desk_app.ui.context import AppContext  # noqa: E402
from desk_app.ui.fonts import apply_ui_font  # noqa: E402
from desk_app.ui.main_window import MainWindow  # noqa: E402

SIZE = (1440, 880)


def settle(ms: int = 400) -> None:
    QTest.qWait(ms)


def window_for(db, db_path: Path, username: str, password: str) -> MainWindow:
    actor = auth.authenticate(username, password)
    window = MainWindow(AppContext(actor=actor, db_path=db_path), db)
    window.db_label.setText("~/.local/share/desk-app/desk.sqlite")  # not the temporary file
    window.resize(*SIZE)
    window.show()
    settle()
    return window


def grab(window: MainWindow, out: Path, name: str) -> Path:
    settle()
    today = window.tab_widgets["today"]
    if window.tabs.currentWidget() is today:
        for _ in range(300):  # Today's figures come from a worker
            if today.loaded:
                break
            settle(100)
        settle()
    path = out / f"screenshot-{name}.png"
    window.grab().save(str(path))
    print("wrote", path)
    return path


def select_first(table) -> None:
    if table.row_count():
        table.view.selectRow(0)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs"
    out.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix="desk-shots-"))
    app = make_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(temp / "settings"))
    apply_ui_font(app)
    set_ui_language(app, "zh_CN")
    db_path = temp / "demo.sqlite"
    db = open_desk(db_path)
    load_demo(until=date(2026, 10, 31), tickets=600, seed=1)
    # the demo has no generated report yet: draft, submit and review (a signature) October's service report
    from desk_app.services import reports

    report = reports.generate(auth.authenticate("admin", "admin123"), "monthly-service", "2026-10", "zh_CN")
    report = reports.submit(auth.authenticate("manager1", DEMO), report.id, report.version)
    reports.review(auth.authenticate("quality1", DEMO), report.id, report.version, DEMO)

    admin = window_for(db, db_path, "admin", "admin123")
    shots = []
    for key in ("today", "tickets", "complaints", "improvement", "surveys", "reports"):
        admin.tabs.setCurrentWidget(admin.tab_widgets[key])
        tab = admin.tab_widgets[key]
        if key in ("complaints", "improvement", "reports"):
            select_first(tab.table)
        if key == "surveys":
            plans = tab.page("plans")
            select_first(plans.table)
        shots.append(grab(admin, out, key))
    # the global search popup
    dialog = admin.open_search()
    from collections import Counter

    from desk_app.models import Ticket

    surname = Counter(name[:1] for (name,) in Ticket.select(Ticket.reporter_name).tuples()).most_common(1)[0][0]
    dialog.edit.setText(surname)  # a reporter's surname: one Chinese character is enough
    dialog.search()
    settle()
    popup = out / "screenshot-search.png"
    dialog.grab().save(str(popup))
    print("wrote", popup)
    dialog.reject()
    admin.close()

    dispatcher = window_for(db, db_path, "dispatch1", DEMO)
    dispatcher.tabs.setCurrentWidget(dispatcher.tab_widgets["callbacks"])
    grab(dispatcher, out, "callbacks")
    dispatcher.tabs.setCurrentWidget(dispatcher.tab_widgets["today"])
    grab(dispatcher, out, "today-dispatcher")
    dispatcher.close()

    lead = window_for(db, db_path, "lead1", DEMO)
    callbacks_tab = lead.tab_widgets["callbacks"]
    lead.tabs.setCurrentWidget(callbacks_tab)
    forms = callbacks_tab.show_page("revisits")
    select_first(forms.table)
    grab(lead, out, "callbacks-teamlead")
    lead.close()
    close_database(db)


if __name__ == "__main__":
    main()
