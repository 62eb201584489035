"""What a workbook export, mailing or import of the Plans page did (R30, R51): the workbooks written or
queued, and every returned file's outcome, each in its own dialog so the user can copy or open it."""

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.services import survey_plans as sp
from desk_app.services.survey_collection import ImportOutcome
from desk_app.services.survey_export import MailResult
from desk_app.services.survey_plans import ExportResult
from desk_app.ui.widgets import readable

REJECTED_COLOR = QColor("#b00020")
ACCEPTED_COLOR = QColor("#2e7d32")


class ExportResultDialog(QDialog):
    """The workbooks just written, with a button that opens their folder."""

    def __init__(self, result: ExportResult, parent: QWidget | None = None, note: str = ""):
        super().__init__(parent)
        self.result = result
        self.setWindowTitle(self.tr("Workbooks of {0}").format(result.plan_number))
        summary = QLabel(self.tr("{0} workbooks written to {1}. Survey plan {2} is now {3}.").format(
            len(result.files), result.folder, result.plan_number, sp.state_label(result.state)) + note)
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.files = QListWidget()
        self.files.addItems([p.name for p in result.files])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = buttons.addButton(self.tr("&Open folder"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self.open_folder)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.files, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self.open_button.setFocus()

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.folder)))


class MailResultDialog(QDialog):
    """Who was queued a workbook by mail, and who has no address (their workbooks go out by hand)."""

    def __init__(self, result: MailResult, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Workbooks of {0} by e-mail").format(result.plan_number))
        text = self.tr("{0} workbooks queued for mailing. Survey plan {1} is now {2}.").format(
            result.queued, result.plan_number, sp.state_label(result.state))
        if result.no_address:
            text += " " + self.tr("{0} recipients have no e-mail address: export their workbooks to a folder "
                                  "(only recipients who have no workbook yet) and hand them over.").format(
                len(result.no_address))
        self.summary = QLabel(text)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.queued = QListWidget()
        self.queued.addItems(list(result.queued_to))
        self.missing = QListWidget()
        self.missing.addItems(result.no_address)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("Queued:")))
        layout.addWidget(self.queued, 2)
        if result.no_address:
            layout.addWidget(QLabel(self.tr("Without an e-mail address:")))
            layout.addWidget(self.missing, 1)
        layout.addWidget(buttons)
        self.resize(640, 460)


class ImportResultDialog(QDialog):
    """Every file's outcome of an import (R30): accepted, or rejected with the reason and the rows."""

    FILE, RESULT, PLAN, REASON = range(4)

    def __init__(self, outcomes: list[ImportOutcome], parent: QWidget | None = None, cancelled: bool = False):
        super().__init__(parent)
        self.outcomes = outcomes
        self.setWindowTitle(self.tr("Returned questionnaires"))
        accepted = sum(o.accepted for o in outcomes)
        text = self.tr("{0} files: {1} accepted, {2} rejected.").format(len(outcomes), accepted,
                                                                         len(outcomes) - accepted)
        if cancelled:
            text += " " + self.tr("The import was cancelled: the files not listed were not read.")
        complaints = [n for o in outcomes for n in o.complaint_numbers]
        if complaints:
            text += " " + self.tr("Very dissatisfied answers opened complaints {0}.").format(", ".join(complaints))
        self.summary = QLabel(text)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(len(outcomes), 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Result"), self.tr("Plan"), self.tr("Reason")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.FILE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.RESULT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.PLAN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.REASON, QHeaderView.ResizeMode.Stretch)
        for row, o in enumerate(outcomes):
            reason = o.reason
            if o.accepted and o.findings:
                reason += self.tr(" ({0} findings)").format(o.findings)
            if o.problems:
                reason += "\n" + "\n".join(f"• {p}" for p in o.problems)
            cells = (Path(o.file).name, self.tr("Accepted") if o.accepted else self.tr("Rejected"), o.plan_number,
                     reason)
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if col == self.FILE:
                    item.setToolTip(o.file)
                if col == self.RESULT:
                    item.setForeground(readable(ACCEPTED_COLOR if o.accepted else REJECTED_COLOR, self))
                self.table.setItem(row, col, item)
        self.table.resizeColumnToContents(self.FILE)
        self.table.setColumnWidth(self.FILE, min(self.table.columnWidth(self.FILE), 280))
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("&Copy report"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.setToolTip(self.tr("Copy every file's outcome as text, e.g. to paste into an e-mail"))
        copy.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 460)

    def report_text(self) -> str:
        return "\n".join([self.summary.text(), *(o.text() for o in self.outcomes)])

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())
