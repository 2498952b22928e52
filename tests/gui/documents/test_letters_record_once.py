"""Recording letters as sent (issue 18 point 3): the officer is asked first, with the count and the day, and No is
the default, so a stray Enter records nothing; Yes records the run once; the same run again that day is refused
with a plain Japanese message, never a traceback."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.db.database import Database
from app.domain.dates import format_date, today_jst
from app.services.notices import NoticeService
from app.services.root import Services
from tests.gui.documents.test_letters_flow import write_list
from ui.documents.letters_dialog import LettersDialog
from ui.documents.recipients_dialog import RecipientImportDialog


def _produced(qtbot, db: Database, incident_id: int, tmp_path: Path, name: str) -> LettersDialog:  # type: ignore[no-untyped-def]
    importer = RecipientImportDialog(None, tmp_path)
    qtbot.addWidget(importer)
    assert importer.load_file(write_list(tmp_path))
    importer.import_list()
    dialog = LettersDialog(None, Services(db), incident_id, tmp_path / name)
    qtbot.addWidget(dialog)
    dialog.set_recipients(importer.result_value)
    dialog.generate()
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=20000)
    assert dialog.record_button.isEnabled()
    return dialog


def _answer_boxes(*acts) -> list[tuple[str, str, QMessageBox.StandardButton | None]]:  # type: ignore[no-untyped-def]
    """Each real message box as it shows, in turn: its title, text and default button, then the next act on it."""
    seen: list[tuple[str, str, QMessageBox.StandardButton | None]] = []
    handled: set[int] = set()
    pending = list(acts)

    def step() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and id(box) not in handled and box.isVisible():
            handled.add(id(box))
            default = box.defaultButton()
            seen.append((box.windowTitle(), box.text(), box.standardButton(default) if default else None))
            pending.pop(0)(box)
        if pending:
            QTimer.singleShot(10, step)

    QTimer.singleShot(0, step)
    return seen


def _yes(box: QMessageBox) -> None:
    box.button(QMessageBox.StandardButton.Yes).click()


def test_enter_answers_no_and_yes_records_the_run_once(
    qtbot, db: Database, incident_id: int, tmp_path: Path
) -> None:
    dialog = _produced(qtbot, db, incident_id, tmp_path, "out")
    asked = _answer_boxes(lambda box: qtbot.keyClick(box, Qt.Key.Key_Return))
    assert dialog.record_sent() is None
    ((title, text, default),) = asked
    assert title == "送付済みとして記録"
    assert "2件の通知" in text and format_date(today_jst(), weekday=True) in text
    assert default == QMessageBox.StandardButton.No
    assert NoticeService(db).deliveries(incident_id) == [] and dialog.record_button.isEnabled()

    asked = _answer_boxes(_yes)
    assert dialog.record_sent() is not None and len(asked) == 1
    assert [d.recipient_key for d in NoticeService(db).deliveries(incident_id)] == ["C1", "C2"]
    assert not dialog.record_button.isEnabled()
    assert "通知を送付済みとして台帳に記録しました。" in dialog.report.toPlainText()


def test_the_same_run_again_that_day_is_refused_in_plain_japanese(
    qtbot, db: Database, incident_id: int, tmp_path: Path
) -> None:
    first = _produced(qtbot, db, incident_id, tmp_path, "first")
    _answer_boxes(_yes)
    assert first.record_sent() is not None
    again = _produced(qtbot, db, incident_id, tmp_path, "again")
    seen = _answer_boxes(_yes, lambda box: box.button(QMessageBox.StandardButton.Ok).click())
    assert again.record_sent() is None
    assert [title for title, _text, _default in seen] == ["送付済みとして記録", "送付済みとして記録"]
    refusal = seen[1][1]
    assert "このうち2人は" in refusal and "すでに記録されています" in refusal and "Traceback" not in refusal
    assert len(NoticeService(db).deliveries(incident_id)) == 2
    assert again.record_button.isEnabled()  # nothing recorded: the officer may withdraw the first run instead
