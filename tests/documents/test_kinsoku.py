"""Japanese line breaking: no line starts with 。、」） or ends with 「（, and nothing leaves its frame or cell."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import StyleSheet1
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from app.documents.render.flowables import data_table, para
from app.documents.render.kinsoku import CANNOT_END, CANNOT_START, JaParagraph, line_texts
from app.documents.render.selftest import KINSOKU_PARAGRAPHS
from app.documents.render.template import FRAME_WIDTH

FUZZ = 1e-6


def lay_out(paragraph: Paragraph, width: float) -> list[str]:
    paragraph.wrap(width, 10_000)
    return line_texts(paragraph)


def line_widths(paragraph: Paragraph) -> list[float]:
    return [
        sum(stringWidth(word.text, word.fontName, word.fontSize) for word in line.words)
        for line in paragraph.blPara.lines
    ]


def greedy_line_length(text: str, font: str, size: float, width: float) -> int:
    """How many characters a line holds if nothing is done about 禁則."""
    used = 0.0
    for count, char in enumerate(text):
        used += stringWidth(char, font, size)
        if used > width + FUZZ:
            return count
    return len(text)


def assert_kinsoku(lines: list[str]) -> None:
    for number, line in enumerate(lines):
        if number > 0:
            assert line[:1] not in CANNOT_START, f"line {number + 1} starts with {line[0]}: {lines}"
        if number < len(lines) - 1:
            assert line[-1:] not in CANNOT_END, f"line {number + 1} ends with {line[-1]}: {lines}"


def test_engineered_paragraphs_really_put_a_mark_at_a_line_start(styles: StyleSheet1) -> None:
    body = styles["body"]
    for text in KINSOKU_PARAGRAPHS:
        cut = greedy_line_length(text, body.fontName, body.fontSize, FRAME_WIDTH)
        assert text[cut] in "。）」"


def test_no_line_starts_with_closing_punctuation(styles: StyleSheet1) -> None:
    for text in KINSOKU_PARAGRAPHS:
        lines = lay_out(para(text, styles["body"]), FRAME_WIDTH)
        assert "".join(lines) == text
        # Two lines when filled greedily; three when the first line ends at a phrase boundary (BudouX, issue 15).
        assert len(lines) in (2, 3)
        assert_kinsoku(lines)
        assert lines[1][0] not in "。、」）』"


def test_reportlab_alone_starts_a_line_with_a_full_stop_after_a_bracket(styles: StyleSheet1) -> None:
    """Why JaParagraph exists: plain wordWrap="CJK" hangs ） and sends 。 to the next line."""
    text = KINSOKU_PARAGRAPHS[1]
    lines = lay_out(Paragraph(text, styles["body"]), FRAME_WIDTH)
    assert lines[1].startswith("。")


def test_closing_bracket_then_full_stop_moves_down_with_a_character(styles: StyleSheet1) -> None:
    lines = lay_out(para("あいうえお「かきく」。けこ", styles["body"]), 10.5 * 9)
    assert lines == ["あいうえお「かき", "く」。けこ"]


def test_full_width_exclamation_and_small_kana_do_not_start_a_line(styles: StyleSheet1) -> None:
    assert lay_out(para("あいうえおかきくけ！こさ", styles["body"]), 10.5 * 9) == [
        "あいうえおかきく",
        "け！こさ",
    ]
    assert lay_out(para("あいうえおかきくけっこう", styles["body"]), 10.5 * 9) == [
        "あいうえおかきく",
        "けっこう",
    ]
    assert lay_out(para("あいうえおかきくけーき", styles["body"]), 10.5 * 9) == ["あいうえおかきく", "けーき"]


def test_opening_bracket_does_not_end_a_line(styles: StyleSheet1) -> None:
    assert lay_out(para("あいうえおかきく「けこ」", styles["body"]), 10.5 * 9) == [
        "あいうえおかきく",
        "「けこ」",
    ]


def test_numbers_and_latin_words_stay_whole(styles: StyleSheet1) -> None:
    lines = lay_out(para("報告期限は2027年7月13日です。担当BreachDesk", styles["body"]), 10.5 * 6)
    assert "".join(lines) == "報告期限は2027年7月13日です。担当BreachDesk"
    assert any("2027" in line for line in lines)
    assert any("BreachDesk" in line for line in lines)


def test_no_break_space_keeps_page_numbers_together(styles: StyleSheet1) -> None:
    lines = lay_out(para("ページ番号「1\u00a0/\u00a02」", styles["body"]), 10.5 * 7)
    assert any("1\u00a0/\u00a02" in line for line in lines)


def test_a_word_longer_than_the_line_is_cut_rather_than_overflowing(styles: StyleSheet1) -> None:
    cell = styles["cell"]
    paragraph = para("https://example.jp/very/long/path/without/any/space", cell)
    lines = lay_out(paragraph, 60)
    assert "".join(lines) == "https://example.jp/very/long/path/without/any/space"
    assert max(line_widths(paragraph)) <= 60 + FUZZ


def test_markup_characters_in_user_text_are_printed_as_typed(styles: StyleSheet1) -> None:
    lines = lay_out(para("A < B & C > D\n次の行", styles["body"]), FRAME_WIDTH)
    assert lines == ["A < B & C > D", "次の行"]


def test_table_cells_wrap_inside_their_columns(styles: StyleSheet1) -> None:
    long_text = "長い説明はセルの幅の中で折り返され、罫線からはみ出しません。" * 4
    table = data_table(("氏名", "備考"), [("髙橋 一郎", long_text)], styles, weights=(1, 3))
    table.wrap(FRAME_WIDTH, 10_000)
    inner = FRAME_WIDTH * 3 / 4 - 8  # column width minus left and right padding
    cell = table._cellvalues[1][1][0]
    assert len(cell.blPara.lines) > 1
    assert max(line_widths(cell)) <= inner + FUZZ
    assert_kinsoku(line_texts(cell))


_BASES = "漢字仮名事態報告本人通知あいうえおかきくけこアイウエオ"
_UNIT = st.one_of(
    st.sampled_from(_BASES),
    st.tuples(st.sampled_from(_BASES), st.sampled_from("。、」）』！？ーっ")).map("".join),
    st.tuples(st.sampled_from("「（『"), st.sampled_from(_BASES)).map("".join),
    st.sampled_from(_BASES).map(lambda base: base + "」。"),
)


@settings(max_examples=150, deadline=None)
@given(units=st.lists(_UNIT, min_size=1, max_size=60), chars_per_line=st.integers(min_value=4, max_value=40))
def test_any_japanese_text_keeps_kinsoku_and_fits(units: list[str], chars_per_line: int) -> None:
    from app.documents.render.styles import stylesheet

    text = "".join(units)
    paragraph = JaParagraph(text, stylesheet()["body"])
    width = 10.5 * chars_per_line
    lines = lay_out(paragraph, width)
    assert "".join(lines) == text
    assert max(line_widths(paragraph)) <= width + FUZZ
    assert_kinsoku(lines)
