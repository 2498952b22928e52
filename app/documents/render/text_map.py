"""Correct ReportLab's text map for characters outside the BMP, so a printed 𠮷 also copies and extracts.

ReportLab 5.1 writes the ToUnicode entry of 𠮷 as `<20BB7>`; a ToUnicode destination is UTF-16BE, so it must be
the surrogate pair `<D842DFB7>`. We do not patch ReportLab (docs/adr/0004-letter-writer.md): the finished PDF
gets an incremental update that replaces just the affected ToUnicode streams (docs/adr/0008-non-bmp-text-map.md),
and only when the document's text has such characters, so every other document is left byte for byte as it was.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

_NON_BMP = re.compile("[\U00010000-\U0010ffff]")
# "<07> <20BB7>" in a bfchar block: a destination of five or six hex digits is a code point above U+FFFF.
_TO_UNICODE_REF = re.compile(rb"/ToUnicode\s+(\d+)\s+0\s+R")
_WIDE_ENTRY = re.compile(rb"(<[0-9A-Fa-f]{2,4}>\s*)<([0-9A-Fa-f]{5,6})>")


def has_non_bmp(texts: Iterable[str]) -> bool:
    """True if any text has a character outside the Basic Multilingual Plane (𠮷, 𡈽, 𩸽…)."""
    return any(_NON_BMP.search(text) for text in texts)


def _utf16_pair(match: re.Match[bytes]) -> bytes:
    code = int(match.group(2), 16) - 0x10000
    high, low = 0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)
    return match.group(1) + b"<%04X%04X>" % (high, low)


def fix_entries(cmap: bytes) -> bytes:
    """A ToUnicode CMap with every above-BMP destination written as its UTF-16 surrogate pair."""
    return _WIDE_ENTRY.sub(_utf16_pair, cmap)


def _to_unicode_streams(pdf: bytes) -> list[int]:
    """Object numbers of the fonts' ToUnicode streams, once each.

    Read from the font dictionaries as ReportLab writes them (uncompressed, no object streams) rather than by
    walking the page tree: pypdf needs ~0.7 s to resolve 1,000 pages' resources, this takes a few ms. A false
    match (the bytes inside compressed data) resolves to a non-stream and is skipped.
    """
    return sorted({int(number) for number in _TO_UNICODE_REF.findall(pdf)})


def fix_non_bmp_text_map(pdf: bytes) -> bytes:
    """`pdf` with an incremental update rewriting the ToUnicode entries of characters above U+FFFF.

    Returns `pdf` itself when no entry needed it. The original bytes stay as they were at the start of the file
    (an incremental update only appends), so the fix cannot disturb the page content ReportLab wrote.
    """
    # Lazy on purpose: pypdf costs ~0.1 s to import and only documents with 𠮷 & co. need it.
    from pypdf import PdfReader, PdfWriter, generic

    StreamObject = generic.StreamObject
    reader = PdfReader(io.BytesIO(pdf))
    changed: list[tuple[int, bytes]] = []
    for number in _to_unicode_streams(pdf):
        stream = reader.get_object(number)
        if not isinstance(stream, StreamObject):
            continue
        data = stream.get_data()
        fixed = fix_entries(data)
        if fixed != data:
            changed.append((number, fixed))
    if not changed:
        return pdf
    writer = PdfWriter(reader, incremental=True)
    for number, fixed in changed:
        stream = writer.get_object(number)
        assert isinstance(stream, StreamObject)
        stream.set_data(fixed)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
