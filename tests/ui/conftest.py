"""pytest-qt fixtures for the GUI tests: isolated QSettings, an AppContext, translators."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QThreadPool
from PySide6.QtWidgets import QApplication

from desk_app.services.actor import Actor
from desk_app.ui.context import AppContext


@pytest.fixture(autouse=True)
def qsettings(qapp: QApplication, tmp_path: Path) -> Iterator[Path]:
    """Each test has its own QSettings files (window geometry, last user name)."""
    folder = tmp_path / "qsettings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    qapp.setOrganizationName("desk-app-tests")
    qapp.setApplicationName("desk-app-tests")
    yield folder
    QSettings().clear()


@pytest.fixture
def context(db, db_path: Path, admin: Actor) -> Iterator[AppContext]:
    yield AppContext(actor=admin, db_path=db_path)
    QThreadPool.globalInstance().waitForDone(10_000)  # no worker (the Today tab's first load) outlives the db


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    """The zh_CN translators installed (the app's catalogue and Qt's own), removed afterwards."""
    from desk_app import i18n
    from desk_app.ui.app import install_translators

    i18n.set_language("zh_CN")
    install_translators(qapp, "zh_CN")
    assert QCoreApplication.translate("Tabs", "Tickets") == "工单", "the zh_CN catalogue is not read"
    yield
    install_translators(qapp, "en")
    i18n.set_language("en")
    assert QCoreApplication.translate("Tabs", "Tickets") == "Tickets"
