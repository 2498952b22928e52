"""Switching language from the 表示 menu: saved for next time, applied at once by rebuilding the window."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from app.settings import SettingsStore
from ui.register.view import RegisterPage
from ui.shell.application import GuiSession

ROOT = Path(__file__).resolve().parents[2]


def _qt_cancel_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    return box.button(QDialogButtonBox.StandardButton.Cancel).text()


def test_switching_to_english_rebuilds_the_window_and_remembers_the_choice(qapp, qtbot, data_paths) -> None:
    session = GuiSession(qapp, data_paths, SettingsStore(data_paths.settings_file))
    japanese = session.show_window()
    qtbot.addWidget(japanese)
    with qtbot.waitSignal(japanese.registerPopulated, timeout=10000):
        session.open_database()
    try:
        assert japanese.language_actions["ja"].isChecked()
        japanese.language_actions["en"].trigger()
        english = session.window
        assert english is not None and english is not japanese
        qtbot.addWidget(english)
        assert not japanese.isVisible()
        assert english.isVisible()
        assert [a.text() for a in english.menuBar().actions()] == [
            "&File",
            "&Incident",
            "&Documents",
            "&View",
            "&Help",
        ]
        assert english.register.page() is RegisterPage.EMPTY  # same open register, no restart
        assert english.register.empty_button.isEnabled()
        assert english.statusBar().currentMessage().startswith("Display language: English.")
        assert english.language_actions["en"].isChecked()
        assert json.loads(data_paths.settings_file.read_text(encoding="utf-8"))["language"] == "en"
        assert _qt_cancel_text() == "Cancel"

        english.language_actions["ja"].trigger()
        back = session.window
        assert back is not None
        qtbot.addWidget(back)
        assert back.statusBar().currentMessage().startswith("表示言語を日本語に切り替えました。")
        assert _qt_cancel_text() == "キャンセル"
    finally:
        session.close()


def test_window_is_painted_before_the_heavy_libraries_are_imported(tmp_path) -> None:
    """Start-up: the first paint of the real start (main.py, no sub-command) waits for none of the libraries that
    load afterwards: the database layer, the PDF library, the log rotation and the single-instance server."""
    code = (
        "import sys\n"
        "from PySide6.QtCore import QEvent, QObject\n"
        "import ui.shell.application as application\n"
        "HEAVY = {'sqlalchemy', 'alembic', 'reportlab', 'logging.handlers', 'PySide6.QtNetwork'}\n"
        "class FirstPaint(QObject):\n"
        "    def eventFilter(self, watched, event):\n"
        "        if event.type() == QEvent.Type.Paint and not hasattr(self, 'seen'):\n"
        "            self.seen = sorted(HEAVY & set(sys.modules))\n"
        "            print(self.seen, flush=True)\n"
        "            application.QApplication.instance().quit()\n"
        "        return False\n"
        "watch = FirstPaint()\n"
        "show = application.GuiSession.show_window\n"
        "def show_window(self):\n"
        "    window = show(self)\n"
        "    window.installEventFilter(watch)\n"
        "    return window\n"
        "application.GuiSession.show_window = show_window\n"
        "from main import main\n"
        f"sys.exit(main(['--data-dir', {str(tmp_path / 'data')!r}]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.stdout.strip() == "[]"
