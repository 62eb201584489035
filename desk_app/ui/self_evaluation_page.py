"""Self-evaluation (team leads, managers): the team's closed tickets not yet self-evaluated (R9)."""


from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskError
from desk_app.i18n import label
from desk_app.services import evaluations
from desk_app.services.evaluations import SelfEvaluationItem
from desk_app.ui.callback_dialog import ChoiceGroup
from desk_app.ui.callback_page import Page, fmt_time
from desk_app.ui.context import AppContext
from desk_app.ui.widgets import FilterTable, error_label, error_style, html_text, scrolled, splitter


class SelfEvaluationPage(Page):
    TABLES = ("ticket", "evaluation")

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.item: SelfEvaluationItem | None = None
        self._refreshing = False
        self.table = FilterTable([self.tr("Ticket"), self.tr("Closed"), self.tr("Team"), self.tr("Technician"),
                                  self.tr("Reporter"), self.tr("Customer unit"), self.tr("Category"),
                                  self.tr("Description")])
        self.table.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.view.activated.connect(lambda _index: self.rating.setFocus())
        self.count_label = QLabel()

        self.record = QTextBrowser()
        guidance = QLabel(self.tr("Judge the ticket as a whole on:<br>"
                                  "a) completeness of the fault description and the cause analysis<br>"
                                  "b) whether the handling method was appropriate<br>"
                                  "c) work efficiency<br>"
                                  "<small>Internal only: the customer does not see it.</small>"))
        guidance.setWordWrap(True)
        self.rating = ChoiceGroup([(label(code), code) for code in evaluations.scale_codes(evaluations.THREE)])
        self.rating.group.buttonToggled.connect(self._rating_changed)
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.comment.setPlaceholderText(self.tr("Comment"))
        self.comment.setMaximumHeight(self.comment.fontMetrics().lineSpacing() * 4 + 14)
        self.note_label = QLabel(self.tr("Corrective note (required for a dissatisfied rating)"))
        self.corrective = QPlainTextEdit()
        self.corrective.setTabChangesFocus(True)
        self.corrective.setMaximumHeight(self.corrective.fontMetrics().lineSpacing() * 4 + 14)
        self.error = error_label(self)
        self.save_button = QPushButton(self.tr("Save self-evaluation"))
        self.save_button.setToolTip(self.tr("Save and go to the next ticket (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        form = QGroupBox(self.tr("Team lead self-evaluation (工长自评)"))
        form_layout = QVBoxLayout(form)
        form_layout.addWidget(guidance)
        form_layout.addWidget(QLabel(self.tr("Overall rating")))
        form_layout.addWidget(self.rating)
        form_layout.addWidget(QLabel(self.tr("Comment")))
        form_layout.addWidget(self.comment)
        form_layout.addWidget(self.note_label)
        form_layout.addWidget(self.corrective)
        form_layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form_layout.addLayout(buttons)
        right = splitter(Qt.Orientation.Vertical, [self.record, scrolled(form)], stretch=(1, 0))
        right.setChildrenCollapsible(False)
        self.record.setMinimumHeight(80)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.table, 1)
        QVBoxLayout(self).addWidget(splitter(Qt.Orientation.Horizontal, [left, right], stretch=(3, 2)))
        self.refresh()

    def refresh(self) -> None:
        """Reload the queue; the ticket being evaluated stays selected and its typed input is kept."""
        selected = self.item.ticket_id if self.item else None
        items = evaluations.queue_for_team_lead(self.context.actor)
        self._refreshing = True
        try:
            self.table.set_rows(items, [(i.number, fmt_time(i.closed_at), i.team_name, i.technician_name,
                                         i.reporter_name, i.unit_name, i.category,
                                         i.description.replace("\n", " ")[:80]) for i in items])
            if not (selected and self.table.select_where(lambda r: r.ticket_id == selected)) and items:
                self.table.view.selectRow(0)
        finally:
            self._refreshing = False
        self.count_label.setText(self.tr("{0} closed tickets wait for the self-evaluation.").format(len(items)))
        self.show_item(self.table.selected_row())

    def _selection_changed(self) -> None:
        if not self._refreshing:
            self.show_item(self.table.selected_row())

    def show_item(self, item: SelfEvaluationItem | None) -> None:
        if item is not None and self.item is not None and item.ticket_id == self.item.ticket_id:
            return
        self.item = item
        self.rating.group.setExclusive(False)
        for button in self.rating.buttons.values():
            button.setChecked(False)
        self.rating.group.setExclusive(True)
        self.comment.clear()
        self.corrective.clear()
        self.error.hide()
        self._rating_changed()
        for widget in (self.rating, self.comment, self.corrective, self.save_button):
            widget.setEnabled(item is not None)
        if item is None:
            self.record.setHtml(self.tr("No ticket waits for a self-evaluation."))
            return
        repeat_of = self.tr("Repeat report of")
        repeat = (f"<p><b>{repeat_of}:</b> {html_text(item.repeat_of_number)}</p>"
                  if item.repeat_of_number else "")
        closed, team, technician = self.tr("Closed"), self.tr("Team"), self.tr("Technician")
        reporter, unit, category = self.tr("Reporter"), self.tr("Customer unit"), self.tr("Category")
        fault, cause = self.tr("Fault description"), self.tr("Cause analysis")
        handling = self.tr("Handling method")
        self.record.setHtml(
            f"<h3>{html_text(item.number)}</h3>"
            f"<p><b>{closed}:</b> {fmt_time(item.closed_at)} &nbsp; <b>{team}:</b> "
            f"{html_text(item.team_name)} &nbsp; <b>{technician}:</b> {html_text(item.technician_name)}</p>"
            f"<p><b>{reporter}:</b> {html_text(item.reporter_name)} &nbsp; <b>{unit}:</b> "
            f"{html_text(item.unit_name)} &nbsp; <b>{category}:</b> {html_text(item.category)}</p>{repeat}"
            f"<p><b>{fault}:</b><br>{html_text(item.description)}</p>"
            f"<p><b>{cause}:</b><br>{html_text(item.cause) or '—'}</p>"
            f"<p><b>{handling}:</b><br>{html_text(item.resolution) or '—'}</p>")

    def _rating_changed(self, *_args) -> None:
        rating = self.rating.value()
        required = bool(rating) and evaluations.is_dissatisfied(str(rating))
        self.note_label.setStyleSheet(error_style(self, bold=True) if required else "")

    def save(self) -> bool:
        if self.item is None:
            return False
        try:
            evaluations.self_evaluate(self.context.actor, self.item.ticket_id, self.rating.value() or "",
                                      self.comment.toPlainText(), self.corrective.toPlainText())
        except DeskError as exc:
            self.error.setText(str(exc))
            self.error.show()
            field = getattr(exc, "field", "")
            {"rating": self.rating, "comment": self.comment, "corrective_note": self.corrective}.get(
                field, self.rating).setFocus()
            return False
        self.item = None
        self.refresh()
        self.context.events.changed.emit("evaluation")
        self.rating.setFocus()
        return True

