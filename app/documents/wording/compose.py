"""Turning a filled template into blocks, shared by every builder: title, opening, 記, numbered sections, closing."""

from __future__ import annotations

from collections.abc import Mapping

from app.documents.context import DocumentContext, Recipient
from app.documents.model import Block, Bullets, Heading, Need, NeedSource, Para
from app.documents.wording.defaults import INTERNAL_PLACEHOLDERS, OPTIONAL_PLACEHOLDERS, PLACEHOLDERS
from app.documents.wording.templates import (
    DocumentTemplate,
    Filler,
    PlaceholderValue,
    Section,
    placeholders_in,
    template_for,
)
from app.documents.wording.values import base_values, personal_values
from app.i18n import _

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


def _has_value(value: PlaceholderValue | None) -> bool:
    if isinstance(value, tuple):
        return any(v.strip() for v in value)
    return bool(value and value.strip())


def left_out(text: str, values: Mapping[str, PlaceholderValue]) -> bool:
    """A line or section body whose placeholders are all optional (OPTIONAL_PLACEHOLDERS) and all empty: a notice
    leaves it out, since 【未入力】 in a letter a person receives says nothing to them (issue 15 point 3)."""
    names = placeholders_in(text)
    return bool(names) and all(
        name in OPTIONAL_PLACEHOLDERS and not _has_value(values.get(name)) for name in names
    )


def internal_text_warnings(template: DocumentTemplate) -> list[str]:
    """A warning when the wording of an outside document uses the internal 件名 (docs/domain.md §12)."""
    used = [
        name for name in INTERNAL_PLACEHOLDERS if any(name in placeholders_in(t) for t in template.texts())
    ]
    if not used:
        return []
    return [
        _(
            "The wording uses {names}, the internal title of the incident, which would be sent outside: "
            "use {summary} (the summary for outside readers) instead."
        ).format(names="、".join("{" + name + "}" for name in sorted(used)), summary="{事案の概要}")
    ]


def body_blocks(text: str, filler: Filler, style: str = "body", *, optional: bool = False) -> list[Block]:
    """One paragraph per line of a filled body; a line that is a single list placeholder becomes bullets.

    Lines left empty only by the template (not by a missing value) are dropped, so an optional line such as
    "{再発防止策（今後）}" with a value typed as "" still shows as 【未入力】 rather than vanishing — unless
    `optional` (the notices), where a line of only empty optional placeholders is left out (`left_out`).
    """
    blocks: list[Block] = []
    for line in text.split("\n"):
        if optional and left_out(line, filler.values):
            continue
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


def kept_sections(template: DocumentTemplate, filler: Filler) -> tuple[Section, ...]:
    """The sections a notice prints: those whose body is not `left_out`."""
    return tuple(section for section in template.sections if not left_out(section.body, filler.values))


def sections_blocks(
    template: DocumentTemplate, filler: Filler, first_number: int = 1, *, optional: bool = False
) -> list[Block]:
    """The numbered sections; with `optional`, a section whose body is `left_out` is skipped and the numbers
    close up."""
    blocks: list[Block] = []
    sections = kept_sections(template, filler) if optional else template.sections
    for offset, section in enumerate(sections):
        heading = filler.fill(section.heading)
        blocks.append(Heading(f"{full_width_number(first_number + offset)}．{heading}", level=2))
        blocks.extend(body_blocks(section.body, filler, "section", optional=optional))
    return blocks


# Office profile fields by the label the 事業者情報 dialog gives them.
_OFFICE_FIELDS = {
    "事業者名": "name",
    "法人番号": "corporate_number",
    "所在地": "address",
    "代表者": "representative",
    "業種": "industry",
    "担当部署": "department",
    "担当者": "contact_person",
    "電話番号": "phone",
    "メールアドレス": "email",
}


def office_needs(ctx: DocumentContext, *labels: str) -> tuple[Need, ...]:
    """Needs for office profile fields, by their Japanese labels (事業者名, 所在地, 電話番号 …)."""
    return tuple(
        Need(label, bool(str(getattr(ctx.office, _OFFICE_FIELDS[label])).strip()), NeedSource.OFFICE)
        for label in labels
    )


def contact_needs(ctx: DocumentContext) -> tuple[Need, ...]:
    """The enquiry desk printed on notices: a name and at least one way to reach it (its own or the office's)."""
    phone = ctx.contact.phone or ctx.office.phone
    email = ctx.contact.email or ctx.office.email
    return (
        Need(
            "お問い合わせ窓口（名称）",
            bool((ctx.contact.name or ctx.office.department).strip()),
            NeedSource.CONTACT,
        ),
        Need("お問い合わせ窓口（電話又はメール）", bool(phone.strip() or email.strip()), NeedSource.CONTACT),
    )
