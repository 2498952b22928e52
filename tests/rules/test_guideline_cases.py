"""The guideline's own examples (GL 3-5-1, 3-5-3-1, Q&A; docs/domain.md §1–§6, §8, §10) as a table of verdicts.

Each row says what the officer would check: which 号 apply, what was excluded and why, who reports, and which
reasons and warnings the assessment shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest

from app.db.codec import encode
from app.domain.facts import Facts
from app.rules import assess
from tests.rules.factories import DataItem as D
from tests.rules.factories import Encryption, Event, Financial, MaliciousBasis, Role, make_facts

HEALTH = (D.NAME, D.HEALTH_CHECKUP_RESULT)
CLINIC = (D.NAME, D.DIAGNOSIS, D.PRESCRIPTION)


@dataclass(frozen=True)
class Case:
    id: str
    source: str
    facts: Facts
    items: tuple[int, ...]
    excluded: str | None = None
    outcome: str | None = (
        None  # assessed event; defaults to the facts' event, or "none" for the GL 3-5-1 exclusions
    )
    expect: dict[str, Any] = field(default_factory=dict)  # assessment JSON fields that must match exactly
    reasons: frozenset[str] = frozenset()  # reason codes that must be present
    warnings: frozenset[str] = frozenset()  # warning codes that must be present


def case(id: str, source: str, items: tuple[int, ...], /, *, excluded: str | None = None, outcome: str | None = None,
         expect: dict[str, Any] | None = None, reasons: tuple[str, ...] = (), warnings: tuple[str, ...] = (),
         **facts: Any) -> Case:  # fmt: skip
    return Case(id, source, make_facts(**facts), items, excluded, outcome, expect or {}, frozenset(reasons),
                frozenset(warnings))  # fmt: skip


CASES = [
    # --- 漏えい (GL 3-5-1-2) and its exclusions ---
    case(
        "missent-letter-name-only",
        "GL 3-5-1-2 例1",
        (),
        reasons=("R7-1-NA", "R7-2-NA", "R7-3-NA", "R7-4-NA", "NOT-REPORTABLE"),
        expect={
            "ppc_report_required": False,
            "report_to": None,
            "individual_notice": "not_required",
            "kakuho": None,
        },
    ),
    case(
        "missent-email-health-check",
        "GL 3-5-3-1(1) 例2",
        (1,),
        data_items=HEALTH,
        expect={
            "report_to": "ppc",
            "individual_notice": "required",
            "clock_start": "2027-07-01",
            "sokuho_window": {"from": "2027-07-03", "to": "2027-07-05"},
            "kakuho": {"days": 30, "nth_day": "2027-07-30", "deadline": "2027-07-30", "moved": False},
        },
        reasons=("EVENT", "R7-1", "REPORTABLE", "CLOCK", "R8-1", "R8-2", "LAW26-2"),
    ),
    case("internet-viewable-config-error-1500", "GL 3-5-3-1(4) 例", (4,), affected_count=1500),
    case(
        "stolen-documents",
        "GL 3-5-3-1(3) 事例3",
        (3,),
        malicious=True,
        malicious_basis=MaliciousBasis.THEFT,
        expect={"kakuho": {"days": 60, "nth_day": "2027-08-29", "deadline": "2027-08-30", "moved": True}},
    ),
    case(
        "unauthorized-access-theft",
        "GL 3-5-3-1(3) 事例1",
        (3,),
        malicious=True,
        malicious_basis=MaliciousBasis.UNAUTHORIZED_ACCESS,
        reasons=("R7-3",),
    ),
    case(
        "web-skimming-data-being-acquired",
        "GL 3-5-1-1, 規則7条3号かっこ書",
        (3,),
        is_personal_data=False,
        data_being_acquired=True,
        malicious=True,
        malicious_basis=MaliciousBasis.WEB_SKIMMING,
        affected_count=5000,
        data_items=(D.NAME, D.CARD_NUMBER_FULL),
        reasons=("ACQ-ONLY", "R7-3", "R7-3-ACQ"),
    ),
    case(
        "web-skimming-before-2024-not-covered",
        "規則7条3号（2024年改正前）",
        (),
        is_personal_data=False,
        data_being_acquired=True,
        malicious=True,
        malicious_basis=MaliciousBasis.WEB_SKIMMING,
        learned_date=dt.date(2023, 6, 1),
        excluded="not_personal_data",
        expect={"rules_version": "APPI-R7-2022-04/GL-before-2024-04"},
    ),
    case(
        "acquiring-without-wrongful-act",
        "GL 3-5-1-1",
        (),
        is_personal_data=False,
        data_being_acquired=True,
        excluded="not_personal_data",
    ),
    case(
        "recovered-before-viewed",
        "GL 3-5-1-2; Q&A 6-1 例1",
        (),
        data_items=HEALTH,
        recovered_before_viewed=True,
        excluded="recovered_before_viewed",
        outcome="none",
        reasons=("EXCL-RECOVERED",),
    ),
    case(
        "own-decision-provision",
        "GL 3-5-1-2",
        (),
        data_items=HEALTH,
        intentional_provision=True,
        excluded="intentional_provision",
        outcome="none",
        warnings=("W-INTENTIONAL-PROVISION",),
    ),
    case(
        "not-personal-data",
        "GL 3-5-1-1",
        (),
        is_personal_data=False,
        data_items=HEALTH,
        excluded="not_personal_data",
    ),
    case(
        "pseudonymized",
        "法41条9項",
        (),
        pseudonymized=True,
        data_items=(D.PSEUDONYMIZED_RECORDS,),
        affected_count=50_000,
        excluded="pseudonymized",
        outcome="leak",
    ),
    # --- 滅失 (GL 3-5-1-3) ---
    case("printouts-discarded-sensitive", "GL 3-5-1-3 例1", (1,), event=Event.LOSS, data_items=CLINIC),
    case(
        "lost-inside-office-with-copy",
        "GL 3-5-1-3 ※",
        (),
        event=Event.LOSS,
        data_items=CLINIC,
        identical_copy_exists=True,
        excluded="identical_copy_exists",
        warnings=("W-LOSS-MAY-BE-LEAK",),
    ),
    case(
        "hospital-usb-lost",
        "GL 3-5-3-1(1) 例1",
        (1,),
        event=Event.LEAK,
        possibility_only=True,
        data_items=CLINIC,
        affected_count=300,
        reasons=("EVENT", "R7-1"),
        expect={"possibility_only": True},
    ),
    # --- 毀損 (GL 3-5-1-4) ---
    case("tampered-records-1001", "GL 3-5-1-4 例1", (4,), event=Event.DAMAGE, affected_count=1001),
    case(
        "key-lost-with-backup",
        "GL 3-5-1-4 例2 ※",
        (),
        event=Event.DAMAGE,
        identical_copy_exists=True,
        encryption=Encryption(encrypted=True),
        excluded="identical_copy_exists",
    ),
    case("health-files-deleted-irrecoverably", "GL 3-5-3-1(1)", (1,), event=Event.DAMAGE, data_items=HEALTH),
    case(
        "ransomware-no-backup",
        "GL 3-5-3-1(3) 事例2",
        (3,),
        event=Event.DAMAGE,
        malicious=True,
        malicious_basis=MaliciousBasis.RANSOMWARE,
    ),
    case(
        "ransomware-with-backup",
        "GL 3-5-1-4 ※",
        (),
        event=Event.DAMAGE,
        malicious=True,
        malicious_basis=MaliciousBasis.RANSOMWARE,
        identical_copy_exists=True,
        excluded="identical_copy_exists",
        warnings=("W-RANSOMWARE-BACKUP",),
    ),
    case(
        "ransomware-backup-but-exfiltration-suspected",
        "GL 3-5-1-4 ※",
        (3, 4),
        event=Event.LEAK,
        possibility_only=True,
        malicious=True,
        malicious_basis=MaliciousBasis.RANSOMWARE,
        identical_copy_exists=True,
        affected_count=None,
        affected_count_max=2400,
    ),
    case(
        "malware-with-backup-not-ransomware",
        "GL 3-5-1-4 ※",
        (),
        event=Event.DAMAGE,
        malicious=True,
        malicious_basis=MaliciousBasis.INFO_STEALING_MALWARE,
        identical_copy_exists=True,
        excluded="identical_copy_exists",
        warnings=("W-COPY-MALICIOUS",),
    ),
    case(
        "recovered-flag-ignored-for-damage",
        "GL 3-5-1-4",
        (1,),
        event=Event.DAMAGE,
        data_items=HEALTH,
        recovered_before_viewed=True,
        warnings=("W-DAMAGE-RECOVERED",),
    ),
    # --- 高度な暗号化 (GL 3-5-3-1; 番号法Q&A 17-14) ---
    case(
        "high-grade-encryption",
        "GL 3-5-3-1",
        (),
        data_items=CLINIC,
        affected_count=5000,
        encryption=Encryption(encrypted=True, high_grade=True),
        excluded="high_grade_encryption",
        outcome="leak",
        reasons=("EXCL-ENCRYPTION",),
    ),
    case(
        "encrypted-but-weak",
        "番号法Q&A 17-14",
        (1,),
        data_items=CLINIC,
        encryption=Encryption(encrypted=True),
        reasons=("ENC-NOT-HIGH-GRADE",),
    ),
    case(
        "high-grade-but-key-leaked",
        "番号法Q&A 17-14",
        (1,),
        data_items=CLINIC,
        encryption=Encryption(encrypted=True, high_grade=True, key_compromised=True),
        reasons=("ENC-NOT-HIGH-GRADE",),
    ),
    # --- 1号 ---
    case("sensitive-flag-only", "GL 2-3", (1,), sensitive=True, data_items=()),
    case("creed-race-criminal", "GL 2-3", (1,), data_items=(D.CREED, D.RACE, D.CRIMINAL_RECORD)),
    # --- 2号 (GL 3-5-3-1(2); Q&A 6-11, 6-12, 6-15) ---
    case("ec-site-card-numbers", "GL 3-5-3-1(2) 例1", (2,), financial=Financial(card_number_full=True)),
    case("card-number-from-data-items", "Q&A 6-12", (2,), data_items=(D.NAME, D.CARD_NUMBER_FULL)),
    case(
        "card-last4-and-expiry",
        "Q&A 6-12",
        (),
        financial=Financial(card_last4_expiry_only=True),
        data_items=(D.NAME, D.CARD_LAST4, D.CARD_EXPIRY),
    ),
    case(
        "bank-account-only",
        "SEED004; Q&A 14-8",
        (),
        financial=Financial(bank_account_only=True),
        data_items=(D.NAME, D.BANK_ACCOUNT),
    ),
    case(
        "payment-login-reset-afterwards",
        "GL 3-5-3-1(2) 例2; Q&A 6-15",
        (2,),
        financial=Financial(payment_login_credentials=True),
        data_items=(D.LOGIN_ID, D.PASSWORD),
    ),
    case(
        "login-without-payment-function",
        "Q&A 6-15",
        (),
        data_items=(D.LOGIN_ID, D.PASSWORD),
        warnings=("W-LOGIN-PAYMENT",),
    ),
    case(
        "contact-data-alone",
        "Q&A 6-11",
        (),
        data_items=(D.NAME, D.ADDRESS, D.PHONE, D.EMAIL),
        affected_count=800,
    ),
    # --- 3号 (GL 3-5-3-1(3) ※4, ※5) ---
    case(
        "insider-exfiltration",
        "GL 3-5-3-1(3) 事例4, ※5",
        (3,),
        malicious=True,
        malicious_basis=MaliciousBasis.INSIDER_EXFILTRATION,
        affected_count=20,
    ),
    case(
        "info-stealing-malware",
        "GL 3-5-3-1(3) ※4(イ)",
        (3,),
        possibility_only=True,
        malicious=True,
        malicious_basis=MaliciousBasis.INFO_STEALING_MALWARE,
    ),
    case(
        "c2-traffic",
        "GL 3-5-3-1(3) ※4(ウ)",
        (3,),
        possibility_only=True,
        malicious=True,
        malicious_basis=MaliciousBasis.C2_TRAFFIC,
    ),
    case(
        "third-party-notice",
        "GL 3-5-3-1(3) ※4(オ)",
        (3,),
        possibility_only=True,
        malicious=True,
        malicious_basis=MaliciousBasis.THIRD_PARTY_NOTICE_WITH_EVIDENCE,
    ),
    case(
        "malicious-without-basis",
        "GL 3-5-3-1(3)",
        (3,),
        malicious=True,
        warnings=("W-MALICIOUS-BASIS-MISSING",),
    ),
    case(
        "sensitive-and-malicious-60-days",
        "GL 3-5-3-4",
        (1, 3),
        data_items=CLINIC,
        malicious=True,
        malicious_basis=MaliciousBasis.THEFT,
        expect={"kakuho": {"days": 60, "nth_day": "2027-08-29", "deadline": "2027-08-30", "moved": True}},
    ),
    case(
        "all-four-items",
        "GL 3-5-3-4",
        (1, 2, 3, 4),
        data_items=(*CLINIC, D.CARD_NUMBER_FULL),
        malicious=True,
        malicious_basis=MaliciousBasis.UNAUTHORIZED_ACCESS,
        affected_count=12_000,
    ),
    # --- 4号 (GL 3-5-3-1(4)) ---
    case("exactly-1000", "GL 3-5-3-1(4)", (), affected_count=1000),
    case("1001-people", "GL 3-5-3-1(4)", (4,), affected_count=1001),
    case(
        "count-unknown-max-5000",
        "GL 3-5-3-1(4)",
        (4,),
        affected_count=None,
        affected_count_max=5000,
        reasons=("R7-4",),
    ),
    case("count-unknown-entirely", "GL 3-5-3-1(4)", (), affected_count=None, warnings=("W-COUNT-UNKNOWN",)),
    case(
        "crossing-1000-later",
        "GL 3-5-3-1(4)",
        (4,),
        affected_count=1200,
        count_exceeded_1000_learned_date=dt.date(2027, 7, 10),
        expect={"clock_start": "2027-07-10", "sokuho_window": {"from": "2027-07-12", "to": "2027-07-14"}},
    ),
    case(
        "crossing-later-but-1-applies-earlier",
        "GL 3-5-3-1(4)",
        (1, 4),
        data_items=HEALTH,
        affected_count=1200,
        count_exceeded_1000_learned_date=dt.date(2027, 7, 10),
        expect={"clock_start": "2027-07-01"},
        warnings=("W-4-CROSSING",),
    ),
    # --- who reports (GL 3-5-3-2, 3-5-3-5, 3-5-4-1, 3-5-4-5; 権限の委任) ---
    case(
        "processor-health-data",
        "法26条1項ただし書; 規則9条",
        (1,),
        role=Role.PROCESSOR,
        data_items=HEALTH,
        expect={
            "ppc_report_required": False,
            "report_to": "entrustor",
            "individual_notice": "exempt_entrustor_notified",
            "entrustor_notice_window": {"from": "2027-07-03", "to": "2027-07-05"},
            "sokuho_window": None,
            "kakuho": None,
            "clock_start": "2027-07-01",
        },
        reasons=("LAW26-1-PROVISO", "R9"),
    ),
    case(
        "processor-not-reportable",
        "GL 3-5-3-5",
        (),
        role=Role.PROCESSOR,
        warnings=("W-PROCESSOR-CONTRACT",),
        expect={"report_to": None, "entrustor_notice_window": None},
    ),
    case(
        "controller-told-by-processor",
        "GL 3-5-3-5",
        (1,),
        data_items=HEALTH,
        learned_date=dt.date(2027, 7, 6),
        expect={"clock_start": "2027-07-06", "report_to": "ppc"},
        reasons=("CLOCK",),
    ),
    case(
        "delegated-sector",
        "権限の委任",
        (2,),
        delegated_sector=True,
        financial=Financial(card_number_full=True),
        expect={"report_to": "delegated_ministry", "ppc_report_required": True},
    ),
    case(
        "notification-difficult",
        "法26条2項ただし書; GL 3-5-4-5",
        (4,),
        affected_count=3000,
        notification_difficult=True,
        expect={"individual_notice": "required_substitute_allowed"},
        reasons=("LAW26-2-PROVISO",),
    ),
    # --- other tracks (§8 P-mark, §10 GDPR, 番号法) ---
    case(
        "pmark-reportable",
        "PMK500",
        (1,),
        data_items=HEALTH,
        pmark_holder=True,
        expect={"pmark": {"report_required": True, "sokuho_required": True, "kakuho_days": 30}},
        warnings=("W-PMARK-CONVENTION",),
    ),
    case(
        "pmark-encrypted-laptop-stolen",
        "JISA",
        (),
        malicious=True,
        malicious_basis=MaliciousBasis.THEFT,
        encryption=Encryption(encrypted=True, high_grade=True),
        pmark_holder=True,
        excluded="high_grade_encryption",
        outcome="leak",
        expect={"pmark": {"report_required": True, "sokuho_required": True, "kakuho_days": 60}},
        reasons=("PMARK",),
    ),
    case(
        "pmark-one-name-missent",
        "PMK500",
        (),
        pmark_holder=True,
        expect={"pmark": {"report_required": True, "sokuho_required": False, "kakuho_days": 30}},
    ),
    case(
        "pmark-own-provision",
        "PMK500",
        (),
        intentional_provision=True,
        pmark_holder=True,
        excluded="intentional_provision",
        outcome="none",
        expect={"pmark": {"report_required": False, "sokuho_required": False, "kakuho_days": 30}},
    ),
    case(
        "gdpr-72-hours",
        "GDPR Art. 33",
        (1,),
        data_items=HEALTH,
        gdpr_applies=True,
        learned_at=dt.datetime(2027, 7, 1, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=9))),
        expect={
            "gdpr": {"awareness": "2027-07-01T10:30:00+09:00", "art33_deadline": "2027-07-04T10:30:00+09:00"}
        },
        reasons=("GDPR33",),
    ),
    case(
        "my-number",
        "番号法; LEAK-PAGE 問1",
        (),
        data_items=(D.NAME, D.MY_NUMBER),
        pmark_holder=True,
        warnings=("W-PMARK-MY-NUMBER",),
    ),
    case(
        "officer-learned-later",
        "GL 3-5-3-3",
        (1,),
        data_items=HEALTH,
        officer_learned_date=dt.date(2027, 7, 4),
        expect={"clock_start": "2027-07-01"},
        warnings=("W-OFFICER-LATER",),
    ),
    case(
        "deadline-in-forecast-year",
        "§5.7",
        (1,),
        data_items=HEALTH,
        learned_date=dt.date(2028, 2, 1),
        warnings=("W-HOLIDAY-FORECAST",),
    ),
]


def test_the_table_covers_at_least_forty_guideline_examples() -> None:
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_guideline_example(c: Case) -> None:
    result = encode(assess(c.facts))
    assert result["applicable_items"] == list(c.items), c.source
    assert result["excluded_by"] == c.excluded
    expected_event = c.outcome or ("none" if c.excluded in _VOIDING else c.facts.event.value)
    assert result["event"] == expected_event
    for key, value in c.expect.items():
        assert result[key] == value, key
    assert c.reasons <= {r["code"] for r in result["reasons"]}
    assert c.warnings <= {w["code"] for w in result["warnings"]}
    assert result["ppc_report_required"] == (bool(c.items) and c.facts.role is Role.CONTROLLER)
    if not c.items:
        assert result["clock_start"] is None and result["kakuho"] is None and result["sokuho_window"] is None
    for reason in result["reasons"] + result["warnings"]:
        assert reason["ja"] and reason["en"] and reason["refs"], reason["code"]


_VOIDING = {"recovered_before_viewed", "intentional_provision", "identical_copy_exists"}


def test_gdpr_without_an_awareness_timestamp_is_refused_by_the_engine_too() -> None:
    from app.errors import InputError

    with pytest.raises(InputError) as caught:
        assess(make_facts(gdpr_applies=True))
    assert caught.value.field == "learned_at"
    assert "gdpr_applies が true の場合は、項目 learned_at" in caught.value.message


def test_reason_texts_may_not_use_format_specs() -> None:
    from app.rules.texts import Text
    from app.rules.wording import say

    with pytest.raises(ValueError, match="format specs"):
        say({"X": Text("{n:>5}", "{n}")}, "X", n=3)


def test_json_field_names_are_exactly_those_of_domain_11() -> None:
    result = encode(assess(make_facts(pmark_holder=True)))
    assert list(result) == [
        "rules_version", "event", "possibility_only", "excluded_by", "applicable_items", "ppc_report_required",
        "report_to", "individual_notice", "clock_start", "sokuho_window", "kakuho", "entrustor_notice_window",
        "pmark", "gdpr", "reasons", "warnings", "bango",
    ]  # fmt: skip
    assert list(result["reasons"][0]) == ["code", "ja", "en", "refs"]
    facts = encode(make_facts())
    assert list(facts) == [
        "role", "event", "possibility_only", "is_personal_data", "data_items", "sensitive", "financial", "malicious",
        "malicious_basis", "affected_count", "affected_count_max", "encryption", "pseudonymized",
        "recovered_before_viewed", "intentional_provision", "identical_copy_exists", "occurred_date", "learned_date",
        "learned_at", "learned_by", "officer_learned_date", "count_exceeded_1000_learned_date", "delegated_sector",
        "notification_difficult", "pmark_holder", "gdpr_applies", "data_being_acquired", "caused_by", "bango",
    ]  # fmt: skip
    assert list(facts["financial"]) == [
        "card_number_full", "card_last4_expiry_only", "bank_account_only", "payment_login_credentials",
    ]  # fmt: skip
    assert list(facts["encryption"]) == ["encrypted", "high_grade", "key_compromised"]
