"""One entry point for every document kind: compose (plain data), check before printing, build the PDF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from app.documents.context import DocumentContext, DocumentKind
from app.documents.kinds import (
    entrustor_notice,
    initial_sheet,
    internal_report,
    notice_letter,
    pmark_report,
    publication,
    report,
)
from app.documents.model import Document, Need
from app.documents.render.fonts import describe_unprintable, unprintable_characters

_MODULES: dict[DocumentKind, ModuleType] = {
    DocumentKind.SOKUHO: report,
    DocumentKind.KAKUHO: report,
    DocumentKind.TSUIKAN: report,
    DocumentKind.NOTICE_LETTER: notice_letter,
    DocumentKind.ENTRUSTOR_NOTICE: entrustor_notice,
    DocumentKind.PUBLICATION: publication,
    DocumentKind.INTERNAL_REPORT: internal_report,
    DocumentKind.PMARK_REPORT: pmark_report,
    DocumentKind.INITIAL_SHEET: initial_sheet,
}


def compose(kind: DocumentKind, ctx: DocumentContext) -> Document:
    composer: Callable[[DocumentContext], Document] = _MODULES[kind].compose
    return composer(ctx)


def needs(kind: DocumentKind, ctx: DocumentContext) -> tuple[Need, ...]:
    """The fields `kind` takes from the register, each with whether the register has it (a kind module lists
    them in its `needs(ctx)`)."""
    declared: Callable[[DocumentContext], tuple[Need, ...]] | None = getattr(_MODULES[kind], "needs", None)
    return tuple(declared(ctx)) if declared is not None else ()


def missing(kind: DocumentKind, ctx: DocumentContext) -> tuple[Need, ...]:
    """The needs still empty: shown in the preview, asked about before saving, refused by the CLI."""
    return tuple(need for need in needs(kind, ctx) if not need.filled)


def build(kind: DocumentKind, ctx: DocumentContext) -> bytes:
    """The PDF of `kind`; for the notice letter, a sample letter without an address."""
    builder: Callable[[DocumentContext], bytes] = _MODULES[kind].build
    return builder(ctx)


@dataclass(frozen=True)
class Preflight:
    """The checks before printing: gaps print visibly as 【未入力】 (a warning); characters the fonts lack would
    print as boxes, so they block printing until replaced."""

    gaps: tuple[str, ...]
    unprintable: tuple[str, ...]

    @property
    def blocking(self) -> bool:
        return bool(self.unprintable)

    def messages(self) -> list[str]:
        found = list(self.gaps)
        if self.unprintable:
            found.append(describe_unprintable(self.unprintable))
        return found


def preflight(document: Document) -> Preflight:
    return Preflight(tuple(document.problems), tuple(unprintable_characters(document.plain_text())))
