"""The questionnaire template editor (R27): names, introductions and the question rows.

Saving a template that a survey plan already uses never changes it: the service makes a new
version, and the dialog says so. The questions table has a dimension and an answer-type combo
per row; Add / Remove / Move up / Move down (Ctrl+Up / Ctrl+Down) rebuild the rows from their values.
"""

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskError
from desk_app.models.enums import AnswerType, Dimension
from desk_app.services import survey_templates
from desk_app.services.actor import Actor
from desk_app.services.survey_plans import dimension_label
from desk_app.services.survey_templates import QuestionInput, TemplateRow
from desk_app.ui.form_dialog import line_edit, text_edit
from desk_app.ui.widgets import error_label

DIM, ZH, EN, ANSWER, REQUIRED = range(5)


def answer_type_label(code: str) -> str:
    names = {AnswerType.RATING5.value: QCoreApplication.translate("TemplateEditor",
                                                                  "Rating, 5 levels (非常满意 … 非常不满意)"),
             AnswerType.RATING3.value: QCoreApplication.translate("TemplateEditor",
                                                                  "Rating, 3 levels (满意 / 基本满意 / 不满意)"),
             AnswerType.YESNO.value: QCoreApplication.translate("TemplateEditor", "Yes / no"),
             AnswerType.TEXT.value: QCoreApplication.translate("TemplateEditor", "Free text")}
    return names.get(code, code)


def short_answer_type_label(code: str) -> str:
    names = {AnswerType.RATING5.value: QCoreApplication.translate("TemplateEditor", "5-level rating"),
             AnswerType.RATING3.value: QCoreApplication.translate("TemplateEditor", "3-level rating"),
             AnswerType.YESNO.value: QCoreApplication.translate("TemplateEditor", "Yes / no"),
             AnswerType.TEXT.value: QCoreApplication.translate("TemplateEditor", "Free text")}
    return names.get(code, code)


class TemplateEditor(QDialog):
    """Edit one template; `result_value` is the saved TemplateRow (maybe a new version)."""

    def __init__(self, actor: Actor, template: TemplateRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.template = template
        self.result_value: TemplateRow | None = None
        self.setWindowTitle(self.tr("Questionnaire template: {0} (version {1})").format(
            template.name(), template.template_version))
        self.name_zh = line_edit(template.name_zh)
        self.name_en = line_edit(template.name_en)
        self.intro_zh = text_edit(template.intro_zh, lines=2)
        self.intro_en = text_edit(template.intro_en, lines=2)
        for edit in (self.intro_zh, self.intro_en):  # the questions table gets the room
            edit.setMaximumHeight(edit.fontMetrics().lineSpacing() * 3 + 14)
        form = QFormLayout()
        form.addRow(self.tr("Name (Chinese)"), self.name_zh)
        form.addRow(self.tr("Name (English)"), self.name_en)
        form.addRow(self.tr("Introduction (Chinese)"), self.intro_zh)
        form.addRow(self.tr("Introduction (English)"), self.intro_en)

        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("Dimension"), self.tr("Question (Chinese)"),
                                              self.tr("Question (English)"), self.tr("Answer"),
                                              self.tr("Required")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DIM, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ZH, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(EN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ANSWER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(REQUIRED, QHeaderView.ResizeMode.ResizeToContents)
        for q in template.questions:
            self.append_row(QuestionInput(q.dimension, q.text_zh, q.text_en, q.answer_type, q.required))

        buttons_row = QHBoxLayout()
        self.row_buttons: dict[str, QPushButton] = {}
        for key, text, tip, slot in (
            ("add", self.tr("Add question"), self.tr("Add a question after the selected one (Ctrl+Ins)"),
             self.add_question),
            ("remove", self.tr("Remove"), self.tr("Remove the selected question (Ctrl+Del)"), self.remove_question),
            ("up", self.tr("Move up"), self.tr("Move the selected question up (Ctrl+Up)"), lambda: self.move(-1)),
            ("down", self.tr("Move down"), self.tr("Move the selected question down (Ctrl+Down)"),
             lambda: self.move(1)),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            self.row_buttons[key] = button
            buttons_row.addWidget(button)
        buttons_row.addStretch(1)
        for keys, slot in (("Ctrl+Ins", self.add_question), ("Ctrl+Del", self.remove_question),
                           ("Ctrl+Up", lambda: self.move(-1)), ("Ctrl+Down", lambda: self.move(1))):
            QShortcut(QKeySequence(keys), self, slot)

        self.notice = QLabel()
        self.notice.setWordWrap(True)
        if template.in_use:
            self.notice.setText(self.tr("A survey plan uses this questionnaire: saving makes version {0}; the plans "
                                        "keep version {1}.").format(template.template_version + 1,
                                                                    template.template_version))
        else:
            self.notice.hide()
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.submit)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Questions")))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons_row)
        layout.addWidget(self.notice)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(1000, 680)
        if self.table.rowCount():
            self.table.selectRow(0)

    # --- rows ----------------------------------------------------------------------------------------

    def append_row(self, q: QuestionInput, at: int | None = None) -> int:
        row = self.table.rowCount() if at is None else at
        self.table.insertRow(row)
        dims = QComboBox()
        for d in Dimension:
            dims.addItem(dimension_label(d.value), d.value)
        dims.setCurrentIndex(max(dims.findData(q.dimension), 0))
        self.table.setCellWidget(row, DIM, dims)
        self.table.setItem(row, ZH, QTableWidgetItem(q.text_zh))
        self.table.setItem(row, EN, QTableWidgetItem(q.text_en))
        answers = QComboBox()
        for a in AnswerType:
            answers.addItem(short_answer_type_label(a.value), a.value)
            answers.setItemData(answers.count() - 1, answer_type_label(a.value), Qt.ItemDataRole.ToolTipRole)
        answers.setCurrentIndex(max(answers.findData(q.answer_type), 0))
        self.table.setCellWidget(row, ANSWER, answers)
        required = QTableWidgetItem()
        required.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
        required.setCheckState(Qt.CheckState.Checked if q.required else Qt.CheckState.Unchecked)
        self.table.setItem(row, REQUIRED, required)
        return row

    def question_at(self, row: int) -> QuestionInput:
        dims: QComboBox = self.table.cellWidget(row, DIM)
        answers: QComboBox = self.table.cellWidget(row, ANSWER)
        zh = self.table.item(row, ZH)
        en = self.table.item(row, EN)
        return QuestionInput(dims.currentData(), zh.text() if zh else "", en.text() if en else "",
                             answers.currentData(),
                             self.table.item(row, REQUIRED).checkState() == Qt.CheckState.Checked)

    def questions(self) -> list[QuestionInput]:
        return [self.question_at(r) for r in range(self.table.rowCount())]

    def set_questions(self, questions: list[QuestionInput], select: int = -1) -> None:
        self.table.setRowCount(0)
        for q in questions:
            self.append_row(q)
        if 0 <= select < self.table.rowCount():
            self.table.selectRow(select)
            self.table.setCurrentCell(select, ZH)

    def current_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else self.table.currentRow()

    def add_question(self) -> int:
        current = self.current_row()
        at = current + 1 if current >= 0 else self.table.rowCount()
        row = self.append_row(QuestionInput(Dimension.OVERALL.value, "", ""), at)
        self.table.selectRow(row)
        self.table.setCurrentCell(row, ZH)
        self.table.editItem(self.table.item(row, ZH))
        return row

    def remove_question(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        self.table.removeRow(row)
        if self.table.rowCount():
            self.table.selectRow(min(row, self.table.rowCount() - 1))

    def move(self, step: int) -> None:
        row = self.current_row()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        questions = self.questions()
        questions[row], questions[target] = questions[target], questions[row]
        self.set_questions(questions, target)

    # --- saving --------------------------------------------------------------------------------------

    def submit(self) -> None:
        editor = QApplication.focusWidget()
        if (self.table.state() == QAbstractItemView.State.EditingState and editor is not None
                and self.table.isAncestorOf(editor)):  # Ctrl+Return while typing in a cell: keep that text
            self.table.commitData(editor)
            self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        t = self.template
        try:
            self.result_value = survey_templates.save_template(
                self.actor, t.id, t.version, self.name_zh.text(), self.name_en.text(), self.intro_zh.toPlainText(),
                self.intro_en.toPlainText(), self.questions())
        except DeskError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()
