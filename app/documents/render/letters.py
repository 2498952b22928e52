"""本人通知 mail merge: many letters into one PDF for printing, or one PDF per person.

Letters are laid out from cached line breaks (a thousand letters share their paragraphs) and drawn line by line
on a ReportLab canvas, through its public API only: fonts embedded as ReportLab subsets them, so a file never
carries glyphs of text it does not print. The trade-off (one PDF per person costs ~7x what the hand-written
writer it replaced did) is docs/adr/0004-letter-writer.md. Each letter is numbered on its own (「1 / 2」), since
each person receives only their pages.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app import APP_NAME, __version__
from app.documents.context import DocumentContext
from app.documents.model import Bullets, Heading, LetterContent, Para
from app.documents.render.fonts import (
    GOTHIC,
    MINCHO,
    describe_unprintable,
    draw_string,
    register_fonts,
    unprintable_characters,
)
from app.documents.render.letter_layout import (
    BODY_TOP,
    BOTTOM,
    FOLD_MARKS_MM,
    FOOTER_Y,
    HEADER_Y,
    LEFT,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RIGHT,
    SENDER_LEFT,
    STYLES,
    TEXT_WIDTH,
    TOP_LATER,
    WINDOW_HEIGHT_MM,
    WINDOW_LEFT_MM,
    WINDOW_TOP_MM,
    WINDOW_WIDTH_MM,
    AddressLayout,
    LineStyle,
    PlacedLine,
    layout_address,
    width_of,
    wrap,
)
from app.documents.render.text_map import fix_non_bmp_text_map, has_non_bmp
from app.i18n import _

LETTER_TITLE = (
    "個人情報の漏えい等に関するお知らせ"  # the PDF /Title of every letter file: no name in metadata
)
ProgressCallback = Callable[[int, int], bool]  # (done, total) -> keep going?


@dataclass(frozen=True, slots=True)
class LaidOutLetter:
    letter: LetterContent
    address: AddressLayout
    pages: tuple[tuple[PlacedLine, ...], ...]


def _style_for(block: Para | Heading | Bullets, text: str, in_particulars: bool) -> LineStyle:
    if isinstance(block, Heading):
        return STYLES["heading"]
    if isinstance(block, Bullets):
        return STYLES["bullet"]
    if block.style != "body":
        return STYLES.get(block.style, STYLES["body"])
    if in_particulars:
        return STYLES["section"]
    if text.startswith(("拝啓", "謹啓", "前略", "　", "（", "・")):
        return STYLES["body_plain"]
    return STYLES["body"]


def _paragraphs(letter: LetterContent) -> Iterator[tuple[LineStyle, str]]:
    yield STYLES["title"], letter.title
    in_particulars = False
    for block in letter.blocks:
        if isinstance(block, Para) and block.text == "記":
            in_particulars = True
        if isinstance(block, Bullets):
            for item in block.items:
                yield STYLES["bullet"], item
        elif isinstance(block, Para | Heading):
            yield _style_for(block, block.text, in_particulars), block.text


def _wrapped(style: LineStyle, text: str) -> tuple[float, tuple[str, ...]]:
    indent = style.indent + (width_of(style.bullet, style.font, style.size) if style.bullet else 0)
    return indent, wrap(text, style.font, style.size, TEXT_WIDTH - indent, style.first_indent)


def _tail_height(paragraphs: list[tuple[LineStyle, str]]) -> float:
    """The height of the letter's last section through 以上 (kept together: the enquiry desk split from its
    heading, or 以上 alone on a page, reads like a mistake)."""
    height = 0.0
    for number, (style, text) in enumerate(paragraphs):
        height += (style.space_before if number else 0) + len(_wrapped(style, text)[1]) * style.leading
        height += style.space_after
    return height


def layout_letter(letter: LetterContent) -> LaidOutLetter:
    """Place every line; a heading never ends a page, a paragraph never leaves one line behind, and the last
    section stays together with 以上."""
    pages: list[list[PlacedLine]] = [[]]
    y = PAGE_HEIGHT - BODY_TOP
    paragraphs = list(_paragraphs(letter))
    headings = [i for i, (style, _text) in enumerate(paragraphs) if style is STYLES["heading"]]
    tail_start = headings[-1] if headings else -1
    tail = _tail_height(paragraphs[tail_start:]) if tail_start >= 0 else 0.0
    for index, (style, text) in enumerate(paragraphs):
        indent, lines = _wrapped(style, text)
        at_top = not pages[-1]
        needed = len(lines[:2]) * style.leading + (0 if at_top else style.space_before)
        if index == tail_start and tail <= PAGE_HEIGHT - TOP_LATER - BOTTOM:
            needed = max(needed, tail + style.space_before)
        if style.keep_with_next and index + 1 < len(paragraphs):
            following = paragraphs[index + 1][0]
            needed += following.space_before + following.leading * 2
        if y - needed < BOTTOM and not at_top:
            pages.append([])
            y = PAGE_HEIGHT - TOP_LATER
        elif not at_top:
            y -= style.space_before
        for number, line in enumerate(lines):
            if y - style.leading < BOTTOM:
                pages.append([])
                y = PAGE_HEIGHT - TOP_LATER
            y -= style.leading
            x = LEFT + indent + (style.first_indent if number == 0 else 0)
            if style.align != "left":
                line_width = width_of(line, style.font, style.size)
                x = (LEFT + RIGHT - line_width) / 2 if style.align == "center" else RIGHT - line_width
            if number == 0 and style.bullet:
                pages[-1].append(PlacedLine(LEFT + style.indent, y, style.font, style.size, style.bullet))
            pages[-1].append(PlacedLine(x, y, style.font, style.size, line))
        y -= style.space_after
    address = layout_address(letter.address.postal_line, letter.address.lines, letter.address.name_line)
    return LaidOutLetter(letter, address, tuple(tuple(page) for page in pages))


def address_problem() -> str:
    return _(
        "The address does not fit in the envelope window; shorten it or split it over the two address lines."
    )


def letter_problems(
    laid_out: LaidOutLetter, *, window: bool = True, personal_only: bool = False
) -> list[str]:
    """What must be fixed before this letter is printed: an address too long for the window (letters only),
    characters the embedded fonts lack (they would print as empty boxes). `personal_only` checks just the
    person's own text, when the text all letters share has been checked once already."""
    problems: list[str] = []
    if window and not laid_out.address.fits:
        problems.append(address_problem())
    letter = laid_out.letter
    text = letter.personal_text() if personal_only else "".join(letter.texts())
    missing = unprintable_characters(text, (MINCHO, GOTHIC))
    if missing:
        problems.append(describe_unprintable(missing))
    return problems


MUTED_GRAY = 0.333  # footer, running header and fold marks
GUIDE_RGB = (0.75, 0.19, 0.19)


def _draw_text(canvas: Canvas, font: str, size: float, x: float, y: float, text: str) -> None:
    draw_string(canvas, font, size, x, y, text)


def _draw_lines(canvas: Canvas, lines: Iterable[PlacedLine]) -> None:
    for line in lines:
        _draw_text(canvas, line.font, line.size, line.x, line.y, line.text)


def _draw_muted(canvas: Canvas, font: str, size: float, x: float, y: float, text: str) -> None:
    canvas.saveState()
    canvas.setFillGray(MUTED_GRAY)
    _draw_text(canvas, font, size, x, y, text)
    canvas.restoreState()


def _draw_first_page_furniture(canvas: Canvas, laid_out: LaidOutLetter, guide: bool) -> None:
    letter = laid_out.letter
    _draw_lines(canvas, laid_out.address.lines)
    y = PAGE_HEIGHT - 20 * mm
    right_column = RIGHT - SENDER_LEFT
    for text in (letter.date_line, "", *letter.sender_lines):
        if not text:
            y -= 4
            continue
        for part in wrap(text, MINCHO, 10.5, right_column):
            _draw_text(canvas, MINCHO, 10.5, RIGHT - width_of(part, MINCHO, 10.5), y, part)
            y -= 15
    canvas.saveState()
    canvas.setStrokeGray(MUTED_GRAY)
    canvas.setLineWidth(0.4)
    for fold in FOLD_MARKS_MM:
        canvas.line(6 * mm, PAGE_HEIGHT - fold * mm, 10 * mm, PAGE_HEIGHT - fold * mm)
    canvas.restoreState()
    if guide:
        canvas.saveState()
        canvas.setStrokeColorRGB(*GUIDE_RGB)
        canvas.setLineWidth(0.6)
        canvas.setDash(3, 2)
        canvas.rect(
            WINDOW_LEFT_MM * mm,
            PAGE_HEIGHT - (WINDOW_TOP_MM + WINDOW_HEIGHT_MM) * mm,
            WINDOW_WIDTH_MM * mm,
            WINDOW_HEIGHT_MM * mm,
            stroke=1,
            fill=0,
        )
        canvas.restoreState()


def _draw_letter(canvas: Canvas, laid_out: LaidOutLetter, guide: bool) -> None:
    total = len(laid_out.pages)
    header = laid_out.letter.address.name_line
    for number, lines in enumerate(laid_out.pages, start=1):
        if number == 1:
            _draw_first_page_furniture(canvas, laid_out, guide)
        else:
            # 明朝 like the address block: the name then needs no glyphs in a second font.
            _draw_muted(canvas, MINCHO, 8, RIGHT - width_of(header, MINCHO, 8), HEADER_Y, header)
        _draw_lines(canvas, lines)
        footer = f"{number} / {total}"
        _draw_muted(canvas, GOTHIC, 9, (PAGE_WIDTH - width_of(footer, GOTHIC, 9)) / 2, FOOTER_Y, footer)
        canvas.showPage()


def _new_canvas(ctx: DocumentContext, target: io.BytesIO) -> Canvas:
    """A4, compressed, Japanese; the metadata names the kind of letter and the office, never the person."""
    register_fonts()
    canvas = Canvas(target, pagesize=A4, pageCompression=1, initialFontName=MINCHO, lang="ja-JP")
    canvas.setTitle(LETTER_TITLE)
    canvas.setAuthor(ctx.author)
    canvas.setSubject("本人通知")
    canvas.setCreator(f"{APP_NAME} {__version__}")
    canvas.setViewerPreference("DisplayDocTitle", "true")
    return canvas


Printable = LetterContent | LaidOutLetter


def _laid_out(letter: Printable) -> LaidOutLetter:
    return letter if isinstance(letter, LaidOutLetter) else layout_letter(letter)


def _content(letter: Printable) -> LetterContent:
    return letter.letter if isinstance(letter, LaidOutLetter) else letter


def render_letters(
    ctx: DocumentContext,
    letters: Sequence[Printable],
    *,
    guide: bool = False,
    progress: ProgressCallback | None = None,
) -> bytes:
    """All letters in one PDF for printing, each starting on a new page; none of the names in the metadata.

    `progress(done, total)` is called as letters are laid out; returning False cancels (OperationCancelled).
    """
    target = io.BytesIO()
    canvas = _new_canvas(ctx, target)
    total = len(letters)
    non_bmp = False
    for done, letter in enumerate(letters, start=1):
        laid_out = _laid_out(letter)
        non_bmp = non_bmp or has_non_bmp(laid_out.letter.texts())
        _draw_letter(canvas, laid_out, guide)
        if progress is not None and not progress(done, total):
            raise OperationCancelled()
    canvas.save()
    # 𠮷 and other characters above U+FFFF: ReportLab's text map needs fixing, or they print but do not copy.
    return fix_non_bmp_text_map(target.getvalue()) if non_bmp else target.getvalue()


def render_one(ctx: DocumentContext, letter: Printable) -> bytes:
    """One person's letter as its own file, with only the glyphs it prints."""
    return render_letters(ctx, [letter])


def render_separate(
    ctx: DocumentContext, letters: Sequence[Printable], *, progress: ProgressCallback | None = None
) -> Iterator[tuple[LetterContent, bytes]]:
    """One PDF per letter, lazily, so a thousand files never sit in memory together."""
    total = len(letters)
    for done, letter in enumerate(letters, start=1):
        yield _content(letter), render_one(ctx, letter)
        if progress is not None and not progress(done, total):
            raise OperationCancelled()


class OperationCancelled(Exception):
    """The officer pressed Cancel; files already written stay, the sending log records nothing."""
