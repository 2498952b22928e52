"""公表文 / お問い合わせ窓口のお知らせ: for the web site, also as 代替措置 when notice is difficult (docs/domain.md §6).

It says what a notice would say, in aggregate: no name, no address, nothing that identifies a person; the
enquiry desk lets people ask whether they are among those affected (GL 3-5-4-5).
"""

from __future__ import annotations

from app.documents.compose import body_blocks, filler_for, sections_blocks, template_of
from app.documents.context import DocumentContext, DocumentKind
from app.documents.model import Block, Document, Gap, Para
from app.documents.pdf import to_pdf
from app.documents.values import date_text

KIND = DocumentKind.PUBLICATION


def compose(ctx: DocumentContext) -> Document:
    template = template_of(ctx, KIND.template_key)
    filler = filler_for(ctx)
    title = filler.fill(template.title)
    blocks: list[Block] = [
        Para(date_text(ctx, ctx.issued_on), "body_right"),
        Para(ctx.office.name.strip() or filler.fill("{事業者名}"), "body_right"),
        Gap(6),
        Para(title, "title"),
        *body_blocks(template.opening, filler),
    ]
    if template.sections:
        blocks.append(Para("記", "body_center"))
        blocks += sections_blocks(template, filler)
    blocks += body_blocks(template.closing, filler)
    return Document(KIND, title, tuple(blocks), running_header=title, problems=tuple(filler.problems()))


def build(ctx: DocumentContext) -> bytes:
    return to_pdf(compose(ctx), author=ctx.author, subject="公表")
