"""Service Desk: a Qt desktop application for small IT service desks."""

import sys
from pathlib import Path

__version__ = "0.1.0"

#: True when running from the desktop bundle (PyInstaller, packaging/desk-app.spec) rather than a checkout.
FROZEN = bool(getattr(sys, "frozen", False))


def _resources() -> Path:
    """resources/ beside the package in a checkout (installed editable); in the bundle, the copy the
    spec puts in the bundle's data folder (sys._MEIPASS: dist/desk-app/_internal)."""
    if FROZEN:
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).resolve().parent)) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


#: Top-level folder with icons, fonts and translations.
RESOURCES = _resources()
#: Fonts shipped with the application (in the bundle: the Chinese UI and report font, with its licence).
BUNDLED_FONTS = RESOURCES / "fonts"
