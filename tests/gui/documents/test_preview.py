"""The preview: the PDF's pages, navigation and zoom, printing at actual size, saving, a blocked print."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrinter

from app.db.database import Database
from app.services.documents import DocumentService
from app.services.root import Services
from tests.documents.helpers import page_texts
from ui.documents.launch import build_preview
from ui.documents.preview import print_pdf


def test_final_report_preview_navigates_and_zooms(qtbot, db: Database, incident_id: int) -> None:
    dialog = build_preview(None, Services(db), incident_id, "kakuho")
    qtbot.addWidget(dialog)
    assert dialog.page_count() == 3
    assert dialog.page_label.text() == "3 ページ中 1 ページ"
    assert not dialog.prev_button.isEnabled()
    dialog.next_page()
    assert dialog.current_page() == 1 and dialog.page_label.text() == "3 ページ中 2 ページ"
    before = dialog.view.zoomFactor()
    dialog.zoom_in_button.click()
    assert dialog.view.zoomFactor() > before
    # the final report still misses items: shown above the pages, printing allowed (gaps print visibly)
    assert "本人への対応の実施状況" in dialog.problems_label.text()
    assert dialog.print_button.isEnabled()


def test_save_as_pdf_writes_the_same_document_and_opens_the_folder(
    qtbot, db: Database, incident_id: int, tmp_path: Path, monkeypatch
) -> None:
    dialog = build_preview(None, Services(db), incident_id, "sokuho")
    qtbot.addWidget(dialog)
    assert dialog.suggested_name.endswith("_漏えい等報告書（速報）.pdf")
    saved = dialog.save_to(tmp_path / "copy")
    assert saved == tmp_path / "copy.pdf" and saved.read_bytes() == dialog.pdf
    opened: list[Path] = []
    monkeypatch.setattr("ui.common.messages.open_folder", lambda folder: opened.append(folder) or True)
    assert dialog.folder_button.isEnabled()
    dialog.folder_button.click()
    assert opened == [tmp_path]


def test_printing_puts_every_page_on_paper(qtbot, db: Database, incident_id: int, tmp_path: Path) -> None:
    dialog = build_preview(None, Services(db), incident_id, "kakuho")
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(150)
    printer.setFullPage(True)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_pdf(dialog.document, printer) == 3
    assert len(page_texts((tmp_path / "printed.pdf").read_bytes())) == 3


def test_an_unprintable_character_disables_print_and_save(qtbot, db: Database, incident_id: int) -> None:
    """𠮷 prints (the bundled fallback font has it); a character no font has blocks printing until replaced."""
    DocumentService(db).save_incident_values(incident_id, {"委託元名": "𠮷野商事"})
    dialog = build_preview(None, Services(db), incident_id, "entrustor_notice")
    qtbot.addWidget(dialog)
    assert "U+20BB7" not in dialog.problems_label.text()
    assert dialog.print_button.isEnabled()
    DocumentService(db).save_incident_values(incident_id, {"委託元名": "吉野商事\U0001f600"})
    dialog.rebuild()
    assert "U+1F600" in dialog.problems_label.text()
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()
    DocumentService(db).save_incident_values(incident_id, {"委託元名": "吉野商事"})
    dialog.rebuild()
    assert dialog.print_button.isEnabled()
