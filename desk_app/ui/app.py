"""Start the GUI: language, fonts, crash handling, the database, first run, log-in, main window."""

import logging
import sys
from datetime import datetime
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TYPE_CHECKING

from peewee import SqliteDatabase
from platformdirs import user_log_dir
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desk_app import RESOURCES, i18n
from desk_app.errors import DatabaseCorrupt, DatabaseProblem
from desk_app.services import auth, settings
from desk_app.services.actor import Actor
from desk_app.services.opening import open_desk
from desk_app.store import backup, postgres
from desk_app.store.connection import close_database
from desk_app.ui.context import AppContext
from desk_app.ui.crash_dialog import install_excepthook
from desk_app.ui.fonts import apply_ui_font
from desk_app.ui.login_dialog import LoginDialog
from desk_app.ui.translator import CatalogueTranslator

if TYPE_CHECKING:  # imported when needed: the log-in dialog comes first and fast
    from desk_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

APP_NAME = "desk-app"
ICON = RESOURCES / "icons" / "desk-app.svg"


# -- process set-up --------------------------------------------------------------------------------
def setup_logging() -> Path | None:
    """Log to desk-app.log in the user log directory; return its path (None if it cannot be written)."""
    try:
        folder = Path(user_log_dir(APP_NAME))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "desk-app.log"
        handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Service Desk")
    if ICON.exists():
        app.setWindowIcon(QIcon(str(ICON)))
    return app


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load the app's and Qt's own Chinese translations; the caller keeps the returned objects alive."""
    for old in getattr(app, "_desk_translators", []):
        app.removeTranslator(old)
    installed: list[QTranslator] = []
    if language == "zh_CN":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt_own = QTranslator(app)
        if qt_own.load("qtbase_zh_CN", qt_dir):
            installed.append(qt_own)
        else:
            log.warning("translation qtbase_zh_CN not found in %s", qt_dir)
        installed.append(CatalogueTranslator(language, app))
        for translator in installed:
            app.installTranslator(translator)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    app._desk_translators = installed  # keep them alive as long as the application
    return installed


def set_ui_language(app: QCoreApplication, language: str) -> None:
    i18n.set_language(language)
    install_translators(app, language)


# -- database --------------------------------------------------------------------------------------
def _move_aside(path: Path) -> Path:
    """Rename a damaged database (and its WAL files) so a backup can take its place."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    path.replace(target)
    for suffix in ("-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            extra.replace(target.with_name(target.name + suffix))
    return target


def offer_restore(db_path: Path, problem: DatabaseCorrupt, parent: QWidget | None) -> bool:
    """Offer to replace a damaged database with its newest backup. True when restored."""
    backups = backup.list_backups(db_path)
    if not backups:
        title = QCoreApplication.translate("App", "Database damaged")
        text = QCoreApplication.translate("App", "{problem}\n\nThere is no backup of this database to restore.")
        QMessageBox.critical(parent, title, text.format(problem=problem))
        return False
    latest = backups[0]
    title = QCoreApplication.translate("App", "Database damaged")
    text = QCoreApplication.translate("App", "{problem}\n\nRestore the newest backup?\n{backup}\n\n"
                                      "The damaged file is kept beside it.")
    answer = QMessageBox.question(
        parent, title, text.format(problem=problem, backup=latest),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        damaged = _move_aside(db_path)
        backup.restore_database(latest, db_path)
    except (DatabaseProblem, OSError) as exc:
        text = QCoreApplication.translate("App", "The restore failed: {error}")
        QMessageBox.critical(parent, title, text.format(error=exc))
        return False
    log.warning("restored %s from %s; damaged file kept as %s", db_path, latest, damaged)
    return True


def open_db(db_path: Path, parent: QWidget | None = None) -> SqliteDatabase | None:
    """Open and migrate the database; explain known problems in a message box (None then)."""
    try:
        return open_desk(db_path)
    except DatabaseCorrupt as exc:
        if offer_restore(db_path, exc, parent):
            return open_db(db_path, parent)
        return None
    except DatabaseProblem as exc:
        QMessageBox.critical(parent, QCoreApplication.translate("App", "Cannot open the database"), str(exc))
        return None


def sign_in(db_path: Path, parent: QWidget | None = None) -> Actor | None:
    """First-run set-up when nobody can log in yet, then the log-in dialog. None when cancelled."""
    username = ""
    if auth.needs_first_admin():
        from desk_app.ui.first_run_dialog import FirstRunDialog

        first = FirstRunDialog(parent)
        if first.exec() != FirstRunDialog.DialogCode.Accepted:
            return None
        username = first.username
    login = LoginDialog(postgres.redact(db_path) if postgres.is_url(db_path) else db_path, username, parent)
    if login.exec() != LoginDialog.DialogCode.Accepted:
        return None
    return login.actor


# -- the running application -----------------------------------------------------------------------
class Session(QObject):
    """The open database, the logged-in user and their main window; reopens on File → Open/Restore."""

    def __init__(self, app: QApplication, db_path: Path, db: SqliteDatabase, log_path: Path | None):
        super().__init__(app)
        self.app = app
        self.db_path = db_path
        self.db = db
        self.log_path = log_path
        self.window: MainWindow | None = None

    def show_main(self, actor: Actor) -> "MainWindow":
        from desk_app.ui.main_window import MainWindow

        window = MainWindow(AppContext(actor=actor, db_path=self.db_path), self.db, self.log_path)
        window.open_requested.connect(self.open_other)
        window.restore_requested.connect(self.restore)
        old, self.window = self.window, window
        window.show()
        if old is not None:
            old.close()
            old.deleteLater()
        return window

    def _reopen(self, db_path: Path, restore_from: Path | None = None) -> bool:
        """Close the current database, optionally restore into it, open `db_path` and log in again."""
        old_path, parent = self.db_path, self.window
        close_database(self.db)
        restored = False
        if restore_from is not None:
            try:
                backup.restore_database(restore_from, db_path)
                restored = True
            except (DatabaseProblem, OSError) as exc:
                text = QCoreApplication.translate("App", "The restore failed: {error}")
                QMessageBox.critical(parent, QCoreApplication.translate("App", "Restore"), text.format(error=exc))
                db_path = old_path
        db = open_db(db_path, parent)
        if db is None:
            db_path, db = old_path, open_db(old_path, parent)
            if db is None:
                self.app.quit()
                return False
        self.db, self.db_path = db, db_path
        actor = sign_in(db_path, parent)
        if actor is None:
            if restore_from is None and db_path != old_path:  # back to the previous database and user
                close_database(db)
                self.db, self.db_path = open_desk(old_path), old_path
                return False
            self.app.quit()
            return False
        if restored:
            text = QCoreApplication.translate("App", "The database was restored from:\n{path}")
            title = QCoreApplication.translate("App", "Restore")
            QMessageBox.information(parent, title, text.format(path=restore_from))
        self.show_main(actor)
        return True

    def open_other(self, path: Path) -> bool:
        return self._reopen(Path(path).expanduser().resolve())

    def restore(self, source: Path) -> bool:
        return self._reopen(self.db_path, restore_from=Path(source))


def run_gui(db_path: Path | str, lang: str | None) -> int:
    """Entry point of the GUI (called by desk_app.cli). Returns the exit status."""
    log_path = setup_logging()
    app = make_application()
    install_excepthook(log_path)
    language = i18n.resolve_language(lang)
    set_ui_language(app, language)
    apply_ui_font(app)
    target = db_path if postgres.is_url(db_path) else Path(db_path).expanduser().resolve()
    log.info("starting: database %s, language %s", postgres.redact(target) if postgres.is_url(target) else target,
             language)
    db = open_db(target)
    if db is None:
        return 1
    if lang is None:
        chosen = settings.get("ui.language")
        if chosen and chosen != language:
            set_ui_language(app, str(chosen))
    session = Session(app, target, db, log_path)
    actor = sign_in(session.db_path)
    if actor is None:
        close_database(session.db)
        return 0
    session.show_main(actor)
    try:
        return app.exec()
    finally:
        close_database(session.db)
