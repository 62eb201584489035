"""Revisit forms (team leads: own team; managers: all; other readers of all results: read-only)
(R17–R19)."""


from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.i18n import label
from desk_app.models.enums import RevisitState
from desk_app.services import revisits
from desk_app.ui.callback_page import Page, exec_record_dialog, fmt_time
from desk_app.ui.context import AppContext
from desk_app.ui.form_dialog import combo
from desk_app.ui.revisit_dialog import RevisitDialog, revisit_state_label
from desk_app.ui.standings_view import (
    OVERDUE_COLOR,
    paint_row,
)
from desk_app.ui.widgets import FilterTable


class RevisitFormsPage(Page):
    TABLES = ("revisit", "callback", "evaluation", "improvement")

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.state_filter = combo([(self.tr("All states"), "")] + [(revisit_state_label(s.value), s.value)
                                                                    for s in RevisitState])
        self.state_filter.currentIndexChanged.connect(self.refresh)
        self.open_button = QPushButton(self.tr("Open form…"))
        self.open_button.setToolTip(self.tr("Open the selected revisit form (Enter)"))
        self.open_button.clicked.connect(lambda: self.open_form(self.table.selected_row()))
        self.count_label = QLabel()
        self.table = FilterTable([self.tr("No."), self.tr("Ticket"), self.tr("Team"), self.tr("Reporter"),
                                  self.tr("Rating"), self.tr("Callback person"), self.tr("Callback time"),
                                  self.tr("Due"), self.tr("State"), self.tr("Improvement project")])
        self.table.view.activated.connect(lambda index: self.open_form(self.table.row_at(index.row())))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("State:")))
        top.addWidget(self.state_filter)
        top.addStretch(1)
        top.addWidget(self.count_label)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        selected = self.table.selected_row()
        rows = revisits.list_forms(self.context.actor, state=self.state_filter.currentData() or None)
        overdue = self.tr("overdue")
        self.table.set_rows(rows, [
            (r.number, r.ticket_number, r.team_name, r.reporter_name, label(r.rating) if r.rating else "",
             r.callback_person, fmt_time(r.callback_at),
             f"{r.due_date:%Y-%m-%d}" + (f" ({overdue})" if r.overdue else ""),
             revisit_state_label(r.state), ", ".join(r.project_numbers)) for r in rows])
        for i, r in enumerate(rows):
            if r.overdue:
                paint_row(self.table, i, foreground=OVERDUE_COLOR, bold=True, columns=(0, 7))
        waiting = sum(1 for r in rows if r.state == RevisitState.OPEN.value)
        self.count_label.setText(self.tr("{0} forms, {1} to fill, {2} overdue").format(
            len(rows), waiting, sum(1 for r in rows if r.overdue)))
        if selected is not None:
            self.table.select_where(lambda r: r.id == selected.id)
        elif rows:
            self.table.view.selectRow(0)

    def make_dialog(self, form_id: int) -> RevisitDialog:
        return RevisitDialog(self.context, form_id, self)

    def select_form(self, form_id: int) -> bool:
        """Select a form in the list, showing every state and clearing the filter box if needed."""
        if self.table.select_where(lambda r: r.id == form_id):
            return True
        self.table.filter.clear()
        if self.state_filter.currentIndex() != 0:
            self.state_filter.setCurrentIndex(0)  # refreshes
        return self.table.select_where(lambda r: r.id == form_id)

    def open_form(self, row: revisits.RevisitRow | None) -> RevisitDialog | None:
        if row is None:
            return None
        return open_revisit(self, row.id)


def open_revisit(page: QWidget, form_id: int) -> RevisitDialog | None:
    """Show revisit form `form_id` (modal) from `page`; None when it cannot be opened."""
    return exec_record_dialog(page, lambda: page.make_dialog(form_id) if hasattr(page, "make_dialog")
                               else RevisitDialog(page.context, form_id, page))

