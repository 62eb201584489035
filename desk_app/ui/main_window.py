"""The main window: the tabs of tab_registry, the File/Admin/Help menus, and a status bar."""

import contextlib
import logging
import platform
import traceback
from collections.abc import Iterator, Mapping
from pathlib import Path

from peewee import SqliteDatabase
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal, qVersion
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app import __version__
from desk_app.errors import DeskError
from desk_app.models.enums import Role
from desk_app.services import maintenance, undo
from desk_app.services.permissions import Permission, can
from desk_app.store import backup, postgres
from desk_app.ui import tab_registry
from desk_app.ui.context import AppContext
from desk_app.ui.due_jobs_runner import DueJobsRunner
from desk_app.ui.widgets import confirm, role_names, show_error

log = logging.getLogger(__name__)

DB_FILTER = "SQLite (*.sqlite *.sqlite3 *.db);;*"
PG_BACKUP_FILTER = "PostgreSQL backups (*.pgdump *.jsonl);;*"

#: Which tab shows a record of each kind (the kinds of services.today.KINDS and of the global search).
KIND_TABS = {
    "ticket": "tickets",
    "callback": "callbacks",
    "revisit": "callbacks",
    "complaint": "complaints",
    "improvement": "improvement",
    "report": "reports",
    "survey_plan": "surveys",
}


class TabError(QWidget):
    """Shown in place of a tab whose widget could not be built, so the other tabs still work."""

    def __init__(self, title: str, exc: BaseException, parent: QWidget | None = None):
        super().__init__(parent)
        text = QLabel(self.tr("The tab “{title}” could not be opened: {error}\n\nThe other tabs work as usual; "
                              "the details are in the log file.").format(title=title, error=exc), self)
        text.setObjectName("tab_error")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(text)


class _TabWidgets(Mapping):
    """`window.tab_widgets[key]`: the tab's widget, built on first access like a tab shown."""

    def __init__(self, window: "MainWindow"):
        self._window = window

    def __getitem__(self, key: str) -> QWidget:
        widget = self._window.tab_widget(key)
        if widget is None:
            raise KeyError(key)
        return widget

    def __iter__(self) -> Iterator[str]:
        return iter(self._window._specs)

    def __len__(self) -> int:
        return len(self._window._specs)


class MainWindow(QMainWindow):
    """Emits `open_requested` / `restore_requested`; the application closes and reopens the database."""

    open_requested = Signal(Path)  # another database file was chosen
    restore_requested = Signal(Path)  # a backup file was chosen and confirmed

    def __init__(self, context: AppContext, db: SqliteDatabase, log_path: Path | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.db = db
        self.log_path = log_path
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("Service Desk"))
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.tab_widgets = _TabWidgets(self)  # tab key -> widget, built on first access
        self.tab_titles: dict[str, str] = {}
        self.search_dialog = None  # the global search popup (Ctrl+K), built on first use
        self._build_tabs()
        self._build_menus()
        self._build_status_bar()
        self.resize(1200, 760)
        self._restore_geometry()
        self._build_shown(self.tabs.currentIndex())
        self.due_jobs = DueJobsRunner(context, self)
        self.due_jobs.problem.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        self.due_jobs.start()

    # -- building ----------------------------------------------------------------------------------
    def _build_tabs(self) -> None:
        """One tab per registry entry; only the tab on screen is built (the rest on first show)."""
        self._specs = {spec.key: spec for spec in tab_registry.tabs()}
        self._pages: dict[str, QWidget] = {}  # the placeholder until the tab is built, then the tab
        self._built: set[str] = set()
        for key, spec in self._specs.items():
            title = QCoreApplication.translate("Tabs", spec.title)
            page = QWidget(self.tabs)
            page.setObjectName(f"tab_{key}")
            self.tabs.addTab(page, title)
            self._pages[key] = page
            self.tab_titles[key] = title
        self.tabs.currentChanged.connect(self._build_shown)
        self.context.events.open_record.connect(self.open_record)

    def _build_shown(self, index: int) -> None:
        page = self.tabs.widget(index)
        key = next((k for k, w in self._pages.items() if w is page), None)
        if key is not None:
            self.tab_widget(key)

    def tab_widget(self, key: str) -> QWidget | None:
        """The widget of a tab, built now if it has not been shown yet (None for an unknown key)."""
        spec = self._specs.get(key)
        if spec is None:
            return None
        if key in self._built:
            return self._pages[key]
        self._built.add(key)
        title = self.tab_titles[key]
        try:
            widget = spec.factory(self.context, self.tabs)
        except Exception as exc:  # a broken tab must not break the window
            log.error("tab %s failed to build\n%s", key, traceback.format_exc())
            widget = TabError(title, exc, self.tabs)
        widget.setObjectName(f"tab_{key}")
        placeholder = self._pages[key]
        index = self.tabs.indexOf(placeholder)
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)  # the swap is not a change of tab
        try:
            text = self.tabs.tabText(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, widget, text)
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(False)
        self._pages[key] = widget
        placeholder.deleteLater()
        if hasattr(widget, "count_changed"):
            widget.count_changed.connect(lambda n, k=key: self.set_tab_count(k, n))
            self.set_tab_count(key, int(getattr(widget, "count", 0)))  # counted before we listened
        return widget

    def set_tab_count(self, key: str, count: int) -> None:
        """The number of lines needing action in a tab's title: "Today (3)"; just "Today" at zero."""
        widget = self._pages.get(key)
        if widget is None:
            return
        title = self.tab_titles[key]
        self.tabs.setTabText(self.tabs.indexOf(widget), f"{title} ({count})" if count else title)

    def open_record(self, kind: str, record_id: int) -> bool:
        """Show a record in its tab: from the Today tab's lines and the global search."""
        if kind == "outbox":
            return self.open_outbox(record_id) is not None
        key = KIND_TABS.get(kind)
        widget = self.tab_widgets.get(key) if key else None
        if widget is None:
            log.warning("no tab opens records of kind %r", kind)
            return False
        self.tabs.setCurrentWidget(widget)
        opener = getattr(widget, "open_record", None)
        if opener is None:
            return False
        try:
            opened = bool(opener(kind, record_id))
        except DeskError as exc:
            self.show_problem(exc)
            return False
        if not opened:
            self.statusBar().showMessage(self.tr("That record cannot be shown here."), 5000)
        return opened

    def open_search(self):
        """Ctrl+K: the global search popup (numbers, reporter names, phone numbers)."""
        from desk_app.ui.global_search_dialog import GlobalSearchDialog

        if self.search_dialog is None:
            self.search_dialog = GlobalSearchDialog(self.context, self)
            self.search_dialog.open_record.connect(self.open_record)
        self.search_dialog.edit.selectAll()
        self.search_dialog.open()
        self.search_dialog.edit.setFocus()
        return self.search_dialog

    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.search_action = self._action(self.tr("&Find a record…"), self.open_search, "Ctrl+K")
        self.search_action.setToolTip(self.tr("Find a ticket, complaint, revisit form or project by number, "
                                              "reporter name or phone (Ctrl+K)"))
        self.search_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        file_menu.addAction(self.search_action)
        file_menu.addSeparator()
        self.open_action = self._action(self.tr("&Open database…"), self.choose_database, QKeySequence.StandardKey.Open)
        self.backup_action = self._action(self.tr("&Back up now"), self.backup_now)
        self.restore_action = self._action(self.tr("&Restore…"), self.choose_restore)
        self.quit_action = self._action(self.tr("&Quit"), self.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        allowed = can(self.context.actor, Permission.BACKUP_RESTORE)
        self.backup_action.setVisible(allowed)
        self.restore_action.setVisible(allowed)
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self._action(self.tr("&Undo my last edit…"), self.undo_last_edit, "Ctrl+Alt+Z")
        self.undo_action.setToolTip(self.tr("Put back the values your last field edit replaced (within 30 "
                                            "minutes, if nobody changed them since)"))
        edit_menu.addAction(self.undo_action)
        edit_menu.aboutToShow.connect(self._update_undo_action)

        self.admin_menu = bar.addMenu(self.tr("&Admin"))
        self.admin_action = self._action(self.tr("&Users, teams, units and settings…"), self.open_admin)
        self.outbox_action = self._action(self.tr("&Outbox…"), lambda: self.open_outbox())
        self.admin_menu.addAction(self.admin_action)
        self.admin_menu.addAction(self.outbox_action)
        is_admin = self.context.actor.has_role(Role.ADMIN)
        self.admin_action.setVisible(is_admin)
        self.outbox_action.setVisible(is_admin)
        self.admin_menu.menuAction().setVisible(is_admin)

        help_menu = bar.addMenu(self.tr("&Help"))
        self.shortcuts_action = self._action(self.tr("&Keyboard shortcuts"), self.show_shortcuts,
                                             QKeySequence.StandardKey.HelpContents)
        self.about_action = self._action(self.tr("&About Service Desk"), self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

        for i in range(min(self.tabs.count(), 9)):
            switch = QAction(self)
            switch.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            switch.triggered.connect(lambda _checked=False, index=i: self.tabs.setCurrentIndex(index))
            self.addAction(switch)

    def _build_status_bar(self) -> None:
        actor = self.context.actor
        self.user_label = QLabel(self.tr("{name} ({roles})").format(name=actor.full_name,
                                                                    roles=role_names(actor.roles)), self)
        self.user_label.setObjectName("user_label")
        self.db_label = QLabel(self.context.db_shown, self)
        self.db_label.setObjectName("db_label")
        self.db_label.setToolTip(self.tr("Database file"))
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.db_label)

    # -- geometry ----------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        stored = QSettings()
        geometry = stored.value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = stored.value("main_window/state")
        if state is not None:
            self.restoreState(state)
        index = stored.value("main_window/tab", 0)
        with contextlib.suppress(TypeError, ValueError):
            self.tabs.setCurrentIndex(int(index))

    def save_geometry(self) -> None:
        stored = QSettings()
        stored.setValue("main_window/geometry", self.saveGeometry())
        stored.setValue("main_window/state", self.saveState())
        stored.setValue("main_window/tab", self.tabs.currentIndex())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self.save_geometry()
        self.due_jobs.stop()
        super().closeEvent(event)

    # -- File menu ---------------------------------------------------------------------------------
    def choose_database(self) -> None:
        # a save dialog, so that a new file name creates a new database
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Open or create a database"),
                                              str(self.context.db_folder), DB_FILTER,
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.open_requested.emit(Path(path))

    def backup_now(self) -> Path | None:
        try:
            saved, keep = maintenance.backup_now(self.context.actor, self.db, self.context.db_path)
        except (DeskError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Back up"), self.tr("The backup failed: {error}").format(error=exc))
            return None
        QMessageBox.information(self, self.tr("Back up"),
                                self.tr("The database was backed up to:\n{path}\n\nThe newest {keep} backups "
                                        "are kept.").format(path=saved, keep=keep))
        return saved

    def choose_restore(self) -> None:
        try:
            maintenance.authorise_restore(self.context.actor)
        except DeskError as exc:
            QMessageBox.warning(self, self.tr("Restore"), str(exc))
            return
        folder = backup.backup_dir_for(self.context.db_path)
        start = folder if folder.exists() else self.context.db_folder
        on_server = postgres.is_url(self.context.db_path)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Restore from backup"), str(start),
                                              PG_BACKUP_FILTER if on_server else DB_FILTER)
        if not path:
            return
        if on_server:
            question = self.tr(
                "Replace ALL the data of the PostgreSQL database with the backup\n{source}?\n\nThe current data is "
                "backed up first. The restore is one transaction: it replaces everything or, on any error, "
                "nothing. Other workstations using the desk wait while it runs and then see the restored "
                "data; tell their users first. You will have to log in again.")
        else:
            question = self.tr("Replace the current database with the backup\n{source}?\n\nThe current database "
                               "is backed up first. You will have to log in again.")
        answer = QMessageBox.question(
            self, self.tr("Restore"), question.format(source=path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_requested.emit(Path(path))

    # -- Admin and Help ----------------------------------------------------------------------------
    def open_admin(self) -> None:
        if not self.context.actor.has_role(Role.ADMIN):
            return
        from desk_app.ui.admin_dialog import AdminDialog

        dialog = AdminDialog(self.context, self)
        dialog.exec()

    def open_outbox(self, message_id: int | None = None):
        """The outbox dialog (Admin menu, Today's "Mail not delivered" lines), on one message if given."""
        if not can(self.context.actor, Permission.MANAGE_SETTINGS):
            return None
        from desk_app.ui.outbox_view import OutboxDialog

        dialog = OutboxDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if message_id is not None:
            dialog.page.select(message_id)
        dialog.open()
        return dialog

    def _update_undo_action(self) -> None:
        offer = undo.last_undoable(self.context.actor)
        self.undo_action.setEnabled(offer is not None)

    def undo_last_edit(self) -> bool:
        """Edit → Undo my last edit: show what would be put back, ask, then undo (issue 8)."""
        offer = undo.last_undoable(self.context.actor)
        if offer is None:
            QMessageBox.information(self, self.tr("Undo"), self.tr("There is no recent edit of yours to undo."))
            return False
        question = self.tr("Undo your edit of {time} ({record}), putting back: {fields}?").format(
            time=f"{offer.at:%H:%M}", record=offer.record, fields=", ".join(offer.fields))
        if not confirm(self, self.tr("Undo"), question):
            return False
        try:
            undo.undo(self.context.actor, offer.audit_id)
        except DeskError as exc:
            show_error(self, exc)
            return False
        self.context.events.changed.emit(offer.kind)
        self.statusBar().showMessage(self.tr("Edit undone."), 5000)
        return True

    def shortcuts_text(self) -> str:
        """Every keyboard shortcut of the window, its tabs and dialogs (keep in step with the code:
        grep for QShortcut, QKeySequence and setShortcut)."""

        def native(key: QKeySequence.StandardKey) -> str:
            return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)

        save, new, refresh = (native(QKeySequence.StandardKey.Save), native(QKeySequence.StandardKey.New),
                              native(QKeySequence.StandardKey.Refresh))
        groups = [
            (self.tr("Everywhere"), [
                (f"Ctrl+1 … Ctrl+{self.tabs.count()}", self.tr("Switch to tab 1 … {n}").format(n=self.tabs.count())),
                ("Ctrl+K", self.tr("Find a record by number, reporter name or phone")),
                ("Ctrl+Alt+Z", self.tr("Undo my last edit")),
                (native(QKeySequence.StandardKey.Open), self.tr("Open another database file")),
                ("Ctrl+Q", self.tr("Quit")),
                ("F1", self.tr("This list")),
                ("Enter", self.tr("In the log-in dialog: log in")),
                ("Esc", self.tr("Close a dialog without saving")),
            ]),
            (self.tab_titles.get("today", ""), [
                ("Enter", self.tr("Open the selected line's record")),
                (refresh, self.tr("Reload the list")),
            ]),
            (self.tab_titles.get("tickets", ""), [
                (new, self.tr("New ticket")),
                ("Enter", self.tr("Open the selected ticket")),
                ("Ctrl+Shift+K", self.tr("Knowledge base")),
                (refresh, self.tr("Reload the list")),
                (f"{save} / Ctrl+Enter", self.tr("In the ticket form: save")),
                (native(QKeySequence.StandardKey.Find), self.tr("In the knowledge base: go to the search box")),
            ]),
            (self.tab_titles.get("callbacks", ""), [
                ("Enter", self.tr("Open the selected callback or revisit form")),
                (save, self.tr("Save the callback, the self-evaluation or the revisit form")),
            ]),
            (self.tr("Complaints, improvement, surveys"), [
                (new, self.tr("New complaint, project or survey plan")),
                ("Ctrl+R", self.tr("Findings: review the selected finding")),
                (refresh, self.tr("Survey analysis: compute again")),
                ("Ctrl+Ins / Ctrl+Del", self.tr("Questionnaire editor: add or remove a question")),
                ("Ctrl+Up / Ctrl+Down", self.tr("Questionnaire editor: move a question")),
            ]),
            (self.tr("Outbox"), [
                ("Delete", self.tr("Cancel the selected message")),
                (refresh, self.tr("Reload the list")),
            ]),
            (self.tr("Dialogs"), [
                (f"Ctrl+Enter / {save}", self.tr("Confirm the dialog (OK)")),
            ]),
        ]
        body = []
        for title, rows in groups:
            body.append(f"<tr><td colspan='2'><br><i>{title}</i></td></tr>")
            body.extend(f"<tr><td><b>{key}</b></td><td>&nbsp;&nbsp;{text}</td></tr>" for key, text in rows)
        return f"<table>{''.join(body)}</table>"

    def show_shortcuts(self) -> None:
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), self.shortcuts_text())

    def about_text(self) -> str:
        return self.tr(
            "<h3>Service Desk {version}</h3>"
            "<p>Tickets, callbacks, complaints, improvement projects, surveys and signed reports for a small "
            "IT service desk.</p>"
            "<p>Database: {db}<br>Log file: {log}<br>Qt {qt}, PySide6 {pyside}, Python {python}</p>"
        ).format(version=__version__, db=self.context.db_shown, log=self.log_path or "-", qt=qVersion(),
                 pyside=pyside_version, python=platform.python_version())

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Service Desk"), self.about_text())

    def show_problem(self, exc: DeskError) -> None:
        show_error(self, exc)
