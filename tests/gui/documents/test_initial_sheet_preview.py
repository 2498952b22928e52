"""The 初動シート from the 書類 menu: listed, and previewed as one page with its file name."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from app.db.database import Database
from app.services.root import Services
from tests.documents.helpers import page_texts
from ui.documents.launch import build_preview
from ui.documents.menu import install_documents_menu


def test_menu_lists_the_sheet(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = install_documents_menu(window)
    action = next(a for a in menu.actions() if a.objectName() == "documents_initial_sheet")
    assert action.text() == "初動シート(&R)…"


def test_preview_shows_one_page_named_after_the_incident(qtbot, db: Database, incident_id: int) -> None:
    dialog = build_preview(None, Services(db), incident_id, "initial_sheet")
    qtbot.addWidget(dialog)
    assert dialog.page_count() == 1
    assert dialog.suggested_name.endswith("_初動シート.pdf")
    text = page_texts(dialog.pdf)[0]
    assert "初動シート" in text and "いま決めること" in text and "個人情報保護委員会" in text
