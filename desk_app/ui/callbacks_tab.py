"""The Callbacks tab (回访与评价): pages shown by role.

- My callbacks (dispatchers, managers): the caller's own worklist (R2, R13), planning the day (R10–R11, R10a)
  and the callback screen (R14–R15).
- Self-evaluation (team leads, managers): the team's closed tickets not yet self-evaluated (R9).
- Revisit forms (team leads: own team; managers: all; other readers of all results: read-only) (R17–R19).
- Daily feedback (R16), Monthly results (R32–R33a), Meeting pack (R18a).

Pages refresh as `paged_tab` says.
"""


from PySide6.QtWidgets import QWidget

from desk_app.models.enums import Role
from desk_app.services.permissions import Permission, can
from desk_app.ui.callback_results_pages import DailyFeedbackPage, MeetingPackPage, ResultsPage
from desk_app.ui.context import AppContext
from desk_app.ui.my_callbacks_page import MyCallbacksPage
from desk_app.ui.paged_tab import PagedTab
from desk_app.ui.revisit_forms_page import RevisitFormsPage, open_revisit
from desk_app.ui.self_evaluation_page import SelfEvaluationPage


class CallbacksTab(PagedTab):
    """The pages the user's roles call for."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        actor = context.actor
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
                self.add_page(key, title, cls(context, self))

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

