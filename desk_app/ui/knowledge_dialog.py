"""The knowledge base (知识库, R7): search articles, edit them, open their source ticket.

An article is made from a ticket in one step (`create_article_from_ticket`), then opened here
for the finishing touches.
"""

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import ConflictError, DeskError
from desk_app.services import knowledge
from desk_app.services.knowledge import ArticleRow
from desk_app.services.permissions import Permission, can
from desk_app.ui.context import AppContext
from desk_app.ui.ticket_model import fmt_time
from desk_app.ui.widgets import error_style

SEARCH_DELAY_MS = 300


#: Opens a ticket's form over the given parent; handed in by the ticket screens, which own that form.
TicketOpener = Callable[[int, QWidget], QDialog]


class KnowledgeDialog(QDialog):
    """Search on the left, the selected article on the right. Non-modal: it can stay open beside the tab."""

    def __init__(self, context: AppContext, parent: QWidget | None = None, article_id: int | None = None,
                 open_ticket: TicketOpener | None = None):
        super().__init__(parent)
        self.context = context
        self._open_ticket = open_ticket
        self.article: ArticleRow | None = None
        self.rows: list[ArticleRow] = []
        self.ticket_form = None  # a source ticket opened from here
        self.setObjectName("KnowledgeDialog")
        self.setWindowTitle(self.tr("Knowledge base"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setSizeGripEnabled(True)
        self.resize(1000, 620)
        editable = can(context.actor, Permission.KNOWLEDGE_EDIT)

        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search title, symptom, cause, solution…"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("articles")
        self.table.setHorizontalHeaderLabels([self.tr("Title"), self.tr("Ticket"), self.tr("Updated")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.count_label = QLabel(self)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

        self.title = QLineEdit(self)
        self.title.setObjectName("title")
        self.symptom = self._text("symptom")
        self.cause = self._text("cause")
        self.solution = self._text("solution")
        self.source = QLabel(self)
        self.source.setObjectName("source")
        self.open_source = QPushButton(self.tr("Open source &ticket"), self)
        self.open_source.setObjectName("open_source")
        self.open_source.setAutoDefault(False)
        self.open_source.clicked.connect(self.open_source_ticket)
        source_line = QHBoxLayout()
        source_line.addWidget(self.source, 1)
        source_line.addWidget(self.open_source)
        form = QFormLayout()
        form.addRow(self.tr("T&itle:"), self.title)
        form.addRow(self.tr("S&ymptom:"), self.symptom)
        form.addRow(self.tr("&Cause:"), self.cause)
        form.addRow(self.tr("S&olution:"), self.solution)
        form.addRow(self.tr("Source ticket:"), source_line)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet(error_style(self))
        self.error.setWordWrap(True)
        self.error.hide()
        self.new_button = QPushButton(self.tr("&New article"), self)
        self.new_button.setObjectName("new")
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.new_article)
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setObjectName("save")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        for w in (self.new_button, self.save_button, self.title, self.symptom, self.cause, self.solution):
            w.setEnabled(editable)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(form, 1)
        right_layout.addWidget(self.error)
        right_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([480, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)

        self.refresh()
        if article_id is not None:
            self.show_article(knowledge.get_article(article_id))
            self._select(article_id)
            self.title.setFocus()
        else:
            self.new_article()
            self.search.setFocus()

    def _text(self, name: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setObjectName(name)
        edit.setTabChangesFocus(True)
        return edit

    # --- list --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Search again (same Chinese-aware search as tickets) and keep the current article selected."""
        self.rows = knowledge.search_articles(self.search.text().strip())
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for i, a in enumerate(self.rows):
            for j, value in enumerate((a.title, a.source_ticket_number, fmt_time(a.updated_at))):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, a.id)
                self.table.setItem(i, j, item)
        self.table.blockSignals(False)
        self.table.resizeColumnToContents(1)
        self.table.resizeColumnToContents(2)
        for i, a in enumerate(self.rows):
            self.table.item(i, 0).setToolTip(a.title)
        self.count_label.setText(self.tr("%n article(s)", "", len(self.rows)))
        if self.article is not None:
            self._select(self.article.id)

    def _select(self, article_id: int) -> None:
        for i, a in enumerate(self.rows):
            if a.id == article_id:
                self.table.blockSignals(True)
                self.table.selectRow(i)
                self.table.blockSignals(False)
                return

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and 0 <= rows[0].row() < len(self.rows):
            self.show_article(self.rows[rows[0].row()])

    # --- editor ------------------------------------------------------------------------

    def show_article(self, article: ArticleRow | None) -> None:
        self.article = article
        self.error.hide()
        self.title.setText(article.title if article else "")
        self.symptom.setPlainText(article.symptom if article else "")
        self.cause.setPlainText(article.cause if article else "")
        self.solution.setPlainText(article.solution if article else "")
        number = article.source_ticket_number if article else ""
        self.source.setText(number or "—")
        self.open_source.setEnabled(bool(article and article.source_ticket_id))

    def new_article(self) -> None:
        self.table.clearSelection()
        self.show_article(None)
        self.title.setFocus()

    def save(self) -> None:
        a = self.article
        try:
            saved = knowledge.save_article(
                self.context.actor, self.title.text().strip(), self.symptom.toPlainText().strip(),
                self.cause.toPlainText().strip(), self.solution.toPlainText().strip(),
                article_id=a.id if a else None, expected_version=a.version if a else None,
                source_ticket_id=a.source_ticket_id if a else None)
        except DeskError as exc:
            self.error.setText(str(exc) + (self.tr(" Select the article again to reload it.")
                                           if isinstance(exc, ConflictError) else ""))
            self.error.show()
            return
        self.article = saved
        self.show_article(saved)
        self.refresh()
        self.context.events.changed.emit("knowledge")

    def open_source_ticket(self) -> None:
        if self.article is None or self.article.source_ticket_id is None or self._open_ticket is None:
            return
        try:
            self.ticket_form = self._open_ticket(self.article.source_ticket_id, self)
        except DeskError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.ticket_form.open()


def create_article_from_ticket(context: AppContext, ticket_id: int, parent: QWidget | None,
                               on_error: Callable[[DeskError], None],
                               open_ticket: TicketOpener | None = None) -> KnowledgeDialog | None:
    """R7 in one step: make the article, announce it, and open it in the knowledge base."""
    try:
        article = knowledge.article_from_ticket(context.actor, ticket_id)
    except DeskError as exc:
        on_error(exc)
        return None
    context.events.changed.emit("knowledge")
    dialog = KnowledgeDialog(context, parent, article_id=article.id, open_ticket=open_ticket)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.show()
    return dialog
