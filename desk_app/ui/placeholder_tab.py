"""A tab whose feature has not landed yet: it says what will be there."""

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderTab(QWidget):
    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        label = QLabel(QCoreApplication.translate("Tabs", text), self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)


def placeholder(text: str):
    """A tab factory for a placeholder with `text` (an untranslated source string)."""
    return lambda context, parent=None: PlaceholderTab(text, parent)
