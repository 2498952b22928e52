"""The preview names the fields a document still needs and where to fill them; saving or printing asks first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.db.database import Database
from app.domain.office import OfficeProfile
from app.services.office import OfficeService
from app.services.root import Services
from tests.documents.builders.factories import OFFICE
from ui.documents.form_assistant import FormAssistantDialog
from ui.documents.launch import build_preview


def test_sokuho_with_an_empty_office_lists_the_fields_and_asks_before_saving(
    qtbot, db: Database, incident_id: int, tmp_path: Path, monkeypatch
) -> None:
    services = Services(db)
    monkeypatch.setattr(
        OfficeService, "load", lambda self: OfficeProfile(name="", address="", phone="", email="")
    )
    opened: list[bool] = []
    dialog = build_preview(
        None, services, incident_id, "sokuho", lambda _parent: opened.append(True) or False
    )
    qtbot.addWidget(dialog)
    text = dialog.needs_label.text()
    assert not dialog.needs_label.isHidden()
    assert "事業者名：事業者情報で入力してください" in text
    assert "電話番号又はメールアドレス：事業者情報で入力してください" in text
    assert dialog.edit_buttons[0].text() == "事業者情報…"
    dialog.edit_buttons[0].click()
    assert opened == [True]

    asked: list[str] = []

    def refuse(_parent, _title, message, *_args):
        asked.append(message)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", refuse)
    chosen: list[bool] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: chosen.append(True) or (str(tmp_path / "x.pdf"), "")
    )
    assert dialog.save_as() is None and not chosen  # refused: no file dialog, nothing written
    assert len(asked) == 1 and "事業者名" in asked[0] and "所在地" in asked[0]

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    assert dialog.save_as() == tmp_path / "x.pdf" and (tmp_path / "x.pdf").exists()


def test_a_complete_office_shows_no_needs_and_saves_without_asking(
    qtbot, db: Database, incident_id: int, tmp_path: Path, monkeypatch
) -> None:
    OfficeService(db).save(OFFICE)
    dialog = build_preview(None, Services(db), incident_id, "sokuho")
    qtbot.addWidget(dialog)
    assert dialog.needs_label.isHidden()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: (_ for _ in ()).throw(AssertionError("asked")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "y.pdf"), ""))
    assert dialog.save_as() == tmp_path / "y.pdf"


def test_the_copy_assistant_offers_item_9_as_one_text(qtbot, db: Database, incident_id: int) -> None:
    services = Services(db)
    draft = services.reports.drafts(incident_id)[0]
    services.reports.set_field(draft.id, "other.police.done", True)
    services.reports.set_field(draft.id, "other.police.note", "所轄警察署に相談")
    dialog = FormAssistantDialog(None, services, incident_id)
    qtbot.addWidget(dialog)
    rows = [row for row in dialog.rows() if row[0] == "9"]
    assert len(rows) == 1
    assert rows[0][2] == "警察への相談・届出：あり（所轄警察署に相談）"  # unanswered questions say nothing
    assert any(row[1] == "各号に該当する事実" for row in dialog.rows())
