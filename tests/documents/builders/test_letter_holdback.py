"""A name that cannot print, or that lost characters in Excel, holds back only its own letter (issue 15, point 4).

U+E000 (private use) stands for "a character no font has": it stays unprintable whatever fallback font the letters
carry, so these tests hold with or without one.
"""

from __future__ import annotations

from pathlib import Path

from app.documents.context import DocumentContext
from app.documents.mailmerge import merge
from app.recipients.csv_import import load_recipients
from tests.documents.builders.factories import recipient
from tests.documents.helpers import page_texts

NO_FONT = "\ue000"


def flat(pdf: bytes) -> str:
    return "".join(page_texts(pdf)).replace("\n", "").replace(" ", "").replace("\u3000", "")


def test_only_the_unprintable_letter_waits_and_the_message_names_line_and_code_point(
    ctx: DocumentContext, tmp_path: Path
) -> None:
    people = [recipient(1), recipient(2, name=f"{NO_FONT}田 次郎"), recipient(3, name="山﨑 花子")]
    plan = merge.plan(ctx, people, merge.MergeMode.COMBINED)
    assert not plan.blocking
    assert plan.held_back_people == (people[1],)
    message = plan.held_back[0].text()
    assert message.startswith("3行目（R0002）：「U+E000」を印刷できる字体がありません。")
    assert NO_FONT not in message and "次郎" not in message  # the code point, never the character or the name

    result = merge.write(ctx, plan, tmp_path)
    assert [p.name for p in result.files] == ["2027-0001_本人通知.pdf"]
    text = flat(result.files[0].read_bytes())
    assert "髙橋一郎1様" in text and "山﨑花子様" in text
    assert "次郎様" not in text
    assert [w.letter.recipient for w in result.letters] == [people[0], people[2]]


def test_when_every_letter_is_held_back_nothing_is_written(ctx: DocumentContext, tmp_path: Path) -> None:
    plan = merge.plan(ctx, [recipient(1, name=f"{NO_FONT}田 次郎")], merge.MergeMode.SEPARATE)
    assert not plan.ready
    try:
        merge.write(ctx, plan, tmp_path / "out")
    except Exception as exc:  # InputError: the officer's message
        assert "保留" in str(exc)
    else:
        raise AssertionError("nothing should be written")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_an_email_is_not_held_back_for_a_font_the_mail_program_has(ctx: DocumentContext) -> None:
    plan = merge.plan(ctx, [recipient(1, name=f"{NO_FONT}田 次郎")], merge.MergeMode.EML)
    assert plan.ready and not plan.held_back


CP932_LIST = (
    "顧客番号,氏名,郵便番号,住所1,住所2,メール\r\n"
    "C1,髙橋 一郎,100-0001,東京都千代田区千代田1-1,,\r\n"
    "C2,?田 次郎,100-0002,東京都千代田区千代田1-2,,\r\n"
    "C3,鈴木 花子,100-0003,東京都千代田区千代田1-3,サンプルビル\ufffd号室,\r\n"
)


def test_a_question_mark_from_excel_is_flagged_per_line_and_held_back_until_confirmed(
    ctx: DocumentContext, tmp_path: Path
) -> None:
    path = tmp_path / "名簿.csv"
    path.write_bytes(CP932_LIST.encode("cp932", errors="replace"))  # U+FFFD itself becomes 「?」 in CP932
    imported = load_recipients(path)
    assert [w.text() for w in imported.suspect] == [
        "3行目：氏名に「?」があります。文字化け（Excelでの保存時に失われた文字）の可能性があります。"
        "元のデータを確認してください。",
        "4行目：住所に「?」があります。文字化け（Excelでの保存時に失われた文字）の可能性があります。"
        "元のデータを確認してください。",
    ]

    plan = merge.plan(ctx, imported.recipients, merge.MergeMode.COMBINED)
    assert [p.recipient.key for p in plan.suspect] == ["C2", "C3"]
    assert [letter.recipient.key for letter in plan.letters if letter.recipient] == ["C1"]
    confirmed = merge.plan(ctx, imported.recipients, merge.MergeMode.COMBINED, allow_suspect=True)
    assert not confirmed.held_back
    assert [p.recipient.key for p in confirmed.confirmed] == ["C2", "C3"]
    assert "?田次郎様" in flat(merge.write(ctx, confirmed, tmp_path / "l.pdf").document or b"")


def test_a_replacement_character_is_named_by_its_code_point(ctx: DocumentContext) -> None:
    person = recipient(1, address2="サンプルビル\ufffd号室")
    plan = merge.plan(ctx, [person], merge.MergeMode.SEPARATE)
    assert [p.reason for p in plan.held_back] == [merge.HoldReason.SUSPECT]
    assert "住所に「U+FFFD」があります" in plan.held_back[0].text()


def test_separate_files_and_emails_carry_the_incident_number_and_key_not_the_name(
    ctx: DocumentContext, tmp_path: Path
) -> None:
    people = [recipient(1), recipient(2, key="C/0002:x")]
    pdfs = merge.write(ctx, merge.plan(ctx, people, merge.MergeMode.SEPARATE), tmp_path / "pdf")
    assert [p.name for p in pdfs.files] == [
        "2027-0001_本人通知_0001_R0001.pdf",
        "2027-0001_本人通知_0002_C_0002_x.pdf",
    ]
    mails = merge.write(ctx, merge.plan(ctx, people, merge.MergeMode.EML), tmp_path / "eml")
    assert [p.name for p in mails.files] == [
        "2027-0001_本人通知_0001_R0001.eml",
        "2027-0001_本人通知_0002_C_0002_x.eml",
    ]


def test_each_written_letter_keeps_its_text_as_received(ctx: DocumentContext, tmp_path: Path) -> None:
    result = merge.write(ctx, merge.plan(ctx, [recipient(1)], merge.MergeMode.COMBINED), tmp_path)
    text = result.letters[0].text
    assert text.startswith(
        "〒100-0005\n東京都千代田区丸の内二丁目3番4号\nサンプルマンション101号室\n髙橋 一郎1"
    )
    assert "お知らせ】" in text and "株式会社サンプル商事" in text
    mail = merge.write(ctx, merge.plan(ctx, [recipient(1)], merge.MergeMode.EML), tmp_path / "eml")
    assert mail.letters[0].text.startswith("髙橋 一郎1")  # the e-mail's body: no postal address
