"""Reasons a privacy officer can hand to management: each cites its article and guideline, says a thing once, and
names dates and counts exactly as they are known (issue 13, point 3)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.db.codec import encode
from app.domain.assessment import Assessment, Reason
from app.domain.facts import Facts
from app.errors import InputError
from app.rules import assess
from app.rules.facts_json import check_consistency
from app.rules.texts import BASE_TEXTS, Text
from app.rules.wording import known_count_words, say
from tests.rules.factories import DataItem, MaliciousBasis, Role, make_facts
from tests.rules.strategies import valid_facts
from tests.rules.test_guideline_cases import CASES

# A citation of a law, a rule, a guideline or a Q&A (not only of a web page such as "PPC 権限の委任").
CITATION_PREFIXES = (
    "法", "規則", "番号法", "行政機関の休日に関する法律", "令和8年法律", "GL", "Q&A", "マイナンバーQ&A", "GDPR",
    "EDPB", "PMK", "Pマーク", "JISA",
)  # fmt: skip
ARTICLE_PREFIXES = ("法", "規則", "番号法", "行政機関の休日に関する法律", "令和8年法律", "GDPR Art.", "PMK")
GUIDELINE_PREFIXES = ("GL", "EDPB", "Pマーク", "JISA")
# Entries with no guideline section to cite: the amendment's criteria are not published yet (docs/domain.md §9).
NO_GUIDELINE = {"W-AMENDMENT-PENDING"}
MIN_CLAUSE = 8
# A phrase this long said twice in one reason is a repetition, even inside two different clauses (issue 13's
# 「…行為による漏えいであり、…行為による漏えい等に当たります」); shorter ones are names such as 個人情報保護委員会.
MIN_PHRASE = 16
_CLAUSE_SPLIT = re.compile("[。、]")


def every_reason(result: Assessment) -> tuple[Reason, ...]:
    """What the officer reads: the 第7条 reasons, the warnings (both tracks') and the 番号法 track's reasons."""
    return (*result.reasons, *result.warnings, *result.bango.reasons)


def without_bango_reasons(result: Assessment) -> Assessment:
    return dataclasses.replace(result, bango=dataclasses.replace(result.bango, reasons=()))


def clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSE_SPLIT.split(text) if len(c.strip()) >= MIN_CLAUSE]


_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日(（.）)?( \d{2}:\d{2}（UTC[+-]\d{2}:\d{2}）)?")


def repeated_phrases(text: str) -> list[str]:
    """Dates are values, not phrasing: two deadlines at the same hour are not a repetition."""
    text = _DATE.sub("〈日付〉", text)
    first_seen: dict[str, int] = {}
    found = []
    for i in range(len(text) - MIN_PHRASE + 1):
        phrase = text[i : i + MIN_PHRASE]
        start = first_seen.setdefault(phrase, i)
        if i - start >= MIN_PHRASE:
            found.append(phrase)
    return found


def sentences(text: str) -> list[str]:
    return [s.strip() for s in text.split("。") if s.strip()]


def problems(result: Assessment) -> list[str]:
    found = []
    seen_sentences: Counter[str] = Counter()
    for reason in every_reason(result):
        refs = Counter(reason.refs)
        found += [f"{reason.code}: {ref} cited twice" for ref, n in refs.items() if n > 1]
        if not any(ref.startswith(CITATION_PREFIXES) for ref in reason.refs):
            found.append(f"{reason.code}: no article, guideline or Q&A among {reason.refs}")
        repeated = [c for c, n in Counter(clauses(reason.ja)).items() if n > 1]
        found += [f"{reason.code}: clause repeated: {c}" for c in repeated]
        found += [f"{reason.code}: phrase repeated: {p}" for p in repeated_phrases(reason.ja)[:1]]
        seen_sentences.update(set(sentences(reason.ja)))
    found += [f"sentence shown {n} times: {s}" for s, n in seen_sentences.items() if n > 1]
    return found


# --- every assessment -----------------------------------------------------------------------------------------


def _with_my_number(facts: Facts) -> Facts:
    if DataItem.MY_NUMBER in facts.data_items:
        return facts
    return dataclasses.replace(facts, data_items=(*facts.data_items, DataItem.MY_NUMBER))


def _consistent(facts: Facts) -> bool:
    try:
        check_consistency(facts)
    except InputError:
        return False
    return True


ANY_FACTS = st.one_of(valid_facts(), valid_facts().map(_with_my_number))


@settings(max_examples=400, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(facts=ANY_FACTS)
def test_no_reason_repeats_a_clause_a_sentence_or_a_citation(facts: Facts) -> None:
    assume(_consistent(facts))
    assert problems(without_bango_reasons(assess(facts))) == []


@settings(max_examples=400, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(facts=valid_facts().map(_with_my_number))
def test_the_my_number_track_reads_as_cleanly_next_to_the_first(facts: Facts) -> None:
    assume(_consistent(facts))
    assert problems(assess(facts)) == []


@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_the_guideline_examples_read_cleanly(c) -> None:  # type: ignore[no-untyped-def]
    assert problems(assess(c.facts)) == []


def test_the_checks_catch_what_they_are_meant_to_catch() -> None:
    """The checker itself, on the sentences of issue 13 as they were."""
    old_r73 = Reason(
        "R7-3",
        "規則7条3号：不正の目的をもって行われたおそれがある行為による漏えいであり、"
        "不正の目的をもって行われたおそれがある行為による漏えい等に当たります。",
        "",
        ("規則7条3号", "GL 3-5-3-1(3)", "GL 3-5-3-1(3)"),
    )
    result = dataclasses.replace(assess(make_facts()), reasons=(old_r73, old_r73), warnings=())
    found = problems(result)
    assert any("cited twice" in p for p in found)
    assert any("phrase repeated: 不正の目的をもって行われたおそれ" in p for p in found)
    twice = Reason("X", "速やかに報告してください。速やかに報告してください。", "", ("規則8条1項",))
    assert "X: clause repeated: 速やかに報告してください" in problems(
        dataclasses.replace(result, reasons=(twice,))
    )
    assert any("sentence shown 2 times" in p for p in found)
    uncited = dataclasses.replace(result, reasons=(Reason("X", "文。", "", ("PPC 権限の委任",)),))
    assert problems(uncited) == ["X: no article, guideline or Q&A among ('PPC 権限の委任',)"]


@pytest.mark.parametrize("key", sorted(BASE_TEXTS))
def test_every_text_cites_an_article_and_a_guideline_section(key: str) -> None:
    refs = BASE_TEXTS[key].refs
    assert len(set(refs)) == len(refs), refs
    assert any(ref.startswith(ARTICLE_PREFIXES) for ref in refs), refs
    if key not in NO_GUIDELINE:
        assert any(ref.startswith(GUIDELINE_PREFIXES) for ref in refs), refs


def test_a_detail_that_cites_the_same_section_is_listed_once() -> None:
    texts = {"X": Text("文。", "Sentence.", ("規則7条3号", "GL 3-5-3-1(3)"))}
    reason = say(texts, "X", ("GL 3-5-3-1(3)", "GL 3-5-3-1(3) ※5"))
    assert reason.refs == ("規則7条3号", "GL 3-5-3-1(3)", "GL 3-5-3-1(3) ※5")


# --- 3号: the act is named once --------------------------------------------------------------------------------


def _reason(result: Assessment, code: str) -> Reason:
    return next(r for r in result.reasons if r.code == code)


@pytest.mark.parametrize("basis", [None, MaliciousBasis.OTHER])
def test_an_act_without_a_named_basis_reads_once(basis: MaliciousBasis | None) -> None:
    r73 = _reason(assess(make_facts(malicious=True, malicious_basis=basis)), "R7-3")
    assert r73.ja.count("不正の目的をもって行われたおそれがある行為") == 1
    assert r73.ja.startswith(
        "規則7条3号：不正の目的をもって行われたおそれがある行為による漏えいに当たります。"
    )
    assert r73.en.count("wrongful purpose") == 1
    assert r73.refs == ("規則7条3号", "GL 3-5-3-1(3)")


def test_insider_exfiltration_names_the_act_then_the_item() -> None:
    r73 = _reason(
        assess(make_facts(malicious=True, malicious_basis=MaliciousBasis.INSIDER_EXFILTRATION)), "R7-3"
    )
    assert r73.ja.startswith(
        "規則7条3号：従業員等による不正な持ち出しによる漏えいは、"
        "不正の目的をもって行われたおそれがある行為による漏えい等に当たります。"
    )
    assert r73.refs == ("規則7条3号", "GL 3-5-3-1(3)", "GL 3-5-3-1(3) ※5")


# --- 4号: the count exactly as known ----------------------------------------------------------------------------


def test_a_count_known_only_by_its_maximum_is_never_read_as_the_count() -> None:
    r74 = _reason(assess(make_facts(affected_count=None, affected_count_max=1000)), "R7-4-NA")
    assert "本人の数は最大で1,000人（確定していません）です。" in r74.ja
    assert "本人の数は1,000人で" not in r74.ja
    assert "at most 1,000 (not yet confirmed)" in r74.en
    assert "1,000人を超えると分かった場合は、その日から4号に該当します" in r74.ja


def test_an_exact_count_reads_as_a_plain_number() -> None:
    r74 = _reason(assess(make_facts(affected_count=1000)), "R7-4-NA")
    assert (
        r74.ja
        == "規則7条4号：本人の数は1,000人で、1,000人を超えないため該当しません（ちょうど1,000人は該当しません）。"
    )
    over = _reason(assess(make_facts(affected_count=1500, affected_count_max=1500)), "R7-4")
    assert over.ja == "規則7条4号：漏えい等に係る本人の数は1,500人で、1,000人を超えるため該当します。"


def test_a_count_and_a_larger_maximum_are_both_named() -> None:
    r74 = _reason(
        assess(make_facts(affected_count=300, affected_count_max=1200, possibility_only=True)), "R7-4"
    )
    assert r74.ja.startswith(
        "規則7条4号：本人の数は300人（確認済み）、最大で1,200人（確定していません）です。"
    )
    assert "漏えい等のおそれに係る最大の人数で判断します" in r74.ja
    assert "300 confirmed, at most 1,200 (not yet confirmed)" in r74.en


@pytest.mark.parametrize(
    ("count", "count_max", "ja", "en"),
    [
        (7, None, "7人", "7"),
        (7, 7, "7人", "7"),
        (None, 2400, "最大で2,400人（確定していません）", "at most 2,400 (not yet confirmed)"),
        (
            0,
            3,
            "0人（確認済み）、最大で3人（確定していません）",
            "0 confirmed, at most 3 (not yet confirmed)",
        ),
    ],
)
def test_count_words(count: int | None, count_max: int | None, ja: str, en: str) -> None:
    assert known_count_words(count, count_max) == (ja, en)


def test_count_words_need_a_number() -> None:
    with pytest.raises(ValueError, match="needs a count or a maximum"):
        known_count_words(None, None)


# --- clocks -----------------------------------------------------------------------------------------------------

HEALTH = (DataItem.NAME, DataItem.HEALTH_CHECKUP_RESULT)


def test_the_clock_names_the_first_day_anyone_knew_and_no_entrustment_for_a_controller() -> None:
    clock = _reason(assess(make_facts(data_items=HEALTH)), "CLOCK")
    assert clock.ja == (
        "起算日：2027年7月1日（木）。事業者のいずれかの部署の従業員が最初に事態を知った日で、この日を1日目として数えます"
        "（従業員による不正な持ち出し等では、行為をした本人が知っていたことは数えません）。"
        "個人情報保護担当者が報告を受けた日ではありません。"
    )
    assert "委託" not in clock.ja and "担当者が知った日" not in clock.ja
    assert "processor" not in clock.en and "controller" not in clock.en


def test_a_processor_is_told_when_its_entrustors_clock_starts() -> None:
    clock = _reason(assess(make_facts(data_items=HEALTH, role=Role.PROCESSOR)), "CLOCK")
    assert clock.ja.endswith("委託元の起算日は、遅くともこの事業所からの通知が委託元に届いた日です。")
    assert "個人情報保護担当者が報告を受けた日ではありません。" in clock.ja
    assert "GL 3-5-3-5" in clock.refs


def test_the_officer_learning_later_is_a_warning_with_both_dates() -> None:
    result = assess(make_facts(data_items=HEALTH, officer_learned_date=dt.date(2027, 7, 4)))
    warning = next(w for w in result.warnings if w.code == "W-OFFICER-LATER")
    assert warning.ja.startswith(
        "起算日は、事業者内で最初に知った日（2027年7月1日（木））です。個人情報保護担当者"
    )
    assert problems(result) == []


def test_the_preliminary_report_is_due_promptly_with_day_5_as_the_outer_bound() -> None:
    result = assess(make_facts(data_items=HEALTH))
    r81 = _reason(result, "R8-1")
    assert r81.ja.startswith(
        "速報：速やかに（遅くとも2027年7月5日（月）まで）報告してください。"
        "ガイドラインは概ね3〜5日以内を目安としています（3日目の2027年7月3日（土）までの報告をお勧めします）。"
    )
    assert "BreachDeskの目安" in r81.ja  # CONV-SOKUHO stays a stated convention
    assert "〜2027年7月5日" not in r81.ja  # no window that reads as if the duty opened on day 3
    assert r81.en.startswith("Preliminary report: promptly (by 5 July 2027 (Mon) at the latest).")
    assert encode(result)["sokuho_window"] == {"from": "2027-07-03", "to": "2027-07-05"}


def test_the_notice_to_the_entrustor_is_due_promptly_too() -> None:
    result = assess(make_facts(data_items=HEALTH, role=Role.PROCESSOR))
    r9 = _reason(result, "R9")
    assert r9.ja.startswith("委託元への通知：速やかに（遅くとも2027年7月5日（月）まで）通知してください。")
    assert encode(result)["entrustor_notice_window"] == {"from": "2027-07-03", "to": "2027-07-05"}


def test_a_deadline_that_did_not_move_is_named_once() -> None:
    r82 = _reason(assess(make_facts(data_items=HEALTH)), "R8-2")
    assert r82.ja == (
        "確報：30日以内に報告してください。起算日を1日目として数え、30日目の2027年7月30日（金）が期限です。"
        "土日祝日も日数に含めます。"
    )


def test_a_moved_deadline_is_given_by_the_sentence_that_explains_the_move() -> None:
    result = assess(make_facts(malicious=True, malicious_basis=MaliciousBasis.THEFT))
    r82 = [r for r in result.reasons if r.code == "R8-2"]
    assert [r.ja.split("。")[1] for r in r82] == ["起算日を1日目として数え、60日目は2027年8月29日（日）です"]
    moved = _reason(result, "R8-2-MOVED")
    assert "期限は次の開庁日の2027年8月30日（月）です" in moved.ja
    assert sum("2027年8月30日" in r.ja for r in result.reasons) == 1


# --- citations the issue found missing --------------------------------------------------------------------------


def test_a_delegated_sector_cites_article_150() -> None:
    reason = _reason(assess(make_facts(data_items=HEALTH, delegated_sector=True)), "REPORT-TO")
    assert "法150条1項" in reason.refs and "GL 3-5-3-3" in reason.refs
    assert "（法150条1項）" in reason.ja
    assert "報告期限は個人情報保護委員会に報告する場合と同じです" in reason.ja


def test_data_that_is_not_personal_data_cites_article_16_3() -> None:
    reason = _reason(assess(make_facts(is_personal_data=False)), "EXCL-NOT-PERSONAL-DATA")
    assert reason.refs[0] == "法16条3項" and "GL 2-6" in reason.refs
    assert "法16条3項" in reason.ja
