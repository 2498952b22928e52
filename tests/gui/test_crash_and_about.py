"""An unexpected error while the window is up: logged with its traceback, and shown to the officer with the log path."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from app import __version__
from app.errors import StorageError
from app.logs import setup_logging
from app.paths import DataPaths
from ui.shell import dialogs
from ui.shell.application import install_excepthook


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Replaces the dialogs' exec (the modal boundary) and collects the dialogs that would have been shown."""
    seen: list[object] = []
    monkeypatch.setattr(dialogs.CrashDialog, "exec", lambda self: seen.append(self) or 0)
    monkeypatch.setattr(dialogs.QMessageBox, "exec", lambda self: seen.append(self) or 0)
    return seen


def _raise_and_hook(hook, exc: BaseException) -> None:  # type: ignore[no-untyped-def]
    try:
        raise exc
    except type(exc) as caught:
        hook(type(caught), caught, caught.__traceback__)


def test_excepthook_logs_the_traceback_and_shows_the_crash_dialog(
    qtbot, data_paths: DataPaths, shown, detach_log_handlers
) -> None:
    setup_logging(data_paths)
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    previous = sys.excepthook
    install_excepthook(lambda: window, data_paths.log_file)
    hook = sys.excepthook
    sys.excepthook = previous
    _raise_and_hook(hook, ZeroDivisionError("集計中にゼロ除算"))

    for handler in logging.getLogger().handlers:
        handler.flush()
    log_text = data_paths.log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log_text
    assert "ZeroDivisionError: 集計中にゼロ除算" in log_text

    (dialog,) = shown
    assert isinstance(dialog, dialogs.CrashDialog)
    assert dialog.parent() is window
    assert dialog.headline.text() == "予期しないエラーが発生しました。"
    assert dialog.log_label.text() == f"ログの場所: {data_paths.log_file}"
    # The dialog (and its 「詳細をコピー」) shows where and what kind, never the message: it may hold personal data.
    assert "ZeroDivisionError" in dialog.details.toPlainText()
    assert "集計中にゼロ除算" not in dialog.details.toPlainText()
    assert "ログファイルにのみ記録" in dialog.details.toPlainText()
    assert dialog.open_logs_button.text() == "ログフォルダーを開く"


def test_known_fault_reaching_the_hook_is_a_message_not_a_crash_report(qtbot, data_paths, shown) -> None:
    previous = sys.excepthook
    install_excepthook(lambda: None, data_paths.log_file)
    hook = sys.excepthook
    sys.excepthook = previous
    _raise_and_hook(
        hook, StorageError("ディスクの空き容量が足りません。", hint="空き容量を増やしてください。")
    )
    (box,) = shown
    assert isinstance(box, dialogs.QMessageBox)
    assert box.text() == "ディスクの空き容量が足りません。"
    assert box.informativeText() == "空き容量を増やしてください。"


def test_crash_dialog_copies_details_and_opens_the_log_folder(qtbot, data_paths, monkeypatch) -> None:
    opened: list[object] = []
    monkeypatch.setattr(dialogs, "open_folder", lambda folder: opened.append(folder) or True)
    dialog = dialogs.CrashDialog(None, "Traceback ...\nKeyError: 'x'", data_paths.log_file)
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    clipboard = QApplication.clipboard().text()
    assert f"BreachDesk {__version__}" in clipboard
    assert "KeyError: 'x'" in clipboard
    assert str(data_paths.log_file) in clipboard
    assert dialog.copy_button.text() == "コピーしました"
    dialog.open_logs_button.click()
    assert opened == [data_paths.logs_dir]


def test_about_box_names_the_version_and_the_font_licence(qtbot) -> None:
    box = dialogs.build_about_box(None)
    qtbot.addWidget(box)
    assert box.windowTitle() == "BreachDesk について"
    assert f"バージョン {__version__}" in box.text()
    assert "漏えい等対応デスク" in box.text()
    assert "SIL Open Font License 1.1" in box.informativeText()
    assert "BIZ UD" in box.informativeText()
