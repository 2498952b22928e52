"""From a CSV saved by Excel to letters on disk and the sending log, as the officer does it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from app.db.database import Database
from app.documents.context import DocumentKind
from app.documents.mailmerge.merge import MergeMode
from app.i18n import _
from app.services.documents import DocumentService
from app.services.notices import NoticeService
from app.services.root import Services
from tests.gui.jp_input import type_japanese
from ui.documents.form_assistant import FormAssistantDialog
from ui.documents.letters_dialog import LettersDialog
from ui.documents.recipients_dialog import RecipientImportDialog
from ui.documents.template_editor import TemplateEditorDialog

LIST = (
    "顧客番号,氏名,郵便番号,住所1,住所2,メール,漏えい項目\r\n"
    'C1,髙橋 一郎,100-0001,"東京都千代田区千代田1-1, 2F",,ichiro@example.jp,"氏名、住所"\r\n'
    "C2,山﨑 花子,1000002,大阪府大阪市北区梅田1-2-3,梅田ビル5F,,氏名・病歴\r\n"
    "C3,鈴木 次郎,,,,jiro@example.jp,氏名\r\n"
)


def write_list(tmp_path: Path, text: str = LIST) -> Path:
    path = tmp_path / "名簿.csv"
    path.write_bytes(text.encode("cp932"))
    return path


def test_import_print_file_and_record_sent(
    qtbot, db: Database, incident_id: int, tmp_path: Path, monkeypatch
) -> None:
    importer = RecipientImportDialog(None, tmp_path)
    qtbot.addWidget(importer)
    assert importer.load_file(write_list(tmp_path))
    assert "Shift_JIS" in importer.path_label.text()
    importer.import_list()
    assert importer.result_value is not None
    dialog = LettersDialog(None, Services(db), incident_id, tmp_path / "out")
    qtbot.addWidget(dialog)
    dialog.set_recipients(importer.result_value)
    report = dialog.report.toPlainText()
    assert "2" in report and "鈴木 次郎" in report  # no postal address: listed
    with qtbot.waitSignal(dialog.generate_button.clicked, timeout=1000):
        dialog.generate_button.click()
    assert dialog.job is not None
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=20000)
    reference = dialog.ctx.incident.reference  # the print file says which incident it is for (issue 15)
    assert dialog.result_value.files == (tmp_path / "out" / f"{reference}_本人通知.pdf",)
    assert dialog.progress.isHidden() and dialog.record_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert dialog.record_sent() is not None
    log = NoticeService(db).deliveries(incident_id)
    assert [d.recipient_name for d in log] == ["髙橋 一郎", "山﨑 花子"]
    dialog.set_recipients(importer.result_value)
    assert "すでに" in dialog.report.toPlainText()  # the same people again: warned before sending twice


def test_cancel_stops_a_long_run(qtbot, db: Database, incident_id: int, tmp_path: Path) -> None:
    rows = "".join(f"C{n},髙橋 一郎{n},100-0001,東京都千代田区千代田{n},,,氏名\r\n" for n in range(400))
    importer = RecipientImportDialog(None, tmp_path)
    qtbot.addWidget(importer)
    importer.load_file(
        write_list(tmp_path, "顧客番号,氏名,郵便番号,住所1,住所2,メール,漏えい項目\r\n" + rows)
    )
    importer.import_list()
    dialog = LettersDialog(None, Services(db), incident_id, tmp_path / "many")
    qtbot.addWidget(dialog)
    dialog.set_recipients(importer.result_value)
    dialog.set_mode(MergeMode.SEPARATE)
    dialog.generate()
    dialog.cancel_job()
    # What the officer sees, not the job's signal: a job cancelled before it started says so at once, possibly
    # before a waitSignal here could connect.
    cancelled = _("Cancelled. Nothing was recorded as sent.")
    qtbot.waitUntil(lambda: cancelled in dialog.report.toPlainText(), timeout=20000)
    assert dialog.result_value is None and not dialog.record_button.isEnabled()
    assert len(list((tmp_path / "many").glob("*.pdf"))) < 400


def test_a_bad_row_is_shown_with_its_line_and_nothing_imported(qtbot, tmp_path: Path) -> None:
    importer = RecipientImportDialog(None, tmp_path)
    qtbot.addWidget(importer)
    importer.load_file(write_list(tmp_path, LIST + "C4,田中 四郎,12,東京都\r\n"))
    importer.import_list()
    assert importer.result_value is None
    assert "5" in importer.messages.toPlainText() and "12" in importer.messages.toPlainText()


def test_form_assistant_copies_and_shows_changes(qtbot, db: Database, incident_id: int) -> None:
    dialog = FormAssistantDialog(None, Services(db), incident_id)
    qtbot.addWidget(dialog)
    dialog.select_kind(DocumentKind.KAKUHO)
    labels = [dialog.table.item(row, 1).text() for row in range(dialog.table.rowCount())]
    cause = labels.index("原因")
    dialog.table.cellWidget(cause, 4).click()
    assert (
        QGuiApplication.clipboard().text() == "宛先の自動補完機能により別のお客様のアドレスが選ばれたため。"
    )
    dialog.changed_only.setChecked(True)
    changed = {dialog.table.item(row, 1).text() for row in range(dialog.table.rowCount())}
    assert changed == {"報告区分", "原因"}


def test_the_wording_is_edited_and_saved(qtbot, db: Database) -> None:
    service = DocumentService(db)
    editor = TemplateEditorDialog(None, service, "publication")
    qtbot.addWidget(editor)
    editor.title_edit.clear()
    type_japanese(editor.title_edit, "個人情報の取扱いに関するお知らせ{事業社名}")
    editor._edited()
    assert "事業社名" in editor.check_label.text()
    editor.title_edit.clear()
    type_japanese(editor.title_edit, "個人情報の取扱いに関するお知らせ")
    editor.save()
    assert service.template("publication").title == "個人情報の取扱いに関するお知らせ"
    assert service.template("notice_letter").title == "個人情報の漏えい等に関するお詫びとお知らせ"
