"""The bundled fonts: registered once, and honest about the characters they cannot print."""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics

from app.documents.render import fonts
from app.documents.render.fonts import (
    CORE_FONTS,
    GOTHIC,
    MINCHO,
    PGOTHIC,
    describe_unprintable,
    register_fonts,
    unprintable_characters,
)


def test_tsuchiyoshi_prints_in_the_fallback_face_and_an_emoji_is_reported() -> None:
    # 𠮷 is not in BIZ UD but in the bundled names fallback (issue 15): only what neither face has is reported.
    assert unprintable_characters("𠮷野家の髙橋さんと山﨑さん") == []
    assert unprintable_characters("𠮷野 花子😀") == ["😀"]


def test_each_missing_character_once_in_order_of_appearance() -> None:
    assert unprintable_characters("😀田と😀川、\u2060") == ["😀", "\u2060"]


def test_whitespace_and_control_characters_are_not_reported() -> None:
    assert unprintable_characters("氏名\t髙橋\n住所\u3000東京都 千代田区\r\n") == []


def test_plain_japanese_latin_and_symbols_are_printable() -> None:
    text = "漏えい等報告書（速報）第26条 ABC abc 0123 ①② ℡ 〒100-0001 ※「」『』・ー"
    assert unprintable_characters(text) == []


def test_checked_against_a_chosen_font_only() -> None:
    assert unprintable_characters("😀", fonts=[GOTHIC]) == ["😀"]
    assert unprintable_characters("髙", fonts=[PGOTHIC]) == []


def test_message_names_the_character_and_its_code_point() -> None:
    message = describe_unprintable(["𠮷"])
    assert "𠮷（U+20BB7）" in message
    assert "印刷" in message  # shown in Japanese by default


def test_registration_is_idempotent_across_threads() -> None:
    register_fonts()
    before = {name: pdfmetrics.getFont(name) for name in CORE_FONTS}
    threads = [threading.Thread(target=register_fonts) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {name: pdfmetrics.getFont(name) for name in CORE_FONTS} == before


def test_bold_mincho_maps_to_gothic_bold() -> None:
    from reportlab.lib.fonts import tt2ps

    register_fonts()
    assert tt2ps(MINCHO, 1, 0) == fonts.GOTHIC_BOLD
    assert tt2ps(GOTHIC, 1, 0) == fonts.GOTHIC_BOLD
