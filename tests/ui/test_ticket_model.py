"""The ticket list model: Qt's model checks, paging from SQL, sorting in SQL, overdue colours."""

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from desk_app.models import Ticket
from desk_app.services import ticket_detail, ticket_list, ticket_rules, tickets
from desk_app.services.ticket_input import TicketInput
from desk_app.services.ticket_list import TicketFilter
from desk_app.ui import ticket_model
from desk_app.ui.ticket_model import COLUMN_INDEX, OVERDUE_COLOR, PAGE_SIZE, ROW_ROLE, TicketTableModel

REPORTERS = ("王建国", "李娜", "赵磊", "陈静", "刘洋", "孙伟")


def make_tickets(actor, n: int, start: datetime | None = None, priority: str = "P3") -> list[int]:
    """`n` tickets reported a minute apart, oldest first, through the service."""
    start = start or datetime.now() - timedelta(days=3)
    ids = []
    with Ticket._meta.database.atomic():
        for i in range(n):
            data = TicketInput(channel="hotline", reported_at=start + timedelta(minutes=i),
                               reporter_name=f"{REPORTERS[i % len(REPORTERS)]}{i:03d}",
                               description=f"第{i}号故障：打印机卡纸", priority=priority, category="打印机")
            ids.append(tickets.create_ticket(actor, data).id)
    return ids


def bulk_tickets(n: int) -> None:
    """`n` plain new tickets inserted in one statement (fast set-up for the paging test)."""
    start = datetime.now() - timedelta(days=10)
    rows = []
    for i in range(n):
        at = start + timedelta(minutes=i)
        first, resolution = ticket_rules.sla_due(at, "P3")
        rows.append({"number": f"GD-{at:%Y%m%d}-{i + 1:04d}", "reported_at": at,
                     "reporter_name": f"{REPORTERS[i % len(REPORTERS)]}{i:03d}", "description": f"第{i}号故障",
                     "first_response_due": first, "resolution_due": resolution})
    with Ticket._meta.database.atomic():
        for chunk in range(0, n, 100):
            Ticket.insert_many(rows[chunk:chunk + 100]).execute()


@pytest.fixture
def model(qtbot, db):
    return TicketTableModel()


def test_qt_model_checks(qtmodeltester, model, admin):
    make_tickets(admin, 12)
    model.refresh()
    assert model.rowCount() == 12
    qtmodeltester.check(model)


def test_first_page_then_more_on_fetch(model, admin, monkeypatch):
    bulk_tickets(450)
    limits = []
    real = ticket_list.list_tickets

    def spy(*args, **kwargs):
        limits.append(kwargs.get("limit"))
        return real(*args, **kwargs)

    monkeypatch.setattr(ticket_model.tickets, "list_tickets", spy)
    model.refresh()
    assert model.total == 450
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE_SIZE
    model.fetchMore()
    assert model.rowCount() == 450
    assert not model.canFetchMore()
    assert all(limit == PAGE_SIZE for limit in limits)  # never all rows at once
    ids = [model.row_at(r).id for r in range(model.rowCount())]
    assert len(set(ids)) == 450  # pages neither overlap nor leave gaps


def test_sort_is_done_in_sql(model, admin):
    make_tickets(admin, 30)
    model.refresh()
    column = COLUMN_INDEX["reporter_name"]
    model.sort(column, Qt.SortOrder.AscendingOrder)
    shown = [model.index(r, column).data() for r in range(model.rowCount())]
    expected = [t.reporter_name for t in Ticket.select().order_by(Ticket.reporter_name, Ticket.id)]
    assert shown == expected
    model.sort(column, Qt.SortOrder.DescendingOrder)
    assert model.index(0, column).data() == max(expected)


def test_column_without_sort_key_is_not_sorted(model, admin, qtbot):
    make_tickets(admin, 3)
    model.refresh()
    before = [model.row_at(r).id for r in range(3)]
    with qtbot.assertNotEmitted(model.modelReset):
        model.sort(COLUMN_INDEX["summary"], Qt.SortOrder.AscendingOrder)
    assert [model.row_at(r).id for r in range(3)] == before
    assert not model.is_sortable(COLUMN_INDEX["summary"])


def test_overdue_due_columns_are_red_with_a_tooltip(model, admin):
    make_tickets(admin, 1, start=datetime.now() - timedelta(hours=30), priority="P1")
    make_tickets(admin, 1, start=datetime.now() - timedelta(minutes=5), priority="P4")
    model.set_filter(TicketFilter())
    model.refresh()
    late = next(r for r in range(2) if model.row_at(r).priority == "P1")
    fresh = 1 - late
    for key in ("first_response_due", "resolution_due", "number"):
        index = model.index(late, COLUMN_INDEX[key])
        assert index.data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOR
        assert "overdue" in index.data(Qt.ItemDataRole.ToolTipRole)
        assert model.index(fresh, COLUMN_INDEX[key]).data(Qt.ItemDataRole.ForegroundRole) is None
    assert "First response overdue" in model.index(late, COLUMN_INDEX["first_response_due"]).data(
        Qt.ItemDataRole.ToolTipRole)


def test_filter_goes_to_the_service(model, admin):
    ids = make_tickets(admin, 5)
    detail = ticket_detail.get_ticket(ids[0])
    tickets.start_work(admin, ids[0], detail.version)
    model.refresh()
    model.set_filter(TicketFilter(states=("in_progress",)))
    assert model.rowCount() == 1
    assert model.index(0, 0).data(ROW_ROLE).id == ids[0]


def test_reload_updates_changed_rows_without_reset(model, admin, qtbot):
    ids = make_tickets(admin, 5)
    model.refresh()
    row = model.row_of_id(ids[2])
    tickets.start_work(admin, ids[2], ticket_detail.get_ticket(ids[2]).version)
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged) as blocker:
        model.reload()
    top_left, bottom_right = blocker.args[0], blocker.args[1]
    assert top_left.row() == row == bottom_right.row()
    assert model.row_at(row).state == "in_progress"


def test_reload_resets_when_a_ticket_is_added(model, admin, qtbot):
    make_tickets(admin, 3)
    model.refresh()
    make_tickets(admin, 1, start=datetime.now() - timedelta(minutes=1))
    with qtbot.waitSignal(model.modelReset):
        model.reload()
    assert model.rowCount() == 4
