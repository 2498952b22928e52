"""委託元への通知: a 委託先 tells its 委託元 what it knows (規則9条; docs/domain.md §5.4, §12.3).

The nine items "as far as known": what is not known yet says so (（調査中）) instead of waiting for it, since
the 委託先 is released from its own report and notices once it has told the 委託元 promptly (GL 3-5-3-5).
With 個人番号 in the data the same holds under 番号法29条の4第1項ただし書 (GL-B 別添2 3F): the notice then says
so and carries the 番号法 items too (規則第2条各号該当性, 特定個人情報の項目 and its count).
"""

from __future__ import annotations

from app.documents.context import DocumentContext, DocumentKind
from app.documents.model import Block, Document, Heading, KeyValues, Para
from app.documents.render.pdf import to_pdf
from app.documents.wording.compose import (
    body_blocks,
    filler_for,
    full_width_number,
    sections_blocks,
    template_of,
)
from app.documents.wording.letterhead import letterhead
from app.documents.wording.report_items import APPI_TRACK, BANGO_LAW, Track, item_rows, with_my_numbers
from app.documents.wording.values import date_text
from app.domain.report import ReportDraft

KIND = DocumentKind.ENTRUSTOR_NOTICE


def compose(ctx: DocumentContext) -> Document:
    template = template_of(ctx, KIND.template_key)
    filler = filler_for(ctx)
    addressee = filler.fill("{委託元名}") + "　御中"
    blocks: list[Block] = letterhead(ctx, ctx.issued_on, addressee)
    title = filler.fill(template.title)
    report = with_my_numbers(ctx.report or ReportDraft(), ctx)
    track = Track(appi=True, bango=True) if report.bango.involved else APPI_TRACK
    blocks += [Para(title, "title"), *body_blocks(template.opening, filler)]
    if report.bango.involved:
        blocks.append(Para(my_number_sentence(report.bango.categories)))
    blocks += body_blocks(template.closing, filler)
    blocks.append(Para("記", "body_center"))
    facts = ctx.incident.facts
    learned = date_text(ctx, facts.learned_date) if facts is not None else ""
    blocks.append(Heading("当社が本件を知った日", level=2))
    blocks.append(Para(learned or filler.fill("{発覚日}")))
    missing: list[str] = []
    style = ctx.office.date_style
    for item in range(1, 10):
        blocks.append(Heading(f"{full_width_number(item)}．{track.title(item)}", level=2))
        blocks.append(
            KeyValues(item_rows(report, item, final=False, missing=missing, style=style, track=track))
        )
    blocks += sections_blocks(template, filler, first_number=10)
    blocks.append(Para("以上", "body_right"))
    return Document(KIND, title, tuple(blocks), running_header=title, problems=tuple(filler.problems()))


def my_number_sentence(categories: tuple[int, ...]) -> str:
    """What the 委託元 must know when 個人番号 are involved: whether this is also the 番号法 notice."""
    lead = "本件の対象には、特定個人情報（個人番号を含む個人情報）が含まれます。"
    if not categories:
        return lead
    items = "、".join(f"{n}号" for n in categories)
    return (
        f"{lead}特定個人情報の漏えい等に関する報告等に関する規則第2条{items}に当たるため、本書は、"
        f"{BANGO_LAW}ただし書の規定による通知を兼ねてご報告するものです。"
    )


def build(ctx: DocumentContext) -> bytes:
    return to_pdf(compose(ctx), author=ctx.author, subject="委託元への通知（個人情報保護法施行規則第9条）")
