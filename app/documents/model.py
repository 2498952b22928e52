"""A document as plain data (title, paragraphs, tables) before it becomes a PDF, and one 本人通知 letter as plain data.

Builders compose one of these from a context; `render.pdf.to_pdf` lays it out. Keeping the text separate from the
layout lets the preflight check every string for gaps and unprintable characters before anything is printed,
and lets tests read what a document says without parsing a PDF.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeAlias

from app.documents.context import DocumentKind, Recipient

HONORIFIC = "様"


class NeedSource(StrEnum):
    """Where the officer fills a field a document needs (the preview points there)."""

    OFFICE = "office"  # 事業者情報 (office profile)
    CONTACT = "contact"  # お問い合わせ窓口
    INCIDENT = "incident"  # the incident itself (facts, 概要 for outside readers)
    REPORT = "report"  # the 速報/確報 draft
    VALUES = "values"  # a value typed for this incident's documents (委託元名 …)


@dataclass(frozen=True, slots=True)
class Need:
    """One field a document kind needs from the register (issue 15 point 1).

    A kind lists its needs so that the preview can show which are still empty, saving or printing asks first, and
    the CLI refuses (exit 2, the list of empty fields) unless `--allow-missing` is given.
    """

    label: str  # Japanese, as the officer knows the field: 事業者名, 連絡先（電話）…
    filled: bool
    source: NeedSource


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph; style is a name of the style sheet (body, body_right, note, …)."""

    text: str
    style: str = "body"


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class KeyValues:
    """Label / value rows, labels in ゴシック on a shaded column (the PPC form's look)."""

    rows: tuple[tuple[str, str], ...]
    label_weight: float = 0.3


@dataclass(frozen=True, slots=True)
class Grid:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    weights: tuple[float, ...] | None = None


@dataclass(frozen=True, slots=True)
class Gap:
    height_mm: float = 4.0


@dataclass(frozen=True, slots=True)
class NewPage:
    pass


Block: TypeAlias = Para | Heading | Bullets | KeyValues | Grid | Gap | NewPage


@dataclass(frozen=True, slots=True)
class Document:
    """What a builder produces; `problems` are the template's gaps, for the officer to see before printing."""

    kind: DocumentKind
    title: str  # also the PDF's /Title: the kind of document, never a person's name
    blocks: tuple[Block, ...]
    running_header: str = ""
    problems: tuple[str, ...] = ()

    def texts(self) -> Iterator[str]:
        """Every string that will be printed (the preflight checks them for the fonts)."""
        yield self.title
        yield self.running_header
        for block in self.blocks:
            if isinstance(block, Para | Heading):
                yield block.text
            elif isinstance(block, Bullets):
                yield from block.items
            elif isinstance(block, KeyValues):
                for label, value in block.rows:
                    yield label
                    yield value
            elif isinstance(block, Grid):
                yield from block.header
                for row in block.rows:
                    yield from row

    def plain_text(self) -> str:
        return "\n".join(text for text in self.texts() if text)


@dataclass(frozen=True, slots=True)
class AddressBlock:
    """What shows through the envelope window: 〒, address lines and the name with 様."""

    postal_code: str
    lines: tuple[str, ...]
    name: str

    @property
    def postal_line(self) -> str:
        code = self.postal_code.strip()
        return f"〒{code}" if code else ""

    @property
    def name_line(self) -> str:
        return f"{self.name}　{HONORIFIC}"


@dataclass(frozen=True, slots=True)
class LetterContent:
    """One letter. `shared_text` (明朝) and `shared_headings` (ゴシック) are text every letter of the run has in
    common (no renderer needs them since docs/adr/0004-letter-writer.md; kept for the composer's tests). `items`
    are the data items printed for this person."""

    recipient: Recipient | None
    address: AddressBlock
    date_line: str
    sender_lines: tuple[str, ...]
    title: str
    blocks: tuple[Block, ...]
    shared_text: str
    shared_headings: str
    title_is_shared: bool
    items: tuple[str, ...]
    item_codes: tuple[str, ...]
    problems: tuple[str, ...]

    def personal_text(self) -> str:
        """What only this letter says: the address block and the person's items (the rest is shared)."""
        return "".join((self.address.postal_line, *self.address.lines, self.address.name_line, *self.items))

    def texts(self) -> list[str]:
        found = [self.address.postal_line, *self.address.lines, self.address.name_line, self.date_line]
        found += [*self.sender_lines, self.title]
        for block in self.blocks:
            if isinstance(block, Para | Heading):
                found.append(block.text)
            elif hasattr(block, "items"):
                found.extend(block.items)
        return found
