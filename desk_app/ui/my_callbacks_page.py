"""My callbacks (dispatchers, managers): the caller's own worklist (R2, R13), planning the day
(R10–R11, R10a) and the callback screen (R14–R15)."""

from collections import Counter
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskError
from desk_app.i18n import label
from desk_app.models.enums import EvaluationKind
from desk_app.services import callbacks, sampling
from desk_app.services.calendar import working_day_on_or_after
from desk_app.services.permissions import Permission, can
from desk_app.ui.callback_dialog import CallbackDialog, label_state
from desk_app.ui.callback_page import Page, date_edit_on, exec_record_dialog, fmt_time
from desk_app.ui.context import AppContext
from desk_app.ui.standings_view import (
    OVERDUE_COLOR,
    paint_row,
    set_rows_typed,
)
from desk_app.ui.widgets import FilterTable, show_error


class MyCallbacksPage(Page):
    TABLES = ("callback", "ticket", "evaluation")

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.plan_date = date_edit_on(working_day_on_or_after(date.today()))
        self.plan_date.setToolTip(self.tr("The working day to plan: it samples the tickets closed since the "
                                          "previous working day"))
        self.plan_button = QPushButton(self.tr("Plan callbacks"))
        self.plan_button.setToolTip(self.tr("Sample the closed tickets and hand out the callbacks of this day"))
        self.plan_button.clicked.connect(self.plan)
        can_plan = can(context.actor, Permission.PLAN_CALLBACKS)
        self.plan_button.setVisible(can_plan)
        self.show_done = QCheckBox(self.tr("Show completed"))
        self.show_done.toggled.connect(self.refresh)
        self.open_button = QPushButton(self.tr("Call…"))
        self.open_button.setToolTip(self.tr("Open the callback screen of the selected callback (Enter)"))
        self.open_button.clicked.connect(self.open_selected)
        self.plan_summary = QLabel()
        self.plan_summary.setObjectName("planSummary")
        self.plan_summary.setWordWrap(True)
        self.plan_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_label = QLabel()
        self.table = FilterTable([self.tr("Due"), self.tr("Ticket"), self.tr("Reporter"), self.tr("Phone"),
                                  self.tr("Customer unit"), self.tr("Technician"), self.tr("Team"), self.tr("Closed"),
                                  self.tr("State"), self.tr("Attempts"), self.tr("Rating")])
        self.table.view.activated.connect(lambda index: self.open_callback(self.table.row_at(index.row())))
        self.plan_date.dateChanged.connect(self.show_plan)

        top = QHBoxLayout()
        plan_label = QLabel(self.tr("Plan for:"))
        plan_label.setVisible(can_plan)
        self.plan_date.setVisible(can_plan)
        top.addWidget(plan_label)
        top.addWidget(self.plan_date)
        top.addWidget(self.plan_button)
        top.addStretch(1)
        top.addWidget(self.count_label)
        top.addWidget(self.show_done)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.plan_summary)
        layout.addWidget(self.table, 1)
        self.refresh()
        self.show_plan()

    def refresh(self) -> None:
        selected = self.table.selected_row()
        rows = callbacks.my_worklist(self.context.actor, include_done=self.show_done.isChecked())
        overdue = self.tr("overdue")
        set_rows_typed(self.table, rows, [
            (fmt_time(r.due_at) + (f" ({overdue})" if r.overdue else ""), r.ticket_number, r.reporter_name,
             r.reporter_phone, r.unit_name, r.technician_name, r.team_name, fmt_time(r.closed_at), label_state(r.state),
             r.attempts, label(r.rating) if r.rating else "") for r in rows])
        for i, r in enumerate(rows):
            if r.overdue:
                paint_row(self.table, i, foreground=OVERDUE_COLOR, bold=True, columns=(0,))
        open_rows = [r for r in rows if r.state != "done"]
        late = sum(1 for r in rows if r.overdue)
        self.count_label.setText(self.tr("{0} open, {1} overdue").format(len(open_rows), late))
        if selected is not None:
            self.table.select_where(lambda r: r.id == selected.id)
        elif rows:
            self.table.view.selectRow(0)

    def show_plan(self) -> None:
        """The stored plan of the chosen day, in one paragraph (R10a: how many skipped, and why)."""
        if not can(self.context.actor, Permission.PLAN_CALLBACKS):
            self.plan_summary.hide()
            return
        plan = sampling.get_plan(self.plan_date.date().toPython())
        self.plan_summary.setText(self.plan_text(plan) if plan else self.tr("No callbacks planned for {0} yet.").format(
            self.plan_date.date().toString("yyyy-MM-dd")))
        self.plan_summary.setToolTip(self.skipped_text(plan) if plan else "")

    def plan_text(self, plan: sampling.PlanResult) -> str:
        kinds = Counter(c.caller_kind for c in plan.callbacks)
        mine = sum(1 for c in plan.callbacks if c.caller_id == self.context.actor.id)
        text = self.tr("Plan of {0} (tickets closed {1} – {2}): {3} callbacks assigned — {4} to dispatchers, "
                       "{5} to managers, {6} to you.").format(
            plan.plan_date.isoformat(), plan.closed_from.isoformat(), plan.closed_to.isoformat(), len(plan.callbacks),
            kinds.get(EvaluationKind.DISPATCHER.value, 0), kinds.get(EvaluationKind.MANAGER.value, 0), mine)
        if plan.skipped:
            reasons = "; ".join(f"{sampling.reason_label(reason)}: {n}" for reason, n in plan.skipped_counts.items())
            text += " " + self.tr("{0} tickets skipped ({1}).").format(len(plan.skipped), reasons)
        else:
            text += " " + self.tr("No ticket skipped.")
        return text

    def skipped_text(self, plan: sampling.PlanResult) -> str:
        return "\n".join(f"{s.number}: {sampling.reason_label(s.reason)}" + (f" — {s.detail}" if s.detail else "")
                         for s in plan.skipped)

    def plan(self) -> sampling.PlanResult | None:
        try:
            result = sampling.plan_callbacks(self.context.actor, self.plan_date.date().toPython())
        except DeskError as exc:
            show_error(self, exc, self.tr("Plan callbacks"))
            return None
        self.context.events.changed.emit("callback")
        self.refresh()
        self.show_plan()
        intro = "" if result.created else self.tr("This day was planned before; here is the stored plan.") + "\n\n"
        details = self.skipped_text(result)
        QMessageBox.information(self, self.tr("Plan callbacks"), intro + self.plan_text(result)
                                + (f"\n\n{details}" if details else ""))
        return result

    def open_selected(self) -> None:
        self.open_callback(self.table.selected_row())

    def make_dialog(self, callback_id: int) -> CallbackDialog:
        return CallbackDialog(self.context, callback_id, self)

    def open_callback(self, row: callbacks.CallbackRow | None) -> CallbackDialog | None:
        if row is None:
            return None
        return self.open_callback_id(row.id)

    def open_callback_id(self, callback_id: int) -> CallbackDialog | None:
        """Show the callback screen of `callback_id` (modal); None when it cannot be opened."""
        return exec_record_dialog(self, lambda: self.make_dialog(callback_id))

