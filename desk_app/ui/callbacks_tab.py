"""The Callbacks tab (回访与评价): pages shown by role.

- My callbacks (dispatchers, managers): the caller's own worklist (R2, R13), planning the day (R10–R11, R10a)
  and the callback screen (R14–R15).
- Self-evaluation (team leads, managers): the team's closed tickets not yet self-evaluated (R9).
- Revisit forms (team leads: own team; managers: all; other readers of all results: read-only) (R17–R19).
- Daily feedback (R16), Monthly results (R32–R33a), Meeting pack (R18a).

Pages refresh when `context.events.changed` names a table they show; a page not on screen is only
marked stale and reloads when it is shown.
"""

from collections import Counter
from datetime import date, timedelta
from html import escape

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk_app.i18n import label
from desk_app.models.enums import RATING_ORDER, EvaluationKind, RevisitState, Role
from desk_app.services import callbacks, evaluations, feedback, revisits, sampling
from desk_app.services.calendar import working_day_on_or_after
from desk_app.services.errors import DeskError
from desk_app.services.evaluations import SelfEvaluationItem
from desk_app.services.permissions import Permission, can
from desk_app.ui.callback_dialog import CallbackDialog, ChoiceGroup, label_kind, label_state
from desk_app.ui.context import AppContext
from desk_app.ui.form_dialog import combo
from desk_app.ui.revisit_dialog import RevisitDialog, revisit_state_label
from desk_app.ui.standings_view import (
    OVERDUE_COLOR,
    StandingsView,
    month_edit,
    month_of,
    paint_row,
    previous_month,
    set_rows_typed,
)
from desk_app.ui.widgets import FilterTable, error_color, error_style, show_error


def _esc(text: str) -> str:
    return escape(text or "").replace("\n", "<br>")


def _fmt(value) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


def _date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class Page(QWidget):
    """A page of the tab: `refresh()` reloads it; TABLES are the changes it listens to."""

    TABLES: tuple[str, ...] = ()

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.stale = False

    def refresh(self) -> None:  # pragma: no cover - every page overrides it
        raise NotImplementedError


# --- 1. my callbacks ------------------------------------------------------------------------------------


class MyCallbacksPage(Page):
    TABLES = ("callback", "ticket", "evaluation")

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.plan_date = _date_edit(working_day_on_or_after(date.today()))
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
            (_fmt(r.due_at) + (f" ({overdue})" if r.overdue else ""), r.ticket_number, r.reporter_name,
             r.reporter_phone, r.unit_name, r.technician_name, r.team_name, _fmt(r.closed_at), label_state(r.state),
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
        return _exec_record_dialog(self, lambda: self.make_dialog(callback_id))


# --- 2. self-evaluation ---------------------------------------------------------------------------------


class SelfEvaluationPage(Page):
    TABLES = ("ticket", "evaluation")

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.item: SelfEvaluationItem | None = None
        self._refreshing = False
        self.table = FilterTable([self.tr("Ticket"), self.tr("Closed"), self.tr("Team"), self.tr("Technician"),
                                  self.tr("Reporter"), self.tr("Customer unit"), self.tr("Category"),
                                  self.tr("Description")])
        self.table.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.view.activated.connect(lambda _index: self.rating.setFocus())
        self.count_label = QLabel()

        self.record = QTextBrowser()
        guidance = QLabel(self.tr("Judge the ticket as a whole on:<br>"
                                  "a) completeness of the fault description and the cause analysis<br>"
                                  "b) whether the handling method was appropriate<br>"
                                  "c) work efficiency<br>"
                                  "<small>Internal only: the customer does not see it.</small>"))
        guidance.setWordWrap(True)
        self.rating = ChoiceGroup([(label(code), code) for code in evaluations.scale_codes(evaluations.THREE)])
        self.rating.group.buttonToggled.connect(self._rating_changed)
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.comment.setPlaceholderText(self.tr("Comment"))
        self.comment.setMaximumHeight(self.comment.fontMetrics().lineSpacing() * 4 + 14)
        self.note_label = QLabel(self.tr("Corrective note (required for a dissatisfied rating)"))
        self.corrective = QPlainTextEdit()
        self.corrective.setTabChangesFocus(True)
        self.corrective.setMaximumHeight(self.corrective.fontMetrics().lineSpacing() * 4 + 14)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setStyleSheet(error_style(self))
        self.error.setWordWrap(True)
        self.error.hide()
        self.save_button = QPushButton(self.tr("Save self-evaluation"))
        self.save_button.setToolTip(self.tr("Save and go to the next ticket (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        form = QGroupBox(self.tr("Team lead self-evaluation (工长自评)"))
        form_layout = QVBoxLayout(form)
        form_layout.addWidget(guidance)
        form_layout.addWidget(QLabel(self.tr("Overall rating")))
        form_layout.addWidget(self.rating)
        form_layout.addWidget(QLabel(self.tr("Comment")))
        form_layout.addWidget(self.comment)
        form_layout.addWidget(self.note_label)
        form_layout.addWidget(self.corrective)
        form_layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form_layout.addLayout(buttons)
        form_scroll = QScrollArea()  # the page stays usable in a small window
        form_scroll.setWidgetResizable(True)
        form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        form_scroll.setWidget(form)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.record)
        right.addWidget(form_scroll)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 0)
        right.setChildrenCollapsible(False)
        self.record.setMinimumHeight(80)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(splitter)
        self.refresh()

    def refresh(self) -> None:
        """Reload the queue; the ticket being evaluated stays selected and its typed input is kept."""
        selected = self.item.ticket_id if self.item else None
        items = evaluations.queue_for_team_lead(self.context.actor)
        self._refreshing = True
        try:
            self.table.set_rows(items, [(i.number, _fmt(i.closed_at), i.team_name, i.technician_name,
                                         i.reporter_name, i.unit_name, i.category,
                                         i.description.replace("\n", " ")[:80]) for i in items])
            if not (selected and self.table.select_where(lambda r: r.ticket_id == selected)) and items:
                self.table.view.selectRow(0)
        finally:
            self._refreshing = False
        self.count_label.setText(self.tr("{0} closed tickets wait for the self-evaluation.").format(len(items)))
        self.show_item(self.table.selected_row())

    def _selection_changed(self) -> None:
        if not self._refreshing:
            self.show_item(self.table.selected_row())

    def show_item(self, item: SelfEvaluationItem | None) -> None:
        if item is not None and self.item is not None and item.ticket_id == self.item.ticket_id:
            return
        self.item = item
        self.rating.group.setExclusive(False)
        for button in self.rating.buttons.values():
            button.setChecked(False)
        self.rating.group.setExclusive(True)
        self.comment.clear()
        self.corrective.clear()
        self.error.hide()
        self._rating_changed()
        for widget in (self.rating, self.comment, self.corrective, self.save_button):
            widget.setEnabled(item is not None)
        if item is None:
            self.record.setHtml(self.tr("No ticket waits for a self-evaluation."))
            return
        repeat_of = self.tr("Repeat report of")
        repeat = (f"<p><b>{repeat_of}:</b> {_esc(item.repeat_of_number)}</p>"
                  if item.repeat_of_number else "")
        closed, team, technician = self.tr("Closed"), self.tr("Team"), self.tr("Technician")
        reporter, unit, category = self.tr("Reporter"), self.tr("Customer unit"), self.tr("Category")
        fault, cause = self.tr("Fault description"), self.tr("Cause analysis")
        handling = self.tr("Handling method")
        self.record.setHtml(
            f"<h3>{_esc(item.number)}</h3>"
            f"<p><b>{closed}:</b> {_fmt(item.closed_at)} &nbsp; <b>{team}:</b> "
            f"{_esc(item.team_name)} &nbsp; <b>{technician}:</b> {_esc(item.technician_name)}</p>"
            f"<p><b>{reporter}:</b> {_esc(item.reporter_name)} &nbsp; <b>{unit}:</b> "
            f"{_esc(item.unit_name)} &nbsp; <b>{category}:</b> {_esc(item.category)}</p>{repeat}"
            f"<p><b>{fault}:</b><br>{_esc(item.description)}</p>"
            f"<p><b>{cause}:</b><br>{_esc(item.cause) or '—'}</p>"
            f"<p><b>{handling}:</b><br>{_esc(item.resolution) or '—'}</p>")

    def _rating_changed(self, *_args) -> None:
        rating = self.rating.value()
        required = bool(rating) and evaluations.is_dissatisfied(str(rating))
        self.note_label.setStyleSheet(error_style(self, bold=True) if required else "")

    def save(self) -> bool:
        if self.item is None:
            return False
        try:
            evaluations.self_evaluate(self.context.actor, self.item.ticket_id, self.rating.value() or "",
                                      self.comment.toPlainText(), self.corrective.toPlainText())
        except DeskError as exc:
            self.error.setText(str(exc))
            self.error.show()
            field = getattr(exc, "field", "")
            {"rating": self.rating, "comment": self.comment, "corrective_note": self.corrective}.get(
                field, self.rating).setFocus()
            return False
        self.item = None
        self.refresh()
        self.context.events.changed.emit("evaluation")
        self.rating.setFocus()
        return True


# --- 3. revisit forms -----------------------------------------------------------------------------------


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
             r.callback_person, _fmt(r.callback_at), f"{r.due_date:%Y-%m-%d}" + (f" ({overdue})" if r.overdue else ""),
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
    return _exec_record_dialog(page, lambda: page.make_dialog(form_id) if hasattr(page, "make_dialog")
                               else RevisitDialog(page.context, form_id, page))


def _exec_record_dialog(page: QWidget, make):
    """Build a record's dialog (a DeskError is shown instead), run it, and reload `page` if it changed."""
    try:
        dialog = make()
    except DeskError as exc:
        show_error(page, exc)
        return None
    dialog.exec()
    if dialog.changed:
        page.refresh()
    return dialog


# --- 4. daily feedback ----------------------------------------------------------------------------------


class DailyFeedbackPage(Page):
    TABLES = ("evaluation", "callback")

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.day = _date_edit(date.today() - timedelta(days=1))
        self.day.dateChanged.connect(self.refresh)
        self.view = QTextBrowser()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Evaluations made on:")))
        top.addWidget(self.day)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.refresh()

    def refresh(self) -> None:
        day = self.day.date().toPython()
        summaries = feedback.daily_summary(day)
        if not summaries:
            empty = self.tr("No evaluations on {0}.").format(day.isoformat())
            self.view.setHtml(f"<p>{empty}</p>")
            return
        kinds = [k.value for k in EvaluationKind]
        title = self.tr("Evaluation results of {0}, per team").format(day.isoformat())
        parts = [f"<h3>{title}</h3>"]
        for s in summaries:
            ratings = [r.value for r in RATING_ORDER if any(r.value in c for c in s.counts.values())]
            totals = self.tr("{0} evaluations, {1} points").format(s.total, s.points)
            unhappy = self.tr("{0} dissatisfied").format(len(s.dissatisfied))
            parts.append(f"<h4>{_esc(s.team_name)} — {totals}"
                         + (f" — <span style='color:{error_color(self)}'>{unhappy}"
                            "</span>" if s.dissatisfied else "") + "</h4>")
            head = "".join(f"<th>{_esc(label(r))}</th>" for r in ratings)
            rows = "".join(
                f"<tr><td>{_esc(label_kind(k))}</td>"
                + "".join(f"<td align='center'>{s.counts[k].get(r, 0) or ''}</td>" for r in ratings) + "</tr>"
                for k in kinds if k in s.counts)
            parts.append(f"<table border='1' cellspacing='0' cellpadding='4'><tr><th></th>{head}</tr>{rows}</table>")
            if s.dissatisfied:
                items = "".join(
                    f"<tr><td>{_esc(e.ticket_number)}</td><td>{_esc(e.technician_name)}</td>"
                    f"<td>{_esc(label_kind(e.kind))}</td><td>{_esc(label(e.rating))}</td>"
                    f"<td>{_esc(e.comment)}{'<br>' + _esc(e.corrective_note) if e.corrective_note else ''}</td></tr>"
                    for e in s.dissatisfied)
                dissatisfied, ticket = self.tr("Dissatisfied"), self.tr("Ticket")
                technician, evaluation = self.tr("Technician"), self.tr("Evaluation")
                rating, problems = self.tr("Rating"), self.tr("Problems and suggestions")
                parts.append(f"<p><b>{dissatisfied}:</b></p><table border='1' cellspacing='0' "
                             f"cellpadding='4'><tr><th>{ticket}</th><th>{technician}</th>"
                             f"<th>{evaluation}</th><th>{rating}</th>"
                             f"<th>{problems}</th></tr>{items}</table>")
        self.view.setHtml("".join(parts))


# --- 5. monthly results ----------------------------------------------------------------------------------


class ResultsPage(Page):
    TABLES = ("evaluation", "callback", "ticket")

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.view = StandingsView(context.actor, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def refresh(self) -> None:
        self.view.refresh()


# --- 6. meeting pack ------------------------------------------------------------------------------------


class MeetingPackPage(Page):
    TABLES = ("revisit", "evaluation", "improvement", "callback")

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.month = month_edit(self.next_meeting_month())
        self.month.setToolTip(self.tr("The month whose closed tickets the meeting discusses"))
        self.month.dateChanged.connect(self.refresh)
        self.meeting_label = QLabel()
        self.meeting_label.setWordWrap(True)
        self.items = FilterTable([self.tr("Ticket"), self.tr("Closed"), self.tr("Team"), self.tr("Technician"),
                                  self.tr("Evaluation"), self.tr("Rating"), self.tr("Problems and suggestions"),
                                  self.tr("Revisit form"), self.tr("State"), self.tr("Corrective measures"),
                                  self.tr("Agreed measure"), self.tr("Improvement project")])
        self.items.view.activated.connect(lambda index: self.open_item(self.items.row_at(index.row())))
        self.projects = FilterTable([self.tr("No."), self.tr("Problem description"), self.tr("Problem source"),
                                     self.tr("State"), self.tr("Initial corrective measure"), self.tr("Agreed measure"),
                                     self.tr("Meeting date"), self.tr("Owner"), self.tr("Revisit form")])
        for table in (self.items, self.projects):
            table.view.setMinimumHeight(70)
        self.print_button = QPushButton(self.tr("Print agenda…"))
        self.print_button.setToolTip(self.tr("The meeting agenda (故障分析会议程) of this month as a PDF"))
        self.print_button.clicked.connect(self.print_agenda)
        self.print_button.setVisible(can(context.actor, Permission.REPORT_DRAFT))
        self._print_job = None
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Month discussed:")))
        top.addWidget(self.month)
        top.addWidget(self.meeting_label, 1)
        top.addWidget(self.print_button)
        items_box = QGroupBox(self.tr("Dissatisfied evaluations, revisit forms and corrective measures"))
        QVBoxLayout(items_box).addWidget(self.items)
        projects_box = QGroupBox(self.tr("Improvement projects to discuss or confirm"))
        QVBoxLayout(projects_box).addWidget(self.projects)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(items_box)
        splitter.addWidget(projects_box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.refresh()

    def print_agenda(self) -> None:
        """R18a: the PDF agenda of the meeting, stored as a report (it goes through approval too)."""
        from desk_app.i18n import current_language
        from desk_app.services import reports
        from desk_app.ui.form_print import print_report_pdf

        month, actor, language = f"{self.month.date().toPython():%Y-%m}", self.context.actor, current_language()
        self._print_job = print_report_pdf(
            self, self.context, lambda progress: reports.generate(actor, "meeting-agenda", month, language, progress),
            f"GZH-{month}", self.tr("Print meeting agenda"))

    @staticmethod
    def next_meeting_month(today: date | None = None) -> date:
        """The month the next fault analysis meeting discusses: last month until its meeting has been held."""
        today = today or date.today()
        last = previous_month(today)
        try:
            held = revisits.meeting_date_for(f"{last:%Y-%m}") < today
        except DeskError:
            held = False
        return today.replace(day=1) if held else last

    def refresh(self) -> None:
        try:
            pack = revisits.meeting_pack(month_of(self.month))
        except DeskError as exc:
            self.meeting_label.setText(str(exc))
            return
        self.pack = pack
        self.meeting_label.setText(self.tr("Fault analysis meeting on <b>{0}</b>: {1} dissatisfied evaluations, "
                                           "{2} open improvement projects.").format(
            pack.meeting_date.isoformat(), len(pack.items), len(pack.projects)))
        self.items.set_rows(pack.items, [
            (i.evaluation.ticket_number, _fmt(i.evaluation.closed_at), i.evaluation.team_name,
             i.evaluation.technician_name, label_kind(i.evaluation.kind), label(i.evaluation.rating),
             i.evaluation.comment, i.revisit_form_number,
             revisit_state_label(i.revisit_state) if i.revisit_state else "", i.corrective_measures,
             i.agreed_measure, ", ".join(i.project_numbers)) for i in pack.items])
        self.projects.set_rows(pack.projects, [
            (p.number, p.problem, label(p.source), label(p.state), p.initial_measure, p.agreed_measure,
             p.meeting_date.isoformat() if p.meeting_date else "", p.owner_name, p.revisit_form_number)
            for p in pack.projects])

    def open_item(self, item: revisits.MeetingItem | None) -> RevisitDialog | None:
        if item is None or item.revisit_form_id is None:
            return None
        return open_revisit(self, item.revisit_form_id)


# --- the tab --------------------------------------------------------------------------------------------


class CallbacksTab(QWidget):
    """The pages the user's roles call for, in a QTabWidget."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        actor = context.actor
        self.pages: dict[str, Page] = {}
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        specs = (
            ("mine", self.tr("My callbacks"), MyCallbacksPage, can(actor, Permission.DO_CALLBACK)),
            ("self", self.tr("Self-evaluation"), SelfEvaluationPage, can(actor, Permission.SELF_EVALUATE)),
            ("revisits", self.tr("Revisit forms"), RevisitFormsPage,
             can(actor, Permission.FILL_REVISIT) or can(actor, Permission.VIEW_ALL_RESULTS)),
            ("feedback", self.tr("Daily feedback"), DailyFeedbackPage, can(actor, Permission.VIEW_ALL_RESULTS)),
            ("results", self.tr("Monthly results"), ResultsPage, True),
            ("meeting", self.tr("Meeting pack"), MeetingPackPage,
             actor.has_role(Role.MANAGER, Role.TEAM_LEAD, Role.QUALITY)),
        )
        for key, title, cls, shown in specs:
            if shown:
                page = cls(context, self)
                self.pages[key] = page
                self.tabs.addTab(page, title)
        self.tabs.currentChanged.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        context.events.changed.connect(self._changed)

    def page(self, key: str) -> Page:
        return self.pages[key]

    def open_record(self, kind: str, record_id: int) -> bool:
        """From the Today tab or the global search: the callback screen of one of the user's callbacks,
        or a revisit form (selected on its page and opened)."""
        if kind == "callback" and "mine" in self.pages:
            from desk_app.models import Callback

            callback = Callback.get_or_none(Callback.id == record_id)
            if callback is None or callback.caller_id != self.context.actor.id:
                return False
            page: MyCallbacksPage = self.show_page("mine")
            if not page.table.select_where(lambda r: r.id == record_id) and not page.show_done.isChecked():
                page.show_done.setChecked(True)  # a completed callback: list the completed ones too
                page.table.select_where(lambda r: r.id == record_id)
            if page.table.filter.text() and not page.table.select_where(lambda r: r.id == record_id):
                page.table.filter.clear()
                page.table.select_where(lambda r: r.id == record_id)
            dialog = page.open_callback_id(record_id)
            return dialog is not None
        if kind == "revisit" and "revisits" in self.pages:
            forms: RevisitFormsPage = self.show_page("revisits")
            forms.select_form(record_id)
            return open_revisit(forms, record_id) is not None
        return False

    def show_page(self, key: str) -> Page:
        page = self.pages[key]
        self.tabs.setCurrentWidget(page)
        self._current_changed()
        return page

    def _changed(self, table: str) -> None:
        current = self.tabs.currentWidget()
        for page in self.pages.values():
            if table in page.TABLES:
                if page is current:
                    page.refresh()
                    page.stale = False
                else:
                    page.stale = True

    def _current_changed(self, *_args) -> None:
        page = self.tabs.currentWidget()
        if isinstance(page, Page) and page.stale:
            page.stale = False
            page.refresh()
