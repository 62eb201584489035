"""The Plans page of the Surveys tab (R28–R31): the plan list, a plan's record and its next steps
(edit, approve, back to draft, export the workbooks, close, reopen, mark analysed). The distribution and
reminder lists are in `survey_recipients_view`, the workbook export and import in `survey_workbook_jobs`."""

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskError
from desk_app.i18n import label
from desk_app.models.enums import PlanState
from desk_app.services import survey_analysis
from desk_app.services import survey_plans as sp
from desk_app.services.permissions import Permission, can
from desk_app.services.survey_plans import PlanRow
from desk_app.ui.context import AppContext
from desk_app.ui.form_dialog import FormDialog, combo, text_edit
from desk_app.ui.standings_view import set_rows_typed
from desk_app.ui.survey_plan_dialog import SurveyPlanDialog
from desk_app.ui.survey_recipients_view import SurveyRecipientsMixin, fmt_day, fmt_time
from desk_app.ui.survey_workbook_jobs import SurveyWorkbooksMixin
from desk_app.ui.widgets import FilterTable, restore_filters, scrolled, show_error, splitter

S = PlanState

class PlansPage(SurveyRecipientsMixin, SurveyWorkbooksMixin, QWidget):
    """Plans on top (list left, record and steps right); the distribution and reminder lists below."""

    TABLES = ("survey", "unit", "user", "contact", "callback", "complaint", "improvement")
    open_analysis = Signal(int)  # plan id
    open_findings = Signal(int)  # plan id

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.stale = False
        self.plan: PlanRow | None = None
        actor = context.actor
        self.may_plan = can(actor, Permission.SURVEY_PLAN)
        self.may_approve = can(actor, Permission.SURVEY_APPROVE)
        self.may_collect = can(actor, Permission.SURVEY_COLLECT)

        self.state_filter = combo([(self.tr("All states"), "")] + [(text, code)
                                                                     for code, text in sp.plan_state_choices()])
        restore_filters(f"surveys_tab/{actor.username}/filters", {"state": self.state_filter})
        self.state_filter.currentIndexChanged.connect(self.refresh)
        new_button = QPushButton(self.tr("&New plan…"))
        new_button.setToolTip(self.tr("Plan a survey: questionnaire, period, customers, timeline (Ctrl+N)"))
        new_button.clicked.connect(self.new_plan)
        new_button.setVisible(self.may_plan)
        import_button = self._init_workbook_jobs()

        self.table = FilterTable([self.tr("Number"), self.tr("Title"), self.tr("Questionnaire"), self.tr("Period"),
                                  self.tr("State"), self.tr("Anonymous"), self.tr("Recipients"), self.tr("Returned"),
                                  self.tr("Response rate (%)")])
        self.table.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.view.activated.connect(lambda _index: self.edit_plan())

        self.record = QTextBrowser()
        self.record.setOpenLinks(False)
        self.buttons: dict[str, QPushButton] = {}
        specs = (
            ("edit", self.tr("&Edit…"), self.tr("Change the draft plan"), self.edit_plan, self.may_plan),
            ("delete", self.tr("Delete"), self.tr("Delete the draft plan"), self.delete_plan, self.may_plan),
            ("approve", self.tr("&Approve"), self.tr("The relationship manager approves the plan"), self.approve,
             self.may_approve),
            ("draft", self.tr("Back to draft…"), self.tr("Withdraw the approval so the plan can be changed"),
             self.back_to_draft, self.may_approve),
            ("export", self.tr("E&xport workbooks…"),
             self.tr("Write one Excel questionnaire per recipient into a folder and mark them sent"),
             self.export_workbooks, self.may_collect),
            ("mail", self.tr("Send by e-&mail…"),
             self.tr("Mail each recipient their Excel questionnaire (through the outbox) and mark them sent"),
             self.mail_workbooks, self.may_collect),
            ("close", self.tr("&Close collection"), self.tr("End the collection: later workbooks are refused"),
             self.close_collection, self.may_plan),
            ("reopen", self.tr("Reopen collection"), self.tr("Accept returned workbooks again"),
             self.reopen_collection, self.may_plan),
            ("analysed", self.tr("&Mark analysed…"), self.tr("Record the written analysis of the closed plan"),
             self.mark_analysed, self.may_plan),
            ("analysis", self.tr("Show analysis"), self.tr("Open this plan on the Analysis page"),
             lambda: self.plan and self.open_analysis.emit(self.plan.id), True),
            ("findings", self.tr("Show findings"), self.tr("Open this plan's findings"),
             lambda: self.plan and self.open_findings.emit(self.plan.id), True),
        )
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        shown = 0
        for key, text, tip, slot, allowed in specs:
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            button.setVisible(allowed)
            self.buttons[key] = button
            if allowed:
                grid.addWidget(button, shown // 2, shown % 2)
                shown += 1
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.record, 1)
        right_layout.addLayout(grid)

        top_split = splitter(Qt.Orientation.Horizontal, [self.table, scrolled(right)], stretch=(3, 2))
        top_split.setSizes([860, 400])
        main_split = splitter(Qt.Orientation.Vertical, [top_split, self._build_recipient_lists()], stretch=(1, 1))

        top = QHBoxLayout()
        top.addWidget(new_button)
        state_label = QLabel(self.tr("S&tate:"))
        state_label.setBuddy(self.state_filter)
        top.addWidget(state_label)
        top.addWidget(self.state_filter)
        top.addStretch(1)
        top.addWidget(import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(main_split, 1)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_plan,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh()

    # --- list ----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.plan.id if self.plan else None
        rows = sp.list_plans(state=self.state_filter.currentData() or None)
        set_rows_typed(self.table, rows, [
            (r.number, r.title, f"{r.template_name} v{r.template_version}", r.period, r.state_label, r.anonymous,
             r.recipients, r.returned, r.response_rate if r.response_rate is not None else "") for r in rows])
        self.table.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        for column, widest in ((1, 220), (2, 200)):
            self.table.view.setColumnWidth(column, min(self.table.view.columnWidth(column), widest))
        if selected is None or not self.table.select_where(lambda r: r.id == selected):
            if rows:
                self.table.view.selectRow(0)
            else:
                self.show_plan(None)

    def _selection_changed(self) -> None:
        row = self.table.selected_row()
        self.show_plan(sp.get_plan(row.id) if row else None)

    def select_plan(self, plan_id: int) -> bool:
        if self.table.select_where(lambda r: r.id == plan_id):
            return True
        self.table.filter.clear()
        self.state_filter.setCurrentIndex(0)
        return self.table.select_where(lambda r: r.id == plan_id)

    def show_plan(self, plan: PlanRow | None) -> None:
        self.plan = plan
        state = plan.state if plan else None
        enabled = {
            "edit": state == S.DRAFT, "delete": state == S.DRAFT, "approve": state == S.DRAFT,
            "draft": state == S.APPROVED,
            "export": state in (S.APPROVED, S.DISTRIBUTING, S.COLLECTING) and bool(plan and plan.returned
                                                                                    < plan.recipients),
            "mail": state in (S.APPROVED, S.DISTRIBUTING, S.COLLECTING) and bool(plan and plan.returned
                                                                                  < plan.recipients),
            "close": state in (S.DISTRIBUTING, S.COLLECTING), "reopen": state == S.CLOSED,
            "analysed": state == S.CLOSED, "analysis": plan is not None, "findings": plan is not None,
        }
        for key, button in self.buttons.items():
            button.setEnabled(bool(enabled[key]))
        self.record.setHtml(self._record_html(plan) if plan else self.tr("Select a survey plan."))
        self.show_recipients()

    def _record_html(self, p: PlanRow) -> str:
        def row(title: str, value: str) -> str:
            return f"<tr><td><b>{escape(title)}</b></td><td>{escape(value)}</td></tr>" if value else ""

        targets = [label(code) for code in p.target_importance] + list(p.unit_names)
        rate = f"{p.response_rate:.1f} %" if p.response_rate is not None else "—"
        approved = f"{p.approver} {fmt_time(p.approved_at)}".strip()
        lines = [
            f"<h3>{escape(p.number)} — {escape(p.state_label)}</h3><p>{escape(p.title)}</p><table cellspacing='3'>",
            row(self.tr("Questionnaire"), f"{p.template_name} (v{p.template_version})"),
            row(self.tr("Period"), p.period),
            row(self.tr("Target customers"), ", ".join(targets)),
            row(self.tr("Anonymous"), (self.tr("Yes") + (self.tr(", the unit is kept") if p.ask_unit else ""))
                if p.anonymous else self.tr("No")),
            row(self.tr("Planner"), p.planner),
            row(self.tr("Approved by"), approved),
            row(self.tr("Timeline"), self.tr("planning from {0}, forms out by {1}, collected by {2}").format(
                fmt_day(p.planning_starts), fmt_day(p.distribute_by), fmt_day(p.collect_by))),
            row(self.tr("Recipients"), self.tr("{0}; sent {1}, returned {2} ({3}), reminded {4}").format(
                p.recipients, p.sent, p.returned, rate, p.reminded)),
            "</table>",
        ]
        if p.analysis_text:
            heading = escape(self.tr("Analysis"))
            lines.append(f"<p><b>{heading}:</b><br>{escape(p.analysis_text).replace(chr(10), '<br>')}</p>")
        return "".join(lines)

    # --- plan actions --------------------------------------------------------------------------------

    def _changed(self, plan_id: int | None = None) -> None:
        self.context.events.changed.emit("survey")
        self.refresh()
        if plan_id is not None:
            self.select_plan(plan_id)

    def new_plan(self) -> PlanRow | None:
        if not self.may_plan:
            return None
        dialog = SurveyPlanDialog(self.context.actor, None, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        plan: PlanRow = dialog.result_value
        self._changed(plan.id)
        return plan

    def edit_plan(self) -> PlanRow | None:
        if not (self.plan and self.plan.state == S.DRAFT and self.may_plan):
            return None
        dialog = SurveyPlanDialog(self.context.actor, self.plan, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        plan: PlanRow = dialog.result_value
        self._changed(plan.id)
        return plan

    def _step(self, title: str, action) -> PlanRow | None:
        try:
            plan = action()
        except DeskError as exc:
            show_error(self, exc, title)
            self.refresh()
            return None
        self._changed(plan.id if isinstance(plan, PlanRow) else None)
        return plan

    def delete_plan(self) -> bool:
        p = self.plan
        if p is None:
            return False
        answer = QMessageBox.question(self, self.tr("Delete survey plan"),
                                      self.tr("Delete the draft survey plan {0} “{1}”?").format(p.number, p.title))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            sp.delete_plan(self.context.actor, p.id, p.version)
        except DeskError as exc:
            show_error(self, exc)
            return False
        self.plan = None
        self._changed()
        return True

    def approve(self) -> PlanRow | None:
        p = self.plan
        return self._step(self.tr("Approve"), lambda: sp.approve(self.context.actor, p.id, p.version))

    def back_to_draft(self) -> PlanRow | None:
        p = self.plan
        dialog = FormDialog(self.tr("Back to draft"), [("reason", self.tr("Reason"), text_edit(lines=3))],
                            lambda v: sp.return_to_draft(self.context.actor, p.id, p.version, v["reason"]), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        self._changed(p.id)
        return dialog.result_value

    def close_collection(self) -> PlanRow | None:
        p = self.plan
        missing = p.recipients - p.returned
        question = self.tr("End the collection of {0}? Workbooks returned later are refused.").format(p.number)
        if missing:
            question += "\n\n" + self.tr("{0} of {1} recipients have not returned theirs.").format(missing,
                                                                                                p.recipients)
        if QMessageBox.question(self, self.tr("Close collection"), question) != QMessageBox.StandardButton.Yes:
            return None
        return self._step(self.tr("Close collection"),
                          lambda: sp.close_collection(self.context.actor, p.id, p.version))

    def reopen_collection(self) -> PlanRow | None:
        p = self.plan
        return self._step(self.tr("Reopen collection"),
                          lambda: sp.reopen_collection(self.context.actor, p.id, p.version))

    def _analysis_draft(self, p: PlanRow) -> str:
        try:
            a = survey_analysis.analyse(p.id)
        except DeskError:
            return ""

        def pct(value: float | None) -> str:
            return "—" if value is None else f"{value:.1f}%"

        text = self.tr("Response rate {0} ({1} of {2}); satisfaction rate {3}; mean score {4}.").format(
            pct(a.response_rate), a.returned, a.recipients, pct(a.satisfaction_rate),
            "—" if a.mean_points is None else f"{a.mean_points:.2f}")
        rated = [d for d in a.dimensions if d.mean_points is not None]
        if rated:
            low = min(rated, key=lambda d: d.mean_points)
            text += " " + self.tr("Lowest dimension: {0} ({1:.2f}).").format(low.label, low.mean_points)
        return text

    def mark_analysed(self) -> PlanRow | None:
        p = self.plan
        fields = [("analysis", self.tr("Analysis"), text_edit(p.analysis_text or self._analysis_draft(p), lines=8))]
        dialog = FormDialog(self.tr("Analysis of {0}").format(p.number), fields,
                            lambda v: sp.mark_analysed(self.context.actor, p.id, p.version, v["analysis"]), self,
                            self.tr("The written analysis of the survey: findings, causes and the improvements "
                                    "to make (R31)."))
        dialog.setMinimumWidth(620)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        self._changed(p.id)
        return dialog.result_value
