"""Rule sets are data chosen by the clock start; a new amendment is a new entry, not a change to the evaluator."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import MappingProxyType

import pytest

from app.domain.facts import MaliciousBasis
from app.errors import InputError
from app.rules import RULESETS, assess, ruleset_for
from app.rules.rulesets import APPI_R7_2022, APPI_R7_2024, Periods, RuleSet
from app.rules.texts import BASE_TEXTS, Text
from tests.rules.factories import DataItem, make_facts

D = dt.date


@pytest.mark.parametrize(
    ("day", "version"),
    [
        (D(2022, 4, 1), "APPI-R7-2022-04/GL-before-2024-04"),
        (D(2024, 3, 31), "APPI-R7-2022-04/GL-before-2024-04"),
        (D(2024, 4, 1), "APPI-R7-2024-04/GL-2025-06"),
        (D(2027, 7, 1), "APPI-R7-2024-04/GL-2025-06"),
    ],
)
def test_the_rule_set_in_force_on_the_clock_start(day: dt.date, version: str) -> None:
    assert ruleset_for(day).version == version


def test_rule_sets_are_listed_newest_first_and_every_text_key_they_use_exists() -> None:
    assert [r.effective_from for r in RULESETS] == sorted((r.effective_from for r in RULESETS), reverse=True)
    for ruleset in RULESETS:
        keys = {rule.text_key for rule in ruleset.financial_rules}
        assert keys <= set(ruleset.texts)
        assert MaliciousBasis.OTHER in ruleset.indicators


def test_before_the_duty_existed_there_is_no_rule_set() -> None:
    with pytest.raises(InputError) as caught:
        ruleset_for(D(2022, 3, 31))
    assert caught.value.field == "learned_date"
    assert "2022-04-01" in caught.value.message


def test_every_assessment_carries_its_rules_version() -> None:
    assert assess(make_facts(learned_date=D(2023, 5, 1))).rules_version == APPI_R7_2022.version
    assert assess(make_facts()).rules_version == APPI_R7_2024.version


def test_web_skimming_is_not_a_listed_indicator_before_2024() -> None:
    facts = make_facts(
        learned_date=D(2023, 5, 1), malicious=True, malicious_basis=MaliciousBasis.WEB_SKIMMING
    )
    result = assess(facts)
    assert result.applicable_items == (3,)  # personal data already in the database: 3号 on the facts
    assert "W-INDICATOR-NOT-LISTED" in {w.code for w in result.warnings}


def test_the_third_party_notice_indicator_is_cited_as_the_version_numbered_it() -> None:
    facts = make_facts(malicious=True, malicious_basis=MaliciousBasis.THIRD_PARTY_NOTICE_WITH_EVIDENCE)
    new = next(r for r in assess(facts).reasons if r.code == "R7-3")
    old = next(
        r for r in assess(dataclasses.replace(facts, learned_date=D(2023, 5, 1))).reasons if r.code == "R7-3"
    )
    assert "GL 3-5-3-1(3) ※4(オ)" in new.refs
    assert any("(エ)" in ref for ref in old.refs)


def test_a_later_crossing_date_is_judged_under_the_rules_in_force_then() -> None:
    facts = make_facts(
        learned_date=D(2024, 3, 25), affected_count=1500, count_exceeded_1000_learned_date=D(2024, 4, 2)
    )
    result = assess(facts)
    assert result.clock_start == D(2024, 4, 2)
    assert result.rules_version == APPI_R7_2024.version


FUTURE = RuleSet(
    version="APPI-R7-2028-04/GL-2028-04 (test)",
    effective_from=D(2028, 4, 1),
    sensitive_items=APPI_R7_2024.sensitive_items,
    financial_rules=APPI_R7_2024.financial_rules,
    indicators=APPI_R7_2024.indicators,
    acquiring_covered=True,
    count_threshold=5000,
    periods=Periods(kakuho_days=45),
    texts=MappingProxyType(
        {**BASE_TEXTS, "R7-4-NA": Text("4号：{count}（5,000人以下）", "item 4: {count}", ("新規則",))}
    ),
)


def test_a_future_amendment_is_added_as_data_without_touching_the_evaluator() -> None:
    rulesets = (FUTURE, *RULESETS)
    before = assess(make_facts(learned_date=D(2028, 3, 31), affected_count=3000), rulesets)
    after = assess(make_facts(learned_date=D(2028, 4, 1), affected_count=3000), rulesets)
    assert before.applicable_items == (4,)
    assert after.applicable_items == ()
    assert after.rules_version == FUTURE.version
    assert any(r.ja == "4号：3,000人（5,000人以下）" for r in after.reasons)
    with_health = assess(make_facts(learned_date=D(2028, 4, 1), data_items=(DataItem.DIAGNOSIS,)), rulesets)
    assert with_health.kakuho is not None and with_health.kakuho.days == 45


def test_rule_sets_given_in_any_order_are_still_chosen_by_date() -> None:
    shuffled = (APPI_R7_2022, FUTURE, APPI_R7_2024)
    assert ruleset_for(D(2029, 1, 1), shuffled) is FUTURE
    assert ruleset_for(D(2025, 1, 1), shuffled) is APPI_R7_2024
