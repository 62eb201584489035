"""`desk-app --self-test`: does this installation work? (R56; the bundle's own check, also in a checkout.)

On a temporary SQLite database, through the same services the commands and the GUI use: fill a
small demo, render one report and one form to PDF, check that every font in them is embedded and is
the Chinese one, sign and verify the report (reviewer and approver), export an Excel ledger, cut a
comment with jieba, load the PostgreSQL driver, read the translations, check what programs it starts
would load (the bundle's LD_LIBRARY_PATH), and build the main window with every tab offscreen
(QT_QPA_PLATFORM=offscreen unless set). Nothing of the user's is read or written: not the configured
database, not the settings (QSettings go to the temporary folder too).

Each step prints one line, `ok <step> <what it saw>`; the first failure prints `FAILED <step>` and the
error, the traceback goes to stderr, and the exit status is 1. All passed: exit 0. The lines are
English on purpose: they go into support tickets and CI logs, whatever the desk's language.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from desk_app import FROZEN, RESOURCES, __version__

#: The demo's size: enough for every figure of the monthly report, small enough to take a second.
DEMO_TICKETS = 120
#: A comment the word lists know: 响应 and 太慢 are terms, 响应太慢 their phrase.
COMMENT = "网络故障响应太慢，维修人员服务态度很好"


class StepFailed(Exception):
    """A step ran but what it saw is wrong (the message says what)."""


@dataclass
class SelfTestRun:
    """What the steps share: the temporary folder, the open database and what earlier steps made."""

    folder: Path
    db: Any = None
    admin: Any = None  # the demo's administrator (an Actor)
    period: str = ""  # the month of the demo's data, YYYY-MM
    report_id: int | None = None
    pdfs: dict[str, Path] = field(default_factory=dict)

    @property
    def db_path(self) -> Path:
        return self.folder / "desk.sqlite"


def _previous_month() -> date:
    """The last day of last month: the demo ends there, so the report has a whole month."""
    return date.today().replace(day=1) - timedelta(days=1)


# -- the steps ----------------------------------------------------------------------------------------
def step_database(run: SelfTestRun) -> str:
    from desk_app.services.opening import open_desk

    run.db = open_desk(run.db_path)
    return f"temporary SQLite file {run.db_path}"


def step_demo(run: SelfTestRun) -> str:
    from desk_app.demo import load_demo
    from desk_app.models import User
    from desk_app.services.actor import Actor

    until = _previous_month()
    result = load_demo(until=until, tickets=DEMO_TICKETS, seed=1)
    run.period = f"{until:%Y-%m}"
    run.admin = Actor.from_user(User.get(User.username == "admin"))
    return f"{result.tickets} tickets and {len(result.users)} users up to {until.isoformat()}"


def step_report(run: SelfTestRun) -> str:
    from desk_app.services import reports

    row = reports.generate(run.admin, "monthly-service", run.period, "zh_CN")
    run.report_id = row.id
    path = run.pdfs["report"] = reports.save_pdf(row.id, run.folder / "report.pdf")
    return f"monthly service report {row.number} v{row.report_version}, {path.stat().st_size} bytes"


def step_form(run: SelfTestRun) -> str:
    from desk_app.services import reports

    row = reports.print_form(run.admin, "improvement-table", None, "zh_CN")
    path = run.pdfs["form"] = reports.save_pdf(row.id, run.folder / "form.pdf")
    return f"improvement table {row.number}, {path.stat().st_size} bytes"


def _check_fonts(names: list[str], run: SelfTestRun) -> str:
    from desk_app.reports.font_check import pdf_fonts

    seen: set[str] = set()
    for name in names:
        fonts = pdf_fonts(run.pdfs[name].read_bytes())
        if fonts.not_embedded:
            raise StepFailed(f"{name}.pdf has fonts that are not embedded: {', '.join(fonts.not_embedded)}")
        if not fonts.embedded:
            raise StepFailed(f"{name}.pdf has no embedded font")
        seen.update(fonts.embedded)
    return ", ".join(sorted(seen))


def step_fonts(run: SelfTestRun) -> str:
    from desk_app.reports.fonts import find_cjk_font
    from desk_app.services import settings

    info = find_cjk_font(settings.get("pdf.font_path") or None)
    if not info.has_cjk:
        raise StepFailed(info.warning or "no Chinese TrueType font")
    embedded = _check_fonts(["report", "form"], run)
    return f"every font embedded ({embedded}); the Chinese font is {info.path}"


def step_signing(run: SelfTestRun) -> str:
    from desk_app.demo.people import DEMO_PASSWORD
    from desk_app.models import User
    from desk_app.services import report_verify, reports
    from desk_app.services.actor import Actor

    def actor(username: str) -> Actor:
        return Actor.from_user(User.get(User.username == username))

    row = reports.submit(run.admin, run.report_id, None)
    row = reports.review(actor("quality1"), row.id, row.version, DEMO_PASSWORD, "self-test")
    row = reports.approve(actor("manager1"), row.id, row.version, DEMO_PASSWORD, "self-test")
    path = run.pdfs["approved"] = reports.save_pdf(row.id, run.folder / "approved.pdf")
    check = report_verify.check_signed_file(path)
    if not check.ok:
        raise StepFailed("the approved file does not verify: " + "; ".join(check.problems()))
    _check_fonts(["approved"], run)
    return f"{row.number} reviewed and approved; verify: valid, {len(check.signatures.signatures)} signatures"


def step_excel(run: SelfTestRun) -> str:
    from openpyxl import load_workbook

    from desk_app.services.ledger import export_ledger

    path = run.folder / "ledger.xlsx"
    count = export_ledger(run.period, path)
    sheets = load_workbook(path, read_only=True).sheetnames
    if count <= 0:
        raise StepFailed(f"the ledger of {run.period} has no tickets")
    return f"ticket ledger of {run.period}: {count} tickets, sheets {', '.join(sheets)}"


def step_comments(run: SelfTestRun) -> str:
    from desk_app.services import comment_terms

    terms, phrases = comment_terms.segment(COMMENT)
    if not terms:
        raise StepFailed(f"jieba found no terms in {COMMENT!r}")
    return f"jieba: {' '.join(terms)} | {' '.join(phrases)}"


def step_mail(run: SelfTestRun) -> str:
    """The due jobs on the demo (no server set: the mail waits in the outbox), a message built, the keyring."""
    import keyring

    from desk_app.mail import Outgoing, SmtpSettings, build_message
    from desk_app.models import OutboxMessage
    from desk_app.services.due_jobs import run_due

    failed = [f"{o.job}: {o.error}" for o in run_due(run.admin) if o.status == "failed"]
    if failed:
        raise StepFailed("due jobs failed: " + "; ".join(failed))
    message = build_message(SmtpSettings(host="localhost", port=25, security="none", sender="desk@example.org"),
                            Outgoing(to=("customer@example.org",), subject=COMMENT, body=COMMENT), "example.org")
    if b"Subject: =?utf-8?" not in bytes(message):
        raise StepFailed("the Chinese subject was not encoded per RFC 2047")
    backend = keyring.get_keyring()
    return (f"due jobs ran, {OutboxMessage.select().count()} messages in the outbox; keyring backend "
            f"{type(backend).__module__}.{type(backend).__name__}")


def step_postgres_driver(run: SelfTestRun) -> str:
    import psycopg

    version = psycopg.pq.version()  # loads libpq
    return f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__}), libpq {version // 10000}.{version % 10000}"


def step_translations(run: SelfTestRun) -> str:
    from desk_app import i18n

    wanted = {"Tickets": "工单", "Draft": "草稿"}
    got = {text: i18n.translate("zh_CN", text) for text in wanted}
    if got != wanted:
        raise StepFailed(f"the zh_CN catalogue under {i18n.CATALOGUES} gives {got}")
    return f"zh_CN catalogue {i18n.CATALOGUES}"


def step_environment(run: SelfTestRun) -> str:
    """Programs the app starts (fc-list, pdftotext, pg_dump) must load the system's libraries: in the Linux
    bundle the bootloader puts its own folder on LD_LIBRARY_PATH, which packaging/entry.py undoes."""
    search = os.environ.get("LD_LIBRARY_PATH", "")
    bundle = getattr(sys, "_MEIPASS", None)
    folders = {Path(p).resolve() for p in search.split(os.pathsep) if p}
    if FROZEN and bundle and Path(bundle).resolve() in folders:
        raise StepFailed(f"LD_LIBRARY_PATH names the bundle ({search}): programs it starts would load its libraries")
    return f"LD_LIBRARY_PATH={search}" if search else "LD_LIBRARY_PATH not set"


def step_window(run: SelfTestRun) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, QThreadPool

    from desk_app import i18n
    from desk_app.ui.app import make_application, set_ui_language
    from desk_app.ui.context import AppContext
    from desk_app.ui.fonts import apply_ui_font, covers_chinese
    from desk_app.ui.main_window import MainWindow, TabError

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)  # not the registry, not the user's file
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(run.folder / "qsettings"))
    app = make_application()
    language = i18n.current_language()
    set_ui_language(app, "zh_CN")
    window = None
    try:
        qt_own = len(getattr(app, "_desk_translators", [])) == 2  # Qt's qtbase_zh_CN and the app's catalogue
        if not qt_own:
            raise StepFailed("Qt's own translation qtbase_zh_CN was not found")
        family = apply_ui_font(app)
        if not covers_chinese(family):
            raise StepFailed(f"the UI font {family} has no Chinese characters")
        window = MainWindow(AppContext(actor=run.admin, db_path=run.db_path), run.db)
        window.show()
        broken = [key for key in window.tab_widgets if isinstance(window.tab_widgets[key], TabError)]
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(30_000)  # the tabs' first loads, before the database closes
        app.processEvents()
        if broken:
            raise StepFailed(f"tabs that could not be built: {', '.join(broken)} (see the log)")
        titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        return f"platform {app.platformName()}, UI font {family}, {len(titles)} tabs: {' '.join(titles)}"
    finally:
        if window is not None:
            window.hide()
            window.deleteLater()
            app.processEvents()
        set_ui_language(app, language)


Step = tuple[str, Callable[[SelfTestRun], str]]

#: In order; each may use what the ones before it made.
STEPS: list[Step] = [
    ("database", step_database),
    ("demo", step_demo),
    ("report", step_report),
    ("form", step_form),
    ("fonts", step_fonts),
    ("signing", step_signing),
    ("excel", step_excel),
    ("comments", step_comments),
    ("mail", step_mail),
    ("postgres-driver", step_postgres_driver),
    ("translations", step_translations),
    ("environment", step_environment),
    ("window", step_window),
]


def _where() -> str:
    python = f"Python {sys.version.split()[0]}{' in UTF-8 mode' if sys.flags.utf8_mode else ''}"
    if FROZEN:
        return f"bundle {Path(sys.executable).resolve().parent}, {python}"
    return f"{python} {sys.executable}"


def run_self_test(out=None) -> int:
    """Run every step; 0 when all pass, else 1 after the first failing one (named on `out`)."""
    from desk_app.store.connection import close_database

    out = out or sys.stdout
    print(f"desk-app {__version__} self-test: {_where()}, resources {RESOURCES}", file=out, flush=True)
    width = max(len(name) for name, _ in STEPS)
    with tempfile.TemporaryDirectory(prefix="desk-app-self-test-") as folder:
        run = SelfTestRun(Path(folder))
        try:
            for name, step in STEPS:
                try:
                    seen = step(run)
                except Exception as exc:  # noqa: BLE001 - any failure is reported with its step
                    print(f"FAILED {name:<{width}}  {type(exc).__name__}: {exc}", file=out, flush=True)
                    traceback.print_exc(file=sys.stderr)
                    print(f"self-test failed at step {name}", file=out, flush=True)
                    return 1
                print(f"ok     {name:<{width}}  {seen}", file=out, flush=True)
        finally:
            if run.db is not None:
                close_database(run.db)  # before the folder goes (Windows keeps open files)
    print(f"self-test passed: {len(STEPS)} steps", file=out, flush=True)
    return 0
