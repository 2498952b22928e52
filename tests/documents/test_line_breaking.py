"""Line breaks keep words together (issue 15, point 3): building names, numbers and katakana runs, with 禁則 kept."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from reportlab.lib.units import mm

from app.documents.kinds.notice_letter import compose_letter
from app.documents.model import Document, DocumentKind, KeyValues, Para
from app.documents.render.fonts import GOTHIC, MINCHO
from app.documents.render.kinsoku import CANNOT_END, CANNOT_START, phrase_starts
from app.documents.render.letter_layout import ADDRESS_WIDTH_MM, layout_address, wrap
from app.documents.render.letters import render_letters
from app.documents.render.pdf import to_pdf
from tests.documents.builders.factories import context, recipient

ADDRESS = "東京都千代田区霞が関一丁目二番三号　サンプルビルディング第二別館１２３４号室"
WORDS = ("サンプルビルディング", "１２３４")


def assert_words_whole(lines: list[str] | tuple[str, ...], count: int = 1) -> None:
    for word in WORDS:
        assert sum(line.count(word) for line in lines) == count, f"{word} split: {lines}"


def assert_kinsoku(lines: list[str] | tuple[str, ...]) -> None:
    for number, line in enumerate(lines):
        if number:
            assert line[:1] not in CANNOT_START, lines
        if number < len(lines) - 1:
            assert line[-1:] not in CANNOT_END, lines


def pdftotext_lines(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return [line for line in text.splitlines() if line.strip()]


def test_the_address_block_keeps_the_building_name_and_room_number_whole() -> None:
    layout = layout_address("〒100-8916", (ADDRESS,), "𠮷野 花子　様")
    lines = [line.text for line in layout.lines]
    assert layout.fits
    assert_words_whole(lines)
    assert lines[1].rstrip() == "東京都千代田区霞が関一丁目二番三号"  # broken at the space, not after 「サ」
    assert lines[2].startswith("サンプルビルディング")


@pytest.mark.parametrize("font", [MINCHO, GOTHIC])
@pytest.mark.parametrize("characters", range(11, 45))
def test_no_width_splits_the_words(font: str, characters: int) -> None:
    lines = wrap(ADDRESS, font, 10.0, characters * 10.0)
    assert "".join(lines).replace(" ", "").replace("\u3000", "") == ADDRESS.replace("\u3000", "")
    assert_words_whole(lines)
    assert_kinsoku(lines)


def test_a_letter_pdf_keeps_the_words_whole(tmp_path: Path) -> None:
    ctx = context()
    letter = compose_letter(ctx, recipient(1, address1=ADDRESS, address2="", name="𠮷野 花子"))
    lines = pdftotext_lines(render_letters(ctx, [letter]), tmp_path)
    assert "東京都千代田区霞が関一丁目二番三号" in lines
    assert "サンプルビルディング第二別館１２３４号室" in lines


def test_a_report_paragraph_and_a_narrow_cell_keep_the_words_whole(tmp_path: Path) -> None:
    sentence = f"本件の記録媒体は、{ADDRESS}の書庫に保管しておりました。"
    document = Document(
        DocumentKind.ENTRUSTOR_NOTICE,
        "委託元への通知",
        (Para(sentence * 2), KeyValues((("保管場所", ADDRESS),), label_weight=0.75)),
    )
    lines = pdftotext_lines(to_pdf(document, author="株式会社サンプル商事"), tmp_path)
    assert_words_whole(lines, count=3)
    cell = [line for line in lines if "１２３４" in line or "サンプル" in line]
    assert all("サンプルビルディング" in line or "サンプル" not in line for line in cell)


def test_budoux_marks_phrases_and_spaces_as_break_points() -> None:
    chars = list("弊社サンプルビルディングにて保管していた")
    starts = phrase_starts(chars)
    assert not any(3 <= index <= 12 for index in starts)  # nothing inside サンプルビルディング
    assert len(chars) in starts
    assert 4 in phrase_starts(list("東京都　港区"))  # after the ideographic space


def test_an_overlong_katakana_word_is_still_cut_rather_than_overflowing() -> None:
    word = "サンプルビルディング" * 3
    lines = wrap(word, MINCHO, 10.0, 12 * 10.0)
    assert "".join(lines) == word and all(len(line) <= 12 for line in lines)


def test_address_width_is_the_window_block() -> None:
    # The sweep above covers the 80 mm window block at the letter's sizes (≈ 21–30 characters).
    assert 20 < ADDRESS_WIDTH_MM * mm / 10.5 < 31
