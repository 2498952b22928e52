"""A small PDF writer for letters: positioned text lines in embedded TrueType subsets, a few strokes, nothing else.

ReportLab's document model formats every PDF object through a generic, pure-Python object tree; for one-page
letters that costs more than the letters themselves (~4 ms per file), and a thousand one-person files are the
job. This writer produces the same kind of PDF — simple TrueType fonts subset to 256-character chunks, each with
its ToUnicode map so the text can be searched and copied — from a handful of byte templates. ReportLab still
parses the fonts and builds the subset font programs (`TTFontFace.makeSubset`), and JaParagraph still breaks
the lines.

Subsets that several files share are built once: `SubsetCache` keeps each subset's font program, widths and
ToUnicode map, keyed by its characters in order; a run of separate letters first assigns the codes of the text
every letter shares ("seeding"), so those subsets are identical in every file, and the few characters of one
person's name and address go into a small subset of their own. A file never carries glyphs of text it does not
print.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from reportlab.pdfbase import pdfmetrics

from app import APP_NAME, __version__
from app.documents.font_subsets import DEFAULT_CACHE, FontCodes, SubsetCache
from app.documents.fonts import register_fonts

PAGE_SIZE = (595.2755905511812, 841.8897637795277)  # A4 in points
_SPECIAL = re.compile(rb"[\\()\r\n]")
_ESCAPES = {b"\\": b"\\\\", b"(": b"\\(", b")": b"\\)", b"\r": b"\\r", b"\n": b"\\n"}


def _escape(data: bytes) -> bytes:
    """A literal string's bytes: backslash and parentheses escaped, CR and LF written as escapes so that no
    reader normalises them (codes 10 and 13 are ordinary glyph codes in a subset)."""
    return _SPECIAL.sub(lambda match: _ESCAPES[match.group(0)], data)


def _text_string(value: str) -> bytes:
    """A PDF text string: UTF-16BE with BOM, as hex (Japanese titles in the document information)."""
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _number(value: float) -> bytes:
    return (f"{value:.2f}".rstrip("0").rstrip(".") or "0").encode("ascii")


class SeedState:
    """The codes of the text every letter of a run shares, assigned once and copied into each file, with the
    encoded lines made only of those characters (identical in every file of the run)."""

    def __init__(self, seeds: Mapping[str, str]) -> None:
        register_fonts()
        self.fonts: dict[str, FontCodes] = {}
        for name, text in seeds.items():
            codes = self.fonts[name] = FontCodes(name)
            codes.seed(text)
        self.chars = {name: frozenset(map(chr, codes.assigned)) for name, codes in self.fonts.items()}
        self.shown: dict[tuple[str, float, str], bytes] = {}
        self.ops: dict[tuple[str, float, float, float, str, float | None], bytes] = {}


@dataclass
class Page:
    """Drawing operations of one page, in PDF user space (points, origin bottom-left)."""

    document: LetterPdf
    ops: list[bytes] = field(default_factory=list)

    def text(
        self, font: str, size: float, x: float, y: float, text: str, *, gray: float | None = None
    ) -> None:
        self.ops.append(self.document.text_op(font, size, x, y, text, gray))

    def line(
        self, x1: float, y1: float, x2: float, y2: float, *, width: float = 0.5, gray: float = 0.0
    ) -> None:
        g = _number(gray)
        self.ops.append(
            b"q %s %s %s RG %s w %s %s m %s %s l S Q"
            % (g, g, g, _number(width), _number(x1), _number(y1), _number(x2), _number(y2))
        )

    def dashed_rect(self, x: float, y: float, w: float, h: float, rgb: tuple[float, float, float]) -> None:
        r, g, b = (_number(v) for v in rgb)
        self.ops.append(
            b"q %s %s %s RG 0.6 w [3 2] 0 d %s %s %s %s re S Q"
            % (r, g, b, _number(x), _number(y), _number(w), _number(h))
        )


class LetterPdf:
    """One PDF being written; `finish()` returns its bytes."""

    def __init__(
        self,
        *,
        title: str,
        author: str,
        subject: str = "",
        seed: SeedState | None = None,
        cache: SubsetCache = DEFAULT_CACHE,
        created: dt.datetime | None = None,
    ) -> None:
        register_fonts()
        self.info = {
            "Title": title,
            "Author": author,
            "Subject": subject,
            "Creator": f"{APP_NAME} {__version__}",
        }
        self.cache = cache
        self.created = created or dt.datetime.now(dt.UTC)
        self.fonts: dict[str, FontCodes] = {}
        self.pages: list[Page] = []
        self.seed = seed
        self._shown: dict[tuple[str, float, str], bytes] = {}
        if seed is not None:
            self.fonts = {name: codes.copy() for name, codes in seed.fonts.items()}

    def codes(self, font: str) -> FontCodes:
        found = self.fonts.get(font)
        if found is None:
            found = self.fonts[font] = FontCodes(font)
        return found

    def resource_name(self, font: str, subset: int) -> bytes:
        return b"/F%dS%d" % (list(self.fonts).index(font) + 1, subset)

    def text_op(self, font: str, size: float, x: float, y: float, text: str, gray: float | None) -> bytes:
        """A whole positioned text object; those made only of seeded characters are shared by the run (the
        opening paragraphs of a thousand letters sit at the same place in each)."""
        seed = self.seed
        key = (font, size, x, y, text, gray)
        shareable = seed is not None and font in seed.chars and seed.chars[font].issuperset(text)
        if shareable:
            assert seed is not None
            found = seed.ops.get(key)
            if found is not None:
                return found
        op = b"BT 1 0 0 1 %s %s Tm %s ET" % (_number(x), _number(y), self.show(font, size, text))
        if gray is not None:
            level = _number(gray)
            op = b"%s %s %s rg %s 0 g" % (level, level, level, op)
        if shareable:
            assert seed is not None
            seed.ops[key] = op
        return op

    def show(self, font: str, size: float, text: str) -> bytes:
        """The Tf/Tj operators that show `text`, cached per file, and per run for lines made only of seeded
        characters (their codes are the same in every file of the run)."""
        key = (font, size, text)
        found = self._shown.get(key)
        seed = self.seed
        if found is None and seed is not None and font in seed.chars and seed.chars[font].issuperset(text):
            found = seed.shown.get(key)
            if found is None:
                found = seed.shown[key] = self._encode(font, size, text)
        if found is None:
            found = self._shown[key] = self._encode(font, size, text)
        return found

    def _encode(self, font: str, size: float, text: str) -> bytes:
        codes = self.codes(font)
        size_bytes = _number(size)
        return b" ".join(
            b"%s %s Tf (%s) Tj" % (self.resource_name(font, subset), size_bytes, _escape(data))
            for subset, data in codes.runs(text)
        )

    def page(self) -> Page:
        page = Page(self)
        self.pages.append(page)
        return page

    def finish(self) -> bytes:
        return _Assembler(self).bytes()


class _Assembler:
    """Numbers the objects and writes the file: header, objects, cross-reference table, trailer."""

    def __init__(self, pdf: LetterPdf) -> None:
        self.pdf = pdf
        self.chunks: list[bytes] = [b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"]
        self.offsets: list[int] = []
        self.size = len(self.chunks[0])

    def reserve(self) -> int:
        self.offsets.append(-1)
        return len(self.offsets)

    def put(self, number: int, body: bytes) -> None:
        self.offsets[number - 1] = self.size
        chunk = b"%d 0 obj\n%s\nendobj\n" % (number, body)
        self.chunks.append(chunk)
        self.size += len(chunk)

    def stream(self, number: int, deflated: bytes, extra: bytes = b"") -> None:
        body = b"<< /Filter /FlateDecode /Length %d%s >>\nstream\n%s\nendstream" % (
            len(deflated),
            extra,
            deflated,
        )
        self.put(number, body)

    def fonts(self) -> bytes:
        """Every subset used in the document as font objects; returns the /Font resource dictionary."""
        entries: list[bytes] = []
        for font_name, codes in self.pdf.fonts.items():
            for index, subset in enumerate(codes.subsets):
                if len(subset) <= 1:
                    continue
                objects = self.pdf.cache.get(font_name, index, subset)
                font, descriptor, program, cmap = (self.reserve() for _ in range(4))
                self.stream(program, objects.font_file, b" /Length1 %d" % objects.font_file_length1)
                self.stream(cmap, objects.to_unicode)
                self.put(descriptor, objects.descriptor + b" /FontFile2 %d 0 R >>" % program)
                name = self.pdf.resource_name(font_name, index)
                self.put(
                    font,
                    b"<< /Type /Font /Subtype /TrueType /Name %s /BaseFont %s /FirstChar 0 /LastChar %d"
                    b" /Widths %s /FontDescriptor %d 0 R /ToUnicode %d 0 R >>"
                    % (name, objects.base_font, objects.last_char, objects.widths, descriptor, cmap),
                )
                entries.append(b"%s %d 0 R" % (name, font))
        return b"<< " + b" ".join(entries) + b" >>"

    def bytes(self) -> bytes:
        catalog, pages, info = self.reserve(), self.reserve(), self.reserve()
        page_numbers = [self.reserve() for _ in self.pdf.pages]
        contents = [self.reserve() for _ in self.pdf.pages]
        for number, page in zip(contents, self.pdf.pages, strict=True):
            self.stream(number, zlib.compress(b"\n".join(page.ops)))
        resources = b"<< /Font %s /ProcSet [ /PDF /Text ] >>" % self.fonts()
        width, height = (_number(v) for v in PAGE_SIZE)
        for number, content in zip(page_numbers, contents, strict=True):
            self.put(
                number,
                b"<< /Type /Page /Parent %d 0 R /MediaBox [ 0 0 %s %s ] /Resources %s /Contents %d 0 R >>"
                % (pages, width, height, resources, content),
            )
        kids = b" ".join(b"%d 0 R" % n for n in page_numbers)
        self.put(pages, b"<< /Type /Pages /Count %d /Kids [ %s ] >>" % (len(page_numbers), kids))
        self.put(
            catalog,
            b"<< /Type /Catalog /Pages %d 0 R /Lang (ja-JP) /ViewerPreferences << /DisplayDocTitle true >> >>"
            % pages,
        )
        stamp = self.pdf.created.strftime("D:%Y%m%d%H%M%S+00'00'").encode("ascii")
        info_entries = [b"/%s %s" % (k.encode(), _text_string(v)) for k, v in self.pdf.info.items() if v]
        info_entries += [b"/Producer (BreachDesk letters)", b"/CreationDate (%s)" % stamp]
        self.put(info, b"<< " + b" ".join(info_entries) + b" >>")
        xref = self.size
        rows = b"".join(b"%010d 00000 n \n" % offset for offset in self.offsets)
        trailer = b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
            len(self.offsets) + 1, catalog, info, xref,
        )  # fmt: skip
        self.chunks.append(b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.offsets) + 1) + rows + trailer)
        return b"".join(self.chunks)


def text_width(text: str, font: str, size: float) -> float:
    width: float = pdfmetrics.stringWidth(text, font, size)
    return width
