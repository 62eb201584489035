"""Collecting returned questionnaires (R30, R30a, R31) and the findings they carry (R30b).

A returned workbook is checked before anything is stored (核对问卷的真实性): it must be one of
ours (hidden token), the token must be known and unused, the plan must be collecting, the
questionnaire rows must be the ones sent (layout checksum, question numbers and texts in place,
no row inserted), and every required answer must be there and on the list. A file failing any
check is rejected with the reason and, for answers, every offending row; nothing from it is
stored. An accepted file is one transaction: the response, its answers, the recipient marked
returned, a complaint for "very dissatisfied" answers and a finding for every dissatisfied
answer and every comment.
"""

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from peewee import JOIN, fn

from desk_app.errors import DeskError, ValidationError
from desk_app.i18n import FINDING_LEVEL_LABELS as LEVEL_LABELS
from desk_app.i18n import FINDING_TYPE_LABELS as TYPE_LABELS
from desk_app.i18n import t
from desk_app.io import survey_workbook as wbio
from desk_app.io.excel_util import check_cancelled, report
from desk_app.models import (
    Callback,
    Finding,
    SurveyAnswer,
    SurveyPlan,
    SurveyQuestion,
    SurveyRecipient,
    SurveyResponse,
    User,
    now,
)
from desk_app.models.base import LONG_TEXT
from desk_app.models.enums import AnswerType, FindingLevel, FindingType, Rating, rating_at_or_below
from desk_app.services import audit, records, settings
from desk_app.services.actor import Actor
from desk_app.services.permissions import Permission, require
from desk_app.services.survey_plan_states import COLLECT_STATES, state_label
from desk_app.services.survey_templates import dimension_label, template_questions
from desk_app.services.validation import clean_text

ACCEPTED, REJECTED = "accepted", "rejected"
RATING_TYPES = (AnswerType.RATING3.value, AnswerType.RATING5.value)

#: The problem type a dissatisfied answer suggests, from its question's dimension.
DIMENSION_TYPE: dict[str, str] = {"response": "response", "attitude": "attitude", "technical": "technical",
                                  "resolution": "resolution", "communication": "communication"}


def level_label(code: str) -> str:
    return t(LEVEL_LABELS.get(code, code)) if code else t("Unclassified")


def type_label(code: str) -> str:
    return t(TYPE_LABELS.get(code, code)) if code else t("Unclassified")


# --- outcomes ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ImportOutcome:
    """What became of one file (R30): accepted with its response, or rejected with the reason."""

    file: str  # the path as given or found in the folder
    status: str  # accepted / rejected
    reason: str
    response_id: int | None = None
    plan_number: str = ""
    problems: tuple[str, ...] = ()  # row by row, for layout and answer problems
    complaint_numbers: tuple[str, ...] = ()
    findings: int = 0

    @property
    def accepted(self) -> bool:
        return self.status == ACCEPTED

    def as_dict(self) -> dict:
        data = asdict(self)
        data["problems"] = list(self.problems)
        data["complaint_numbers"] = list(self.complaint_numbers)
        return data

    def text(self) -> str:
        """One line (plus one per problem) for the command line and the import report."""
        head = f"{self.file}: {t('accepted') if self.accepted else t('rejected')} — {self.reason}"
        return "\n".join([head, *(f"    {p}" for p in self.problems)])


class _Rejected(Exception):
    def __init__(self, reason: str, problems: Iterable[str] = (), plan_number: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.problems = tuple(problems)
        self.plan_number = plan_number


@dataclass
class _Checked:
    recipient: SurveyRecipient
    plan: SurveyPlan
    answers: list[tuple[SurveyQuestion, str, int | None]] = field(default_factory=list)  # (question, value, points)
    language: str = "zh_CN"


# --- checks --------------------------------------------------------------------------------------

def _where(row: int, seq: int) -> str:
    return t("row {row} (question {n})", row=row, n=seq)


def _check(content: wbio.WorkbookContent) -> _Checked:
    name = content.file
    recipient = SurveyRecipient.get_or_none(SurveyRecipient.token == content.token)
    if recipient is None:
        raise _Rejected(t("{file}: the recipient token is unknown; this is not a questionnaire we sent "
                          "(authenticity check failed).", file=name))
    plan = recipient.plan
    if recipient.returned_at is not None:
        raise _Rejected(t("{file}: this questionnaire's token was already used: it was returned on {date}.",
                          file=name, date=recipient.returned_at.strftime("%Y-%m-%d %H:%M")), plan_number=plan.number)
    if plan.state not in COLLECT_STATES:
        raise _Rejected(t("{file}: survey plan {number} is {state}; it does not collect questionnaires now.",
                          file=name, number=plan.number, state=state_label(plan.state)), plan_number=plan.number)
    questions = template_questions(plan.template_id)
    layout: list[str] = []
    if content.plan_number and content.plan_number != plan.number:
        layout.append(t("the questionnaire says plan {found}, its token belongs to plan {number}",
                        found=content.plan_number, number=plan.number))
    if recipient.layout_checksum and content.checksum != recipient.layout_checksum:
        layout.append(t("the layout checksum does not match the questionnaire that was sent"))
    if [q.id for q in content.questions] != [q.id for q in questions]:
        layout.append(t("the list of questions does not match the questionnaire that was sent"))
    else:
        for read, q in zip(content.questions, questions, strict=True):
            if wbio.normalise(read.shown_number) != str(q.seq):
                layout.append(t("{where}: the question number was changed or the row moved (found “{found}”)",
                                where=_where(read.row, q.seq), found=read.shown_number))
            elif wbio.normalise(read.shown_text) not in (wbio.normalise(q.text_zh), wbio.normalise(q.text_en)):
                layout.append(t("{where}: the question text was changed (found “{found}”, expected “{text}”)",
                                where=_where(read.row, q.seq), found=read.shown_text[:80],
                                text=q.text_zh if content.language == "zh_CN" else q.text_en))
    for row in content.extra_rows:
        layout.append(t("row {row}: a row was added among the questions", row=row))
    if layout:
        raise _Rejected(t("{file}: the questionnaire's layout was altered (authenticity check failed).", file=name),
                        layout, plan.number)
    checked = _Checked(recipient, plan, language=content.language or "zh_CN")
    problems: list[str] = []
    points5, points3 = settings.rating_points("five"), settings.rating_points("three")
    for read, q in zip(content.questions, questions, strict=True):
        where = _where(read.row, q.seq)
        if q.answer_type == AnswerType.TEXT:
            try:
                text = clean_text(read.value, where, required=q.required, max_length=LONG_TEXT)
            except ValidationError as exc:
                problems.append(str(exc))
                continue
            if text:
                checked.answers.append((q, text, None))
            continue
        if not wbio.normalise(read.value):
            if q.required:
                problems.append(t("{where}: an answer is required", where=where))
            continue
        code = wbio.parse_choice(q.answer_type, read.value)
        if code is None:
            allowed = "/".join(wbio.choice_labels(q.answer_type, checked.language))
            problems.append(t("{where}: “{value}” is not one of the allowed answers ({allowed})", where=where,
                              value=wbio.normalise(read.value)[:40], allowed=allowed))
            continue
        points = (points5 if q.answer_type == AnswerType.RATING5 else points3).get(code) \
            if q.answer_type in RATING_TYPES else None
        checked.answers.append((q, code, points))
    if problems:
        raise _Rejected(t("{file}: answers are missing or not on the list; nothing was stored.", file=name),
                        problems, plan.number)
    return checked


# --- storing -------------------------------------------------------------------------------------

def _rating_label(code: str, language: str) -> str:
    for choices in (wbio.CHOICES["rating5"], wbio.CHOICES["yesno"]):
        for c, zh, en in choices:
            if c == code:
                return zh if language == "zh_CN" else en
    return code


def _store(actor: Actor, checked: _Checked, file_name: str) -> ImportOutcome:
    from desk_app.services.complaints import ComplaintInput, register

    recipient, plan, lang = checked.recipient, checked.plan, checked.language
    zh = lang == "zh_CN"
    anonymous = plan.anonymous
    unit_id = recipient.unit_id if (not anonymous or plan.ask_unit) else None
    at = now()
    with SurveyPlan._meta.database.atomic():
        claimed = (SurveyRecipient.update(returned_at=at)
                   .where((SurveyRecipient.id == recipient.id) & SurveyRecipient.returned_at.is_null(True)).execute())
        if claimed != 1:  # another workstation imported the same file meanwhile
            raise _Rejected(t("{file}: this questionnaire's token was already used.", file=file_name),
                            plan_number=plan.number)
        response = SurveyResponse.create(
            plan=plan.id, recipient=None if anonymous else recipient.id, unit=unit_id,
            received_at=at.replace(hour=0, minute=0, second=0) if anonymous else at,
            imported_by=actor.id, source_file="" if anonymous else file_name)
        SurveyAnswer.insert_many([{"response": response.id, "question": q.id, "value": value, "points": points}
                                  for q, value, points in checked.answers]).execute()
        findings: list[dict] = []
        very_bad: list[str] = []
        comments: list[str] = []
        for q, value, _points in checked.answers:
            text = q.text_zh if zh else q.text_en
            tag = f"[{dimension_label(q.dimension, lang)}] {q.seq}. {text}"
            if q.answer_type == AnswerType.TEXT:
                comments.append(value)
                findings.append({"text": f"{tag}{'：' if zh else ': '}{value}", "problem_type": ""})
            elif q.answer_type in RATING_TYPES and rating_at_or_below(value, Rating.DISSATISFIED):
                findings.append({"text": f"{tag}{'：' if zh else ': '}{_rating_label(value, lang)}",
                                 "problem_type": DIMENSION_TYPE.get(q.dimension, "")})
                if value == Rating.VERY_DISSATISFIED:
                    very_bad.append(f"{q.seq}. {text}")
        for item in findings:
            Finding.create(response=response.id, text=item["text"], problem_type=item["problem_type"],
                           created_at=at, updated_at=at)
        complaint_numbers: tuple[str, ...] = ()
        if very_bad:
            if zh:
                description = (f"满意度调查 {plan.number}（{plan.period}）中以下问题评价为“非常不满意”：\n"
                               + "\n".join(very_bad))
                if comments:
                    description += "\n意见和建议：" + "\n".join(comments)
            else:
                description = (f"Survey {plan.number} ({plan.period}) rated these questions very dissatisfied:\n"
                               + "\n".join(very_bad))
                if comments:
                    description += "\nComments: " + "\n".join(comments)
            contact = recipient.contact if (recipient.contact_id and not anonymous) else None
            complainant = t("Anonymous survey respondent") if anonymous else recipient.name
            complaint = register(None, ComplaintInput(
                received_at=at, source="survey", complainant=complainant,
                complainant_title=contact.title if contact else "", is_vip=bool(contact and contact.is_vip),
                unit_id=unit_id, phone=contact.phone if contact else "", email="" if anonymous else recipient.email,
                description=description[:LONG_TEXT], category=t("Survey")), survey_response_id=response.id)
            complaint_numbers = (complaint.row.number,)
        audit.record(actor, "survey_response.import", response,
                     after={"plan": plan.number, "answers": len(checked.answers), "findings": len(findings),
                            "complaints": list(complaint_numbers), "anonymous": anonymous})
    return ImportOutcome(file_name, ACCEPTED, t("accepted into survey plan {number}", number=plan.number),
                         response.id, plan.number, (), complaint_numbers, len(findings))


def import_file(actor: Actor, path: str | Path) -> ImportOutcome:
    """Check and store one returned workbook (R30). Rejections come back as outcomes, never half stored."""
    require(actor, Permission.SURVEY_COLLECT)
    path = Path(path)
    shown = str(path)
    try:
        content = wbio.read_workbook(path)
        checked = _check(content)
        outcome = _store(actor, checked, path.name)
    except _Rejected as rejected:
        return ImportOutcome(shown, REJECTED, rejected.reason, plan_number=rejected.plan_number,
                             problems=rejected.problems)
    except DeskError as exc:  # not a workbook, foreign workbook, a complaint that could not be opened …
        return ImportOutcome(shown, REJECTED, str(exc))
    return ImportOutcome(shown, outcome.status, outcome.reason, outcome.response_id, outcome.plan_number,
                         outcome.problems, outcome.complaint_numbers, outcome.findings)


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders give their .xlsx files (sorted, subfolders too), without Office lock files."""
    result: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted((p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".xlsx"
                            and not p.name.startswith(("~$", ".~lock", "."))), key=lambda p: str(p).casefold())
            result.extend(found)
        else:
            result.append(path)
    return result


def import_paths(actor: Actor, paths: Iterable[str | Path], progress: Callable[[int, int], None] | None = None,
                 is_cancelled: Callable[[], bool] | None = None) -> list[ImportOutcome]:
    """Import files and folders of returned workbooks; one outcome per file (R30).

    Each accepted file is its own transaction, so cancelling keeps the files already accepted
    and stores nothing of the rest (they are simply not in the list).
    """
    require(actor, Permission.SURVEY_COLLECT)
    files = expand_paths(paths)
    outcomes: list[ImportOutcome] = []
    for done, path in enumerate(files):
        check_cancelled(is_cancelled)
        report(progress, done, len(files))
        outcomes.append(import_file(actor, path))
    report(progress, len(files), len(files))
    return outcomes


def summary(outcomes: list[ImportOutcome]) -> str:
    accepted = sum(o.accepted for o in outcomes)
    return t("{accepted} accepted, {rejected} rejected.", accepted=accepted, rejected=len(outcomes) - accepted)


# --- findings (R30b) -----------------------------------------------------------------------------

@dataclass(frozen=True)
class FindingRow:
    id: int
    source: str  # survey / callback
    plan_id: int | None
    plan_number: str
    response_id: int | None
    callback_id: int | None
    unit_name: str
    text: str
    level: str
    problem_type: str
    classified_by: str
    reviewed_by: str
    reviewed_at: datetime | None
    created_at: datetime
    version: int

    @property
    def reviewed(self) -> bool:
        return self.reviewed_at is not None


@dataclass(frozen=True)
class FindingCounts:
    total: int
    classified: int
    reviewed: int
    by_level: dict[str, int]  # level code ('' = unclassified) → count
    by_type: dict[str, int]  # type code ('' = unclassified) → count
    by_level_and_type: dict[str, dict[str, int]]

    def as_dict(self) -> dict:
        return asdict(self)


def _finding_query(plan_id: int | None = None):
    query = Finding.select(Finding).join(SurveyResponse, JOIN.LEFT_OUTER)
    if plan_id is not None:
        query = query.where(SurveyResponse.plan == plan_id)
    return query


def _finding_row(f: Finding, names: dict[int, str]) -> FindingRow:
    response = f.response if f.response_id else None
    plan_id = response.plan_id if response is not None else None
    plan_number = response.plan.number if response is not None and plan_id else ""
    unit = response.unit.name if response is not None and response.unit_id else ""
    if not unit and f.callback_id:
        callback = Callback.get_or_none(Callback.id == f.callback_id)
        ticket = getattr(callback, "ticket", None) if callback else None
        unit_obj = getattr(ticket, "unit", None) if ticket else None
        unit = unit_obj.name if unit_obj else ""
    return FindingRow(f.id, "survey" if f.response_id else "callback", plan_id, plan_number, f.response_id,
                      f.callback_id, unit, f.text, f.level, f.problem_type, names.get(f.classified_by_id, ""),
                      names.get(f.reviewed_by_id, ""), f.reviewed_at, f.created_at, f.version)


def list_findings(plan_id: int | None = None, level: str | None = None, problem_type: str | None = None,
                  unclassified_only: bool = False, unreviewed_only: bool = False) -> list[FindingRow]:
    """Findings of one plan (or all, callbacks included), newest first."""
    query = _finding_query(plan_id)
    if level is not None:
        query = query.where(Finding.level == level)
    if problem_type is not None:
        query = query.where(Finding.problem_type == problem_type)
    if unclassified_only:
        query = query.where((Finding.level == "") | (Finding.problem_type == "") | Finding.classified_by.is_null())
    if unreviewed_only:
        query = query.where(Finding.reviewed_at.is_null(True))
    names = {u.id: u.full_name for u in User.select(User.id, User.full_name)}
    return [_finding_row(f, names) for f in query.order_by(Finding.created_at.desc(), Finding.id.desc())]


def _check_classes(level: str, problem_type: str) -> tuple[str, str]:
    if level not in {lv.value for lv in FindingLevel}:
        raise ValidationError(t("{field} has the wrong form.", field=t("Problem level")), field="level")
    if problem_type not in {ty.value for ty in FindingType}:
        raise ValidationError(t("{field} has the wrong form.", field=t("Problem type")), field="problem_type")
    return level, problem_type


def classify_finding(actor: Actor, finding_id: int, expected_version: int, level: str,
                     problem_type: str) -> FindingRow:
    """The desk's first sorting of a finding by problem level and type; quality control reviews it after."""
    require(actor, Permission.SURVEY_COLLECT)
    level, problem_type = _check_classes(level, problem_type)
    finding = records.load(Finding, finding_id)
    records.update(actor, finding, expected_version,
                   {"level": level, "problem_type": problem_type, "classified_by": actor.id,
                    "reviewed_by": None, "reviewed_at": None}, "finding.classify")
    return get_finding(finding_id)


def review_finding(actor: Actor, finding_id: int, expected_version: int, level: str | None = None,
                   problem_type: str | None = None) -> FindingRow:
    """Quality control confirms (or corrects) the desk's classification."""
    require(actor, Permission.FINDING_REVIEW)
    finding = records.load(Finding, finding_id)
    level = finding.level if level is None else level
    problem_type = finding.problem_type if problem_type is None else problem_type
    if not level or not problem_type:
        raise ValidationError(t("Classify the finding by problem level and type before reviewing it."),
                              field="level")
    level, problem_type = _check_classes(level, problem_type)
    changes: dict[str, object] = {"level": level, "problem_type": problem_type, "reviewed_by": actor.id,
                                  "reviewed_at": now()}
    if finding.classified_by_id is None:
        changes["classified_by"] = actor.id
    records.update(actor, finding, expected_version, changes, "finding.review")
    return get_finding(finding_id)


def get_finding(finding_id: int) -> FindingRow:
    finding = records.load(Finding, finding_id)
    names = {u.id: u.full_name for u in User.select(User.id, User.full_name)}
    return _finding_row(finding, names)


def finding_counts(plan_id: int | None = None) -> FindingCounts:
    """Counts by problem level and type (R30b); '' counts the findings not classified yet."""
    query = Finding.select(Finding.level, Finding.problem_type, Finding.classified_by, Finding.reviewed_at,
                           fn.COUNT(Finding.id).alias("n"))
    if plan_id is not None:
        query = query.join(SurveyResponse).where(SurveyResponse.plan == plan_id)
    query = query.group_by(Finding.level, Finding.problem_type, Finding.classified_by, Finding.reviewed_at)
    by_level = {lv.value: 0 for lv in FindingLevel}
    by_type = {ty.value: 0 for ty in FindingType}
    matrix: dict[str, dict[str, int]] = {}
    total = classified = reviewed = 0
    for row in query.dicts():
        n, lv, ty = row["n"], row["level"] or "", row["problem_type"] or ""
        total += n
        if lv and ty and row["classified_by"]:
            classified += n
        if row["reviewed_at"]:
            reviewed += n
        by_level[lv] = by_level.get(lv, 0) + n
        by_type[ty] = by_type.get(ty, 0) + n
        matrix.setdefault(lv, {})
        matrix[lv][ty] = matrix[lv].get(ty, 0) + n
    return FindingCounts(total, classified, reviewed, by_level, by_type, matrix)


def level_choices() -> list[tuple[str, str]]:
    return [(lv.value, level_label(lv.value)) for lv in FindingLevel]


def type_choices() -> list[tuple[str, str]]:
    return [(ty.value, type_label(ty.value)) for ty in FindingType]

