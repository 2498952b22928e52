"""Turning a filled template into blocks, shared by every builder: title, opening, 記, numbered sections, closing."""

from __future__ import annotations

from collections.abc import Mapping

from app.documents.context import DocumentContext, Recipient
from app.documents.model import Block, Bullets, Heading, Need, NeedSource, Para
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
