"""Turning a filled template into blocks, shared by every builder: title, opening, 記, numbered sections, closing."""

from __future__ import annotations

from collections.abc import Mapping

from app.documents.context import DocumentContext, Recipient
from app.documents.model import Block, Bullets, Heading, Para
from app.documents.wording.defaults import PLACEHOLDERS
from app.documents.wording.templates import DocumentTemplate, Filler, PlaceholderValue, template_for
from app.documents.wording.values import base_values, personal_values

KNOWN_PLACEHOLDERS = frozenset(PLACEHOLDERS)
# 結語 and the end of the particulars sit at the right margin.
RIGHT_ALIGNED_LINES = frozenset({"敬具", "敬白", "草々", "以上"})
NUMERALS = "０１２３４５６７８９"


def full_width_number(n: int) -> str:
    """１２ for 12: section numbers in Japanese documents are written full width."""
    return "".join(NUMERALS[int(d)] for d in str(n))


def filler_for(
    ctx: DocumentContext,
    recipient: Recipient | None = None,
    extra: Mapping[str, PlaceholderValue] | None = None,
) -> Filler:
    values = base_values(ctx)
    values.update(personal_values(ctx, recipient))
    if extra:
        values.update(extra)
    return Filler(values, KNOWN_PLACEHOLDERS)


def template_of(ctx: DocumentContext, key: str) -> DocumentTemplate:
    return template_for(key, ctx.templates)


def body_blocks(text: str, filler: Filler, style: str = "body") -> list[Block]:
    """One paragraph per line of a filled body; a line that is a single list placeholder becomes bullets.

    Lines left empty only by the template (not by a missing value) are dropped, so an optional line such as
    "{再発防止策（今後）}" with a value typed as "" still shows as 【未入力】 rather than vanishing.
    """
    blocks: list[Block] = []
    for line in text.split("\n"):
        items = filler.list_value(line)
        if items is not None:
            blocks.append(Bullets(items))
            continue
        filled = filler.fill(line)
        if filled.strip() in RIGHT_ALIGNED_LINES:
            blocks.append(Para(filled.strip(), "body_right"))
        elif filled.strip():
            blocks.append(Para(filled, style))
    return blocks


def sections_blocks(template: DocumentTemplate, filler: Filler, first_number: int = 1) -> list[Block]:
    blocks: list[Block] = []
    for offset, section in enumerate(template.sections):
        heading = filler.fill(section.heading)
        blocks.append(Heading(f"{full_width_number(first_number + offset)}．{heading}", level=2))
        blocks.extend(body_blocks(section.body, filler, "section"))
    return blocks
