"""Qt reads the application's gettext catalogue: one catalogue for widgets, services and reports.

Widget texts are stored with their Qt context (the class name, or the first argument of
`QCoreApplication.translate`) as msgctxt, as `tools/translations.py` extracts them. A text the
catalogue lacks gives None, so Qt falls back to the next translator (Qt's own) or the source text.
"""

from PySide6.QtCore import QObject, QTranslator

from desk_app import i18n


class CatalogueTranslator(QTranslator):
    def __init__(self, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language

    def translate(self, context: str, source: str, disambiguation: str | None = None,  # type: ignore[override]
                  n: int = -1) -> str | None:
        return i18n.lookup(self._language, context, source, n if n >= 0 else None)

    def isEmpty(self) -> bool:
        return False

    def language(self) -> str:
        return self._language
