"""A main window on a register file holding a few assessed incidents, in the language asked for: the screen the
officer works in (issue 18 points 2 and 3). Shared by tests/gui/test_main_screens.py and test_keyboard.py."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.db.database import Database
from app.paths import DataPaths
from app.services.root import Services
from tests.gui.register.conftest import add_assessed
from ui.shell.main_window import MainWindow
from ui.shell.open_register import open_register
from ui.shell.translations import install_qt_translators

TITLES = (
    "顧客名簿をメールで誤送信（営業部・大阪支店の担当者が宛先を取り違えたため、外部の取引先 12 社へ送付）",
    "USBメモリの紛失",
    "Ransomware on the file server",
)


def seed(db: Database) -> list[int]:
    return [add_assessed(db, title) for title in TITLES]


def build_window(qtbot, qapp: QApplication, paths: DataPaths, db: Database, lang: str) -> MainWindow:  # type: ignore[no-untyped-def]
    """Shown, with its rows and deadlines; the start-up summary (its own window) closed, as the officer would."""
    install_qt_translators(qapp, lang)
    window = MainWindow(paths)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.registerPopulated, timeout=10000):
        open_register(window, Services(db))
    qtbot.waitUntil(lambda: window.register.model.rowCount() == len(TITLES), timeout=10000)
    idle = getattr(window.deadlines, "idle", None)  # the deadlines are read on a worker (issue 18 point 4)
    if idle is not None:
        qtbot.waitUntil(idle, timeout=10000)
    summary = getattr(window.deadlines, "summary_dialog", None)
    if summary is not None:
        summary.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    return window
