"""The Complaints tab: register, the flow 01–06 with its activity codes, escalation, overdue, analysis."""

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QMessageBox,
    QTextBrowser,
    QWidget,
)

from desk_app.errors import DeskError
from desk_app.i18n import label
from desk_app.models.enums import ComplaintSource, ComplaintState, Role
from desk_app.services import complaints, improvement, registers, users
from desk_app.services.complaints import ComplaintDetail, ComplaintFilter, ComplaintInput
from desk_app.ui.context import AppContext
from desk_app.ui.form_dialog import FormDialog, combo, date_edit, datetime_edit, line_edit, text_edit
from desk_app.ui.record_list_tab import RecordListTab
from desk_app.ui.widgets import error_color, html_text, show_error

CS = ComplaintState



class ComplaintsTab(RecordListTab):
    """List on the left, the selected complaint's record and its next steps on the right."""

    KIND = "complaint"
    LISTENS_TO = ("callback",)

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.detail: ComplaintDetail | None = None
        self.build(
            states=[s.value for s in CS], sources=[s.value for s in ComplaintSource],
            overdue_text=self.tr("Overdue only"),
            overdue_tip=self.tr("Only open complaints past their agreed resolution time"),
            columns=[self.tr("Number"), self.tr("Received"), self.tr("Source"), self.tr("Complainant"),
                     self.tr("Customer unit"), self.tr("Ticket"), self.tr("Type"), self.tr("Code"),
                     self.tr("State"), self.tr("Escalated"), self.tr("Overdue"), self.tr("Due")],
            new_button=("new", self.tr("New complaint…"), self.new_complaint,
                        self.tr("Register a complaint received by phone or e-mail (Ctrl+N)")),
            tools=[("analysis", self.tr("Analysis…"), self.show_analysis,
                    self.tr("Complaints counted by type, unit, source and month")),
                   ("export", self.tr("Export register…"), self.export_register,
                    self.tr("Write the listed complaints to an Excel workbook"))],
            button_rows=[
                [("accept", self.tr("02 Accept"), self.accept_complaint,
                  self.tr("Accept the complaint and confirm it with the complainant")),
                 ("validity", self.tr("03 Valid?"), self.decide_validity,
                  self.tr("Valid: the service did not meet what was agreed (e.g. an SLO) and the complaint is "
                          "true")),
                 ("dispatch", self.tr("04/05 Record form and dispatch"), self.dispatch,
                  self.tr("Fill the complaint record form and dispatch it to the responsible department "
                          "manager, copying the management representative")),
                 ("email", self.tr("E-mail to manager"), self.email,
                  self.tr("Open an e-mail to the department manager in your mail program")),
                 ("measures", self.tr("Measures"), self.measures, self.tr("Record the handling measures taken"))],
                [("verify", self.tr("06 Verify"), self.verify,
                  self.tr("The IT service manager verifies that the measures were carried out")),
                 ("close", self.tr("Close"), self.close_complaint,
                  self.tr("Close with the customer's confirmation, or record why it closes without")),
                 ("findings", self.tr("Findings…"), self.findings, self.tr("Findings and lessons learned")),
                 ("project", self.tr("Start improvement project"), self.start_project,
                  self.tr("Start an improvement project from this valid complaint, keeping the link")),
                 ("print", self.tr("Print feedback form…"), self.print_feedback_form,
                  self.tr("The customer complaint feedback form (客户投诉反馈表) as a PDF"))],
            ])
        self.refresh()

    # --- list --------------------------------------------------------------------------------------

    def current_filter(self) -> ComplaintFilter:
        state = self.state_filter.currentData()
        return ComplaintFilter(states=(state,) if state else (), source=self.source_filter.currentData() or "",
                               overdue_only=self.overdue_only.isChecked())

    def refresh(self) -> None:
        selected = self.detail.row.id if self.detail else None
        rows = complaints.list_complaints(self.current_filter())
        yes = self.tr("Yes")
        self.table.set_rows(rows, [
            (r.number, f"{r.received_at:%Y-%m-%d %H:%M}", label(r.source), r.complainant, r.unit_name,
             r.ticket_number, r.category, r.code, label(r.state), yes if r.escalated else "",
             yes if r.overdue else "", f"{r.due_at:%Y-%m-%d}" if r.due_at else "")
            for r in rows])
        self.select_after_refresh(selected)

    def load(self, record_id: int) -> ComplaintDetail:
        return complaints.get_complaint(record_id)

    def record_id(self, record: object) -> int | None:
        return record.row.id if isinstance(record, ComplaintDetail) else None

    def show_record(self, detail: ComplaintDetail | None) -> None:
        self.current = self.detail = detail
        state = detail.row.state if detail else None
        enabled = {
            "accept": state == CS.RECORDED,
            "validity": state == CS.ACCEPTED,
            "dispatch": state == CS.FORM,
            "email": state in (CS.DISPATCHED, CS.VERIFIED),
            "measures": state == CS.DISPATCHED,
            "verify": state == CS.DISPATCHED and self.context.actor.has_role(Role.MANAGER),
            "close": state == CS.VERIFIED,
            "findings": detail is not None,
            "project": detail is not None and detail.is_valid is True and not detail.project_numbers,
            "print": detail is not None,
        }
        for key, on in enabled.items():
            self.buttons[key].setEnabled(bool(on))
        self.record.setHtml(self._record_html(detail) if detail else self.tr("Select a complaint."))

    def _record_html(self, d: ComplaintDetail) -> str:
        r = d.row
        overdue_text = self.tr("overdue")
        red = error_color(self)
        overdue = f" <span style='color:{red}'>{overdue_text}</span>" if r.overdue else ""
        complainant, unit, phone = self.tr("Complainant"), self.tr("Unit"), self.tr("Phone")
        received, source, ticket = self.tr("Received"), self.tr("Source"), self.tr("Ticket")
        due, description = self.tr("Due"), self.tr("Description")
        lines = [
            f"<h3>{html_text(r.number)} — {html_text(label(r.state))} ({html_text(r.code)})</h3>",
            f"<p><b>{complainant}:</b> {html_text(r.complainant)} {html_text(d.complainant_title)}"
            f"{' ★VIP' if d.is_vip else ''} &nbsp; <b>{unit}:</b> {html_text(r.unit_name)}"
            f" &nbsp; <b>{phone}:</b> {html_text(d.phone)}</p>",
            f"<p><b>{received}:</b> {r.received_at:%Y-%m-%d %H:%M} &nbsp; <b>{source}:</b> "
            f"{html_text(label(r.source))} &nbsp; <b>{ticket}:</b> {html_text(r.ticket_number or '—')}"
            f" &nbsp; <b>{due}:</b> {r.due_at:%Y-%m-%d %H:%M}"
            f"{overdue}</p>",
            f"<p><b>{description}:</b><br>{html_text(d.description)}</p>",
        ]
        if r.escalated:
            escalated = self.tr("Escalated to the general manager")
            lines.append(f"<p style='color:{red}'><b>{escalated}:</b> "
                         f"{html_text(d.escalation_reason)}</p>")
        for title, value in ((self.tr("Validity"), d.validity_reason),
                             (self.tr("Department"), f"{d.department} {d.department_manager}".strip()),
                             (self.tr("Measures"), d.measures), (self.tr("Verified by"), d.verified_by),
                             (self.tr("Closing"), d.close_reason),
                             (self.tr("Findings and lessons learned"), d.findings),
                             (self.tr("Improvement projects"), ", ".join(d.project_numbers))):
            if value:
                lines.append(f"<p><b>{title}:</b> {html_text(value)}</p>")
        history = self.tr("History")
        lines.append(f"<h4>{history}</h4><table cellspacing='4'>")
        for e in d.events:
            code = e.code if e.code.isdigit() else label(e.code)  # 01–06, or close / escalate / note
            lines.append(f"<tr><td>{e.at:%Y-%m-%d %H:%M}</td><td><b>{html_text(code)}</b></td>"
                         f"<td>{html_text(e.user_name)}</td><td>{html_text(e.text)}</td></tr>")
        lines.append("</table>")
        return "".join(lines)

    # --- actions -------------------------------------------------------------------------------------

    def new_complaint(self) -> bool:
        units = [(self.tr("(none)"), None)] + [(u.name, u.id) for u in users.list_units(include_inactive=False)]
        fields = [
            ("complainant", self.tr("Complainant"), line_edit()),
            ("title", self.tr("Title"), line_edit(placeholder=self.tr("e.g. 处长 — director level and above "
                                                                       "escalates automatically"))),
            ("unit", self.tr("Customer unit"), combo(units)),
            ("phone", self.tr("Phone"), line_edit()),
            ("email", self.tr("E-mail"), line_edit()),
            ("source", self.tr("Received by"), combo([(label(s), s.value) for s in
                                                      (ComplaintSource.PHONE, ComplaintSource.EMAIL)])),
            ("received_at", self.tr("Received at"), datetime_edit()),
            ("ticket", self.tr("Related ticket"), line_edit(placeholder="GD-20261121-0007")),
            ("category", self.tr("Type"), line_edit(placeholder=self.tr("e.g. response speed, attitude"))),
            ("vip", "", QCheckBox(self.tr("VIP complainant (director level and above)"))),
            ("description", self.tr("Description"), text_edit()),
        ]

        def save(v: dict) -> ComplaintDetail:
            return complaints.register(self.context.actor, ComplaintInput(
                received_at=v["received_at"], source=v["source"], complainant=v["complainant"],
                description=v["description"], complainant_title=v["title"], is_vip=v["vip"], unit_id=v["unit"],
                phone=v["phone"], email=v["email"], ticket_id=complaints.find_ticket_id(v["ticket"]),
                category=v["category"]))

        return self.run_form(self.tr("New complaint"), fields, save)

    def accept_complaint(self) -> bool:
        d = self.detail
        return self.run_form(self.tr("02 Accept and confirm"), [("note", self.tr("Note"), text_edit(lines=3))],
                         lambda v: complaints.accept(self.context.actor, d.row.id, d.row.version, v["note"]),
                         self.tr("Confirm the complaint with the complainant."))

    def decide_validity(self) -> bool:
        d = self.detail
        fields = [
            ("valid", self.tr("Decision"), combo([(self.tr("Valid: the service did not meet what was agreed, "
                                                           "and the complaint is true"), True),
                                                  (self.tr("Invalid"), False)])),
            ("reason", self.tr("Reason"), text_edit(lines=3)),
            ("told", "", QCheckBox(self.tr("The customer has been told (required for an invalid complaint)"))),
        ]
        return self.run_form(self.tr("03 Is the complaint valid?"), fields,
                         lambda v: complaints.decide_validity(self.context.actor, d.row.id, d.row.version,
                                                              v["valid"], v["reason"], v["told"]))

    def dispatch(self) -> bool:
        d = self.detail
        managers = [(u.full_name, u.id) for u in users.list_users(include_inactive=False) if "manager" in u.roles]
        from desk_app.services import settings

        fields = [
            ("category", self.tr("Type"), line_edit(d.row.category)),
            ("department", self.tr("Responsible department"), line_edit(d.department)),
            ("manager", self.tr("Department manager"), combo(managers)),
            ("rep", self.tr("Management representative (copied)"),
             line_edit(str(settings.get("complaint.management_rep")))),
        ]
        return self.run_form(self.tr("04 Complaint record form — 05 dispatch"), fields,
                         lambda v: complaints.dispatch(self.context.actor, d.row.id, d.row.version,
                                                       v["department"], v["manager"], v["rep"], v["category"]))

    def email(self) -> None:
        subject, body, url = complaints.notification_email(self.detail.row.id)
        QDesktopServices.openUrl(QUrl(url))

    def measures(self) -> bool:
        d = self.detail
        return self.run_form(self.tr("Handling measures"), [("measures", self.tr("Measures"),
                                                          text_edit(d.measures, lines=5))],
                         lambda v: complaints.record_measures(self.context.actor, d.row.id, d.row.version,
                                                              v["measures"]))

    def verify(self) -> bool:
        d = self.detail
        return self.run_form(self.tr("06 Verify the measures"), [("note", self.tr("Verification"), text_edit(lines=3))],
                         lambda v: complaints.verify(self.context.actor, d.row.id, d.row.version, v["note"]),
                         self.tr("As IT service manager, confirm that the measures were carried out."))

    def close_complaint(self) -> bool:
        d = self.detail
        fields = [
            ("confirmed", "", QCheckBox(self.tr("The customer confirmed the result"))),
            ("notified", "", QCheckBox(self.tr("The customer was notified"))),
            ("reason", self.tr("Why close without confirmation"), text_edit(lines=2)),
            ("findings", self.tr("Findings and lessons learned"), text_edit(d.findings, lines=3)),
        ]
        return self.run_form(self.tr("Close the complaint"), fields,
                         lambda v: complaints.close(self.context.actor, d.row.id, d.row.version, v["confirmed"],
                                                    v["notified"], v["reason"], v["findings"]))

    def findings(self) -> bool:
        d = self.detail
        return self.run_form(self.tr("Findings and lessons learned"),
                         [("findings", self.tr("Findings"), text_edit(d.findings, lines=6))],
                         lambda v: complaints.record_findings(self.context.actor, d.row.id, d.row.version,
                                                              v["findings"]))

    def start_project(self) -> None:
        try:
            project = improvement.from_complaint(self.context.actor, self.detail.row.id)
        except DeskError as exc:
            show_error(self, exc)
            return
        self.context.events.changed.emit("improvement")
        self.refresh()
        QMessageBox.information(self, self.tr("Improvement project"),
                                self.tr("Improvement project {0} created.").format(project.number))

    def print_feedback_form(self) -> None:
        """R24: the customer complaint feedback form of the selected complaint, as a PDF."""
        if self.detail is None:
            return
        from desk_app.ui.form_print import print_form_pdf

        self._print_job = print_form_pdf(self, self.context, "complaint-feedback", self.detail.row.id,
                                         self.detail.row.number, self.tr("Print complaint feedback form"))

    def export_register(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export complaint register"),
                                              f"complaints-{date.today():%Y%m%d}.xlsx", "Excel (*.xlsx)")
        if not path:
            return
        try:
            count = registers.export_complaints(path, self.current_filter())
        except (DeskError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Export"), str(exc))
            return
        QMessageBox.information(self, self.tr("Export"), self.tr("{0} complaints written to {1}").format(count, path))

    def show_analysis(self) -> None:
        AnalysisDialog(self).exec()


class AnalysisDialog(FormDialog):
    """Complaints counted by type, unit, source and month over a period (R24)."""

    def __init__(self, parent: QWidget):
        self.start = date_edit(date.today() - timedelta(days=365))
        self.end = date_edit(date.today())
        self.view = QTextBrowser()
        super().__init__("", [("from", QCoreApplication.translate("AnalysisDialog", "From"), self.start),
                              ("to", QCoreApplication.translate("AnalysisDialog", "To"), self.end)],
                         lambda v: None, parent)
        self.setWindowTitle(self.tr("Complaint analysis"))
        self.layout().insertWidget(2, self.view, 1)
        self.buttons.setStandardButtons(self.buttons.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.start.dateChanged.connect(self.update_view)
        self.end.dateChanged.connect(self.update_view)
        self.resize(640, 560)
        self.update_view()

    def update_view(self) -> None:
        a = complaints.analysis(self.start.date().toPython(), self.end.date().toPython())
        total, valid, overdue = self.tr("Total"), self.tr("Valid"), self.tr("Overdue")
        parts = [f"<p><b>{total}:</b> {a.total} &nbsp; <b>{valid}:</b> {a.valid} &nbsp; "
                 f"<b>{overdue}:</b> {a.overdue}</p>"]
        for title, counts, labelled in ((self.tr("By type"), a.by_category, False),
                                        (self.tr("By unit"), a.by_unit, False),
                                        (self.tr("By source"), a.by_source, True),
                                        (self.tr("By month"), a.by_month, False)):
            rows = "".join(f"<tr><td>{html_text(label(k) if labelled else k)}</td><td align='right'>{n}</td></tr>"
                           for k, n in counts)
            parts.append(f"<h4>{title}</h4><table cellspacing='4'>{rows}</table>")
        self.view.setHtml("".join(parts))
