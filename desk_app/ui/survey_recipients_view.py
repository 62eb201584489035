"""The Plans page's distribution list (R29) and reminder list (R30a): who gets a workbook, who has
not returned it yet, and the steps on them (add, remove, refresh from contacts, mark reminded, e-mail)."""

from datetime import date, datetime
from urllib.parse import quote

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
)

from desk_app.errors import DeskError
from desk_app.services import survey_plans as sp
from desk_app.services import users
from desk_app.services.survey_plans import PlanRow, RecipientRow
from desk_app.ui.context import AppContext
from desk_app.ui.form_dialog import FormDialog, combo, line_edit
from desk_app.ui.standings_view import paint_row
from desk_app.ui.survey_workbook_dialogs import ACCEPTED_COLOR
from desk_app.ui.widgets import FilterTable, confirm, show_error

MUTED_COLOR = QColor("#757575")


def fmt_time(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


def fmt_day(value: date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


class SurveyRecipientsMixin:
    """The recipient and reminder lists of the Plans page; the page provides `context`, `plan`,
    `may_plan`, `may_collect` and `_changed(plan_id)`."""

    context: AppContext
    plan: PlanRow | None
    may_plan: bool
    may_collect: bool

    def _build_recipient_lists(self) -> QSplitter:
        """The distribution list left, the reminder list right, each with its buttons."""
        self.recipients = FilterTable([self.tr("Recipient"), self.tr("Customer unit"), self.tr("E-mail"),
                                       self.tr("Sent"), self.tr("Returned"), self.tr("Reminded"), self.tr("Status")])
        self.recipient_buttons: dict[str, QPushButton] = {}
        recipient_row = QHBoxLayout()
        for key, text, tip, slot in (
            ("add", self.tr("Add recipient…"), self.tr("Add a person who is not a stored contact"),
             self.add_recipient),
            ("remove", self.tr("Remove recipient"), self.tr("Take the selected recipient off the plan"),
             self.remove_recipient),
            ("refresh", self.tr("Refresh from contacts"),
             self.tr("Re-read the contacts of the target units (kept recipients keep their token)"),
             self.refresh_recipients),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            button.setVisible(self.may_plan)
            self.recipient_buttons[key] = button
            recipient_row.addWidget(button)
        recipient_row.addStretch(1)
        self.distribution_box = QGroupBox(self.tr("Distribution list"))
        box_layout = QVBoxLayout(self.distribution_box)
        box_layout.addWidget(self.recipients, 1)
        box_layout.addLayout(recipient_row)

        self.reminders = FilterTable([self.tr("Recipient"), self.tr("Customer unit"), self.tr("E-mail"),
                                      self.tr("Sent"), self.tr("Reminded")])
        self.reminders.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.remind_button = QPushButton(self.tr("Mark &reminded"))
        self.remind_button.setToolTip(self.tr("Record today as the reminder date of the selected recipients "
                                              "(all listed ones when none is selected)"))
        self.remind_button.clicked.connect(self.mark_reminded)
        self.remind_button.setVisible(self.may_collect)
        self.mail_button = QPushButton(self.tr("E-mail reminder…"))
        self.mail_button.setToolTip(self.tr("Open an e-mail to the selected recipients (all listed ones when none "
                                            "is selected)"))
        self.mail_button.clicked.connect(self.email_reminder)
        remind_row = QHBoxLayout()
        remind_row.addWidget(self.remind_button)
        remind_row.addWidget(self.mail_button)
        remind_row.addStretch(1)
        self.reminder_box = QGroupBox(self.tr("To remind"))
        remind_layout = QVBoxLayout(self.reminder_box)
        remind_layout.addWidget(self.reminders, 1)
        remind_layout.addLayout(remind_row)

        bottom_split = QSplitter(Qt.Orientation.Horizontal)
        bottom_split.addWidget(self.distribution_box)
        bottom_split.addWidget(self.reminder_box)
        bottom_split.setStretchFactor(0, 3)
        bottom_split.setStretchFactor(1, 2)
        bottom_split.setSizes([700, 420])
        return bottom_split

    def show_recipients(self) -> None:
        plan = self.plan
        editable = bool(plan and plan.state in sp.EDIT_RECIPIENT_STATES)
        for button in self.recipient_buttons.values():
            button.setEnabled(editable)
        rows = sp.list_recipients(plan.id) if plan else []
        status = {"returned": self.tr("Returned"), "reminded": self.tr("Reminded"), "sent": self.tr("Sent"),
                  "not sent": self.tr("Not sent")}
        self.recipients.set_rows(rows, [
            (r.name, r.unit_name, r.email, fmt_time(r.sent_at), fmt_time(r.returned_at), fmt_time(r.reminded_at),
             status.get(r.status, r.status)) for r in rows])
        for i, r in enumerate(rows):
            if r.status == "returned":
                paint_row(self.recipients, i, foreground=ACCEPTED_COLOR, columns=(6,))
            elif r.status == "not sent":
                paint_row(self.recipients, i, foreground=MUTED_COLOR, columns=(6,))
        self.distribution_box.setTitle(self.tr("Distribution list ({0})").format(len(rows)))
        remind = [r for r in rows if r.sent_at and not r.returned_at]
        collecting = bool(plan and plan.state in sp.COLLECT_STATES)
        self.reminders.set_rows(remind, [(r.name, r.unit_name, r.email, fmt_time(r.sent_at), fmt_time(r.reminded_at))
                                         for r in remind])
        self.reminder_box.setTitle(self.tr("To remind ({0})").format(len(remind)))
        self.remind_button.setEnabled(collecting and bool(remind))
        self.mail_button.setEnabled(collecting and any(r.email for r in remind))

    def add_recipient(self) -> bool:
        p = self.plan
        units = [(self.tr("(none)"), None)] + [(u.name, u.id) for u in users.list_units(include_inactive=False)]
        fields = [("name", self.tr("Name"), line_edit()), ("unit", self.tr("Customer unit"), combo(units)),
                  ("email", self.tr("E-mail"), line_edit())]
        dialog = FormDialog(self.tr("Add recipient to {0}").format(p.number), fields,
                            lambda v: sp.add_recipient(self.context.actor, p.id, v["name"], v["unit"], v["email"]),
                            self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self._changed(p.id)
        return True

    def remove_recipient(self) -> bool:
        r: RecipientRow | None = self.recipients.selected_row()
        if r is None:
            return False
        if QMessageBox.question(self, self.tr("Remove recipient"),
                                self.tr("Take {0} off survey plan {1}?").format(r.name, self.plan.number)) \
                != QMessageBox.StandardButton.Yes:
            return False
        try:
            sp.remove_recipient(self.context.actor, r.id)
        except DeskError as exc:
            show_error(self, exc)
            return False
        self._changed(self.plan.id)
        return True

    def refresh_recipients(self) -> None:
        p = self.plan
        if p is None or not confirm(self, self.tr("Refresh from contacts"),
                                    self.tr("Read the contacts of the target units again? Recipients who are no "
                                            "longer contacts of those units are taken off the plan.")):
            return
        try:
            added, removed = sp.refresh_recipients(self.context.actor, p.id)
        except DeskError as exc:
            show_error(self, exc)
            return
        self._changed(p.id)
        QMessageBox.information(self, self.tr("Refresh from contacts"),
                                self.tr("{0} recipients added, {1} removed.").format(added, removed))

    def _reminder_targets(self) -> list[RecipientRow]:
        rows = self.reminders.view.selectionModel().selectedRows()
        if rows:
            return [self.reminders.row_at(index.row()) for index in rows]
        return [self.reminders.row_at(i) for i in range(self.reminders.row_count())]

    def mark_reminded(self) -> int:
        targets = self._reminder_targets()
        if not targets:
            return 0
        question = self.tr("Record today as the reminder date of {0} recipients?").format(len(targets))
        if QMessageBox.question(self, self.tr("Mark reminded"), question) != QMessageBox.StandardButton.Yes:
            return 0
        try:
            count = sp.mark_reminded(self.context.actor, [r.id for r in targets])
        except DeskError as exc:
            show_error(self, exc)
            return 0
        self._changed(self.plan.id)
        return count

    def email_reminder(self) -> None:
        p = self.plan
        emails = sorted({r.email for r in self._reminder_targets() if r.email})
        if not emails:
            return
        subject = self.tr("Reminder: {0}").format(p.title)
        body = self.tr("Dear customer,\n\nwe have not received your questionnaire “{0}” yet. Please fill it in and "
                       "send it back by {1}.\n\nThank you for your support.").format(p.title, fmt_day(p.collect_by))
        url = f"mailto:?bcc={quote(','.join(emails))}&subject={quote(subject)}&body={quote(body)}"
        QDesktopServices.openUrl(QUrl(url))
