"""One recipient's questionnaire workbook (R29, R30, R30a): write it, and read a returned one back.

The workbook has a printable, protected questionnaire sheet (one row per question, a drop-down
list of allowed answers on each answer cell, answer cells unlocked) and a very hidden sheet
holding the recipient token, the plan number, the layout checksum and where each question's
row is. The token is also kept in a defined name and a custom document property, so a file
re-saved by Excel, WPS or LibreOffice (which rewrite styles and may drop one of them) still
carries it. Authenticity never depends on the protection password: the service checks the
token and compares the visible question rows with the plan's questions.

No database here: the service passes plain data in and gets plain data back.
"""

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from desk_app.errors import ValidationError
from desk_app.i18n import N_, t, translate
from desk_app.io.excel_util import cell_text, neutralise, save_atomic
from desk_app.io.xlsx_reader import open_workbook

MARKER = "desk-app survey workbook"
FORMAT = "1"
META_SHEET = "_survey"
TOKEN_NAME = "DeskSurveyToken"
TOKEN_PROPERTY = "DeskSurveyToken"
HEADER_ROW = 7
ANSWER_COLUMN = "D"
_COLUMNS = {"number": "A", "dimension": "B", "text": "C", "answer": ANSWER_COLUMN, "required": "E"}

#: answer type → ((code, Chinese label, English label), …) in the order the drop-down shows them.
CHOICES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "rating5": (("very_satisfied", "非常满意", "Very satisfied"), ("satisfied", "满意", "Satisfied"),
                ("basic", "基本满意", "Basically satisfied"), ("dissatisfied", "不满意", "Dissatisfied"),
                ("very_dissatisfied", "非常不满意", "Very dissatisfied")),
    "rating3": (("satisfied", "满意", "Satisfied"), ("basic", "基本满意", "Basically satisfied"),
                ("dissatisfied", "不满意", "Dissatisfied")),
    "yesno": (("yes", "是", "Yes"), ("no", "否", "No")),
    "text": (),
}

#: Fixed texts of the sheet, English source strings in the catalogue context _CONTEXT (the sheet has its own
#: wording). A workbook is written in its own language, which can differ from the UI's.
_CONTEXT = "survey workbook"


_TEXTS = {
    "sheet": N_("Questionnaire", context=_CONTEXT),
    "number": N_("No.", context=_CONTEXT),
    "dimension": N_("Dimension", context=_CONTEXT),
    "question": N_("Question", context=_CONTEXT),
    "answer": N_("Answer", context=_CONTEXT),
    "required": N_("Required", context=_CONTEXT),
    "yes": N_("yes", context=_CONTEXT),
    "no": "",
    "plan": N_("Survey {number}, period {period}", context=_CONTEXT),
    "return_by": N_(", please return by {date}", context=_CONTEXT),
    "recipient": N_("Unit: {unit}, respondent: {name}", context=_CONTEXT),
    "anonymous": N_("This questionnaire is anonymous: answers are not linked to the respondent.", context=_CONTEXT),
    "unit_only": N_("Unit: {unit}", context=_CONTEXT),
    "how": N_("Choose your answer from the drop-down list in the Answer column; type comments directly. "
              "Save this file and send it back; do not add or delete rows or change the questions.", context=_CONTEXT),
    "thanks": N_("Thank you for your support!", context=_CONTEXT),
    "error_title": N_("Invalid answer", context=_CONTEXT),
    "error": N_("Please choose an answer from the list.", context=_CONTEXT),
    "prompt_title": N_("Please choose", context=_CONTEXT),
    "prompt": N_("Choose from the list", context=_CONTEXT),
}


def texts(language: str) -> dict[str, str]:
    return {key: translate(language, text, context=_CONTEXT) if text else text for key, text in _TEXTS.items()}


def choice_labels(answer_type: str, language: str) -> tuple[str, ...]:
    """The labels the drop-down of this answer type offers, in the workbook language."""
    index = 1 if language == "zh_CN" else 2
    return tuple(choice[index] for choice in CHOICES.get(answer_type, ()))


def normalise(text: object) -> str:
    """Text for comparison: Unicode NFKC (full-width forms), whitespace removed at the ends and collapsed."""
    value = unicodedata.normalize("NFKC", cell_text(text))
    return re.sub(r"\s+", " ", value).strip()


def parse_choice(answer_type: str, value: object) -> str | None:
    """The answer code of a cell value: its Chinese or English label, or the code itself; None if off the list."""
    wanted = normalise(value).casefold()
    for code, zh, en in CHOICES.get(answer_type, ()):
        if wanted in (normalise(zh).casefold(), en.casefold(), code):
            return code
    return None


def layout_checksum(template_id: int, template_version: int,
                    questions: Sequence[tuple[int, int, str, str, str, str, bool]]) -> str:
    """SHA-256 over the template id and version and its questions in order.

    Each question is (id, seq, dimension, text_zh, text_en, answer_type, required); texts are
    normalised, so the checksum does not change with whitespace.
    """
    parts = [f"template:{template_id}:{template_version}"]
    for qid, seq, dimension, text_zh, text_en, answer_type, required in questions:
        parts.append("\x1f".join((str(qid), str(seq), dimension, normalise(text_zh), normalise(text_en),
                                  answer_type, "1" if required else "0")))
    return hashlib.sha256("\x1e".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class WorkbookQuestion:
    id: int
    number: int  # the number shown (the question's seq)
    dimension: str  # the dimension's label in the workbook language
    text: str  # the question in the workbook language
    answer_type: str
    required: bool


@dataclass(frozen=True)
class WorkbookSpec:
    """Everything one recipient's workbook shows and carries."""

    token: str
    plan_number: str
    checksum: str
    language: str  # zh_CN or en
    title: str
    period: str
    intro: str
    questions: tuple[WorkbookQuestion, ...]
    unit: str = ""
    recipient: str = ""
    anonymous: bool = False
    ask_unit: bool = True
    return_by: str = ""  # YYYY-MM-DD or ''


@dataclass(frozen=True)
class ReadQuestion:
    """One question row as found in a returned workbook."""

    id: int  # from the hidden sheet
    row: int  # the row the hidden sheet says it is on
    shown_number: str  # what the number cell holds now
    shown_text: str  # what the question cell holds now
    value: object  # the answer cell's value


@dataclass(frozen=True)
class WorkbookContent:
    file: str
    token: str
    plan_number: str
    checksum: str
    language: str
    sheet: str
    questions: tuple[ReadQuestion, ...]
    extra_rows: tuple[int, ...]  # rows below the header that hold text but are not a question row


def safe_file_name(*parts: str, suffix: str = ".xlsx", max_length: int = 120) -> str:
    """A file name from `parts` that every file system accepts ('_' for path and reserved characters)."""
    text = "_".join(p for p in (normalise(x) for x in parts) if p)
    text = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", text)
    text = re.sub(r"\s+", " ", text).strip(" .") or "survey"
    if text.upper().split(".")[0] in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
                                      *(f"LPT{i}" for i in range(10))}:
        text = "_" + text
    return text[:max_length] + suffix


def write_workbook(spec: WorkbookSpec, path: str | Path) -> Path:
    """Write one recipient's questionnaire to `path` (temp file + rename)."""
    from openpyxl import Workbook
    from openpyxl.packaging.custom import StringProperty
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.workbook.protection import WorkbookProtection
    from openpyxl.worksheet.datavalidation import DataValidation

    words = texts(spec.language)
    secret = hashlib.sha256(("sheet:" + spec.token).encode()).hexdigest()[:12]  # not a security measure
    wb = Workbook()
    ws = wb.active
    ws.title = words["sheet"]
    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 52
    ws.column_dimensions["D"].width = 22
    ws.column_dimensions["E"].width = 8

    def line(row: int, text: str, *, size: int = 11, bold: bool = False, height: float | None = None) -> None:
        ws.merge_cells(f"A{row}:E{row}")
        cell = ws[f"A{row}"]
        cell.value = neutralise(text)
        cell.font = Font(size=size, bold=bold)
        cell.alignment = Alignment(wrap_text=True, vertical="center",
                                   horizontal="center" if row == 1 else "left")
        if height:
            ws.row_dimensions[row].height = height

    line(1, spec.title, size=16, bold=True, height=30)
    plan_text = words["plan"].format(number=spec.plan_number, period=spec.period)
    if spec.return_by:
        plan_text += words["return_by"].format(date=spec.return_by)
    line(2, plan_text)
    if spec.anonymous:
        who = words["anonymous"] + ("　" + words["unit_only"].format(unit=spec.unit) if spec.ask_unit and spec.unit
                                    else "")
    else:
        who = words["recipient"].format(unit=spec.unit or "—", name=spec.recipient or "—")
    line(3, who)
    line(4, spec.intro, height=max(18, 16 * (1 + len(spec.intro) // 60)))
    line(5, words["how"], height=34)
    heads = (words["number"], words["dimension"], words["question"], words["answer"], words["required"])
    fill = PatternFill("solid", fgColor="D9E1F2")
    for column, head in zip("ABCDE", heads, strict=True):
        cell = ws[f"{column}{HEADER_ROW}"]
        cell.value = head
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.border = box
        cell.alignment = Alignment(horizontal="center", vertical="center")

    answer_fill = PatternFill("solid", fgColor="FFF2CC")
    validations: dict[str, DataValidation] = {}
    rows: list[tuple[WorkbookQuestion, int]] = []
    for offset, question in enumerate(spec.questions, start=1):
        row = HEADER_ROW + offset
        rows.append((question, row))
        values = (question.number, question.dimension, question.text, None, words["yes"] if question.required else "")
        for column, value in zip("ABCDE", values, strict=True):
            cell = ws[f"{column}{row}"]
            cell.value = neutralise(value)
            cell.border = box
            cell.alignment = wrap if column in "BC" else Alignment(horizontal="center", vertical="center",
                                                                  wrap_text=column == ANSWER_COLUMN)
        answer = ws[f"{ANSWER_COLUMN}{row}"]
        answer.protection = Protection(locked=False)
        answer.fill = answer_fill
        if question.answer_type == "text":
            answer.alignment = Alignment(wrap_text=True, vertical="top")
            ws.row_dimensions[row].height = 60
        else:
            ws.row_dimensions[row].height = max(20, 15 * (1 + len(question.text) // 30))
            labels = choice_labels(question.answer_type, spec.language)
            dv = validations.get(question.answer_type)
            if dv is None:
                dv = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True,
                                    showDropDown=False, showErrorMessage=True, showInputMessage=True,
                                    errorTitle=words["error_title"], error=words["error"],
                                    promptTitle=words["prompt_title"], prompt=words["prompt"])
                validations[question.answer_type] = dv
                ws.add_data_validation(dv)
            dv.add(answer)
    last = HEADER_ROW + len(spec.questions)
    line(last + 2, words["thanks"])

    ws.protection.sheet = True
    ws.protection.password = secret
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:E{last + 2}"
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.freeze_panes = f"A{HEADER_ROW + 1}"

    meta = wb.create_sheet(META_SHEET)
    meta_rows: list[tuple] = [
        (MARKER, FORMAT),
        ("token", spec.token),
        ("plan", spec.plan_number),
        ("checksum", spec.checksum),
        ("language", spec.language),
        ("sheet", ws.title),
        ("questions", len(rows)),
    ]
    meta_rows += [("q", q.id, q.number, row, f"{ANSWER_COLUMN}{row}", q.answer_type) for q, row in rows]
    for values in meta_rows:
        meta.append(list(values))
    meta.protection.sheet = True
    meta.protection.password = secret
    meta.sheet_state = "veryHidden"
    wb.defined_names[TOKEN_NAME] = DefinedName(TOKEN_NAME, attr_text=f"'{META_SHEET}'!$B$2")
    wb.custom_doc_props.append(StringProperty(name=TOKEN_PROPERTY, value=spec.token))
    wb.security = WorkbookProtection(lockStructure=True)
    wb.security.workbookPassword = secret
    wb.active = 0
    return save_atomic(wb, path)


def _meta_sheet(wb):
    """The sheet holding the marker (found by content, whatever its name, state or styles)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row or 1, 5), max_col=3, values_only=True):
            if any(normalise(v) == MARKER for v in row if v is not None):
                return ws
    return None


def _meta_values(ws) -> tuple[dict[str, str], list[tuple]]:
    keys: dict[str, str] = {}
    questions: list[tuple] = []
    for row in ws.iter_rows(min_row=1, max_col=8, values_only=True):
        if not row or row[0] is None:
            continue
        key = normalise(row[0])
        if key == "q":
            questions.append((tuple(row[1:6]) + (None,) * 5)[:5])
        elif key and key not in keys:
            keys[key] = normalise(row[1]) if len(row) > 1 else ""
    return keys, questions


def _token_fallback(wb) -> str:
    """The token from the custom property or the defined name, when the hidden sheet is gone."""
    for prop in getattr(wb, "custom_doc_props", None) or ():
        if getattr(prop, "name", "") == TOKEN_PROPERTY and getattr(prop, "value", ""):
            return normalise(prop.value)
    return ""


def _int(value: object) -> int | None:
    try:
        return int(float(cell_text(value)))
    except (TypeError, ValueError):
        return None


def read_workbook(path: str | Path) -> WorkbookContent:
    """Read a returned questionnaire. Raises ValidationError naming the file when it is not one of ours."""
    path = Path(path)
    name = path.name
    wb = open_workbook(path, read_only=False)
    try:
        meta = _meta_sheet(wb)
        if meta is None:
            token = _token_fallback(wb)
            if token:
                raise ValidationError(t("{file}: the questionnaire's hidden data sheet is missing; the layout "
                                        "was altered.", file=name), field=name)
            raise ValidationError(t("{file} is not a questionnaire of this service desk (no recipient token).",
                                    file=name), field=name)
        keys, raw_questions = _meta_values(meta)
        token = keys.get("token", "") or _token_fallback(wb)
        if not token:
            raise ValidationError(t("{file} is not a questionnaire of this service desk (no recipient token).",
                                    file=name), field=name)
        sheet_name = keys.get("sheet", "")
        main = next((ws for ws in wb.worksheets if ws.title == sheet_name), None)
        if main is None:
            main = next((ws for ws in wb.worksheets if ws is not meta and ws.sheet_state == "visible"), None)
        if main is None:
            raise ValidationError(t("{file}: the questionnaire sheet is missing; the layout was altered.", file=name),
                                  field=name)
        questions: list[ReadQuestion] = []
        rows_used: set[int] = set()
        for qid, _number, row, ref, _type in raw_questions:
            row_no, q_id = _int(row), _int(qid)
            ref = normalise(ref).upper() or f"{ANSWER_COLUMN}{row_no}"
            if row_no is None or q_id is None or row_no < 1 or not re.fullmatch(r"[A-Z]{1,3}[1-9]\d{0,6}", ref):
                raise ValidationError(t("{file}: the questionnaire's hidden data was altered.", file=name),
                                      field=name)
            rows_used.add(row_no)
            questions.append(ReadQuestion(
                id=q_id, row=row_no, shown_number=cell_text(main[f"{_COLUMNS['number']}{row_no}"].value),
                shown_text=cell_text(main[f"{_COLUMNS['text']}{row_no}"].value), value=main[ref].value))
        count = _int(keys.get("questions"))
        if count is not None and count != len(questions):
            raise ValidationError(t("{file}: the questionnaire's hidden data was altered.", file=name), field=name)
        extra = []
        last_row = max(rows_used, default=HEADER_ROW)
        for row_no in range(HEADER_ROW + 1, last_row + 1):
            if row_no in rows_used:
                continue
            cells = [main[f"{c}{row_no}"].value for c in "ABCD"]
            if any(normalise(v) for v in cells if v is not None):
                extra.append(row_no)
        return WorkbookContent(file=name, token=token, plan_number=keys.get("plan", ""),
                               checksum=keys.get("checksum", ""), language=keys.get("language", ""),
                               sheet=main.title, questions=tuple(questions), extra_rows=tuple(extra))
    finally:
        wb.close()
