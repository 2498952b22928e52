"""Recipient lists with anything in their cells (Excel's Alt+Enter, tabs, control characters, stray quotes): the
import refuses the line or normalises the cell, never raises anything but InputError, and every .eml made from
what it accepted parses with the email package and has exactly the headers a notice needs (issue 16, point 5)."""

from __future__ import annotations

import csv
import email
import io
from email import policy
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.documents.mailmerge import merge
from app.errors import InputError
from app.recipients.csv_import import (
    ImportResult,
    RecipientListError,
    build_recipients,
    guess_mapping,
    read_table,
)
from tests.documents.builders.factories import context

HEADER = ["顧客ID", "氏名", "郵便番号", "住所1", "住所2", "メールアドレス", "備考"]
EXPECTED_HEADERS = {
    "From",
    "To",
    "Subject",
    "X-Unsent",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
}
NASTY = st.sampled_from(
    ["\n", "\r\n", "\r", "\t", "\x00", "\x0b", "\x1b", "\x7f", "\x85", "\u2028", '"', ",", "様"]
)
CELL = st.lists(st.one_of(NASTY, st.text(max_size=6)), max_size=5).map("".join)
ODD_ADDRESSES = ["a(b@example.jp", 'a"b@example.jp', "a'b@example.jp", "a..b@example.jp", ".a@example.jp",
                 "a@example..jp", "a)@example.jp", "ａ@example.jp", "山田@example.jp", "a@例え.jp"]  # fmt: skip
EMAIL = st.one_of(
    st.builds(lambda a: f"{a}@example.jp", st.text("abc.+_-\"'()<>[]:;\\ ", min_size=1, max_size=6)),
    st.builds(lambda b: f"person@{b}example.jp", CELL),
    st.sampled_from(ODD_ADDRESSES),
    CELL,
    st.just("person@example.jp"),
)


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows([HEADER, *rows])
    return buffer.getvalue().encode("utf-8")


def _import(rows: list[list[str]]) -> ImportResult | None:
    try:
        table = read_table(_csv(rows), "list.csv")
        return build_recipients(table, guess_mapping(table.header, [cells for _line, cells in table.rows]))
    except InputError:
        return None


ROW = st.tuples(
    st.text("0123456789", min_size=1, max_size=4),
    st.one_of(
        st.sampled_from(["山田 太郎", "髙橋 一郎"]), CELL
    ),  # mostly clean: one bad line refuses the list
    st.sampled_from(["100-0005", "", "1000005"]),
    CELL,
    CELL,
    EMAIL,
    CELL,
).map(list)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(ROW, min_size=1, max_size=2, unique_by=lambda row: row[0]))
def test_any_cell_is_refused_per_line_or_written_as_a_clean_eml(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]]
) -> None:
    result = _import(rows)
    if result is None:
        return
    for person in result.recipients:
        assert "\n" not in person.address1 + person.address2 + person.note and "\r" not in person.address1
    ctx = context()
    plan = merge.plan(ctx, result.recipients, merge.MergeMode.EML, allow_suspect=True)
    if not plan.letters:
        return
    out = tmp_path_factory.mktemp("eml")
    written = merge.write(ctx, plan, out)
    for path, letter in zip(written.files, plan.letters, strict=True):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        assert set(message.keys()) == EXPECTED_HEADERS and len(message.keys()) == len(EXPECTED_HEADERS)
        assert not message.defects
        to = message["To"]
        assert len(to.addresses) == 1
        assert letter.recipient is not None and to.addresses[0].addr_spec == letter.recipient.email
        assert to.addresses[0].display_name == f"{letter.recipient.name} 様"


def test_a_name_with_alt_enter_is_refused_on_its_line_and_an_address_is_joined(tmp_path: Path) -> None:
    rows = [
        ["1", "山田\n太郎", "100-0005", "東京都千代田区", "", "yamada@example.jp", ""],
        ["2", "佐藤 花子", "100-0005", "東京都千代田区丸の内\nサンプルビル3階", "", "sato@example.jp", ""],
        ["3", "鈴木 一郎", "100-0005", "東京都千代田区", "", "suzuki@exa\nmple.jp", ""],
    ]
    with pytest.raises(RecipientListError) as caught:
        build_recipients(*_table(rows))
    lines = {error.line: error.message for error in caught.value.errors}
    assert sorted(lines) == [2, 6]  # each row starts where its first cell does; row 1 spans lines 2-3
    assert "改行" in lines[2] and "氏名" in lines[2]
    assert "改行" in lines[6] and "メールアドレス" in lines[6]
    result = build_recipients(*_table([rows[1]]))
    assert result.recipients[0].address1 == "東京都千代田区丸の内 サンプルビル3階"


def _table(rows: list[list[str]]) -> tuple[object, object]:
    table = read_table(_csv(rows), "list.csv")
    return table, guess_mapping(table.header, [cells for _line, cells in table.rows])
