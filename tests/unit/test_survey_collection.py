"""R30, R30a, R30b, R31: importing returned questionnaires — authenticity, all or nothing, folder
reports, anonymity, complaints for very dissatisfied answers, findings."""

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from desk_app import cli
from desk_app.errors import ConflictError, PermissionDenied, ValidationError
from desk_app.io.survey_workbook import HEADER_ROW, META_SHEET
from desk_app.models import Complaint, Finding, SurveyAnswer, SurveyRecipient, SurveyResponse
from desk_app.models.enums import PlanState
from desk_app.services import survey_collection as sc
from desk_app.services import survey_export, survey_plan_rows
from desk_app.services import survey_plans as sp
from tests.unit.test_survey_plans import make_units, new_plan

#: Answers to the company questionnaire: 1–8 five-level ratings, 9 yes/no, 10 comments (optional).
GOOD = {1: "满意", 2: "非常满意", 3: "基本满意", 4: "满意", 5: "满意", 6: "满意", 7: "非常满意", 8: "满意", 9: "是"}


def fill(src: Path, dst: Path, answers: dict[int, object] | None = None,
         edit: Callable | None = None) -> Path:
    """A respondent's work with openpyxl: answers typed into the answer column, maybe more changes."""
    wb = load_workbook(src)
    ws = wb.worksheets[0]
    for seq, value in (GOOD if answers is None else answers).items():
        ws[f"D{HEADER_ROW + seq}"] = value
    if edit is not None:
        edit(wb, ws)
    dst.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dst)
    return dst


@pytest.fixture
def collecting(db, make_user, tmp_path):
    """A company survey plan sent to 张伟, 李娜 (core unit) and 王芳 (important unit)."""
    make_units()
    quality, manager = make_user("quality"), make_user("manager")
    plan = new_plan(quality)
    plan = sp.approve(manager, plan.id, plan.version)
    result = survey_export.export_workbooks(quality, plan.id, tmp_path / "sent", language="zh_CN")
    files = {next(r.name for r in SurveyRecipient.select() if r.name in p.name): p for p in result.files}
    return quality, survey_plan_rows.get_plan(plan.id), files, tmp_path


def stored() -> tuple[int, int, int, int, int]:
    return (SurveyResponse.select().count(), SurveyAnswer.select().count(), Finding.select().count(),
            Complaint.select().count(), SurveyRecipient.select().where(SurveyRecipient.returned_at.is_null(False))
            .count())


def test_import_a_filled_workbook(collecting) -> None:
    quality, plan, files, tmp = collecting
    answers = GOOD | {5: "不满意", 10: "报修后上门太慢，希望改进。"}
    outcome = sc.import_file(quality, fill(files["张伟"], tmp / "back" / "zw.xlsx", answers))
    assert outcome.accepted, outcome.text()
    assert outcome.plan_number == plan.number and outcome.findings == 2 and outcome.complaint_numbers == ()
    response = SurveyResponse.get_by_id(outcome.response_id)
    recipient = SurveyRecipient.get(SurveyRecipient.name == "张伟")
    assert response.recipient_id == recipient.id and response.unit_id == recipient.unit_id
    assert response.source_file == "zw.xlsx" and recipient.returned_at is not None
    values = {a.question.seq: (a.value, a.points) for a in response.answers}
    # default five-level points: very satisfied 10, satisfied 8, basic 6, dissatisfied 4, very dissatisfied 2
    assert values[1] == ("satisfied", 8) and values[2] == ("very_satisfied", 10) and values[3] == ("basic", 6)
    assert values[5] == ("dissatisfied", 4) and values[9] == ("yes", None)
    assert values[10] == ("报修后上门太慢，希望改进。", None)
    texts = sorted(f.text for f in Finding.select())
    assert any("故障响应的及时性" in t and "不满意" in t for t in texts)
    assert any("报修后上门太慢" in t for t in texts)
    rating_finding = next(f for f in Finding.select() if "不满意" in f.text)
    assert rating_finding.problem_type == "response" and rating_finding.level == ""  # a suggestion to classify
    assert Complaint.select().count() == 0
    assert survey_plan_rows.get_plan(plan.id).returned == 1


def test_labels_in_english_and_spacing_are_accepted(collecting) -> None:
    quality, _plan, files, tmp = collecting
    answers = GOOD | {1: " Satisfied ", 2: "very satisfied", 9: "No"}
    outcome = sc.import_file(quality, fill(files["李娜"], tmp / "back" / "ln.xlsx", answers))
    assert outcome.accepted, outcome.text()


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice) is not installed; "
                                              "Debian package libreoffice-calc-nogui")
def test_workbook_resaved_by_libreoffice_imports(collecting) -> None:
    quality, _plan, files, tmp = collecting
    filled = fill(files["王芳"], tmp / "filled" / "wf.xlsx", GOOD | {10: "总体满意"})
    out = tmp / "resaved"
    profile = (tmp / "lo-profile").as_uri()
    subprocess.run([_soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(out), str(filled)], check=True, capture_output=True, timeout=180)
    resaved = out / "wf.xlsx"
    assert resaved.exists()
    wb = load_workbook(resaved)
    assert wb[META_SHEET].sheet_state != "visible"  # LibreOffice keeps it hidden (maybe not very hidden)
    outcome = sc.import_file(quality, resaved)
    assert outcome.accepted, outcome.text()
    response = SurveyResponse.get_by_id(outcome.response_id)
    assert {a.question.seq: a.value for a in response.answers}[10] == "总体满意"


def _set_token(value: str) -> Callable:
    def edit(wb, _ws) -> None:
        meta = wb[META_SHEET]
        meta["B2"] = value
        wb.custom_doc_props.props.clear()
    return edit


def _change_text(wb, ws) -> None:
    ws[f"C{HEADER_ROW + 3}"] = "服务流程是否规范？（已改）"


def _insert_row(wb, ws) -> None:
    ws.insert_rows(HEADER_ROW + 4)
    ws[f"C{HEADER_ROW + 4}"] = "我加的问题"


def _move_rows(wb, ws) -> None:
    a, b = HEADER_ROW + 1, HEADER_ROW + 2
    for col in "ABCD":
        ws[f"{col}{a}"].value, ws[f"{col}{b}"].value = ws[f"{col}{b}"].value, ws[f"{col}{a}"].value


@pytest.mark.parametrize(("case", "answers", "edit", "reason", "problem"), [
    ("unknown token", None, _set_token("forged-token-0123456789abcdefghijklmnop"), "token is unknown", None),
    ("question text changed", None, _change_text, "layout was altered", "row 10 (question 3)"),
    ("row inserted", None, _insert_row, "layout was altered", "row 11"),
    ("rows moved", None, _move_rows, "layout was altered", "row 8 (question 1)"),
    ("missing required answer", {k: v for k, v in GOOD.items() if k != 4}, None, "answers are missing",
     "row 11 (question 4): an answer is required"),
    ("value off the list", GOOD | {2: "还行", 9: "也许"}, None, "not on the list", "row 9 (question 2)"),
])
def test_rejections_store_nothing(collecting, case, answers, edit, reason, problem) -> None:
    quality, _plan, files, tmp = collecting
    path = fill(files["张伟"], tmp / "back" / "zw.xlsx", answers, edit)
    outcome = sc.import_file(quality, path)
    assert not outcome.accepted, case
    assert reason in outcome.reason and "zw.xlsx" in outcome.reason
    if problem:
        assert any(problem in p for p in outcome.problems), outcome.problems
    if case == "value off the list":
        assert len(outcome.problems) == 2 and "“也许”" in outcome.problems[1]  # every offending row
    assert stored() == (0, 0, 0, 0, 0)


def test_not_a_workbook_and_foreign_workbook(collecting) -> None:
    quality, _plan, _files, tmp = collecting
    text = tmp / "notes.xlsx"
    text.write_text("hello")
    foreign = tmp / "budget.xlsx"
    Workbook().save(foreign)
    missing = tmp / "gone.xlsx"
    outcomes = [sc.import_file(quality, p) for p in (text, foreign, missing)]
    assert [o.status for o in outcomes] == ["rejected"] * 3
    assert "not an Excel workbook" in outcomes[0].reason and "notes.xlsx" in outcomes[0].reason
    assert "not a questionnaire" in outcomes[1].reason and "budget.xlsx" in outcomes[1].reason
    assert "does not exist" in outcomes[2].reason
    assert stored() == (0, 0, 0, 0, 0)


def test_used_token_is_rejected(collecting) -> None:
    quality, _plan, files, tmp = collecting
    first = sc.import_file(quality, fill(files["张伟"], tmp / "a" / "zw.xlsx"))
    assert first.accepted
    before = stored()
    second = sc.import_file(quality, fill(files["张伟"], tmp / "b" / "zw-again.xlsx", GOOD | {1: "不满意"}))
    assert not second.accepted and "already used" in second.reason and "zw-again.xlsx" in second.reason
    assert stored() == before


def test_folder_import_reports_every_file(collecting) -> None:
    quality, _plan, files, tmp = collecting
    folder = tmp / "returned"
    fill(files["张伟"], folder / "1-good.xlsx")
    fill(files["李娜"], folder / "2-bad.xlsx", {k: v for k, v in GOOD.items() if k != 1})
    fill(files["王芳"], folder / "sub" / "3-good.xlsx")
    (folder / "readme.txt").write_text("ignored: not a workbook name")
    (folder / "~$1-good.xlsx").write_text("an Office lock file")
    Workbook().save(folder / "4-foreign.xlsx")
    outcomes = sc.import_paths(quality, [folder])
    assert [(Path(o.file).name, o.status) for o in outcomes] == [
        ("1-good.xlsx", "accepted"), ("2-bad.xlsx", "rejected"), ("4-foreign.xlsx", "rejected"),
        ("3-good.xlsx", "accepted")]
    assert "row 8 (question 1)" in outcomes[1].text()
    assert sc.summary(outcomes) == "2 accepted, 2 rejected."
    assert stored()[0] == 2 and stored()[4] == 2
    again = sc.import_paths(quality, [folder / "1-good.xlsx"])  # the same file once more
    assert again[0].status == "rejected" and "already used" in again[0].reason


def test_anonymous_plan_keeps_no_identity(db, make_user, tmp_path) -> None:
    make_units()
    quality, manager = make_user("quality"), make_user("manager")
    for ask_unit in (True, False):
        plan = new_plan(quality, anonymous=True, ask_unit=ask_unit, title=f"匿名调查 {ask_unit}")
        plan = sp.approve(manager, plan.id, plan.version)
        result = survey_export.export_workbooks(quality, plan.id, tmp_path / str(ask_unit))
        path = next(p for p in result.files if "张伟" in p.name)
        back = fill(path, tmp_path / "back" / f"{ask_unit}.xlsx", GOOD | {3: "非常不满意"})
        outcome = sc.import_file(quality, back)
        assert outcome.accepted, outcome.text()
        response = SurveyResponse.get_by_id(outcome.response_id)
        recipient = SurveyRecipient.get((SurveyRecipient.plan == plan.id) & (SurveyRecipient.name == "张伟"))
        assert response.recipient_id is None and response.source_file == ""
        assert response.unit_id == (recipient.unit_id if ask_unit else None)
        assert recipient.returned_at is not None
        complaint = Complaint.get(Complaint.survey_response == response.id)
        assert complaint.complainant == "Anonymous survey respondent" and complaint.contact_id is None
        assert complaint.phone == "" and complaint.unit_id == response.unit_id
        second = sc.import_file(quality, back)  # the token still blocks a second submission
        assert not second.accepted and "already used" in second.reason


def test_very_dissatisfied_opens_a_complaint(collecting) -> None:
    quality, plan, files, tmp = collecting
    answers = GOOD | {6: "非常不满意", 7: "非常不满意", 10: "服务器宕机半天没人处理"}
    outcome = sc.import_file(quality, fill(files["张伟"], tmp / "back" / "zw.xlsx", answers))
    assert outcome.accepted and len(outcome.complaint_numbers) == 1
    complaint = Complaint.get(Complaint.number == outcome.complaint_numbers[0])
    recipient = SurveyRecipient.get(SurveyRecipient.name == "张伟")
    assert complaint.source == "survey" and complaint.survey_response_id == outcome.response_id
    assert complaint.complainant == "张伟" and complaint.unit_id == recipient.unit_id
    assert complaint.state == "recorded" and complaint.phone == "13800000001"
    assert plan.number in complaint.description and "服务器宕机" in complaint.description
    assert "问题解决的及时性" in complaint.description and "运维人员的服务态度" in complaint.description
    assert outcome.findings == 3  # two very dissatisfied answers and the comment


def test_closed_plan_refuses_returns(collecting) -> None:
    quality, plan, files, tmp = collecting
    sp.close_collection(quality, plan.id, plan.version)
    outcome = sc.import_file(quality, fill(files["张伟"], tmp / "back" / "zw.xlsx"))
    assert not outcome.accepted and "Collection closed" in outcome.reason
    assert stored() == (0, 0, 0, 0, 0)
    assert survey_plan_rows.get_plan(plan.id).state == PlanState.CLOSED


def test_import_permission(collecting, make_user) -> None:
    _quality, _plan, files, _tmp = collecting
    with pytest.raises(PermissionDenied):
        sc.import_file(make_user("technician"), files["张伟"])


def test_findings_classified_and_reviewed(collecting, make_user) -> None:
    quality, plan, files, tmp = collecting
    agent = make_user("agent")
    answers = GOOD | {5: "不满意", 7: "不满意", 10: "希望多沟通"}
    assert sc.import_file(quality, fill(files["张伟"], tmp / "back" / "zw.xlsx", answers)).accepted
    rows = sc.list_findings(plan.id)
    assert len(rows) == 3 and all(r.plan_number == plan.number and r.unit_name == "市第一人民医院" for r in rows)
    counts = sc.finding_counts(plan.id)
    assert counts.total == 3 and counts.classified == 0 and counts.by_level[""] == 3

    response_row, attitude_row, comment_row = sorted(rows, key=lambda r: ("响应" not in r.text, "态度" not in r.text))
    with pytest.raises(ValidationError, match="Classify"):
        sc.review_finding(quality, comment_row.id, comment_row.version)
    with pytest.raises(PermissionDenied):
        sc.classify_finding(make_user("technician"), comment_row.id, comment_row.version, "general", "other")
    with pytest.raises(ValidationError):
        sc.classify_finding(agent, comment_row.id, comment_row.version, "fatal", "other")
    a = sc.classify_finding(agent, response_row.id, response_row.version, "general", "response")
    b = sc.classify_finding(agent, attitude_row.id, attitude_row.version, "serious", "attitude")
    c = sc.classify_finding(agent, comment_row.id, comment_row.version, "general", "communication")
    assert a.classified_by == agent.full_name and not a.reviewed
    with pytest.raises(PermissionDenied):
        sc.review_finding(agent, a.id, a.version)  # quality control reviews the desk's sorting
    with pytest.raises(ConflictError):
        sc.review_finding(quality, a.id, a.version - 1)
    a = sc.review_finding(quality, a.id, a.version)
    b = sc.review_finding(quality, b.id, b.version, level="critical")  # corrected
    assert a.reviewed and a.reviewed_by == quality.full_name and b.level == "critical"
    counts = sc.finding_counts(plan.id)
    assert counts.classified == 3 and counts.reviewed == 2
    assert counts.by_level == {"general": 2, "serious": 0, "critical": 1}
    assert counts.by_type == {"response": 1, "attitude": 1, "technical": 0, "resolution": 0,
                              "communication": 1, "other": 0}
    assert counts.by_level_and_type == {"general": {"response": 1, "communication": 1}, "critical": {"attitude": 1}}
    assert [r.id for r in sc.list_findings(plan.id, unreviewed_only=True)] == [c.id]
    again = sc.classify_finding(agent, a.id, a.version, "serious", "response")  # needs a new review
    assert not again.reviewed


def test_cli_export_and_import(collecting, db_path, capsys) -> None:
    quality, plan, files, tmp = collecting
    capsys.readouterr()
    assert cli.main(["--db", str(db_path), "survey", "export", "--plan", plan.number, "-o", str(tmp / "cli")]) == 0
    printed = capsys.readouterr().out.split()
    assert len(printed) == 3 and all(Path(p).exists() for p in printed)  # every recipient gets a fresh copy
    good = fill(files["张伟"], tmp / "ret" / "good.xlsx")
    fill(files["李娜"], tmp / "ret" / "bad.xlsx", GOOD | {1: "一般"})
    assert cli.main(["--db", str(db_path), "survey", "import", str(good)]) == 0
    out = capsys.readouterr().out
    assert "good.xlsx: accepted" in out and "1 accepted, 0 rejected." in out
    assert cli.main(["--db", str(db_path), "survey", "import", str(tmp / "ret")]) == 1
    out = capsys.readouterr().out
    assert "bad.xlsx: rejected" in out and "row 8 (question 1)" in out and "good.xlsx: rejected" in out
    assert cli.main(["--db", str(db_path), "survey", "export", "--plan", "DC-1999-09", "-o", str(tmp)]) == 1
