"""Embedded TrueType subsets for the letter writer: which code each character gets, and the PDF objects of each
256-character subset, built once per process and reused by every file that needs the same subset.

The code scheme is ReportLab's (subset 0 starts with .notdef; code 32 of every subset is the space), so the subset
font programs are the ones ReportLab itself would embed (`TTFontFace.makeSubset`).
"""

from __future__ import annotations

import copy
import threading
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase import pdfmetrics, ttfonts


@dataclass(frozen=True, slots=True)
class SubsetObjects:
    """Everything about one subset that does not depend on the document: reusable bytes."""

    base_font: bytes  # /AAAAAB+BIZUDMincho-Regular
    widths: bytes  # [ 0 1000 … ]
    last_char: int
    font_file: bytes  # deflated TrueType subset
    font_file_length1: int
    to_unicode: bytes  # deflated CMap
    descriptor: bytes  # the FontDescriptor body without its /FontFile2 reference


class SubsetCache:
    """Subset objects by (font, characters): thread-safe, bounded, shared by every letter run of the process."""

    def __init__(self, limit: int = 256) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._items: dict[tuple[str, int, tuple[int, ...]], SubsetObjects] = {}

    def get(self, font: str, index: int, subset: list[int]) -> SubsetObjects:
        key = (font, index, tuple(subset))
        with self._lock:
            found = self._items.get(key)
        if found is None:
            found = _make_subset(font, index, subset)
            with self._lock:
                if len(self._items) >= self.limit:
                    self._items.pop(next(iter(self._items)))
                self._items[key] = found
        return found


_table_lock = threading.Lock()


def _keep_tables(face: Any) -> None:
    """Let the face keep the tables it reads: ReportLab's makeSubset slices the multi-megabyte glyf table out of
    the font file on every call (1.3 ms for a ten-glyph subset, 0.2 ms with the tables kept). The bytes are the
    same either way; a run of separate letters makes one small subset per person."""
    with _table_lock:
        if getattr(face, "_breachdesk_tables", None) is not None:
            return
        tables: dict[Any, bytes] = {}
        read = face.get_table

        def get_table(tag: Any) -> bytes:
            found = tables.get(tag)
            if found is None:
                found = tables[tag] = read(tag)
            return found

        face._breachdesk_tables = tables
        face.get_table = get_table


def _make_subset(font_name: str, index: int, subset: list[int]) -> SubsetObjects:
    face = pdfmetrics.getFont(font_name).face
    _keep_tables(face)
    base = (ttfonts.SUBSETN(index) + b"+" + face.name + face.subfontNameX).decode("ascii")
    program = face.makeSubset(subset)
    widths = b"[ " + b" ".join(str(face.getCharWidth(code)).encode() for code in subset) + b" ]"
    cmap = ttfonts.makeToUnicodeCMap(base, subset).encode("ascii")
    flags = (face.flags & ~ttfonts.FF_NONSYMBOLIC) | ttfonts.FF_SYMBOLIC
    bbox = " ".join(str(v) for v in face.bbox)
    descriptor = (
        f"<< /Type /FontDescriptor /Ascent {face.ascent} /CapHeight {face.capHeight} /Descent {face.descent}"
        f" /Flags {flags} /FontBBox [ {bbox} ] /FontName /{base} /ItalicAngle {face.italicAngle}"
        f" /StemV {face.stemV} /MissingWidth {face.defaultWidth}"
    ).encode("ascii")
    return SubsetObjects(
        f"/{base}".encode("ascii"),
        widths,
        len(subset) - 1,
        zlib.compress(program),
        len(program),
        zlib.compress(cmap),
        descriptor,
    )


DEFAULT_CACHE = SubsetCache()


class FontCodes:
    """Code assignment of one font in one document: ReportLab's scheme (subset 0 starts with .notdef; code 32 of
    every subset is the space), so the subset programs are the ones ReportLab itself would embed."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.char_to_glyph: Mapping[int, int] = pdfmetrics.getFont(name).face.charToGlyph
        self.subsets: list[list[int]] = [[0]]
        self.assigned: dict[int, tuple[int, int]] = {}

    def code(self, char: str) -> tuple[int, int]:
        unicode = ord(char)
        if unicode == 0xA0:
            unicode = 32
        found = self.assigned.get(unicode)
        if found is not None:
            return found
        if unicode not in self.char_to_glyph:
            return 0, 0  # .notdef: the preflight keeps such characters from ever getting here
        subset = self.subsets[-1]
        if len(subset) == 256:
            subset = [0]
            self.subsets.append(subset)
        if len(subset) == 32 and unicode != 32:
            subset.append(32)
            self.assigned.setdefault(32, (len(self.subsets) - 1, 32))
        subset.append(unicode)
        found = self.assigned[unicode] = (len(self.subsets) - 1, len(subset) - 1)
        return found

    def seed(self, text: str) -> None:
        """Assign `text` first, then start a fresh subset for whatever comes next."""
        for char in text:
            self.code(char)
        if len(self.subsets[-1]) > 1:
            self.subsets.append([0])

    def copy(self) -> FontCodes:
        twin = copy.copy(self)
        twin.subsets = [list(subset) for subset in self.subsets]
        twin.assigned = dict(self.assigned)
        return twin

    def runs(self, text: str) -> list[tuple[int, bytes]]:
        """The text as (subset, bytes) runs."""
        runs: list[tuple[int, bytearray]] = []
        for char in text:
            subset, code = self.code(char)
            if not runs or runs[-1][0] != subset:
                runs.append((subset, bytearray()))
            runs[-1][1].append(code)
        return [(subset, bytes(codes)) for subset, codes in runs]
