"""The one translation catalogue is complete (R43): every text a user reads, widgets and services alike."""

import importlib.util
import re
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_tool():
    """tools/translations.py (tools/ is not a package), loaded from its file."""
    spec = importlib.util.spec_from_file_location("translations", ROOT / "tools" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


@pytest.fixture(scope="module")
def found():
    return tool.extract()


@pytest.fixture(scope="module")
def problems(found):
    return tool.check("zh_CN", found)


def messages():
    """(context, source, translated forms) of every entry of the Chinese catalogue."""
    return [(m.context, m.id if isinstance(m.id, str) else m.id[0],
             list(m.string) if isinstance(m.string, (tuple, list)) else [m.string])
            for m in tool.read("zh_CN") if m.id]


def test_the_scan_sees_widgets_services_and_markers(found):
    assert ("MainWindow", "Service Desk") in found  # self.tr in a class: the class is the context
    assert ("TicketTableModel", "Resolution overdue (due {due})") in found  # a context held in a constant
    assert (None, "Wrong user name or password.") in found  # t() of a service
    assert (None, "Service desk agent") in found  # N_() of a code label
    assert ("survey dimension", "Service attitude") in found  # N_(…, context=…)
    assert len(found) > 1000


def test_the_scan_reads_every_call_shape(tmp_path, monkeypatch):
    package = tmp_path / "desk_app"
    package.mkdir()
    (package / "sample.py").write_text(textwrap.dedent('''
        CONTEXT = "Sheet"
        class Dialog:
            def build(self, n):
                self.tr("Save"); self.tr("%n row(s)", "", n)
                QCoreApplication.translate(CONTEXT, "Print"); QT_TRANSLATE_NOOP("Menu", "Quit")
                t("Closed"); doc.t("Page"); translate(language, "Total", context="report")
                N_("Draft"); self.tr(variable); t(f"{x}")
        def outside():
            self.tr("no class, no context")
        '''), encoding="utf-8")
    monkeypatch.setattr(tool, "PACKAGE", package)
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    found = tool.extract()
    assert set(found) == {("Dialog", "Save"), ("Dialog", "%n row(s)"), ("Sheet", "Print"), ("Menu", "Quit"),
                          (None, "Closed"), (None, "Page"), ("report", "Total"), (None, "Draft")}
    assert found[("Dialog", "%n row(s)")].plural and not found[("Dialog", "Save")].plural
    assert found[("Sheet", "Print")].locations == [("desk_app/sample.py", 6)]


def test_no_text_is_left_untranslated(problems):
    assert problems.missing == []


def test_the_catalogue_holds_no_text_the_code_no_longer_uses(problems):
    assert problems.unused == []


def test_every_translation_keeps_the_placeholders_of_its_source(problems):
    assert problems.placeholders == []


def test_the_compiled_catalogue_is_up_to_date(problems):
    assert not problems.stale_mo, "run `make translations` and commit the .mo"


def test_every_translation_keeps_the_markup_of_its_source():
    tags = re.compile(r"</?[a-z]+[^>]*>")
    wrong = [(context, source, forms[0]) for context, source, forms in messages()
             if Counter(tags.findall(source)) != Counter(tags.findall(forms[0] or ""))]
    assert wrong == []


def test_accelerators_survive_translation():
    accelerator = re.compile(r"&(?!nbsp;|amp;|lt;|gt;)[A-Za-z0-9]")
    lost = [(context, source, forms[0]) for context, source, forms in messages()
            if accelerator.search(source) and not accelerator.search(forms[0] or "")]
    assert lost == []


def test_the_check_reports_a_missing_an_unused_and_a_stale_entry(tmp_path, monkeypatch, found):
    monkeypatch.setattr(tool, "CATALOGUES", tmp_path)
    catalog = tool.template(found)
    for message in catalog:
        if message.id:
            message.string = ("译",) if message.pluralizable else "译"
    catalog.locale = "zh_CN"
    catalog.add("A text nobody uses", "没人用")
    context, text = next(iter(found))
    catalog.delete(text, context=context)  # now missing
    tool.write("zh_CN", catalog)
    problems = tool.check("zh_CN", found)
    assert (None, "A text nobody uses") in problems.unused
    assert problems.missing and problems.stale_mo
