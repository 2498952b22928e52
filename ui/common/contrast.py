"""Text contrast as WCAG 2.x measures it (issue 18 point 3: no text below 4.5:1), and the app-wide palette fix for
the one colour Qt's default palettes get wrong: placeholder text, which on Fusion's white base reads at ~3.5:1 and
was the only label of some fields."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

AA_NORMAL_TEXT = 4.5  # WCAG 2.2 SC 1.4.3, body text
# Dark grey on a light base (7.0:1 on white), light grey on a dark base: readable yet visibly not typed text.
_PLACEHOLDER_ON_LIGHT = QColor("#595959")
_PLACEHOLDER_ON_DARK = QColor("#b3b3b3")


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: QColor) -> float:
    red, green, blue = (_channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(foreground: QColor, background: QColor) -> float:
    """1.0 (same colour) to 21.0 (black on white); the order of the two colours does not matter."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_placeholder(palette: QPalette) -> QColor:
    """The palette's own placeholder colour when it already reaches 4.5:1 on the base, else a grey that does."""
    base = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Base)
    current = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)
    if contrast_ratio(current, base) >= AA_NORMAL_TEXT:
        return current
    return _PLACEHOLDER_ON_LIGHT if relative_luminance(base) > 0.18 else _PLACEHOLDER_ON_DARK


def apply_readable_placeholders(app: QApplication) -> None:
    """Every placeholder of every window, once for the application (create_application)."""
    palette = app.palette()
    colour = readable_placeholder(palette)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.PlaceholderText, colour)
    app.setPalette(palette)
