"""The open program's share of the unattended work (R52, R55), always in a worker thread, one run at a time.

With `jobs.gui_minutes` > 0 a timer runs `due_jobs.run_due` every that many minutes (its jobs deliver the
outbox last), acting as the first active manager, as `run-due` does. Apart from that, queued mail goes out
soon after any tab announces a change (an action may have queued a message), and once at start, when a mail
server is set. The JobRun lock row makes a second workstation, or a cron job, find a period done.

The worker gets its own peewee connection (one per thread) and closes it when its job ends; `stop()` on
close cancels the job between two messages and waits for the workers before the database is closed.
"""

import logging

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from desk_app.i18n import t
from desk_app.models.enums import Role
from desk_app.services import settings
from desk_app.services.actor import first_active_with
from desk_app.ui import workers
from desk_app.ui.context import AppContext

log = logging.getLogger(__name__)

#: A burst of changes (a form saving several records) is followed by one delivery.
DELIVER_AFTER_MS = 2000
#: How long closing the window waits for a job talking to the server (its own timeout is the limit).
STOP_WAIT_MS = 15_000


Outcome = tuple[bool, list[str]]  # (something changed, what went wrong in words)


def _run_jobs(should_stop) -> Outcome:
    """The due jobs as the first manager, as `run-due` does."""
    from desk_app.services import due_jobs  # in the worker: the jobs bring reportlab and openpyxl (0.4 s)

    actor = first_active_with((Role.MANAGER, Role.ADMIN))
    if actor is None:
        return False, [t("Nobody can act for the due jobs (needed: a manager or an administrator).")]
    outcomes = due_jobs.run_due(actor, should_stop=should_stop)
    changed = any(o.status == "ran" and (o.job != due_jobs.DELIVERY or any(
        o.summary.get(k) for k in ("sent", "retrying", "failed"))) for o in outcomes)
    return changed, [f"{o.label}: {o.error}" for o in outcomes if o.status == "failed"]


def _deliver(should_stop) -> Outcome:
    """The queued messages whose time has come, if a server is set and there are any."""
    from desk_app.services import mail_delivery, mail_settings  # in the worker, as the jobs

    if not mail_settings.is_configured() or not mail_delivery.due_count():
        return False, []
    report = mail_delivery.deliver_due(should_stop=should_stop)
    return True, [t("{n} messages failed; see the outbox.", n=len(report.failed))] if report.failed else []


class DueJobsRunner(QObject):
    """Owns the timer and the worker; `problem(text)` reports a failed job for the status bar."""

    problem = Signal(str)
    finished = Signal()  # one run is over (the tests wait for it)

    def __init__(self, context: AppContext, parent: QObject | None = None):
        super().__init__(parent)
        self.context = context
        self.worker: workers.Worker | None = None
        self.pending = False  # a delivery was asked for while a job ran
        self.stopped = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(DELIVER_AFTER_MS)
        self._soon.timeout.connect(self.deliver)
        context.events.changed.connect(self._changed)
        self.configure()

    def configure(self) -> None:
        """(Re)start the timer from `jobs.gui_minutes`; 0 stops it."""
        minutes = int(settings.get("jobs.gui_minutes"))
        if minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def start(self) -> None:
        """At start: the jobs if the timer runs (a period may have come while the program was closed), else
        the mail that waits."""
        QTimer.singleShot(0, self.tick if self.timer.isActive() else self.deliver)

    def _changed(self, table: str) -> None:
        if table == "setting":
            self.configure()
        if table != "outbox":  # the outbox's own changes come from delivering
            self._soon.start()

    def tick(self) -> bool:
        """The timer's slot: run the due jobs (delivery included) unless a run is still going."""
        return self._start(_run_jobs)

    def deliver(self) -> bool:
        return self._start(_deliver)

    def _start(self, job) -> bool:
        if self.worker is not None:
            self.pending = True
            return False
        self.pending = False
        self.worker = workers.start(lambda _progress, cancelled: job(cancelled), self._done, self._failed)
        return True

    def _done(self, outcome: object) -> None:
        self.worker = None
        changed, problems = outcome
        for text in problems:
            log.warning("due jobs: %s", text)
            self.problem.emit(text)
        if changed:
            self.context.events.changed.emit("outbox")
        self._next()

    def _failed(self, message: str, trace: str) -> None:
        self.worker = None
        if trace:
            log.error("the due jobs failed\n%s", trace)
        self.problem.emit(message)
        self._next()

    def _next(self) -> None:
        self.finished.emit()
        if self.pending:
            self._soon.start()

    def stop(self) -> None:
        """On close: no more runs; the one going stops after its current message and is waited for."""
        if self.stopped:
            return
        self.stopped = True
        self.timer.stop()
        self._soon.stop()
        self.context.events.changed.disconnect(self._changed)
        if self.worker is not None:
            self.worker.cancel()
        QThreadPool.globalInstance().waitForDone(STOP_WAIT_MS)

