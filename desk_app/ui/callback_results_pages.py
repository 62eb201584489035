"""The read-mostly pages of the Callbacks tab: daily feedback (R16), monthly results (R32–R33a)
and the fault-analysis meeting pack (R18a)."""

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskError
from desk_app.i18n import label
from desk_app.models.enums import RATING_ORDER, EvaluationKind
from desk_app.services import feedback, revisits
from desk_app.services.permissions import Permission, can
from desk_app.ui.callback_dialog import label_kind
from desk_app.ui.callback_page import Page, date_edit_on, fmt_time
from desk_app.ui.context import AppContext
from desk_app.ui.revisit_dialog import RevisitDialog, revisit_state_label
from desk_app.ui.revisit_forms_page import open_revisit
from desk_app.ui.standings_view import (
    StandingsView,
    month_edit,
    month_of,
    previous_month,
)
from desk_app.ui.widgets import FilterTable, error_color, html_text, splitter, titled, toolbar_page

# --- 4. daily feedback ----------------------------------------------------------------------------------


class DailyFeedbackPage(Page):
    TABLES = ("evaluation", "callback")

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.day = date_edit_on(date.today() - timedelta(days=1))
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
            parts.append(f"<h4>{html_text(s.team_name)} — {totals}"
                         + (f" — <span style='color:{error_color(self)}'>{unhappy}"
                            "</span>" if s.dissatisfied else "") + "</h4>")
            head = "".join(f"<th>{html_text(label(r))}</th>" for r in ratings)
            rows = "".join(
                f"<tr><td>{html_text(label_kind(k))}</td>"
                + "".join(f"<td align='center'>{s.counts[k].get(r, 0) or ''}</td>" for r in ratings) + "</tr>"
                for k in kinds if k in s.counts)
            parts.append(f"<table border='1' cellspacing='0' cellpadding='4'><tr><th></th>{head}</tr>{rows}</table>")
            if s.dissatisfied:
                items = "".join(
                    f"<tr><td>{html_text(e.ticket_number)}</td><td>{html_text(e.technician_name)}</td>"
                    f"<td>{html_text(label_kind(e.kind))}</td><td>{html_text(label(e.rating))}</td>"
                    f"<td>{html_text(e.comment)}"
                    f"{'<br>' + html_text(e.corrective_note) if e.corrective_note else ''}</td></tr>"
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
        toolbar_page(self, top, splitter(Qt.Orientation.Vertical, [
            titled(self.tr("Dissatisfied evaluations, revisit forms and corrective measures"), self.items),
            titled(self.tr("Improvement projects to discuss or confirm"), self.projects)]))
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
            (i.evaluation.ticket_number, fmt_time(i.evaluation.closed_at), i.evaluation.team_name,
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


