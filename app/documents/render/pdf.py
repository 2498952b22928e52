"""Lay a `Document` out on A4 with the shared template: headings in ゴシック, body in 明朝, tables that wrap."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from app.documents.model import Block, Bullets, Document, Gap, Grid, Heading, KeyValues, NewPage, Para
from app.documents.render.flowables import data_table, label_value_table, para
from app.documents.render.fonts import MINCHO
from app.documents.render.styles import stylesheet
from app.documents.render.template import render
from app.documents.render.text_map import fix_non_bmp_text_map, has_non_bmp

BULLET = "・"


# Paragraphs that start like this are not indented (拝啓 opens a letter at the margin; brackets and bullets
# already mark their start); every other body paragraph gets the customary one-character indent (字下げ).
NO_INDENT_STARTS = ("拝啓", "謹啓", "前略", "　", "（", "(", "・", "【", "※")


def _extra_styles(styles: StyleSheet1) -> dict[str, ParagraphStyle]:
    body = styles["body"]
    em = body.fontSize
    return {
        "bullet": ParagraphStyle(
            "bullet",
            parent=body,
            leftIndent=em * 1.5,
            bulletIndent=em * 0.5,
            bulletFontName=MINCHO,
            spaceAfter=1,
        ),
        "indented": ParagraphStyle("indented", parent=body, firstLineIndent=em),
        "section": ParagraphStyle("section", parent=body, leftIndent=em, spaceAfter=1),
    }


def _para_style(block: Para, styles: StyleSheet1, extra: dict[str, ParagraphStyle]) -> ParagraphStyle:
    if block.style == "body" and not block.text.startswith(NO_INDENT_STARTS):
        return extra["indented"]
    if block.style in extra:
        return extra[block.style]
    return styles[block.style]


def flowables(blocks: tuple[Block, ...], styles: StyleSheet1) -> list[Flowable]:
    extra = _extra_styles(styles)
    bullet = extra["bullet"]
    story: list[Flowable] = []
    for block in blocks:
        if isinstance(block, Para):
            if block.text.strip() in ("以上", "敬具") and story:
                story[-1].keepWithNext = 1  # 以上 never starts a page of its own
            story.append(para(block.text, _para_style(block, styles, extra)))
        elif isinstance(block, Heading):
            story.append(para(block.text, styles["h1" if block.level <= 1 else "h2"]))
        elif isinstance(block, Bullets):
            for item in block.items:
                paragraph = para(item, bullet)
                paragraph.bulletText = BULLET
                story.append(paragraph)
        elif isinstance(block, KeyValues):
            story.append(label_value_table(list(block.rows), styles, label_weight=block.label_weight))
        elif isinstance(block, Grid):
            story.append(data_table(block.header, list(block.rows), styles, weights=block.weights))
        elif isinstance(block, Gap):
            story.append(Spacer(0, block.height_mm * mm))
        elif isinstance(block, NewPage):
            story.append(PageBreak())
    return story


def to_pdf(document: Document, *, author: str, subject: str = "", footer_note: str | None = None) -> bytes:
    """The PDF bytes; title and author go into the metadata, nothing about the people concerned. `footer_note`:
    printed on every page's footer line (the audit anchor of reports, app/documents/render/template.py)."""
    styles = stylesheet()
    pdf = render(
        flowables(document.blocks, styles),
        title=document.title,
        author=author,
        subject=subject,
        running_header=document.running_header or None,
        footer_note=footer_note,
    )
    # 𠮷 and other characters above U+FFFF: ReportLab's text map needs fixing, or they print but do not copy.
    return fix_non_bmp_text_map(pdf) if has_non_bmp(document.texts()) else pdf
