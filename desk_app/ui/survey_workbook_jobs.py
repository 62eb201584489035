"""Workbooks of the Plans page (R29–R30, R51): one questionnaire per recipient written to a folder or mailed
(queued in the outbox), and the returned ones read back (files, a folder, or dropped on the page), each in a
worker thread with a window-modal progress dialog whose Cancel keeps what is done so far."""

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
)

from desk_app.errors import DeskError
from desk_app.io.excel_util import Cancelled
from desk_app.services import mail_settings, survey_export
from desk_app.services import survey_collection as sc
from desk_app.services import survey_plans as sp
from desk_app.services.survey_collection import ImportOutcome
from desk_app.services.survey_plans import PlanRow
from desk_app.ui import workers
from desk_app.ui.context import AppContext
from desk_app.ui.form_dialog import FormDialog, combo
from desk_app.ui.survey_workbook_dialogs import ExportResultDialog, ImportResultDialog, MailResultDialog
from desk_app.ui.widgets import show_error


class SurveyWorkbooksMixin:
    """Workbook export and import of the Plans page; the page provides `context`, `plan`, `may_collect`,
    `refresh()` and `_changed(plan_id)`."""

    context: AppContext
    plan: PlanRow | None
    may_collect: bool

    def _init_workbook_jobs(self) -> QPushButton:
        """No job running yet; drops taken if the user may collect; the Import returned… button and its menu."""
        self.worker: workers.Worker | None = None
        self.progress: QProgressDialog | None = None
        self.result_dialog: QDialog | None = None
        self.setAcceptDrops(self.may_collect)
        self.import_button = QPushButton(self.tr("&Import returned…"))
        self.import_button.setToolTip(self.tr("Import returned questionnaires: files or a whole folder "
                                              "(you can also drop them on this page)"))
        menu = QMenu(self.import_button)
        menu.addAction(self.tr("Files…"), self.import_files)
        menu.addAction(self.tr("A folder…"), self.import_folder)
        self.import_button.setMenu(menu)
        self.import_button.setVisible(self.may_collect)
        return self.import_button

    def _run(self, label_text: str, job, on_done) -> None:
        workers.run_page_job(self, self.tr("Surveys"), label_text, job, on_done, self._show_crash)

    def _show_crash(self, message: str, trace: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Unexpected error"), message,
                          QMessageBox.StandardButton.Close, self)
        box.setDetailedText(trace)
        box.open()
        self.result_dialog = box

    def _folder_setting(self, key: str) -> str:
        return str(QSettings().value(f"surveys/{key}", str(Path.home())))

    def export_workbooks(self) -> None:
        p = self.plan
        if p is None or self.worker is not None:
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the workbooks of {0}").format(p.number),
                                                  self._folder_setting("export_folder"))
        if not folder:
            return
        QSettings().setValue("surveys/export_folder", folder)
        v = self._workbook_options(self.tr("Export workbooks"),
                                   self.tr("One protected Excel questionnaire per recipient goes to {0}; the "
                                           "recipients are marked sent.").format(folder))
        if v is None:
            return
        actor = self.context.actor

        def job(progress, is_cancelled):
            try:
                return sp.export_workbooks(actor, p.id, folder, language=v["language"], only_unsent=v["only_unsent"],
                                           progress=progress, is_cancelled=is_cancelled)
            except DeskError as exc:  # returned, not raised: the message must reach the dialog as it is
                return exc

        self._run(self.tr("Writing the workbooks of {0}…").format(p.number), job,
                  lambda result, cancelled: self._export_done(p, folder, result, cancelled))

    def _workbook_options(self, title: str, intro: str) -> dict | None:
        """The language and "only those without a workbook" of an export or a mailing; None if cancelled."""
        p = self.plan
        only_unsent = QCheckBox(self.tr("Only recipients who have no workbook yet"))
        only_unsent.setChecked(p.sent > 0)
        only_unsent.setEnabled(p.sent > 0)
        fields = [("language", self.tr("Language of the questionnaire"),
                   combo([(self.tr("Chinese (简体中文)"), "zh_CN"), (self.tr("English"), "en")], "zh_CN")),
                  ("only_unsent", "", only_unsent)]
        options = FormDialog(title, fields, lambda v: v, self, intro)
        return options.result_value if options.exec() == QDialog.DialogCode.Accepted else None

    def mail_workbooks(self) -> None:
        """Queue each recipient's workbook as an e-mail in a worker; then who was queued and who has no address."""
        p = self.plan
        if p is None or self.worker is not None:
            return
        intro = self.tr("Each recipient with an e-mail address gets their protected Excel questionnaire by mail "
                        "and is marked sent; recipients without an address are listed afterwards.")
        if not mail_settings.is_configured():
            intro += "\n\n" + self.tr("No mail server is set yet: the messages wait in the outbox until one is "
                                        "set (Admin → Mail).")
        v = self._workbook_options(self.tr("Send by e-mail"), intro)
        if v is None:
            return
        actor = self.context.actor

        def job(progress, is_cancelled):
            try:
                return survey_export.mail_workbooks(actor, p.id, language=v["language"],
                                                    only_unsent=v["only_unsent"], progress=progress,
                                                    is_cancelled=is_cancelled)
            except DeskError as exc:  # returned, not raised: the message must reach the dialog as it is
                return exc

        self._run(self.tr("Queueing the workbooks of {0} for mailing…").format(p.number), job,
                  lambda result, cancelled: self._mail_done(p, result, cancelled))

    def _mail_done(self, plan: PlanRow, result: object, cancelled: bool) -> None:
        # the outbox delivers soon after: the main window listens to the change
        self._workbooks_done(plan, self.tr("Send by e-mail"), result, cancelled, MailResultDialog, self.tr(
            "The mailing was cancelled. The workbooks already queued go out and their recipients are marked sent; "
            "send again with “only recipients who have no workbook yet” to finish."))

    def _export_done(self, plan: PlanRow, folder: str, result: object, cancelled: bool) -> None:
        self._workbooks_done(plan, self.tr("Export workbooks"), result, cancelled, ExportResultDialog, self.tr(
            "The export was cancelled. The workbooks already written to {0} are kept and their recipients marked "
            "sent; export again with “only recipients who have no workbook yet” to finish.").format(folder))

    def _workbooks_done(self, plan: PlanRow, title: str, result: object, cancelled: bool, dialog,
                        cancelled_text: str) -> None:
        """After an export or a mailing: what was cancelled, the service's refusal, or the result's dialog."""
        self._changed(plan.id)
        if isinstance(result, Cancelled) or cancelled:
            QMessageBox.information(self, title, cancelled_text)
            return
        if isinstance(result, DeskError):
            show_error(self, result, title)
            return
        self.result_dialog = dialog(result, self)
        self.result_dialog.open()

    def import_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Returned questionnaires"),
                                                self._folder_setting("import_folder"), self.tr("Excel (*.xlsx)"))
        if paths:
            QSettings().setValue("surveys/import_folder", str(Path(paths[0]).parent))
            self.start_import(paths)

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of returned questionnaires"),
                                                  self._folder_setting("import_folder"))
        if folder:
            QSettings().setValue("surveys/import_folder", folder)
            self.start_import([folder])

    def start_import(self, paths: list[str]) -> None:
        if self.worker is not None or not self.may_collect:
            return
        actor = self.context.actor

        def job(progress, is_cancelled):
            # file by file (as survey_collection.import_paths does) so that a cancel keeps the outcomes so far
            files = sc.expand_paths(paths)
            outcomes: list[ImportOutcome] = []
            for done, path in enumerate(files):
                if is_cancelled():
                    break
                progress(done, len(files))
                outcomes.append(sc.import_file(actor, path))
            progress(len(files), max(len(files), 1))
            return outcomes

        self._run(self.tr("Reading the returned questionnaires…"), job, self._import_done)

    def _import_done(self, result: object, cancelled: bool) -> None:
        if isinstance(result, DeskError):
            show_error(self, result, self.tr("Import"))
            return
        outcomes: list[ImportOutcome] = list(result or [])
        if any(o.accepted for o in outcomes):
            self.context.events.changed.emit("survey")
            if any(o.complaint_numbers for o in outcomes):
                self.context.events.changed.emit("complaint")
            self.refresh()
        if not outcomes and not cancelled:
            QMessageBox.information(self, self.tr("Import"), self.tr("No .xlsx file was found there."))
            return
        self.result_dialog = ImportResultDialog(outcomes, self, cancelled)
        self.result_dialog.open()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if self.may_collect and event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.start_import(paths)
