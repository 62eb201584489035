"""Long work off the GUI thread: a QRunnable with a QObject carrying progress/finished/failed.

The job is a plain function `job(progress, is_cancelled)`; `progress(done, total)` may be called
from the worker thread and arrives in the GUI thread as a queued signal. peewee keeps one
connection per thread, so the worker closes its own connection when the job ends.
"""

import logging
import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desk_app.errors import DeskError
from desk_app.models import database_proxy

log = logging.getLogger(__name__)

Job = Callable[[Callable[[int, int], None], Callable[[], bool]], object]


class WorkerSignals(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the job's result
    failed = Signal(str, str)  # message, traceback ('' for a DeskError the user can act on)


class Worker(QRunnable):
    def __init__(self, job: Job):
        super().__init__()
        self.setAutoDelete(False)  # the caller keeps it; the signals object must outlive run()
        self.job = job
        self.signals = WorkerSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> None:
        self.signals.progress.emit(int(done), int(total))

    def run(self) -> None:
        try:
            result = self.job(self._progress, self.is_cancelled)
        except DeskError as exc:
            self.signals.failed.emit(str(exc), "")
        except Exception as exc:  # shown in the crash dialog by the caller
            log.exception("background job failed")
            self.signals.failed.emit(str(exc) or type(exc).__name__, traceback.format_exc())
        else:
            self.signals.finished.emit(result)
        finally:
            if database_proxy.obj is not None and not database_proxy.is_closed():
                database_proxy.close()  # this thread's connection only


_running: set[Worker] = set()

Finished = Callable[[object], None]
Failed = Callable[[str, str], None]


def _keep_until_reported(worker: Worker) -> None:
    """Hold a reference until the worker has reported, and a little longer.

    The release is deferred to the next event-loop turn so that every queued slot of this report
    is delivered before the signals object can be collected.
    """
    _running.add(worker)

    def release(*_args: object) -> None:
        QTimer.singleShot(0, lambda: _running.discard(worker))

    worker.signals.finished.connect(release)
    worker.signals.failed.connect(release)


def start(job: Job, on_finished: Finished, on_failed: Failed, pool: QThreadPool | None = None) -> Worker:
    """Run `job` in the thread pool; `on_finished(result)` or `on_failed(message, traceback)` follows."""
    worker = Worker(job)
    worker.signals.finished.connect(on_finished)
    worker.signals.failed.connect(on_failed)
    _keep_until_reported(worker)
    (pool or QThreadPool.globalInstance()).start(worker)
    return worker


def start_with_progress(parent: QWidget, label: str, job: Job, on_finished: Finished,
                        on_failed: Failed) -> tuple[Worker, QProgressDialog]:
    """Run `job` with a window-modal progress dialog whose Cancel sets the cancel flag."""
    dialog = QProgressDialog(parent)  # Qt's own translated Cancel button
    dialog.setLabelText(label)
    dialog.setRange(0, 0)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    worker = Worker(job)

    def on_progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total > 0 else 0)

    def hide(*_args: object) -> None:
        dialog.hide()  # not close(): closing a progress dialog emits canceled

    worker.signals.progress.connect(on_progress)
    worker.signals.finished.connect(hide)
    worker.signals.failed.connect(hide)
    worker.signals.finished.connect(on_finished)
    worker.signals.failed.connect(on_failed)
    _keep_until_reported(worker)
    dialog.canceled.connect(worker.cancel)
    dialog.show()
    QThreadPool.globalInstance().start(worker)
    return worker, dialog


def run_page_job(page: QWidget, title: str, label: str, job: Job,
                 on_done: Callable[[object, bool], None], on_crash: Callable[[str, str], None]) -> None:
    """One long job of a page with progress and Cancel; `page.worker` is set while it runs.

    `on_done(result_or_DeskError, cancelled)` gets the result, or the error the user can act on;
    `on_crash(message, traceback)` an unexpected failure.
    """

    def finish(result: object) -> None:
        page.worker = None
        on_done(result, worker.is_cancelled())

    def failed(message: str, trace: str) -> None:
        page.worker = None
        if trace:
            on_crash(message, trace)
        else:
            on_done(DeskError(message), worker.is_cancelled())

    worker, dialog = start_with_progress(page, label, job, finish, failed)
    dialog.setObjectName("progress")
    dialog.setWindowTitle(title)
    page.worker, page.progress = worker, dialog
