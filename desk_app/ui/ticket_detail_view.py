"""The side of the ticket form that shows a stored ticket: the SLA times, links to repeat reports, the cause
and resolution, and the work log."""

from datetime import datetime

from PySide6.QtWidgets import QTableWidgetItem

from desk_app.i18n import label
from desk_app.ui.ticket_model import OVERDUE_COLOR, fmt_time
from desk_app.ui.widgets import readable


class TicketDetailViewMixin:
    """Fills the form's read-only parts from `self.detail` (a TicketDetail); part of TicketForm."""

    def _show_detail(self) -> None:
        d = self.detail
        assert d is not None
        self.setWindowTitle(self.tr("Ticket {number}").format(number=d.number))
        self.header.setText(f"{d.number} · {label(d.state)}")
        self._fill_inputs(d.input)
        self.side.show()
        self.resize(max(self.width(), 1180), max(self.height(), 700))

        def sla_text(due: datetime | None, done: datetime | None, overdue: bool, what: str) -> tuple[str, bool]:
            if due is None and done is None:
                return "—", False
            if done is not None:
                late = due is not None and done > due
                text = self.tr("due {due}\ndone {done}").format(due=fmt_time(due), done=fmt_time(done))
                return text + (self.tr(" (late)") if late else ""), late
            text = self.tr("due {due}").format(due=fmt_time(due))
            return text + (self.tr("\n{what} overdue").format(what=what) if overdue else ""), overdue

        # the service computes "overdue" (open tickets only) with the same rule as the list
        for key, due, done, overdue, what in (
                ("first_response", d.first_response_due, d.first_response_at,
                 getattr(d, "response_overdue", False), self.tr("First response")),
                ("resolution", d.resolution_due, d.resolved_at, getattr(d, "resolution_overdue", False),
                 self.tr("Resolution"))):
            text, bad = sla_text(due, done, overdue, what)
            self.sla_labels[key].setText(text)
            red = readable(OVERDUE_COLOR, self).name()
            self.sla_labels[key].setStyleSheet(f"color: {red}; font-weight: bold;" if bad else "")
        self.sla_labels["closed"].setText(fmt_time(d.closed_at) or "—")
        self.sla_labels["vendor"].setText(d.vendor or "—")
        links = []
        if d.repeat_of_number:
            links.append(self.tr("repeat report of {number}").format(number=d.repeat_of_number))
        if d.repeat_numbers:
            links.append(self.tr("repeated by {numbers}").format(numbers=", ".join(d.repeat_numbers)))
        self.sla_labels["links"].setText("; ".join(links) or "—")

        self.cause_view.setPlainText(d.cause)
        self.resolution_view.setPlainText(d.resolution)
        self.outcome_box.setVisible(bool(d.cause or d.resolution))

        self._build_actions()

        self.log.setRowCount(len(d.events))
        for i, e in enumerate(d.events):
            what = self._event_text(e.kind, e.from_state, e.to_state)
            for j, value in enumerate((fmt_time(e.at), e.user_name, what, e.text)):
                item = QTableWidgetItem(value)
                if j == 3:
                    item.setToolTip(value)
                self.log.setItem(i, j, item)
        self.log.resizeRowsToContents()
        if d.events:
            self.log.scrollToBottom()

    def _event_text(self, kind: str, from_state: str, to_state: str) -> str:
        kinds = {
            "created": self.tr("Created"), "assigned": self.tr("Assigned"), "state": self.tr("State"),
            "escalated": self.tr("Escalated"), "note": self.tr("Note"), "reopened": self.tr("Reopened"),
            "edited": self.tr("Edited"), "resolved": self.tr("Resolved"), "closed": self.tr("Closed"),
            "repeat": self.tr("Repeat report"),
        }
        text = kinds.get(kind, kind)
        if from_state or to_state:
            if from_state and to_state and from_state != to_state:
                text += f": {label(from_state)} → {label(to_state)}"
            elif to_state:
                text += f": {label(to_state)}"
        return text
