"""A form dialog with an inline error line, for the Admin dialog's editors."""

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desk_app.errors import ConflictError, DeskError, NotFound, ValidationError
from desk_app.ui.widgets import error_style, show_error


class EditDialog(QDialog):
    """A form with an inline error line; `save()` (overridden) calls a service and may raise."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.form = QFormLayout()
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet(error_style(self))
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.fields: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.conflict = False
        self.result_row: object | None = None

    def save(self) -> object:  # pragma: no cover - overridden
        raise NotImplementedError

    def _save(self) -> None:
        try:
            self.result_row = self.save()
        except (ConflictError, NotFound) as exc:
            self.conflict = True
            show_error(self, exc)
            self.reject()
            return
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            widget = self.fields.get(exc.field)
            if widget is not None:
                widget.setFocus()
            return
        except DeskError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()
