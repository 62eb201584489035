"""Service Desk: a Qt desktop application for small IT service desks."""

from pathlib import Path

__version__ = "0.1.0"

#: Top-level folder with icons, fonts and translations (the package is installed editable).
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
