"""For the tests of two windows saving the same incident or draft: opens an incident's window as a second PC would,
and answers the conflict dialog (ui/workspace/conflict_dialog.py) the way an officer would: waits for it without a
fixed sleep, records what it shows and the screen checks' findings, then clicks one of its buttons."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.services.root import Services
from tests.gui.screen_checks import (
    LAPTOP_AT_150,
    clipped_texts,
    duplicate_names,
    mnemonic_clashes,
    nameless_widgets,
    too_big,
)
from ui.workspace import IncidentWindow
from ui.workspace.conflict_dialog import ConflictDialog
from ui.workspace.context import WorkspaceContext


def incident_window(qtbot, db, incident: int, tab: str) -> IncidentWindow:  # type: ignore[no-untyped-def]
    """The incident's window on `tab`, shown, closed with the test."""
    window = IncidentWindow(WorkspaceContext.open(Services(db), incident))
    qtbot.addWidget(window)
    window.show()
    window.show_tab(tab)
    return window


def answer_conflict(button: str, seen: list[ConflictDialog], checks: list[list[str]]) -> None:
    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConflictDialog):
            QTimer.singleShot(5, attempt)
            return
        seen.append(dialog)
        checks.append(
            nameless_widgets(dialog)
            + clipped_texts(dialog)
            + mnemonic_clashes(dialog)
            + duplicate_names(dialog)
            + too_big(dialog, LAPTOP_AT_150)
        )
        getattr(dialog, button).click()

    QTimer.singleShot(0, attempt)
