"""Charts in the body: bar, line and pie drawings with a legend and a numbered caption; an empty chart
prints the "no data" note instead."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from desk_app.reports.builder.base import DocumentBase
from desk_app.reports.builder.styles import GRID, INK, MUTED, RULE, series_colour
from desk_app.reports.builder.text import escape_text


def _nice_ceiling(value: float) -> float:
    """A round axis maximum a little above `value` (1, 2, 2.5, 5 × 10^n)."""
    if value <= 0:
        return 1.0
    exp = math.floor(math.log10(value))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        candidate = step * 10**exp
        if candidate >= value:
            return candidate
    return 10 ** (exp + 1)


def _category_slot(width: float, count: int) -> float:
    """The room each of `count` categories gets along the axis of a bar or line chart `width` wide."""
    return (width - 70) / count


def _lay_out_axes(
    chart: VerticalBarChart | HorizontalLineChart,
    categories: list[str],
    font_name: str,
    size: tuple[float, float],
    legend_h: float,
) -> bool:
    """Place a bar or line chart in a drawing of `size` above `legend_h` of legend, with the category
    axis below and the value axis as a light grid; True when the category labels are slanted to fit."""
    width, height = size
    slot = _category_slot(width, len(categories))
    widest = max(stringWidth(c, font_name, 8) for c in categories)
    rotate = widest > slot - 4
    bottom = 22 + (min(widest, 90) * 0.5 if rotate else 0)
    chart.x, chart.y = 42, bottom + legend_h
    chart.width, chart.height = width - 60, height - bottom - legend_h - 14
    chart.strokeColor = None
    axis = chart.categoryAxis
    axis.categoryNames = categories
    axis.labels.fontName = font_name
    axis.labels.fontSize = 8
    axis.labels.fillColor = INK
    axis.labels.dy = -4
    axis.strokeColor = RULE
    axis.tickDown = 0
    if rotate:
        axis.labels.angle = 30
        axis.labels.boxAnchor = "ne"
    values = chart.valueAxis
    values.labels.fontName = font_name
    values.labels.fontSize = 7.5
    values.labels.fillColor = MUTED
    values.strokeColor = None
    values.visibleGrid = True
    values.gridStrokeColor = GRID
    values.gridStrokeWidth = 0.4
    values.visibleTicks = False
    return rotate


class ChartsMixin(DocumentBase):
    """`bar_chart`, `line_chart` and `pie_chart` of `ReportDocument`."""

    def _chart_block(self, drawing_maker: Callable[[], Drawing | None], title: str | None) -> None:
        """Append a chart with its caption; figures are numbered in the order they are added."""
        caption_text = None
        if title:
            self._figures += 1
            caption_text = self.t("Figure {n}: {title}", n=self._figures, title=title)

        def make() -> list[Flowable]:
            # a fresh caption per build: reportlab marks a flowable it pushed to the next page for good
            caption = [] if caption_text is None else [Paragraph(escape_text(caption_text), self.styles["caption"])]
            drawing = drawing_maker()
            if drawing is None:
                return [Paragraph(escape_text(self.t("No data for this period.")), self.styles["note"]), *caption]
            return [KeepTogether([Spacer(1, 2 * mm), drawing, *caption])]

        self._items.append(make)

    def _legend(self, pairs: list[tuple[colors.Color, str]], x: float, y: float, columns: int = 1) -> Legend:
        legend = Legend()
        legend.x, legend.y = x, y
        legend.fontName = self.font.name
        legend.fontSize = 8
        legend.alignment = "right"
        legend.boxAnchor = "nw"
        legend.columnMaximum = max(1, -(-len(pairs) // columns))
        legend.dx = legend.dy = 7
        legend.deltay = 12
        legend.deltax = 90
        legend.dxTextSpace = 5
        legend.strokeWidth = 0
        legend.strokeColor = None
        legend.colorNamePairs = pairs
        return legend

    def _series_legend(self, names: Iterable[str], legend_h: float) -> Legend:
        """The legend of a bar or line chart with several series: one row below the plot."""
        pairs = [(series_colour(i), name) for i, name in enumerate(names)]
        return self._legend(pairs, 42, legend_h - 2, columns=len(pairs))

    def bar_chart(
        self,
        categories: Sequence[str],
        values: Sequence[float] | Mapping[str, Sequence[float]],
        *,
        title: str | None = None,
        value_max: float | None = None,
        value_format: str = "{:.2f}",
        height_mm: float = 68,
    ) -> None:
        """Vertical bars, one per category (e.g. mean score per dimension); a mapping gives grouped series."""
        series = dict(values) if isinstance(values, Mapping) else {"": list(values)}
        categories = [str(c) for c in categories]
        f = self.font.name

        def make() -> Drawing | None:
            data = [[float(v or 0) for v in vals] for vals in series.values()]
            if not categories or not data or not any(v for vals in data for v in vals):
                return None
            width, height = self.frame_width, height_mm * mm
            legend_h = 16 if len(series) > 1 else 0
            d = Drawing(width, height, initialFontName=self.font.name, initialFontSize=8)
            chart = VerticalBarChart()
            if _lay_out_axes(chart, categories, f, (width, height), legend_h):
                chart.categoryAxis.labels.dx = 4
            chart.data = data
            chart.groupSpacing = max(4, _category_slot(width, len(categories)) * 0.25)
            chart.barSpacing = 2
            top = max(v for vals in data for v in vals)
            chart.valueAxis.valueMin = 0
            chart.valueAxis.valueMax = value_max if value_max is not None else _nice_ceiling(top * 1.12)
            chart.barLabelFormat = value_format.format
            chart.barLabels.fontName = f
            chart.barLabels.fontSize = 7.5
            chart.barLabels.fillColor = INK
            chart.barLabels.nudge = 7
            for i in range(len(data)):
                chart.bars[i].fillColor = series_colour(i)
                chart.bars[i].strokeColor = None
            d.add(chart)
            if len(series) > 1:
                d.add(self._series_legend(series, legend_h))
            return d

        self._chart_block(make, title)

    def line_chart(
        self,
        categories: Sequence[str],
        series: Mapping[str, Sequence[float | None]],
        *,
        title: str | None = None,
        value_min: float | None = 0,
        value_max: float | None = None,
        value_format: str = "{:.1f}",
        height_mm: float = 68,
    ) -> None:
        """A trend: one line per series over the categories (periods); None leaves a gap."""
        categories = [str(c) for c in categories]
        f = self.font.name
        named = {str(k): list(v) for k, v in series.items()}

        def make() -> Drawing | None:
            values = [v for vals in named.values() for v in vals if v is not None]
            if not categories or not values:
                return None
            width, height = self.frame_width, height_mm * mm
            legend_h = 16 if len(named) > 1 or any(named) else 0
            d = Drawing(width, height, initialFontName=self.font.name, initialFontSize=8)
            chart = HorizontalLineChart()
            _lay_out_axes(chart, categories, f, (width, height), legend_h)
            chart.data = [[None if v is None else float(v) for v in vals] for vals in named.values()]
            # reportlab cannot draw a line through a single point (one period with a value): markers only then
            chart.joinedLines = int(all(sum(v is not None for v in vals) != 1 for vals in named.values()))
            lo, hi = min(values), max(values)
            chart.valueAxis.valueMin = value_min if value_min is not None else lo - (hi - lo) * 0.1
            chart.valueAxis.valueMax = value_max if value_max is not None else _nice_ceiling(hi * 1.1)
            chart.lineLabelFormat = (lambda v: "" if v is None else value_format.format(v)) if len(named) == 1 else None
            chart.lineLabels.fontName = f
            chart.lineLabels.fontSize = 7.5
            chart.lineLabels.fillColor = INK
            chart.lineLabels.dy = 7
            for i in range(len(named)):
                chart.lines[i].strokeColor = series_colour(i)
                chart.lines[i].strokeWidth = 1.6
                chart.lines[i].symbol = makeMarker("FilledCircle", size=4.5, fillColor=series_colour(i))
            d.add(chart)
            if legend_h:
                d.add(self._series_legend(named, legend_h))
            return d

        self._chart_block(make, title)

    def pie_chart(
        self,
        labels: Sequence[str],
        values: Sequence[float],
        *,
        title: str | None = None,
        value_format: str = "{:g}",
        height_mm: float = 62,
    ) -> None:
        """Shares of a whole (e.g. ratings); the legend gives label, value and percentage."""
        labels = [str(x) for x in labels]
        vals = [max(0.0, float(v or 0)) for v in values]

        def make() -> Drawing | None:
            total = sum(vals)
            if not labels or total <= 0:
                return None
            width, height = self.frame_width, height_mm * mm
            d = Drawing(width, height, initialFontName=self.font.name, initialFontSize=8)
            size = min(height - 16, 150)
            pie = Pie()
            pie.x, pie.y = width * 0.22 - size / 2, (height - size) / 2
            pie.width = pie.height = size
            pie.data = vals
            pie.labels = None
            pie.startAngle = 90
            pie.direction = "clockwise"
            pie.slices.strokeColor = colors.white
            pie.slices.strokeWidth = 1
            for i in range(len(vals)):
                pie.slices[i].fillColor = series_colour(i)
            d.add(pie)
            pairs = [
                (series_colour(i), f"{label}   {value_format.format(v)}  ({v / total * 100:.1f}%)")
                for i, (label, v) in enumerate(zip(labels, vals, strict=False))
            ]
            legend = self._legend(pairs, width * 0.47, height / 2 + min(len(pairs), 10) * 6)
            legend.deltay = 13
            legend.columnMaximum = 10
            legend.deltax = 200
            d.add(legend)
            return d

        self._chart_block(make, title)
