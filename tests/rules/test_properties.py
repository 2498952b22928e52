"""Properties of the evaluator that must hold for any facts: monotonic in what is worse, exclusions are final."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from app.db.codec import encode, read_assessment, read_facts
from app.domain.assessment import IndividualNotice
from app.domain.facts import DataItem, Event, Facts, Role
from app.rules import assess
from app.rules.facts_json import parse_facts
from app.rules.rulesets import APPI_R7_2024
from tests.rules.strategies import valid_facts

SENSITIVE = sorted(APPI_R7_2024.sensitive_items)


@settings(max_examples=300)
@given(facts=valid_facts(), item=st.sampled_from(SENSITIVE))
def test_adding_a_sensitive_item_never_removes_item_1_or_any_other(facts: Facts, item: DataItem) -> None:
    before = assess(facts)
    after = assess(dataclasses.replace(facts, data_items=(*facts.data_items, item)))
    assert set(before.applicable_items) <= set(after.applicable_items)
    if after.excluded_by is None and facts.is_personal_data and facts.event is not Event.NONE:
        assert 1 in after.applicable_items


@settings(max_examples=300)
@given(facts=valid_facts(), extra=st.integers(1, 100_000))
def test_raising_the_count_never_removes_item_4(facts: Facts, extra: int) -> None:
    before = assess(facts)
    raised = dataclasses.replace(
        facts,
        affected_count=None if facts.affected_count is None else facts.affected_count + extra,
        affected_count_max=(facts.affected_count_max or facts.affected_count or 0) + extra,
    )
    after = assess(raised)
    assert set(before.applicable_items) <= set(after.applicable_items)


@settings(max_examples=300)
@given(facts=valid_facts())
def test_exclusions_always_empty_the_items_and_every_duty(facts: Facts) -> None:
    result = assess(facts)
    if result.excluded_by is not None:
        assert result.applicable_items == ()
        assert not result.ppc_report_required
        assert result.report_to is None
        assert result.individual_notice is IndividualNotice.NOT_REQUIRED
        assert result.clock_start is None and result.kakuho is None and result.sokuho_window is None


@settings(max_examples=300)
@given(facts=valid_facts())
def test_duties_follow_the_items(facts: Facts) -> None:
    result = assess(facts)
    reportable = bool(result.applicable_items)
    assert result.ppc_report_required is (reportable and facts.role is Role.CONTROLLER)
    assert (result.kakuho is not None) is result.ppc_report_required
    assert (result.entrustor_notice_window is not None) is (reportable and facts.role is Role.PROCESSOR)
    if result.kakuho is not None:
        assert result.kakuho.days == (60 if 3 in result.applicable_items else 30)
        assert result.clock_start is not None and result.kakuho.nth_day >= result.clock_start
    assert list(result.applicable_items) == sorted(set(result.applicable_items))
    assert (result.pmark is not None) is facts.pmark_holder
    assert (result.gdpr is not None) is facts.gdpr_applies


@settings(max_examples=200)
@given(facts=valid_facts())
def test_json_round_trips_are_lossless(facts: Facts) -> None:
    assert parse_facts(encode(facts)) == facts
    assert read_facts(encode(facts)) == facts
    result = assess(facts)
    assert read_assessment(encode(result)) == result
    assert assess(facts) == result  # pure: same facts, same verdict
