"""Japanese search over titles, timelines and notes: 3+ characters through the trigram index, 1–2 through LIKE."""

from __future__ import annotations

import datetime as dt

import pytest

from app.db.database import Database
from app.domain.filing import FilingKind
from app.domain.register import RegisterQuery
from app.services.register import RegisterService
from app.services.workspace import ChecklistService, FilingService, OverviewService, TimelineService
from tests.register.conftest import TODAY, assessed, quick

JST = dt.timezone(dt.timedelta(hours=9))


@pytest.fixture
def incidents(db: Database) -> dict[str, int]:
    ids = {
        "mail": assessed(db, "メールの誤送信により健康診断結果が漏えい"),
        "usb": quick(db, "USBメモリの紛失"),
        "fax": quick(db, "FAX送信先の誤り"),
    }
    TimelineService(db).append(
        ids["usb"], dt.datetime(2027, 7, 2, 10, tzinfo=JST), "髙橋さんが駅で紛失に気付いた"
    )
    OverviewService(db).set_notes(ids["fax"], "𠮷田様に連絡済み。﨑山課長へ報告")
    return ids


def search(db: Database, text: str) -> set[int]:
    return set(RegisterService(db).ids(RegisterQuery(text=text), TODAY))


def test_three_characters_or_more_use_the_trigram_index(db: Database, incidents: dict[str, int]) -> None:
    assert search(db, "誤送信") == {incidents["mail"]}
    assert search(db, "健康診断結果") == {incidents["mail"]}
    assert search(db, "紛失に気付") == {incidents["usb"]}  # timeline text


def test_one_and_two_character_words_are_found_too(db: Database, incidents: dict[str, int]) -> None:
    assert search(db, "誤送") == {incidents["mail"]}
    assert search(db, "髙橋") == {incidents["usb"]}
    assert search(db, "高橋") == set()  # 髙 is not 高: the officer's spelling is kept exactly
    assert search(db, "誤") == {incidents["mail"], incidents["fax"]}
    assert search(db, "𠮷") == {incidents["fax"]}  # outside the BMP, in the notes
    assert search(db, "﨑山") == {incidents["fax"]}


def test_terms_separated_by_spaces_must_all_match(db: Database, incidents: dict[str, int]) -> None:
    assert search(db, "誤送 健康") == {incidents["mail"]}
    assert search(db, "誤送\u3000紛失") == set()  # full-width space separates too
    assert search(db, "usb") == {incidents["usb"]}  # ASCII ignores case
    assert search(db, "") == set(incidents.values())


def test_search_text_is_not_query_syntax(db: Database, incidents: dict[str, int]) -> None:
    for text in ('"', "%", "_", 'AND "誤送信" OR', "NEAR(a b)", "*", "誤送信*"):
        RegisterService(db).ids(RegisterQuery(text=text), TODAY)  # no exception, whatever was typed
    assert search(db, "%") == set()


def test_later_edits_are_searchable_at_once(db: Database, incidents: dict[str, int]) -> None:
    OverviewService(db).set_title(incidents["usb"], "USBメモリの置き忘れ")
    assert search(db, "置き忘れ") == {incidents["usb"]}
    assert search(db, "紛失") == {incidents["usb"]}  # still in its timeline
    step = ChecklistService(db).steps(incidents["mail"])[0]
    ChecklistService(db).set_note(step.id, "先方の情報システム部に削除を依頼")
    assert search(db, "情報システム部") == {incidents["mail"]}
    FilingService(db).record(
        incidents["mail"],
        FilingKind.SOKUHO,
        dt.datetime(2027, 7, 3, tzinfo=JST),
        "ppc_form",
        receipt_number="受付A-77",
    )
    assert search(db, "A-77") == {incidents["mail"]}


def test_short_terms_at_the_very_end_of_a_text_and_in_any_case(db: Database) -> None:
    ending = quick(db, "ノートPC")
    OverviewService(db).set_notes(ending, "担当は橋")  # the last character of the last field
    assert search(db, "橋") == {ending}
    assert search(db, "pc") == {ending}
    assert search(db, "Pc") == {ending}
    assert search(db, "ぬ") == set()  # in no text at all


def test_very_common_short_terms_fall_back_to_scanning(
    db: Database, incidents: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.services.register as register_module

    monkeypatch.setattr(register_module, "MAX_EXPANSION", 0)
    assert search(db, "誤送") == {incidents["mail"]}
    assert search(db, "髙橋 紛失") == {incidents["usb"]}
