"""The Excel ledger import and export of the Tickets tab (R34): file choice, a worker thread with
window-modal progress and cancel, and the report of what happened (problems named by row and field)."""

import importlib
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskError, ValidationError
from desk_app.ui import workers

LEDGER_FILTER = "Excel (*.xlsx)"


class ProblemsDialog(QDialog):
    """A message with a list of every problem (bad rows and columns of an import, warnings)."""

    def __init__(self, title: str, message: str, items: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ProblemsDialog")
        self.setWindowTitle(title)
        self.resize(640, 420)
        text = QLabel(message, self)
        text.setObjectName("message")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list = QListWidget(self)
        self.list.setObjectName("problems")
        self.list.addItems(items)
        self.list.setVisible(bool(items))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        if not items:
            self.resize(420, 140)


class MonthDialog(QDialog):
    """Which month to export (YYYY-MM)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export ledger"))
        self.month = QDateEdit(self)
        self.month.setObjectName("month")
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setDate(QDate.currentDate())
        form = QFormLayout()
        form.addRow(self.tr("&Month:"), self.month)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def value(self) -> str:
        d = self.month.date()
        return f"{d.year():04d}-{d.month():02d}"




class LedgerTransferMixin:
    """Import and export of the ledger; the tab provides `context`, `_fill_choices` and `report`."""

    def _problem(self, title: str, exc: DeskError) -> None:
        items = list(getattr(exc, "problems", []) or [])
        message = exc.args[0] if items and exc.args else str(exc)
        self._report(title, str(message), items)

    def _report(self, title: str, message: str, items: list[str]) -> None:
        self.report = ProblemsDialog(title, message, items, self)
        self.report.open()

    def _ledger(self):
        return importlib.import_module("desk_app.services.ledger")

    def _run(self, label_text: str, job, on_done) -> None:
        workers.run_page_job(self, self.tr("Service Desk"), label_text, job, on_done,
                             lambda message, trace: self._report(self.tr("Unexpected error"), message,
                                                                 trace.splitlines()))

    def import_ledger(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import ledger"), "", LEDGER_FILTER)
        if path:
            self.start_import(Path(path))

    def start_import(self, path: Path) -> None:
        ledger = self._ledger()
        actor = self.context.actor

        def job(progress, is_cancelled):
            try:
                return ledger.import_ledger(actor, path, progress=progress, is_cancelled=is_cancelled)
            except DeskError as exc:  # returned, not raised: the problems list must reach the dialog
                return exc

        self._run(self.tr("Importing {file}…").format(file=path.name), job, self._import_done)

    def _import_done(self, result: object, cancelled: bool) -> None:
        title = self.tr("Import ledger")
        if cancelled:
            self._report(title, self.tr("The import was cancelled; nothing was changed."), [])
            return
        if isinstance(result, ValidationError):
            self._problem(title, result)
            return
        if isinstance(result, DeskError):
            self._report(title, str(result), [])
            return
        count = getattr(result, "count", 0)
        warnings = list(getattr(result, "warnings", ()) or ())
        for what, names in ((self.tr("New technicians"), getattr(result, "created_technicians", ())),
                            (self.tr("New teams"), getattr(result, "created_teams", ())),
                            (self.tr("New customer units"), getattr(result, "created_units", ()))):
            if names:
                warnings.append(f"{what}: {', '.join(names)}")
        self.context.events.changed.emit("ticket")
        if getattr(result, "created_technicians", ()) or getattr(result, "created_teams", ()):
            self.context.events.changed.emit("user")
        self._fill_choices()
        self._report(title, self.tr("%n ticket(s) imported.", "", count), warnings)

    def export_ledger(self) -> None:
        months = MonthDialog(self)
        if months.exec() != QDialog.DialogCode.Accepted:
            return
        month = months.value()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export ledger"), f"ledger-{month}.xlsx", LEDGER_FILTER)
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self.start_export(month, Path(path))

    def start_export(self, month: str, path: Path) -> None:
        ledger = self._ledger()

        def job(progress, is_cancelled):
            try:
                return ledger.export_ledger(month, path, progress=progress, is_cancelled=is_cancelled)
            except DeskError as exc:
                return exc

        self._run(self.tr("Exporting {month}…").format(month=month), job,
                  lambda result, cancelled: self._export_done(result, cancelled, path))

    def _export_done(self, result: object, cancelled: bool, path: Path) -> None:
        title = self.tr("Export ledger")
        if cancelled:
            self._report(title, self.tr("The export was cancelled; no file was written."), [])
        elif isinstance(result, DeskError):
            self._problem(title, result)
        else:
            self._report(title, self.tr("%n ticket(s) exported to {path}.", "", int(result or 0)).format(path=path),
                         [])
