"""PDFs as a recipient gets them: searchable Japanese, embedded subset fonts, 「1 / 2」, clean metadata."""

from __future__ import annotations

import re

from reportlab.lib.styles import StyleSheet1
from reportlab.platypus import PageBreak, Spacer

from app import __version__
from app.documents.render.flowables import data_table, label_value_table, para
from app.documents.render.template import FRAME_HEIGHT, render
from tests.documents.helpers import page_fonts, page_texts, read_pdf

SUBJECT_NAME = "髙橋 一郎"
ALLOWED_INFO_KEYS = {
    "/Title", "/Author", "/Subject", "/Creator", "/Producer", "/Keywords", "/CreationDate", "/ModDate", "/Trapped",
}  # fmt: skip


def two_page_letter(styles: StyleSheet1) -> bytes:
    story = [
        para("個人データの漏えい等に関するお知らせ", styles["title"]),
        para(f"{SUBJECT_NAME} 様", styles["body"]),
        para("このたび、お客様の個人データが漏えいしたおそれがあることが判明しました。", styles["body"]),
        label_value_table([("発生日", "2027年7月1日"), ("対象", "氏名、住所")], styles),
        PageBreak(),
        para("お問い合わせ窓口", styles["h1"]),
        data_table(("窓口", "電話番号"), [("個人情報保護担当", "03-1234-5678")], styles),
    ]
    return render(
        story,
        title="漏えい等に関するお知らせ",
        author="株式会社サンプル",
        subject="本人通知",
        running_header="本人通知",
    )


def test_japanese_text_can_be_searched_and_copied(styles: StyleSheet1) -> None:
    first, second = page_texts(two_page_letter(styles))
    assert "個人データの漏えい等に関するお知らせ" in first
    assert f"{SUBJECT_NAME} 様" in first
    assert "このたび、お客様の個人データが漏えいしたおそれがあることが判明しました。" in first
    assert "個人情報保護担当" in second and "03-1234-5678" in second


def test_page_numbers_count_the_whole_document(styles: StyleSheet1) -> None:
    first, second = page_texts(two_page_letter(styles))
    assert first.strip().endswith("1 / 2")
    assert second.strip().endswith("2 / 2")


def test_running_header_only_on_later_pages(styles: StyleSheet1) -> None:
    first, second = page_texts(two_page_letter(styles))
    assert second.startswith("本人通知")
    assert not first.startswith("本人通知")


def test_every_font_is_an_embedded_truetype_subset(styles: StyleSheet1) -> None:
    fonts = list(page_fonts(two_page_letter(styles)))
    assert fonts
    names = set()
    for _page, font in fonts:
        base = str(font["/BaseFont"])
        names.add(base.split("+", 1)[-1])
        assert re.fullmatch(r"/[A-Z]{6}\+BIZUD\w+-\w+", base), base
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor
        assert "/ToUnicode" in font  # what makes copy and search work
    assert names == {"BIZUDMincho-Regular", "BIZUDGothic-Regular", "BIZUDGothic-Bold"}


def test_metadata_names_the_document_not_the_person(styles: StyleSheet1) -> None:
    reader = read_pdf(two_page_letter(styles))
    info = reader.metadata
    assert info is not None
    assert info.title == "漏えい等に関するお知らせ"
    assert info.author == "株式会社サンプル"
    assert info.subject == "本人通知"
    assert info.creator == f"BreachDesk {__version__}"
    assert set(info.keys()) <= ALLOWED_INFO_KEYS
    assert not any(part in str(value) for value in info.values() for part in SUBJECT_NAME.split())
    assert "/Metadata" not in reader.trailer["/Root"]  # no XMP packet with more copies of anything


def test_a_paragraph_split_across_pages_rejoins_without_spaces(styles: StyleSheet1) -> None:
    sentence = "漏えい等が発生したおそれがあるときは、速やかに報告します。"
    text = sentence * 120  # more than two pages of body text
    texts = page_texts(render([para(text, styles["body"])], title="試験", author="試験"))
    assert len(texts) >= 2
    body = "".join(re.sub(r"\d+ / \d+$", "", page.strip()) for page in texts)
    assert body.replace("\n", "") == text


def test_long_table_repeats_its_header_and_keeps_rows(styles: StyleSheet1) -> None:
    rows = [
        (f"{n}", f"第{n}行の説明。セルの中で折り返す程度に長い文章を入れておきます。") for n in range(1, 61)
    ]
    texts = page_texts(
        render([data_table(("番号", "説明"), rows, styles, weights=(1, 6))], title="表", author="試験")
    )
    assert len(texts) >= 2
    assert all("番号" in page and "説明" in page for page in texts)
    joined = "".join(texts).replace("\n", "")
    assert all(f"第{n}行の説明" in joined for n in range(1, 61))


def test_heading_stays_with_the_start_of_a_long_paragraph(styles: StyleSheet1) -> None:
    """Not pushed to the next page whole, which would leave most of page 1 blank."""
    story = [
        Spacer(0, FRAME_HEIGHT - 300),
        para("見出しA", styles["h1"]),
        para("漏えい等が発生したおそれがあるときは、速やかに報告します。" * 60, styles["body"]),
    ]
    first, *_rest = page_texts(render(story, title="試験", author="試験"))
    assert "見出しA" in first
    assert "漏えい等が発生したおそれがあるときは" in first


def test_heading_at_the_foot_of_a_page_moves_with_its_table(styles: StyleSheet1) -> None:
    story = [
        Spacer(0, FRAME_HEIGHT - 60),
        para("見出しB", styles["h1"]),
        data_table(("番号", "説明"), [("1", "一行目"), ("2", "二行目")], styles),
    ]
    first, second = page_texts(render(story, title="試験", author="試験"))
    assert "見出しB" not in first
    assert second.index("見出しB") < second.index("番号") < second.index("一行目")
