"""Edges of the rules that only the property tests used to reach, each pinned by an example a reader can check: the
coverage gate counts what example tests reach (tests/coverage_gate.py), because a property test's random draws
reach a line on one run and miss it on the next."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from app.calendar.office_calendar import OfficeCalendar
from app.db.codec import encode
from app.errors import InputError
from app.rules.evaluate import assess
from app.rules.facts_json import MAX_JSON_DEPTH, MAX_PERSONS, parse_facts, parse_facts_text

MY_NUMBER_LEAK: dict[str, Any] = {
    "role": "controller",
    "event": "leak",
    "data_items": ["name", "my_number"],
    "learned_date": "2027-07-01",
    "affected_count": 3,
}


def run(**fields: Any) -> dict[str, Any]:
    return encode(assess(parse_facts({**MY_NUMBER_LEAK, **fields})))


def codes(reasons: list[dict[str, Any]]) -> list[str]:
    return [r["code"] for r in reasons]


def test_pseudonymized_my_numbers_are_still_judged_and_the_officer_is_warned() -> None:
    out = run(pseudonymized=True)
    assert "W-BANGO-PSEUDONYMIZED" in codes(out["warnings"])
    assert out["bango"]["effort_report"] is True  # 3 persons, nothing else: still the effort report


def test_encryption_that_is_not_high_grade_protects_nothing_and_says_why() -> None:
    out = run(encryption={"encrypted": True, "high_grade": False})
    assert "BANGO-ENC-NOT-HIGH-GRADE" in codes(out["bango"]["reasons"])
    assert out["bango"]["excluded_by"] is None


def test_a_leak_for_a_wrongful_purpose_of_no_named_kind_is_category_2_in_the_acts_own_words() -> None:
    out = run(malicious=True, malicious_basis="other")
    assert 2 in out["bango"]["categories"]
    sentence = next(r["ja"] for r in out["bango"]["reasons"] if r["code"] == "BANGO-R2-2")
    assert sentence.endswith("特定個人情報の漏えいに当たります。")  # no （その他） after 2号's own words


def test_an_employee_taking_data_being_acquired_is_item_3_for_that_data_too() -> None:
    out = encode(
        assess(
            parse_facts(
                {
                    "role": "controller",
                    "event": "leak",
                    "data_items": ["name"],
                    "learned_date": "2027-07-01",
                    "affected_count": 1,
                    "caused_by": "employee_on_purpose",
                    "data_being_acquired": True,
                }
            )
        )
    )
    assert 3 in out["applicable_items"]
    item_3 = [r["ja"] for r in out["reasons"] if r["code"] in ("R7-3", "R7-3-ACQ")]
    assert len(item_3) == 2
    assert (
        "従業員（委託先の従業員を含む）が故意に" in item_3[0]
    )  # the guideline's own example: no sign to quote
    assert "取得しようとしている個人情報" in item_3[1]


def test_json_nested_past_the_limit_is_refused_with_its_line() -> None:
    text = '{"role": "controller",\n"x": ' + "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH + "}"
    with pytest.raises(InputError) as refused:
        parse_facts_text(text)
    assert f"JSON の入れ子が {MAX_JSON_DEPTH} 段を超えています（2 行目）" in refused.value.user_text()


def test_a_count_above_the_limit_is_refused_naming_the_field() -> None:
    with pytest.raises(InputError) as refused:
        parse_facts({**MY_NUMBER_LEAK, "affected_count": MAX_PERSONS + 1})
    assert (
        "項目 affected_count（影響を受けた人数）は 1,000,000,000 以下にしてください"
        in refused.value.user_text()
    )


def test_no_closed_run_is_named_for_a_day_already_due() -> None:
    calendar = OfficeCalendar.of([])
    today = dt.date(2027, 5, 6)
    assert calendar.closed_run(today, today) is None
    assert calendar.closed_run(today, dt.date(2027, 5, 1)) is None
