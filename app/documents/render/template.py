"""A4 page templates, the 「1 / 3」 footer and `render()`: a story of flowables in, PDF bytes out."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, FrameBreak, KeepTogether, PageTemplate
from reportlab.platypus.flowables import _listWrapOn

from app import APP_NAME, __version__
from app.documents.render.fonts import GOTHIC, MINCHO, draw_string, register_fonts, text_width
from app.documents.render.styles import BODY_SIZE, MUTED_COLOR

PAGE_WIDTH, PAGE_HEIGHT = A4
# Margins of a Japanese business letter on A4 (about 40 characters of 10.5 pt per line).
TOP_MARGIN = 25 * mm
BOTTOM_MARGIN = 25 * mm
LEFT_MARGIN = 25 * mm
RIGHT_MARGIN = 25 * mm
FRAME_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN
FRAME_HEIGHT = PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN
FOOTER_BASELINE = 13 * mm
HEADER_BASELINE = PAGE_HEIGHT - 14 * mm
PAGE_NUMBER_SIZE = 9
HEADER_SIZE = 8
ANCHOR_HEX = 12  # hex digits of the audit chain's head printed in a report's footer


class KeepWithNext(KeepTogether):  # type: ignore[misc]  # ReportLab is untyped
    """What a heading's keepWithNext builds: the heading goes to the next page only if what follows cannot
    start below it. Plain KeepTogether moves a heading and its long paragraph to the next page whole, leaving
    the page before nearly blank."""

    def split(self, aW: float, aH: float) -> list[Flowable]:  # ReportLab's camelCase API
        content = list(self._content)
        *heads, following = content
        if not heads:
            return content
        _width, head_height = _listWrapOn(heads, aW, self.canv)
        room = aH - head_height - following.getSpaceBefore()
        if room > 0:
            _width, height = following.wrap(aW, room)
            if height <= room or following.split(aW, room):
                return content
        frame = getattr(self, "_frame", None)
        if frame is not None and getattr(frame, "_atTop", False):
            return content  # a fresh page cannot do better
        return [FrameBreak(), *content]


def page_number_text(page: int, total: int) -> str:
    return f"{page} / {total}"


def audit_anchor_text(head: tuple[int, str] | None) -> str | None:
    """「監査ログ 1,234 件・末尾 ab12cd34ef56…」: the chain's head as the register had it when the PDF was made, so
    a printed or sent report anchors the audit log outside the file (docs/architecture.md, "Evidence"). The
    documents are Japanese whatever the window's language, like the rest of their text."""
    if head is None:
        return None
    count, newest = head
    return f"監査ログ {count:,} 件・末尾 {newest[:ANCHOR_HEX]}…"


class NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab is untyped
    """Holds every page back until the end, so each footer can say how many pages there are."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved_page_states: list[dict[str, Any]] = []

    def showPage(self) -> None:  # ReportLab's camelCase API
        self._saved_page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved_page_states)
        for state in self._saved_page_states:
            self.__dict__.update(state)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        self.saveState()
        self.setFont(GOTHIC, PAGE_NUMBER_SIZE)
        self.setFillColor(MUTED_COLOR)
        self.drawCentredString(PAGE_WIDTH / 2, FOOTER_BASELINE, page_number_text(self._pageNumber, total))
        self.restoreState()


class JaDocTemplate(BaseDocTemplate):  # type: ignore[misc]  # ReportLab is untyped
    """A4 with a first-page template and a later-page template that repeats a short running header."""

    def __init__(
        self,
        target: io.BytesIO,
        *,
        running_header: str | None = None,
        footer_note: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            target,
            pagesize=A4,
            leftMargin=LEFT_MARGIN,
            rightMargin=RIGHT_MARGIN,
            topMargin=TOP_MARGIN,
            bottomMargin=BOTTOM_MARGIN,
            keepTogetherClass=KeepWithNext,
            **kwargs,
        )
        self.running_header = running_header
        self.footer_note = footer_note
        frame = Frame(
            LEFT_MARGIN, BOTTOM_MARGIN, FRAME_WIDTH, FRAME_HEIGHT, id="body", leftPadding=0, rightPadding=0,
            topPadding=0, bottomPadding=0,
        )  # fmt: skip
        later = Frame(
            LEFT_MARGIN, BOTTOM_MARGIN, FRAME_WIDTH, FRAME_HEIGHT, id="body_later", leftPadding=0,
            rightPadding=0, topPadding=0, bottomPadding=0,
        )  # fmt: skip
        self.addPageTemplates(
            [
                PageTemplate(
                    id="first", frames=[frame], autoNextPageTemplate="later", onPage=self._draw_footer_note
                ),
                PageTemplate(id="later", frames=[later], onPage=self._draw_later_page),
            ]
        )

    def _draw_later_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self._draw_running_header(canvas, doc)
        self._draw_footer_note(canvas, doc)

    def _draw_footer_note(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        """Right-aligned on the page number's line, small and muted: a reference, not part of the text."""
        if not self.footer_note:
            return
        canvas.saveState()
        canvas.setFillColor(MUTED_COLOR)
        x = PAGE_WIDTH - RIGHT_MARGIN - text_width(self.footer_note, GOTHIC, HEADER_SIZE)
        draw_string(canvas, GOTHIC, HEADER_SIZE, x, FOOTER_BASELINE, self.footer_note)
        canvas.restoreState()

    def _draw_running_header(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        if not self.running_header:
            return
        canvas.saveState()
        canvas.setFillColor(MUTED_COLOR)
        header = self.running_header
        x = PAGE_WIDTH - RIGHT_MARGIN - text_width(header, GOTHIC, HEADER_SIZE)
        draw_string(canvas, GOTHIC, HEADER_SIZE, x, HEADER_BASELINE, header)
        canvas.restoreState()


def render(
    story: Sequence[Flowable],
    *,
    title: str,
    author: str,
    subject: str = "",
    running_header: str | None = None,
    footer_note: str | None = None,
) -> bytes:
    """Lay out `story` on A4 and return the PDF (see `render_counted`)."""
    return render_counted(
        story,
        title=title,
        author=author,
        subject=subject,
        running_header=running_header,
        footer_note=footer_note,
    )[0]


def render_counted(
    story: Sequence[Flowable],
    *,
    title: str,
    author: str,
    subject: str = "",
    running_header: str | None = None,
    footer_note: str | None = None,
) -> tuple[bytes, int]:
    """Lay out `story` on A4 and return the PDF and its number of pages (a one-page document checks it).

    Metadata is what a recipient's viewer shows and what search indexes keep: pass the kind of document as
    `title` and the office as `author`, never a data subject's name, address or incident details. Fonts are
    embedded as subsets; the creator is BreachDesk and its version.
    """
    register_fonts()
    buffer = io.BytesIO()
    doc = JaDocTemplate(
        buffer,
        running_header=running_header,
        footer_note=footer_note,
        title=title,
        author=author,
        subject=subject,
        creator=f"{APP_NAME} {__version__}",
        lang="ja-JP",
        displayDocTitle=True,
        pageCompression=1,
        initialFontName=MINCHO,  # otherwise every page lists an unembedded Helvetica it never uses
        initialFontSize=BODY_SIZE,
    )
    doc.build(list(story), canvasmaker=NumberedCanvas)
    return buffer.getvalue(), int(doc.page)
