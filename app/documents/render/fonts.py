"""The bundled BIZ UD TrueType fonts and the names fallback: registered once per process, embedded as subsets.

BIZ UD lacks a few names (𠮷, U+20BB7, and some JIS X 0213 kanji); those characters print in the fallback face
(a renamed IPAmj明朝 subset, tools/build_fallback_font.py, docs/tech-notes.md "Fonts"), which is registered only
when a text needs it, so documents without such characters pay nothing. Text is split into runs by coverage:
`markup` for Platypus paragraphs, `draw_string`/`text_width` for the letters drawn on a canvas.
"""

from __future__ import annotations

import functools
import threading
import unicodedata
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

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
FALLBACK = "BDNames"  # BreachDesk Names Mincho: what BIZ UD lacks, from IPAmj明朝 (IPA Font License v1.0)

FONT_FILES: dict[str, str] = {
    MINCHO: "BIZUDMincho-Regular.ttf",
    GOTHIC: "BIZUDGothic-Regular.ttf",
    GOTHIC_BOLD: "BIZUDGothic-Bold.ttf",
    PGOTHIC: "BIZUDPGothic-Regular.ttf",
    FALLBACK: "BreachDeskNamesMincho-Regular.ttf",
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
        if FALLBACK in _registered:
            # One face only: a name inside bold text stays regular rather than failing the mapping.
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(FALLBACK, bold, italic, FALLBACK)


def _cmap(name: str) -> dict[int, int]:
    register_fonts((name,))
    cmap: dict[int, int] = _registered[name].face.charToGlyph
    return cmap


@functools.cache
def _charset(name: str) -> frozenset[str]:
    """The characters a face has, as a set of str: `issuperset(text)` checks a whole line at C speed."""
    return frozenset(map(chr, _cmap(name)))


def _needs_fallback(char: str, primary: frozenset[str]) -> bool:
    return char not in primary and unicodedata.category(char) not in _IGNORED_CATEGORIES


@functools.lru_cache(maxsize=16384)
def runs(text: str, font: str) -> tuple[tuple[str, str], ...]:
    """`text` as (font, piece) runs: characters `font` lacks and the fallback has go to the fallback face.

    Cached: a thousand letters share almost all their lines, and most lines are one run in `font`.
    """
    primary = _charset(font)
    if primary.issuperset(text) or not any(_needs_fallback(char, primary) for char in text):
        return ((font, text),)
    fallback = _charset(FALLBACK)
    pieces: list[tuple[str, str]] = []
    for char in text:
        face = FALLBACK if _needs_fallback(char, primary) and char in fallback else font
        if pieces and pieces[-1][0] == face:
            pieces[-1] = (face, pieces[-1][1] + char)
        else:
            pieces.append((face, char))
    return tuple(pieces)


def markup(text: str, font: str) -> str:
    """Plain text as Paragraph markup (escaped), the characters `font` lacks wrapped in the fallback face."""
    return "".join(
        escape(piece) if face == font else f'<font name="{face}">{escape(piece)}</font>'
        for face, piece in runs(text, font)
    )


@functools.lru_cache(maxsize=16384)
def text_width(text: str, font: str, size: float) -> float:
    """Width of `text` as `draw_string` draws it (each run in its own face)."""
    return float(sum(pdfmetrics.stringWidth(piece, face, size) for face, piece in runs(text, font)))


def draw_string(canvas: Any, font: str, size: float, x: float, y: float, text: str) -> None:
    """Draw one line on a canvas, run by run, so a name's 𠮷 prints in the fallback face at its own width."""
    pieces = runs(text, font)
    if len(pieces) == 1:
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)
        return
    # One text object for the line: extractors then read it as one string (「𠮷野 花子」, not 「𠮷」 and 「野 花子」).
    line = canvas.beginText(x, y)
    for face, piece in pieces:
        line.setFont(face, size)
        line.textOut(piece)
    canvas.drawText(line)


def unprintable_characters(text: str, fonts: Iterable[str] = CORE_FONTS) -> list[str]:
    """Characters of `text` that one of `fonts` has no glyph for and the fallback face has none for either,
    once each, in order of first appearance.

    ReportLab would silently draw the empty .notdef glyph for them (a box or a gap), so callers ask first and
    tell the officer. 𠮷 (U+20BB7) is not in BIZ UD but prints in the fallback face; an emoji prints nowhere.
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
        if any(code not in cmap for cmap in cmaps) and code not in _cmap(FALLBACK):
            missing.append(char)
    return missing


def describe_unprintable(chars: Iterable[str]) -> str:
    """A message for the officer naming each character and its code point, so it can be found and replaced."""
    listed = "、".join(f"{char}（U+{ord(char):04X}）" for char in chars)
    return _(
        "The bundled font cannot print these characters: {characters}. "
        "Replace them with a commonly used form of the character before printing."
    ).format(characters=listed)
