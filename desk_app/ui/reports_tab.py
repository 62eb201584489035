"""The Reports tab (R35–R38, R44–R46): the list of report versions, generation in a worker thread, the
in-app preview (QtPdf), printing, saving, the review and approval workflow (each a digital signature)
and verification of a PDF file's signatures."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskError, ValidationError
from desk_app.i18n import current_language
from desk_app.models.enums import ReportState
from desk_app.services import report_data, report_signing, report_verify, reports
from desk_app.services.permissions import Permission, can
from desk_app.services.reports import ReportFilter, ReportRow
from desk_app.ui import workers
from desk_app.ui.context import AppContext
from desk_app.ui.form_dialog import FormDialog, combo, line_edit, text_edit
from desk_app.ui.report_preview import PdfPreview, print_pdf
from desk_app.ui.widgets import FilterTable, show_error, splitter, toolbar_page

RS = ReportState


def _when(value) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


class ReportsTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.current: ReportRow | None = None
        self.worker = None  # the running generation, if any (tests wait on it)
        self.last_generated: ReportRow | None = None
        self.last_check: report_verify.SignedFileCheck | None = None

        self.kind_filter = combo([(self.tr("All kinds"), "")] + [(reports.kind_label(k), k)
                                                                  for k in reports.ALL_KINDS])
        self.state_filter = combo([(self.tr("All states"), "")] + [(reports.state_label(s.value), s.value)
                                                                    for s in RS])
        for box in (self.kind_filter, self.state_filter):
            box.currentIndexChanged.connect(self.refresh)
        generate_button = QPushButton(self.tr("Generate…"))
        generate_button.setToolTip(self.tr("Generate a report for a period (a new draft version)"))
        generate_button.clicked.connect(self.generate)
        generate_button.setEnabled(can(context.actor, Permission.REPORT_DRAFT))
        self.generate_button = generate_button
        verify_button = QPushButton(self.tr("Verify a file…"))
        verify_button.setToolTip(self.tr("Check a PDF file's digital signatures and whether it is the approved "
                                         "report on record"))
        verify_button.clicked.connect(self.verify_file)

        self.table = FilterTable([self.tr("Number"), self.tr("Kind"), self.tr("Period"), self.tr("Version"),
                                  self.tr("State"), self.tr("Drafter"), self.tr("Reviewer"), self.tr("Approver"),
                                  self.tr("Approved at")])
        self.table.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.history = FilterTable([self.tr("Version"), self.tr("State"), self.tr("Created"), self.tr("Drafter"),
                                    self.tr("Reviewer"), self.tr("Approver"), self.tr("Approved at"),
                                    self.tr("Comment")])
        self.history.filter.hide()
        self.history.activated.connect(lambda row: row and self.select_report(row.id))
        self.history_label = QLabel(self.tr("Version history"))

        self.preview = PdfPreview(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("print", self.tr("Print…"), self.print_report),
            ("save", self.tr("Save as…"), self.save_as),
            ("submit", self.tr("Submit"), self.submit),
            ("review", self.tr("Review and sign…"), self.review),
            ("approve", self.tr("Approve and sign…"), self.approve),
            ("reject", self.tr("Reject…"), self.reject),
            ("publish", self.tr("Publish"), self.publish),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.buttons[key] = button

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_split = QSplitter(Qt.Orientation.Vertical)
        left_split.addWidget(self.table)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.history_label)
        bottom_layout.addWidget(self.history, 1)
        left_split.addWidget(bottom)
        left_split.setStretchFactor(0, 3)
        left_split.setStretchFactor(1, 1)
        left_layout.addWidget(left_split)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.status)
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        right_layout.addLayout(row)
        right_layout.addWidget(self.preview, 1)

        top = QHBoxLayout()
        top.addWidget(generate_button)
        top.addWidget(QLabel(self.tr("Kind:")))
        top.addWidget(self.kind_filter)
        top.addWidget(QLabel(self.tr("State:")))
        top.addWidget(self.state_filter)
        top.addStretch(1)
        top.addWidget(verify_button)
        toolbar_page(self, top, splitter(Qt.Orientation.Horizontal, [left, right], stretch=(3, 2)))
        context.events.changed.connect(lambda table: table == "report" and self.refresh())
        self.refresh()

    # --- list, history and preview -----------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.current.id if self.current else None
        rows = reports.list_reports(ReportFilter(kind=self.kind_filter.currentData() or "",
                                                 state=self.state_filter.currentData() or ""))
        self.table.set_rows(rows, [
            (r.number, reports.kind_label(r.kind), r.period, r.report_version, reports.state_label(r.state),
             r.drafter, r.reviewer, r.approver, _when(r.approved_at)) for r in rows])
        if selected is None or not self.table.select_where(lambda r: r.id == selected):
            self.show_report(None)

    def select_report(self, report_id: int) -> None:
        if not self.table.select_where(lambda r: r.id == report_id):
            self.show_report(reports.get_report(report_id))

    def open_record(self, kind: str, record_id: int) -> bool:
        """From the Today tab or the global search: select the report (clearing the filters if it is
        not listed) and preview it."""
        if kind != "report":
            return False
        if not self.table.select_where(lambda r: r.id == record_id):
            self.table.filter.clear()
            for box in (self.kind_filter, self.state_filter):
                box.blockSignals(True)
                box.setCurrentIndex(0)
                box.blockSignals(False)
            self.refresh()
        try:
            self.select_report(record_id)
        except DeskError as exc:
            show_error(self, exc)
            return False
        return True

    def _selection_changed(self) -> None:
        row = self.table.selected_row()
        self.show_report(reports.get_report(row.id) if row else None)

    def show_report(self, row: ReportRow | None) -> None:
        self.current = row
        actor = self.context.actor
        state = row.state if row else None
        why_not = {step: report_signing.cannot_sign_reason(actor, row, step) if row else ""
                   for step in ("review", "approve")}
        enabled = {
            "print": row is not None,
            "save": row is not None,
            "submit": state in (RS.DRAFT, RS.REJECTED) and can(actor, Permission.REPORT_DRAFT),
            "review": why_not["review"] is None,
            "approve": why_not["approve"] is None,
            "reject": (state == RS.SUBMITTED and can(actor, Permission.REPORT_REVIEW))
            or (state == RS.REVIEWED and can(actor, Permission.REPORT_APPROVE)),
            "publish": state == RS.APPROVED and can(actor, Permission.REPORT_DRAFT),
        }
        for key, button in self.buttons.items():
            button.setEnabled(bool(enabled[key]))
            button.setToolTip(why_not.get(key) or "")
        if row is None:
            self.status.setText(self.tr("Select a report to preview it."))
            self.preview.load_bytes(None)
            self.history.set_rows([], [])
            return
        text = self.tr("%1 version %2 — %3").replace("%1", row.number).replace("%2", str(row.report_version)) \
            .replace("%3", reports.state_label(row.state))
        if row.state == RS.REJECTED and row.reject_comment:
            text += "\n" + self.tr("Rejected: %1").replace("%1", row.reject_comment)
        if row.reviewed_at:
            text += "\n" + self.tr("Reviewed by %1 at %2").replace("%1", row.reviewer).replace(
                "%2", _when(row.reviewed_at))
        if row.approved_at:
            text += "\n" + self.tr("Approved by %1 at %2").replace("%1", row.approver).replace(
                "%2", _when(row.approved_at))
        text += "\nSHA-256 " + row.sha256
        self.status.setText(text)
        self.preview.load_bytes(reports.get_pdf(row.id))
        versions = reports.history(row.number)
        comments = {}
        for v in versions:
            comments[v.id] = v.reject_comment
        self.history.set_rows(versions, [
            (v.report_version, reports.state_label(v.state), _when(v.created_at), v.drafter, v.reviewer, v.approver,
             _when(v.approved_at), comments[v.id]) for v in versions])
        self.history.select_where(lambda v: v.id == row.id)

    # --- generation (worker thread) -------------------------------------------------------------

    def generate(self) -> None:
        kinds = combo([(reports.kind_label(k), k) for k in reports.PERIODIC_KINDS])
        period = line_edit(placeholder="2026-10 / 2026-Q3 / 2026")
        language = combo([(self.tr("Chinese"), "zh_CN"), (self.tr("English"), "en")], current_language())

        def check(values: dict) -> dict:
            report_data.parse_period(values["kind"], values["period"])  # a wrong period stays in the dialog
            return values

        dialog = FormDialog(self.tr("Generate a report"), [
            ("kind", self.tr("Kind"), kinds), ("period", self.tr("Period"), period),
            ("language", self.tr("Language"), language)], check, self,
            intro=self.tr("Periods: 2026-10 for the monthly reports, 2026-Q3 for the quarterly report, 2026 for "
                          "the annual one. The report is stored as a new draft version."))
        if dialog.exec() != FormDialog.DialogCode.Accepted:
            return
        values = dialog.result_value
        self.start_generation(values["kind"], values["period"], values["language"])

    def start_generation(self, kind: str, period: str, language: str) -> None:
        actor = self.context.actor

        def job(progress, _is_cancelled):
            return reports.generate(actor, kind, period, language, progress)

        self.generate_button.setEnabled(False)
        self.worker, _dialog = workers.start_with_progress(self, self.tr("Generating the report…"), job,
                                                           self._generated, self._failed)

    def _generated(self, row: object) -> None:
        self.worker = None
        self.generate_button.setEnabled(can(self.context.actor, Permission.REPORT_DRAFT))
        assert isinstance(row, ReportRow)
        self.last_generated = row
        self.context.events.changed.emit("report")
        self.refresh()
        self.select_report(row.id)

    def _failed(self, message: str, trace: str) -> None:
        self.worker = None
        self.generate_button.setEnabled(can(self.context.actor, Permission.REPORT_DRAFT))
        if trace:
            QMessageBox.critical(self, self.tr("Report"), f"{message}\n\n{trace}")
        else:
            QMessageBox.warning(self, self.tr("Report"), message)

    # --- workflow ----------------------------------------------------------------------------

    def _run(self, action) -> None:
        if self.current is None:
            return
        try:
            row = action(self.current)
        except DeskError as exc:
            show_error(self, exc)
            self.refresh()
            return
        self.context.events.changed.emit("report")
        self.refresh()
        self.select_report(row.id)

    def submit(self) -> None:
        self._run(lambda r: reports.submit(self.context.actor, r.id, r.version))

    def publish(self) -> None:
        self._run(lambda r: reports.publish(self.context.actor, r.id, r.version))

    def review(self) -> None:
        self._sign("review")

    def approve(self) -> None:
        self._sign("approve")

    def _sign(self, step: str) -> None:
        """Review or approve: the signer's password (it unlocks their signing key) and a comment."""
        row = self.current
        if row is None:
            return
        password = QLineEdit()
        password.setEchoMode(QLineEdit.EchoMode.Password)
        action = reports.review if step == "review" else reports.approve
        title = self.tr("Review and sign") if step == "review" else self.tr("Approve and sign")
        intro = (self.tr("Reviewing makes the final file of %1 version %2 from its stored figures and signs it "
                         "digitally in your name. Re-enter your password to sign.") if step == "review" else
                 self.tr("Approving adds your digital signature to %1 version %2 and freezes it: its figures and "
                         "PDF can no longer change. Re-enter your password to sign."))
        dialog = FormDialog(
            title, [("password", self.tr("Your password"), password), ("comment", self.tr("Comment"), text_edit())],
            lambda v: action(self.context.actor, row.id, row.version, v["password"], v["comment"]), self,
            intro=intro.replace("%1", row.number).replace("%2", str(row.report_version)))
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self.context.events.changed.emit("report")
            self.refresh()
            self.select_report(row.id)

    def reject(self) -> None:
        row = self.current
        if row is None:
            return
        dialog = FormDialog(self.tr("Reject report"), [("comment", self.tr("Why"), text_edit())],
                            lambda v: reports.reject(self.context.actor, row.id, row.version, v["comment"]), self)
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self.context.events.changed.emit("report")
            self.refresh()
            self.select_report(row.id)

    # --- files and printing -----------------------------------------------------------------------

    def print_report(self) -> None:
        if self.current is not None:
            print_pdf(self, reports.get_pdf(self.current.id), self.current.number)

    def save_as(self) -> None:
        row = self.current
        if row is None:
            return
        name = f"{row.number}-v{row.report_version}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the report"), name, self.tr("PDF files (*.pdf)"))
        if not path:
            return
        try:
            reports.save_pdf(row.id, path)
        except (DeskError, OSError) as exc:
            show_error(self, exc if isinstance(exc, DeskError) else ValidationError(str(exc)))

    def verify_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Verify a PDF file"), "", self.tr("PDF files (*.pdf)"))
        if path:
            self.verify_path(path)

    def verify_path(self, path: str) -> report_verify.SignedFileCheck | None:
        """Check the file's signatures and record, and say what was found."""
        try:
            check = report_verify.check_signed_file(path)
        except DeskError as exc:
            show_error(self, exc)
            return None
        headline = self.tr("Genuine: every signature is valid and trusted.") if check.ok else \
            self.tr("Not valid: see below.")
        box = QMessageBox(QMessageBox.Icon.Information if check.ok else QMessageBox.Icon.Warning,
                          self.tr("Verify a file"), headline + "\n\n" + "\n".join(check.lines()), parent=self)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_check = check
        box.open()
        return check
