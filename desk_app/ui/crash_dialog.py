"""What the person sees when something unexpected breaks: the traceback and where the log is."""

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskError
from desk_app.store.connection import known_database_error

log = logging.getLogger(__name__)


class CrashDialog(QDialog):
    def __init__(self, details: str, log_path: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unexpected error"))
        self.resize(720, 460)
        intro = QLabel(self.tr("Something went wrong that the application did not expect. Your saved data is "
                               "safe; the last action may not have been completed. Please send the text below "
                               "and the log file to your administrator."), self)
        intro.setWordWrap(True)
        self.details = QPlainTextEdit(details, self)
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.log_label = QLabel(self.tr("Log file: {path}").format(
            path=log_path if log_path else self.tr("(none)")), self)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.log_label)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText() + "\n" + self.log_label.text())


def show_exception(exc: BaseException, log_path: Path | None, parent: QWidget | None = None,
                   details: str | None = None) -> None:
    """Known problems as a plain message; anything else in the crash dialog."""
    known = known_database_error(exc)
    if known or isinstance(exc, DeskError):
        QMessageBox.warning(parent, QApplication.translate("CrashDialog", "Service Desk"), known or str(exc))
        return
    text = details or "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    CrashDialog(text, log_path, parent).exec()


def install_excepthook(log_path: Path | None) -> None:
    """Route uncaught exceptions (e.g. in slots) to the log and the crash dialog."""
    showing = False

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.error("uncaught exception", exc_info=(kind, exc, tb))
        if showing or QApplication.instance() is None:
            return
        showing = True
        try:
            show_exception(exc, log_path, QApplication.activeWindow(),
                           "".join(traceback.format_exception(kind, exc, tb)))
        finally:
            showing = False

    sys.excepthook = hook
