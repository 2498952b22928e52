"""Where things go on a 本人通知 letter: the window-envelope address block, the sender, the body lines.

The envelope (a convention, documented so the office can check it against its own stock):
  長形3号 120 × 235 mm, held landscape; the address window 90 × 45 mm (Japan Post asks for at least
  80 × 45 mm), its top-left corner 23 mm from the left edge and 13 mm from the top edge — the common stock
  window of 20–25 mm / 12–15 mm.
The letter: A4 folded in three (99 mm panels) with the top panel facing the window. A 210 mm sheet in a
235 mm envelope can slide sideways, and a 99 mm panel in a 120 mm envelope can slide up and down, so the
address is printed well inside the window: from 25 mm to 105 mm across and from 17 mm to 53 mm down the sheet
(80 × 36 mm), leaving 2–4 mm to the window's left and top edges and 8 mm / 5 mm of slack at the right and the
bottom. Nothing else is printed in the band the window can show (up to 63 mm down between 18 and 118 mm
across); the body starts below it. Short fold marks at 99 mm and 198 mm help fold the sheet exactly.

Lines are wrapped with the same 禁則 rules as every other document (JaParagraph), and each wrap is cached:
a thousand letters share almost all their paragraphs.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from app.documents.render.fonts import GOTHIC, GOTHIC_BOLD, MINCHO, markup, register_fonts, text_width
from app.documents.render.kinsoku import JaParagraph, line_texts

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = 25 * mm
RIGHT = PAGE_WIDTH - 25 * mm
TEXT_WIDTH = RIGHT - LEFT
BOTTOM = 20 * mm
TOP_LATER = 22 * mm  # top of the text on a letter's second and later pages
BODY_TOP = 66 * mm  # first page: below the band the envelope window can show
FOOTER_Y = 12 * mm
HEADER_Y = PAGE_HEIGHT - 13 * mm
FOLD_MARKS_MM = (99.0, 198.0)

# The address area on the sheet (see the module docstring), in mm from the sheet's top-left corner.
ADDRESS_LEFT_MM, ADDRESS_TOP_MM, ADDRESS_WIDTH_MM, ADDRESS_HEIGHT_MM = 25.0, 17.0, 80.0, 36.0
# The stock window as it falls on the sheet when the sheet sits against the envelope's top-left corner.
WINDOW_LEFT_MM, WINDOW_TOP_MM, WINDOW_WIDTH_MM, WINDOW_HEIGHT_MM = 23.0, 13.0, 90.0, 45.0
SENDER_LEFT = 118 * mm  # date and sender: right of anything the window can show

# (address size, name size) tried in turn until the block fits its area.
ADDRESS_SIZES: tuple[tuple[float, float], ...] = ((10.5, 14.0), (9.5, 12.5), (8.5, 11.0), (7.5, 10.0))


@dataclass(frozen=True, slots=True)
class LineStyle:
    font: str
    size: float
    leading: float
    indent: float = 0.0  # left indent of every line
    first_indent: float = 0.0  # extra indent of the first line (字下げ)
    align: str = "left"  # left | center | right
    space_before: float = 0.0
    space_after: float = 0.0
    keep_with_next: bool = False
    bullet: str = ""


BODY_SIZE = 10.5
BODY_LEADING = 16.0
STYLES: dict[str, LineStyle] = {
    "title": LineStyle(GOTHIC_BOLD, 13.5, 20, align="center", space_after=8),
    "body": LineStyle(MINCHO, BODY_SIZE, BODY_LEADING, first_indent=BODY_SIZE, space_after=2),
    "body_plain": LineStyle(MINCHO, BODY_SIZE, BODY_LEADING, space_after=2),
    "body_center": LineStyle(MINCHO, BODY_SIZE, BODY_LEADING, align="center", space_before=6, space_after=4),
    "body_right": LineStyle(MINCHO, BODY_SIZE, BODY_LEADING, align="right", space_after=2),
    "heading": LineStyle(GOTHIC, BODY_SIZE, BODY_LEADING, space_before=4, keep_with_next=True),
    "section": LineStyle(MINCHO, BODY_SIZE, BODY_LEADING, indent=BODY_SIZE, space_after=1),
    "bullet": LineStyle(MINCHO, BODY_SIZE, BODY_LEADING, indent=BODY_SIZE * 2, space_after=1, bullet="・"),
    "note": LineStyle(MINCHO, 9, 14, space_after=2),
}


@functools.lru_cache(maxsize=8192)
def wrap(text: str, font: str, size: float, width: float, first_indent: float = 0.0) -> tuple[str, ...]:
    """The lines of `text` at this width, broken by the 禁則 rules of JaParagraph (cached: pure function).

    A line that fits as it is needs no breaking: most address lines, names and short paragraphs.
    """
    register_fonts()
    if "\n" not in text and first_indent + width_of(text, font, size) <= width:
        return (text,)
    style = ParagraphStyle(
        "wrap", fontName=font, fontSize=size, leading=size * 1.5, wordWrap="CJK", alignment=TA_LEFT,
        firstLineIndent=first_indent,
    )  # fmt: skip
    paragraph = JaParagraph(markup(text, font), style)
    paragraph.wrap(width, 1e6)
    return tuple(line_texts(paragraph)) or ("",)


def width_of(text: str, font: str, size: float) -> float:
    """Width as drawn: characters `font` lacks are measured in the fallback face (cached in fonts.text_width)."""
    return text_width(text, font, size)


@dataclass(frozen=True, slots=True)
class PlacedLine:
    """One line to draw: x of its left end, baseline y (PDF coordinates), font, size, text."""

    x: float
    y: float
    font: str
    size: float
    text: str


@dataclass(frozen=True, slots=True)
class AddressLayout:
    lines: tuple[PlacedLine, ...]
    fits: bool  # False: even the smallest sizes overflow the area (the officer is told before printing)
    overflow_text: str = ""


def _mm_y(top_mm: float) -> float:
    """PDF y of a point `top_mm` below the sheet's top edge."""
    y: float = PAGE_HEIGHT - top_mm * mm
    return y


def layout_address(postal_line: str, address_lines: tuple[str, ...], name_line: str) -> AddressLayout:
    """The window block at the largest sizes that fit 80 × 36 mm: 〒, address (wrapped), a gap, name 様."""
    width = ADDRESS_WIDTH_MM * mm
    left = ADDRESS_LEFT_MM * mm
    top = _mm_y(ADDRESS_TOP_MM)
    bottom = _mm_y(ADDRESS_TOP_MM + ADDRESS_HEIGHT_MM)
    placed: list[PlacedLine] = []
    for address_size, name_size in ADDRESS_SIZES:
        placed = []
        leading = address_size * 1.35
        y = top - address_size
        rows: list[tuple[str, str, float]] = []
        if postal_line:
            rows.append((postal_line, MINCHO, address_size))
        for line in address_lines:
            rows += [(part, MINCHO, address_size) for part in wrap(line, MINCHO, address_size, width)]
        for text, font, size in rows:
            placed.append(PlacedLine(left, y, font, size, text))
            y -= leading
        y -= address_size * 0.6 + (name_size - address_size)
        for part in wrap(name_line, MINCHO, name_size, width):
            placed.append(PlacedLine(left, y, MINCHO, name_size, part))
            y -= name_size * 1.3
        lowest = min(line.y for line in placed) - 0.25 * placed[-1].size  # descenders
        if lowest >= bottom:
            return AddressLayout(tuple(placed), True)
    return AddressLayout(tuple(placed), False, " ".join((postal_line, *address_lines, name_line)))
