"""The Surveys tab (满意度调查, R27–R31): plans, analysis, findings and questionnaire templates.

- Plans (`survey_plans_page`): the plan list; a plan's record and next steps (edit, approve, export the
  workbooks, close, reopen, mark analysed); its distribution list (R29) and the reminder list (R30a)
  (`survey_recipients_view`). Returned workbooks are imported here too (files, a folder, or dropped on
  the page), in a worker thread, and every file's outcome is shown (R30) (`survey_workbook_jobs`,
  `survey_workbook_dialogs`).
- Analysis (R31), Findings (R30b): see `survey_analysis_view` and `findings_view`.
- Templates (R27, `survey_templates_page`): the current questionnaires; editing one a plan uses makes a
  new version.

Pages refresh as `paged_tab` says.
"""

from PySide6.QtWidgets import QWidget

from desk_app.ui.context import AppContext
from desk_app.ui.findings_view import FindingsPage
from desk_app.ui.paged_tab import PagedTab
from desk_app.ui.survey_analysis_view import AnalysisPage
from desk_app.ui.survey_plans_page import PlansPage
from desk_app.ui.survey_templates_page import TemplatesPage


class SurveysTab(PagedTab):
    """Plans, Analysis, Findings and Templates."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        for key, title, cls in (("plans", self.tr("Plans"), PlansPage),
                                ("analysis", self.tr("Analysis"), AnalysisPage),
                                ("findings", self.tr("Findings"), FindingsPage),
                                ("templates", self.tr("Questionnaires"), TemplatesPage)):
            self.add_page(key, title, cls(context, self))
        plans: PlansPage = self.pages["plans"]
        plans.open_analysis.connect(self.show_analysis)
        plans.open_findings.connect(self.show_findings)

    def open_record(self, kind: str, record_id: int) -> bool:
        """From the Today tab or the global search: the Plans page with the plan selected."""
        if kind != "survey_plan":
            return False
        plans: PlansPage = self.show_page("plans")
        return plans.select_plan(record_id)

    def show_analysis(self, plan_id: int) -> None:
        page: AnalysisPage = self.show_page("analysis")
        page.show_plan(plan_id)

    def show_findings(self, plan_id: int) -> None:
        page: FindingsPage = self.show_page("findings")
        page.show_plan(plan_id)

