"""The outbox (R52, R53) for the administrator: every message with its status and the server's answer,
Retry and Cancel, and "Send queued now", which delivers in a worker thread (it talks to the server).

Shown as a tab of the Admin dialog and as a dialog of its own, opened from the Today tab's
"Mail not delivered" lines. Delete cancels the selected message, F5 reloads.
"""

import logging
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskError
from desk_app.i18n import t
from desk_app.services import mail_delivery, outbox
from desk_app.services.outbox import OutboxRow
from desk_app.ui import workers
from desk_app.ui.context import AppContext
from desk_app.ui.standings_view import set_rows_typed
from desk_app.ui.widgets import FilterTable, show_error

log = logging.getLogger(__name__)


def _when(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


class OutboxPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.worker: workers.Worker | None = None
        self.status = QComboBox(self)
        self.status.addItem(self.tr("All messages"), None)
        for code, text in outbox.STATUS_LABELS.items():
            self.status.addItem(t(text), code)
        self.status.currentIndexChanged.connect(self.refresh)
        self.table = FilterTable([self.tr("Created"), self.tr("Kind"), self.tr("To"), self.tr("Subject"),
                                  self.tr("Status"), self.tr("Attempts"), self.tr("Next attempt"),
                                  self.tr("Answer")], self)
        self.table.view.selectionModel().selectionChanged.connect(self._enable)
        self.counts = QLabel(self)
        self.counts.setWordWrap(True)
        self.retry_button = QPushButton(self.tr("&Retry"), self)
        self.retry_button.setToolTip(self.tr("Queue the failed or cancelled message again, at once"))
        self.retry_button.clicked.connect(self.retry)
        self.cancel_button = QPushButton(self.tr("&Cancel message"), self)
        self.cancel_button.setToolTip(self.tr("Stop the queued or failed message from being sent (Delete)"))
        self.cancel_button.clicked.connect(self.cancel)
        self.send_button = QPushButton(self.tr("&Send queued now"), self)
        self.send_button.setToolTip(self.tr("Deliver the queued messages whose time has come"))
        self.send_button.clicked.connect(self.send_now)
        refresh_button = QPushButton(self.tr("Refresh"), self)
        refresh_button.setToolTip(self.tr("Reload the list (F5)"))
        refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        status_label = QLabel(self.tr("S&tatus:"), self)
        status_label.setBuddy(self.status)
        top.addWidget(status_label)
        top.addWidget(self.status)
        top.addWidget(self.counts, 1)
        top.addWidget(refresh_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.send_button)
        self.answer = QLabel(self)  # the selected message's answer in full
        self.note = QLabel(self)  # what "Send queued now" did
        for label in (self.answer, self.note):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.answer)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        context_ = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self, self.cancel, context=context_)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh, context=context_)
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected()
        rows = outbox.list_messages(self.status.currentData())
        set_rows_typed(self.table, rows, [
            (_when(r.created_at), r.kind_label, f"{r.recipient_name} <{r.recipient}>" if r.recipient
             else r.recipient_name, r.subject, r.status_label, r.attempts,
             _when(r.next_attempt_at) if r.status == outbox.QUEUED else "", " ".join(r.last_answer.split()))
            for r in rows])
        self.table.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        for column, widest in ((2, 200), (3, 220)):
            self.table.view.setColumnWidth(column, min(self.table.view.columnWidth(column), widest))
        counts = outbox.counts()
        self.counts.setText(" · ".join(f"{t(outbox.STATUS_LABELS[code])} {n}" for code, n in counts.items() if n))
        if selected is not None:
            self.table.select_where(lambda r: r.id == selected.id)
        self._enable()

    def select(self, message_id: int) -> bool:
        """Select one message (the Today tab opens the outbox on it), showing every status if need be."""
        if self.table.select_where(lambda r: r.id == message_id):
            return True
        self.table.filter.clear()
        if self.status.currentIndex() != 0:
            self.status.setCurrentIndex(0)  # refreshes
        return self.table.select_where(lambda r: r.id == message_id)

    def selected(self) -> OutboxRow | None:
        return self.table.selected_row()

    def _enable(self) -> None:
        row = self.selected()
        status = row.status if row else None
        self.answer.setText(self.tr("Answer: {answer}").format(answer=row.last_answer)  # the column cuts it
                            if row and row.last_answer else "")
        self.retry_button.setEnabled(status in (outbox.FAILED, outbox.CANCELLED))
        self.cancel_button.setEnabled(status in (outbox.QUEUED, outbox.FAILED))
        self.send_button.setEnabled(self.worker is None)

    def _change(self, action) -> OutboxRow | None:
        row = self.selected()
        if row is None:
            return None
        try:
            changed = action(self.context.actor, row.id)
        except DeskError as exc:
            show_error(self, exc, self.tr("Outbox"))
            self.refresh()
            return None
        self.context.events.changed.emit("outbox")
        self.refresh()
        return changed

    def retry(self) -> OutboxRow | None:
        return self._change(outbox.retry) if self.retry_button.isEnabled() else None

    def cancel(self) -> OutboxRow | None:
        return self._change(outbox.cancel) if self.cancel_button.isEnabled() else None

    def send_now(self) -> bool:
        """Deliver the due messages in a worker; the list and a summary follow when it is done."""
        if self.worker is not None:
            return False
        self.note.setText(self.tr("Sending…"))

        def done(report: object) -> None:
            self.worker = None
            self.note.setText(self.tr("{sent} sent, {retrying} to retry, {failed} failed, {waiting} waiting for "
                                      "their retry time.").format(**report.as_json()))
            self.context.events.changed.emit("outbox")
            self.refresh()

        def failed(message: str, trace: str) -> None:
            self.worker = None
            if trace:
                log.error("delivering the outbox failed\n%s", trace)
            self.note.setText(message)
            self.refresh()

        self.worker = workers.start(lambda _progress, cancelled: mail_delivery.deliver_due(should_stop=cancelled),
                                    done, failed)
        self._enable()
        return True


class OutboxDialog(QDialog):
    """The outbox on its own, for the Today tab and the Admin menu."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Outbox"))
        self.page = OutboxPage(context, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addWidget(buttons)
        self.resize(1000, 560)
