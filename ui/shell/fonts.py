"""Register the bundled BIZ UD fonts with Qt: a PC without Japanese fonts (or this Linux box) must never show tofu."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.paths import fonts_dir

log = logging.getLogger(__name__)

UI_FAMILY = "BIZ UDPGothic"  # proportional Gothic: the face Japanese office software uses on screen
# Mincho is for printed letters (ReportLab registers it); the UI only needs the Gothic faces.
UI_FONT_FILES = ("BIZUDPGothic-Regular.ttf", "BIZUDGothic-Regular.ttf", "BIZUDGothic-Bold.ttf")
# What the main window paints with; the fixed-width faces (error details, logs) are registered after the first
# paint (each file costs Qt 1–5 ms to read).
WINDOW_FONT_FILES = UI_FONT_FILES[:1]
MIN_POINT_SIZE = 10.0  # kanji below 10 pt are hard to read on a 1366x768 office laptop

_registered: dict[str, list[str]] = {}


def register_fonts(folder: Path | None = None, files: tuple[str, ...] = UI_FONT_FILES) -> list[str]:
    """Add the UI fonts to Qt's database once per process; the families that were added, [] if none could be."""
    folder = folder or fonts_dir()
    families: list[str] = []
    for name in files:
        path = folder / name
        key = str(path)
        if key not in _registered:
            font_id = QFontDatabase.addApplicationFont(key)
            if font_id < 0:
                log.error("Qt could not load the font %s", path)
                continue
            _registered[key] = QFontDatabase.applicationFontFamilies(font_id)
        families.extend(f for f in _registered[key] if f not in families)
    return families


def apply_application_font(
    app: QApplication, folder: Path | None = None, files: tuple[str, ...] = UI_FONT_FILES
) -> bool:
    """Make BIZ UDPGothic the default for every widget; False (logged) if the bundled fonts are missing."""
    families = register_fonts(folder, files)
    if UI_FAMILY not in families:
        log.error(
            "bundled UI font %s not available (found %s); Japanese may show as boxes", UI_FAMILY, families
        )
        return False
    font = QFont(app.font())
    font.setFamilies([UI_FAMILY, *[f for f in families if f != UI_FAMILY]])
    font.setPointSizeF(max(font.pointSizeF(), MIN_POINT_SIZE))
    app.setFont(font)
    return True
