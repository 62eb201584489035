"""R42 with two real workstations: two processes, each with its own connection to the same database.

Workstation A is this test process; workstation B is a child process that opens the same SQLite
file (or, in the PostgreSQL run, the same server database). Both load a record at version v; one
saves; the other's save is refused with a ConflictError naming who changed what and when, and the
refused change is not stored. Runs on SQLite and on PostgreSQL (see tests/conftest.py).
"""

import json
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

import pytest

from desk_app.errors import ConflictError
from desk_app.models import Complaint, Ticket
from desk_app.services import complaints, ticket_detail, tickets
from desk_app.services.complaints import ComplaintInput
from desk_app.services.ticket_input import TicketInput

ROOT = Path(__file__).resolve().parents[2]

#: Workstation B: opens the database, loads the record, waits for "save" on stdin, then saves with
#: the version it loaded and prints the outcome as one JSON line.
WORKSTATION_B = r"""
import json, sys
from datetime import datetime
from desk_app import i18n
from desk_app.store.connection import close_database
from desk_app.services.opening import open_desk
from desk_app.models import User
from desk_app.services import complaints, tickets
from desk_app.services import ticket_detail
from desk_app.services.actor import Actor
from desk_app.errors import ConflictError
from desk_app.services.ticket_input import TicketInput

i18n.set_language("en")
target, kind, record_id, username, text = sys.argv[1:6]
db = open_desk(target)
actor = Actor.from_user(User.get(User.username == username))
record_id = int(record_id)
if kind == "ticket":
    loaded = ticket_detail.get_ticket(record_id)
    version = loaded.version
else:
    loaded = complaints.get_complaint(record_id)
    version = loaded.row.version
print(json.dumps({"loaded": version}), flush=True)
sys.stdin.readline()  # wait until workstation A has (or has not) saved
try:
    if kind == "ticket":
        data = TicketInput(channel=loaded.input.channel, reported_at=loaded.input.reported_at,
                           reporter_name=loaded.input.reporter_name, description=text)
        tickets.update_ticket(actor, record_id, version, data)
    else:
        complaints.record_measures(actor, record_id, version, text)
    print(json.dumps({"saved": True}), flush=True)
except ConflictError as exc:
    print(json.dumps({"saved": False, "by": exc.changed_by, "at": exc.changed_at,
                      "fields": exc.changed_fields, "message": str(exc)}), flush=True)
finally:
    close_database(db)
"""


class WorkstationB:
    """The second workstation, in its own process."""

    def __init__(self, target: Path | str, kind: str, record_id: int, username: str, text: str):
        self.proc = subprocess.Popen(
            [sys.executable, "-c", WORKSTATION_B, str(target), kind, str(record_id), username, text],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)

    def _reply(self) -> dict:
        line = self.proc.stdout.readline()
        if not line:
            self.proc.wait(30)
            raise AssertionError(f"workstation B failed:\n{self.proc.stderr.read()}")
        return json.loads(line)

    def load(self) -> int:
        return self._reply()["loaded"]

    def save(self) -> dict:
        self.proc.stdin.write("save\n")
        self.proc.stdin.flush()
        reply = self._reply()
        assert self.proc.wait(60) == 0, self.proc.stderr.read()
        return reply


@pytest.fixture
def desk(db, admin, make_user):
    """Two agents on two workstations, a ticket and a complaint in the dispatched state."""
    a = make_user("agent", "manager", name="甲工")
    b = make_user("agent", "manager", name="乙工")
    ticket = tickets.create_ticket(a, TicketInput(channel="hotline", reported_at=datetime(2026, 10, 5, 9),
                                                  reporter_name="张三", description="打印机卡纸"))
    c = complaints.register(a, ComplaintInput(received_at=datetime(2026, 11, 2, 9, 30), source="phone",
                                              complainant="张主任", description="打印机报修三天无人处理"))
    c = complaints.accept(a, c.row.id, c.row.version, "已确认")
    c = complaints.decide_validity(a, c.row.id, c.row.version, True, "超时")
    c = complaints.dispatch(a, c.row.id, c.row.version, "桌面运维部", a.id, "质量部")
    return a, b, ticket.id, c.row.id


def test_ticket_a_saves_first_b_is_told_and_stores_nothing(db_path, desk):
    a, b, ticket_id, _ = desk
    seen_by_a = ticket_detail.get_ticket(ticket_id)
    other = WorkstationB(db_path, "ticket", ticket_id, b.username, "乙的修改")
    assert other.load() == seen_by_a.version

    saved = tickets.update_ticket(a, ticket_id, seen_by_a.version, TicketInput(
        channel="hotline", reported_at=seen_by_a.input.reported_at, reporter_name="张三", description="甲的修改"))
    result = other.save()

    assert result["saved"] is False
    assert result["by"] == a.username
    assert result["at"] == Ticket.get_by_id(ticket_id).updated_at.strftime("%Y-%m-%d %H:%M")
    assert "description" in result["fields"]
    assert a.username in result["message"] and "Reload" in result["message"]
    stored = ticket_detail.get_ticket(ticket_id)
    assert stored.input.description == "甲的修改", "B's losing save must not overwrite A's"
    assert stored.version == saved.version


def test_ticket_b_saves_first_a_is_told_and_stores_nothing(db_path, desk):
    a, b, ticket_id, _ = desk
    seen_by_a = ticket_detail.get_ticket(ticket_id)
    other = WorkstationB(db_path, "ticket", ticket_id, b.username, "乙的修改")
    other.load()
    assert other.save() == {"saved": True}

    with pytest.raises(ConflictError) as info:
        tickets.update_ticket(a, ticket_id, seen_by_a.version, TicketInput(
            channel="hotline", reported_at=seen_by_a.input.reported_at, reporter_name="张三", description="甲的修改"))
    assert info.value.changed_by == b.username
    assert info.value.changed_fields == ["description"]
    assert ticket_detail.get_ticket(ticket_id).input.description == "乙的修改"


def test_complaint_a_saves_first_b_is_told_and_stores_nothing(db_path, desk):
    a, b, _, complaint_id = desk
    version = complaints.get_complaint(complaint_id).row.version
    other = WorkstationB(db_path, "complaint", complaint_id, b.username, "乙：更换打印机")
    assert other.load() == version

    complaints.record_measures(a, complaint_id, version, "甲：增加备机")
    result = other.save()

    assert result["saved"] is False
    assert result["by"] == a.username
    assert result["fields"] == ["measures"]
    assert Complaint.get_by_id(complaint_id).measures == "甲：增加备机"


def test_simultaneous_saves_only_one_wins(db, desk):
    """Two connections save the same version at the same moment: exactly one wins (UPDATE … WHERE version)."""
    a, b, _, complaint_id = desk
    version = complaints.get_complaint(complaint_id).row.version
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def save(actor, text: str) -> None:
        barrier.wait()
        try:  # peewee gives each thread its own connection
            complaints.record_measures(actor, complaint_id, version, text)
            outcomes[text] = "saved"
        except ConflictError as exc:
            outcomes[text] = exc
        except Exception as exc:  # noqa: BLE001 - reported below
            outcomes[text] = repr(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=save, args=(actor, text)) for actor, text in ((a, "甲"), (b, "乙"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    winners = [text for text, outcome in outcomes.items() if outcome == "saved"]
    losers = [outcome for outcome in outcomes.values() if isinstance(outcome, ConflictError)]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    stored = Complaint.get_by_id(complaint_id)
    assert stored.measures == winners[0]
    assert stored.version == version + 1
