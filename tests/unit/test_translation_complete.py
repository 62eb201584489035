"""The Simplified Chinese translation is complete (R43): the Qt .ts file and the i18n_zh table of t()."""

import ast
import importlib.util
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "resources" / "translations" / "desk_app_zh_CN.ts"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%\d")


def messages() -> list[tuple[str, str, str | None, list[str], str | None]]:
    """(context, source, comment, translated texts, translation type) of every current message."""
    result = []
    for context in ET.parse(TS_FILE).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else None
            if kind in ("obsolete", "vanished"):
                continue
            forms = [] if translation is None else (
                [form.text or "" for form in translation.iter("numerusform")] or [translation.text or ""])
            result.append((name, message.findtext("source") or "", message.findtext("comment"), forms, kind))
    return result


def tool(name: str):
    """A module of tools/ (not a package), loaded from its file."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check_i18n():
    return tool("check_i18n")


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def tr_literals() -> dict[tuple[str, str], str]:
    """(context, source text) → file of every `self.tr("…")` / `QCoreApplication.translate("C", "…")` literal
    in desk_app/ui, found with `ast` (so also any lupdate would miss)."""
    result: dict[tuple[str, str], str] = {}

    def visit(node: ast.AST, classes: tuple[str, ...], where: str) -> None:
        if isinstance(node, ast.ClassDef):
            classes = (*classes, node.name)
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            texts = [_literal(a) for a in node.args[:2]]
            if name in ("translate", "QT_TRANSLATE_NOOP") and len(texts) == 2 and None not in texts:
                result.setdefault((texts[0], texts[1]), where)
            elif name == "tr" and texts and texts[0] is not None and classes:
                result.setdefault((classes[-1], texts[0]), where)
        for child in ast.iter_child_nodes(node):
            visit(child, classes, where)

    for path in sorted((ROOT / "desk_app" / "ui").glob("*.py")):
        visit(ast.parse(path.read_text(encoding="utf-8"), str(path)), (), str(path.relative_to(ROOT)))
    return result


def test_the_ts_file_has_no_unfinished_translation():
    unfinished = [(context, source) for context, source, _comment, forms, kind in messages()
                  if kind == "unfinished" or not any(text.strip() for text in forms)]
    assert unfinished == []
    assert len(messages()) > 500


@pytest.mark.parametrize("numerus", [False, True])
def test_every_translation_keeps_the_placeholders_of_its_source(numerus):
    wrong = []
    for context, source, comment, forms, _kind in messages():
        if (len(forms) > 1 or "%n" in source) != numerus:
            continue
        # lupdate reads `tr = QCoreApplication.translate; tr("Context", "text")` as source + comment
        original = comment if context == "" and comment else source
        expected = Counter(PLACEHOLDER.findall(original))
        wrong += [(context, source, text) for text in forms if Counter(PLACEHOLDER.findall(text)) != expected]
    assert wrong == []


def test_every_tr_literal_of_the_ui_is_translated_in_its_context():
    """Scanned with ast, so a literal lupdate cannot see (in an f-string, behind an alias) fails here."""
    translated = {(context, source) for context, source, _comment, forms, kind in messages()
                  if kind is None and any(text.strip() for text in forms)}
    wanted = tr_literals()
    assert len(wanted) > 500
    assert {key: where for key, where in wanted.items() if key not in translated} == {}


def test_every_translation_keeps_the_markup_of_its_source():
    tags = re.compile(r"</?[a-z]+[^>]*>")
    wrong = [(context, source, forms[0]) for context, source, _comment, forms, _kind in messages()
             if forms and Counter(tags.findall(source)) != Counter(tags.findall(forms[0]))]
    assert wrong == []


def test_accelerators_survive_translation():
    accelerator = re.compile(r"&(?!nbsp;|amp;|lt;|gt;)[A-Za-z0-9]")
    lost = [(context, source, forms[0]) for context, source, _comment, forms, _kind in messages()
            if forms and accelerator.search(source) and not accelerator.search(forms[0])]
    assert lost == []


def test_every_t_literal_and_code_label_has_chinese():
    checker = check_i18n()
    used = checker.used_texts()
    assert "Service desk agent" in used  # CODE_LABELS values are scanned
    assert len(used) > 100  # and the t() calls of the services and reports
    assert checker.missing() == {}


def test_the_zh_table_has_no_duplicate_key():
    assert check_i18n().duplicate_keys() == []


def test_placeholders_of_the_zh_table_match():
    from desk_app.i18n_zh import ZH

    wrong = {source: text for source, text in ZH.items()
             if Counter(re.findall(r"\{[^{}]*\}", source)) != Counter(re.findall(r"\{[^{}]*\}", text))}
    assert wrong == {}
