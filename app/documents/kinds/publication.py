"""公表文 / お問い合わせ窓口のお知らせ: for the web site, also as 代替措置 when notice is difficult (docs/domain.md §6).

It says what a notice would say, in aggregate: no name, no address, nothing that identifies a person; the
enquiry desk lets people ask whether they are among those affected (GL 3-5-4-5). With 個人番号 in the data it
also says so, with the count of persons whose number it was and what they can ask their 市区町村 (番号法7条2項),
right after the section that lists the data (or last, when the officer's wording has no such section).
"""

from __future__ import annotations

import dataclasses

from app.documents.context import DocumentContext, DocumentKind
from app.documents.model import Block, Document, Gap, Heading, Need, NeedSource, Para
from app.documents.render.pdf import to_pdf
from app.documents.wording.compose import (
    body_blocks,
    contact_needs,
    filler_for,
    full_width_number,
    internal_text_warnings,
    kept_sections,
    office_needs,
    sections_blocks,
    template_of,
)
from app.documents.wording.defaults import MY_NUMBER_ADVICE
from app.documents.wording.report_items import with_my_numbers
from app.documents.wording.templates import DocumentTemplate
from app.documents.wording.values import date_text
from app.domain.report import ReportDraft

KIND = DocumentKind.PUBLICATION


def compose(ctx: DocumentContext) -> Document:
    stored = template_of(ctx, KIND.template_key)
    filler = filler_for(ctx)
    # Sections the report has nothing for yet (対応, 再発防止策) are left out, not printed as 【未入力】.
    template = dataclasses.replace(stored, sections=kept_sections(stored, filler))
    title = filler.fill(template.title)
    blocks: list[Block] = [
        Para(date_text(ctx, ctx.issued_on), "body_right"),
        Para(ctx.office.name.strip() or filler.fill("{事業者名}"), "body_right"),
        Gap(6),
        Para(title, "title"),
        *body_blocks(template.opening, filler, optional=True),
    ]
    my_numbers = my_number_blocks(ctx)
    if template.sections or my_numbers:
        blocks.append(Para("記", "body_center"))
        cut = _after_items(template)
        before = dataclasses.replace(template, sections=template.sections[:cut])
        after = dataclasses.replace(template, sections=template.sections[cut:])
        blocks += sections_blocks(before, filler, optional=True)
        if my_numbers:
            blocks.append(Heading(f"{full_width_number(cut + 1)}．個人番号（マイナンバー）について", level=2))
            blocks += my_numbers
        blocks += sections_blocks(after, filler, first_number=cut + 1 + bool(my_numbers), optional=True)
    blocks += body_blocks(template.closing, filler, optional=True)
    problems = (*filler.problems(), *internal_text_warnings(template))
    return Document(KIND, title, tuple(blocks), running_header=title, problems=problems)


def needs(ctx: DocumentContext) -> tuple[Need, ...]:
    """Who announces, the enquiry desk people call (GL 3-5-4-5) and the outside summary."""
    summary = filler_for(ctx).values.get("事案の概要", "")
    return (
        *office_needs(ctx, "事業者名"),
        *contact_needs(ctx),
        Need("事案の概要", bool(str(summary).strip()), NeedSource.INCIDENT),
    )


def _after_items(template: DocumentTemplate) -> int:
    """How many sections come up to and including the one that lists the data ({項目})."""
    for number, section in enumerate(template.sections, start=1):
        if "{項目}" in section.body:
            return number
    return len(template.sections)


def my_number_blocks(ctx: DocumentContext) -> list[Block]:
    """The 番号法 part of the announcement; nothing when no 個人番号 is involved."""
    bango = with_my_numbers(ctx.report or ReportDraft(), ctx).bango
    if not bango.involved:
        return []
    if bango.count is None:
        lead = "対象となる情報には、個人番号（マイナンバー）が含まれています。"
    else:
        count = f"最大{bango.count:,}名" if bango.count_is_max else f"{bango.count:,}名"
        lead = (
            f"対象となる情報には、個人番号（マイナンバー）が含まれています（個人番号が含まれる方：{count}）。"
        )
    return [Para(lead, "section"), *(Para(text, "section") for text in MY_NUMBER_ADVICE)]


def build(ctx: DocumentContext) -> bytes:
    return to_pdf(compose(ctx), author=ctx.author, subject="公表")
