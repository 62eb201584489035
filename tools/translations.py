"""The one translation catalogue: extract every user-visible text, merge it into the .po files, compile .mo.

Everything a user reads goes through gettext catalogues under resources/translations/<lang>/LC_MESSAGES/
(desk_app.po, compiled to desk_app.mo): widget texts (`self.tr`, `QCoreApplication.translate`,
`QT_TRANSLATE_NOOP`, with the Qt context as msgctxt, as lupdate would give it) and the texts of the services,
reports, CLI and mail (`t()`, `translate(language, …)`, `N_()` markers, no msgctxt unless a `context=` is
given). Babel reads, merges and writes the catalogues; only the scan of our own call shapes is ours, because
no stock extractor knows that `self.tr` takes its context from the enclosing class.

Usage: python tools/translations.py [--check]
  (no option)  extract, update the .po files (new texts untranslated, removed texts dropped), compile .mo
  --check      change nothing; list missing, unused and placeholder-breaking entries and stale .mo files
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "desk_app"
CATALOGUES = ROOT / "resources" / "translations"
DOMAIN = "desk_app"
LANGUAGES = ("zh_CN",)
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%\d")

Key = tuple[str | None, str]  # (msgctxt, msgid)


@dataclass
class Found:
    """One text to translate and where it is used."""

    plural: bool = False
    locations: list[tuple[str, int]] = field(default_factory=list)


def po_path(language: str) -> Path:
    return CATALOGUES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _text(node: ast.expr | None, constants: dict[str, str]) -> str | None:
    """A string literal, or a module-level string constant named by `node`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return None


def _constants(tree: ast.Module) -> dict[str, str]:
    """Module-level NAME = "text" assignments (contexts such as _CONTEXT, DIMENSION_CONTEXT)."""
    found = {}
    for node in tree.body:
        target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else (
            node.target if isinstance(node, ast.AnnAssign) else None)
        if isinstance(target, ast.Name) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            found[target.id] = node.value.value
    return found


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _call_key(call: ast.Call, classes: tuple[str, ...], constants: dict[str, str]) -> tuple[Key, bool] | None:
    """The (msgctxt, msgid) a call asks to translate and whether it is a plural, else None."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    args = call.args
    owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else None
    if name == "tr" and isinstance(func, ast.Attribute) and classes and args:
        text = _text(args[0], constants)
        return ((classes[-1], text), len(args) >= 3) if text is not None else None
    if name == "QT_TRANSLATE_NOOP" or (name == "translate" and owner in ("QCoreApplication", "QApplication")):
        context, text = (_text(a, constants) for a in (args + [None, None])[:2])
        return ((context, text), len(args) >= 4) if context is not None and text is not None else None
    if name in ("t", "N_") and args:
        text = _text(args[0], constants)
    elif name == "translate" and len(args) >= 2:
        text = _text(args[1], constants)
    else:
        return None
    if text is None:
        return None
    context_node = _keyword(call, "context")
    context = None if context_node is None else _text(context_node, constants | I18N_CONSTANTS)
    return (context, text), False


def _scan(path: Path, found: dict[Key, Found]) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    constants = _constants(tree)
    where = str(path.relative_to(ROOT))

    def visit(node: ast.AST, classes: tuple[str, ...]) -> None:
        if isinstance(node, ast.ClassDef):
            classes = (*classes, node.name)
        elif isinstance(node, ast.Call):
            hit = _call_key(node, classes, constants)
            if hit is not None:
                entry = found.setdefault(hit[0], Found())
                entry.plural = entry.plural or hit[1]
                entry.locations.append((where, node.lineno))
        for child in ast.iter_child_nodes(node):
            visit(child, classes)

    visit(tree, ())


I18N_CONSTANTS = _constants(ast.parse((PACKAGE / "i18n.py").read_text(encoding="utf-8")))


def extract() -> dict[Key, Found]:
    """Every text of desk_app/ that a user may read, keyed by (msgctxt, msgid)."""
    found: dict[Key, Found] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        _scan(path, found)
    return found


def template(found: dict[Key, Found]) -> Catalog:
    catalog = Catalog(project="Service Desk", domain=DOMAIN)
    for (context, text), entry in sorted(found.items(), key=lambda item: (item[0][0] or "", item[0][1])):
        catalog.add((text, text) if entry.plural else text, locations=entry.locations, context=context)
    return catalog


def read(language: str) -> Catalog:
    with po_path(language).open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def write(language: str, catalog: Catalog) -> None:
    po_path(language).parent.mkdir(parents=True, exist_ok=True)
    with po_path(language).open("wb") as handle:
        write_po(handle, catalog, width=0, include_lineno=False, ignore_obsolete=True, sort_output=True)


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def _forms(message) -> list[str]:
    return list(message.string) if isinstance(message.string, (tuple, list)) else [message.string or ""]


@dataclass
class Problems:
    missing: list[Key] = field(default_factory=list)
    unused: list[Key] = field(default_factory=list)
    placeholders: list[Key] = field(default_factory=list)
    stale_mo: bool = False

    def __bool__(self) -> bool:
        return bool(self.missing or self.unused or self.placeholders or self.stale_mo)


def check(language: str, found: dict[Key, Found] | None = None) -> Problems:
    """What is wrong with one language's catalogue against the code."""
    found = extract() if found is None else found
    catalog = read(language)
    problems = Problems()
    present: set[Key] = set()
    for message in catalog:
        if not message.id:
            continue
        key = (message.context, message.id if isinstance(message.id, str) else message.id[0])
        present.add(key)
        if key not in found:
            problems.unused.append(key)
        elif message.fuzzy or not any(text.strip() for text in _forms(message)):
            problems.missing.append(key)
        elif any(Counter(PLACEHOLDER.findall(text)) != Counter(PLACEHOLDER.findall(key[1]))
                 for text in _forms(message)):
            problems.placeholders.append(key)
    problems.missing += sorted(set(found) - present, key=lambda key: (key[0] or "", key[1]))
    mo = po_path(language).with_suffix(".mo")
    problems.stale_mo = not mo.exists() or mo.read_bytes() != compiled(catalog)
    return problems


def update(language: str, found: dict[Key, Found]) -> Catalog:
    """Merge the extracted texts into the language's .po (creating it), write it and its .mo."""
    catalog = read(language) if po_path(language).exists() else Catalog(locale=language, domain=DOMAIN)
    catalog.update(template(found), no_fuzzy_matching=True, update_creation_date=False)
    write(language, catalog)
    po_path(language).with_suffix(".mo").write_bytes(compiled(read(language)))
    return catalog


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing, report problems")
    args = parser.parse_args(argv)
    found = extract()
    status = 0
    for language in LANGUAGES:
        if not args.check:
            update(language, found)
        problems = check(language, found)
        relative = po_path(language).relative_to(ROOT)
        print(f"{relative}: {len(found)} texts, {len(problems.missing)} untranslated, "
              f"{len(problems.unused)} unused, {len(problems.placeholders)} with wrong placeholders"
              + (", .mo out of date" if problems.stale_mo else ""))
        for label, keys in (("untranslated", problems.missing), ("unused", problems.unused),
                            ("placeholders differ", problems.placeholders)):
            for context, text in keys:
                print(f"  {label}: {text!r}" + (f" (context {context})" if context else ""))
        status = status or int(bool(problems))
    return status


if __name__ == "__main__":
    sys.exit(main())
