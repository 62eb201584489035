"""The one translation catalogue read outside Qt, and the choice of language (R43)."""

import pytest

from desk_app import i18n
from desk_app.i18n import label, resolve_language, set_language, t
from desk_app.models.enums import Rating, Role

_LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


@pytest.fixture
def clean_locale(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for var in _LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)
    return monkeypatch


def test_english_is_the_source_text():
    set_language("en")
    assert t("Wrong user name or password.") == "Wrong user name or password."


def test_chinese_for_a_known_string():
    set_language("zh_CN")
    assert i18n.current_language() == "zh_CN"
    assert t("Wrong user name or password.") == "用户名或密码错误。"


def test_placeholders_filled_in_both_languages():
    set_language("en")
    assert t("The password must have at least {n} characters.", n=8) == "The password must have at least 8 characters."
    set_language("zh_CN")
    assert t("The password must have at least {n} characters.", n=8) == "密码至少需要 8 个字符。"
    assert t("Setting {key}: {problem}", key="kpi.factor", problem="x") == "设置 kpi.factor：x"


def test_unknown_string_passes_through():
    set_language("zh_CN")
    assert t("Not in the table") == "Not in the table"
    assert t("Not in the table either: {x}", x=42) == "Not in the table either: 42"


def test_text_with_braces_but_no_values_is_untouched():
    set_language("en")
    assert t("literal {braces}") == "literal {braces}"


def test_code_labels():
    set_language("zh_CN")
    assert label(Rating.SATISFIED) == "满意"
    assert label(Rating.BASIC) == "基本满意"
    assert label(Rating.VERY_DISSATISFIED) == "非常不满意"
    assert label(Role.TEAM_LEAD) == "工长"
    assert label("unknown_code") == "unknown_code"
    set_language("en")
    assert label(Rating.DISSATISFIED) == "Dissatisfied"


def test_every_role_and_rating_has_a_chinese_label():
    set_language("zh_CN")
    for code in [*Role, *Rating]:
        text = label(code)
        assert text != code and any("\u4e00" <= ch <= "\u9fff" for ch in text), code


def test_unsupported_language_falls_back_to_english():
    set_language("fr")
    assert i18n.current_language() == "en"


def test_requested_language_wins(clean_locale):
    clean_locale.setenv("LANG", "zh_CN.UTF-8")
    assert resolve_language("en") == "en"
    clean_locale.setenv("LANG", "en_US.UTF-8")
    assert resolve_language("zh_CN") == "zh_CN"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("zh_CN.UTF-8", "zh_CN"), ("zh_TW.UTF-8", "zh_CN"), ("en_US.UTF-8", "en"), ("de_DE.UTF-8", "en")],
)
def test_falls_back_to_lang_env(clean_locale, lang, expected):
    clean_locale.setenv("LANG", lang)
    assert resolve_language(None) == expected
    assert resolve_language("fr") == expected


def test_lc_all_overrides_lang(clean_locale):
    clean_locale.setenv("LANG", "en_US.UTF-8")
    clean_locale.setenv("LC_ALL", "zh_CN.UTF-8")
    assert resolve_language(None) == "zh_CN"


def test_a_context_tells_one_english_text_apart_and_falls_back_to_the_plain_entry():
    dimension = i18n.DIMENSION_CONTEXT
    assert i18n.translate("zh_CN", "Service attitude", context=dimension) == "服务态度"
    assert i18n.translate("zh_CN", "Service attitude") == "维修人员服务态度"
    assert i18n.translate("zh_CN", "Wrong user name or password.", context="no such context") == "用户名或密码错误。"


def test_the_catalogue_says_when_it_has_no_translation():
    assert i18n.lookup("zh_CN", None, "A text nobody wrote") is None
    assert i18n.lookup("en", None, "Wrong user name or password.") is None  # English is the source
    assert i18n.lookup("zh_CN", "TodayTab", "%n overdue", 3) == "%n 项逾期"
    assert i18n.N_("Draft") == "Draft" and t("A text nobody wrote") == "A text nobody wrote"
