"""The main window's tabs, in order. Each factory builds a QWidget from (AppContext, parent)."""

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from desk_app.ui.context import AppContext

TabFactory = Callable[[AppContext, QWidget | None], QWidget]


@dataclass(frozen=True)
class TabSpec:
    key: str
    title: str  # translated with QCoreApplication.translate("Tabs", title)
    factory: TabFactory


def _lazy(module: str, class_name: str) -> TabFactory:
    """A factory that imports the tab's module only when the tab is built."""

    def build(context: AppContext, parent: QWidget | None = None) -> QWidget:
        return getattr(importlib.import_module(module), class_name)(context, parent)

    return build


def tabs() -> list[TabSpec]:
    """The tabs of the main window (imported lazily so a broken tab cannot stop the others)."""
    return [
        TabSpec("today", QT_TRANSLATE_NOOP("Tabs", "Today"), _lazy("desk_app.ui.today_tab", "TodayTab")),
        TabSpec("tickets", QT_TRANSLATE_NOOP("Tabs", "Tickets"), _lazy("desk_app.ui.tickets_tab", "TicketsTab")),
        TabSpec("callbacks", QT_TRANSLATE_NOOP("Tabs", "Callbacks"),
                _lazy("desk_app.ui.callbacks_tab", "CallbacksTab")),
        TabSpec("complaints", QT_TRANSLATE_NOOP("Tabs", "Complaints"),
                _lazy("desk_app.ui.complaints_tab", "ComplaintsTab")),
        TabSpec("improvement", QT_TRANSLATE_NOOP("Tabs", "Improvement"),
                _lazy("desk_app.ui.improvement_tab", "ImprovementTab")),
        TabSpec("surveys", QT_TRANSLATE_NOOP("Tabs", "Surveys"), _lazy("desk_app.ui.surveys_tab", "SurveysTab")),
        TabSpec("reports", QT_TRANSLATE_NOOP("Tabs", "Reports"), _lazy("desk_app.ui.reports_tab", "ReportsTab")),
    ]
