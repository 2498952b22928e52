"""Japanese line breaking (禁則処理) for ReportLab paragraphs, pushing characters down instead of into the margin.

ReportLab's own `wordWrap="CJK"` lets one forbidden character hang past the right edge, so a cell can overflow;
it still starts a line with 。 after 」。, with ！ or ？ (full width), ends lines with 「 or （, and on a page break
glues the continued part back together with spaces. `JaParagraph` replaces that breaker: every line fits its
width, 行頭禁則 and 行末禁則 hold, Latin words and numbers stay whole when they fit on a line, and a split
paragraph rejoins without spaces.

Where a line breaks among the legal points is chosen by phrase: BudouX's Japanese model
(docs/adr/0009-phrase-line-breaking.md) marks phrase boundaries, so 「サンプルビルディング」 or 「１２３４号室」
never splits when the line can end at a phrase boundary without leaving it less than `MIN_FILL` full. Failing
that, a change of script (kanji | kana | katakana | digits), and only then any 禁則-legal point — not inside a
katakana or digit run while a boundary at `LOW_FILL` exists.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

import budoux
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus.paragraph import (
    FragLine,
    Paragraph,
    ParaLines,
    _handleBulletWidth,
    imgNormV,
    imgVRange,
)
from reportlab.rl_config import _FUZZ

# JIS X 4051 classes 2–7 plus iteration marks, small kana and units: never the first character of a line.
CANNOT_START = frozenset(
    "、。，．,.・：；？！‼⁇⁈⁉:;?!"
    "）〕］｝〉》」』】〙〗〟’”｠»)]}"
    "ゝゞヽヾ々〻ー‐〜゠–"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "゛゜％‰℃°′″"
    "｡､｣ﾞﾟｧｨｩｪｫｯｬｭｮｰ"
)
# Opening brackets and prefixes: never the last character of a line.
CANNOT_END = frozenset("（〔［｛〈《「『【〘〖〝‘“｟«([{￥＄￡＃＠〒§｢")
# Two of these in a row (……, ――) are one mark and are not split.
INSEPARABLE = frozenset("…‥―")
# A no-break space glues its neighbours: 「1\u00a0/\u00a02」 stays on one line.
NO_BREAK_SPACE = "\u00a0"
# A line broken at a phrase (or script) boundary must keep at least this share of the glyphs that would fit;
# below it the ragged edge costs more than a word split across lines.
MIN_FILL = 0.7
# Before cutting a word (サンプル／ビルディング), a boundary leaving the line only this full is still preferred.
LOW_FILL = 0.3
_KEEP_WHOLE = frozenset({"katakana", "word"})  # runs that are one word: building names, numbers, Latin
_PHRASES = budoux.load_default_japanese_parser()  # the model ships in the wheel; loading it takes ~2 ms


def _is_word_char(char: str) -> bool:
    """Latin letters, digits and their full-width forms: words such as 2027 or BreachDesk stay on one line."""
    if not char or unicodedata.category(char).startswith(("Z", "C")):
        return False
    code = ord(char)
    return code < 0x2E80 or 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A


def _is_space(char: str) -> bool:
    """Breakable space; the no-break space is not one."""
    return bool(char) and char != NO_BREAK_SPACE and unicodedata.category(char) == "Zs"


def phrase_starts(chars: Sequence[str]) -> frozenset[int]:
    """Indices where a phrase starts (BudouX), plus those right after a space: the preferred places to break.

    `chars` holds one character per glyph slot ("" for a <br/> or an image, read as a line feed here).
    """
    text = "".join(char or "\n" for char in chars)
    if len(text) != len(chars):
        return frozenset()
    starts: set[int] = set()
    position = 0
    for phrase in _PHRASES.parse(text):
        position += len(phrase)
        starts.add(position)
    starts.update(index + 1 for index, char in enumerate(chars) if _is_space(char))
    return frozenset(starts)


def _script(char: str) -> str:
    """Kanji, hiragana, katakana (with ー), word characters, or other: a change of script is a weak boundary."""
    if not char:
        return "other"
    if _is_word_char(char):
        return "word"
    code = ord(char)
    if 0x3041 <= code <= 0x309F:
        return "hiragana"
    if 0x30A0 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
        return "katakana"
    if unicodedata.category(char) == "Lo":
        return "kanji"
    return "other"


def best_break(chars: Sequence[str], start: int, stop: int, phrases: frozenset[int]) -> int:
    """Where to end the line that starts at `start` when `chars[stop]` no longer fits (stop > start).

    A phrase boundary first, then a change of script (each keeping the line `MIN_FILL` full), then any
    禁則-legal point, unless that point is inside a katakana or digit/Latin run: then a phrase or script boundary
    that keeps the line `LOW_FILL` full still wins. A word longer than the line is cut rather than overflow.
    """
    legal = [k for k in range(stop, start, -1) if can_break_before(chars, k)]
    if not legal:
        return stop

    def phrase(k: int) -> bool:
        return k in phrases

    def script_change(k: int) -> bool:
        return _script(chars[k - 1]) != _script(chars[k])

    tiers = [(phrase, MIN_FILL), (script_change, MIN_FILL)]
    if _script(chars[legal[0]]) in _KEEP_WHOLE and not script_change(legal[0]):
        tiers += [(phrase, LOW_FILL), (script_change, LOW_FILL)]  # the last resort would cut a word
    for preferred, fill in tiers:
        keep = start + max(1, int((stop - start) * fill))
        for k in legal:
            if k < keep:
                break
            if preferred(k):
                return k
    return legal[0]


def can_break_before(text: Sequence[str], index: int) -> bool:
    """May a line end just before text[index]? (Both neighbours exist.)"""
    before, after = text[index - 1], text[index]
    if after in CANNOT_START or _is_space(after) or before in CANNOT_END:
        return False
    if NO_BREAK_SPACE in (before, after):
        return False
    if before == after and after in INSEPARABLE:
        return False
    return not (_is_word_char(before) and _is_word_char(after))


class _Glyphs:
    """The paragraph as parallel lists (character, source frag, width): ReportLab's per-glyph objects made
    wrapping four times slower than its own single-style path."""

    def __init__(self, frags: Sequence[Any]) -> None:
        self.chars: list[str] = []
        self.owner: list[int] = []
        self.widths: list[Any] = []
        self.frags = frags
        for index, frag in enumerate(frags):
            text = frag.text.decode("utf8") if isinstance(frag.text, bytes) else frag.text
            cb_defn = getattr(frag, "cbDefn", None)
            if not text or cb_defn is not None:
                # <br/>, images and other zero-text frags take one slot so they keep their place
                self.chars.append(text or "")
                self.owner.append(index)
                self.widths.append(getattr(cb_defn, "width", 0) if cb_defn is not None else 0.0)
                continue
            cache: dict[str, float] = {}
            for char in text:
                width = cache.get(char)
                if width is None:
                    width = cache[char] = stringWidth(char, frag.fontName, frag.fontSize)
                self.chars.append(char)
                self.owner.append(index)
                self.widths.append(width)

    def width(self, index: int, max_width: float) -> float:
        width = self.widths[index]
        if hasattr(width, "normalizedValue"):  # an image sized in % of the line
            width._normalizer = max_width
            width = width.normalizedValue(max_width)
        return float(width)

    def line(
        self, start: int, end: int, max_width: float, ink: float, line_break: bool, calc_bounds: bool
    ) -> Any:
        """One FragLine: consecutive glyphs of the same frag become one word, as makeCJKParaLine does."""
        words: list[Any] = []
        max_size = max_ascent = min_descent = 0.0
        run = start
        while run < end:
            owner = self.owner[run]
            stop = run
            while stop < end and self.owner[stop] == owner:
                stop += 1
            frag = self.frags[owner]
            size = frag.fontSize
            cb_defn: Any = getattr(frag, "cbDefn", None)
            image_width: Any = getattr(cb_defn, "width", 0)
            if calc_bounds and image_width:
                descent, ascent = imgVRange(imgNormV(cb_defn.height, size), cb_defn.valign, size)
            else:
                ascent, descent = getAscentDescent(frag.fontName, size)
            max_size, max_ascent, min_descent = (
                max(max_size, size),
                max(max_ascent, ascent),
                min(min_descent, descent),
            )
            word = frag.clone()
            word.text = "".join(self.chars[run:stop])
            words.append(word)
            run = stop
        return FragLine(
            kind=1, extraSpace=max_width - ink, wordCount=1, words=words, fontSize=max_size, ascent=max_ascent,
            descent=min_descent, maxWidth=max_width, currentWidth=ink, lineBreak=line_break,
        )  # fmt: skip


def kinsoku_frag_split(frags: Sequence[Any], max_widths: Sequence[float], calc_bounds: bool) -> Any:
    """Lay frags out into lines no wider than max_widths (the last width repeats), obeying 禁則."""
    glyphs = _Glyphs(frags)
    chars = glyphs.chars
    phrases: frozenset[int] | None = None  # computed once, and only for a paragraph that needs a break
    lines: list[Any] = []
    start, count = 0, len(chars)
    while start < count:
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        used, i, line_break = 0.0, start, False
        while i < count:
            width = glyphs.width(i, max_width)
            if hasattr(frags[glyphs.owner[i]], "lineBreak"):
                used, i, line_break = used + width, i + 1, True
                break
            if used + width > max_width + _FUZZ and i > start:
                break
            used, i = used + width, i + 1
        end = i
        if not line_break and i < count:
            if _is_space(chars[i]):
                # Spaces at a break hang invisibly; keeping them lets a split paragraph rejoin unchanged.
                while end < count and _is_space(chars[end]):
                    end += 1
            else:
                if phrases is None:
                    phrases = phrase_starts(chars)
                end = best_break(chars, start, i, phrases)
        inked_end = end
        while inked_end > start and _is_space(chars[inked_end - 1]):
            inked_end -= 1
        ink = sum(glyphs.width(k, max_width) for k in range(start, inked_end))
        lines.append(glyphs.line(start, end, max_width, ink, line_break, calc_bounds))
        start = end
    return ParaLines(kind=1, lines=lines)


def _split_lines_cjk(blPara: Any, start: int, stop: int) -> list[Any]:
    """Frags for lines[start:stop], joined as they were: ReportLab's version inserts a space per line."""
    return [word.clone() for line in blPara.lines[start:stop] for word in line.words]


class JaParagraph(Paragraph):  # type: ignore[misc]  # ReportLab is untyped
    """A Paragraph whose lines follow Japanese 禁則 and never exceed the frame or cell width."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # ReportLab's camelCase API
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]
        if getattr(self, "_splitpara", 0) and hasattr(self, "blPara"):
            return self.blPara
        self.height = 0
        maxWidths = list(maxWidths)
        _handleBulletWidth(self.bulletText, self.style, maxWidths)
        if not self.frags:
            return ParaLines(kind=1, lines=[])
        auto_leading = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        return kinsoku_frag_split(self.frags, maxWidths, auto_leading not in ("", "off"))

    def breakLines(self, width: Any) -> Any:  # ReportLab's camelCase API
        # Styles without wordWrap="CJK" still get Japanese rules; Latin words are kept whole by the breaker.
        return self.breakLinesCJK(width)

    def _get_split_blParaFunc(self) -> Any:  # ReportLab's camelCase API
        return _split_lines_cjk


def line_texts(paragraph: Paragraph) -> list[str]:
    """The laid-out lines of a wrapped paragraph as plain text (for tests and for checking a layout)."""
    bl_para = paragraph.blPara
    if bl_para.kind == 0:
        return ["".join(words) for _space, words in bl_para.lines]
    return ["".join(getattr(word, "text", "") for word in line.words) for line in bl_para.lines]
