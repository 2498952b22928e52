"""The whole wiring once, as `python main.py` runs it: arguments → logging → fonts → translators → window → register."""

from __future__ import annotations

import argparse
import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.paths import DataPaths
from ui.register.view import RegisterPage
from ui.shell.application import QUIT_AFTER_ENV, run_gui
from ui.shell.main_window import MainWindow


def _args(data_paths: DataPaths, lang: str | None = None) -> argparse.Namespace:
    return argparse.Namespace(
        data_dir=str(data_paths.root), database_url=None, lang=lang, debug=False, command=None
    )


def _watch_until_populated(qapp: QApplication, seen: dict[str, object]) -> None:
    """Polls the running app like an observer; quits once the register is on screen (or after 15 s)."""
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(qapp.quit)
    deadline.start(15000)

    def poll() -> None:
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows and windows[0].register.page() is not RegisterPage.LOADING:
            window = windows[0]
            seen.update(
                title=window.windowTitle(),
                empty=window.register.empty_title.text(),
                page=window.register.page(),
                count=window.count_label.text(),
                font=qapp.font().family(),
                hook_installed=sys.excepthook is not sys.__excepthook__,
            )
            window.close()
            qapp.quit()
            deadline.stop()
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def test_run_gui_starts_to_a_populated_window_and_logs(qapp, data_paths, detach_log_handlers) -> None:
    seen: dict[str, object] = {}
    _watch_until_populated(qapp, seen)
    hook_before = sys.excepthook

    assert run_gui(_args(data_paths)) == 0

    assert seen == {
        "title": "漏えい等対応デスク（BreachDesk）",
        "empty": "まだ事案は登録されていません",
        "page": RegisterPage.EMPTY,
        "count": "事案 0 件",
        "font": "BIZ UDPGothic",
        "hook_installed": True,
    }
    assert sys.excepthook is hook_before
    assert data_paths.db_file.is_file()
    log_text = data_paths.log_file.read_text(encoding="utf-8")
    assert "starting" in log_text and "Traceback" not in log_text
    assert "window_geometry" in json.loads(data_paths.settings_file.read_text(encoding="utf-8"))


def test_saved_language_is_used_and_lang_argument_overrides_it_for_one_run(
    qapp, data_paths, detach_log_handlers
) -> None:
    data_paths.settings_file.write_text(json.dumps({"language": "en"}), encoding="utf-8")
    seen: dict[str, object] = {}
    _watch_until_populated(qapp, seen)
    assert run_gui(_args(data_paths)) == 0
    assert seen["empty"] == "No incidents have been registered yet"

    _watch_until_populated(qapp, seen)
    assert run_gui(_args(data_paths, lang="ja")) == 0
    assert seen["empty"] == "まだ事案は登録されていません"
    assert json.loads(data_paths.settings_file.read_text(encoding="utf-8"))["language"] == "en"


def test_quit_after_variable_ends_the_run_for_the_bundle_smoke_test(
    qapp, data_paths, monkeypatch, detach_log_handlers
) -> None:
    monkeypatch.setenv(QUIT_AFTER_ENV, "300")
    assert run_gui(_args(data_paths)) == 0
    assert data_paths.db_file.is_file()


def test_a_bug_while_building_the_window_shows_the_crash_dialog_and_logs_it(
    qapp, data_paths, monkeypatch, detach_log_handlers
) -> None:
    from ui.shell import application, dialogs

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_crash_dialog", lambda parent, text, log_path: shown.append(text))

    def broken_show_window(self):  # type: ignore[no-untyped-def]
        raise KeyError("register_view")

    monkeypatch.setattr(application.GuiSession, "show_window", broken_show_window)
    hook_before = sys.excepthook

    assert run_gui(_args(data_paths)) == 70

    assert len(shown) == 1 and "KeyError\n" in shown[0] and "KeyError: 'register_view'" not in shown[0]
    log_text = data_paths.log_file.read_text(encoding="utf-8")
    assert "uncaught exception" in log_text and "KeyError: 'register_view'" in log_text
    assert sys.excepthook is hook_before
