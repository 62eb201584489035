"""Find a CJK TrueType font and register it with reportlab, once.

reportlab embeds only TrueType-outline fonts (``glyf`` tables). OpenType/CFF fonts (``.otf``,
the Noto/Source Han CJK ``.ttc`` collections) make it raise ``TTFError: postscript outlines are
not supported``; we sniff the file header first and skip such files with a reason a person
understands. The search order is:

1. the explicit path the caller passes (the ``pdf.font_path`` setting),
2. the fonts shipped with the application (``resources/fonts``; the desktop bundle carries
   WenQuanYi Micro Hei there, so a workstation without Chinese fonts still prints Chinese),
3. known files: Microsoft YaHei / SimHei / SimSun on Windows, WenQuanYi, Droid Sans Fallback and
   AR PL (fonts-arphic) on Linux (macOS PingFang is CFF, so it is not listed),
4. ``fc-list :lang=zh`` when fontconfig is installed.

When nothing usable is found the reports fall back to Helvetica (Latin only) and
`FontInfo.has_cjk` is False, with a warning the UI can show.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from desk_app import BUNDLED_FONTS
from desk_app.i18n import N_, t

FALLBACK_FONT = "Helvetica"
FALLBACK_BOLD = "Helvetica-Bold"

#: Characters a CJK report font must have (服 务 满 意 度 投 诉).
_PROBE_CHARS = "服务满意度投诉"

_WINDOWS_FONT_DIR = Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"

#: Known TrueType-outline CJK fonts, best first. Each entry: regular file, optional bold file.
KNOWN_FONTS: tuple[tuple[Path, Path | None], ...] = (
    (_WINDOWS_FONT_DIR / "msyh.ttc", _WINDOWS_FONT_DIR / "msyhbd.ttc"),  # Microsoft YaHei
    (_WINDOWS_FONT_DIR / "msyh.ttf", _WINDOWS_FONT_DIR / "msyhbd.ttf"),
    (_WINDOWS_FONT_DIR / "simhei.ttf", None),  # SimHei
    (_WINDOWS_FONT_DIR / "simsun.ttc", None),  # SimSun
    (Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), None),
    (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), None),
    (Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"), None),
    (Path("/usr/share/fonts/truetype/arphic/uming.ttc"), None),
    (Path("/usr/share/fonts/truetype/arphic/ukai.ttc"), None),
    (Path("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"), None),
    (Path("/usr/share/fonts/truetype/arphic-bsmi00lp/bsmi00lp.ttf"), None),
)

#: Why an OpenType/CFF font is refused (English source string, translated by `t`).
CFF_REASON = (
    N_("it has PostScript (CFF) outlines, which reportlab cannot embed; "
    "choose a TrueType font (.ttf/.ttc with glyf outlines)")
)

_TRUETYPE_VERSIONS = (0x00010000, 0x74727565)  # 1.0 and 'true'
_OTTO = 0x4F54544F  # 'OTTO': OpenType with CFF (PostScript) outlines
_TTCF = 0x74746366  # 'ttcf': a collection


@dataclass(frozen=True)
class FontInfo:
    """The font the reports use: reportlab names (regular and bold), its file, and whether it has CJK."""

    name: str
    bold_name: str
    path: str | None
    has_cjk: bool
    #: Files looked at and skipped, with the reason (English), for the log and the warning.
    rejected: tuple[tuple[str, str], ...] = field(default=())
    #: The path the caller asked for (the pdf.font_path setting), if any.
    requested_path: str | None = None

    @property
    def requested_problem(self) -> str | None:
        """Why the requested font file was not used (translated), or None."""
        if not self.requested_path:
            return None
        for path, reason in self.rejected:
            if path == self.requested_path:
                return t(reason)
        return None

    @property
    def warning(self) -> str | None:
        """A sentence for the user when the chosen font was refused or no Chinese can be printed, else None."""
        parts = []
        problem = self.requested_problem
        if problem:
            parts.append(
                t(
                    "The font file {path} (setting pdf.font_path) cannot be used: {reason}.",
                    path=self.requested_path,
                    reason=problem,
                )
            )
        if self.has_cjk:
            if parts:
                parts.append(t("Using {path} instead.", path=self.path))
            return " ".join(parts) or None
        parts.append(
            t(
                "No Chinese TrueType font was found, so PDF reports use {font} and cannot show Chinese text. "
                "Install a TrueType CJK font (e.g. Microsoft YaHei, SimHei or WenQuanYi Micro Hei) "
                "or choose one in the setting pdf.font_path.",
                font=self.name,
            )
        )
        return " ".join(parts)


def check_font_file(path: str | os.PathLike[str], subfont_index: int = 0) -> str | None:
    """Why reportlab cannot use this file, or None when it is a TrueType-outline font.

    Reads only the sfnt header, so it is cheap enough to run over every font fc-list names.
    """
    p = Path(path)
    if not p.is_file():
        return N_("file not found")
    try:
        with p.open("rb") as f:
            head = f.read(12)
            if len(head) < 4:
                return N_("not a font file (too short)")
            (version,) = struct.unpack(">I", head[:4])
            if version == _TTCF:
                if len(head) < 12:
                    return N_("damaged TrueType collection")
                (count,) = struct.unpack(">I", head[8:12])
                if subfont_index >= count:
                    return N_("damaged TrueType collection")
                f.seek(12 + 4 * subfont_index)
                (offset,) = struct.unpack(">I", f.read(4))
                f.seek(offset)
                (version,) = struct.unpack(">I", f.read(4))
    except (OSError, struct.error):
        return N_("cannot read the file")
    if version == _OTTO:
        return CFF_REASON
    if version not in _TRUETYPE_VERSIONS:
        return N_("not a TrueType font file")
    return None


_lock = threading.Lock()
_registered: dict[tuple[str, str | None], FontInfo] = {}


def _font_name(path: Path) -> str:
    stem = "".join(ch if ch.isalnum() else "-" for ch in path.stem)
    return f"DeskCJK-{stem}"


def _load(path: Path, name: str) -> tuple[TTFont | None, str | None]:
    """Parse a font for reportlab; (font, None) or (None, reason)."""
    reason = check_font_file(path)
    if reason:
        return None, reason
    try:
        font = TTFont(name, str(path), subfontIndex=0)
    except TTFError as exc:  # also "postscript outlines are not supported", should the sniff miss it
        if "postscript outlines" in str(exc).lower():
            return None, CFF_REASON
        return None, N_("reportlab cannot read it (damaged or unsupported font file)")
    except Exception:  # a damaged file must not stop the report
        return None, N_("reportlab cannot read it (damaged or unsupported font file)")
    missing = [ch for ch in _PROBE_CHARS if ord(ch) not in font.face.charToGlyph]
    if missing:
        return None, N_("it has no Chinese characters")
    return font, None


def _register(path: Path, bold_path: Path | None, rejected: list[tuple[str, str]]) -> FontInfo | None:
    """Register the regular (and bold) face under reportlab names; None (and a reason in `rejected`) if unusable."""
    name = _font_name(path)
    regular, reason = _load(path, name)
    if regular is None:
        rejected.append((str(path), reason or "unusable"))
        return None
    pdfmetrics.registerFont(regular)
    bold_name = name
    if bold_path is not None and bold_path.is_file():
        bold, _ = _load(bold_path, name + "-Bold")
        if bold is not None:
            pdfmetrics.registerFont(bold)
            bold_name = bold.fontName
    # One family so <b> and <i> in paragraphs resolve; without a bold file "bold" is the same face.
    # Like registerFontFamily, but the regular slot goes last: the reverse map (face -> bold, italic)
    # keeps the last call, and registerFontFamily would leave the regular face marked italic
    # (or bold) when one face fills several slots, making all text bold once a bold file exists.
    for is_bold, is_italic, face in ((0, 1, name), (1, 1, bold_name), (1, 0, bold_name), (0, 0, name)):
        addMapping(name, is_bold, is_italic, face)
    return FontInfo(name, bold_name, str(path), True, tuple(rejected))


def fc_list_fonts() -> list[Path]:
    """Chinese-capable font files fontconfig knows about (empty without fc-list)."""
    exe = shutil.which("fc-list")
    if not exe:
        return []
    try:
        out = subprocess.run(
            [exe, "--format", "%{file}\n", ":lang=zh"], capture_output=True, text=True, timeout=15, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files = []
    for line in out.splitlines():
        line = line.strip().rstrip(":").strip()
        if line.lower().endswith((".ttf", ".ttc")) and Path(line) not in files:
            files.append(Path(line))
    # Prefer sans faces (Hei) for screen-and-print reports; keep fontconfig's order otherwise.
    return sorted(files, key=lambda p: 0 if any(k in p.name.lower() for k in ("hei", "sans", "yahei")) else 1)


def bundled_fonts(folder: Path | None = None) -> list[Path]:
    """The TrueType files shipped with the application (none in a checkout: resources/fonts has only a README)."""
    folder = folder or BUNDLED_FONTS
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".ttc") and p.is_file())


def candidate_fonts() -> Iterable[tuple[Path, Path | None]]:
    """The bundled fonts, known font files, then fontconfig's; tests monkeypatch this to simulate a bare machine."""
    seen: set[Path] = set()
    for regular in bundled_fonts():
        seen.add(regular)
        yield regular, None
    for regular, bold in KNOWN_FONTS:
        if regular in seen:
            continue
        if regular.is_file():
            seen.add(regular)
            yield regular, bold
    for regular in fc_list_fonts():
        if regular not in seen:
            seen.add(regular)
            yield regular, None


def find_cjk_font(explicit_path: str | os.PathLike[str] | None = None) -> FontInfo:
    """Register and return the report font; calling again with the same path is free.

    `explicit_path` is the ``pdf.font_path`` setting (empty means search). An explicit file that
    cannot be used is recorded in `FontInfo.rejected` and the search continues.
    """
    explicit = str(explicit_path).strip() if explicit_path else ""
    key = ("search", explicit or None)
    with _lock:
        cached = _registered.get(key)
        if cached is not None:
            return cached
        rejected: list[tuple[str, str]] = []
        info: FontInfo | None = None
        requested = str(Path(explicit).expanduser()) if explicit else None
        if requested:
            info = _register(Path(requested), None, rejected)
        if info is None:
            for regular, bold in candidate_fonts():
                info = _register(regular, bold, rejected)
                if info is not None:
                    break
        if info is None:
            info = FontInfo(FALLBACK_FONT, FALLBACK_BOLD, None, False, tuple(rejected))
        info = replace(info, rejected=tuple(rejected), requested_path=requested)
        _registered[key] = info
        return info


def clear_cache() -> None:
    """Forget earlier results (the fonts stay registered with reportlab); for tests and setting changes."""
    with _lock:
        _registered.clear()
