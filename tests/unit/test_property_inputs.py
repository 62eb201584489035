"""Bad input (R41), property-based: whatever goes into the ledger importer and the forms, the
answer is a ValidationError naming the place (and nothing stored) or a clean success; never an
unexpected exception.

Each test reuses one database over its examples (that is the point: nothing may stay behind
after a refused input), so the function-scoped-fixture health check is switched off.
"""

import itertools
import string
import zipfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, reject, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from desk_app.errors import ValidationError
from desk_app.io.excel_util import cell_text
from desk_app.io.ledger import COLUMNS
from desk_app.models import AuditLog, Complaint, CustomerUnit, Evaluation, Team, Ticket, TicketEvent, User
from desk_app.models.base import LONG_TEXT
from desk_app.models.enums import Channel, ComplaintSource, Priority, Role
from desk_app.services import complaints, ticket_input, tickets, users
from desk_app.services.actor import Actor
from desk_app.services.ledger import import_ledger

SETTINGS = settings(max_examples=40, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
FEW = settings(SETTINGS, max_examples=25)

# --- strategies ----------------------------------------------------------------------------------

NASTY_TEXT = [
    "", " ", "\t\n", "<script>alert('x')</script>", "<b>粗体</b> & &amp; \"quotes\" 'single'",
    "=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2", "@SUM(A1)", "'=already quoted", "'",
    "😀👍🏽👨‍👩‍👧‍👦", "\u202eright-to-left\u202c", "zero\u200bwidth", "NULL", "None", "0", "1e309", "NaN",
    "%s %d {0} {name}", "\\x00", "Robert'); DROP TABLE ticket;--", "x" * 201, "长" * (LONG_TEXT + 1),
    "行一\n行二\r\n行三", "_x0041_ escaped?", "\ufeffBOM", "\u00a0nbsp\u00a0",
]
CONTROL = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r") + "\x7f"

text = st.one_of(
    st.sampled_from(NASTY_TEXT),
    st.text(max_size=60),
    st.text(alphabet=st.sampled_from(CONTROL + "<>&\"'=+-@ 好😀a"), max_size=30),
    st.text(min_size=180, max_size=260),
)
odd_datetimes = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
    st.sampled_from([datetime(1899, 12, 30), datetime(1900, 1, 1), datetime(1900, 2, 28), datetime(1900, 3, 1),
                     datetime(9999, 12, 31, 23, 59, 59), datetime(2100, 1, 1), datetime(1, 1, 1)]),
)
cell_value = st.one_of(
    st.none(), text, st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    odd_datetimes,
    st.dates(min_value=date(1, 1, 1)),
)

# --- the ledger importer -------------------------------------------------------------------------

_numbers = itertools.count(1)


def _good_row() -> dict[str, object]:
    n = next(_numbers)
    return {
        "number": f"GD-20261005-{n:05d}", "reported_at": datetime(2026, 10, 5, 9, 0), "reporter": f"张{n}",
        "unit": "财务处", "reporter_phone": "13800000000", "reporter_location": "3楼301",
        "description": "打印机卡纸", "technician": "李工", "team": "一班",
        "first_response_at": datetime(2026, 10, 5, 10, 0), "resolved_at": datetime(2026, 10, 5, 11, 0),
        "closed_at": datetime(2026, 10, 5, 12, 0), "cause": "搓纸轮老化", "resolution": "更换搓纸轮",
        "self_points": 10, "self_comment": "", "dispatcher_points": 8, "dispatcher_notes": "",
        "manager_evaluator": "赵经理", "manager_points": 6, "manager_notes": "", "total_points": 24,
        "dissatisfaction": "",
    }


def _write_book(path: Path, rows: list[dict[str, object]]) -> None:
    """A workbook as a person makes it with Excel: title row, header row, ticket rows (typed text)."""
    wb = Workbook()
    ws = wb.active
    ws.append(["每日故障统计"])
    ws.append([c.zh for c in COLUMNS])
    for row in rows:
        ws.append([row.get(c.key) for c in COLUMNS])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # typed text, never a formula
    try:
        wb.save(path)
    except (ValueError, OverflowError, TypeError):  # openpyxl cannot write this value at all
        reject()


def _counts() -> tuple[int, ...]:
    return tuple(m.select().count() for m in (Ticket, User, Team, CustomerUnit, Evaluation, TicketEvent, AuditLog))


_KEYS = [c.key for c in COLUMNS]
_STORED_TEXT = {"reporter": "reporter_name", "reporter_phone": "reporter_phone",
                "reporter_location": "reporter_location", "description": "description", "cause": "cause",
                "resolution": "resolution"}


def _assert_refused_cleanly(exc: ValidationError, before: tuple[int, ...], file_name: str) -> None:
    assert _counts() == before, "nothing is stored from a refused file"
    assert str(exc).strip()
    assert exc.field, "the message names the file"
    for problem in exc.problems:
        assert problem.startswith("row "), problem  # "row N, column X: …"


@SETTINGS
@given(changes=st.lists(st.tuples(st.integers(0, 2), st.sampled_from(_KEYS), cell_value), min_size=1, max_size=4),
       rows=st.integers(1, 3))
@example(changes=[(0, "reporter", "0\r0")], rows=1)  # openpyxl keeps a bare \r as &#13;: stored as \n
def test_ledger_cells_of_any_kind(db, admin, tmp_path, changes, rows):
    lines = [_good_row() for _ in range(rows)]
    for index, key, value in changes:
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)  # (a workbook cannot hold these; see the next test)
        lines[index % rows][key] = value
    path = tmp_path / "ledger.xlsx"
    _write_book(path, lines)
    before = _counts()
    try:
        result = import_ledger(admin, path)
    except ValidationError as exc:
        event("refused")
        _assert_refused_cleanly(exc, before, path.name)
        return
    event("stored")
    assert result.count == rows
    assert Ticket.select().count() == before[0] + rows
    stored = list(Ticket.select().order_by(Ticket.id.desc()).limit(rows))[::-1]  # in row order
    for line, ticket in zip(lines, stored, strict=True):  # text is stored as read: stripped, nothing lost
        for key, column in _STORED_TEXT.items():
            if isinstance(line[key], str):
                assert getattr(ticket, column) == _as_read(line[key]), key


def _as_read(value: object) -> str:
    """The text a cell gives back: XML turns line ends into \\n, cell_text strips and drops controls."""
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return cell_text(value)


def _raw_workbook(path: Path, cells: list[str]) -> None:
    """A hand-made .xlsx whose inline strings are written as given (control characters too)."""
    def escape(s: str) -> str:
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    header = "".join(f'<c t="inlineStr"><is><t>{escape(c.zh)}</t></is></c>' for c in COLUMNS)
    good = _good_row()
    values = [good[c.key] for c in COLUMNS]
    for i, value in enumerate(cells[: len(values)]):
        values[i] = value
    row = "".join(
        f'<c t="inlineStr"><is><t xml:space="preserve">{escape(str(v))}</t></is></c>' if isinstance(v, str | datetime)
        else f"<c><v>{v}</v></c>" if v is not None else "<c/>" for v in values)
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             f'spreadsheetml/2006/main"><sheetData><row r="1">{header}</row><row r="2">{row}</row></sheetData>'
             "</worksheet>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
                   'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   "</Relationships>")
        z.writestr("xl/worksheets/sheet1.xml", sheet.encode("utf-8", "surrogatepass"))


def test_the_hand_made_workbook_is_a_good_ledger(db, admin, tmp_path):
    path = tmp_path / "raw.xlsx"
    _raw_workbook(path, [])
    assert import_ledger(admin, path).count == 1


@SETTINGS
@given(cells=st.lists(st.one_of(text, st.text(alphabet=st.sampled_from(CONTROL + "ab"), min_size=1, max_size=5)),
                      min_size=1, max_size=len(COLUMNS)))
def test_ledger_text_with_control_characters_in_the_file(db, admin, tmp_path, cells):
    path = tmp_path / "raw.xlsx"
    _raw_workbook(path, cells)
    before = _counts()
    try:
        import_ledger(admin, path)
    except ValidationError as exc:
        _assert_refused_cleanly(exc, before, path.name)
        return
    for ticket in Ticket.select():
        for column in _STORED_TEXT.values():
            assert not any(ch in CONTROL for ch in getattr(ticket, column)), column


@SETTINGS
@given(data=st.one_of(st.binary(max_size=2000), st.sampled_from([b"", b"PK\x03\x04", b"PK\x05\x06" + b"\0" * 18,
                                                                 "工单号,报修时间\n".encode(), b"%PDF-1.7\n"])))
def test_files_that_are_not_workbooks(db, admin, tmp_path, data):
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(data)
    before = _counts()
    with pytest.raises(ValidationError) as info:
        import_ledger(admin, path)
    assert "ledger.xlsx" in str(info.value)
    assert _counts() == before


_MEMBERS = st.sampled_from(["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                            "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "docProps/app.xml",
                            "word/document.xml", "readme.txt"])
_CONTENT = st.one_of(st.binary(max_size=300), text.map(lambda s: s.encode("utf-8", "surrogatepass")),
                     st.sampled_from([b"<?xml version='1.0'?><workbook/>", b"<a><b></a>",
                                      b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
                                      b"<workbook xmlns='x'><sheets><sheet name='s' r:id='1'/></sheets></workbook>"]))


@SETTINGS
@given(members=st.dictionaries(_MEMBERS, _CONTENT, min_size=0, max_size=6))
def test_zips_that_are_not_workbooks(db, admin, tmp_path, members):
    path = tmp_path / "ledger.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    before = _counts()
    with pytest.raises(ValidationError) as info:
        import_ledger(admin, path)
    assert "ledger.xlsx" in str(info.value)
    assert _counts() == before


# --- forms ---------------------------------------------------------------------------------------

_CLEAN = str.maketrans("", "", CONTROL)


def _cleaned(value: object) -> str:
    return str(value or "").translate(_CLEAN).strip()


wrong_type = st.one_of(st.none(), st.integers(), st.floats(), st.booleans(), st.binary(max_size=5),
                       st.lists(st.integers(), max_size=2), text)
naive_times = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30))
any_time = st.one_of(
    naive_times,
    st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 31),
                 timezones=st.sampled_from([UTC, timezone(timedelta(hours=8)),
                                            timezone(timedelta(hours=-11))])),
    st.dates(min_value=date(1, 1, 2)), wrong_type,
)
ids = st.one_of(st.none(), st.integers(min_value=-5, max_value=10**12), st.sampled_from(["1", "abc", 1.5]))


def mostly(good: st.SearchStrategy, bad: st.SearchStrategy) -> st.SearchStrategy:
    """Three times in four a good value, so that whole forms get through and are stored too."""
    return st.integers(0, 3).flatmap(lambda i: bad if i == 0 else good)


name_text = mostly(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
                   .filter(lambda s: s.strip() and len(s.strip()) <= 40), text)


@SETTINGS
@given(channel=mostly(st.sampled_from([c.value for c in Channel]), text),
       reported_at=mostly(naive_times.filter(lambda d: d < datetime(2026, 1, 1)), any_time),
       reporter=name_text, phone=text, location=text, description=name_text,
       priority=mostly(st.sampled_from([p.value for p in Priority]), text),
       required_by=mostly(st.none(), any_time), unit_id=mostly(st.none(), ids), team_id=mostly(st.none(), ids),
       assignee_id=mostly(st.none(), ids), category=text, environment=text)
@example(channel="hotline", reported_at=datetime(2026, 3, 1, 9, 0), reporter=" <b>王五</b>\x07 ", phone="138",
         location="3楼", description="=1+1 打印机😀", priority="P2", required_by=None, unit_id=None, team_id=None,
         assignee_id=None, category="", environment="\x00")
def test_ticket_form(db, make_user, channel, reported_at, reporter, phone, location, description, priority,
                     required_by, unit_id, team_id, assignee_id, category, environment):
    agent = _agent(make_user)
    data = ticket_input.TicketInput(channel=channel, reported_at=reported_at, reporter_name=reporter,
                                    reporter_phone=phone, reporter_location=location, unit_id=unit_id,
                                    category=category, description=description, environment=environment,
                                    required_by=required_by, priority=priority, team_id=team_id,
                                    assignee_id=assignee_id)
    before = (Ticket.select().count(), TicketEvent.select().count(), AuditLog.select().count())
    try:
        detail = tickets.create_ticket(agent, data)
    except ValidationError as exc:
        event(f"refused: {exc.field}")
        assert exc.field and str(exc)
        assert (Ticket.select().count(), TicketEvent.select().count(), AuditLog.select().count()) == before
        return
    event("stored")
    stored = Ticket.get_by_id(detail.id)
    assert stored.reporter_name == _cleaned(reporter) and stored.reporter_name
    assert stored.description == _cleaned(description) and stored.description
    assert stored.reporter_phone == _cleaned(phone) and len(stored.reporter_phone) <= 40
    assert stored.reporter_location == _cleaned(location)
    assert stored.category == _cleaned(category) and stored.environment == _cleaned(environment)
    assert stored.channel == channel and stored.priority == priority
    assert stored.reported_at.tzinfo is None


def _agent(make_user) -> Actor:
    """One agent (who may also assign) per database, made on the first example."""
    user = User.get_or_none(User.username == "prop.agent")
    if user is None:
        actor = make_user(Role.AGENT, Role.DISPATCHER)
        User.update(username="prop.agent").where(User.id == actor.id).execute()
        user = User.get_by_id(actor.id)
    return Actor.from_user(user)


@SETTINGS
@given(received_at=naive_times, source=mostly(st.sampled_from([c.value for c in ComplaintSource]), text),
       complainant=name_text, description=name_text, title=text, is_vip=st.booleans(),
       unit_id=st.one_of(st.none(), st.integers(1, 10**12)), phone=text,
       email=text, category=text)
@example(received_at=datetime(2026, 3, 1, 9, 0), source="phone", complainant=" 张三\x1b ", description="<i>差</i>",
         title="处长", is_vip=False, unit_id=None, phone="138", email="a@b.c", category="")
def test_complaint_form(db, admin, received_at, source, complainant, description, title, is_vip, unit_id, phone,
                        email, category):
    data = complaints.ComplaintInput(received_at=received_at, source=source, complainant=complainant,
                                     description=description, complainant_title=title, is_vip=is_vip,
                                     unit_id=unit_id, phone=phone, email=email, category=category)
    before = (Complaint.select().count(), AuditLog.select().count())
    try:
        detail = complaints.register(admin, data)
    except ValidationError as exc:
        event(f"refused: {exc.field}")
        assert exc.field and str(exc)
        assert (Complaint.select().count(), AuditLog.select().count()) == before
        return
    event("stored")
    stored = Complaint.get_by_id(detail.row.id)
    assert stored.complainant == _cleaned(complainant) and stored.complainant
    assert stored.description == _cleaned(description) and stored.description
    assert stored.complainant_title == _cleaned(title)
    assert stored.phone == _cleaned(phone) and stored.email == _cleaned(email)
    assert stored.received_at == received_at.replace(microsecond=0)  # times are kept to the second


@pytest.mark.parametrize("received_at", [None, "", "2026-03-01 09:00", 20260301])
def test_complaint_received_at_of_the_wrong_type(db, admin, received_at):
    data = complaints.ComplaintInput(received_at=received_at, source="phone", complainant="张三",
                                     description="态度差")
    with pytest.raises(ValidationError) as info:
        complaints.register(admin, data)
    assert info.value.field == "received_at"
    assert Complaint.select().count() == 0


@pytest.mark.parametrize(("received_at", "stored"), [
    (date(2026, 3, 1), datetime(2026, 3, 1, 0, 0)),  # a date counts as its midnight, as on tickets
    (datetime(2026, 3, 1, 9, 0, tzinfo=UTC), datetime(2026, 3, 1, 9, 0, tzinfo=UTC).astimezone().replace(tzinfo=None)),
])
def test_complaint_received_at_as_date_or_aware_time(db, admin, received_at, stored):
    data = complaints.ComplaintInput(received_at=received_at, source="phone", complainant="张三",
                                     description="态度差")
    detail = complaints.register(admin, data)
    assert Complaint.get_by_id(detail.row.id).received_at == stored


@pytest.mark.parametrize("ids", [{"unit_id": 0}, {"ticket_id": 424242}])
def test_complaint_with_an_unknown_record(db, admin, ids):
    data = complaints.ComplaintInput(received_at=datetime(2026, 3, 1, 9, 0), source="phone", complainant="张三",
                                     description="态度差", **ids)
    try:
        complaints.register(admin, data)
    except ValidationError:
        pass
    else:
        raise AssertionError("stored with an unknown record")
    assert Complaint.select().count() == 0


@pytest.mark.parametrize("team_id", [0, 424242])
def test_user_with_an_unknown_team(db, admin, team_id):
    try:
        users.create_user(admin, "new.user", "新人", [Role.AGENT], team_id=team_id)
    except ValidationError:
        pass
    else:
        raise AssertionError("stored with an unknown team")
    assert not User.select().where(User.username == "new.user").exists()


_ROLES = [r.value for r in Role]
_USERNAME_OK = set(string.ascii_letters + string.digits + "_.-")


@FEW
@given(username=mostly(st.text(alphabet=st.sampled_from(sorted(_USERNAME_OK)), min_size=1, max_size=45), text),
       full_name=name_text, roles=st.lists(mostly(st.sampled_from(_ROLES), text), max_size=3),
       password=st.one_of(st.none(), st.just(""), text, st.text(min_size=8, max_size=30)),
       team_id=st.none(), phone=text, email=text, title=text)
@example(username=" zhang.san ", full_name="张三😀\x00", roles=["agent", "quality"], password="密码-long-enough",
         team_id=None, phone="", email="", title="")
def test_user_form(db, admin, username, full_name, roles, password, team_id, phone, email, title):
    before = (User.select().count(), AuditLog.select().count())
    try:
        row = users.create_user(admin, username, full_name, roles, password=password, team_id=team_id,
                                phone=phone, email=email, title=title)
    except ValidationError as exc:
        event(f"refused: {exc.field}")
        assert exc.field and str(exc)
        assert (User.select().count(), AuditLog.select().count()) == before
        return
    event("stored")
    stored = User.get_by_id(row.id)
    assert stored.username == username.strip() and set(stored.username) <= _USERNAME_OK
    assert 2 <= len(stored.username) <= 40
    assert stored.full_name == _cleaned(full_name) and stored.full_name
    assert set(stored.role_set()) == set(roles) and set(roles) <= set(_ROLES)
    assert stored.can_login == bool(password)
    assert (stored.password_hash or "").startswith("scrypt$") == bool(password)
    assert stored.phone == _cleaned(phone) and stored.title == _cleaned(title)
