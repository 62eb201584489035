"""Monthly results (月度考评, R32–R33): the technicians' and teams' standings of a month, with the
repair star (维修之星) and the winning team (优胜班组) highlighted, and the year's totals (R33a).

The service decides what the actor may see (a technician gets only their own row, R2); this view
shows whatever it returns. Also holds the small table helpers the callbacks tab shares.
"""

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from desk_app.errors import DeskError
from desk_app.services import kpi
from desk_app.ui.widgets import FilterTable, readable, splitter, titled, toolbar_page

HIGHLIGHT = QColor("#fff3c4")  # the star's and the winning team's row
OVERDUE_COLOR = QColor("#c62828")


# --- helpers shared with the callbacks tab ----------------------------------------------------------


def set_rows_typed(table: FilterTable, rows: Sequence[object], cells: Sequence[Sequence[object]]) -> None:
    """FilterTable.set_rows, but numbers stay numbers so that the columns sort numerically."""
    table.set_rows(rows, cells)
    for r, values in enumerate(cells):
        for c, value in enumerate(values):
            if isinstance(value, int | float) and not isinstance(value, bool):
                table.model.item(r, c).setData(value, Qt.ItemDataRole.DisplayRole)
    table.view.resizeColumnsToContents()


def paint_row(table: FilterTable, source_row: int, *, foreground: QColor | None = None,
              background: QColor | None = None, bold: bool = False, columns: Sequence[int] | None = None) -> None:
    """Colour (and embolden) cells of one row of the table's source model."""
    font = QFont()
    font.setBold(True)
    for c in columns if columns is not None else range(table.model.columnCount()):
        item = table.model.item(source_row, c)
        if item is None:
            continue
        if foreground is not None:
            item.setForeground(QBrush(readable(foreground)))
        if background is not None:
            item.setBackground(QBrush(background))
            if foreground is None:  # a light highlight keeps dark text, also on a dark palette
                item.setForeground(QBrush(QColor("#000000" if background.lightness() > 128 else "#ffffff")))
        if bold:
            item.setFont(font)


def month_edit(value: date | None = None) -> QDateEdit:
    """A month picker (yyyy-MM) with a calendar pop-up."""
    edit = QDateEdit(QDate(value or date.today()))
    edit.setDisplayFormat("yyyy-MM")
    edit.setCalendarPopup(True)
    return edit


def month_of(edit: QDateEdit) -> str:
    return edit.date().toString("yyyy-MM")


def previous_month(day: date | None = None) -> date:
    day = day or date.today()
    return date(day.year - (day.month == 1), (day.month - 2) % 12 + 1, 1)


# --- the view -----------------------------------------------------------------------------------------


class StandingsView(QWidget):
    """Month (or year) picker, the summary line with the awards, and the two standings tables."""

    def __init__(self, actor, parent: QWidget | None = None, month: date | None = None):
        super().__init__(parent)
        self.actor = actor
        self.standings: kpi.Standings | kpi.YearStandings | None = None
        self.period = QComboBox()
        self.period.addItem(self.tr("Month"), "month")
        self.period.addItem(self.tr("Year"), "year")
        self.month = month_edit(month or date.today())
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue((month or date.today()).year)
        self.year.hide()
        self.summary = QLabel()
        self.summary.setObjectName("standingsSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.technicians = FilterTable([])
        self.teams = FilterTable([])
        for table in (self.technicians, self.teams):
            table.view.setMinimumHeight(70)  # the page fits a small window; the splitter shares the rest
        self.period.currentIndexChanged.connect(self._period_changed)
        self.month.dateChanged.connect(self.refresh)
        self.year.valueChanged.connect(self.refresh)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Results of")))
        top.addWidget(self.period)
        top.addWidget(self.month)
        top.addWidget(self.year)
        top.addStretch(1)
        toolbar_page(self, top, splitter(Qt.Orientation.Vertical, [
            titled(self.tr("Technicians"), self.technicians), titled(self.tr("Teams"), self.teams)],
            stretch=(3, 2)), self.summary)
        self.refresh()

    def _period_changed(self) -> None:
        yearly = self.period.currentData() == "year"
        self.month.setVisible(not yearly)
        self.year.setVisible(yearly)
        self.refresh()

    def _headers(self, table: FilterTable, headers: list[str]) -> None:
        table.model.setColumnCount(len(headers))
        table.model.setHorizontalHeaderLabels(headers)

    def refresh(self) -> None:
        try:
            if self.period.currentData() == "year":
                self._show_year(kpi.yearly_standings(self.year.value(), self.actor))
            else:
                self._show_month(kpi.monthly_standings(month_of(self.month), self.actor))
        except DeskError as exc:
            self.summary.setText(str(exc))

    def _show_month(self, s: kpi.Standings) -> None:
        self.standings = s
        self._headers(self.technicians, [self.tr("Rank"), self.tr("Technician"), self.tr("Team"),
                                         self.tr("Evaluated tickets"), self.tr("Points"), self.tr("Dissatisfied"),
                                         self.tr("Score")])
        self._headers(self.teams, [self.tr("Rank"), self.tr("Team"), self.tr("Evaluated tickets"),
                                   self.tr("Points"), self.tr("Dissatisfied"), self.tr("Score")])
        set_rows_typed(self.technicians, s.technicians, [
            (r.rank, ("★ " if r.id == s.repair_star_id else "") + r.name, r.team, r.evaluated_tickets, r.points,
             r.dissatisfied, r.score) for r in s.technicians])
        set_rows_typed(self.teams, s.teams, [
            (r.rank, ("★ " if r.id == s.winning_team_id else "") + r.name, r.evaluated_tickets, r.points,
             r.dissatisfied, r.score) for r in s.teams])
        for i, r in enumerate(s.technicians):
            if r.id == s.repair_star_id:
                paint_row(self.technicians, i, background=HIGHLIGHT, bold=True)
        for i, r in enumerate(s.teams):
            if r.id == s.winning_team_id:
                paint_row(self.teams, i, background=HIGHLIGHT, bold=True)
        self.technicians.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.teams.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        if not s.technicians and not s.teams:
            self.summary.setText(self.tr("No evaluated tickets closed in {0}.").format(s.month))
            return
        star = (self.tr("Repair star (维修之星): <b>{0}</b> (+{1} bonus)").format(s.repair_star, f"{s.star_bonus:g}")
                if s.repair_star else self.tr("Repair star: —"))
        team = (self.tr("Winning team (优胜班组): <b>{0}</b>").format(s.winning_team) if s.winning_team
                else self.tr("Winning team: —"))
        formula = self.tr("Score = points ÷ evaluated tickets + evaluated tickets × {0}").format(f"{s.factor:g}")
        self.summary.setText(f"★ {star} &nbsp;&nbsp; ★ {team}<br><small>{formula}</small>")

    def _show_year(self, s: kpi.YearStandings) -> None:
        self.standings = s
        self._headers(self.technicians, [self.tr("Rank"), self.tr("Technician"), self.tr("Team"),
                                         self.tr("Evaluated tickets"), self.tr("Points"), self.tr("Dissatisfied"),
                                         self.tr("Sum of monthly scores"), self.tr("Months"),
                                         self.tr("Repair star awards"), self.tr("Bonus")])
        self._headers(self.teams, [self.tr("Rank"), self.tr("Team"), self.tr("Evaluated tickets"),
                                   self.tr("Points"), self.tr("Dissatisfied"), self.tr("Sum of monthly scores"),
                                   self.tr("Months"), self.tr("Winning team awards")])
        set_rows_typed(self.technicians, s.technicians, [
            (r.rank, r.name, r.team, r.evaluated_tickets, r.points, r.dissatisfied, r.score_total, r.months,
             r.awards, r.bonus) for r in s.technicians])
        set_rows_typed(self.teams, s.teams, [
            (r.rank, r.name, r.evaluated_tickets, r.points, r.dissatisfied, r.score_total, r.months, r.awards)
            for r in s.teams])
        for table, rows in ((self.technicians, s.technicians), (self.teams, s.teams)):
            for i, r in enumerate(rows):
                if r.awards:
                    paint_row(table, i, background=HIGHLIGHT)
            table.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        stars = ", ".join(f"{m[5:]}: {name}" for m, name in s.stars.items() if name)
        self.summary.setText(self.tr("Repair stars by month: {0}").format(stars or "—"))
