"""The quality controller's panel on the Today tab: what customers said this month, by dimension.

A `TermChart` of `comment_analysis.recent()` (callback notes, revisit forms and questionnaire comments
of the month, compared with the month before; new and rising words marked). Clicking a word lists its
comments; clicking a comment's number opens its record (`open_record`). The analysis is computed by
the Today tab's worker, since the first one loads jieba's dictionary.
"""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desk_app.services.comment_analysis import CommentAnalysis
from desk_app.ui.term_chart import TermChart


class TodayComments(QWidget):
    open_record = Signal(str, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("today_comments")
        self.analysis: CommentAnalysis | None = None
        self.title = QLabel(self.tr("What customers say"))
        self.title.setObjectName("today_comments_title")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.trends = QLabel()
        self.trends.setObjectName("today_comments_trends")
        self.trends.setWordWrap(True)
        self.chart = TermChart(self)
        self.chart.open_record.connect(self.open_record)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.trends)
        layout.addWidget(self.chart, 1)

    def set_analysis(self, analysis: CommentAnalysis) -> None:
        self.analysis = analysis
        if analysis.previous_period:
            self.title.setText(self.tr("What customers say, {period}: {n} comments (compared with {previous})")
                               .format(period=analysis.period, n=analysis.comments,
                                       previous=analysis.previous_period))
        else:
            self.title.setText(self.tr("What customers say, {period}: {n} comments").format(
                period=analysis.period, n=analysis.comments))
        self.trends.setText(self._trend_text(analysis))
        self.chart.set_analysis(analysis)

    def _trend_text(self, analysis: CommentAnalysis) -> str:
        """The words new or rising in any dimension, so they are seen without opening each one."""
        seen: dict[str, str] = {}
        for group in (analysis.overall, *analysis.dimensions):
            for term in group.terms:
                mark = self.chart.trend_mark(term.trend)
                if mark and term.term not in seen:
                    seen[term.term] = f"{term.term} ({mark}: {term.previous} → {term.count})"
        if not seen:
            return ""
        return self.tr("New or rising (新出现/上升): {0}").format("; ".join(seen.values()))
