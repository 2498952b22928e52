"""Recipient lists as offices save them from Excel: CP932 or UTF-8 (BOM or not), quoted commas, blank lines, bad rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import InputError
from app.recipients.csv_import import (
    RecipientListError,
    build_recipients,
    guess_mapping,
    load_recipients,
    read_table,
)

HEADER = "顧客番号,氏名,郵便番号,住所1,住所2,メールアドレス,漏えい項目"
ROWS = (
    'C001,髙橋 一郎,100-0001,"東京都千代田区千代田1-1, 2F",,ichiro@example.jp,"氏名、住所"\r\n'
    "\r\n"
    "C002,山﨑 花子,１０００００２,大阪府大阪市北区梅田1-2-3,梅田ビル5F,,氏名・病歴・会員ランク\r\n"
    "C003,鈴木 次郎,,,,jiro@example.jp,氏名\r\n"
)
TEXT = HEADER + "\r\n" + ROWS


def import_bytes(data: bytes):  # type: ignore[no-untyped-def]
    table = read_table(data, "list.csv")
    return build_recipients(table, guess_mapping(table.header, [cells for _line, cells in table.rows]))


@pytest.mark.parametrize(
    ("encoding", "reported"), [("cp932", "cp932"), ("utf-8-sig", "utf-8-sig"), ("utf-8", "utf-8")]
)
def test_excel_encodings_read_the_same(encoding: str, reported: str) -> None:
    result = import_bytes(TEXT.encode(encoding))
    assert result.encoding == reported
    names = [person.name for person in result.recipients]
    assert names == ["髙橋 一郎", "山﨑 花子", "鈴木 次郎"]


def test_quoted_commas_blank_lines_and_line_numbers() -> None:
    first, second, third = import_bytes(TEXT.encode("cp932")).recipients
    assert first.address1 == "東京都千代田区千代田1-1, 2F"
    assert (first.line, second.line, third.line) == (2, 4, 5)  # line 3 is blank
    assert first.key == "C001" and second.postal_code == "100-0002"


def test_items_are_recognised_and_unknown_words_kept() -> None:
    first, second, third = import_bytes(TEXT.encode("utf-8")).recipients
    assert first.items == ("name", "address")
    assert second.items == ("name", "medical_history", "会員ランク")
    assert third.items == ("name",)


def test_people_without_an_address_are_listed_for_substitute_measures() -> None:
    result = import_bytes(TEXT.encode("utf-8"))
    assert [p.name for p in result.without_address] == ["鈴木 次郎"]
    assert result.substitute_count == 1 and result.unreachable == ()


def test_item_flag_columns() -> None:
    text = "氏名,住所,電話番号,病歴,クレジットカード番号\n田中 一,東京都港区1-1,03-1111-2222,○,\n佐藤 二,東京都港区2-2,03-3333-4444,,1\n"
    tanaka, sato = import_bytes(text.encode("utf-8")).recipients
    assert tanaka.items == ("medical_history",) and sato.items == ("card_number_full",)


def test_a_bad_row_is_reported_with_its_line_and_nothing_is_imported() -> None:
    bad = (
        "氏名,郵便番号,住所1\n"
        "田中 一,100-0001,東京都千代田区1-1\n"
        "山田 二,100-0001,東京都千代田区1-1, 2F\n"  # unquoted comma: one cell too many
        "\n"
        "鈴木 三,12,大阪府\n"
        ",100-0001,名古屋市\n"
    )
    with pytest.raises(RecipientListError) as caught:
        import_bytes(bad.encode("cp932"))
    assert [error.line for error in caught.value.errors] == [3, 5, 6]
    assert "3" in caught.value.message and "5" in caught.value.message


def test_duplicate_customer_ids_are_refused() -> None:
    text = "顧客番号,氏名,住所\nC1,田中,東京\nC1,山田,大阪\n"
    with pytest.raises(RecipientListError) as caught:
        import_bytes(text.encode("utf-8"))
    assert caught.value.errors[0].line == 3


def test_an_excel_workbook_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(InputError, match="Excel"):
        load_recipients(path)


def test_text_in_neither_encoding_gets_a_clear_message() -> None:
    with pytest.raises(InputError, match="UTF-8"):
        read_table("氏名,住所\n".encode() + b"\x81\x7f\xff\xfe,x\n")


def test_a_file_that_is_not_comma_separated() -> None:
    with pytest.raises(InputError, match="CSV"):
        read_table("氏名\t住所\n田中\t東京\n".encode())


def test_no_name_column_is_explained() -> None:
    table = read_table("番号,住所\n1,東京\n".encode())
    with pytest.raises(InputError, match="氏名"):
        build_recipients(table, guess_mapping(table.header))
