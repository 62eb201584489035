"""The ticket ledger workbook (每日故障统计工作簿, SPEC §11, R34): import all or nothing, export, round trip."""

import random
import shutil
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from desk_app import cli, i18n
from desk_app.errors import PermissionDenied, ValidationError
from desk_app.io import Cancelled
from desk_app.io.excel_util import neutralise, parse_time, unneutralise
from desk_app.io.ledger import COLUMNS, LedgerRow, write_ledger
from desk_app.models import AuditLog, CustomerUnit, Evaluation, Team, Ticket, TicketEvent, User, database_proxy
from desk_app.models.enums import Role
from desk_app.services.auth import create_first_admin
from desk_app.services.ledger import export_ledger, import_ledger, ledger_rows
from desk_app.services.opening import open_desk
from desk_app.store.connection import close_database

ZH = [c.zh for c in COLUMNS]
EN = [c.en for c in COLUMNS]


def good_row(n: int, **overrides: object) -> dict[str, object]:
    """One ledger line keyed by Chinese header."""
    row: dict[str, object] = {
        "工单号": f"GD-20261005-{n:04d}",
        "报修时间": datetime(2026, 10, 5, 9, n % 60),
        "报修人": f"张{n}",
        "客户单位": "财务处" if n % 2 else "人事处",
        "报修人电话": "13800000000",
        "报修人位置": "3楼301",
        "故障描述": f"打印机卡纸 {n}",
        "维修人": "李工" if n % 2 else "王工",
        "所属工班": "一班" if n % 2 else "二班",
        "响应时间": datetime(2026, 10, 5, 10, 0),
        "完成时间": datetime(2026, 10, 5, 11, 0),
        "关闭时间": datetime(2026, 10, 5, 12, 0),
        "原因分析": "搓纸轮老化",
        "处理方法": "更换搓纸轮",
        "工长测评分值": 10,
        "工长评语": "处理得当",
        "调度测评分值": 8,
        "调度测评情况": "基本满意",
        "管理人员测评人": "赵经理",
        "管理人员测评分值": 6,
        "管理人员测评情况": "响应慢",
        "分值累计": 24,
        "不满意问题和建议": "响应慢",
    }
    row.update(overrides)
    return row


def write_book(path: Path, rows: list[dict[str, object]], headers: list[str] | None = None,
               title: str | None = None, rename: dict[str, str] | None = None) -> Path:
    headers = headers or ZH
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([title])
    ws.append([(rename or {}).get(h, h) for h in headers])
    zh_of = dict(zip(EN, ZH, strict=True))
    for row in rows:
        ws.append([row.get(zh_of.get(h, h)) for h in headers])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # typed text, as a person would, not a formula
    wb.save(path)
    return path


def counts() -> tuple[int, int, int, int, int, int]:
    return (Ticket.select().count(), User.select().count(), Team.select().count(), CustomerUnit.select().count(),
            Evaluation.select().count(), TicketEvent.select().count())


def rejected(admin, path: Path) -> list[str]:
    before = counts()
    audits = AuditLog.select().count()
    with pytest.raises(ValidationError) as info:
        import_ledger(admin, path)
    assert counts() == before
    assert AuditLog.select().count() == audits
    return info.value.problems


# --- good files ----------------------------------------------------------------------------------

def test_import_good_file_chinese_headers(db, admin, tmp_path):
    rows = [good_row(1), good_row(2, 关闭时间=None, 工长测评分值=None, 工长评语="", 调度测评分值=None,
                                 调度测评情况="", 管理人员测评人="", 管理人员测评分值=None, 管理人员测评情况="",
                                 分值累计=None, 不满意问题和建议="")]
    result = import_ledger(admin, write_book(tmp_path / "ledger.xlsx", rows))
    assert result.count == 2
    assert result.warnings == ()
    assert set(result.created_technicians) == {"李工", "王工"}
    assert set(result.created_teams) == {"一班", "二班"}
    assert set(result.created_units) == {"财务处", "人事处"}

    t1 = Ticket.get(Ticket.number == "GD-20261005-0001")
    assert t1.state == "closed" and t1.priority == "P3"
    assert t1.reported_at == datetime(2026, 10, 5, 9, 1)
    assert t1.first_response_due == datetime(2026, 10, 5, 10, 1)
    assert t1.resolution_due == datetime(2026, 10, 6, 9, 1)
    assert t1.assignee.full_name == "李工" and t1.team.name == "一班" and t1.unit.name == "财务处"
    tech = t1.assignee
    assert not tech.can_login and tech.password_hash is None and tech.role_set() == {Role.TECHNICIAN.value}
    assert tech.team_id == t1.team_id
    evals = {e.kind: e for e in t1.evaluations}
    assert {k: (e.rating, e.points, e.comment) for k, e in evals.items()} == {
        "self": ("satisfied", 10, "处理得当"), "dispatcher": ("basic", 8, "基本满意"),
        "manager": ("dissatisfied", 6, "响应慢")}
    assert evals["manager"].evaluator.full_name == "赵经理"
    assert Role.MANAGER.value in evals["manager"].evaluator.role_set()
    assert not evals["manager"].evaluator.can_login
    t2 = Ticket.get(Ticket.number == "GD-20261005-0002")
    assert t2.state == "resolved" and not list(t2.evaluations)
    assert TicketEvent.select().where(TicketEvent.kind == "imported").count() == 2
    # the dissatisfaction text equals the dissatisfied callback comment: no extra event
    assert TicketEvent.select().where(TicketEvent.kind == "dissatisfaction").count() == 0
    log = AuditLog.get(AuditLog.action == "ticket.import")
    assert "ledger.xlsx" in log.after and log.username == "admin"


def test_existing_staff_teams_units_are_reused(db, admin, make_user, tmp_path):
    make_user(Role.TECHNICIAN, team="一班", name="李工")
    make_user(Role.MANAGER, name="赵经理")
    CustomerUnit.create(name="财务处")
    users = User.select().count()
    result = import_ledger(admin, write_book(tmp_path / "l.xlsx", [good_row(1), good_row(3)]))
    assert result.created_technicians == () and result.created_teams == () and result.created_units == ()
    assert User.select().count() == users


def test_header_below_title_row(db, admin, tmp_path):
    path = write_book(tmp_path / "l.xlsx", [good_row(1)], title="每日故障统计工作簿 2026-10")
    assert import_ledger(admin, path).count == 1


def test_english_headers_in_shuffled_order_with_text_times(db, admin, tmp_path):
    headers = EN[:]
    random.Random(3).shuffle(headers)
    row = good_row(1, 报修时间="2026-10-05 09:01", 关闭时间="2026-10-05 12:00", 分值累计="24")
    assert import_ledger(admin, write_book(tmp_path / "l.xlsx", [row], headers=headers)).count == 1
    ticket = Ticket.get()
    assert ticket.reported_at == datetime(2026, 10, 5, 9, 1) and ticket.closed_at == datetime(2026, 10, 5, 12)
    assert Evaluation.select().count() == 3


def test_unknown_column_gives_a_warning(db, admin, tmp_path):
    rows = [dict(good_row(1), 备注="随便")]
    result = import_ledger(admin, write_book(tmp_path / "l.xlsx", rows, headers=[*ZH, "备注"]))
    assert result.count == 1
    assert len(result.warnings) == 1 and "备注" in result.warnings[0] and "X" in result.warnings[0]


def test_notes_without_score_are_a_warning(db, admin, tmp_path):
    row = good_row(1, 调度测评分值=None, 分值累计=16, 调度测评情况="无人接听")
    result = import_ledger(admin, write_book(tmp_path / "l.xlsx", [row]))
    assert any("row 2" in w and "调度测评情况" in w for w in result.warnings)


# --- bad rows: rejected with row and column, nothing stored --------------------------------------

@pytest.mark.parametrize(("overrides", "column"), [
    ({"报修时间": "昨天上午"}, "报修时间"),
    ({"关闭时间": "2026-13-01 10:00"}, "关闭时间"),
    ({"工长测评分值": 7, "分值累计": 21}, "工长测评分值"),
    ({"调度测评分值": "好"}, "调度测评分值"),
    ({"分值累计": 25}, "分值累计"),
    ({"故障描述": None}, "故障描述"),
    ({"维修人": "  "}, "维修人"),
    ({"关闭时间": None}, "关闭时间"),
    ({"完成时间": datetime(2026, 10, 4, 8, 0)}, "完成时间"),
])
def test_bad_row_is_rejected_naming_row_and_column(db, admin, tmp_path, overrides, column):
    path = write_book(tmp_path / "l.xlsx", [good_row(1), good_row(2, **overrides)])
    problems = rejected(admin, path)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"row 3, column {column}: "), problems


def test_formula_without_a_saved_result_is_named(db, admin, tmp_path):
    # openpyxl (like any script) writes formulas without their results; Excel would store them on saving
    path = tmp_path / "l.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(ZH)
    ws.append([good_row(1).get(h) for h in ZH])
    ws.append([good_row(2).get(h) for h in ZH])
    ws.cell(row=3, column=ZH.index("故障描述") + 1, value='=CONCATENATE("打印机","卡纸")')
    wb.save(path)
    problems = rejected(admin, path)
    assert len(problems) == 1, problems
    assert problems[0].startswith('row 3, column 故障描述: holds the formula =CONCATENATE("打印机","卡纸") '
                                  "without a saved result"), problems
    assert "LibreOffice" in problems[0] and "is required" not in problems[0]

    # the fix the message gives: a spreadsheet program saves the results with the formulas
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; Debian package libreoffice-calc-nogui")
    out = tmp_path / "resaved"
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(path)], check=True, capture_output=True,
                   timeout=180)
    assert import_ledger(admin, out / "l.xlsx").count == 2
    assert Ticket.get(Ticket.number == "GD-20261005-0002").description == "打印机卡纸"


def test_duplicate_number_in_file(db, admin, tmp_path):
    path = write_book(tmp_path / "l.xlsx", [good_row(1), good_row(2), good_row(1)])
    problems = rejected(admin, path)
    assert problems == ["row 4, column 工单号: ticket number GD-20261005-0001 is also in row 2"]


def test_number_already_in_database(db, admin, tmp_path):
    import_ledger(admin, write_book(tmp_path / "a.xlsx", [good_row(1)]))
    path = write_book(tmp_path / "b.xlsx", [good_row(5), good_row(1)])
    problems = rejected(admin, path)
    assert problems == ["row 3, column 工单号: ticket number GD-20261005-0001 is already stored"]


def test_every_bad_row_is_listed_with_english_headers(db, admin, tmp_path):
    rows = [good_row(1, 报修时间="x"), good_row(2), good_row(3, 管理人员测评分值=7, 分值累计=25),
            good_row(4, 分值累计=99, 工单号=None)]
    path = write_book(tmp_path / "l.xlsx", rows, headers=EN, title="Ledger")
    problems = rejected(admin, path)
    assert problems == [
        "row 3, column Reported At: “x” is not a date and time (YYYY-MM-DD HH:MM)",
        "row 5, column Manager Score: 7 is not a point value of the rating scale (10 / 8 / 6)",
        "row 6, column Ticket No.: is required",
        "row 6, column Accumulated Points: 99 is not the sum of the scores (24)",
    ]


def test_problems_in_chinese(db, admin, tmp_path):
    i18n.set_language("zh_CN")
    problems = rejected(admin, write_book(tmp_path / "l.xlsx", [good_row(1, 工长测评分值=7)]))
    assert problems[0].startswith("第 2 行，工长测评分值列：")


def test_missing_required_column(db, admin, tmp_path):
    path = write_book(tmp_path / "l.xlsx", [good_row(1)], headers=[h for h in ZH if h != "维修人"])
    before = counts()
    with pytest.raises(ValidationError, match="维修人 / Technician"):
        import_ledger(admin, path)
    assert counts() == before


def test_not_an_xlsx(db, admin, tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("just some text", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"notes\.xlsx is not an Excel workbook"):
        import_ledger(admin, path)


def test_zip_that_is_not_a_workbook(db, admin, tmp_path):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(ValidationError, match=r"archive\.xlsx is a zip archive but not an Excel workbook"):
        import_ledger(admin, path)


def test_permission_required(db, make_user, tmp_path):
    agent = make_user(Role.AGENT)
    with pytest.raises(PermissionDenied):
        import_ledger(agent, write_book(tmp_path / "l.xlsx", [good_row(1)]))


def _ledger_lines(n: int) -> list[LedgerRow]:
    return [LedgerRow(number=f"GD-20261005-{i:04d}", reported_at=datetime(2026, 10, 5, 9, 0), reporter="张三",
                      description="蓝屏", technician="李工", team="一班", closed_at=datetime(2026, 10, 5, 12, 0),
                      self_points=10, total_points=10) for i in range(1, n + 1)]


def test_cancel_stores_nothing(db, admin, tmp_path):
    path = tmp_path / "l.xlsx"
    write_ledger(path, _ledger_lines(1200), "title")
    before = counts()
    calls = iter(range(1000))
    with pytest.raises(Cancelled):
        import_ledger(admin, path, is_cancelled=lambda: next(calls) > 5)
    assert counts() == before
    seen: list[tuple[int, int]] = []
    assert import_ledger(admin, path, progress=lambda done, total: seen.append((done, total))).count == 1200
    assert seen[-1][0] == seen[-1][1] and all(d <= t for d, t in seen)


def test_cancelled_export_leaves_no_file(db, admin, tmp_path):
    write_ledger(tmp_path / "l.xlsx", _ledger_lines(1200), "title")
    import_ledger(admin, tmp_path / "l.xlsx")
    out = tmp_path / "out.xlsx"
    with pytest.raises(Cancelled):
        export_ledger("2026-10", out, is_cancelled=lambda: True)
    assert sorted(p.name for p in tmp_path.glob("*.xlsx*")) == ["l.xlsx"]


# --- export and round trip -----------------------------------------------------------------------

def _snapshot() -> dict[str, tuple]:
    result = {}
    for tk in Ticket.select():
        scores = {e.kind: (e.points, e.rating, e.comment, e.evaluator.full_name if e.evaluator_id else "")
                  for e in tk.evaluations}
        result[tk.number] = (tk.reported_at, tk.reporter_name, tk.reporter_phone, tk.reporter_location,
                             tk.unit.name if tk.unit_id else "", tk.description, tk.assignee.full_name,
                             tk.team.name, tk.first_response_at, tk.resolved_at, tk.closed_at, tk.cause,
                             tk.resolution, tk.state, scores)
    return result


def test_export_then_import_into_empty_database(db, admin, tmp_path):
    rows = [good_row(n) for n in range(1, 6)]
    rows[1] = good_row(2, 故障描述='=HYPERLINK("http://x")', 报修人电话="+8613800000000", 原因分析="-",
                       不满意问题和建议="@所有人 太慢", 报修时间=datetime(2026, 10, 5, 9, 2, 33))
    rows[2] = good_row(3, 关闭时间=None, 完成时间=None, 工长测评分值=None, 调度测评分值=None, 管理人员测评分值=None,
                       工长评语="", 调度测评情况="", 管理人员测评人="", 管理人员测评情况="", 分值累计=None,
                       不满意问题和建议="")
    rows.append(good_row(9, 关闭时间=datetime(2026, 11, 1, 9, 0)))  # closed next month: not in October
    import_ledger(admin, write_book(tmp_path / "in.xlsx", rows))
    expected = {k: v for k, v in _snapshot().items() if k != "GD-20261005-0009"}
    assert len(expected) == 5

    out = tmp_path / "out.xlsx"
    assert export_ledger("2026-10", out) == 5
    assert not list(tmp_path.glob("*.tmp"))

    wb = load_workbook(out)
    ws = wb.active
    assert ws["A1"].value == "Daily fault statistics workbook 2026-10"
    assert [c.value for c in ws[2]] == EN
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref == "A2:W7"
    assert ws["A2"].font.b
    cell = next(r[6] for r in ws.iter_rows(min_row=3) if r[0].value == "GD-20261005-0002")
    assert cell.data_type == "s" and cell.value == "'=HYPERLINK(\"http://x\")"
    reported = ws["B3"]
    assert isinstance(reported.value, datetime) and reported.number_format == "yyyy-mm-dd hh:mm"
    wb.close()

    other = open_desk(tmp_path / "second.sqlite")
    try:
        admin2 = create_first_admin("boss", "老板", "admin-pass-2")
        assert Ticket.select().count() == 0
        result = import_ledger(admin2, out)
        assert result.count == 5
        assert _snapshot() == expected
        assert Ticket.get(Ticket.number == "GD-20261005-0002").description == '=HYPERLINK("http://x")'
        again = {r.number: r.dissatisfaction for r in ledger_rows("2026-10")}
        assert again["GD-20261005-0002"] == "@所有人 太慢" and again["GD-20261005-0001"] == "响应慢"
    finally:
        close_database(other)
        database_proxy.initialize(db)


def test_export_chinese_headers_and_scores(db, admin, tmp_path):
    import_ledger(admin, write_book(tmp_path / "in.xlsx", [good_row(1)]))
    i18n.set_language("zh_CN")
    out = tmp_path / "out.xlsx"
    export_ledger("2026-10", out)
    ws = load_workbook(out).active
    assert ws["A1"].value == "每日故障统计工作簿 2026-10"
    assert [c.value for c in ws[2]] == ZH
    values = dict(zip(ZH, [c.value for c in ws[3]], strict=True))
    assert values["工长测评分值"] == 10 and values["调度测评分值"] == 8 and values["管理人员测评分值"] == 6
    assert values["分值累计"] == 24 and values["管理人员测评人"] == "赵经理"
    assert values["不满意问题和建议"] == "响应慢"


def test_export_bad_month(db):
    with pytest.raises(ValidationError):
        export_ledger("2026-13", "x.xlsx")


def test_neutralise_round_trip():
    for text in ["=1+1", "+86", "-", "@x", "\tx", "\rx", "'quoted", "''", "plain", "", "'"]:
        assert unneutralise(neutralise(text)) == text
    assert neutralise("=1") == "'=1" and neutralise("a=1") == "a=1"
    assert unneutralise("'abc") == "'abc"


def test_parse_time():
    assert parse_time("2026-10-05 09:01") == datetime(2026, 10, 5, 9, 1)
    assert parse_time("2026/10/05 09:01:02") == datetime(2026, 10, 5, 9, 1, 2)
    assert parse_time(datetime(2026, 10, 5, 9, 0, 59, 999_800)) == datetime(2026, 10, 5, 9, 1)
    assert parse_time(None) is None and parse_time(" ") is None
    for bad in ["2026-10-32 10:00", "10/05/2026", "soon", True]:
        with pytest.raises(ValueError):
            parse_time(bad)


# --- command line --------------------------------------------------------------------------------

def test_cli_exit_codes(db_path, tmp_path, capsys):
    database = open_desk(db_path)
    create_first_admin("admin", "管理员", "admin-pass-1")
    close_database(database)
    good = write_book(tmp_path / "good.xlsx", [good_row(1)], headers=[*ZH, "备注"])
    bad = write_book(tmp_path / "bad.xlsx", [good_row(2, 工长测评分值=7)])

    assert cli.main(["--db", str(db_path), "--lang", "en", "import-tickets", str(good)]) == 0
    captured = capsys.readouterr()
    assert "Imported 1 tickets" in captured.out and "备注" in captured.err

    assert cli.main(["--db", str(db_path), "--lang", "en", "import-tickets", str(bad), "--user", "admin"]) == 1
    assert "row 2, column 工长测评分值" in capsys.readouterr().err

    assert cli.main(["--db", str(db_path), "import-tickets", str(good), "--user", "nobody"]) == 1
    capsys.readouterr()

    out = tmp_path / "out.xlsx"
    assert cli.main(["--db", str(db_path), "--lang", "zh_CN", "export-tickets", "--month", "2026-10",
                     "-o", str(out)]) == 0
    assert load_workbook(out).active["A1"].value == "每日故障统计工作簿 2026-10"

    with pytest.raises(SystemExit) as info:
        cli.main(["--db", str(db_path), "export-tickets", "--month", "2026-1", "-o", str(out)])
    assert info.value.code == 2


# --- the fast reader gives what openpyxl gives -----------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _excel_style_book(path: Path) -> Path:
    """A workbook laid out as Excel saves it: shared strings (one with rich-text runs and a phonetic
    part), a date style, a formula with its cached value, a boolean, an error, skipped cells and rows."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="'
            'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="'
            '/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
            'sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            '<sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship '
            'Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
            'Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
        "xl/styles.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{_MAIN}"><numFmts count="1">'
            '<numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd hh:mm"/></numFmts>'
            '<fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill>'
            '</fills><borders count="1"><border/>'
            '</borders><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/>'
            '<xf numFmtId="22" applyNumberFormat="1"/></cellXfs></styleSheet>'),
        "xl/sharedStrings.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}" count="4" uniqueCount="4">'
            '<si><t>每日故障统计工作簿</t></si>'
            '<si><r><rPr><b/></rPr><t>工单</t></r><r><t>号</t></r><rPh sb="0" eb="1"><t>x</t></rPh></si>'
            '<si><t xml:space="preserve"> 张三 </t></si><si><t>GD-1</t></si></sst>'),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}"><dimension ref="A1:F4"/>'
            '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>'
            '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="C3" t="s"><v>2</v></c></row>'
            '<row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4" s="1"><v>46300.375</v></c>'
            '<c r="C4"><f>1+1</f><v>2</v></c><c r="D4" t="b"><v>1</v></c><c r="E4" t="e"><v>#N/A</v></c>'
            '<c r="F4" s="2"><v>46300.5</v></c></row></sheetData></worksheet>'),
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
@pytest.mark.parametrize("kind", ["excel", "openpyxl"])
def test_fast_reader_matches_openpyxl(tmp_path, kind):
    from desk_app.io.xlsx_reader import XlsxReader

    if kind == "excel":
        path = _excel_style_book(tmp_path / "book.xlsx")
    else:
        path = write_book(tmp_path / "book.xlsx", [good_row(1), good_row(2, 工长测评分值=None)], title="T")
    wb = load_workbook(path, read_only=True, data_only=True)
    expected = [tuple(v for v in row) for row in wb.active.iter_rows(values_only=True)]
    wb.close()
    with XlsxReader(path) as reader:
        got = list(reader.rows())

    def trim(row: tuple) -> tuple:
        row = list(row)
        while row and row[-1] is None:
            row.pop()
        return tuple(row)

    assert [trim(r) for r in got] == [trim(r) for r in expected]
    if kind == "excel":
        assert got[2] == ("工单号", None, " 张三 ")
        assert got[3][1] == datetime(2026, 10, 5, 9, 0) and got[3][2] == 2 and got[3][3] is True
        assert got[3][4] == "#N/A" and got[3][5] == datetime(2026, 10, 5, 12, 0)
