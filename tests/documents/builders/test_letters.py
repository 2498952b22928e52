"""本人通知 letters: each person's letter says only what concerns them, the address sits in the window, nothing prints as a box."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from reportlab.lib.units import mm

from app.documents.context import DocumentContext
from app.documents.kinds.notice_letter import build, compose_letter
from app.documents.mailmerge import merge
from app.documents.render.letter_layout import (
    ADDRESS_HEIGHT_MM,
    ADDRESS_LEFT_MM,
    ADDRESS_TOP_MM,
    ADDRESS_WIDTH_MM,
    PAGE_HEIGHT,
    WINDOW_HEIGHT_MM,
    WINDOW_LEFT_MM,
    WINDOW_TOP_MM,
    WINDOW_WIDTH_MM,
    layout_address,
    width_of,
)
from app.documents.render.letters import layout_letter, render_letters, render_separate
from app.errors import InputError
from tests.documents.builders.factories import recipient
from tests.documents.helpers import page_fonts, page_texts, read_pdf

LONG_ADDRESS = "北海道札幌市中央区北一条西二丁目一番地一号札幌中央ビルディング別館東棟二十三階二三〇一号室"


def flat(pdf: bytes) -> str:
    return "".join(page_texts(pdf)).replace("\n", "").replace(" ", "").replace("\u3000", "")


def test_a_letter_lists_only_the_items_of_its_person(ctx: DocumentContext) -> None:
    email_only = recipient(1, items=("name", "email"))
    with_diagnosis = recipient(2, items=("name", "diagnosis"))
    first = flat(build(ctx, email_only))
    second = flat(build(ctx, with_diagnosis))
    assert "・氏名" in first and "・メールアドレス" in first
    assert "診断名" not in first
    assert "・診断名・診療情報" in second and "メールアドレス" not in second.split("お問い合わせ窓口")[0]


def test_advice_follows_the_persons_items(ctx: DocumentContext) -> None:
    card = flat(build(ctx, recipient(1, items=("card_number_full",))))
    assert "ご利用明細" in card
    assert "ご利用明細" not in flat(build(ctx, recipient(2, items=("name",))))


def test_the_letter_has_address_date_sender_and_apology(ctx: DocumentContext) -> None:
    text = flat(build(ctx, recipient(1)))
    for phrase in (
        "〒100-0005",
        "東京都千代田区丸の内二丁目3番4号",
        "髙橋一郎1様",
        "2027年7月5日",
        "株式会社サンプル商事",
        "お詫び",
        "記",
        "以上",
    ):
        assert phrase in text, phrase


def test_combined_print_file_numbers_each_letter_on_its_own(ctx: DocumentContext) -> None:
    letters = [compose_letter(ctx, recipient(n)) for n in range(1, 4)]
    pages = page_texts(render_letters(ctx, letters))
    # Each letter is two pages (every item of 施行規則第10条 and the office's response), numbered on its own,
    # and its second page names its own addressee.
    assert [page.strip().splitlines()[-1] for page in pages] == ["1 / 2", "2 / 2"] * 3
    assert [("髙橋 一郎" + str(n // 2 + 1)) in page for n, page in enumerate(pages)] == [True] * 6


def test_separate_files_each_carry_one_person_and_embedded_fonts(ctx: DocumentContext) -> None:
    people = [recipient(n) for n in range(1, 4)]
    files = list(render_separate(ctx, [compose_letter(ctx, p) for p in people]))
    assert len(files) == 3
    for (letter, data), person in zip(files, people, strict=True):
        assert letter.recipient == person
        text = flat(data)
        assert person.name.replace(" ", "") in text
        others = [p.name.replace(" ", "") for p in people if p != person]
        assert not any(other + "様" in text for other in others)
        for _page, font in page_fonts(data):
            assert "/FontFile2" in font["/FontDescriptor"].get_object() and "/ToUnicode" in font
        info = read_pdf(data).metadata
        assert (
            info is not None and person.name not in str(info.title) and person.name not in str(info.subject)
        )


def test_separate_files_read_the_same_as_the_print_file(ctx: DocumentContext) -> None:
    letter = compose_letter(ctx, recipient(7))
    ((_letter, alone),) = list(render_separate(ctx, [letter]))
    assert page_texts(alone) == page_texts(render_letters(ctx, [letter]))


@pytest.mark.parametrize("name", ["髙橋 一郎", "山﨑 花子"])
def test_old_forms_of_kanji_print_from_the_bundled_font(ctx: DocumentContext, name: str) -> None:
    person = recipient(1, name=name, address1="東京都葛飾区柴又七丁目", address2="﨑山ハイツ")
    plan = merge.plan(ctx, [person], merge.MergeMode.COMBINED)
    assert not plan.blocking
    text = flat(build(ctx, person))
    assert name.replace(" ", "") in text and "﨑山ハイツ" in text


def _inside(lines, left_mm: float, top_mm: float, width_mm: float, height_mm: float) -> bool:  # type: ignore[no-untyped-def]
    left, right = left_mm * mm, (left_mm + width_mm) * mm
    top, bottom = PAGE_HEIGHT - top_mm * mm, PAGE_HEIGHT - (top_mm + height_mm) * mm
    return all(
        left <= line.x and line.x + width_of(line.text, line.font, line.size) <= right + 0.01
        and line.y + line.size * 0.9 <= top and line.y - line.size * 0.25 >= bottom
        for line in lines
    )  # fmt: skip


@pytest.mark.parametrize("address", ["東京都千代田区丸の内一丁目1番1号", LONG_ADDRESS])
def test_the_address_block_stays_inside_its_box_and_the_window(address: str) -> None:
    layout = layout_address("〒060-0001", (address, "株式会社サンプル商事 総務部 ご担当者"), "髙橋 一郎　様")
    assert layout.fits
    assert _inside(layout.lines, ADDRESS_LEFT_MM, ADDRESS_TOP_MM, ADDRESS_WIDTH_MM, ADDRESS_HEIGHT_MM)
    assert _inside(layout.lines, WINDOW_LEFT_MM, WINDOW_TOP_MM, WINDOW_WIDTH_MM, WINDOW_HEIGHT_MM)
    printed = "".join(line.text for line in layout.lines)
    assert address in printed  # every character is printed: smaller, never cut off


def test_a_long_address_is_set_smaller_but_complete(ctx: DocumentContext) -> None:
    person = recipient(1, address1=LONG_ADDRESS, address2=LONG_ADDRESS)
    laid_out = layout_letter(compose_letter(ctx, person))
    assert laid_out.address.fits
    assert min(line.size for line in laid_out.address.lines) < 10.5
    assert flat(build(ctx, person)).count(LONG_ADDRESS) == 2


def test_an_address_too_long_for_any_window_is_reported_not_printed(
    ctx: DocumentContext, tmp_path: Path
) -> None:
    person = recipient(1, address1=LONG_ADDRESS * 6)
    plan = merge.plan(ctx, [person], merge.MergeMode.COMBINED)
    assert [p.recipient for p in plan.held_back] == [person]
    assert plan.held_back[0].reason is merge.HoldReason.ADDRESS
    with pytest.raises(InputError):
        merge.write(ctx, plan, tmp_path / "letters.pdf")
    assert not (tmp_path / "letters.pdf").exists()


def test_body_lines_never_leave_the_text_area(ctx: DocumentContext) -> None:
    from app.documents.render.letter_layout import LEFT, RIGHT

    long_cause = "送信時に宛先を確認する手順が守られていなかったため、" * 12
    ctx = dataclasses.replace(ctx, values={"原因": long_cause})
    laid_out = layout_letter(compose_letter(ctx, recipient(1)))
    for page in laid_out.pages:
        for line in page:
            assert (
                line.x >= LEFT - 0.01 and line.x + width_of(line.text, line.font, line.size) <= RIGHT + 0.01
            )
            assert not line.text.startswith(("。", "、", "」"))


def test_a_character_the_font_lacks_is_reported_before_printing(ctx: DocumentContext, tmp_path: Path) -> None:
    # U+E000 (private use) is in no font, whatever fallback font the letters carry: only its letter waits.
    person = recipient(1, name="\ue000田 太郎")
    plan = merge.plan(ctx, [person, recipient(2)], merge.MergeMode.COMBINED)
    assert [p.recipient for p in plan.held_back] == [person]
    assert "U+E000" in plan.held_back[0].text()
    assert [letter.recipient for letter in plan.letters] == [recipient(2)]
    result = merge.write(ctx, plan, tmp_path)
    assert [w.letter.recipient for w in result.letters] == [recipient(2)]


def test_people_without_an_address_are_listed_not_dropped(ctx: DocumentContext) -> None:
    no_address = recipient(2, postal_code="", address1="", address2="")
    plan = merge.plan(ctx, [recipient(1), no_address], merge.MergeMode.COMBINED)
    assert plan.skipped == (no_address,)
    assert [letter.recipient for letter in plan.letters] == [recipient(1)]
    by_mail = merge.plan(ctx, [recipient(1), no_address], merge.MergeMode.EML)
    assert not by_mail.skipped


def test_separate_mode_writes_one_named_file_per_person(ctx: DocumentContext, tmp_path: Path) -> None:
    plan = merge.plan(ctx, [recipient(1), recipient(2, name="山﨑 花子")], merge.MergeMode.SEPARATE)
    result = merge.write(ctx, plan, tmp_path / "out")
    # The incident's number and the customer ID, never the person's name (docs/domain.md §6).
    assert [p.name for p in result.files] == [
        "2027-0001_本人通知_0001_R0001.pdf",
        "2027-0001_本人通知_0002_R0002.pdf",
    ]
    assert "山﨑花子様" in flat(result.files[1].read_bytes())


def test_an_unwritable_folder_is_reported_and_nothing_is_half_written(
    ctx: DocumentContext, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    plan = merge.plan(ctx, [recipient(1)], merge.MergeMode.SEPARATE)
    with pytest.raises(InputError, match="file"):
        merge.write(ctx, plan, blocker / "letters")
    assert blocker.read_text() == "not a folder"


def test_cancelling_stops_the_run(ctx: DocumentContext, tmp_path: Path) -> None:
    from app.documents.render.letters import OperationCancelled

    plan = merge.plan(ctx, [recipient(n) for n in range(1, 6)], merge.MergeMode.SEPARATE)
    with pytest.raises(OperationCancelled):
        merge.write(ctx, plan, tmp_path, progress=lambda done, total: done < 2)
    assert len(list(tmp_path.glob("*.pdf"))) == 2
