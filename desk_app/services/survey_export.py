"""Writing the recipients' questionnaire workbooks (R29): what each workbook shows, one file per
recipient (each written atomically), the recipients marked sent, and the plan moved on to
distributing and collecting."""

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desk_app.errors import ValidationError
from desk_app.i18n import current_language, t
from desk_app.io import survey_workbook as wbio
from desk_app.io.excel_util import check_cancelled, report, unwritable
from desk_app.mail import Attachment
from desk_app.models import SurveyPlan, SurveyRecipient, now
from desk_app.services import audit, outbox, records
from desk_app.services.actor import Actor
from desk_app.services.permissions import Permission, require
from desk_app.services.survey_plan_states import S, move, require_state
from desk_app.services.survey_recipients import plan_checksum
from desk_app.services.survey_templates import dimension_label, template_questions


def workbook_spec(recipient: SurveyRecipient, language: str | None = None) -> wbio.WorkbookSpec:
    """What one recipient's workbook shows (in `language`, default the current one)."""
    language = language or current_language()
    zh = language == "zh_CN"
    plan = recipient.plan
    tpl = plan.template
    questions = tuple(wbio.WorkbookQuestion(q.id, q.seq, dimension_label(q.dimension, language),
                                            q.text_zh if zh else q.text_en, q.answer_type, q.required)
                      for q in template_questions(tpl.id))
    unit = recipient.unit.name if recipient.unit_id else ""
    return wbio.WorkbookSpec(
        token=recipient.token, plan_number=plan.number, checksum=recipient.layout_checksum or plan_checksum(tpl),
        language="zh_CN" if zh else "en", title=plan.title or (tpl.name_zh if zh else tpl.name_en),
        period=plan.period, intro=tpl.intro_zh if zh else tpl.intro_en, questions=questions, unit=unit,
        recipient=recipient.name, anonymous=plan.anonymous, ask_unit=plan.ask_unit,
        return_by=plan.collect_by.isoformat() if plan.collect_by else "")


@dataclass(frozen=True)
class ExportResult:
    plan_number: str
    folder: Path
    files: list[Path]
    state: str


def export_workbooks(actor: Actor, plan_id: int, out_dir: str | Path, *, language: str | None = None,
                     only_unsent: bool = False, progress: Callable[[int, int], None] | None = None,
                     is_cancelled: Callable[[], bool] | None = None) -> ExportResult:
    """Write one workbook per recipient into `out_dir` (each file atomic) and mark them sent (R29).

    An approved plan becomes distributing, and collecting once every recipient has a workbook.
    Recipients who already returned theirs get none. Cancelling keeps the files already written
    (and their recipients marked sent).
    """
    require(actor, Permission.SURVEY_COLLECT)
    plan = records.load(SurveyPlan, plan_id)
    require_state(plan, (S.APPROVED.value, S.DISTRIBUTING.value, S.COLLECTING.value))
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise ValidationError(t("{path} is not a folder.", path=folder), field="folder")
    recipients = _recipients(plan, only_unsent)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise unwritable(folder, exc, field="folder") from exc
    if plan.state == S.APPROVED:
        plan = move(actor, plan, None, S.DISTRIBUTING.value, "survey_plan.distribute")
    files: list[Path] = []
    used: set[str] = set()
    total = len(recipients)
    for done, recipient in enumerate(recipients):
        check_cancelled(is_cancelled)
        report(progress, done, total)
        name = _file_name(recipient, used)
        path = wbio.write_workbook(workbook_spec(recipient, language), folder / name)
        files.append(path)
        SurveyRecipient.update(sent_at=now(), file_name=name).where(SurveyRecipient.id == recipient.id).execute()
    report(progress, total, total)
    audit.record(actor, "survey_plan.export", plan, after={"files": len(files), "folder": str(folder)})
    return ExportResult(plan.number, folder, files, _collecting_when_all_sent(actor, plan.id).state)


def _recipients(plan: SurveyPlan, only_unsent: bool) -> list[SurveyRecipient]:
    """Who gets a workbook: every recipient who has not returned one (only those never sent one, if asked)."""
    query = SurveyRecipient.select().where((SurveyRecipient.plan == plan.id)
                                           & SurveyRecipient.returned_at.is_null(True))
    if only_unsent:
        query = query.where(SurveyRecipient.sent_at.is_null(True))
    recipients = list(query.order_by(SurveyRecipient.unit, SurveyRecipient.name, SurveyRecipient.id))
    if not recipients:
        raise ValidationError(t("Survey plan {number} has no recipient left to send a workbook to.",
                                number=plan.number), field="recipients")
    return recipients


def _collecting_when_all_sent(actor: Actor, plan_id: int) -> SurveyPlan:
    """A distributing plan moves on to collecting once every recipient has a workbook."""
    plan = records.load(SurveyPlan, plan_id)
    unsent = SurveyRecipient.select().where((SurveyRecipient.plan == plan.id)
                                            & SurveyRecipient.sent_at.is_null(True)).exists()
    if plan.state == S.DISTRIBUTING and not unsent:
        plan = move(actor, plan, None, S.COLLECTING.value, "survey_plan.collect")
    return plan



XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file_name(recipient: SurveyRecipient, used: set[str]) -> str:
    """A file name for the recipient's workbook, unique (case-blind) among `used`, which it joins."""
    unit = recipient.unit.name if recipient.unit_id else ""
    name = wbio.safe_file_name(recipient.plan.number, unit, recipient.name)
    if name.casefold() in used:
        name = wbio.safe_file_name(recipient.plan.number, unit, recipient.name, str(recipient.id))
    used.add(name.casefold())
    return name


def questionnaire_attachment(recipient: SurveyRecipient, language: str | None = None,
                             file_name: str = "") -> Attachment:
    """The recipient's workbook as a mail attachment (made in a temporary folder, read back as bytes)."""
    name = file_name or recipient.file_name or _file_name(recipient, set())
    with tempfile.TemporaryDirectory(prefix="desk-survey-") as folder:
        path = wbio.write_workbook(workbook_spec(recipient, language), Path(folder) / name)
        return Attachment(name, path.read_bytes(), XLSX_TYPE)


@dataclass(frozen=True)
class MailResult:
    plan_number: str
    queued: int
    no_address: list[str]
    state: str
    queued_to: tuple[str, ...] = ()  # "name <address>" of each recipient queued, in the order mailed


def mail_workbooks(actor: Actor, plan_id: int, *, language: str | None = None, only_unsent: bool = False,
                   progress: Callable[[int, int], None] | None = None,
                   is_cancelled: Callable[[], bool] | None = None) -> MailResult:
    """Queue each recipient's workbook as an e-mail (R51), marking them sent in the same transaction.

    Recipients without an address are named in the result and stay unsent (their workbooks go out by hand:
    export the unsent ones to a folder). Cancelling keeps the recipients already queued.
    """
    require(actor, Permission.SURVEY_COLLECT)
    plan = records.load(SurveyPlan, plan_id)
    require_state(plan, (S.APPROVED.value, S.DISTRIBUTING.value, S.COLLECTING.value))
    recipients = _recipients(plan, only_unsent)
    language = language or outbox.desk_language()
    if plan.state == S.APPROVED:
        plan = move(actor, plan, None, S.DISTRIBUTING.value, "survey_plan.distribute")
    used: set[str] = set()
    queued_to: list[str] = []
    missing: list[str] = []
    total = len(recipients)
    for done, recipient in enumerate(recipients):
        check_cancelled(is_cancelled)
        report(progress, done, total)
        name = _file_name(recipient, used)
        attachment = questionnaire_attachment(recipient, language, name) if recipient.email.strip() else None
        values = {"plan": plan.title or plan.number, "unit": recipient.unit.name if recipient.unit_id else "",
                  "due": plan.collect_by.isoformat() if plan.collect_by else "—"}
        with SurveyPlan._meta.database.atomic():
            outbox.queue("survey.questionnaire", outbox.Recipient(recipient.email.strip(), recipient.name, language),
                         values, entity="survey_recipient", entity_id=recipient.id,
                         attachments=(attachment,) if attachment else ())
            if attachment:
                SurveyRecipient.update(sent_at=now(), file_name=name).where(
                    SurveyRecipient.id == recipient.id).execute()
        if attachment:
            queued_to.append(f"{recipient.name} <{recipient.email.strip()}>")
        else:
            missing.append(recipient.name)
    report(progress, total, total)
    audit.record(actor, "survey_plan.mail", plan, after={"queued": len(queued_to), "no_address": len(missing)})
    return MailResult(plan.number, len(queued_to), missing, _collecting_when_all_sent(actor, plan.id).state,
                      tuple(queued_to))
