"""A large recipient list is read on a worker, with a progress bar and Cancel (issue 18 point 4: 100,000 people
took 4.5 s of the GUI thread). The window keeps answering meanwhile; Cancel imports nothing."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from ui.documents import recipients_dialog
from ui.documents.recipients_dialog import RecipientImportDialog

HEADER = "顧客番号,氏名,郵便番号,住所1,住所2,メール\r\n"


def _big_list(tmp_path: Path, rows: int) -> Path:
    lines = [HEADER]
    lines += [f"C{i:06d},山田 太郎{i},100-0001,東京都千代田区千代田1-1,{i}号室,\r\n" for i in range(rows)]
    path = tmp_path / "対象者.csv"
    path.write_bytes("".join(lines).encode("cp932"))
    return path


def test_a_large_list_is_imported_on_a_worker_with_the_window_answering(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    importer = RecipientImportDialog(None, tmp_path)
    qtbot.addWidget(importer)
    assert importer.load_file(_big_list(tmp_path, 20_000))
    ticks: list[int] = []
    beat = QTimer(interval=10)
    beat.timeout.connect(lambda: ticks.append(1))
    beat.start()
    importer.import_list()
    beat.stop()
    assert importer.result_value is not None
    assert len(importer.result_value.recipients) == 20_000
    assert ticks  # the GUI thread's timers ran while the list was read


def test_cancel_imports_nothing_and_says_so(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """However fast the machine: the rows are checked until the officer presses Cancel (the real check, slowed
    down by a progress report that waits), so the dialog has to appear and its button has to stop the work."""
    real_build = recipients_dialog.build_recipients

    def slow_build(table, mapping, progress):  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + 30
        while progress(0, len(table.rows)) and time.monotonic() < deadline:
            time.sleep(0.01)
        return real_build(table, mapping, progress)  # raises ImportCancelled at its first report

    monkeypatch.setattr(recipients_dialog, "build_recipients", slow_build)
    importer = RecipientImportDialog(None, tmp_path)
    qtbot.addWidget(importer)
    assert importer.load_file(_big_list(tmp_path, 2_000))
    pressed: list[str] = []

    def press_cancel() -> None:
        dialogs = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()
        ]
        if dialogs:
            pressed.append(dialogs[0].labelText())
            button = dialogs[0].findChild(QPushButton)
            assert button is not None and button.text() == "キャンセル"
            button.click()
        elif not pressed:
            QTimer.singleShot(50, press_cancel)

    QTimer.singleShot(50, press_cancel)
    importer.import_list()
    assert pressed == ["対象者リストを読み込んでいます…"]  # shown once the import had taken half a second
    assert importer.result_value is None, "imported although cancelled"
    assert "読み込みを中止しました。何も取り込まれていません。" in importer.messages.toPlainText()
