"""The actions a ticket's state allows (R3–R6, R7), as buttons of the ticket form, each asking what it needs in a
prompt and going through `desk_app.services.tickets`."""

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton

from desk_app.errors import DeskError
from desk_app.models.enums import Channel
from desk_app.services import tickets
from desk_app.services.permissions import Permission, can
from desk_app.services.tickets import TicketDetail
from desk_app.ui.ticket_prompts import AssignDialog, PromptDialog, PromptField


class TicketActionsMixin:
    """The action buttons and what they do; part of TicketForm, which provides the fields and error display."""

    def _build_actions(self) -> None:
        while self.actions_layout.count():
            item = self.actions_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.action_buttons: dict[str, QPushButton] = {}
        d = self.detail
        assert d is not None
        specs: list[tuple[str, str, Callable[[], None]]] = [
            ("assign", self.tr("&Assign…"), self.do_assign),
            ("start", self.tr("S&tart work"), self.do_start),
            ("escalate_l2", self.tr("Escalate to &L2…"), self.do_escalate_l2),
            ("escalate_vendor", self.tr("Escalate to &vendor…"), self.do_escalate_vendor),
            ("resolve", self.tr("Resol&ve…"), self.do_resolve),
            ("close", self.tr("Cl&ose ticket…"), self.do_close),
            ("reopen", self.tr("Re&open…"), self.do_reopen),
            ("note", self.tr("Add n&ote…"), self.do_note),
            ("repeat", self.tr("Re&peat report…"), self.do_repeat),
        ]
        buttons = []
        for code, text, handler in specs:
            if code not in d.allowed_actions:
                continue
            button = QPushButton(text, self.actions_box)
            button.setObjectName(f"action_{code}")
            button.setAutoDefault(False)
            button.clicked.connect(handler)
            self.action_buttons[code] = button
            buttons.append(button)
        article = QPushButton(self.tr("Create &knowledge article"), self.actions_box)
        article.setObjectName("action_article")
        article.setAutoDefault(False)
        article.setEnabled(can(self.context.actor, Permission.KNOWLEDGE_EDIT))
        article.clicked.connect(self.create_article)
        self.action_buttons["article"] = article
        buttons.append(article)
        for i, button in enumerate(buttons):
            self.actions_layout.addWidget(button, i // 3, i % 3)


    # --- actions -----------------------------------------------------------------------

    def _act(self, call: Callable[[TicketDetail], TicketDetail]) -> None:
        """Run one action on the current version; raises DeskError for the prompt to show."""
        assert self.detail is not None
        self._changed(call(self.detail))

    def _open_prompt(self, title: str, intro: str, fields: list[PromptField],
                     call: Callable[[TicketDetail, dict[str, str]], TicketDetail]) -> None:
        if self.detail is None or not self._save_edits():
            return
        self.clear_problem()
        self.prompt = PromptDialog(title, intro, fields, lambda values: self._act(lambda d: call(d, values)),
                                   self.show_problem, self)
        self.prompt.setObjectName("prompt")
        self.prompt.open()

    def do_assign(self) -> None:
        if self.detail is None or not self._save_edits():
            return
        d = self.detail
        actor = self.context.actor

        def submit(assignee_id: int, team_id: int | None, note: str) -> None:
            self._act(lambda cur: tickets.assign(actor, cur.id, cur.version, assignee_id, team_id=team_id,
                                                 note=note))

        self.prompt = AssignDialog([t for t in self._teams if t.active], self._users, d.input.team_id,
                                   d.input.assignee_id, submit, self.show_problem, self)
        self.prompt.setObjectName("prompt")
        self.prompt.open()

    def do_start(self) -> None:
        if self.detail is None or not self._save_edits():
            return
        try:
            self._act(lambda d: tickets.start_work(self.context.actor, d.id, d.version))
        except DeskError as exc:
            self.show_problem(exc)

    def do_escalate_l2(self) -> None:
        actor = self.context.actor
        self._open_prompt(self.tr("Escalate to L2"), self.tr("Why is the ticket escalated to second-line support?"),
                          [PromptField("reason", self.tr("Reason"), multiline=True)],
                          lambda d, v: tickets.escalate(actor, d.id, d.version, "l2", v["reason"]))

    def do_escalate_vendor(self) -> None:
        actor = self.context.actor
        vendor = self.detail.vendor if self.detail else ""
        self._open_prompt(self.tr("Escalate to vendor"), self.tr("Which vendor (厂商) takes the ticket over, and why?"),
                          [PromptField("vendor", self.tr("Vendor"), value=vendor),
                           PromptField("reason", self.tr("Reason"), multiline=True)],
                          lambda d, v: tickets.escalate(actor, d.id, d.version, "vendor", v["reason"],
                                                        vendor=v["vendor"]))

    def _outcome_fields(self) -> list[PromptField]:
        d = self.detail
        return [PromptField("cause", self.tr("Cause analysis (原因分析)"), multiline=True, value=d.cause if d else ""),
                PromptField("resolution", self.tr("Resolution (处理方法)"), multiline=True,
                            value=d.resolution if d else "")]

    def do_resolve(self) -> None:
        actor = self.context.actor
        self._open_prompt(self.tr("Resolve ticket"), self.tr("Record the cause of the fault and how it was resolved."),
                          self._outcome_fields(),
                          lambda d, v: tickets.resolve(actor, d.id, d.version, v["cause"], v["resolution"]))

    def do_close(self) -> None:
        actor = self.context.actor
        self._open_prompt(self.tr("Close ticket"),
                          self.tr("Closing needs the cause analysis and the resolution."),
                          self._outcome_fields(),
                          lambda d, v: tickets.close(actor, d.id, d.version, v["cause"], v["resolution"]))

    def do_reopen(self) -> None:
        actor = self.context.actor
        self._open_prompt(self.tr("Reopen ticket"), self.tr("Why is the ticket reopened?"),
                          [PromptField("reason", self.tr("Reason"), multiline=True)],
                          lambda d, v: tickets.reopen(actor, d.id, d.version, v["reason"]))

    def do_note(self) -> None:
        actor = self.context.actor
        self._open_prompt(self.tr("Add note"), "", [PromptField("text", self.tr("Note"), multiline=True)],
                          lambda d, v: tickets.add_note(actor, d.id, v["text"]))

    def do_repeat(self) -> None:
        """R6: a new ticket for the same fault, prefilled from this one and linked to it."""
        if self.detail is None:
            return
        prefill = replace(self.detail.input, reported_at=datetime.now(), channel=Channel.HOTLINE.value)
        self.child_form = type(self)(self.context, prefill=prefill, repeat_of_id=self.detail.id, parent=self)
        self.child_form.changed.connect(lambda _id: QTimer.singleShot(0, self.reload))
        self.child_form.open()

    def create_article(self) -> None:
        """R7: a knowledge article from this ticket in one step, then open it for editing."""
        if self.detail is None:
            return
        from desk_app.ui.knowledge_dialog import create_article_from_ticket

        self.knowledge = create_article_from_ticket(
            self.context, self.detail.id, self, self.show_problem,
            open_ticket=lambda ticket_id, parent: type(self)(self.context, ticket_id, parent=parent))
