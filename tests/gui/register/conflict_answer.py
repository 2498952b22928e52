"""Answers the conflict dialog (ui/workspace/conflict_dialog.py) the way an officer would, for the tests of two
windows saving the same incident or draft: waits for it without a fixed sleep, records what it shows and the
screen checks' findings, then clicks one of its buttons."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tests.gui.screen_checks import (
    LAPTOP_AT_150,
    clipped_texts,
    duplicate_names,
    mnemonic_clashes,
    nameless_widgets,
    too_big,
)
from ui.workspace.conflict_dialog import ConflictDialog


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
