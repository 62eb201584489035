"""The Today tab (first tab): each person's work for today, grouped by what needs doing.

One tree lists the sections of `services.today.today_for` (their item counts in the headings,
overdue lines in red); Enter or a double-click on a line emits `open_record(kind, id)` here and on
`context.events`, so the main window can show that record in its tab. `count_changed(n)` tells the
main window how many lines need action (for the tab title). Managers also get three charts:
callback satisfaction by week, complaints by month and this month's standings; quality controllers
what customers said this month, by dimension (`today_comments`, imported only for them).

The first figures are loaded in a worker thread, so the window is painted before they arrive;
`loaded` is True (and `view` set) once they are in. After that the tab refreshes when any tab
announces a change (`context.events.changed`, coalesced), every five minutes, and with F5. The
charts are recomputed only while the tab is on screen, in a worker too (`charts_loaded` counts them).
"""

import logging
from datetime import date, datetime

import shiboken6
from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QPainter, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskError
from desk_app.models.enums import Role
from desk_app.services import today
from desk_app.services.today import TodayItem, TodaySection, TodayView
from desk_app.ui import charts, workers
from desk_app.ui.context import AppContext
from desk_app.ui.widgets import readable

log = logging.getLogger(__name__)

OVERDUE_COLOR = QColor("#c62828")
MUTED_COLOR = QColor("#757575")
REFRESH_MS = 5 * 60 * 1000
COALESCE_MS = 250
STANDINGS_TOP = 10

#: Item data roles on column 0.
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
SECTION_ROLE = Qt.ItemDataRole.UserRole + 3


class TodayTab(QWidget):
    open_record = Signal(str, int)  # (kind, id), kinds as in services.today.KINDS
    count_changed = Signal(int)  # lines needing action, for the tab title

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.view: TodayView | None = None
        self.count = 0
        self.loaded = False  # the first figures are in (they are loaded in a worker)
        self._charts_stale = True
        self._generation = 0  # bumped by every refresh, so a late worker result cannot overwrite a newer one
        self._chart_generation = 0  # the same for the charts

        self.heading = QLabel(self)
        self.heading.setObjectName("today_heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = QLabel(self)
        self.summary.setObjectName("today_summary")
        refresh_button = QPushButton(self.tr("Refresh"), self)
        refresh_button.setToolTip(self.tr("Reload the list (F5)"))
        refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("today_tree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("What"), self.tr("Due"), self.tr("Details")])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.tree.setToolTip(self.tr("Double-click a line or press Enter to open the record."))
        self.tree.itemActivated.connect(self._activated)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.summary)
        top.addLayout(titles, 1)
        top.addWidget(refresh_button, 0, Qt.AlignmentFlag.AlignTop)

        self.chart_views: dict[str, QChartView] = {}
        self.charts_panel: QWidget | None = None
        self.comments_panel = None  # today_comments.TodayComments, for quality controllers
        self.charts_loaded = 0  # chart figures shown so far (the first with the sections, then refreshes)
        body: QWidget = self.tree
        managers, quality = context.actor.has_role(Role.MANAGER), context.actor.has_role(Role.QUALITY)
        if managers or quality:
            self.charts_panel = QWidget(self)
            self.charts_panel.setObjectName("today_charts")
            charts_layout = QVBoxLayout(self.charts_panel)
            charts_layout.setContentsMargins(0, 0, 0, 0)
            for key, stretch in (("satisfaction", 4), ("complaints", 4), ("standings", 5)) if managers else ():
                chart_view = QChartView(self.charts_panel)
                chart_view.setObjectName(f"chart_{key}")
                chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
                chart_view.setChart(QChart())
                self.chart_views[key] = chart_view
                charts_layout.addWidget(chart_view, stretch)
            if quality:
                from desk_app.ui.today_comments import TodayComments  # QtCharts and the word lists: only here

                self.comments_panel = TodayComments(self.charts_panel)
                self.comments_panel.open_record.connect(self._open)
                charts_layout.addWidget(self.comments_panel, 8)
            splitter = QSplitter(Qt.Orientation.Horizontal, self)
            splitter.addWidget(self.tree)
            splitter.addWidget(self.charts_panel)
            splitter.setStretchFactor(0, 5)
            splitter.setStretchFactor(1, 4)
            splitter.setSizes([500, 400])
            body = splitter

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(body, 1)

        self._coalesce = QTimer(self)
        self._coalesce.setSingleShot(True)
        self._coalesce.setInterval(COALESCE_MS)
        self._coalesce.timeout.connect(self.refresh)
        self._periodic = QTimer(self)
        self._periodic.setInterval(REFRESH_MS)
        self._periodic.timeout.connect(self.refresh)
        self._periodic.start()
        context.events.changed.connect(self._changed)

        self._load_in_background()

    # -- data -----------------------------------------------------------------------------------------
    def _has_charts(self) -> bool:
        return bool(self.chart_views) or self.comments_panel is not None

    def _changed(self, _table: str) -> None:
        self._charts_stale = True
        self._coalesce.start()

    def _load_in_background(self) -> None:
        """The first figures (the sections and, for managers, the charts) from a worker thread."""
        actor, generation, with_charts = self.context.actor, self._generation, self._has_charts()
        self._charts_stale = False  # the worker brings them
        chart_generation = self._chart_generation

        def job(_progress, _is_cancelled) -> tuple[TodayView, tuple | None]:
            return today.today_for(actor), (self._chart_figures() if with_charts else None)

        def finished(result: object) -> None:
            if not shiboken6.isValid(self):
                return
            view, figures = result
            if generation == self._generation:  # else a refresh has shown newer sections
                self._show(view)
                self.loaded = True
            if chart_generation == self._chart_generation:
                self._show_chart_figures(figures)

        def failed(message: str, trace: str) -> None:
            if not shiboken6.isValid(self) or generation != self._generation:
                return
            self.loaded = True
            if trace:
                log.error("the Today tab could not be loaded\n%s", trace)
                message = self.tr("The list could not be loaded; the details are in the log file.")
            self.summary.setText(message)

        self._loader = workers.start(job, finished, failed)

    def refresh(self) -> None:
        """Reload the sections (and the charts, if they are on screen and out of date)."""
        self._coalesce.stop()
        self._generation += 1
        try:
            view = today.today_for(self.context.actor)
        except DeskError as exc:
            self.summary.setText(str(exc))
            return
        except Exception:  # a timer refresh must never raise into the event loop
            log.exception("the Today tab could not be refreshed")
            self.summary.setText(self.tr("The list could not be loaded; the details are in the log file."))
            return
        self._show(view)
        self.loaded = True
        if self._has_charts() and (self._charts_stale and self.isVisible()):
            self.refresh_charts()

    def _show(self, view: TodayView) -> None:
        self.view = view
        self._fill(view)
        self.count = view.count
        self.count_changed.emit(view.count)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._has_charts() and self._charts_stale:
            QTimer.singleShot(0, self.refresh_charts)

    # -- the list -------------------------------------------------------------------------------------
    def section_title(self, key: str) -> str:
        titles = {
            today.MY_TICKETS: self.tr("My tickets near or past their service level"),
            today.MY_CALLBACKS: self.tr("My callbacks due today or overdue"),
            today.SELF_EVALUATION: self.tr("Tickets waiting for self-evaluation"),
            today.REVISIT_FORMS: self.tr("Revisit forms due before the fault analysis meeting"),
            today.COMPLAINTS_TO_VERIFY: self.tr("Complaints waiting for verification"),
            today.COMPLAINTS_OVERDUE: self.tr("Complaints past their agreed time"),
            today.REPORTS_TO_REVIEW: self.tr("Reports waiting for review"),
            today.REPORTS_TO_APPROVE: self.tr("Reports waiting for approval"),
            today.IMPROVEMENT_STEPS_OVERDUE: self.tr("Improvement steps overdue"),
            today.SURVEY_PLANS: self.tr("Survey plans collecting (response rate)"),
            today.SURVEY_REMINDERS: self.tr("Survey recipients to remind"),
            today.MAIL_PROBLEMS: self.tr("Mail not delivered"),
        }
        return titles.get(key, key)

    def _due_text(self, item: TodayItem, at: datetime) -> str:
        due = item.due
        if due is None:
            return ""
        if isinstance(due, datetime):
            text = due.strftime("%H:%M") if due.date() == at.date() else due.strftime("%Y-%m-%d %H:%M")
        elif isinstance(due, date):
            text = due.isoformat()
        else:
            text = str(due)
        return self.tr("{due} (overdue)").format(due=text) if item.overdue else text

    def _fill(self, view: TodayView) -> None:
        collapsed = {self.tree.topLevelItem(i).data(0, SECTION_ROLE) for i in range(self.tree.topLevelItemCount())
                     if not self.tree.topLevelItem(i).isExpanded()}
        current = self.tree.currentItem()
        keep = (current.data(0, KIND_ROLE), current.data(0, ID_ROLE)) if current is not None else None

        locale = QLocale()
        day = QDate(view.at.year, view.at.month, view.at.day)
        self.heading.setText(self.tr("Today, {date}").format(
            date=locale.toString(day, QLocale.FormatType.LongFormat)))
        overdue = sum(s.overdue for s in view.sections)
        if not view.sections:
            self.summary.setText(self.tr("Nothing is waiting for you here."))
        elif view.count == 0:
            self.summary.setText(self.tr("Nothing is waiting for you. Well done."))
        else:
            self.summary.setText(self.tr("%n item(s) need your attention", "", view.count)
                                 + (self.tr(", %n overdue", "", overdue) if overdue else "") + self.tr("."))

        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        italic = QFont(self.tree.font())
        italic.setItalic(True)
        restore: QTreeWidgetItem | None = None
        for section in view.sections:
            head = self._section_item(section, bold)
            self.tree.addTopLevelItem(head)
            head.setFirstColumnSpanned(True)  # only works once the item is in the tree
            if not section.items:
                empty = QTreeWidgetItem(head, [self.tr("Nothing waiting")])
                empty.setFlags(Qt.ItemFlag.NoItemFlags)
                empty.setFont(0, italic)
                empty.setForeground(0, QBrush(MUTED_COLOR))
            for item in section.items:
                line = QTreeWidgetItem(head, [item.text, self._due_text(item, view.at), item.detail])
                line.setData(0, KIND_ROLE, item.kind)
                line.setData(0, ID_ROLE, item.record_id)
                for column, tip in enumerate((item.text, line.text(1), item.detail)):
                    if tip:
                        line.setToolTip(column, tip)
                if item.overdue:
                    for column in range(3):
                        line.setForeground(column, QBrush(readable(OVERDUE_COLOR, self)))
                if keep == (item.kind, item.record_id) and restore is None:
                    restore = line
            head.setExpanded(section.key not in collapsed)
        self.tree.setUpdatesEnabled(True)
        self.tree.setColumnWidth(2, min(max(self.tree.sizeHintForColumn(2) + 12, 120), 240))
        if restore is not None:
            self.tree.setCurrentItem(restore)

    def _section_item(self, section: TodaySection, bold: QFont) -> QTreeWidgetItem:
        title = self.section_title(section.key)
        head = QTreeWidgetItem([f"{title} ({section.count})"])
        head.setData(0, SECTION_ROLE, section.key)
        head.setFont(0, bold)
        head.setFlags(Qt.ItemFlag.ItemIsEnabled)
        if section.overdue:
            head.setForeground(0, QBrush(readable(OVERDUE_COLOR, self)))
            head.setToolTip(0, self.tr("%n overdue", "", section.overdue))
        return head

    def section_items(self, key: str) -> list[QTreeWidgetItem]:
        """The tree's lines of one section (for tests and keyboard navigation)."""
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            if head.data(0, SECTION_ROLE) == key:
                return [head.child(j) for j in range(head.childCount()) if head.child(j).data(0, KIND_ROLE)]
        return []

    def _activated(self, line: QTreeWidgetItem, _column: int = 0) -> None:
        kind = line.data(0, KIND_ROLE)
        record_id = line.data(0, ID_ROLE)
        if not kind or record_id is None:
            if line.data(0, SECTION_ROLE):
                line.setExpanded(not line.isExpanded())
            return
        self._open(str(kind), int(record_id))

    def _open(self, kind: str, record_id: int) -> None:
        self.open_record.emit(kind, record_id)
        self.context.events.open_record.emit(kind, record_id)

    # -- charts (managers, quality controllers) ---------------------------------------------------------
    def refresh_charts(self) -> None:
        """Recompute the charts in a worker (the words of a month's comments take a moment)."""
        if not self._has_charts():
            return
        self._charts_stale = False
        self._chart_generation += 1
        generation = self._chart_generation

        def finished(figures: object) -> None:
            if shiboken6.isValid(self) and generation == self._chart_generation:
                self._show_chart_figures(figures)  # type: ignore[arg-type]

        self._chart_loader = workers.start(lambda _progress, _is_cancelled: self._chart_figures(), finished,
                                           lambda _message, _trace: None)

    def _chart_figures(self) -> tuple | None:
        """The charts' figures (services only, so a worker thread may call it): (the managers' charts or
        None, the comment analysis or None); None on failure."""
        try:
            managers = (today.weekly_callback_satisfaction(12), today.complaints_per_month(12),
                        today.month_standings_top(self.context.actor, STANDINGS_TOP)) if self.chart_views else None
            comments = None
            if self.comments_panel is not None:
                from desk_app.services import comment_analysis

                comments = comment_analysis.recent()  # this month's, or last month's while it has none
            return managers, comments
        except Exception:
            log.exception("the Today tab's charts could not be computed")
            return None

    def _show_chart_figures(self, figures: tuple | None) -> None:
        if figures is None:
            return
        managers, comments = figures
        if managers is not None and self.chart_views:
            weeks, months, standings = managers
            self._set_chart("satisfaction", self._satisfaction_chart(weeks))
            self._set_chart("complaints", self._complaints_chart(months))
            self._set_chart("standings", self._standings_chart(standings))
        if comments is not None and self.comments_panel is not None:
            self.comments_panel.set_analysis(comments)
        self.charts_loaded += 1

    def _set_chart(self, key: str, chart: QChart) -> None:
        view = self.chart_views[key]
        old = view.chart()
        view.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()

    def _new_chart(self, title: str) -> QChart:
        return charts.new_chart(title, self.font())

    def _axis_font(self) -> QFont:
        return charts.axis_font(self)

    def _satisfaction_chart(self, weeks: list[today.WeekRate]) -> QChart:
        chart = self._new_chart(self.tr("Callback satisfaction rate by week (%)"))
        series = QLineSeries(chart)
        series.setName(self.tr("Satisfaction rate"))
        series.setPointsVisible(True)
        for i, week in enumerate(weeks):
            if week.rate is not None:
                series.append(i, week.rate)
        chart.addSeries(series)
        x_axis = QBarCategoryAxis(chart)
        x_axis.append([f"{w.week_start:%m-%d}" for w in weeks])
        x_axis.setLabelsFont(self._axis_font())
        x_axis.setLabelsAngle(-45)
        y_axis = QValueAxis(chart)
        rates = [w.rate for w in weeks if w.rate is not None]
        low = min([50.0, *rates]) // 10 * 10
        y_axis.setRange(low, 100.0)
        y_axis.setTickCount(int((100 - low) // 10) + 1 if low >= 50 else 6)
        y_axis.setLabelFormat("%d")
        y_axis.setLabelsFont(self._axis_font())
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
        if not rates:
            chart.setTitle(chart.title() + " — " + self.tr("no callbacks yet"))
        return chart

    def _complaints_chart(self, months: list[tuple[str, int]]) -> QChart:
        chart = self._new_chart(self.tr("Complaints by month"))
        bars = QBarSet(self.tr("Complaints"), chart)
        bars.append([float(n) for _, n in months])
        bars.setColor(QColor("#ef6c00"))
        series = QBarSeries(chart)
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        x_axis = QBarCategoryAxis(chart)
        x_axis.append([m[2:] for m, _ in months])  # "26-11"
        x_axis.setLabelsFont(self._axis_font())
        x_axis.setLabelsAngle(-45)
        y_axis = QValueAxis(chart)
        top = max([n for _, n in months] + [1])
        y_axis.setRange(0, top + max(1, round(top * 0.15)))
        y_axis.setLabelFormat("%d")
        y_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        y_axis.setTickInterval(max(1, (top + 4) // 5))
        y_axis.setLabelsFont(self._axis_font())
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
        return chart

    def _standings_chart(self, rows: list) -> QChart:
        month = f"{self.view.at if self.view else datetime.now():%Y-%m}"
        chart = self._new_chart(self.tr("This month's standings ({month})").format(month=month))
        charts.horizontal_bars(chart, self, self.tr("Score"), [r.name for r in rows], [r.score for r in rows],
                               QColor("#1565c0"), max([r.score for r in rows] + [5.0]) * 1.1)
        chart.axes(Qt.Orientation.Horizontal)[0].applyNiceNumbers()
        if not rows:
            chart.setTitle(chart.title() + " — " + self.tr("no evaluations yet"))
        return chart
