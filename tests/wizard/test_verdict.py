"""The verdict as the officer reads it: one sentence, dates with days left, and what would change a "no"."""

from __future__ import annotations

import datetime as dt

from app.domain.office import OfficeProfile
from app.i18n import set_language
from app.rules import assess
from app.wizard import verdict
from app.wizard.mapping import answers_to_facts
from tests.wizard.conftest import answers

OFFICE = OfficeProfile(name="x")


def assessed(**extra: object):  # type: ignore[no-untyped-def]
    return assess(answers_to_facts(answers(**extra), OFFICE))  # type: ignore[arg-type]


def theft_with_diagnoses():  # type: ignore[no-untyped-def]
    """Learned 2027-06-01; items 1 and 3, so 60 days: 速報 6/3〜6/5, 確報 7/30."""
    return assessed(kind="theft", data=["name", "diagnosis"], recovered="no", encryption={"encrypted": "no"})


def test_the_headline_names_the_commission_and_the_items() -> None:
    assert (
        verdict.headline(theft_with_diagnoses()) == "個人情報保護委員会への報告が必要です（規則7条1号・3号）"
    )


def test_deadlines_read_as_in_the_issue_with_days_left() -> None:
    lines = verdict.deadline_lines(theft_with_diagnoses(), dt.date(2027, 6, 22))
    by_code = {line.code: line for line in lines}
    assert by_code["sokuho"].when == "6月3日〜6月5日"
    assert by_code["sokuho"].note == "期限を17日超過"
    assert (by_code["kakuho"].label, by_code["kakuho"].when, by_code["kakuho"].note) == (
        "確報",
        "7月30日",
        "あと38日",
    )
    assert by_code["individual_notice"].when == "状況に応じて速やかに"


def test_a_deadline_moved_past_closed_days_says_so() -> None:
    result = assessed(
        kind="email_missend",
        data=["diagnosis"],
        recovered="no",
        encryption={"encrypted": "no"},
        learned={"learned_at": "2027-04-03T10:00:00+09:00"},
    )
    kakuho = {line.code: line for line in verdict.deadline_lines(result, dt.date(2027, 4, 3))}["kakuho"]
    assert kakuho.when == "5月6日"
    assert "5月2日が閉庁日のため繰り延べ" in kakuho.note


def test_a_deadline_next_year_shows_the_year() -> None:
    assert verdict.short_date(dt.date(2028, 1, 4), dt.date(2027, 11, 30)) == "2028年1月4日"
    assert verdict.days_left(dt.date(2027, 12, 1), dt.date(2027, 12, 1)) == "本日が期限"


def test_english_verdict() -> None:
    set_language("en")
    result = theft_with_diagnoses()
    assert verdict.headline(result) == (
        "A report to the Personal Information Protection Commission is required (Rule 7, Item 1, Item 3)"
    )
    kakuho = {line.code: line for line in verdict.deadline_lines(result, dt.date(2027, 6, 22))}["kakuho"]
    assert (kakuho.when, kakuho.note) == ("July 30", "38 days to go")


def test_not_reportable_says_why_and_what_would_change_it() -> None:
    result = assessed(kind="email_missend", data=["name"], recovered="yes")
    assert verdict.headline(result) == "個人情報保護委員会への報告は不要です（報告対象事態に当たりません）"
    changes = verdict.what_would_change(result)
    assert changes[0] == "回収する前に、誰かがデータを見ていたと分かった場合。"
    assert len(changes) == 5  # the exclusion, then items 1 to 4
    assert verdict.deadline_lines(result, dt.date(2027, 6, 2)) == []


def test_what_would_change_leaves_out_what_the_facts_already_show() -> None:
    facts = answers_to_facts(
        answers(
            "loss",
            ["name", "diagnosis"],
            count=300,
            loss_place="outside",
            recovered="no",
            encryption={"encrypted": "yes", "strong": True, "separate": True, "key": "safe"},
        ),
        OFFICE,
    )
    changes = verdict.what_would_change(assess(facts), facts)
    assert changes[0].startswith("鍵やパスワードも漏れていた")
    assert not any("（1号）" in change for change in changes)  # health data is there already: the key decides
    assert any("（4号）" in change for change in changes)


def test_a_processor_is_told_to_notify_its_entrustor() -> None:
    result = assessed(
        kind="misdelivery",
        data=["diagnosis"],
        recovered="no",
        encryption={"encrypted": "no"},
        role="processor",
    )
    assert verdict.headline(result) == "委託元への通知が必要です（規則7条1号に該当）"
    assert [line.code for line in verdict.deadline_lines(result, dt.date(2027, 6, 2))] == ["entrustor_notice"]
