"""The 番号法 速報 / 委託元通知 advice follows the day as the 第7条 one does (issue 18 point 1; docs/domain.md §15)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from app.deadlines.advice import bango_reasons_for_today
from app.domain.assessment import Assessment
from app.domain.filing import FilingKind
from app.rules.evaluate import assess
from app.rules.facts_json import parse_facts

# 2026-10-05 is day 1: the guide window runs from day 3 (10-07) to day 5 (10-09).
FACTS: dict[str, Any] = {
    "role": "controller",
    "event": "leak",
    "data_items": ["name", "my_number"],
    "learned_date": "2026-10-05",
    "bango": {"affected_count": 150},
}


def run(**changes: Any) -> Assessment:
    return assess(parse_facts({**FACTS, **changes}))


def advice(assessment: Assessment, code: str, today: dt.date, open_kinds: Any = None) -> tuple[str, str]:
    kinds = (FilingKind.SOKUHO, FilingKind.ENTRUSTOR_NOTICE) if open_kinds is None else open_kinds
    reason = next(r for r in bango_reasons_for_today(assessment.bango, today, kinds) if r.code == code)
    return reason.ja, reason.en


@pytest.mark.parametrize(("role", "code"), [("controller", "BANGO-SOKUHO"), ("processor", "BANGO-PROCESSOR")])
def test_the_my_number_advice_follows_the_day(role: str, code: str) -> None:
    assessment = run(role=role)
    stored = next(r for r in assessment.bango.reasons if r.code == code)
    assert advice(assessment, code, dt.date(2026, 10, 6)) == (stored.ja, stored.en)
    on_day_3 = advice(assessment, code, dt.date(2026, 10, 7))
    assert "本日中の" in on_day_3[0] and "2026年10月9日（金）" in on_day_3[0] and "today" in on_day_3[1]
    assert on_day_3 == advice(assessment, code, dt.date(2026, 10, 9))
    after = advice(assessment, code, dt.date(2026, 10, 10))
    assert "過ぎています" in after[0] and "直ちに" in after[0] and "本日中" not in after[0]
    assert "has passed" in after[1]
    # Everything else of the reason (the law it cites) stays.
    assert (
        next(
            r for r in bango_reasons_for_today(assessment.bango, dt.date(2026, 10, 10)) if r.code == code
        ).refs
        == stored.refs
    )


def test_a_filed_duty_keeps_the_advice_it_was_filed_under_and_the_assessment_is_untouched() -> None:
    assessment = run()
    before = assessment.bango.reasons
    stored = next(r for r in before if r.code == "BANGO-SOKUHO")
    assert advice(assessment, "BANGO-SOKUHO", dt.date(2026, 10, 20), open_kinds=()) == (stored.ja, stored.en)
    assert assessment.bango.reasons == before
    # Reasons without a window (the clock, the notice) are the stored ones on any day.
    others = [
        r
        for r in bango_reasons_for_today(assessment.bango, dt.date(2026, 10, 20))
        if r.code != "BANGO-SOKUHO"
    ]
    assert others == [r for r in before if r.code != "BANGO-SOKUHO"]


def test_the_same_dates_as_the_appi_report_follow_the_day_too() -> None:
    """「個人情報保護法の速報と同じく」 (BANGO-SOKUHO/same) is the stored form of a joint case; on day 3 it reads 本日中."""
    assessment = run(
        affected_count=150, data_items=["name", "my_number"], malicious=True, malicious_basis="ransomware"
    )
    stored = next(r for r in assessment.bango.reasons if r.code == "BANGO-SOKUHO")
    assert "同じ" in stored.ja
    assert "本日中の報告をお勧めします" in advice(assessment, "BANGO-SOKUHO", dt.date(2026, 10, 8))[0]
