"""委託元への通知: a 委託先 tells its 委託元 what it knows (規則9条; docs/domain.md §5.4, §12.3).

The nine items "as far as known": what is not known yet says so (（調査中）) instead of waiting for it, since
the 委託先 is released from its own report and notices once it has told the 委託元 promptly (GL 3-5-3-5).
"""

from __future__ import annotations

from app.documents.compose import body_blocks, filler_for, full_width_number, sections_blocks, template_of
from app.documents.context import DocumentContext, DocumentKind
from app.documents.letterhead import letterhead
from app.documents.model import Block, Document, Heading, KeyValues, Para
from app.documents.pdf import to_pdf
from app.documents.report import item_rows
from app.documents.values import date_text
from app.domain.report import ITEM_TITLES, ReportDraft

KIND = DocumentKind.ENTRUSTOR_NOTICE


def compose(ctx: DocumentContext) -> Document:
    template = template_of(ctx, KIND.template_key)
    filler = filler_for(ctx)
    addressee = filler.fill("{委託元名}") + "　御中"
    blocks: list[Block] = letterhead(ctx, ctx.issued_on, addressee)
    title = filler.fill(template.title)
    blocks += [
        Para(title, "title"),
        *body_blocks(template.opening, filler),
        *body_blocks(template.closing, filler),
    ]
    blocks.append(Para("記", "body_center"))
    facts = ctx.incident.facts
    learned = date_text(ctx, facts.learned_date) if facts is not None else ""
    blocks.append(Heading("当社が本件を知った日", level=2))
    blocks.append(Para(learned or filler.fill("{発覚日}")))
    report = ctx.report or ReportDraft()
    missing: list[str] = []
    for item in range(1, 10):
        blocks.append(Heading(f"{full_width_number(item)}．{ITEM_TITLES[item][0]}", level=2))
        blocks.append(
            KeyValues(item_rows(report, item, final=False, missing=missing, style=ctx.office.date_style))
        )
    blocks += sections_blocks(template, filler, first_number=10)
    blocks.append(Para("以上", "body_right"))
    return Document(KIND, title, tuple(blocks), running_header=title, problems=tuple(filler.problems()))


def build(ctx: DocumentContext) -> bytes:
    return to_pdf(compose(ctx), author=ctx.author, subject="委託元への通知（個人情報保護法施行規則第9条）")
