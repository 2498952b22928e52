"""The letters dialog: a name with 「?」 from Excel is shown per line at import, held back, and produced only after
the officer confirms; an unprintable name holds back its own letter only (issue 15, point 4)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from app.db.database import Database
from app.services.notices import NoticeService
from app.services.root import Services
from ui.documents.letters_dialog import LettersDialog
from ui.documents.recipients_dialog import RecipientImportDialog

LIST = (
    "顧客番号,氏名,郵便番号,住所1,住所2,メール\r\n"
    "C1,髙橋 一郎,100-0001,東京都千代田区千代田1-1,,\r\n"
    "C2,?田 次郎,100-0002,東京都千代田区千代田1-2,,\r\n"
    "C3,\ue000山 花子,100-0003,東京都千代田区千代田1-3,,\r\n"
)


def test_suspect_names_wait_for_confirmation_and_unprintable_ones_are_held_back(
    qtbot, db: Database, incident_id: int, tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "名簿.csv"
    path.write_text(LIST, encoding="utf-8")
    importer = RecipientImportDialog(None, tmp_path)
    qtbot.addWidget(importer)
    assert importer.load_file(path)
    importer.import_list()  # first click: the warnings, per line
    assert importer.result_value is None
    shown = importer.messages.toPlainText()
    assert (
        "3行目：氏名に「?」があります。文字化け（Excelでの保存時に失われた文字）の可能性があります。" in shown
    )
    importer.import_list()  # second click: taken as it is
    assert importer.result_value is not None

    dialog = LettersDialog(None, Services(db), incident_id, tmp_path / "out")
    qtbot.addWidget(dialog)
    dialog.set_recipients(importer.result_value)
    report = dialog.report.toPlainText()
    assert "2通の通知を保留します（ほかの通知は作成できます）" in report
    assert "4行目（C3）：「U+E000」を印刷できる字体がありません。" in report
    assert dialog.generate_button.isEnabled()  # the others can go
    dialog.show()
    dialog.grab().save(str(tmp_path / "letters_dialog.png"))

    asked: list[str] = []

    def confirm(_parent, _title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", confirm)
    dialog.generate_button.click()
    assert "3行目（C2）" in asked[0] and "C3" not in asked[0]
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=20000)
    written = [w.letter.recipient.key for w in dialog.result_value.letters if w.letter.recipient]
    assert written == ["C1", "C2"]  # C2 confirmed; C3 still held back
    assert "1通の通知を保留しました" in dialog.report.toPlainText()
    assert dialog.record_sent() is not None
    assert [d.recipient_key for d in NoticeService(db).deliveries(incident_id)] == ["C1", "C2"]
