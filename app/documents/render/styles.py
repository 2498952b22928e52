"""The named style sheet: 明朝 for reading, ゴシック for headings and labels, sizes of a Japanese business letter."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1

from app.documents.render.fonts import GOTHIC, GOTHIC_BOLD, MINCHO, register_fonts

BODY_SIZE = 10.5  # the customary size of Japanese business documents (Word's default for 明朝)
BODY_LEADING = 17.5
CELL_SIZE = 9.0
CELL_LEADING = 13.0
TEXT_COLOR = colors.black
MUTED_COLOR = colors.HexColor("#555555")


def stylesheet() -> StyleSheet1:
    """A fresh sheet per document, so a builder that tweaks a style cannot leak it into the next document.

    Names: body, body_right, body_center, title, h1, h2, note, cell, cell_label, cell_right, header, footer.
    Every style breaks lines the Japanese way (`wordWrap="CJK"`, 禁則 by JaParagraph); Japanese is set
    ragged-right because ReportLab can only justify by stretching spaces, which Japanese text has none of.
    """
    register_fonts()  # <b> mapping and width lookups need the faces before any Paragraph is built
    sheet = StyleSheet1()
    body = ParagraphStyle(
        "body",
        fontName=MINCHO,
        fontSize=BODY_SIZE,
        leading=BODY_LEADING,
        wordWrap="CJK",
        alignment=TA_LEFT,
        textColor=TEXT_COLOR,
        spaceAfter=4,
        allowWidows=0,
        allowOrphans=0,
    )
    sheet.add(body)
    sheet.add(ParagraphStyle("body_right", parent=body, alignment=TA_RIGHT))
    sheet.add(ParagraphStyle("body_center", parent=body, alignment=TA_CENTER))
    sheet.add(
        ParagraphStyle(
            "title",
            parent=body,
            fontName=GOTHIC_BOLD,
            fontSize=16,
            leading=24,
            alignment=TA_CENTER,
            spaceBefore=0,
            spaceAfter=14,
        )
    )
    sheet.add(
        ParagraphStyle(
            "h1",
            parent=body,
            fontName=GOTHIC_BOLD,
            fontSize=12,
            leading=18,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        )
    )
    sheet.add(
        ParagraphStyle(
            "h2",
            parent=body,
            fontName=GOTHIC_BOLD,
            fontSize=BODY_SIZE,
            leading=BODY_LEADING,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=1,
        )
    )
    sheet.add(ParagraphStyle("note", parent=body, fontSize=9, leading=14, textColor=MUTED_COLOR))
    cell = ParagraphStyle(
        "cell", parent=body, fontSize=CELL_SIZE, leading=CELL_LEADING, spaceBefore=0, spaceAfter=0
    )
    sheet.add(cell)
    sheet.add(ParagraphStyle("cell_label", parent=cell, fontName=GOTHIC))
    sheet.add(ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT))
    sheet.add(
        ParagraphStyle(
            "header",
            parent=body,
            fontName=GOTHIC,
            fontSize=8,
            leading=10,
            textColor=MUTED_COLOR,
            spaceAfter=0,
        )
    )
    sheet.add(
        ParagraphStyle(
            "footer",
            parent=body,
            fontName=GOTHIC,
            fontSize=9,
            leading=11,
            alignment=TA_CENTER,
            textColor=MUTED_COLOR,
            spaceAfter=0,
        )
    )
    return sheet
