"""A one-line label that shrinks with its window and ends in 「…」 instead of being cut, with the whole text in its
tooltip (issue 18 point 2: the status bar's data folder must not hold the window wider than a laptop)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MIN_CHARS = 8  # enough to recognise the start of a path


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._tooltip = ""
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._update_tooltip()

    def set_detail(self, tooltip: str) -> None:
        """A tooltip shown in full after the label's own text (the database file beside the folder)."""
        self._tooltip = tooltip
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        parts = (
            [self.text(), self._tooltip] if self._tooltip and self._tooltip != self.text() else [self.text()]
        )
        self.setToolTip("\n".join(p for p in parts if p))

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * MIN_CHARS, metrics.height())

    def elided_text(self) -> str:
        return self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideMiddle, self.contentsRect().width()
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(self.contentsRect(), int(align), self.elided_text())
