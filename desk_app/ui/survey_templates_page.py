"""The Questionnaires page of the Surveys tab (R27): the current questionnaires and their questions;
editing one a plan uses saves a new version, so the plans keep the questions they were sent with."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.services import survey_plans as sp
from desk_app.services import survey_templates
from desk_app.services.permissions import Permission, can
from desk_app.services.survey_templates import TemplateRow
from desk_app.ui.context import AppContext
from desk_app.ui.standings_view import set_rows_typed
from desk_app.ui.survey_plan_dialog import kind_label
from desk_app.ui.template_editor import TemplateEditor, short_answer_type_label
from desk_app.ui.widgets import FilterTable


class TemplatesPage(QWidget):
    """The questionnaires (R27): list left, the selected one's questions right, Edit… for planners."""

    TABLES = ("survey",)

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.stale = False
        self.template: TemplateRow | None = None
        self.may_edit = can(context.actor, Permission.SURVEY_PLAN)
        self.all_versions = QCheckBox(self.tr("Show earlier versions"))
        self.all_versions.toggled.connect(self.refresh)
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.setToolTip(self.tr("Edit the questionnaire; one a plan uses is saved as a new version"))
        self.edit_button.clicked.connect(self.edit_template)
        self.edit_button.setVisible(self.may_edit)
        self.table = FilterTable([self.tr("Questionnaire"), self.tr("Kind"), self.tr("Version"),
                                  self.tr("Questions"), self.tr("In use"), self.tr("Current")])
        self.table.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.view.activated.connect(lambda _index: self.edit_template())
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.questions = QTableWidget(0, 5)
        self.questions.setHorizontalHeaderLabels([self.tr("No."), self.tr("Dimension"), self.tr("Question"),
                                                  self.tr("Answer"), self.tr("Required")])
        self.questions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.questions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.questions.verticalHeader().setVisible(False)
        self.questions.setWordWrap(True)
        header = self.questions.horizontalHeader()
        for col in (0, 1, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.intro)
        right_layout.addWidget(self.questions, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([480, 720])
        top = QHBoxLayout()
        top.addWidget(self.edit_button)
        top.addWidget(self.all_versions)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.refresh()

    def refresh(self) -> None:
        selected = self.template.id if self.template else None
        rows = survey_templates.list_templates(current_only=not self.all_versions.isChecked())
        set_rows_typed(self.table, rows, [(r.name(), kind_label(r.kind), r.template_version, len(r.questions),
                                           r.in_use, r.is_current) for r in rows])
        if selected is None or not self.table.select_where(lambda r: r.id == selected):
            if rows:
                self.table.view.selectRow(0)
            else:
                self.show_template(None)

    def _selection_changed(self) -> None:
        row = self.table.selected_row()
        self.show_template(survey_templates.get_template(row.id) if row else None)

    def show_template(self, template: TemplateRow | None) -> None:
        self.template = template
        self.edit_button.setEnabled(template is not None and template.is_current)
        self.questions.setRowCount(0)
        if template is None:
            self.intro.setText("")
            return
        self.intro.setText(template.intro_zh if template.name() == template.name_zh else template.intro_en)
        self.questions.setRowCount(len(template.questions))
        for row, q in enumerate(template.questions):
            for col, value in enumerate((str(q.seq), sp.dimension_label(q.dimension), q.text(),
                                         short_answer_type_label(q.answer_type),
                                         self.tr("Yes") if q.required else self.tr("No"))):
                self.questions.setItem(row, col, QTableWidgetItem(value))
        self.questions.resizeRowsToContents()

    def edit_template(self) -> TemplateRow | None:
        old = self.template
        if old is None or not old.is_current or not self.may_edit:
            return None
        editor = TemplateEditor(self.context.actor, survey_templates.get_template(old.id), self)
        if editor.exec() != QDialog.DialogCode.Accepted:
            return None
        saved: TemplateRow = editor.result_value
        self.context.events.changed.emit("survey")
        self.template = saved
        self.refresh()
        if saved.id != old.id:
            QMessageBox.information(self, self.tr("Questionnaire saved"),
                                    self.tr("A survey plan uses version {0}, so the changes were saved as a new "
                                            "version {1}. New plans use version {1}; existing plans keep version {0}.")
                                    .format(old.template_version, saved.template_version))
        return saved
