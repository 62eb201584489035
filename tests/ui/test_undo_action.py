"""Edit → Undo my last edit in the main window: asks, then puts the old values back."""

from datetime import datetime, timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from desk_app.models import Ticket
from desk_app.services import ticket_input, tickets
from desk_app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, db, context):
    w = MainWindow(context, db)
    qtbot.addWidget(w)
    return w


def test_undo_last_edit_from_the_menu(window, context, monkeypatch):
    detail = tickets.create_ticket(context.actor, ticket_input.TicketInput(
        channel="hotline", reported_at=datetime.now() - timedelta(hours=1), reporter_name="张三",
        description="原来的描述"))
    data = detail.input.__class__(**{**detail.input.__dict__, "description": "改后的描述"})
    tickets.update_ticket(context.actor, detail.id, detail.version, data)
    changed = []
    context.events.changed.connect(changed.append)
    questions = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: questions.append(a[2]) or QMessageBox.StandardButton.No)
    assert not window.undo_last_edit()  # answered No: nothing changes
    assert Ticket.get_by_id(detail.id).description == "改后的描述"
    assert detail.number in questions[0]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert window.undo_last_edit()
    assert Ticket.get_by_id(detail.id).description == "原来的描述"
    assert "ticket" in changed
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    assert not window.undo_last_edit()  # nothing left to undo
