"""The survey analysis page (R31, R30b): one plan's figures, charts and comments.

Response rate, satisfaction rate and mean score at the top; the mean per dimension (bar chart) and
the trend over earlier plans of the same questionnaire (line chart); per-question and per-unit
tables (客户单位服务满意率); every comment grouped by dimension, and their most frequent words per
dimension (`comment_analysis`, a click shows the comments); findings counted by level and type.
Everything comes from `survey_analysis.analyse(plan_id)`.
"""

from html import escape

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskError
from desk_app.i18n import label
from desk_app.models.enums import AnswerType
from desk_app.services import comment_analysis, settings, survey_analysis
from desk_app.services import survey_collection as sc
from desk_app.services import survey_plans as sp
from desk_app.services.survey_analysis import SurveyAnalysis
from desk_app.ui import charts
from desk_app.ui.context import AppContext
from desk_app.ui.form_dialog import combo
from desk_app.ui.standings_view import set_rows_typed
from desk_app.ui.template_editor import short_answer_type_label
from desk_app.ui.term_chart import TermChart
from desk_app.ui.widgets import FilterTable, readable, scrolled

BAR_COLOR = QColor("#1565c0")
RATE_COLOR = QColor("#2e7d32")
RESPONSE_COLOR = QColor("#ef6c00")


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} %"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def align_right(table: FilterTable, columns: tuple[int, ...]) -> None:
    """Numbers line up on the right."""
    for row in range(table.model.rowCount()):
        for column in columns:
            item = table.model.item(row, column)
            if item is not None:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class Kpi(QFrame):
    """One figure with its caption, e.g. “92.3 %” over “Satisfaction rate”."""

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("—")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(caption)
        self.detail = QLabel()
        self.detail.setStyleSheet(f"color: {readable('#616161', self).name()};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)

    def set(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)


class AnalysisPage(QWidget):
    TABLES = ("survey",)

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.stale = False
        self.analysis: SurveyAnalysis | None = None
        self.dimension_bars: QBarSet | None = None
        self.trend_series: dict[str, QLineSeries] = {}

        self.plan_picker = combo([])
        self.plan_picker.setMinimumContentsLength(32)
        self.plan_picker.currentIndexChanged.connect(self.show_analysis)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.setToolTip(self.tr("Recompute the analysis (F5)"))
        refresh.clicked.connect(self.refresh)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        top = QHBoxLayout()
        picker_label = QLabel(self.tr("&Plan:"))
        picker_label.setBuddy(self.plan_picker)
        top.addWidget(picker_label)
        top.addWidget(self.plan_picker)
        top.addWidget(refresh)
        top.addWidget(self.heading, 1)

        self.kpis = {
            "response_rate": Kpi(self.tr("Response rate")),
            "satisfaction_rate": Kpi(self.tr("Satisfaction rate")),
            "mean": Kpi(self.tr("Mean score")),
            "dissatisfied": Kpi(self.tr("Very dissatisfied answers")),
            "findings": Kpi(self.tr("Findings")),
        }
        kpi_row = QHBoxLayout()
        for kpi in self.kpis.values():
            kpi_row.addWidget(kpi, 1)

        self.dimension_view = self._chart_view("chart_dimensions")
        self.trend_view = self._chart_view("chart_trend")

        self.questions = FilterTable([self.tr("No."), self.tr("Dimension"), self.tr("Question"), self.tr("Answer"),
                                      self.tr("Answers"), self.tr("Satisfaction rate (%)"), self.tr("Mean"),
                                      self.tr("Yes (%)")])
        self.questions.filter.hide()
        self.units = FilterTable([self.tr("Customer unit"), self.tr("Importance"), self.tr("Recipients"),
                                  self.tr("Returned"), self.tr("Satisfied (%)"), self.tr("Mean")])
        self.units.filter.hide()
        self.comments = QTextBrowser()
        self.comments.setOpenLinks(False)
        self.findings = QTableWidget(0, 0)
        self.findings.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.findings.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.findings.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.findings_note = QLabel()
        self.findings_note.setWordWrap(True)

        content = QWidget()
        grid = QGridLayout(content)
        grid.addLayout(kpi_row, 0, 0, 1, 2)
        grid.addWidget(self._group(self.tr("Mean score per dimension"), self.dimension_view), 1, 0)
        grid.addWidget(self._group(self.tr("Trend over earlier surveys of this questionnaire"), self.trend_view), 1, 1)
        grid.addWidget(self._group(self.tr("Questions"), self.questions), 2, 0, 1, 2)
        units_title = self.tr("Satisfaction rate per customer unit (客户单位服务满意率)")
        grid.addWidget(self._group(units_title, self.units), 3, 0)
        findings_box = QWidget()
        findings_layout = QVBoxLayout(findings_box)
        findings_layout.setContentsMargins(0, 0, 0, 0)
        findings_layout.addWidget(self.findings_note)
        findings_layout.addWidget(self.findings, 1)
        grid.addWidget(self._group(self.tr("Findings by problem level and type"), findings_box), 3, 1)
        grid.addWidget(self._group(self.tr("Comments by dimension"), self.comments), 4, 0, 1, 2)
        self.terms = TermChart()
        self.terms.open_record.connect(context.events.open_record)
        grid.addWidget(self._group(self.tr("What customers say: words by dimension"), self.terms), 5, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        for row, height in ((3, 300), (4, 280), (5, 380)):
            grid.setRowMinimumHeight(row, height)
            grid.setRowStretch(row, 1)
        self.content = content
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scrolled(content), 1)
        self.refresh()

    # --- building blocks -----------------------------------------------------------------------------

    def _chart_view(self, name: str) -> QChartView:
        view = QChartView()
        view.setObjectName(name)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setChart(QChart())
        view.setMinimumHeight(280)
        view.setMaximumHeight(340)
        return view

    @staticmethod
    def _group(title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(widget)
        return box

    def _new_chart(self) -> QChart:
        return charts.new_chart()

    def _axis_font(self) -> QFont:
        return charts.axis_font(self, 0.9)

    def _set_chart(self, view: QChartView, chart: QChart) -> None:
        old = view.chart()
        view.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()

    # --- data ----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        current = self.plan_picker.currentData()
        plans = sp.list_plans()
        self.plan_picker.blockSignals(True)
        self.plan_picker.clear()
        for plan in plans:
            self.plan_picker.addItem(f"{plan.number}  {plan.title}  ({plan.state_label})", plan.id)
        index = self.plan_picker.findData(current)
        if index < 0:  # the newest plan with answers, else the newest plan
            index = next((i for i, p in enumerate(plans) if p.returned), 0)
        self.plan_picker.setCurrentIndex(index)
        self.plan_picker.blockSignals(False)
        self.show_analysis()

    def show_plan(self, plan_id: int) -> None:
        index = self.plan_picker.findData(plan_id)
        if index >= 0:
            if index == self.plan_picker.currentIndex():
                self.show_analysis()
            else:
                self.plan_picker.setCurrentIndex(index)

    def show_analysis(self, *_args) -> None:
        plan_id = self.plan_picker.currentData()
        analysis = None
        if plan_id is not None:
            try:
                analysis = survey_analysis.analyse(plan_id)
            except DeskError as exc:
                self.heading.setText(str(exc))
        self.analysis = analysis
        self._fill(analysis)

    def _fill(self, a: SurveyAnalysis | None) -> None:
        if a is None:
            self.heading.setText(self.tr("No survey plan yet.") if not self.plan_picker.count() else "")
            for kpi in self.kpis.values():
                kpi.set("—")
            self.dimension_bars = None
            self.trend_series = {}
            self._set_chart(self.dimension_view, self._new_chart())
            self._set_chart(self.trend_view, self._new_chart())
            self.questions.set_rows([], [])
            self.units.set_rows([], [])
            self.comments.clear()
            self.terms.set_analysis(None)
            self.findings.clear()
            self.findings.setRowCount(0)
            self.findings.setColumnCount(0)
            return
        plan = a.plans[0] if a.plans else {}
        self.heading.setText(self.tr("{template}, period {period}{anonymous}").format(
            template=plan.get("template", ""), period=a.period,
            anonymous=self.tr(", anonymous") if plan.get("anonymous") else ""))
        self.kpis["response_rate"].set(_pct(a.response_rate),
                                       self.tr("{0} of {1} returned").format(a.returned, a.recipients))
        self.kpis["satisfaction_rate"].set(_pct(a.satisfaction_rate),
                                           self.tr("{0} of {1} rating answers").format(a.satisfied_answers,
                                                                                       a.rating_answers))
        top = max(settings.rating_points("five").values(), default=10)
        self.kpis["mean"].set(_num(a.mean_points), self.tr("points, out of {0}").format(top))
        self.kpis["dissatisfied"].set(str(a.very_dissatisfied),
                                      self.tr("complaints: {0}").format(", ".join(a.complaints) or "—"))
        f = a.findings
        self.kpis["findings"].set(str(f.total), self.tr("{0} classified, {1} reviewed").format(f.classified,
                                                                                               f.reviewed))
        self._set_chart(self.dimension_view, self._dimension_chart(a, top))
        self._set_chart(self.trend_view, self._trend_chart(a))
        self._fill_questions(a)
        self._fill_units(a)
        self._fill_comments(a, plan.get("analysis_text", ""))
        self.terms.set_analysis(comment_analysis.analyse_plans([p["id"] for p in a.plans]))
        self._fill_findings(a)

    def _dimension_chart(self, a: SurveyAnalysis, top: int) -> QChart:
        chart = self._new_chart()
        dims = [d for d in a.dimensions if d.mean_points is not None]
        self.dimension_bars = charts.horizontal_bars(chart, self, self.tr("Mean score"), [d.label for d in dims],
                                                     [d.mean_points for d in dims], BAR_COLOR, top, precision=3)
        chart.axes(Qt.Orientation.Horizontal)[0].setTickCount(6)
        if not dims:
            chart.setTitle(self.tr("No rating answers yet"))
        return chart

    def _trend_chart(self, a: SurveyAnalysis) -> QChart:
        chart = self._new_chart()
        chart.legend().show()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        points = a.trend
        self.trend_series = {}
        for key, name, color in (("satisfaction", self.tr("Satisfaction rate (%)"), RATE_COLOR),
                                 ("response", self.tr("Response rate (%)"), RESPONSE_COLOR)):
            series = QLineSeries(chart)
            series.setName(name)
            series.setColor(color)
            series.setPointsVisible(True)
            series.setMarkerSize(7)
            series.setPointLabelsVisible(key == "satisfaction")  # two label rows would overlap
            series.setPointLabelsFormat("@yPoint")
            series.setPointLabelsClipping(False)
            for i, p in enumerate(points):
                value = p.satisfaction_rate if key == "satisfaction" else p.response_rate
                if value is not None:
                    series.append(i, value)
            chart.addSeries(series)
            self.trend_series[key] = series
        x_axis = QBarCategoryAxis(chart)
        x_axis.append([p.period + (" *" if p.current else "") for p in points] or [""])
        x_axis.setLabelsFont(self._axis_font())
        y_axis = QValueAxis(chart)
        values = [v for p in points for v in (p.satisfaction_rate, p.response_rate) if v is not None]
        low = min([50.0, *values]) // 10 * 10
        y_axis.setRange(low, 105.0 if values and max(values) >= 99.5 else 100.0)
        y_axis.setTickCount(int((100 - low) // 10) + 1)
        y_axis.setLabelFormat("%d")
        y_axis.setLabelsFont(self._axis_font())
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in self.trend_series.values():
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
        if len(points) <= 1:
            chart.setTitle(self.tr("No earlier survey of this questionnaire to compare with"))
        return chart

    def _fill_questions(self, a: SurveyAnalysis) -> None:
        rows = a.questions
        set_rows_typed(self.questions, rows, [
            (q.seq, sp.dimension_label(q.dimension), q.text, short_answer_type_label(q.answer_type), q.answers,
             q.satisfaction_rate if q.satisfaction_rate is not None else "",
             q.mean_points if q.mean_points is not None else "",
             q.yes_rate if q.yes_rate is not None else "") for q in rows])
        for i, q in enumerate(rows):
            self.questions.model.item(i, 2).setToolTip(q.text)
            if q.answer_type == AnswerType.TEXT:
                self.questions.model.item(i, 4).setToolTip(self.tr("Comments are listed by dimension below."))
        align_right(self.questions, (0, 4, 5, 6, 7))
        self.questions.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        view = self.questions.view  # tall enough for every question, up to a point
        view.resizeRowsToContents()
        height = view.horizontalHeader().height() + 2 * view.frameWidth() + sum(
            view.rowHeight(r) for r in range(len(rows))) + view.horizontalScrollBar().sizeHint().height()
        view.setMinimumHeight(min(max(height, 160), 560))
        self.questions.view.setColumnWidth(2, min(max(self.questions.view.columnWidth(2), 200), 480))

    def _fill_units(self, a: SurveyAnalysis) -> None:
        rows = a.units
        set_rows_typed(self.units, rows, [
            (u.unit, label(u.importance) if u.importance else "", u.recipients, u.returned,
             u.satisfaction_rate if u.satisfaction_rate is not None else "",
             u.mean_points if u.mean_points is not None else "") for u in rows])
        for i, u in enumerate(rows):
            self.units.model.item(i, 4).setToolTip(self.tr("{0} of {1} rating answers satisfied").format(
                u.satisfied, u.answers))
        align_right(self.units, (2, 3, 4, 5))
        self.units.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    def _fill_comments(self, a: SurveyAnalysis, analysis_text: str) -> None:
        parts = []
        if analysis_text:
            written = self.tr("Written analysis")
            parts.append(f"<p><b>{escape(written)}:</b> "
                         f"{escape(analysis_text).replace(chr(10), '<br>')}</p>")
        if not a.comments:
            no_comments = self.tr("No comments.")
            parts.append(f"<p><i>{escape(no_comments)}</i></p>")
        grey = readable("#616161", self).name()
        for dim, rows in a.comments.items():
            parts.append(f"<h4>{escape(sp.dimension_label(dim))} ({len(rows)})</h4><ul>")
            for c in rows:
                unit = f" <span style='color:{grey}'>— {escape(c.unit)}</span>" if c.unit else ""
                parts.append(f"<li>{escape(c.text)}{unit}</li>")
            parts.append("</ul>")
        self.comments.setHtml("".join(parts))

    def _fill_findings(self, a: SurveyAnalysis) -> None:
        f = a.findings
        levels = [code for code, _text in sc.level_choices()]
        types = [code for code, _text in sc.type_choices()]
        if f.by_level.get("", 0):
            levels.append("")
        if f.by_type.get("", 0):
            types.append("")
        self.findings.clear()
        self.findings.setRowCount(len(types) + 1)
        self.findings.setColumnCount(len(levels) + 1)
        self.findings.setHorizontalHeaderLabels([sc.level_label(lv) for lv in levels] + [self.tr("Total")])
        self.findings.setVerticalHeaderLabels([sc.type_label(ty) for ty in types] + [self.tr("Total")])
        bold = QFont(self.findings.font())
        bold.setBold(True)

        def put(row: int, col: int, n: int, strong: bool = False) -> None:
            item = QTableWidgetItem(str(n) if n else "")
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if strong:
                item.setFont(bold)
            self.findings.setItem(row, col, item)

        for r, ty in enumerate(types):  # one row per problem type, one column per level
            for c, lv in enumerate(levels):
                put(r, c, f.by_level_and_type.get(lv, {}).get(ty, 0))
            put(r, len(levels), f.by_type.get(ty, 0), True)
        for c, lv in enumerate(levels):
            put(len(types), c, f.by_level.get(lv, 0), True)
        put(len(types), len(levels), f.total, True)
        table = self.findings
        table.setMinimumHeight(table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth() + sum(
            table.verticalHeader().sectionSizeHint(r) for r in range(table.rowCount())) + 4)
        self.findings_note.setText(self.tr("{0} findings: {1} classified by the desk, {2} reviewed by quality "
                                           "control.").format(f.total, f.classified, f.reviewed))
