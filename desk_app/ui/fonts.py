"""A UI font that can show Chinese: keep the system font when it covers it, else pick a CJK family."""

import logging

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from desk_app import BUNDLED_FONTS

log = logging.getLogger(__name__)

#: Families tried in order when the default font has no Simplified Chinese glyphs.
PREFERRED_CJK = (
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "Microsoft YaHei UI",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "SimHei",
    "WenQuanYi Zen Hei",
    "AR PL UMing CN",
    "SimSun",
)


def load_bundled_fonts() -> list[str]:
    """Register the fonts shipped under resources/fonts (the bundle's Chinese font); return their family names.

    Called before the family is chosen, so a workstation without Chinese fonts gets the bundled one.
    """
    families: list[str] = []
    folder = BUNDLED_FONTS
    if not folder.is_dir():
        return families
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in {".ttf", ".otf", ".ttc"}:
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def covers_chinese(family: str) -> bool:
    return QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def choose_cjk_family(current: str) -> str | None:
    """The family to use for the UI, or None to keep `current`."""
    if covers_chinese(current):
        return None
    available = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    for family in PREFERRED_CJK:
        if family in available:
            return family
    return sorted(available)[0] if available else None


def apply_ui_font(app: QGuiApplication) -> str:
    """Set a CJK-capable application font when needed; return the family in use."""
    load_bundled_fonts()
    font = app.font()
    family = choose_cjk_family(font.family())
    if family:
        chosen = QFont(family, font.pointSize()) if font.pointSize() > 0 else QFont(family)
        app.setFont(chosen)
        log.info("UI font: %s (the system font %s has no Chinese glyphs)", family, font.family())
        return family
    return font.family()
