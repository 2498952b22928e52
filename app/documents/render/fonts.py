"""The bundled BIZ UD TrueType fonts: registered once per process, embedded as subsets, and asked what they lack."""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.i18n import _
from app.paths import fonts_dir

# ReportLab font names (what styles and canvases use) -> file in resources/fonts.
MINCHO = "BDMincho"
GOTHIC = "BDGothic"
GOTHIC_BOLD = "BDGothic-Bold"
PGOTHIC = "BDPGothic"

FONT_FILES: dict[str, str] = {
    MINCHO: "BIZUDMincho-Regular.ttf",
    GOTHIC: "BIZUDGothic-Regular.ttf",
    GOTHIC_BOLD: "BIZUDGothic-Bold.ttf",
    PGOTHIC: "BIZUDPGothic-Regular.ttf",
}

# What every document uses. The proportional Gothic costs another ~40 ms, so it is registered only on request.
CORE_FONTS: tuple[str, ...] = (MINCHO, GOTHIC, GOTHIC_BOLD)

# Character categories that never reach the page as a glyph (Paragraph turns whitespace into spacing).
_IGNORED_CATEGORIES = frozenset({"Cc", "Zs", "Zl", "Zp"})

# Binary (deflate-only) streams: ReportLab's ASCII85 step is pure Python here (no _rl_accel), costs ~2 ms a
# page and makes files a quarter bigger, for PDFs that are never sent through 7-bit channels raw.
rl_config.useA85 = 0

_lock = threading.Lock()
_registered: dict[str, TTFont] = {}


def register_fonts(names: Iterable[str] = CORE_FONTS) -> None:
    """Register the named fonts if this process has not yet: parsing a face costs ~40 ms, so it happens lazily.

    Bold has no Mincho face in BIZ UD; `<b>` inside Mincho text maps to Gothic Bold, which is also how
    Japanese business documents usually emphasise.
    """
    wanted = tuple(names)
    with _lock:
        for name in wanted:
            if name in _registered:
                continue
            if name not in FONT_FILES:
                raise KeyError(f"unknown bundled font {name!r}")
            font = TTFont(name, str(fonts_dir() / FONT_FILES[name]))
            pdfmetrics.registerFont(font)
            _registered[name] = font
        if MINCHO in _registered and GOTHIC_BOLD in _registered:
            addMapping(MINCHO, 0, 0, MINCHO)
            addMapping(MINCHO, 1, 0, GOTHIC_BOLD)
            addMapping(MINCHO, 0, 1, MINCHO)
            addMapping(MINCHO, 1, 1, GOTHIC_BOLD)
        if GOTHIC in _registered and GOTHIC_BOLD in _registered:
            addMapping(GOTHIC, 0, 0, GOTHIC)
            addMapping(GOTHIC, 1, 0, GOTHIC_BOLD)
            addMapping(GOTHIC, 0, 1, GOTHIC)
            addMapping(GOTHIC, 1, 1, GOTHIC_BOLD)


def _cmap(name: str) -> dict[int, int]:
    register_fonts((name,))
    cmap: dict[int, int] = _registered[name].face.charToGlyph
    return cmap


def unprintable_characters(text: str, fonts: Iterable[str] = CORE_FONTS) -> list[str]:
    """Characters of `text` that one of `fonts` has no glyph for, once each, in order of first appearance.

    ReportLab would silently draw the empty .notdef glyph for them (a box or a gap), so callers ask first and
    tell the officer, e.g. 𠮷 (U+20BB7) is not in BIZ UD while 髙 and 﨑 are.
    """
    cmaps = [_cmap(name) for name in fonts]
    missing: list[str] = []
    seen: set[str] = set()
    for char in text:
        if char in seen:
            continue
        seen.add(char)
        if unicodedata.category(char) in _IGNORED_CATEGORIES:
            continue
        code = ord(char)
        if any(code not in cmap for cmap in cmaps):
            missing.append(char)
    return missing


def describe_unprintable(chars: Iterable[str]) -> str:
    """A message for the officer naming each character and its code point, so it can be found and replaced."""
    listed = "、".join(f"{char}（U+{ord(char):04X}）" for char in chars)
    return _(
        "The bundled font cannot print these characters: {characters}. "
        "Replace them with a commonly used form of the character before printing."
    ).format(characters=listed)
