"""Draws the BreachDesk icon (a shield with a calendar tick) as PNG and multi-size ICO; run once, output committed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 64.0
    shield = QPainterPath()
    shield.moveTo(32 * s, 3 * s)
    shield.lineTo(57 * s, 12 * s)
    shield.cubicTo(57 * s, 38 * s, 47 * s, 53 * s, 32 * s, 61 * s)
    shield.cubicTo(17 * s, 53 * s, 7 * s, 38 * s, 7 * s, 12 * s)
    shield.closeSubpath()
    p.fillPath(shield, QColor("#1f4e79"))
    p.setBrush(QColor("white"))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(QRectF(18 * s, 20 * s, 28 * s, 26 * s), 3 * s, 3 * s)
    p.fillRect(QRectF(18 * s, 20 * s, 28 * s, 7 * s), QColor("#c0392b"))
    pen = QPen(QColor("#1f7a3a"), 4 * s)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.drawPolyline([QPointF(24 * s, 36 * s), QPointF(30 * s, 41 * s), QPointF(40 * s, 31 * s)])
    p.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(OUT / "breachdesk.png"))
    if not draw(256).save(str(OUT / "breachdesk.ico")):
        print("Qt could not write .ico", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
