"""Readers for generated PDFs: check them the way a recipient's viewer or a search index sees them."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pypdf


def read_pdf(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in read_pdf(data).pages]


def page_fonts(data: bytes) -> Iterator[tuple[int, Any]]:
    """(page number from 1, font dictionary) for every font a page's resources list."""
    for number, page in enumerate(read_pdf(data).pages, start=1):
        for ref in page["/Resources"]["/Font"].values():
            yield number, ref.get_object()
