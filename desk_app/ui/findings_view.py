"""Findings of returned questionnaires and callbacks (R30b): the desk classifies, quality control reviews.

A finding is one dissatisfied answer or one comment. The desk sorts it by problem level and type
(Classify…); quality control confirms or corrects that (Review…); a finding of a survey can become
an improvement project linked to its plan (R25).
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from desk_app.services import improvement
from desk_app.services import survey_collection as sc
from desk_app.services import survey_plans as sp
from desk_app.services.permissions import Permission, can
from desk_app.services.survey_collection import FindingRow
from desk_app.ui.context import AppContext
from desk_app.ui.form_dialog import FormDialog, combo, text_edit
from desk_app.ui.standings_view import paint_row
from desk_app.ui.widgets import FilterTable

CRITICAL_COLOR = QColor("#b00020")
SERIOUS_COLOR = QColor("#e65100")


def _fmt(value) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


class FindingsPage(QWidget):
    """The findings list with its filters and the classify / review / project actions."""

    TABLES = ("survey", "finding", "callback")

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.stale = False
        self.finding: FindingRow | None = None
        actor = context.actor
        self.may = {"classify": can(actor, Permission.SURVEY_COLLECT), "review": can(actor, Permission.FINDING_REVIEW),
                    "project": can(actor, Permission.IMPROVEMENT_EDIT)}

        self.plan_filter = combo([(self.tr("All plans and callbacks"), None)])
        self.plan_filter.setMinimumContentsLength(20)
        self.unclassified_only = QCheckBox(self.tr("Unclassified only"))
        self.unreviewed_only = QCheckBox(self.tr("Unreviewed only"))
        self.count_label = QLabel()
        self.plan_filter.currentIndexChanged.connect(self.refresh)
        self.unclassified_only.toggled.connect(self.refresh)
        self.unreviewed_only.toggled.connect(self.refresh)

        self.table = FilterTable([self.tr("Plan"), self.tr("Source"), self.tr("Customer unit"), self.tr("Finding"),
                                  self.tr("Problem level"), self.tr("Problem type"), self.tr("Classified by"),
                                  self.tr("Reviewed by"), self.tr("Reviewed"), self.tr("Recorded")])
        self.table.view.setWordWrap(False)
        self.table.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.view.activated.connect(lambda _index: self.classify())
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(self.detail.fontMetrics().lineSpacing() * 3)

        self.buttons: dict[str, QPushButton] = {}
        for key, text, tip, slot, allowed in (
            ("classify", self.tr("Classify…"), self.tr("Sort the finding by problem level and type (Enter)"),
             self.classify, self.may["classify"]),
            ("review", self.tr("Review…"), self.tr("Quality control: confirm or correct the classification"),
             self.review, self.may["review"]),
            ("project", self.tr("Turn into improvement project…"),
             self.tr("Start an improvement project for this finding, linked to its survey plan"),
             self.start_project, self.may["project"]),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            button.setVisible(allowed)
            self.buttons[key] = button

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Plan:")))
        top.addWidget(self.plan_filter)
        top.addWidget(self.unclassified_only)
        top.addWidget(self.unreviewed_only)
        top.addStretch(1)
        actions = QHBoxLayout()
        for button in self.buttons.values():
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(actions)
        QShortcut(QKeySequence("Ctrl+R"), self, self.review, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh()

    # --- list ----------------------------------------------------------------------------------------

    def _fill_plans(self) -> None:
        current = self.plan_filter.currentData()
        self.plan_filter.blockSignals(True)
        self.plan_filter.clear()
        self.plan_filter.addItem(self.tr("All plans and callbacks"), None)
        for plan in sp.list_plans():
            self.plan_filter.addItem(f"{plan.number} {plan.title}", plan.id)
        index = self.plan_filter.findData(current)
        self.plan_filter.setCurrentIndex(max(index, 0))
        self.plan_filter.blockSignals(False)

    def show_plan(self, plan_id: int | None) -> None:
        self.plan_filter.setCurrentIndex(max(self.plan_filter.findData(plan_id), 0))

    def refresh(self) -> None:
        self._fill_plans()
        selected = self.finding.id if self.finding else None
        rows = sc.list_findings(self.plan_filter.currentData(), unclassified_only=self.unclassified_only.isChecked(),
                                unreviewed_only=self.unreviewed_only.isChecked())
        source = {"survey": self.tr("Survey"), "callback": self.tr("Callback")}
        self.table.set_rows(rows, [
            (r.plan_number, source.get(r.source, r.source), r.unit_name, r.text,
             sc.level_label(r.level), sc.type_label(r.problem_type), r.classified_by, r.reviewed_by,
             _fmt(r.reviewed_at), _fmt(r.created_at)) for r in rows])
        for i, r in enumerate(rows):
            self.table.model.item(i, 3).setToolTip(r.text)
            if r.level == "critical":
                paint_row(self.table, i, foreground=CRITICAL_COLOR, bold=True, columns=(3, 4))
            elif r.level == "serious":
                paint_row(self.table, i, foreground=SERIOUS_COLOR, columns=(3, 4))
        self.table.view.setColumnWidth(3, min(max(self.table.view.columnWidth(3), 200), 460))
        unclassified = sum(1 for r in rows if not (r.level and r.problem_type and r.classified_by))
        unreviewed = sum(1 for r in rows if not r.reviewed)
        self.count_label.setText(self.tr("{0} findings, {1} unclassified, {2} unreviewed").format(
            len(rows), unclassified, unreviewed))
        if selected is None or not self.table.select_where(lambda r: r.id == selected):
            if rows:
                self.table.view.selectRow(0)
            else:
                self.show_finding(None)

    def _selection_changed(self) -> None:
        self.show_finding(self.table.selected_row())

    def show_finding(self, finding: FindingRow | None) -> None:
        self.finding = finding
        self.buttons["classify"].setEnabled(finding is not None)
        self.buttons["review"].setEnabled(finding is not None and bool(finding.level and finding.problem_type))
        self.buttons["project"].setEnabled(finding is not None and finding.plan_id is not None)
        if finding is None:
            self.detail.setText(self.tr("Select a finding."))
            return
        where = f"{finding.plan_number} " if finding.plan_number else ""
        unit = f" — {finding.unit_name}" if finding.unit_name else ""
        self.detail.setText(f"{where}{unit}\n{finding.text}".strip())

    # --- actions -------------------------------------------------------------------------------------

    def _class_fields(self, finding: FindingRow) -> list:
        levels = sc.level_choices()
        types = sc.type_choices()
        return [
            ("level", self.tr("Problem level (问题级别)"), combo([(text, code) for code, text in levels],
                                                                finding.level or levels[0][0])),
            ("problem_type", self.tr("Problem type (问题类型)"), combo([(text, code) for code, text in types],
                                                                      finding.problem_type or None)),
        ]

    def _after(self, result: object) -> None:
        self.context.events.changed.emit("survey")
        self.refresh()
        if isinstance(result, FindingRow):
            self.table.select_where(lambda r: r.id == result.id)

    def classify(self) -> bool:
        f = self.finding
        if f is None or not self.may["classify"]:
            return False
        dialog = FormDialog(self.tr("Classify the finding"), self._class_fields(f),
                            lambda v: sc.classify_finding(self.context.actor, f.id, f.version, v["level"],
                                                          v["problem_type"]),
                            self, f.text)
        if dialog.exec() != FormDialog.DialogCode.Accepted:
            return False
        self._after(dialog.result_value)
        return True

    def review(self) -> bool:
        f = self.finding
        if f is None or not self.may["review"] or not (f.level and f.problem_type):
            return False
        intro = self.tr("Classified by {0}. Confirm the classification or correct it.").format(
            f.classified_by or "—") + "\n\n" + f.text
        dialog = FormDialog(self.tr("Review the classification"), self._class_fields(f),
                            lambda v: sc.review_finding(self.context.actor, f.id, f.version, v["level"],
                                                        v["problem_type"]),
                            self, intro)
        if dialog.exec() != FormDialog.DialogCode.Accepted:
            return False
        self._after(dialog.result_value)
        return True

    def start_project(self) -> object:
        f = self.finding
        if f is None or f.plan_id is None or not self.may["project"]:
            return None
        fields = [("problem", self.tr("Problem description"), text_edit(f.text, lines=4)),
                  ("measure", self.tr("Initial corrective measure"), text_edit(lines=3))]
        dialog = FormDialog(self.tr("Improvement project from survey {0}").format(f.plan_number), fields,
                            lambda v: improvement.from_survey_plan(self.context.actor, f.plan_id, v["problem"],
                                                                   v["measure"]), self)
        if dialog.exec() != FormDialog.DialogCode.Accepted:
            return None
        project = dialog.result_value
        self.context.events.changed.emit("improvement")
        QMessageBox.information(self, self.tr("Improvement project"),
                                self.tr("Improvement project {0} created.").format(project.number))
        return project
