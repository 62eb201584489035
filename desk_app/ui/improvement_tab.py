"""The Improvement tab: the tracking table (服务改善项目跟踪管理表) with every column of R25, and its actions."""

from datetime import date

from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFileDialog,
    QMessageBox,
    QWidget,
)

from desk_app.errors import DeskError
from desk_app.i18n import label, t
from desk_app.models.enums import ClosureCode, Dimension, ImprovementSource, ImprovementState, Role
from desk_app.services import improvement, indicators, registers, users
from desk_app.services.improvement import ProjectRow
from desk_app.ui.context import AppContext
from desk_app.ui.form_dialog import combo, date_edit, line_edit, text_edit
from desk_app.ui.record_list_tab import RecordListTab
from desk_app.ui.widgets import confirm, error_color, html_text

S = ImprovementState



def _spin(value: float | None, maximum: float = 100.0) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(-1, maximum)
    box.setDecimals(2)
    box.setSpecialValueText("—")  # -1 shows as "not set"
    box.setValue(-1 if value is None else value)
    return box


class ImprovementTab(RecordListTab):
    KIND = "improvement"
    LISTENS_TO = ("revisit", "complaint")

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.project: ProjectRow | None = None
        self.build(
            states=[s.value for s in S], sources=[s.value for s in ImprovementSource],
            overdue_text=self.tr("Overdue steps only"),
            overdue_tip=self.tr("Only projects with a work-plan step past its due date"),
            columns=[self.tr("No."), self.tr("Problem description"), self.tr("Problem source"),
                     self.tr("Initial corrective measure"), self.tr("Agreed measure"), self.tr("Meeting date"),
                     self.tr("Work plan"), self.tr("Effect and confirmation"), self.tr("State"),
                     self.tr("Overdue steps")],
            new_button=("new", self.tr("New project…"), self.new_project,
                        self.tr("Propose an improvement project (Ctrl+N)")),
            tools=[("export", self.tr("Export table…"), self.export_table,
                    self.tr("Write the tracking table to an Excel workbook")),
                   ("print_table", self.tr("Print table…"), self.print_table,
                    self.tr("The tracking table (服务改善项目跟踪管理表) as a PDF: the selected project, "
                            "or every project when none is selected"))],
            button_rows=[
                [("edit", self.tr("Edit…"), self.edit_project, ""),
                 ("agree", self.tr("Meeting decision…"), self.agree,
                  self.tr("Record the measure agreed at the fault analysis meeting and the meeting date")),
                 ("start", self.tr("Start"), self.start, ""),
                 ("step", self.tr("Add step…"), self.add_step,
                  self.tr("Add a step of the work plan, with its owner and due date")),
                 ("step_done", self.tr("Step done…"), self.complete_step, "")],
                [("done", self.tr("Work done…"), self.mark_done,
                  self.tr("The work is done: describe its effect for the confirmation")),
                 ("goal", self.tr("Goal…"), self.set_goal,
                  self.tr("An indicator with base and target values, measured from the data")),
                 ("confirm", self.tr("Confirm…"), self.confirm,
                  self.tr("The manager confirms the effect and closes the project")),
                 ("withdraw", self.tr("Withdraw…"), self.withdraw,
                  self.tr("Close the project as withdrawn (asks first)")),
                 ("reopen", self.tr("Reopen…"), self.reopen, self.tr("Open a done or confirmed project again"))],
            ])
        self.table.view.setWordWrap(True)
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
        self.select_after_refresh(selected)

    def load(self, record_id: int) -> ProjectRow:
        return improvement.get_project(record_id)

    def record_id(self, record: object) -> int | None:
        return record.id if isinstance(record, ProjectRow) else None

    def show_record(self, p: ProjectRow | None) -> None:
        self.current = self.project = p
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
        for key, on in enabled.items():
            self.buttons[key].setEnabled(bool(on))
        self.record.setHtml(self._html(p) if p else self.tr("Select a project."))

    def _html(self, p: ProjectRow) -> str:
        problem, source, owner = self.tr("Problem description"), self.tr("Problem source"), self.tr("Owner")
        parts = [f"<h3>{html_text(p.number)} — {html_text(label(p.state))}"
                 f"{'（' + html_text(label(p.closure_code)) + '）' if p.closure_code else ''}</h3>",
                 f"<p><b>{problem}:</b><br>{html_text(p.problem)}</p>",
                 f"<p><b>{source}:</b> {html_text(label(p.source))} {html_text(p.source_ref)}"
                 f" &nbsp; <b>{owner}:</b> {html_text(p.owner or '—')}</p>"]
        for title, value in ((self.tr("Initial corrective measure"), p.initial_measure),
                             (self.tr("Agreed measure"), p.agreed_measure + (
                                 f"（{p.meeting_date:%Y-%m-%d}）" if p.meeting_date else "")),
                             (self.tr("Effect and confirmation"), p.effect_result)):
            if value:
                parts.append(f"<p><b>{title}:</b><br>{html_text(value)}</p>")
        if p.goal_indicator:
            name = t(indicators.INDICATORS[p.goal_indicator][0])
            measured = improvement.measure_goal(p.id) if p.state != S.CONFIRMED else p.measured_value
            goal, base, target = self.tr("Goal"), self.tr("base"), self.tr("target")
            measured_text, review = self.tr("measured"), self.tr("review")
            parts.append(f"<p><b>{goal}:</b> {html_text(name)} — {base} {_fmt(p.base_value)}, "
                         f"{target} {_fmt(p.target_value)}, {measured_text} {_fmt(measured)}"
                         f"{', ' + review + ' ' + str(p.review_date) if p.review_date else ''}</p>")
        work_plan = self.tr("Work plan")
        parts.append(f"<h4>{work_plan}</h4><table cellspacing='4'>")
        overdue = self.tr("overdue")
        for s in p.steps:
            colour = f" style='color:{error_color(self)}'" if s.overdue else ""
            parts.append(f"<tr{colour}><td>{s.seq}.</td><td>{html_text(s.description)}</td><td>{html_text(s.owner)}</td>"
                         f"<td>{s.due_date or ''}</td><td>{'✓ ' + f'{s.done_at:%Y-%m-%d}' if s.done_at else ''}"
                         f"{overdue if s.overdue else ''}</td></tr>")
        parts.append("</table>")
        return "".join(parts)

    # --- actions -------------------------------------------------------------------------------------

    def _owners(self) -> list[tuple[str, object]]:
        return [(self.tr("(none)"), None)] + [(u.full_name, u.id) for u in users.list_users(include_inactive=False)]

    def new_project(self) -> bool:
        sources = [(label(s.value), s.value) for s in ImprovementSource]
        fields = [("problem", self.tr("Problem description"), text_edit()),
                  ("source", self.tr("Problem source"), combo(sources, ImprovementSource.OTHER.value)),
                  ("note", self.tr("Source reference"), line_edit(placeholder=self.tr("e.g. meeting of 2026-11-05"))),
                  ("measure", self.tr("Initial corrective measure"), text_edit(lines=3)),
                  ("owner", self.tr("Owner"), combo(self._owners()))]
        return self.run_form(self.tr("New improvement project"), fields, lambda v: improvement.create_project(
            self.context.actor, v["problem"], v["source"], v["measure"], v["owner"], v["note"]))

    def edit_project(self) -> bool:
        p = self.project
        fields = [("problem", self.tr("Problem description"), text_edit(p.problem)),
                  ("measure", self.tr("Initial corrective measure"), text_edit(p.initial_measure, lines=3)),
                  ("owner", self.tr("Owner"), combo(self._owners(), p.owner_id))]
        return self.run_form(self.tr("Edit project"), fields, lambda v: improvement.update_project(
            self.context.actor, p.id, p.version, v["problem"], v["measure"], v["owner"]))

    def agree(self) -> bool:
        p = self.project
        measure = text_edit(p.agreed_measure or p.initial_measure)
        fields = [("measure", self.tr("Measure agreed at the meeting"), measure),
                  ("meeting", self.tr("Meeting date"), date_edit(p.meeting_date))]
        return self.run_form(self.tr("Fault analysis meeting decision"), fields, lambda v: improvement.agree(
            self.context.actor, p.id, p.version, v["measure"], v["meeting"]))

    def start(self) -> bool:
        p = self.project
        return self.run_form(self.tr("Start the work"), [], lambda v: improvement.start(self.context.actor, p.id,
                                                                                    p.version),
                         self.tr("Mark project {0} as in progress?").format(p.number))

    def add_step(self) -> bool:
        p = self.project
        fields = [("description", self.tr("Step"), text_edit(lines=2)),
                  ("owner", self.tr("Owner"), combo(self._owners())),
                  ("owner_name", self.tr("Or owner outside the desk"), line_edit()),
                  ("due", self.tr("Due date"), date_edit())]
        return self.run_form(self.tr("Add a work-plan step"), fields, lambda v: improvement.save_step(
            self.context.actor, p.id, v["description"], v["due"], v["owner"], v["owner_name"]))

    def complete_step(self) -> bool:
        p = self.project
        open_steps = [(f"{s.seq}. {s.description}", s) for s in p.steps if s.done_at is None]
        return self.run_form(self.tr("Step done"), [("step", self.tr("Step"), combo(open_steps))],
                         lambda v: improvement.complete_step(self.context.actor, v["step"].id, v["step"].version))

    def mark_done(self) -> bool:
        p = self.project
        return self.run_form(self.tr("Work done"),
                             [("effect", self.tr("Effect evaluation"), text_edit(p.effect_result))],
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

        return self.run_form(self.tr("Project goal"), fields, save,
                         self.tr("The measured value is computed from the data: survey answers of a unit, a "
                                 "dimension's mean score, or callback ratings."))

    def confirm(self) -> bool:
        p = self.project
        codes = [(label(c.value), c.value) for c in (ClosureCode.SUCCESSFUL, ClosureCode.UNSUCCESSFUL)]
        measured = improvement.measure_goal(p.id)
        intro = ""
        if p.goal_indicator:
            intro = self.tr("Goal: target {0}, measured now {1}.").format(_fmt(p.target_value), _fmt(measured))
        return self.run_form(self.tr("Confirm the effect"), [
            ("code", self.tr("Closure code"), combo(codes)),
            ("effect", self.tr("Effect evaluation"), text_edit(p.effect_result))],
            lambda v: improvement.confirm(self.context.actor, p.id, p.version, v["code"], v["effect"]), intro)

    def withdraw(self) -> bool:
        p = self.project
        if p is None or not confirm(self, self.tr("Withdraw the project"),
                                    self.tr("Withdraw improvement project {0}? It is closed with the code "
                                            "“withdrawn”.").format(p.number)):
            return False
        return self.run_form(self.tr("Withdraw the project"), [("reason", self.tr("Reason"), text_edit(lines=3))],
                         lambda v: improvement.withdraw(self.context.actor, p.id, p.version, v["reason"]))

    def reopen(self) -> bool:
        p = self.project
        return self.run_form(self.tr("Reopen the project"), [("reason", self.tr("Reason"), text_edit(lines=3))],
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
