"""Run start-up work only after a widget has really painted.

Why: `QTimer.singleShot(0, …)` after `show()` runs before the first paint (the paint request is a low-priority
posted event), so a long step scheduled that way kept the window blank or unpainted until it finished. Waiting
for the Paint event itself guarantees the officer sees the window (then the register rows) before the heavy part.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 400  # a window the OS never exposes (locked screen, hidden) must not stop start-up


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], Any], fallback_ms: int) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback: Callable[[], Any] | None = callback
        widget.installEventFilter(self)
        self._fallback = QTimer(self, singleShot=True, interval=fallback_ms)
        self._fallback.timeout.connect(self._fire)
        self._fallback.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint and self._callback is not None:
            QTimer.singleShot(0, self._fire)  # after this paint has been drawn and flushed
        return False

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is None:
            return
        self._fallback.stop()
        self._widget.removeEventFilter(self)
        self.deleteLater()
        callback()


def after_first_paint(widget: QWidget, callback: Callable[[], Any], fallback_ms: int = FALLBACK_MS) -> None:
    """Call `callback` once, on the event-loop turn after `widget` next paints, or after `fallback_ms` if it does
    not paint by then (hidden, minimised to the notification area, never exposed by the OS)."""
    _FirstPaint(widget, callback, fallback_ms)
