"""Questionnaire templates (R27): the three standard questionnaires, versioning on edit, and the
questions and dimension names a plan, a workbook or an analysis reads from them."""

from dataclasses import dataclass

from desk_app.errors import ValidationError
from desk_app.i18n import DIMENSION_CONTEXT, DIMENSION_LABELS, current_language, t, translate
from desk_app.models import SurveyPlan, SurveyQuestion, SurveyTemplate
from desk_app.models.base import LONG_TEXT
from desk_app.models.enums import AnswerType, Dimension, SurveyKind
from desk_app.services import audit, records
from desk_app.services.actor import Actor
from desk_app.services.permissions import Permission, require
from desk_app.services.validation import clean_text

D, A = Dimension, AnswerType


@dataclass(frozen=True)
class QuestionInput:
    dimension: str
    text_zh: str
    text_en: str
    answer_type: str = AnswerType.RATING5.value
    required: bool = True


def _q(dimension: Dimension, zh: str, en: str, answer: AnswerType = A.RATING5, required: bool = True):
    return QuestionInput(dimension.value, zh, en, answer.value, required)


#: code → (kind, Chinese name, English name, Chinese intro, English intro, questions)
STANDARD: dict[str, tuple[str, str, str, str, str, tuple[QuestionInput, ...]]] = {
    "incident": (
        SurveyKind.INCIDENT, "事件满意度调查问卷", "Incident satisfaction questionnaire",
        "您好，这里是服务台。您报修的故障已处理完毕，占用您一分钟时间做个回访。",
        "Hello, this is the service desk. Your reported fault has been handled; may we take a minute of your time?",
        (
            _q(D.RESPONSE, "故障发生后，维修人员响应是否及时？", "Did the technician respond in time?"),
            _q(D.RESOLUTION, "故障是否及时得到解决？", "Was the fault resolved in time?"),
            _q(D.ATTITUDE, "维修人员的服务态度如何？", "How was the technician's attitude?"),
            _q(D.TECHNICAL, "维修人员的专业技术水平如何？", "How was the technician's professional skill?"),
            _q(D.OVERALL, "您对本次服务的总体评价", "Your overall evaluation of this service"),
            _q(D.OVERALL, "您的意见和建议", "Your comments and suggestions", A.TEXT, False),
        ),
    ),
    "company": (
        SurveyKind.COMPANY, "公司满意度调查问卷", "Company satisfaction questionnaire",
        "感谢贵单位一直以来对我们运维服务工作的支持，请对本季度的服务作出评价。",
        "Thank you for your support of our IT service. Please rate our service this quarter.",
        (
            _q(D.OVERALL, "对运维团队的总体评价", "Overall evaluation of the IT service team"),
            _q(D.QUALITY, "运维服务质量", "Quality of the IT service"),
            _q(D.PROCESS, "报修、处理、回访等服务流程是否规范", "Are reporting, handling and callbacks well run?"),
            _q(D.TECHNICAL, "运维人员的专业技术能力", "Professional and technical ability of the staff"),
            _q(D.RESPONSE, "故障响应的及时性", "Timeliness of the response to faults"),
            _q(D.RESOLUTION, "问题解决的及时性", "Timeliness of problem resolution"),
            _q(D.ATTITUDE, "运维人员的服务态度", "Service attitude of the staff"),
            _q(D.COMMUNICATION, "沟通与协调", "Communication and coordination"),
            _q(D.OVERALL, "是否愿意继续选择我们的服务", "Would you continue to choose our service?", A.YESNO),
            _q(D.OVERALL, "意见和建议", "Comments and suggestions", A.TEXT, False),
        ),
    ),
    "annual": (
        SurveyKind.ANNUAL, "IT服务用户满意度调查表", "Annual IT service user satisfaction survey",
        "为持续改进IT运维服务质量，请您对过去一年的服务作出评价。本调查表仅用于服务改进。",
        "To keep improving our IT service, please rate the service of the past year. Used for improvement only.",
        (
            _q(D.OVERALL, "对运维团队的总体评价", "Overall evaluation of the IT service team"),
            _q(D.QUALITY, "运维服务质量的总体水平", "Overall quality of the IT service"),
            _q(D.QUALITY, "故障修复后设备、系统运行是否稳定", "Do devices and systems run stably after repair?"),
            _q(D.PROCESS, "报修渠道是否畅通、便捷", "Are the reporting channels easy to reach?"),
            _q(D.PROCESS, "服务流程操作是否规范", "Are the service procedures followed properly?"),
            _q(D.TECHNICAL, "运维人员的专业技术水平", "Professional skill of the staff"),
            _q(D.TECHNICAL, "疑难问题的解决能力", "Ability to solve difficult problems"),
            _q(D.RESPONSE, "服务响应是否及时", "Is the response timely?"),
            _q(D.RESOLUTION, "问题解决是否及时", "Are problems resolved in time?"),
            _q(D.ATTITUDE, "运维人员的服务态度与礼仪", "Attitude and courtesy of the staff"),
            _q(D.COMMUNICATION, "故障处理过程中的沟通与反馈", "Communication and feedback while handling faults"),
            _q(D.COMMUNICATION, "对您的意见和建议的跟进", "Follow-up of your comments and suggestions"),
            _q(D.OVERALL, "意见和建议", "Comments and suggestions", A.TEXT, False),
        ),
    ),
}


@dataclass(frozen=True)
class QuestionRow:
    id: int
    seq: int
    dimension: str
    text_zh: str
    text_en: str
    answer_type: str
    required: bool

    def text(self) -> str:
        return self.text_zh if current_language() == "zh_CN" else self.text_en


@dataclass(frozen=True)
class TemplateRow:
    id: int
    code: str
    kind: str
    name_zh: str
    name_en: str
    intro_zh: str
    intro_en: str
    template_version: int
    is_current: bool
    in_use: bool
    questions: tuple[QuestionRow, ...]
    version: int

    def name(self) -> str:
        return self.name_zh if current_language() == "zh_CN" else self.name_en


def ensure_standard_templates() -> None:
    """Install the three standard questionnaires once (a new database gets them at first open)."""
    with SurveyTemplate._meta.database.atomic():
        for code, (kind, name_zh, name_en, intro_zh, intro_en, questions) in STANDARD.items():
            if SurveyTemplate.select().where(SurveyTemplate.code == code).exists():
                continue
            template = SurveyTemplate.create(code=code, kind=kind.value, name_zh=name_zh, name_en=name_en,
                                             intro_zh=intro_zh, intro_en=intro_en)
            _store_questions(template, questions)


def _store_questions(template: SurveyTemplate, questions: tuple[QuestionInput, ...] | list[QuestionInput]) -> None:
    SurveyQuestion.insert_many([
        {"template": template.id, "seq": n, "dimension": q.dimension, "text_zh": q.text_zh, "text_en": q.text_en,
         "answer_type": q.answer_type, "required": q.required}
        for n, q in enumerate(questions, start=1)
    ]).execute()


def dimension_label(code: str, language: str | None = None) -> str:
    """The dimension's name in `language` (None: the interface's); a workbook's can differ from it."""
    name = DIMENSION_LABELS.get(code)
    return translate(language, name, context=DIMENSION_CONTEXT) if name else code


def template_questions(template_id: int) -> list[SurveyQuestion]:
    """The questions of a template in their order."""
    return list(SurveyQuestion.select().where(SurveyQuestion.template == template_id).order_by(SurveyQuestion.seq))


def in_use(template_id: int) -> bool:
    """A template is in use once a survey plan refers to it; it then never changes."""
    return SurveyPlan.select().where(SurveyPlan.template == template_id).exists()


def _row(tpl: SurveyTemplate) -> TemplateRow:
    questions = tuple(QuestionRow(q.id, q.seq, q.dimension, q.text_zh, q.text_en, q.answer_type, q.required)
                      for q in tpl.questions.order_by(SurveyQuestion.seq))
    return TemplateRow(tpl.id, tpl.code, tpl.kind, tpl.name_zh, tpl.name_en, tpl.intro_zh, tpl.intro_en,
                       tpl.template_version, tpl.is_current, in_use(tpl.id), questions, tpl.version)


def get_template(template_id: int) -> TemplateRow:
    return _row(records.load(SurveyTemplate, template_id))


def list_templates(current_only: bool = True) -> list[TemplateRow]:
    query = SurveyTemplate.select().order_by(SurveyTemplate.code, SurveyTemplate.template_version.desc())
    if current_only:
        query = query.where(SurveyTemplate.is_current == True)  # noqa: E712
    return [_row(tpl) for tpl in query]


def _check_questions(questions: list[QuestionInput]) -> list[QuestionInput]:
    if not questions:
        raise ValidationError(t("A questionnaire needs at least one question."), field="questions")
    checked = []
    for n, q in enumerate(questions, start=1):
        where = t("Question {n}", n=n)
        if q.dimension not in {d.value for d in Dimension}:
            raise ValidationError(t("{field} has the wrong form.", field=f"{where}: {t('Dimension')}"),
                                  field="dimension")
        if q.answer_type not in {a.value for a in AnswerType}:
            raise ValidationError(t("{field} has the wrong form.", field=f"{where}: {t('Answer type')}"),
                                  field="answer_type")
        checked.append(QuestionInput(
            q.dimension, clean_text(q.text_zh, f"{where} ({t('Chinese')})", required=True, max_length=500),
            clean_text(q.text_en, f"{where} ({t('English')})", required=True, max_length=500),
            q.answer_type, bool(q.required)))
    return checked


def save_template(actor: Actor, template_id: int, expected_version: int, name_zh: str, name_en: str,
                  intro_zh: str, intro_en: str, questions: list[QuestionInput]) -> TemplateRow:
    """Edit a template. A template a plan already uses is never changed: a new version is made instead."""
    require(actor, Permission.SURVEY_PLAN)
    old = records.load(SurveyTemplate, template_id)
    fields = {"name_zh": clean_text(name_zh, t("Name (Chinese)"), required=True, field="name_zh"),
              "name_en": clean_text(name_en, t("Name (English)"), required=True, field="name_en"),
              "intro_zh": clean_text(intro_zh, t("Introduction"), max_length=LONG_TEXT),
              "intro_en": clean_text(intro_en, t("Introduction"), max_length=LONG_TEXT)}
    questions = _check_questions(questions)
    with SurveyTemplate._meta.database.atomic():
        if in_use(old.id):
            if not old.is_current:
                raise ValidationError(t("Edit the current version of this questionnaire."), field="version")
            records.update(actor, old, expected_version, {"is_current": False}, "survey_template.supersede")
            new = SurveyTemplate.create(code=old.code, kind=old.kind, template_version=old.template_version + 1,
                                        previous=old, updated_by=actor.id, **fields)
            _store_questions(new, questions)
            audit.record(actor, "survey_template.new_version", new, after=audit.snapshot(new))
            return get_template(new.id)
        records.update(actor, old, expected_version, fields, "survey_template.update")
        SurveyQuestion.delete().where(SurveyQuestion.template == old.id).execute()
        _store_questions(old, questions)
    return get_template(old.id)
