"""From answers to the engine's facts, one path per typical incident, and back again for a re-assessment."""

from __future__ import annotations

import datetime as dt

import pytest

from app.db.codec import encode
from app.domain.assessment import ExcludedBy, Filing, ReportTo
from app.domain.facts import BangoFacts, BangoMisuse, DataItem, Event, MaliciousBasis, Role
from app.domain.office import OfficeProfile
from app.rules import assess
from app.rules.facts_json import parse_facts
from app.wizard.mapping import answers_to_facts, facts_to_answers
from tests.wizard.conftest import NOW, answers

OFFICE = OfficeProfile(name="さくら会計事務所")

PATHS = {
    "email_health": answers(
        "email_missend", ["name", "health_checkup_result"], recovered="no", encryption={"encrypted": "no"}
    ),
    "usb_1200": answers(
        "loss",
        ["name", "address"],
        count=1200,
        loss_place="outside",
        count_crossing={"when": "from_start"},
        recovered="no",
        encryption={"encrypted": "no"},
    ),
    "ransomware_no_backup": answers(
        "ransomware",
        ["name"],
        count=40,
        backup="no",
        indicators={"signs": [], "acquiring": False, "confirmed": False},
    ),
    "ransomware_backup": answers(
        "ransomware",
        ["name"],
        count=40,
        backup="yes",
        indicators={"signs": [], "acquiring": False, "confirmed": False},
    ),
    "ransomware_exfiltration": answers(
        "ransomware",
        ["name"],
        count=40,
        backup="yes",
        indicators={"signs": ["c2_traffic"], "acquiring": False, "confirmed": False},
    ),
    "laptop_encrypted": answers(
        "loss",
        ["name", "diagnosis"],
        count=300,
        loss_place="outside",
        recovered="no",
        encryption={"encrypted": "yes", "strong": True, "separate": True, "key": "safe"},
    ),
    "processor": answers(
        "misdelivery",
        ["name", "medical_history"],
        count=5,
        recovered="no",
        encryption={"encrypted": "no"},
        role="processor",
    ),
    "card_last4": answers(
        "unauthorized_access",
        ["name", "card_last4", "card_expiry"],
        count=12,
        indicators={"signs": [], "acquiring": False, "confirmed": False},
    ),
    "recovered": answers("email_missend", ["name", "diagnosis"], recovered="yes"),
    "count_unknown": answers(
        "system_fault",
        ["name", "email"],
        count=3000,
        event={"event": "leak", "suspected": True},
        count_crossing={"when": "from_start"},
        recovered="no",
        encryption={"encrypted": "no"},
        indicators={"signs": [], "acquiring": False, "confirmed": False},
    ),
    "insider": answers(
        "other",
        ["name", "phone", "transaction_history"],
        count=250,
        event={"event": "leak", "suspected": False},
        recovered="no",
        encryption={"encrypted": "no"},
        indicators={"signs": ["insider"], "acquiring": False, "confirmed": True},
    ),
}
PATHS["count_unknown"]["count"] = {"mode": "at_most", "value": 3000, "contact_all": "no"}
LEAKED = {
    "event": {"event": "leak", "suspected": False},
    "recovered": "no",
    "encryption": {"encrypted": "no"},
}
NO_BANGO_ISSUES = {"viewable": "no", "use": "no", "violation": "no", "gov_system": False}
PATHS.update(
    {
        "sns_post": answers("other", ["name", "phone"], cause="employee_on_purpose", **LEAKED),
        "contractor_sold": answers(
            "processor_report", ["name"], count=800, cause="contractor_on_purpose", **LEAKED
        ),
        "phishing": answers(
            "email_missend", ["name"], cause="outsider", recovered="no", encryption={"encrypted": "no"}
        ),
        "taken_home": answers(
            "loss", ["name"], cause="employee_mistake", loss_place="outside", recovered="no"
        )
        | {"encryption": {"encrypted": "no"}},
        "unknown_with_log": answers(
            "misdelivery",
            ["name"],
            cause="unknown",
            recovered="no",
            encryption={"encrypted": "no"},
            indicators={"signs": ["insider"], "none": False, "acquiring": False, "confirmed": False},
        ),
        "payroll_excel": answers(
            "email_missend",
            ["name", "address"],
            count=150,
            my_number="yes",
            bango_count={"mode": "exact", "value": 150},
            recovered="no",
            encryption={"encrypted": "no"},
            bango={**NO_BANGO_ISSUES, "recipient": "mistaken"},
        ),
        "wrong_city": answers(
            "misdelivery",
            ["name", "address"],
            count=12,
            my_number="yes",
            bango_count={"mode": "at_most", "value": 130},
            bango_crossing={"when": "later", "date": "2027-06-02"},
            recovered="yes",
            bango={**NO_BANGO_ISSUES, "recipient": "not_entitled"},
        ),
        "lookup": answers(
            "other",
            ["name", "address"],
            my_number="yes",
            bango_count={"mode": "exact", "value": 1},
            event={"event": "none", "suspected": False},
            cause="employee_on_purpose",
            bango={**NO_BANGO_ISSUES, "use": "private"},
        ),
        "shared_link": answers(
            "system_fault",
            ["name"],
            count=20,
            my_number="unsure",
            bango_count={"mode": "exact", "value": 20},
            **LEAKED,
            bango={**NO_BANGO_ISSUES, "viewable": "yes", "violation": "yes", "gov_system": True},
        ),
    }
)


def verdict_of(name: str):  # type: ignore[no-untyped-def]
    facts = answers_to_facts(PATHS[name], OFFICE)
    return facts, assess(facts)


def test_mis_sent_email_with_health_data_is_item_1() -> None:
    facts, result = verdict_of("email_health")
    assert facts.event is Event.LEAK and facts.sensitive
    assert facts.learned_date == dt.date(2027, 6, 1)
    assert facts.learned_at == dt.datetime.fromisoformat("2027-06-01T09:30:00+09:00")
    assert facts.learned_by == "受付の山田"
    assert result.applicable_items == (1,)
    assert result.report_to is ReportTo.PPC


def test_usb_lost_outside_with_1200_people_is_a_possible_leak_under_item_4() -> None:
    facts, result = verdict_of("usb_1200")
    assert (facts.event, facts.possibility_only, facts.affected_count) == (Event.LEAK, True, 1200)
    assert result.applicable_items == (4,)


def test_ransomware_without_backup_is_damage_under_item_3_with_60_days() -> None:
    facts, result = verdict_of("ransomware_no_backup")
    assert (facts.event, facts.malicious_basis) == (Event.DAMAGE, MaliciousBasis.RANSOMWARE)
    assert result.applicable_items == (3,)
    assert result.kakuho is not None and result.kakuho.days == 60


def test_ransomware_with_backup_and_no_sign_of_theft_is_not_reportable_but_warns() -> None:
    facts, result = verdict_of("ransomware_backup")
    assert facts.identical_copy_exists
    assert result.excluded_by is ExcludedBy.IDENTICAL_COPY_EXISTS
    assert "W-RANSOMWARE-BACKUP" in [w.code for w in result.warnings]


def test_ransomware_with_signs_of_theft_is_a_possible_leak_despite_the_backup() -> None:
    facts, result = verdict_of("ransomware_exfiltration")
    assert (facts.event, facts.possibility_only) == (Event.LEAK, True)
    assert result.applicable_items == (3,)


def test_encrypted_laptop_with_the_key_safe_is_excluded() -> None:
    facts, result = verdict_of("laptop_encrypted")
    assert facts.encryption.high_grade and not facts.encryption.key_compromised
    assert result.excluded_by is ExcludedBy.HIGH_GRADE_ENCRYPTION


def test_a_weak_or_compromised_key_keeps_it_reportable() -> None:
    weak = {
        **PATHS["laptop_encrypted"],
        "encryption": {"encrypted": "yes", "strong": True, "separate": False, "key": "safe"},
    }
    leaked = {
        **PATHS["laptop_encrypted"],
        "encryption": {"encrypted": "yes", "strong": True, "separate": True, "key": "leaked"},
    }
    assert assess(answers_to_facts(weak, OFFICE)).applicable_items == (1,)
    assert answers_to_facts(leaked, OFFICE).encryption.key_compromised


def test_a_processor_notifies_its_entrustor() -> None:
    facts, result = verdict_of("processor")
    assert facts.role is Role.PROCESSOR
    assert result.report_to is ReportTo.ENTRUSTOR
    assert result.entrustor_notice_window is not None


def test_card_last_four_digits_only_is_not_item_2_but_unauthorised_access_is_item_3() -> None:
    facts, result = verdict_of("card_last4")
    assert facts.financial.card_last4_expiry_only and not facts.financial.card_number_full
    assert result.applicable_items == (3,)
    full = answers_to_facts({**PATHS["card_last4"], "data": ["card_number_full"]}, OFFICE)
    assert assess(full).applicable_items == (2, 3)


def test_recovered_before_viewed_is_not_a_leak() -> None:
    facts, result = verdict_of("recovered")
    assert facts.recovered_before_viewed
    assert result.excluded_by is ExcludedBy.RECOVERED_BEFORE_VIEWED
    assert result.applicable_items == ()


def test_unknown_count_uses_the_maximum_and_contact_difficulty_allows_publication() -> None:
    facts, result = verdict_of("count_unknown")
    assert (facts.affected_count, facts.affected_count_max) == (None, 3000)
    assert facts.notification_difficult
    assert result.applicable_items == (4,)
    assert result.individual_notice.value == "required_substitute_allowed"


def test_insider_exfiltration_is_item_3_on_the_insider_indicator() -> None:
    facts, result = verdict_of("insider")
    assert facts.malicious_basis is MaliciousBasis.INSIDER_EXFILTRATION
    assert not facts.possibility_only
    assert result.applicable_items == (3,)


def test_office_level_facts_come_from_the_profile_not_the_answers() -> None:
    office = OfficeProfile(name="x", pmark_holder=True, delegated_sector=True)
    facts = answers_to_facts({**PATHS["email_health"], "office": {"gdpr": True}}, office)
    assert (facts.pmark_holder, facts.delegated_sector, facts.gdpr_applies) == (True, True, True)
    result = assess(facts)
    assert result.report_to is ReportTo.DELEGATED_MINISTRY
    assert result.gdpr is not None and result.pmark is not None


def test_the_count_crossing_moves_the_item_4_clock() -> None:
    later = {**PATHS["usb_1200"], "count_crossing": {"when": "later", "date": "2027-06-20"}}
    result = assess(answers_to_facts(later, OFFICE))
    assert result.clock_start == dt.date(2027, 6, 20)


def test_before_the_date_is_answered_now_stands_in_and_otherwise_it_is_an_error() -> None:
    partial = {"mode": "new", "kind": "email_missend", "data": ["name"]}
    assert answers_to_facts(partial, OFFICE, now=NOW).learned_date == dt.date(2027, 6, 2)
    with pytest.raises(ValueError):
        answers_to_facts(partial, OFFICE)


@pytest.mark.parametrize("name", sorted(PATHS))
def test_saved_facts_reopen_as_answers_that_give_the_same_facts(name: str) -> None:
    facts = answers_to_facts(PATHS[name], OFFICE)
    reopened = facts_to_answers(encode(facts), PATHS[name]["kind"], reassess_id=7)
    assert reopened["mode"] == "reassess" and reopened["incident_id"] == 7
    assert answers_to_facts(reopened, OFFICE) == facts


def test_an_incident_recorded_before_the_wizard_reopens_with_its_date_only() -> None:
    reopened = facts_to_answers({"learned_date": "2027-06-01", "note": "メモ"}, None, reassess_id=1)
    assert reopened["learned"]["learned_at"].startswith("2027-06-01T09:00")
    assert "kind" not in reopened


@pytest.mark.parametrize(
    ("path", "basis"),
    [
        ("sns_post", MaliciousBasis.INSIDER_EXFILTRATION),
        ("contractor_sold", MaliciousBasis.INSIDER_EXFILTRATION),
        ("phishing", MaliciousBasis.OTHER),
        ("unknown_with_log", MaliciousBasis.INSIDER_EXFILTRATION),
    ],
)
def test_wrongdoing_on_purpose_is_item_3_with_60_days(path: str, basis: MaliciousBasis) -> None:
    """GL 3-5-3-1(3): an employee posting customer data or selling the list is the guideline's own example."""
    facts, result = verdict_of(path)
    assert (facts.malicious, facts.malicious_basis) == (True, basis)
    assert 3 in result.applicable_items
    assert result.kakuho is not None and result.kakuho.days == 60


def test_a_mistake_or_taking_work_home_is_not_wrongdoing() -> None:
    """My Number Q&A 17-9: taking a file home to finish work against the rules is not a wrongful purpose."""
    facts, result = verdict_of("taken_home")
    assert not facts.malicious
    assert 3 not in result.applicable_items


def test_the_wizard_gives_assess_the_same_insider_facts_as_the_command_line() -> None:
    facts, _result = verdict_of("sns_post")
    by_hand = parse_facts(
        {
            "role": "controller",
            "event": "leak",
            "learned_date": "2027-06-01",
            "data_items": ["name", "phone"],
            "malicious": True,
            "malicious_basis": "insider_exfiltration",
            "affected_count": 1,
        }
    )
    assert assess(facts).applicable_items == assess(by_hand).applicable_items == (3,)


def test_my_number_answers_become_the_bango_facts() -> None:
    facts, result = verdict_of("payroll_excel")
    assert DataItem.MY_NUMBER in facts.data_items
    assert facts.bango == BangoFacts(affected_count=150)
    assert result.bango.categories == (4,) and result.bango.filing is Filing.BANGO_ONLY
    wrong_city, _ = verdict_of("wrong_city")
    assert wrong_city.bango.misuse is BangoMisuse.PROVISION_OUTSIDE_ART19
    assert (wrong_city.bango.affected_count, wrong_city.bango.affected_count_max) == (None, 130)
    assert wrong_city.bango.count_exceeded_100_learned_date == dt.date(2027, 6, 2)
    lookup, looked_up = verdict_of("lookup")
    assert (lookup.event, lookup.malicious, lookup.bango.misuse) == (
        Event.NONE,
        True,
        BangoMisuse.USE_OUTSIDE_ART9,
    )
    assert looked_up.applicable_items == () and looked_up.bango.categories == (2,)
    shared, _ = verdict_of("shared_link")
    assert shared.bango.publicly_viewable and shared.bango.other_violation and shared.bango.gov_system


def test_not_sure_about_my_numbers_is_read_as_yes() -> None:
    facts, result = verdict_of("shared_link")
    assert DataItem.MY_NUMBER in facts.data_items
    assert result.bango.applies


def test_no_my_numbers_leaves_the_bango_facts_at_their_defaults() -> None:
    facts, result = verdict_of("email_health")
    assert DataItem.MY_NUMBER not in facts.data_items and facts.bango == BangoFacts()
    assert not result.bango.applies


@pytest.mark.parametrize(
    ("path", "cause"),
    [
        ("sns_post", "employee_on_purpose"),
        ("contractor_sold", "contractor_on_purpose"),
        ("phishing", "outsider"),
        ("taken_home", "employee_mistake"),
        ("lookup", "employee_on_purpose"),
    ],
)
def test_reopening_reproduces_who_caused_it(path: str, cause: str) -> None:
    facts = answers_to_facts(PATHS[path], OFFICE)
    reopened = facts_to_answers(encode(facts), PATHS[path]["kind"], reassess_id=1)
    assert reopened["cause"] == cause


def test_reopening_reproduces_the_my_number_answers() -> None:
    facts = answers_to_facts(PATHS["wrong_city"], OFFICE)
    reopened = facts_to_answers(encode(facts), "misdelivery", reassess_id=1)
    assert reopened["my_number"] == "yes" and "my_number" not in reopened["data"]
    for question in ("bango_count", "bango_crossing", "bango"):
        assert reopened[question] == PATHS["wrong_city"][question], question


@pytest.mark.parametrize(
    ("path", "cause"),
    [
        ("sns_post", "employee_on_purpose"),
        ("taken_home", "employee_mistake"),
        ("unknown_with_log", "unknown"),
    ],
)
def test_who_caused_it_is_kept_with_the_facts_and_assess_reads_it(path: str, cause: str) -> None:
    """The answer itself is stored (not guessed back from the basis), and the command line gets the same verdict
    from it even without `malicious` (an act done on purpose is a wrongful purpose)."""
    facts = answers_to_facts(PATHS[path], OFFICE)
    assert facts.caused_by is not None and facts.caused_by.value == cause
    bare = parse_facts({**encode(facts), "malicious": False, "malicious_basis": None})
    if cause == "employee_on_purpose":
        assert assess(bare).applicable_items == assess(facts).applicable_items
