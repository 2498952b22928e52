"""GUI fixtures: the bundled font and Qt's Japanese catalog on the shared QApplication, and a fresh register."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.paths import DataPaths
from tests import register_template
from ui.shell.application import GuiSession
from ui.shell.fonts import apply_application_font
from ui.shell.translations import install_qt_translators

REAL_FIRST_START = GuiSession.is_first_start


@pytest.fixture(autouse=True)
def japanese_qt(qapp: QApplication) -> Iterator[QApplication]:
    """Every GUI test starts in the product's default: Japanese, with BIZ UDPGothic (this box has no CJK font)."""
    apply_application_font(qapp)
    install_qt_translators(qapp, "ja")
    yield qapp
    install_qt_translators(qapp, "ja")


@pytest.fixture(autouse=True)
def fresh_event_loop_state(qapp: QApplication) -> None:
    """A test that ran the whole app (tests/gui/test_run_gui.py) can leave Qt's quit request behind, and then
    every later event loop (a modal exec(), qtbot.waitSignal) returns at once. One clean exec/exit cycle clears
    it; exit(), unlike quit(), posts nothing that could outlive the cycle."""
    QTimer.singleShot(0, lambda: qapp.exit(0))
    qapp.exec()


@pytest.fixture(autouse=True)
def plain_first_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty data folder opens as a register made before encryption (issue 17) or by the command line without
    a passphrase: plain, without the first start's passphrase dialog, a modal boundary the other GUI tests do not
    drive. tests/gui/test_encryption_*.py put `REAL_FIRST_START` back and drive that dialog."""
    monkeypatch.setattr(GuiSession, "is_first_start", lambda self: False)


@pytest.fixture
def db(data_paths: DataPaths):  # type: ignore[no-untyped-def]
    from app.db.database import Database

    database = Database.open(register_template.seed(data_paths))
    yield database
    database.close()
