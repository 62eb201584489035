"""The Surveys tab (满意度调查, R27–R31): plans, analysis, findings and questionnaire templates.

- Plans (`survey_plans_page`): the plan list; a plan's record and next steps (edit, approve, export the
  workbooks, close, reopen, mark analysed); its distribution list (R29) and the reminder list (R30a)
  (`survey_recipients_view`). Returned workbooks are imported here too (files, a folder, or dropped on
  the page), in a worker thread, and every file's outcome is shown (R30) (`survey_workbook_jobs`,
  `survey_workbook_dialogs`).
- Analysis (R31), Findings (R30b): see `survey_analysis_view` and `findings_view`.
- Templates (R27, `survey_templates_page`): the current questionnaires; editing one a plan uses makes a
  new version.

Pages refresh when `context.events.changed` names a table they show; a page not on screen is only
marked stale and reloads when it is shown.
"""

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desk_app.ui.context import AppContext
from desk_app.ui.findings_view import FindingsPage
from desk_app.ui.survey_analysis_view import AnalysisPage
from desk_app.ui.survey_plans_page import PlansPage
from desk_app.ui.survey_templates_page import TemplatesPage


class SurveysTab(QWidget):
    """Plans, Analysis, Findings and Templates in a QTabWidget."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.pages: dict[str, QWidget] = {}
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        for key, title, cls in (("plans", self.tr("Plans"), PlansPage),
                                ("analysis", self.tr("Analysis"), AnalysisPage),
                                ("findings", self.tr("Findings"), FindingsPage),
                                ("templates", self.tr("Questionnaires"), TemplatesPage)):
            page = cls(context, self)
            self.pages[key] = page
            self.tabs.addTab(page, title)
        plans: PlansPage = self.pages["plans"]
        plans.open_analysis.connect(self.show_analysis)
        plans.open_findings.connect(self.show_findings)
        self.tabs.currentChanged.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        context.events.changed.connect(self._changed)

    def page(self, key: str) -> QWidget:
        return self.pages[key]

    def open_record(self, kind: str, record_id: int) -> bool:
        """From the Today tab or the global search: the Plans page with the plan selected."""
        if kind != "survey_plan":
            return False
        plans: PlansPage = self.show_page("plans")
        return plans.select_plan(record_id)

    def show_page(self, key: str) -> QWidget:
        page = self.pages[key]
        self.tabs.setCurrentWidget(page)
        self._current_changed()
        return page

    def show_analysis(self, plan_id: int) -> None:
        page: AnalysisPage = self.show_page("analysis")
        page.show_plan(plan_id)

    def show_findings(self, plan_id: int) -> None:
        page: FindingsPage = self.show_page("findings")
        page.show_plan(plan_id)

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
        if getattr(page, "stale", False):
            page.stale = False
            page.refresh()
