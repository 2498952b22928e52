"""Typing Japanese into a widget the way an IME does: QTest key simulation is ASCII-only and aborts the process."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_japanese(widget: QWidget, text: str) -> None:
    """Commit `text` at the cursor, as when the officer confirms an IME conversion with Enter."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
