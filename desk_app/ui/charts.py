"""QtCharts pieces the Today tab and the survey analysis share: a plain chart, small axis labels,
and a horizontal bar chart with the first category on top."""

from collections.abc import Sequence

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QHorizontalBarSeries, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget


def new_chart(title: str = "", font: QFont | None = None) -> QChart:
    """A chart without animation, legend or rounded background; a bold title when given."""
    chart = QChart()
    if title:
        chart.setTitle(title)
        title_font = QFont(font) if font is not None else QFont()
        title_font.setBold(True)
        chart.setTitleFont(title_font)
    chart.legend().hide()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    return chart


def axis_font(widget: QWidget, scale: float = 0.85) -> QFont:
    """The widget's font, a little smaller, for axis labels (never below 7 pt)."""
    font = QFont(widget.font())
    font.setPointSizeF(max(7.0, font.pointSizeF() * scale))
    return font


def horizontal_bars(chart: QChart, widget: QWidget, name: str, labels: Sequence[str], values: Sequence[float],
                    color: QColor, maximum: float, precision: int | None = None) -> QBarSet:
    """Add a horizontal bar series (labels top-down in the given order, value labels inside the bars)."""
    bars = QBarSet(name, chart)
    bars.append([float(v) for v in reversed(values)])  # a horizontal axis runs bottom-up
    bars.setColor(color)
    series = QHorizontalBarSeries(chart)
    series.append(bars)
    series.setBarWidth(0.6)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideEnd)
    series.setLabelsFormat("@value")
    if precision is not None:
        series.setLabelsPrecision(precision)
    chart.addSeries(series)
    y_axis = QBarCategoryAxis(chart)
    y_axis.append(list(reversed(labels)) or [""])
    y_axis.setLabelsFont(axis_font(widget))
    y_axis.setTruncateLabels(False)
    x_axis = QValueAxis(chart)
    x_axis.setRange(0, float(maximum))
    x_axis.setLabelFormat("%g")
    x_axis.setLabelsFont(axis_font(widget))
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(y_axis)
    series.attachAxis(x_axis)
    return bars
