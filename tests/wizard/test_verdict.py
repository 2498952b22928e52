"""The verdict as the officer reads it: one sentence, dates with days left, and what would change a "no"."""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.domain.assessment import Kakuho
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
    assert (
        by_code["sokuho"].when == "速やかに（遅くとも6月5日まで）"
    )  # the duty is 速やかに; day 5 the outer bound
    assert by_code["sokuho"].note == "期限を17日超過"
    assert by_code["sokuho"].label == "速報"  # no My Numbers: no law named
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


# --- the 番号法 verdict beside the 第7条 one ------------------------------------------------------------------
def payroll(**extra: object):  # type: ignore[no-untyped-def]
    """docs/domain.md §15.5 example 2: ransomware with exfiltration traces on the payroll PC, 40 employees."""
    base: dict[str, object] = {
        "kind": "ransomware",
        "data": ["name", "address"],
        "count": 40,
        "my_number": "yes",
        "bango_count": {"mode": "exact", "value": 40},
        "learned": {"learned_at": "2026-09-24T10:00:00+09:00"},
        "backup": "no",
        "indicators": {"signs": ["traces_outside"], "acquiring": False, "confirmed": True},
        "bango": {"viewable": "no", "use": "no", "violation": "no", "gov_system": False},
    }
    return assessed(**{**base, **extra})


def test_dates_both_laws_share_are_one_line_named_for_both() -> None:
    result = payroll()
    assert (result.applicable_items, result.bango.categories) == ((3,), (2,))
    lines = {line.code: line for line in verdict.deadline_lines(result, dt.date(2026, 9, 24))}
    assert set(lines) == {"sokuho", "kakuho", "individual_notice"}
    assert lines["sokuho"].label == "速報（個人情報保護法・番号法）"
    assert lines["sokuho"].when == "速やかに（遅くとも9月28日まで）"
    assert (lines["kakuho"].label, lines["kakuho"].when) == ("確報（個人情報保護法・番号法）", "11月24日")
    assert "11月22日が閉庁日のため繰り延べ" in lines["kakuho"].note
    assert lines["individual_notice"].label == "本人通知（個人情報保護法・番号法）"


def test_dates_that_differ_get_a_line_for_each_law() -> None:
    result = payroll()
    later = Kakuho(30, dt.date(2026, 10, 23), dt.date(2026, 10, 23), False)
    split = dataclasses.replace(result, bango=dataclasses.replace(result.bango, kakuho=later))
    labels = {line.code: line.label for line in verdict.deadline_lines(split, dt.date(2026, 9, 24))}
    assert labels["kakuho"] == "確報（個人情報保護法）"
    assert labels["bango_kakuho"] == "確報（番号法）"
    assert labels["sokuho"] == "速報（個人情報保護法・番号法）"


def test_a_my_number_report_alone_names_its_law() -> None:
    """§15.5 example 3: 150 employees' numbers e-mailed to a wrong outside address: 番号法 4号 only."""
    result = assessed(
        kind="email_missend",
        data=["name"],
        count=150,
        my_number="yes",
        bango_count={"mode": "exact", "value": 150},
        learned={"learned_at": "2026-10-05T10:00:00+09:00"},
        recovered="no",
        encryption={"encrypted": "no"},
        bango={
            "viewable": "no",
            "recipient": "mistaken",
            "use": "no",
            "violation": "no",
            "gov_system": False,
        },
    )
    assert result.applicable_items == () and result.bango.categories == (4,)
    lines = {line.code: line for line in verdict.deadline_lines(result, dt.date(2026, 10, 5))}
    assert set(lines) == {"bango_sokuho", "bango_kakuho", "bango_individual_notice"}
    assert (lines["bango_kakuho"].label, lines["bango_kakuho"].when) == ("確報（番号法）", "11月4日")
    assert verdict.headline(result) == "個人情報保護委員会への報告は不要です（報告対象事態に当たりません）"
    assert verdict.bango_headline(result.bango) == "個人情報保護委員会への報告が必要です（規則2条4号）"
    assert verdict.bango_requirement(result.bango) == "報告が必要（個人情報保護委員会）"
    assert verdict.filing_words(result.bango) == "番号法の報告のみ（報告フォームのマイナンバー用の入口から）"


def test_a_stray_form_is_an_effort_report_not_a_duty() -> None:
    """§15.5 example 1: one employee's declaration with two dependants' numbers posted to a wrong address."""
    result = assessed(
        kind="misdelivery",
        data=["name", "address"],
        count=3,
        my_number="yes",
        bango_count={"mode": "exact", "value": 3},
        recovered="no",
        encryption={"encrypted": "no"},
        bango={
            "viewable": "no",
            "recipient": "mistaken",
            "use": "no",
            "violation": "no",
            "gov_system": False,
        },
    )
    assert result.bango.effort_report and not result.bango.report_required
    assert verdict.bango_headline(result.bango) == (
        "報告義務はありませんが、個人情報保護委員会への報告に努めてください（努力義務）"
    )
    assert verdict.bango_requirement(result.bango) == "報告に努める（努力義務）"
    assert verdict.bango_items_or_none(result.bango) == "該当なし"
    assert verdict.deadline_lines(result, dt.date(2027, 6, 2)) == []
    assert any("100人を超える" in change for change in verdict.bango_what_would_change(result.bango))


def test_both_verdicts_in_english() -> None:
    set_language("en")
    result = payroll()
    assert verdict.bango_headline(result.bango) == (
        "A report to the Personal Information Protection Commission is required (Rules Art. 2, Item 2)"
    )
    sokuho = verdict.deadline_lines(result, dt.date(2026, 9, 24))[0]
    assert (sokuho.label, sokuho.when) == (
        "Preliminary report (sokuho) (APPI and My Number Act)",
        "promptly (September 28 at the latest)",
    )
