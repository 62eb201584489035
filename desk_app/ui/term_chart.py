"""What customers say, per dimension: a bar chart of the most frequent words (new / rising ones marked);
clicking a bar lists the comments that contain the word, each linked to its record (`open_record`
emits the kind and id: a callback, a revisit form, or the survey plan of a questionnaire). Shows a
`comment_analysis.CommentAnalysis`."""

from html import escape

from PySide6.QtCharts import QBarSet, QChartView
from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from desk_app.services import survey_plans as sp
from desk_app.services.comment_analysis import NEW, RISING, Comment, CommentAnalysis, TermGroup
from desk_app.ui import charts
from desk_app.ui.widgets import readable

TERM_COLOR = QColor("#6a1b9a")


def record_of(comment: Comment) -> tuple[str, int]:
    """The record a comment links to, as (kind, id) of `services.today.KINDS`."""
    if comment.kind == "survey_response" and comment.plan_id is not None:
        return "survey_plan", comment.plan_id
    return comment.kind, comment.record_id


class TermChart(QWidget):
    open_record = Signal(str, int)  # a comment's link was clicked: (kind, id)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.analysis: CommentAnalysis | None = None
        self.bars: QBarSet | None = None
        self.terms: list[str] = []
        self.dimension = QComboBox()
        self.dimension.setObjectName("term_dimension")
        self.dimension.currentIndexChanged.connect(self._show_dimension)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.view = QChartView()
        self.view.setObjectName("chart_terms")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setChart(charts.new_chart())
        self.view.setMinimumHeight(300)
        self.comments = QTextBrowser()
        self.comments.setOpenLinks(False)
        self.comments.setObjectName("term_comments")
        self.comments.anchorClicked.connect(self._link_clicked)
        top = QHBoxLayout()
        label = QLabel(self.tr("&Dimension:"))
        label.setBuddy(self.dimension)
        top.addWidget(label)
        top.addWidget(self.dimension)
        top.addWidget(self.summary, 1)
        body = QHBoxLayout()
        body.addWidget(self.view, 3)
        body.addWidget(self.comments, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(body, 1)

    def set_analysis(self, analysis: CommentAnalysis | None) -> None:
        self.analysis = analysis
        self.dimension.blockSignals(True)
        self.dimension.clear()
        if analysis is not None and analysis.comments:
            self.dimension.addItem(self.tr("All dimensions"), "")
            for group in analysis.dimensions:
                self.dimension.addItem(sp.dimension_label(group.key), group.key)
        self.dimension.blockSignals(False)
        self._show_dimension()

    def _group(self) -> TermGroup | None:
        if self.analysis is None or not self.analysis.comments:
            return None
        key = self.dimension.currentData()
        return self.analysis.overall if not key else self.analysis.dimension(key)

    def trend_mark(self, trend: str) -> str:
        """'new' / 'rising' in the user's language ('' for neither)."""
        return {NEW: self.tr("new"), RISING: self.tr("rising")}.get(trend, "")

    def _label(self, term: str, trend: str) -> str:
        mark = self.trend_mark(trend)
        return f"{term} ({mark})" if mark else term

    def _show_dimension(self, *_args) -> None:
        group = self._group()
        chart = charts.new_chart()
        self.comments.clear()
        if group is None:
            self.terms = []
            self.bars = None
            chart.setTitle(self.tr("No comments"))
            self.summary.setText("")
        else:
            self.terms = [x.term for x in group.terms]
            top = max((x.count for x in group.terms), default=1)
            self.bars = charts.horizontal_bars(chart, self, self.tr("Comments"),
                                               [self._label(x.term, x.trend) for x in group.terms],
                                               [x.count for x in group.terms], TERM_COLOR, max(top + 1, 4))
            self.bars.clicked.connect(self.show_term_at)
            share = "—" if group.negative_share is None else f"{group.negative_share:.1f} %"
            self.summary.setText(self.tr("{0} comments, {1} negative ({2}). Click a word for its comments.").format(
                group.comments, group.negative, share))
        old = self.view.chart()
        self.view.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()

    def show_term_at(self, index: int) -> None:
        """A bar was clicked: bars run bottom-up, so index 0 is the last word."""
        if 0 <= index < len(self.terms):
            self.show_term(self.terms[len(self.terms) - 1 - index])

    def show_term(self, term: str) -> None:
        if self.analysis is None:
            return
        key = self.dimension.currentData() or None
        rows = self.analysis.containing(term, dimension=key)
        grey = readable("#616161", self).name()
        parts = [f"<h4>{escape(term)} ({len(rows)})</h4><ul>"]
        for c in rows:
            kind, record_id = record_of(c)
            number = f"<a href='record:{kind}:{record_id}'>{escape(c.number)}</a>" if c.number else ""
            where = " · ".join(x for x in (number, escape(c.unit)) if x)
            parts.append(f"<li>{escape(c.text)} <span style='color:{grey}'>— {where}</span></li>")
        parts.append("</ul>")
        self.comments.setHtml("".join(parts))

    def _link_clicked(self, url: QUrl) -> None:
        scheme, _, rest = url.toString().partition(":")
        kind, _, record_id = rest.partition(":")
        if scheme == "record" and kind and record_id.isdigit():
            self.open_record.emit(kind, int(record_id))
