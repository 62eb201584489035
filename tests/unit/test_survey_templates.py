"""R27: the standard questionnaires are pre-installed; editing a used template makes a new version."""

import pytest

from desk_app.errors import PermissionDenied, ValidationError
from desk_app.models import SurveyPlan, SurveyQuestion, SurveyTemplate
from desk_app.models.enums import Dimension
from desk_app.services import survey_templates
from desk_app.services.survey_templates import QuestionInput


def test_three_standard_templates_installed_once(db):
    rows = survey_templates.list_templates()
    assert {r.code for r in rows} == {"incident", "company", "annual"}
    names = {r.code: r.name_zh for r in rows}
    assert names["annual"] == "IT服务用户满意度调查表"
    assert names["company"] == "公司满意度调查问卷"
    assert names["incident"] == "事件满意度调查问卷"
    survey_templates.ensure_standard_templates()
    assert SurveyTemplate.select().count() == 3
    dimensions = {q.dimension for r in rows for q in r.questions}
    assert dimensions == {d.value for d in Dimension}  # every dimension of R27 is asked somewhere
    assert all(q.text_zh and q.text_en for r in rows for q in r.questions)


def _edited(row, extra: str) -> list[QuestionInput]:
    questions = [QuestionInput(q.dimension, q.text_zh, q.text_en, q.answer_type, q.required) for q in row.questions]
    return questions + [QuestionInput("attitude", extra, "Extra question", "rating3", False)]


def test_unused_template_is_edited_in_place(db, make_user):
    quality = make_user("quality")
    row = next(r for r in survey_templates.list_templates() if r.code == "company")
    saved = survey_templates.save_template(quality, row.id, row.version, row.name_zh, row.name_en, row.intro_zh,
                                           row.intro_en, _edited(row, "新增问题"))
    assert saved.id == row.id and saved.template_version == 1
    assert len(saved.questions) == len(row.questions) + 1


def test_used_template_gets_new_version(db, make_user):
    quality = make_user("quality")
    row = next(r for r in survey_templates.list_templates() if r.code == "annual")
    SurveyPlan.create(number="DC-2026-01", template=row.id, title="2026年度调查", period="2026")
    saved = survey_templates.save_template(quality, row.id, row.version, "IT服务用户满意度调查表（修订）", row.name_en,
                                           row.intro_zh, row.intro_en, _edited(row, "新增问题"))
    assert saved.id != row.id and saved.template_version == 2 and saved.is_current
    old = survey_templates.get_template(row.id)
    assert not old.is_current and old.name_zh == "IT服务用户满意度调查表"
    assert len(old.questions) == len(row.questions)  # the plan's questions never change
    assert SurveyQuestion.select().where(SurveyQuestion.template == row.id).count() == len(row.questions)
    current = [r for r in survey_templates.list_templates() if r.code == "annual"]
    assert [r.id for r in current] == [saved.id]
    with pytest.raises(ValidationError):  # the superseded version cannot be edited again
        survey_templates.save_template(quality, row.id, old.version, "x", "x", "", "", _edited(row, "y"))


def test_validation_and_permission(db, make_user):
    quality, agent = make_user("quality"), make_user("agent")
    row = survey_templates.list_templates()[0]
    with pytest.raises(PermissionDenied):
        survey_templates.save_template(agent, row.id, row.version, "x", "x", "", "", _edited(row, "y"))
    with pytest.raises(ValidationError):
        survey_templates.save_template(quality, row.id, row.version, "x", "x", "", "", [])
    with pytest.raises(ValidationError, match="Question 1"):
        survey_templates.save_template(quality, row.id, row.version, "x", "x", "", "",
                                       [QuestionInput("nonsense", "问", "Q")])
