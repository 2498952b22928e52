"""The 令和8年改正 as a dated placeholder (docs/adr/0001-amendment-placeholder.md): selected by the clock start
once its in-force date is known, never before, and applying the current criteria while saying so."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.db.codec import encode
from app.domain.assessment import Assessment
from app.domain.facts import Facts
from app.errors import InputError
from app.rules import RULESETS, assess, ruleset_for
from app.rules.rulesets import (
    AMENDMENT_ENV,
    APPI_R7_2024,
    BASE_RULESETS,
    R8_AMENDMENT,
    amendment_effective,
    rulesets_with,
)
from tests.rules.factories import DataItem, MaliciousBasis, make_facts
from tests.rules.strategies import valid_facts

D = dt.date
ROOT = Path(__file__).resolve().parents[2]
ANNOUNCED = D(2028, 4, 1)  # a made-up cabinet-order date, as an office would configure it
WITH_AMENDMENT = rulesets_with(ANNOUNCED)
PENDING = "W-AMENDMENT-PENDING"
HEALTH = (DataItem.NAME, DataItem.HEALTH_CHECKUP_RESULT)


def test_the_shipped_amendment_has_no_date_yet_so_it_is_never_selected() -> None:
    assert R8_AMENDMENT.effective_from is None
    assert rulesets_with(None) == BASE_RULESETS
    if not os.environ.get(AMENDMENT_ENV):
        assert RULESETS == BASE_RULESETS
        assert ruleset_for(D(2099, 1, 1)) is APPI_R7_2024
        late = assess(make_facts(learned_date=D(2099, 1, 1), data_items=HEALTH))
        assert late.rules_version == APPI_R7_2024.version
        assert PENDING not in {w.code for w in late.warnings}


def test_the_placeholder_is_the_current_rule_set_under_its_own_version() -> None:
    placeholder = WITH_AMENDMENT[0]
    assert placeholder.version == "APPI-R8-AMEND-PENDING/GL-2025-06" != APPI_R7_2024.version
    assert placeholder.effective_from == ANNOUNCED
    assert placeholder.notices == (PENDING,)
    same = {f.name for f in dataclasses.fields(APPI_R7_2024)} - {"version", "effective_from", "notices"}
    # Thresholds, periods, texts, indicators: nothing of the unpublished criteria is guessed.
    for name in same:
        assert getattr(placeholder, name) == getattr(APPI_R7_2024, name), name
    assert WITH_AMENDMENT[1:] == BASE_RULESETS


def test_an_incident_learned_on_or_after_the_date_uses_it_and_one_before_does_not() -> None:
    before = assess(
        make_facts(learned_date=ANNOUNCED - dt.timedelta(days=1), data_items=HEALTH), WITH_AMENDMENT
    )
    on = assess(make_facts(learned_date=ANNOUNCED, data_items=HEALTH), WITH_AMENDMENT)
    after = assess(make_facts(learned_date=D(2028, 6, 1), data_items=HEALTH), WITH_AMENDMENT)
    assert before.rules_version == APPI_R7_2024.version
    assert PENDING not in {w.code for w in before.warnings}
    for result in (on, after):
        assert result.rules_version == "APPI-R8-AMEND-PENDING/GL-2025-06"
        assert result.applicable_items == (1,)  # the current criteria still decide
        assert result.individual_notice.value == "required"


def test_the_warning_says_what_is_in_force_and_what_is_not_known() -> None:
    result = assess(make_facts(learned_date=ANNOUNCED), WITH_AMENDMENT)  # not reportable: shown all the same
    warning = next(w for w in result.warnings if w.code == PENDING)
    assert warning.ja.startswith(
        "令和8年改正（令和8年法律第56号）による本人通知の緩和（本人の権利利益の保護に欠けるおそれが少ない場合）は"
        "2028年4月1日（土）に施行されており"
    )
    assert "公表されていなかったため、現行の基準で判断しています" in warning.ja
    assert "新しい規則・ガイドラインを確認" in warning.ja
    assert "1 April 2028 (Sat)" in warning.en and "current criteria are applied" in warning.en
    assert warning.refs == ("令和8年法律第56号", "法26条2項")


def test_a_count_found_over_1000_after_the_date_is_judged_under_it() -> None:
    facts = make_facts(
        learned_date=D(2028, 3, 25), affected_count=1500, count_exceeded_1000_learned_date=D(2028, 4, 3)
    )
    result = assess(facts, WITH_AMENDMENT)
    assert result.clock_start == D(2028, 4, 3)
    assert result.rules_version == "APPI-R8-AMEND-PENDING/GL-2025-06"


@settings(max_examples=200)
@given(
    facts=valid_facts(),
    offset=st.integers(1, (R8_AMENDMENT.latest_effective - R8_AMENDMENT.promulgated).days),
)
def test_the_placeholder_changes_nothing_but_the_version_and_its_warning(facts: Facts, offset: int) -> None:
    announced = R8_AMENDMENT.promulgated + dt.timedelta(days=offset)
    current = assess(facts, BASE_RULESETS)
    pending = assess(facts, rulesets_with(announced))
    governed = (current.clock_start or facts.learned_date) >= announced
    assert (pending.rules_version != current.rules_version) is governed
    assert (PENDING in {w.code for w in pending.warnings}) is governed
    assert _without_amendment(pending, current.rules_version) == current


def _without_amendment(result: Assessment, version: str) -> Assessment:
    warnings = tuple(w for w in result.warnings if w.code != PENDING)
    return dataclasses.replace(result, rules_version=version, warnings=warnings)


@pytest.mark.parametrize(
    "day", [R8_AMENDMENT.promulgated + dt.timedelta(days=1), R8_AMENDMENT.latest_effective]
)
def test_any_day_the_cabinet_order_may_set_is_accepted(day: dt.date) -> None:
    assert rulesets_with(day)[0].effective_from == day


@pytest.mark.parametrize("day", [R8_AMENDMENT.promulgated, D(2028, 7, 17), D(2082, 4, 1)])
def test_a_day_outside_the_statutory_range_is_refused(day: dt.date) -> None:
    with pytest.raises(InputError) as caught:
        rulesets_with(day)
    assert caught.value.field == AMENDMENT_ENV
    assert "2026-07-17" in caught.value.message and "2028-07-16" in caught.value.message


def test_the_date_can_be_announced_through_the_environment() -> None:
    assert amendment_effective({}) is None
    assert amendment_effective({AMENDMENT_ENV: "  "}) is None
    assert amendment_effective({AMENDMENT_ENV: "2028-04-01"}) == ANNOUNCED


@pytest.mark.parametrize("value", ["2028/04/01", "2028-02-30", "令和10年4月1日", "20280401"])
def test_a_date_that_is_not_yyyy_mm_dd_is_refused(value: str) -> None:
    with pytest.raises(InputError) as caught:
        amendment_effective({AMENDMENT_ENV: value})
    assert caught.value.field == AMENDMENT_ENV
    assert value in caught.value.message


def _cli(facts: dict[str, object], tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(facts), encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "assess", str(path), "--today", "2099-12-31"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, **env},
        check=False,
    )


def test_main_assess_applies_the_date_set_in_the_environment(tmp_path: Path) -> None:
    facts = encode(
        make_facts(learned_date=D(2028, 5, 10), malicious=True, malicious_basis=MaliciousBasis.THEFT)
    )
    configured = _cli(facts, tmp_path, {AMENDMENT_ENV: "2028-04-01"})
    assert configured.returncode == 0, configured.stderr
    result = json.loads(configured.stdout)
    assert result["rules_version"].startswith("APPI-R8-AMEND-PENDING/GL-2025-06")
    assert result["applicable_items"] == [3]
    assert PENDING in [w["code"] for w in result["warnings"]]
    shipped = json.loads(_cli(facts, tmp_path, {AMENDMENT_ENV: ""}).stdout)
    assert shipped["rules_version"].startswith(APPI_R7_2024.version)
    assert PENDING not in [w["code"] for w in shipped["warnings"]]


def test_main_assess_refuses_a_misspelt_date_instead_of_ignoring_it(tmp_path: Path) -> None:
    refused = _cli(encode(make_facts()), tmp_path, {AMENDMENT_ENV: "2028/04/01", "LANG": "ja_JP.UTF-8"})
    assert refused.returncode == 2
    assert refused.stdout == ""
    assert (
        f"{AMENDMENT_ENV} には YYYY-MM-DD 形式の日付を指定してください（指定された値：2028/04/01）"
        in refused.stderr
    )
