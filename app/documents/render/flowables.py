"""Building blocks for story builders: escaped paragraphs and tables whose cells wrap Japanese and never overflow."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.platypus import Flowable, Table, TableStyle

from app.documents.render.fonts import MINCHO, markup
from app.documents.render.kinsoku import JaParagraph
from app.documents.render.styles import CELL_SIZE
from app.documents.render.template import FRAME_WIDTH

Cell: TypeAlias = str | Flowable
GRID_COLOR = colors.HexColor("#808080")
HEADER_FILL = colors.HexColor("#e8e8e8")
LABEL_FILL = colors.HexColor("#f2f2f2")
CELL_PADDING = 4


def para(text: str, style: ParagraphStyle) -> JaParagraph:
    """Plain text (from a form or the database) as a paragraph: markup characters are escaped, newlines kept,
    characters the style's face lacks (𠮷) set in the names fallback face."""
    return JaParagraph(markup(text, style.fontName).replace("\n", "<br/>"), style)


def _cell(value: Cell, style: ParagraphStyle) -> Flowable:
    return para(value, style) if isinstance(value, str) else value


def _widths(weights: Sequence[float], width: float) -> list[float]:
    if not weights or any(w <= 0 for w in weights):
        raise ValueError("column weights must be positive")
    total = float(sum(weights))
    return [width * w / total for w in weights]


def _base_style() -> list[tuple[object, ...]]:
    return [
        # Text cells are Paragraphs; the cell font is still set on the canvas, and Helvetica would be listed unembedded.
        ("FONT", (0, 0), (-1, -1), MINCHO, CELL_SIZE),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING - 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING + 1),
    ]


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    styles: StyleSheet1,
    *,
    weights: Sequence[float] | None = None,
    width: float = FRAME_WIDTH,
) -> Table:
    """A grid with a shaded header row repeated on every page; `weights` share out `width` between columns.

    Text cells are Paragraphs, so they wrap inside their column; a row taller than a page splits inside the row.
    """
    columns = len(header)
    if any(len(row) != columns for row in rows):
        raise ValueError("every row needs one cell per header column")
    head = [para(text, styles["cell_label"]) for text in header]
    body = [[_cell(value, styles["cell"]) for value in row] for row in rows]
    table = Table(
        [head, *body],
        colWidths=_widths(weights or [1.0] * columns, width),
        repeatRows=1,
        splitInRow=1,
        hAlign="LEFT",
    )
    table.setStyle(TableStyle([*_base_style(), ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)]))
    return table


def label_value_table(
    pairs: Sequence[tuple[str, Cell]],
    styles: StyleSheet1,
    *,
    label_weight: float = 0.3,
    width: float = FRAME_WIDTH,
) -> Table:
    """Two columns, ゴシック labels on a shaded left column, as on the PPC report form."""
    if not 0 < label_weight < 1:
        raise ValueError("label_weight is the label column's share of the width, between 0 and 1")
    data = [[para(label, styles["cell_label"]), _cell(value, styles["cell"])] for label, value in pairs]
    table = Table(
        data, colWidths=_widths([label_weight, 1 - label_weight], width), splitInRow=1, hAlign="LEFT"
    )
    table.setStyle(TableStyle([*_base_style(), ("BACKGROUND", (0, 0), (0, -1), LABEL_FILL)]))
    return table
