"""GUI fixtures: the bundled font and Qt's Japanese catalog on the shared QApplication, and a fresh register."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from app.paths import DataPaths
from ui.fonts import apply_application_font
from ui.translations import install_qt_translators


@pytest.fixture(autouse=True)
def japanese_qt(qapp: QApplication) -> Iterator[QApplication]:
    """Every GUI test starts in the product's default: Japanese, with BIZ UDPGothic (this box has no CJK font)."""
    apply_application_font(qapp)
    install_qt_translators(qapp, "ja")
    yield qapp
    install_qt_translators(qapp, "ja")


@pytest.fixture
def db(data_paths: DataPaths):  # type: ignore[no-untyped-def]
    from app.db.database import Database

    database = Database.open(data_paths)
    yield database
    database.close()


@pytest.fixture
def detach_log_handlers() -> Iterator[None]:
    """run_gui logs to the data folder of its test; close that file when the test ends."""
    yield
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_breachdesk", False):
            root.removeHandler(handler)
            handler.close()
