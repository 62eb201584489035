"""Refresh the Qt translations: lupdate desk_app/ui/*.py into the .ts (keeping translations), lrelease to .qm.

Usage: python tools/update_translations.py [--no-release]
Prints how many strings are still unfinished, per language.
"""

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "desk_app" / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease from the virtualenv of this Python, else from PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if not found:
        sys.exit(f"update_translations: {name} not found (pip install PySide6)")
    return found


def unfinished(ts_file: Path) -> tuple[int, int, list[str]]:
    """(unfinished, total, the unfinished source texts) of a .ts file; obsolete entries not counted."""
    root = ET.parse(ts_file).getroot()
    total, missing = 0, []
    for message in root.iter("message"):
        translation = message.find("translation")
        kind = translation.get("type") if translation is not None else None
        if kind in ("obsolete", "vanished"):
            continue
        total += 1
        if translation is None or kind == "unfinished" or not "".join(translation.itertext()).strip():
            missing.append(message.findtext("source") or "")
    return len(missing), total, missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-release", action="store_true", help="only update the .ts files")
    parser.add_argument("--list", action="store_true", help="print the unfinished source texts")
    args = parser.parse_args(argv)
    sources = sorted(str(p.relative_to(ROOT)) for p in SOURCES.glob("*.py"))
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    status = 0
    for language in LANGUAGES:
        ts_file = TRANSLATIONS / f"desk_app_{language}.ts"
        subprocess.run([tool("pyside6-lupdate"), *sources, "-target-language", language, "-locations", "none",
                        "-no-obsolete", "-ts", str(ts_file.relative_to(ROOT))], cwd=ROOT, check=True)
        if not args.no_release:
            subprocess.run([tool("pyside6-lrelease"), str(ts_file), "-qm", str(ts_file.with_suffix(".qm"))],
                           cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        missing, total, texts = unfinished(ts_file)
        print(f"{ts_file.relative_to(ROOT)}: {total - missing} of {total} strings translated, {missing} unfinished")
        if args.list:
            for text in texts:
                print(f"  - {text}")
        status = status or (1 if missing else 0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
