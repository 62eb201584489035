"""The Improvement tab: the tracking table (服务改善项目跟踪管理表) with every column of R25, and its actions."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk_app.i18n import label, t
from desk_app.models.enums import ClosureCode, Dimension, ImprovementSource, ImprovementState, Role
from desk_app.services import improvement, indicators, registers, users
from desk_app.services.errors import DeskError
from desk_app.services.improvement import ProjectRow
from desk_app.ui.context import AppContext
from desk_app.ui.form_dialog import FormDialog, combo, date_edit, line_edit, text_edit
from desk_app.ui.widgets import FilterTable, confirm, error_color, restore_filters, show_error

S = ImprovementState


def _esc(text: str) -> str:
    from html import escape

    return escape(text or "").replace("\n", "<br>")


def _spin(value: float | None, maximum: float = 100.0) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(-1, maximum)
    box.setDecimals(2)
    box.setSpecialValueText("—")  # -1 shows as "not set"
    box.setValue(-1 if value is None else value)
    return box


class ImprovementTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.project: ProjectRow | None = None
        self.state_filter = combo([(self.tr("All states"), "")] + [(label(s.value), s.value) for s in S])
        self.source_filter = combo([(self.tr("All sources"), "")] + [(label(s.value), s.value)
                                                                      for s in ImprovementSource])
        self.overdue_only = QCheckBox(self.tr("Overdue steps only"))
        self.overdue_only.setToolTip(self.tr("Only projects with a work-plan step past its due date"))
        restore_filters(f"improvement_tab/{context.actor.username}/filters",
                        {"state": self.state_filter, "source": self.source_filter, "overdue": self.overdue_only})
        for widget in (self.state_filter, self.source_filter):
            widget.currentIndexChanged.connect(self.refresh)
        self.overdue_only.toggled.connect(self.refresh)
        new_button = QPushButton(self.tr("New project…"))
        new_button.setToolTip(self.tr("Propose an improvement project (Ctrl+N)"))
        new_button.clicked.connect(self.new_project)
        export_button = QPushButton(self.tr("Export table…"))
        export_button.setToolTip(self.tr("Write the tracking table to an Excel workbook"))
        export_button.clicked.connect(self.export_table)
        print_button = QPushButton(self.tr("Print table…"))
        print_button.setObjectName("print_table")
        print_button.setToolTip(self.tr("The tracking table (服务改善项目跟踪管理表) as a PDF: the selected project, "
                                        "or every project when none is selected"))
        print_button.clicked.connect(self.print_table)
        self.print_button = print_button

        self.table = FilterTable([self.tr("No."), self.tr("Problem description"), self.tr("Problem source"),
                                  self.tr("Initial corrective measure"), self.tr("Agreed measure"),
                                  self.tr("Meeting date"), self.tr("Work plan"), self.tr("Effect and confirmation"),
                                  self.tr("State"), self.tr("Overdue steps")])
        self.table.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.view.setWordWrap(True)

        self.record = QTextBrowser()
        self.buttons: dict[str, QPushButton] = {}
        rows = (("edit", self.tr("Edit…"), self.edit_project), ("agree", self.tr("Meeting decision…"), self.agree),
                ("start", self.tr("Start"), self.start), ("step", self.tr("Add step…"), self.add_step),
                ("step_done", self.tr("Step done…"), self.complete_step)), \
               (("done", self.tr("Work done…"), self.mark_done), ("goal", self.tr("Goal…"), self.set_goal),
                ("confirm", self.tr("Confirm…"), self.confirm), ("withdraw", self.tr("Withdraw…"), self.withdraw),
                ("reopen", self.tr("Reopen…"), self.reopen))
        tips = {
            "agree": self.tr("Record the measure agreed at the fault analysis meeting and the meeting date"),
            "step": self.tr("Add a step of the work plan, with its owner and due date"),
            "done": self.tr("The work is done: describe its effect for the confirmation"),
            "goal": self.tr("An indicator with base and target values, measured from the data"),
            "confirm": self.tr("The manager confirms the effect and closes the project"),
            "withdraw": self.tr("Close the project as withdrawn (asks first)"),
            "reopen": self.tr("Open a done or confirmed project again"),
        }
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.record, 1)
        for row in rows:
            line = QHBoxLayout()
            for key, text, slot in row:
                button = QPushButton(text)
                button.setToolTip(tips.get(key, ""))
                button.clicked.connect(slot)
                self.buttons[key] = button
                line.addWidget(button)
            right_layout.addLayout(line)

        top = QHBoxLayout()
        top.addWidget(new_button)
        top.addWidget(QLabel(self.tr("State:")))
        top.addWidget(self.state_filter)
        top.addWidget(QLabel(self.tr("Source:")))
        top.addWidget(self.source_filter)
        top.addWidget(self.overdue_only)
        top.addStretch(1)
        top.addWidget(export_button)
        top.addWidget(print_button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_project,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        context.events.changed.connect(lambda table: table in ("improvement", "revisit", "complaint")
                                       and self.refresh())
        self.refresh()

    # --- list and record -----------------------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.project.id if self.project else None
        state = self.state_filter.currentData()
        rows = improvement.list_projects(states=(state,) if state else (), source=self.source_filter.currentData()
                                         or "", overdue_only=self.overdue_only.isChecked())
        self.table.set_rows(rows, [registers.improvement_cells(p)[:5] + [
            f"{p.meeting_date:%Y-%m-%d}" if p.meeting_date else "", p.plan_text(), p.effect_result,
            label(p.state) + (f"（{label(p.closure_code)}）" if p.closure_code else ""), p.overdue_steps or ""]
            for p in rows])
        if selected is None or not self.table.select_where(lambda r: r.id == selected):
            self.show_project(None)

    def _selection_changed(self) -> None:
        row = self.table.selected_row()
        self.show_project(improvement.get_project(row.id) if row else None)

    def open_record(self, kind: str, record_id: int) -> bool:
        """From the Today tab or the global search: select the project (clearing the filters if it is
        not listed) and show its record."""
        if kind != "improvement":
            return False
        if self.table.select_where(lambda r: r.id == record_id):
            return True
        self.clear_filters()
        if self.table.select_where(lambda r: r.id == record_id):
            return True
        try:
            self.show_project(improvement.get_project(record_id))
        except DeskError as exc:
            show_error(self, exc)
            return False
        return True

    def clear_filters(self) -> None:
        for widget in (self.state_filter, self.source_filter, self.overdue_only):
            widget.blockSignals(True)
        self.state_filter.setCurrentIndex(0)
        self.source_filter.setCurrentIndex(0)
        self.overdue_only.setChecked(False)
        for widget in (self.state_filter, self.source_filter, self.overdue_only):
            widget.blockSignals(False)
        self.overdue_only.toggled.emit(False)  # saves the filters and refreshes
        self.table.filter.clear()

    def show_project(self, p: ProjectRow | None) -> None:
        self.project = p
        state = p.state if p else None
        manager = self.context.actor.has_role(Role.MANAGER)
        enabled = {
            "edit": p is not None and state != S.CONFIRMED,
            "agree": state in (S.PROPOSED, S.REOPENED),
            "start": state in (S.AGREED, S.REOPENED),
            "step": p is not None and state != S.CONFIRMED,
            "step_done": p is not None and any(s.done_at is None for s in p.steps),
            "done": state in (S.IN_PROGRESS, S.AGREED),
            "goal": p is not None and state != S.CONFIRMED,
            "confirm": state == S.DONE and manager,
            "withdraw": state in (S.PROPOSED, S.AGREED, S.IN_PROGRESS, S.REOPENED) and manager,
            "reopen": state in (S.DONE, S.CONFIRMED) and manager,
        }
        for key, button in self.buttons.items():
            button.setEnabled(bool(enabled[key]))
        self.record.setHtml(self._html(p) if p else self.tr("Select a project."))

    def _html(self, p: ProjectRow) -> str:
        problem, source, owner = self.tr("Problem description"), self.tr("Problem source"), self.tr("Owner")
        parts = [f"<h3>{_esc(p.number)} — {_esc(label(p.state))}"
                 f"{'（' + _esc(label(p.closure_code)) + '）' if p.closure_code else ''}</h3>",
                 f"<p><b>{problem}:</b><br>{_esc(p.problem)}</p>",
                 f"<p><b>{source}:</b> {_esc(label(p.source))} {_esc(p.source_ref)}"
                 f" &nbsp; <b>{owner}:</b> {_esc(p.owner or '—')}</p>"]
        for title, value in ((self.tr("Initial corrective measure"), p.initial_measure),
                             (self.tr("Agreed measure"), p.agreed_measure + (
                                 f"（{p.meeting_date:%Y-%m-%d}）" if p.meeting_date else "")),
                             (self.tr("Effect and confirmation"), p.effect_result)):
            if value:
                parts.append(f"<p><b>{title}:</b><br>{_esc(value)}</p>")
        if p.goal_indicator:
            name = t(indicators.INDICATORS[p.goal_indicator][0])
            measured = improvement.measure_goal(p.id) if p.state != S.CONFIRMED else p.measured_value
            goal, base, target = self.tr("Goal"), self.tr("base"), self.tr("target")
            measured_text, review = self.tr("measured"), self.tr("review")
            parts.append(f"<p><b>{goal}:</b> {_esc(name)} — {base} {_fmt(p.base_value)}, "
                         f"{target} {_fmt(p.target_value)}, {measured_text} {_fmt(measured)}"
                         f"{', ' + review + ' ' + str(p.review_date) if p.review_date else ''}</p>")
        work_plan = self.tr("Work plan")
        parts.append(f"<h4>{work_plan}</h4><table cellspacing='4'>")
        overdue = self.tr("overdue")
        for s in p.steps:
            colour = f" style='color:{error_color(self)}'" if s.overdue else ""
            parts.append(f"<tr{colour}><td>{s.seq}.</td><td>{_esc(s.description)}</td><td>{_esc(s.owner)}</td>"
                         f"<td>{s.due_date or ''}</td><td>{'✓ ' + f'{s.done_at:%Y-%m-%d}' if s.done_at else ''}"
                         f"{overdue if s.overdue else ''}</td></tr>")
        parts.append("</table>")
        return "".join(parts)

    # --- actions -------------------------------------------------------------------------------------

    def _run(self, title: str, fields, action, intro: str = "") -> bool:
        dialog = FormDialog(title, fields, action, self, intro)
        if dialog.exec() != FormDialog.DialogCode.Accepted:
            return False
        self.context.events.changed.emit("improvement")
        result = dialog.result_value
        self.refresh()
        target = result.id if isinstance(result, ProjectRow) else (self.project.id if self.project else None)
        if target is not None:
            self.table.select_where(lambda r: r.id == target)
        return True

    def _owners(self) -> list[tuple[str, object]]:
        return [(self.tr("(none)"), None)] + [(u.full_name, u.id) for u in users.list_users(include_inactive=False)]

    def new_project(self) -> bool:
        sources = [(label(s.value), s.value) for s in ImprovementSource]
        fields = [("problem", self.tr("Problem description"), text_edit()),
                  ("source", self.tr("Problem source"), combo(sources, ImprovementSource.OTHER.value)),
                  ("note", self.tr("Source reference"), line_edit(placeholder=self.tr("e.g. meeting of 2026-11-05"))),
                  ("measure", self.tr("Initial corrective measure"), text_edit(lines=3)),
                  ("owner", self.tr("Owner"), combo(self._owners()))]
        return self._run(self.tr("New improvement project"), fields, lambda v: improvement.create_project(
            self.context.actor, v["problem"], v["source"], v["measure"], v["owner"], v["note"]))

    def edit_project(self) -> bool:
        p = self.project
        fields = [("problem", self.tr("Problem description"), text_edit(p.problem)),
                  ("measure", self.tr("Initial corrective measure"), text_edit(p.initial_measure, lines=3)),
                  ("owner", self.tr("Owner"), combo(self._owners(), p.owner_id))]
        return self._run(self.tr("Edit project"), fields, lambda v: improvement.update_project(
            self.context.actor, p.id, p.version, v["problem"], v["measure"], v["owner"]))

    def agree(self) -> bool:
        p = self.project
        measure = text_edit(p.agreed_measure or p.initial_measure)
        fields = [("measure", self.tr("Measure agreed at the meeting"), measure),
                  ("meeting", self.tr("Meeting date"), date_edit(p.meeting_date))]
        return self._run(self.tr("Fault analysis meeting decision"), fields, lambda v: improvement.agree(
            self.context.actor, p.id, p.version, v["measure"], v["meeting"]))

    def start(self) -> bool:
        p = self.project
        return self._run(self.tr("Start the work"), [], lambda v: improvement.start(self.context.actor, p.id,
                                                                                    p.version),
                         self.tr("Mark project {0} as in progress?").format(p.number))

    def add_step(self) -> bool:
        p = self.project
        fields = [("description", self.tr("Step"), text_edit(lines=2)),
                  ("owner", self.tr("Owner"), combo(self._owners())),
                  ("owner_name", self.tr("Or owner outside the desk"), line_edit()),
                  ("due", self.tr("Due date"), date_edit())]
        return self._run(self.tr("Add a work-plan step"), fields, lambda v: improvement.save_step(
            self.context.actor, p.id, v["description"], v["due"], v["owner"], v["owner_name"]))

    def complete_step(self) -> bool:
        p = self.project
        open_steps = [(f"{s.seq}. {s.description}", s) for s in p.steps if s.done_at is None]
        return self._run(self.tr("Step done"), [("step", self.tr("Step"), combo(open_steps))],
                         lambda v: improvement.complete_step(self.context.actor, v["step"].id, v["step"].version))

    def mark_done(self) -> bool:
        p = self.project
        return self._run(self.tr("Work done"), [("effect", self.tr("Effect evaluation"), text_edit(p.effect_result))],
                         lambda v: improvement.mark_done(self.context.actor, p.id, p.version, v["effect"]))

    def set_goal(self) -> bool:
        p = self.project
        options = [(self.tr("(no goal)"), "")] + [(t(name), code) for code, (name, _) in
                                                   indicators.INDICATORS.items()]
        units = [(self.tr("(all units)"), None)] + [(u.name, u.id) for u in users.list_units()]
        dims = [(label(d.value), d.value) for d in Dimension]
        params = p.goal_params
        fields = [("indicator", self.tr("Indicator"), combo(options, p.goal_indicator)),
                  ("unit", self.tr("Customer unit"), combo(units, params.get("unit_id"))),
                  ("dimension", self.tr("Dimension"), combo(dims, params.get("dimension"))),
                  ("from", self.tr("Measured from"),
                   date_edit(_day(params.get("from")) or date(date.today().year, 1, 1))),
                  ("to", self.tr("Measured to"), date_edit(_day(params.get("to")))),
                  ("base", self.tr("Base value"), _spin(p.base_value)),
                  ("target", self.tr("Target value"), _spin(p.target_value)),
                  ("review", self.tr("Review date"), date_edit(p.review_date))]

        def save(v: dict) -> ProjectRow:
            goal = {"from": v["from"].isoformat(), "to": v["to"].isoformat()}
            if v["indicator"] == "dimension_mean":
                goal["dimension"] = v["dimension"]
            elif v["unit"]:
                goal["unit_id"] = v["unit"]
            return improvement.set_goal(self.context.actor, p.id, p.version, v["indicator"], goal,
                                        None if v["base"] < 0 else v["base"], None if v["target"] < 0 else v["target"],
                                        v["review"])

        return self._run(self.tr("Project goal"), fields, save,
                         self.tr("The measured value is computed from the data: survey answers of a unit, a "
                                 "dimension's mean score, or callback ratings."))

    def confirm(self) -> bool:
        p = self.project
        codes = [(label(c.value), c.value) for c in (ClosureCode.SUCCESSFUL, ClosureCode.UNSUCCESSFUL)]
        measured = improvement.measure_goal(p.id)
        intro = ""
        if p.goal_indicator:
            intro = self.tr("Goal: target {0}, measured now {1}.").format(_fmt(p.target_value), _fmt(measured))
        return self._run(self.tr("Confirm the effect"), [
            ("code", self.tr("Closure code"), combo(codes)),
            ("effect", self.tr("Effect evaluation"), text_edit(p.effect_result))],
            lambda v: improvement.confirm(self.context.actor, p.id, p.version, v["code"], v["effect"]), intro)

    def withdraw(self) -> bool:
        p = self.project
        if p is None or not confirm(self, self.tr("Withdraw the project"),
                                    self.tr("Withdraw improvement project {0}? It is closed with the code "
                                            "“withdrawn”.").format(p.number)):
            return False
        return self._run(self.tr("Withdraw the project"), [("reason", self.tr("Reason"), text_edit(lines=3))],
                         lambda v: improvement.withdraw(self.context.actor, p.id, p.version, v["reason"]))

    def reopen(self) -> bool:
        p = self.project
        return self._run(self.tr("Reopen the project"), [("reason", self.tr("Reason"), text_edit(lines=3))],
                         lambda v: improvement.reopen(self.context.actor, p.id, p.version, v["reason"]))

    def print_table(self) -> None:
        """R26: the tracking table as a PDF — the selected project, or all of them."""
        from desk_app.ui.form_print import print_form_pdf

        p = self.project
        stem = p.number if p else f"improvement-{date.today():%Y%m%d}"
        self._print_job = print_form_pdf(self, self.context, "improvement-table", p.id if p else None, stem,
                                         self.tr("Print tracking table"))

    def export_table(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export tracking table"),
                                              f"improvement-{date.today():%Y%m%d}.xlsx", "Excel (*.xlsx)")
        if not path:
            return
        try:
            count = registers.export_improvement(path)
        except (DeskError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Export"), str(exc))
            return
        QMessageBox.information(self, self.tr("Export"), self.tr("{0} projects written to {1}").format(count, path))


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
