"""The 番号法 track (docs/domain.md §15): the worked examples of §15.5, the rules of §15.3 one by one, and properties."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.db.codec import encode, read_assessment
from app.domain.assessment import Assessment, BangoAssessment
from app.domain.facts import BangoFacts, BangoMisuse, DataItem, Encryption, Event, Facts
from app.errors import InputError
from app.rules.evaluate import assess
from app.rules.facts_json import parse_facts
from tests.rules.strategies import valid_facts

BASE: dict[str, Any] = {"role": "controller", "event": "leak", "data_items": ["name", "my_number"]}


def run(**fields: Any) -> Assessment:
    return assess(parse_facts({**BASE, **fields}))


def bango(**fields: Any) -> dict[str, Any]:
    return encode(run(**fields))["bango"]


def codes(reasons: list[dict[str, Any]]) -> list[str]:
    return [r["code"] for r in reasons]


# --- §15.5 worked examples ---------------------------------------------------------------------------------------


def test_example_1_dependents_form_to_a_wrong_address_is_only_an_effort_report() -> None:
    """扶養控除等申告書 of one employee with two dependents' numbers posted to a wrong outside address: 3 persons."""
    a = run(learned_date="2026-06-10", affected_count=1, bango={"affected_count": 3})
    out = encode(a)
    assert out["applicable_items"] == []
    assert out["bango"]["categories"] == []
    assert out["bango"]["report_required"] is False
    assert out["bango"]["effort_report"] is True
    assert out["bango"]["filing"] is None
    assert "BANGO-EFFORT" in codes(out["bango"]["reasons"])
    assert any("努めること" in r["ja"] and "努力義務" in r["ja"] for r in out["bango"]["reasons"])


def test_example_2_ransomware_on_the_payroll_pc_is_reported_jointly_on_the_same_dates() -> None:
    out = encode(
        run(
            learned_date="2026-09-24",
            possibility_only=True,
            malicious=True,
            malicious_basis="ransomware",
            affected_count=40,
        )
    )
    assert out["applicable_items"] == [3]
    b = out["bango"]
    assert b["categories"] == [2]
    assert b["kakuho"] == {"days": 60, "nth_day": "2026-11-22", "deadline": "2026-11-24", "moved": True}
    assert b["kakuho"] == out["kakuho"]
    assert b["sokuho_window"] == out["sokuho_window"]
    assert b["filing"] == "joint"
    assert b["report_to"] == "ppc"
    assert b["individual_notice"] == "required"
    assert out["rules_version"] == "APPI-R7-2024-04/GL-2025-06+BANGO-R2-2022-04/GLB-2025-06"
    warnings = codes(out["warnings"])
    assert "W-BANGO-FORM" in warnings
    assert "W-MY-NUMBER" not in warnings


def test_example_3_excel_of_150_employees_by_e_mail_is_a_bango_only_report() -> None:
    out = encode(run(learned_date="2026-10-05", affected_count=150, bango={"affected_count": 150}))
    assert out["applicable_items"] == []
    assert out["ppc_report_required"] is False
    b = out["bango"]
    assert b["categories"] == [4]
    assert b["persons"] == 150
    assert b["kakuho"] == {"days": 30, "nth_day": "2026-11-03", "deadline": "2026-11-04", "moved": True}
    assert b["filing"] == "bango_only"
    assert any("150人" in r["ja"] and "100人を超える" in r["ja"] for r in b["reasons"])


def test_example_4_cloud_folder_open_to_anyone_is_category_3_for_20_people() -> None:
    out = encode(
        run(
            learned_date="2026-03-02",
            possibility_only=True,
            affected_count=20,
            bango={"affected_count": 20, "publicly_viewable": True},
        )
    )
    assert out["applicable_items"] == []
    assert out["bango"]["categories"] == [3]
    assert out["bango"]["kakuho"]["deadline"] == "2026-03-31"
    assert "W-BANGO-VIEW-LOG" in codes(out["warnings"])


def test_example_5_stolen_laptop_with_high_grade_encryption_needs_nothing() -> None:
    out = encode(
        run(
            learned_date="2026-05-12",
            possibility_only=True,
            malicious=True,
            malicious_basis="theft",
            affected_count=30,
            encryption={"encrypted": True, "high_grade": True},
        )
    )
    assert out["excluded_by"] == "high_grade_encryption"
    b = out["bango"]
    assert b["excluded_by"] == "high_grade_encryption"
    assert b["categories"] == []
    assert b["effort_report"] is False
    assert b["report_required"] is False


def test_example_6_count_found_to_exceed_100_later_starts_the_clock_that_day() -> None:
    out = encode(
        run(
            event="loss",
            possibility_only=True,
            learned_date="2026-02-09",
            affected_count=80,
            affected_count_max=130,
            bango={
                "affected_count": 80,
                "affected_count_max": 130,
                "count_exceeded_100_learned_date": "2026-02-20",
            },
        )
    )
    b = out["bango"]
    assert b["categories"] == [4]
    assert b["clock_start"] == "2026-02-20"
    assert b["kakuho"] == {"days": 30, "nth_day": "2026-03-21", "deadline": "2026-03-23", "moved": True}
    assert any("80人（確認済み）、最大で130人（確定していません）" in r["ja"] for r in b["reasons"])


# --- the rules of §15.3 -------------------------------------------------------------------------------------------


def test_without_my_number_the_track_is_present_but_does_not_apply() -> None:
    out = encode(assess(parse_facts({"role": "controller", "event": "leak", "learned_date": "2026-10-05"})))
    assert out["bango"] == encode(BangoAssessment())
    assert out["bango"]["applies"] is False
    assert "+BANGO" not in out["rules_version"]


def test_not_personal_data_is_not_in_a_file_but_still_an_effort_report() -> None:
    b = bango(learned_date="2026-10-05", is_personal_data=False, affected_count=1)
    assert b["applies"] is False
    assert b["excluded_by"] == "not_in_file"
    assert b["effort_report"] is True
    assert b["individual_notice"] == "not_required"
    assert b["persons"] is None and b["categories"] == [] and b["clock_start"] is None  # §15.3 rule 1


@pytest.mark.parametrize(("persons", "categories"), [(100, []), (101, [4])])
def test_category_4_starts_at_101_persons(persons: int, categories: list[int]) -> None:
    assert bango(learned_date="2026-10-05", bango={"affected_count": persons})["categories"] == categories


def test_the_track_count_wins_over_the_appi_count_and_only_the_fallback_warns() -> None:
    own = run(learned_date="2026-10-05", affected_count=500, bango={"affected_count": 90})
    assert own.bango.categories == ()
    assert "W-BANGO-COUNT-FALLBACK" not in [w.code for w in own.warnings]
    fallback = run(learned_date="2026-10-05", affected_count=500)
    assert fallback.bango.categories == (4,)
    assert "W-BANGO-COUNT-FALLBACK" in [w.code for w in fallback.warnings]


def test_an_unknown_count_is_judged_by_its_maximum_and_says_so() -> None:
    b = bango(learned_date="2026-10-05", bango={"affected_count_max": 150})
    assert b["categories"] == [4]
    assert any("最大で150人（確定していません）" in r["ja"] for r in b["reasons"])
    unknown = run(learned_date="2026-10-05")
    assert "W-BANGO-COUNT-UNKNOWN" in [w.code for w in unknown.warnings]


def test_recovered_before_viewed_removes_the_leak_but_not_a_wrongful_use() -> None:
    recovered = bango(learned_date="2026-10-05", recovered_before_viewed=True, bango={"affected_count": 500})
    assert recovered["excluded_by"] == "recovered_before_viewed"
    assert recovered["categories"] == []
    assert recovered["effort_report"] is False
    misused = bango(
        learned_date="2026-10-05",
        recovered_before_viewed=True,
        malicious=True,
        malicious_basis="insider_exfiltration",
        bango={"affected_count": 2, "misuse": "use_outside_art9"},
    )
    assert misused["categories"] == [2]
    assert misused["report_required"] is True


def test_a_copy_kept_elsewhere_removes_loss_and_damage_only() -> None:
    assert (
        bango(event="loss", learned_date="2026-10-05", identical_copy_exists=True, affected_count=300)[
            "categories"
        ]
        == []
    )
    assert bango(event="leak", learned_date="2026-10-05", identical_copy_exists=True, affected_count=300)[
        "categories"
    ] == [4]


def test_intentional_provision_excludes_nothing_and_a_forbidden_recipient_is_misuse() -> None:
    provided = run(learned_date="2026-10-05", intentional_provision=True, affected_count=3)
    assert provided.excluded_by is not None  # the 第7条 side: not a leak
    assert provided.bango.excluded_by is None
    assert provided.bango.effort_report is True
    assert "W-BANGO-PROVISION" in [w.code for w in provided.warnings]
    many = run(
        learned_date="2026-10-05",
        intentional_provision=True,
        bango={"affected_count": 120, "misuse": "provision_outside_art19"},
    )
    assert many.bango.categories == (4,)
    assert "W-BANGO-PROVISION" not in [w.code for w in many.warnings]


def test_looking_numbers_up_for_private_ends_is_category_2_without_any_leak() -> None:
    out = encode(
        run(
            event="none",
            learned_date="2026-10-05",
            malicious=True,
            malicious_basis="insider_exfiltration",
            bango={"affected_count": 1, "misuse": "use_outside_art9"},
        )
    )
    assert out["event"] == "none"
    assert out["applicable_items"] == []
    assert out["bango"]["categories"] == [2]
    assert out["bango"]["kakuho"]["days"] == 60
    assert out["bango"]["filing"] == "bango_only"


def test_other_violation_alone_is_an_effort_report() -> None:
    b = bango(event="none", learned_date="2026-10-05", bango={"other_violation": True})
    assert b["categories"] == []
    assert b["effort_report"] is True
    nothing = bango(event="none", learned_date="2026-10-05")
    assert nothing["effort_report"] is False


def test_gov_system_is_category_1() -> None:
    assert bango(learned_date="2026-10-05", bango={"affected_count": 1, "gov_system": True})[
        "categories"
    ] == [1]


def test_a_processor_notifies_its_entrustor_and_the_exemption_is_conditional() -> None:
    b = bango(role="processor", learned_date="2026-10-05", bango={"affected_count": 150})
    assert b["report_to"] == "entrustor"
    assert b["report_required"] is False
    assert b["individual_notice"] == "exempt_entrustor_notified"
    assert b["sokuho_window"] is None and b["kakuho"] is None
    assert b["entrustor_notice_window"] == {"from": "2026-10-07", "to": "2026-10-09"}
    assert any("委託元へ通知した場合に限り" in r["ja"] for r in b["reasons"])
    assert b["filing"] is None


def test_a_delegated_sector_files_separately() -> None:
    out = run(
        learned_date="2026-09-24",
        malicious=True,
        malicious_basis="unauthorized_access",
        affected_count=40,
        delegated_sector=True,
    )
    assert out.report_to is not None and out.report_to.value == "delegated_ministry"
    assert out.bango.report_to is not None and out.bango.report_to.value == "ppc"
    assert out.bango.filing is not None and out.bango.filing.value == "separate"


def test_appi_only_still_uses_the_my_number_path() -> None:
    out = run(
        learned_date="2026-10-05", data_items=["name", "my_number", "diagnosis"], bango={"affected_count": 5}
    )
    assert out.applicable_items == (1,)
    assert out.bango.categories == ()
    assert out.bango.filing is not None and out.bango.filing.value == "appi_only"


def test_notification_difficult_allows_substitute_measures() -> None:
    b = bango(learned_date="2026-10-05", notification_difficult=True, bango={"affected_count": 150})
    assert b["individual_notice"] == "required_substitute_allowed"


def test_the_notice_reason_tells_of_a_new_number() -> None:
    b = bango(learned_date="2026-10-05", bango={"affected_count": 150})
    notice = next(r for r in b["reasons"] if r["code"] == "BANGO-NOTICE")
    assert "番号法7条2項" in notice["refs"]
    assert "個人番号の変更を請求" in notice["ja"]


# --- the JSON contract ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bango_json", "field"),
    [
        ({"unknown": 1}, "bango.unknown"),
        ({"affected_count": "3"}, "bango.affected_count"),
        ({"affected_count": -1}, "bango.affected_count"),
        ({"affected_count": 5, "affected_count_max": 4}, "bango.affected_count_max"),
        ({"misuse": "sold"}, "bango.misuse"),
        ({"publicly_viewable": 1}, "bango.publicly_viewable"),
        (
            {"affected_count": 50, "count_exceeded_100_learned_date": "2026-10-09"},
            "bango.count_exceeded_100_learned_date",
        ),
        (
            {"affected_count": 150, "count_exceeded_100_learned_date": "2026-10-01"},
            "bango.count_exceeded_100_learned_date",
        ),
    ],
)
def test_invalid_bango_facts_name_the_field(bango_json: dict[str, Any], field: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_facts({**BASE, "learned_date": "2026-10-05", "bango": bango_json})
    assert caught.value.field == field
    assert field in str(caught.value)


def test_bango_must_be_an_object() -> None:
    with pytest.raises(InputError):
        parse_facts({**BASE, "learned_date": "2026-10-05", "bango": [1]})


def test_an_assessment_saved_before_the_track_reads_back_as_not_applying() -> None:
    saved = encode(run(learned_date="2026-10-05", affected_count=3))
    saved.pop("bango")
    assert read_assessment(saved).bango == BangoAssessment()


@given(valid_facts())
def test_assessments_round_trip_through_json(facts: Facts) -> None:
    a = assess(facts)
    assert read_assessment(json.loads(json.dumps(encode(a), ensure_ascii=False))) == a
    assert parse_facts(json.loads(json.dumps(encode(facts)))) == facts


# --- properties ----------------------------------------------------------------------------------------------------


def _with_my_number(facts: Facts) -> Facts:
    items = (
        facts.data_items
        if DataItem.MY_NUMBER in facts.data_items
        else (*facts.data_items, DataItem.MY_NUMBER)
    )
    return dataclasses.replace(facts, data_items=items)


@given(valid_facts())
def test_the_track_applies_exactly_when_my_numbers_are_in_a_file(facts: Facts) -> None:
    b = assess(facts).bango
    in_file = DataItem.MY_NUMBER in facts.data_items and facts.is_personal_data
    assert b.applies == in_file
    if DataItem.MY_NUMBER not in facts.data_items:
        assert b == BangoAssessment()


@given(valid_facts())
def test_duties_follow_the_categories(facts: Facts) -> None:
    b = assess(_with_my_number(facts)).bango
    assert b.report_required == (bool(b.categories) and facts.role.value == "controller")
    assert (b.kakuho is not None) == b.report_required
    assert b.notify_required == b.report_required
    assert not (b.effort_report and b.categories)
    if b.kakuho is not None:
        assert b.kakuho.days == (60 if 2 in b.categories else 30)
        assert b.kakuho.deadline >= b.kakuho.nth_day
    if b.categories:
        assert b.clock_start is not None
    assert list(b.categories) == sorted(set(b.categories))


@given(valid_facts())
def test_high_grade_encryption_leaves_nothing_to_report_or_endeavour(facts: Facts) -> None:
    facts = dataclasses.replace(
        _with_my_number(facts), encryption=Encryption(encrypted=True, high_grade=True, key_compromised=False)
    )
    b = assess(facts).bango
    if facts.event is not Event.NONE:
        assert b.categories == ()
        assert b.effort_report is False


@given(valid_facts(), st.integers(101, 100_000))
def test_more_than_100_persons_whose_data_leaked_is_always_category_4(facts: Facts, persons: int) -> None:
    facts = dataclasses.replace(
        _with_my_number(facts),
        is_personal_data=True,
        event=Event.LEAK,
        recovered_before_viewed=False,
        encryption=Encryption(),
        bango=BangoFacts(affected_count=persons, misuse=facts.bango.misuse),
    )
    assert 4 in assess(facts).bango.categories


@given(valid_facts(), st.integers(0, 100))
def test_at_most_100_persons_is_never_category_4(facts: Facts, persons: int) -> None:
    facts = dataclasses.replace(_with_my_number(facts), bango=BangoFacts(affected_count=persons))
    assert 4 not in assess(facts).bango.categories


@given(valid_facts(), st.sampled_from(BangoMisuse))
def test_a_wrongful_misuse_is_category_2_whatever_happened_to_the_data(
    facts: Facts, misuse: BangoMisuse
) -> None:
    facts = dataclasses.replace(
        _with_my_number(facts),
        is_personal_data=True,
        event=Event.NONE,
        malicious=True,
        bango=dataclasses.replace(facts.bango, misuse=misuse),
    )
    assert 2 in assess(facts).bango.categories


@given(valid_facts())
def test_the_filing_matches_both_verdicts(facts: Facts) -> None:
    a = assess(_with_my_number(facts))
    filing = a.bango.filing.value if a.bango.filing else None
    appi_ppc = a.ppc_report_required and a.report_to is not None and a.report_to.value == "ppc"
    if a.bango.report_required and appi_ppc:
        assert filing == "joint"
    elif a.bango.report_required:
        assert filing in ("separate", "bango_only")
    elif appi_ppc:
        assert filing == "appi_only"
    else:
        assert filing is None


def test_the_track_has_its_own_dates_when_they_differ() -> None:
    """1号 from the day learned for the APPI, 4号 from the later crossing of 100 for the 番号法 track."""
    a = run(
        learned_date="2027-07-01",
        data_items=["name", "my_number", "diagnosis"],
        affected_count=150,
        bango={"affected_count": 150, "count_exceeded_100_learned_date": "2027-07-08"},
    )
    assert a.applicable_items == (1,)
    assert a.bango.categories == (4,)
    assert a.clock_start == dt.date(2027, 7, 1)
    assert a.bango.clock_start == dt.date(2027, 7, 8)
    assert a.kakuho is not None and a.bango.kakuho is not None
    assert a.kakuho.deadline != a.bango.kakuho.deadline
    assert a.bango.filing is not None and a.bango.filing.value == "joint"


# --- who caused it (issue 13, point 2) -------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["employee_on_purpose", "contractor_on_purpose"])
def test_an_insider_acting_on_purpose_is_item_3_without_ticking_malicious(who: str) -> None:
    """GL 3-5-3-1(3): an employee sells the customer list or posts it on SNS: 3号 (60 days), one person suffices."""
    a = assess(
        parse_facts(
            {"role": "controller", "event": "leak", "learned_date": "2027-07-01", "data_items": ["name", "email"],
             "affected_count": 1, "caused_by": who}
        )
    )  # fmt: skip
    assert a.applicable_items == (3,)
    assert a.kakuho is not None and a.kakuho.days == 60
    insider = next(r for r in a.reasons if r.code == "R7-3")
    assert "故意に個人データを持ち出し" in insider.ja
    assert "GL 3-5-3-1(3)" in insider.refs


def test_an_employee_by_mistake_is_not_item_3_and_the_answer_round_trips() -> None:
    facts = parse_facts(
        {"role": "controller", "event": "leak", "learned_date": "2027-07-01", "data_items": ["name"],
         "affected_count": 1, "caused_by": "employee_mistake"}
    )  # fmt: skip
    assert assess(facts).applicable_items == ()
    assert parse_facts(json.loads(json.dumps(encode(facts)))).caused_by == facts.caused_by


def test_an_insider_on_purpose_with_my_numbers_is_category_2() -> None:
    b = bango(learned_date="2026-10-05", caused_by="employee_on_purpose", bango={"affected_count": 3})
    assert b["categories"] == [2]


def test_an_unknown_cause_code_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        parse_facts({**BASE, "learned_date": "2026-10-05", "caused_by": "someone"})
    assert caught.value.field == "caused_by"


def test_the_appi_conclusion_does_not_say_nothing_is_due_when_the_my_number_report_is() -> None:
    a = run(learned_date="2026-10-05", affected_count=150, bango={"affected_count": 150})
    conclusion = next(r for r in a.reasons if r.code == "NOT-REPORTABLE")
    assert "任意の報告は可能です" not in conclusion.ja
    assert "番号法による個人情報保護委員会への報告と本人への通知は必要です" in conclusion.ja
    processor = run(role="processor", learned_date="2026-10-05", bango={"affected_count": 150})
    assert "委託元への通知が必要です" in next(r for r in processor.reasons if r.code == "NOT-REPORTABLE").ja
    effort = run(learned_date="2026-10-05", affected_count=3, bango={"affected_count": 3})
    assert "任意の報告は可能です" in next(r for r in effort.reasons if r.code == "NOT-REPORTABLE").ja
