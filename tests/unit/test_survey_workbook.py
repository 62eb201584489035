"""R29: one questionnaire workbook per recipient — drop-downs, protection, the hidden token."""

from pathlib import Path

import pytest
from openpyxl import load_workbook

from desk_app.errors import ValidationError
from desk_app.i18n import set_language
from desk_app.io import survey_workbook as wbio
from desk_app.models import SurveyQuestion, SurveyRecipient
from desk_app.services import survey_export, survey_recipients, survey_templates
from desk_app.services import survey_plans as sp
from tests.unit.test_survey_plans import make_units, new_plan

RATING5 = '"非常满意,满意,基本满意,不满意,非常不满意"'


def exported(make_user, tmp_path: Path, code: str = "company", period: str = "2026-Q3",
             **kw) -> survey_export.ExportResult:
    quality, manager = make_user("quality"), make_user("manager")
    language = kw.pop("language", "zh_CN")
    plan = new_plan(quality, code, period, **kw)
    plan = sp.approve(manager, plan.id, plan.version)
    return survey_export.export_workbooks(quality, plan.id, tmp_path / "out", language=language)


def _validation_of(ws, ref: str):
    found = [dv for dv in ws.data_validations.dataValidation if ref in dv.sqref]
    assert len(found) <= 1, ref
    return found[0] if found else None


def test_workbook_layout(db, make_user, tmp_path) -> None:
    make_units()
    result = exported(make_user, tmp_path)
    names = sorted(p.name for p in result.files)
    assert names == ["DC-2026-01_市教育局_王芳.xlsx", "DC-2026-01_市第一人民医院_张伟.xlsx",
                     "DC-2026-01_市第一人民医院_李娜.xlsx"]
    path = next(p for p in result.files if "张伟" in p.name)
    recipient = SurveyRecipient.get(SurveyRecipient.name == "张伟")
    questions = list(SurveyQuestion.select().where(SurveyQuestion.template == recipient.plan.template)
                     .order_by(SurveyQuestion.seq))

    wb = load_workbook(path)
    ws = wb.worksheets[0]
    assert ws.title == "调查问卷" and ws.sheet_state == "visible"
    assert ws["A1"].value == "第三季度公司满意度调查"
    assert "DC-2026-01" in ws["A2"].value and "2026-10-31" in ws["A2"].value
    assert "张伟" in ws["A3"].value and "市第一人民医院" in ws["A3"].value
    assert ws.protection.sheet and ws.protection.password  # protected (the password is no security measure)
    assert [ws.cell(wbio.HEADER_ROW, c).value for c in range(1, 5)] == ["序号", "维度", "问题", "答案"]
    for offset, q in enumerate(questions, start=1):
        row = wbio.HEADER_ROW + offset
        assert ws[f"A{row}"].value == q.seq and ws[f"C{row}"].value == q.text_zh
        assert ws[f"B{row}"].value == survey_templates.dimension_label(q.dimension, "zh_CN")
        answer = ws[f"D{row}"]
        assert answer.protection.locked is False  # the only cells a respondent can change
        assert ws[f"A{row}"].protection.locked and ws[f"C{row}"].protection.locked
        dv = _validation_of(ws, f"D{row}")
        if q.answer_type == "rating5":
            assert dv is not None and dv.type == "list" and dv.formula1 == RATING5 and dv.showErrorMessage
        elif q.answer_type == "yesno":
            assert dv is not None and dv.formula1 == '"是,否"'
        else:
            assert q.answer_type == "text" and dv is None
    assert ws["C1"].protection.locked

    meta = wb[wbio.META_SHEET]
    assert meta.sheet_state == "veryHidden" and meta.protection.sheet
    values = {row[0]: row[1] for row in meta.iter_rows(values_only=True) if row[0] != "q"}
    assert values["token"] == recipient.token and values["plan"] == "DC-2026-01"
    assert values["checksum"] == recipient.layout_checksum == survey_recipients.plan_checksum(recipient.plan.template)
    assert "DeskSurveyToken" in wb.defined_names
    assert wb.security.lockStructure

    content = wbio.read_workbook(path)
    assert content.token == recipient.token and content.language == "zh_CN"
    assert [q.id for q in content.questions] == [q.id for q in questions]
    assert content.extra_rows == ()


def test_english_workbook(db, make_user, tmp_path) -> None:
    make_units()
    set_language("en")
    result = exported(make_user, tmp_path, language="en")
    ws = load_workbook(result.files[0]).worksheets[0]
    assert ws.title == "Questionnaire" and ws["C8"].value == "Overall evaluation of the IT service team"
    dv = _validation_of(ws, "D8")
    assert dv.formula1 == '"Very satisfied,Satisfied,Basically satisfied,Dissatisfied,Very dissatisfied"'


def test_anonymous_workbook_says_so(db, make_user, tmp_path) -> None:
    make_units()
    result = exported(make_user, tmp_path, anonymous=True)
    ws = load_workbook(result.files[0]).worksheets[0]
    assert "匿名" in ws["A3"].value


def test_helpers() -> None:
    assert wbio.safe_file_name("DC-2026-01", "a/b:c", 'x*y?"<>|') == "DC-2026-01_a_b_c_x_y_____.xlsx"
    assert wbio.safe_file_name("CON") == "_CON.xlsx"
    assert wbio.safe_file_name("  ") == "survey.xlsx"
    assert wbio.parse_choice("rating5", " 非常 满意 ") is None  # inner spaces are not a label
    assert wbio.parse_choice("rating5", "非常满意 ") == "very_satisfied"
    assert wbio.parse_choice("rating5", "basically satisfied") == "basic"
    assert wbio.parse_choice("rating3", "非常满意") is None
    assert wbio.parse_choice("yesno", "否") == "no" and wbio.parse_choice("yesno", "Yes") == "yes"
    assert wbio.normalise("  a \n b\u3000") == "a b"
    one = wbio.layout_checksum(1, 1, [(1, 1, "overall", "问题", "Q", "rating5", True)])
    assert one == wbio.layout_checksum(1, 1, [(1, 1, "overall", " 问题 ", "Q", "rating5", True)])
    assert one != wbio.layout_checksum(1, 2, [(1, 1, "overall", "问题", "Q", "rating5", True)])
    assert one != wbio.layout_checksum(1, 1, [(1, 1, "overall", "问题！", "Q", "rating5", True)])


def test_reading_foreign_files(tmp_path) -> None:
    text = tmp_path / "note.xlsx"
    text.write_text("not a workbook")
    with pytest.raises(ValidationError, match="note.xlsx"):
        wbio.read_workbook(text)
    from openpyxl import Workbook

    foreign = tmp_path / "foreign.xlsx"
    Workbook().save(foreign)
    with pytest.raises(ValidationError, match="not a questionnaire"):
        wbio.read_workbook(foreign)
