""""Print form…" buttons of the single forms (R19, R24, R26): make the PDF, save it, open it.

`print_form_pdf` asks where to save, builds the form with `services.reports.print_form` in a
worker thread (window-modal progress; the PDF is stored as a draft report), writes the file and
opens it in the system's PDF viewer, from where it is printed. Shared by the revisit form, the
complaints tab (customer complaint feedback form) and the improvement tab (tracking table).
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from desk_app.ui import workers
from desk_app.ui.context import AppContext


def print_form_pdf(parent: QWidget, context: AppContext, kind: str, record_id: int | None, file_stem: str,
                   title: str) -> tuple[workers.Worker, QProgressDialog] | None:
    """Ask for a file, then make the form's PDF there in the background; None when cancelled.

    The caller keeps the returned (worker, progress dialog) so that tests can wait for it.
    """
    from desk_app.services import reports

    actor = context.actor
    return print_report_pdf(parent, context, lambda progress: reports.print_form(actor, kind, record_id,
                                                                                 progress=progress),
                            file_stem, title)


def print_report_pdf(parent: QWidget, context: AppContext, make: Callable[[object], object], file_stem: str,
                     title: str) -> tuple[workers.Worker, QProgressDialog] | None:
    """Ask for a file, then store a report made by `make(progress)` and write its PDF there; open it."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / f"{file_stem}.pdf"), "PDF (*.pdf)")
    if not path:
        return None
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    from desk_app.services import reports

    def job(progress, _cancelled):
        return reports.save_pdf(make(progress).id, path)

    def finished(saved) -> None:
        context.events.changed.emit("report")
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(saved)))

    def failed(message: str, _trace: str) -> None:
        QMessageBox.warning(parent, title, message)

    label = QCoreApplication.translate("FormPrint", "Making the PDF…")
    return workers.start_with_progress(parent, label, job, finished, failed)
