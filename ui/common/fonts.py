"""The names fallback face on screen: 𠮷 and the JIS X 0213 kanji that BIZ UD lacks, never shown as tofu.

The face is the renamed IPAmj明朝 subset that documents print with (resources/fonts, tools/build_fallback_font.py,
docs/tech-notes.md "Fonts"). PySide6 has no binding for QFontDatabase.addApplicationFallbackFontFamily (it takes
a QChar::Script), so the face is made a substitute of each UI family: Qt tries a family's substitutes for glyphs
the family lacks. Registered after the first paint (ui/shell/application.py; reading the file costs a few ms);
adding an application font clears Qt's font cache, so text already on screen picks the face up when repainted.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

from app.paths import fonts_dir

log = logging.getLogger(__name__)

NAMES_FONT_FILE = "BreachDeskNamesMincho-Regular.ttf"
NAMES_FAMILY = "BreachDesk Names Mincho"
# Every family the UI draws with (ui/shell/fonts.py registers them; ui/ must not import shell from common):
# BIZ UDGothic also covers the bold and fixed-width uses.
FALLBACK_FOR = ("BIZ UDPGothic", "BIZ UDGothic")

_families: list[str] = []


def register_names_fallback(folder: Path | None = None) -> bool:
    """Add the names face to Qt once per process and make it the fallback of the UI families; False if missing."""
    if _families:
        return True
    for family in FALLBACK_FOR:
        if NAMES_FAMILY not in QFont.substitutes(family):
            QFont.insertSubstitution(family, NAMES_FAMILY)
    path = (folder or fonts_dir()) / NAMES_FONT_FILE
    font_id = QFontDatabase.addApplicationFont(str(path))  # after the substitutions: it clears the font cache
    if font_id < 0:
        log.error(
            "Qt could not load the names fallback font %s; rare name kanji may show as boxes", path.name
        )
        return False
    _families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return NAMES_FAMILY in _families
