"""Every document kind as its reader gets it: the required items in Japanese, fonts embedded, 「1 / N」, clean metadata."""

from __future__ import annotations

import re

import pytest

from app.documents import builders
from app.documents.context import DocumentContext, DocumentKind
from app.domain.filing import FilingKind
from tests.documents.builders.factories import KAKUHO, SOKUHO, context, recipient
from tests.documents.helpers import page_fonts, page_texts, read_pdf

# What a reader of each document must find in it (docs/domain.md §12).
REQUIRED: dict[DocumentKind, tuple[str, ...]] = {
    DocumentKind.SOKUHO: (
        "個人データの漏えい等に関する報告書（速報）",
        "個人情報保護委員会",
        "株式会社サンプル商事",
        "報告日",
        "発覚日",
        "2027年7月1日",
        "規則第7条各号該当性",
        "氏名、住所、メールアドレス、診断名・診療情報",
        "本人の数",
        "3名",
        "原因",
        "二次被害",
        "本人への対応の実施状況",
        "公表の実施状況",
        "実施済みの措置",
        "今後実施予定の措置",
        "その他参考となる事項",
    ),
    DocumentKind.NOTICE_LETTER: ("お詫びとお知らせ", "お問い合わせ窓口", "0120-000-111", "原因", "二次被害"),
    DocumentKind.ENTRUSTOR_NOTICE: (
        "個人データの漏えい等に関するご報告",
        "御中",
        "当社が本件を知った日",
        "施行規則第9条",
    ),
    DocumentKind.PUBLICATION: (
        "お詫びとお知らせ",
        "対象となる個人情報",
        "人数：3名",
        "お問い合わせ窓口",
        "再発防止策",
    ),
    DocumentKind.INTERNAL_REPORT: (
        "社内報告書",
        "報告対象事態に該当する（個人情報保護法施行規則第7条1号）",
        "確報",
        "2027年7月30日",
        "事実経過",
        "受信者から誤送信の連絡",
        "受信者に削除を依頼",
    ),
    DocumentKind.PMARK_REPORT: (
        "事故報告書",
        "事故の概要",
        "安全管理措置の実施状況",
        "事故発生元・事故発生者",
        "発生事象",
    ),
}
SUBJECT_WORDS = ("髙橋", "一郎", "丸の内二丁目")


def text_of(pdf: bytes) -> str:
    return "".join(page_texts(pdf)).replace("\n", "")


@pytest.mark.parametrize("kind", sorted(REQUIRED), ids=str)
def test_each_document_states_its_required_items_in_japanese(
    kind: DocumentKind, ctx: DocumentContext
) -> None:
    text = text_of(builders.build(kind, ctx))
    for phrase in REQUIRED[kind]:
        assert phrase in text, phrase


@pytest.mark.parametrize("kind", sorted(REQUIRED), ids=str)
def test_fonts_are_embedded_subsets_and_pages_are_numbered(kind: DocumentKind, ctx: DocumentContext) -> None:
    pdf = builders.build(kind, ctx)
    fonts = list(page_fonts(pdf))
    assert fonts
    for _page, font in fonts:
        assert re.fullmatch(r"/[A-Z]{6}\+BIZUD\w+-\w+", str(font["/BaseFont"]))
        assert "/FontFile2" in font["/FontDescriptor"].get_object()
        assert "/ToUnicode" in font
    pages = page_texts(pdf)
    for number, page in enumerate(pages, start=1):
        assert page.strip().endswith(f"{number} / {len(pages)}")


@pytest.mark.parametrize("kind", sorted(REQUIRED), ids=str)
def test_metadata_names_the_document_and_the_office_only(kind: DocumentKind, ctx: DocumentContext) -> None:
    info = read_pdf(builders.build(kind, ctx)).metadata
    assert info is not None and info.title and info.author == "株式会社サンプル商事"
    for value in info.values():
        assert not any(word in str(value) for word in SUBJECT_WORDS)


def test_japanese_era_dates_follow_the_office_setting() -> None:
    import dataclasses

    from app.domain.office import DateStyle
    from tests.documents.builders.factories import OFFICE

    ctx = context(office=dataclasses.replace(OFFICE, date_style=DateStyle.JAPANESE_ERA))
    text = text_of(builders.build(DocumentKind.SOKUHO, ctx))
    assert "発覚日令和9年7月1日" in text and "報告日令和9年7月3日" in text
    assert "発覚日2027年7月1日" not in text


def test_a_preliminary_report_says_what_is_still_being_investigated() -> None:
    import dataclasses

    from app.domain.report import Cause

    text = text_of(builders.build(DocumentKind.SOKUHO, context(dataclasses.replace(SOKUHO, cause=Cause()))))
    assert "（調査中）" in text


def test_a_final_report_flags_unanswered_items_before_printing() -> None:
    import dataclasses

    from app.domain.report import Cause

    ctx = context(dataclasses.replace(KAKUHO, cause=Cause()), previous=SOKUHO)
    document = builders.compose(DocumentKind.KAKUHO, ctx)
    assert any("原因" in problem for problem in builders.preflight(document).messages())
    assert "【未入力：原因】" in text_of(builders.build(DocumentKind.KAKUHO, ctx))


def test_a_final_report_lists_what_changed_since_the_preliminary_one() -> None:
    text = text_of(builders.build(DocumentKind.KAKUHO, context(KAKUHO, previous=SOKUHO)))
    assert "速報からの変更点" in text
    assert "宛先の自動補完機能により" in text


def test_without_a_report_draft_the_report_cannot_be_built() -> None:
    from app.errors import InputError

    with pytest.raises(InputError):
        builders.build(DocumentKind.SOKUHO, context(None))


def test_the_publication_identifies_nobody(ctx: DocumentContext) -> None:
    text = text_of(builders.build(DocumentKind.PUBLICATION, ctx))
    person = recipient()
    assert person.name not in text and person.address1 not in text and "〒" not in text


def test_a_missing_value_is_printed_visibly_and_listed(ctx: DocumentContext) -> None:
    document = builders.compose(DocumentKind.ENTRUSTOR_NOTICE, ctx)
    assert "【未入力：委託元名】" in document.plain_text()
    assert any("委託元名" in m for m in builders.preflight(document).messages())
    assert "【未入力：委託元名】" in text_of(builders.build(DocumentKind.ENTRUSTOR_NOTICE, ctx))


def test_values_typed_for_the_incident_fill_the_gaps() -> None:
    ctx = context(values={"委託元名": "株式会社委託元", "審査機関名": "一般財団法人日本情報経済社会推進協会"})
    assert "株式会社委託元　御中" in builders.compose(DocumentKind.ENTRUSTOR_NOTICE, ctx).plain_text()
    assert not builders.preflight(builders.compose(DocumentKind.ENTRUSTOR_NOTICE, ctx)).gaps


def test_a_character_the_font_lacks_blocks_printing(ctx: DocumentContext) -> None:
    # 𠮷 prints in the names fallback face since issue 15; an emoji has no glyph in any bundled face.
    ctx = context(values={"委託元名": "😀商事"})
    check = builders.preflight(builders.compose(DocumentKind.ENTRUSTOR_NOTICE, ctx))
    assert check.blocking and "😀" in check.unprintable
    assert any("U+1F600" in m for m in check.messages())


@pytest.mark.parametrize(("kind", "title"), [(FilingKind.KAKUHO, "確報"), (FilingKind.TSUIKAN, "追完")])
def test_final_and_supplementary_reports_are_titled_by_kind(kind: FilingKind, title: str) -> None:
    import dataclasses

    from app.domain.report import Envelope

    draft = dataclasses.replace(KAKUHO, envelope=Envelope(kind=kind))
    document = builders.compose(DocumentKind.KAKUHO, context(draft, previous=SOKUHO))
    assert document.title == f"個人データの漏えい等に関する報告書（{title}）"
    assert f"（{title}）" in text_of(builders.build(document.kind, context(draft, previous=SOKUHO)))
