"""The 書類 menu sits before 表示 and asks for a selected incident before opening anything."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from ui.documents.menu import install_documents_menu


class FakeRegister:
    def selected_id(self) -> None:
        return None


def test_documents_menu_before_view_and_needs_a_selection(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.view_menu = window.menuBar().addMenu("表示(&V)")
    window.register = FakeRegister()
    window.services = object()
    menu = install_documents_menu(window)
    assert [a.text() for a in window.menuBar().actions()] == ["書類(&D)", "表示(&V)"]
    labels = [a.text() for a in menu.actions() if a.text()]
    assert labels[:3] == [
        "漏えい等報告書（速報）(&P)…",
        "漏えい等報告書（確報）(&F)…",
        "漏えい等報告書（追完）(&S)…",
    ]
    assert "本人通知（見本）(&L)…" in labels and "本人通知の作成（差し込み印刷）(&N)…" in labels
    menu.actions()[0].trigger()
    assert window.statusBar().currentMessage() == "先に台帳で事案を選んでください。"
