"""List the English texts given to desk_app.i18n.t() that have no Chinese in desk_app/i18n_zh.py.

Scans desk_app/ with `ast` for string literals passed to `t("…")`, `doc.t("…")`, `self.t("…")`,
`translate(language, "…")` (desk_app.i18n.translate, outside the Qt UI) and the values of
`desk_app.i18n.CODE_LABELS`, and prints each one missing from `ZH` with where it is used.
It also reports duplicate keys in the ZH dict literal. Exit status 1 when anything is missing.

Usage: python tools/check_i18n.py
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "desk_app"
ZH_FILE = PACKAGE / "i18n_zh.py"
I18N_FILE = PACKAGE / "i18n.py"


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _called_text(node: ast.Call, in_ui: bool) -> str | None:
    """The literal English text of a t()/translate() call, else None."""
    func = node.func
    if isinstance(func, ast.Name) and func.id == "t" or (
            isinstance(func, ast.Attribute) and func.attr == "t" and isinstance(func.value, ast.Name)):
        return _literal(node.args[0]) if node.args else None
    is_translate = (isinstance(func, ast.Name) and func.id == "translate") or (
        isinstance(func, ast.Attribute) and func.attr == "translate" and isinstance(func.value, ast.Name)
        and func.value.id in ("builder", "i18n"))
    if is_translate and not in_ui and len(node.args) >= 2:
        return _literal(node.args[1])
    return None


def used_texts() -> dict[str, str]:
    """English text → "file:line" of its first use, for every t() literal and CODE_LABELS value."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == ZH_FILE:
            continue
        relative = path.relative_to(ROOT)
        in_ui = relative.parts[:2] == ("desk_app", "ui")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Call):
                text = _called_text(node, in_ui)
                if text is not None:
                    found.setdefault(text, f"{relative}:{node.lineno}")
    for text in code_labels().values():
        found.setdefault(text, str(I18N_FILE.relative_to(ROOT)) + " CODE_LABELS")
    return found


def code_labels() -> dict[str, str]:
    """desk_app.i18n.CODE_LABELS, read from the source (no import needed)."""
    for node in ast.parse(I18N_FILE.read_text(encoding="utf-8")).body:
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) else None)
        if isinstance(target, ast.Name) and target.id == "CODE_LABELS" and node.value is not None:
            return ast.literal_eval(node.value)
    raise LookupError("CODE_LABELS not found in desk_app/i18n.py")


def zh_keys() -> list[str]:
    """The keys of the ZH dict literal in desk_app/i18n_zh.py, in order, duplicates kept."""
    for node in ast.parse(ZH_FILE.read_text(encoding="utf-8")).body:
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) else None)
        if isinstance(target, ast.Name) and target.id == "ZH" and isinstance(node.value, ast.Dict):
            return [ast.literal_eval(key) for key in node.value.keys if key is not None]
    raise LookupError("ZH dict not found in desk_app/i18n_zh.py")


def duplicate_keys() -> list[str]:
    seen: set[str] = set()
    duplicates = []
    for key in zh_keys():
        if key in seen:
            duplicates.append(key)
        seen.add(key)
    return duplicates


def missing() -> dict[str, str]:
    """English text → where it is used, for every text without a ZH entry."""
    keys = set(zh_keys())
    return {text: where for text, where in used_texts().items() if text not in keys}


def main() -> int:
    gaps = missing()
    for text, where in sorted(gaps.items(), key=lambda item: item[1]):
        print(f"{where}: {text!r}")
    duplicates = duplicate_keys()
    for key in duplicates:
        print(f"duplicate ZH key: {key!r}")
    print(f"{len(gaps)} texts without Chinese, {len(duplicates)} duplicate keys", file=sys.stderr)
    return 1 if gaps or duplicates else 0


if __name__ == "__main__":
    raise SystemExit(main())
