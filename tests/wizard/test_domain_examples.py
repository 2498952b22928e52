"""Every worked example of docs/domain.md, answered in the wizard and written by hand for `main.py assess`: same verdict.

Each case walks the wizard's Qt-free flow page by page (only the pages it asks, each answered from the script),
maps the answers to facts and assesses them, then assesses the hand-written §11.1 facts of the same example.
The two verdicts must agree, and both must say what docs/domain.md says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest

from app.domain.assessment import Assessment
from app.domain.dates import JST
from app.domain.office import OfficeProfile
from app.rules import assess
from app.rules.facts_json import parse_facts
from app.wizard.flow import applicable_questions, prune
from app.wizard.mapping import answers_to_facts
from app.wizard.progress import next_question
from app.wizard.validation import problems
from tests.wizard.conftest import NO_SIGNS

OFFICE = OfficeProfile(name="さくら会計事務所")
NOT_ENCRYPTED = {"encrypted": "no"}
NO_BANGO_ISSUES = {"viewable": "no", "use": "no", "violation": "no", "gov_system": False}


@dataclass
class Example:
    """One docs/domain.md example: the officer's answers (beyond the ordinary defaults) and the §11.1 facts."""

    name: str
    kind: str
    data: list[str]
    answers: dict[str, Any]
    facts: dict[str, Any]
    expect: dict[str, Any] = field(default_factory=dict)
    learned: str = "2027-06-01"
    count: int = 1


def script(example: Example) -> dict[str, Any]:
    """The ordinary answers (a staff member's mistake, no My Number, no signs), then the example's own."""
    return {
        "kind": example.kind,
        "data": example.data,
        "my_number": "no",
        "scope": "personal_data",
        "count": {"mode": "exact", "value": example.count, "contact_all": "yes"},
        "learned": {"learned_at": f"{example.learned}T10:00:00+09:00", "learned_by": ""},
        "cause": "employee_mistake",
        "indicators": NO_SIGNS,
        "role": "own",
        "office": {"gdpr": False},
        "title": example.name,
        **example.answers,
    }


def walk(example: Example) -> dict[str, Any]:
    """Drive the flow as the pages do; every page it asks must be answerable from the script, and every answer the
    example gives on purpose must have been asked."""
    given = script(example)
    current: dict[str, Any] = {"mode": "new"}
    asked: list[str] = []
    page = next_question(current)
    while page is not None:
        assert page.value in given, f"{example.name}: the wizard asks {page.value}, the example does not say"
        current = prune({**current, page.value: given[page.value]})
        asked.append(page.value)
        page = next_question(current, after=page)
    unasked = set(example.answers) - set(asked)
    assert not unasked, f"{example.name}: never asked {sorted(unasked)}"
    now = dt.datetime.combine(dt.date(2028, 6, 1), dt.time(10, 0), JST)
    for question in applicable_questions(current):
        assert problems(question, current, now) == {}, (example.name, question)
    return current


def facts(learned: str, data: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "role": "controller",
        "event": "leak",
        "learned_date": learned,
        "data_items": data,
        "affected_count": 1,
        **extra,
    }


def verdict(result: Assessment) -> dict[str, Any]:
    """What the officer acts on: the items, where to report, the clocks, and the 番号法 verdict."""
    bango = result.bango
    return {
        "event": result.event.value,
        "excluded_by": result.excluded_by.value if result.excluded_by else None,
        "items": list(result.applicable_items),
        "report_to": result.report_to.value if result.report_to else None,
        "clock_start": result.clock_start,
        "kakuho": result.kakuho.deadline.isoformat() if result.kakuho else None,
        "kakuho_days": result.kakuho.days if result.kakuho else None,
        "notice": result.individual_notice.value,
        "bango_applies": bango.applies,
        "bango": list(bango.categories),
        "bango_excluded_by": bango.excluded_by.value if bango.excluded_by else None,
        "bango_report": bango.report_required,
        "bango_effort": bango.effort_report,
        "bango_kakuho": bango.kakuho.deadline.isoformat() if bango.kakuho else None,
        "bango_clock_start": bango.clock_start,
        "filing": bango.filing.value if bango.filing else None,
    }


def mis_sent_health(learned: str) -> Example:
    return Example(
        f"§5.6 {learned}: health data mis-sent (30 days)",
        "misdelivery",
        ["name", "health_checkup_result"],
        {"recovered": "no", "encryption": NOT_ENCRYPTED},
        facts(learned, ["name", "health_checkup_result"]),
        learned=learned,
    )


def stolen_papers(learned: str) -> Example:
    return Example(
        f"§5.6 {learned}: papers stolen (60 days)",
        "theft",
        ["name"],
        {"recovered": "no", "encryption": NOT_ENCRYPTED},
        facts(learned, ["name"], malicious=True, malicious_basis="theft"),
        learned=learned,
    )


DEADLINE_TABLE = [  # docs/domain.md §5.6
    (mis_sent_health("2027-07-01"), "2027-07-30"),
    (mis_sent_health("2027-04-03"), "2027-05-06"),
    (mis_sent_health("2027-08-22"), "2027-09-21"),
    (mis_sent_health("2027-11-30"), "2028-01-04"),
    (mis_sent_health("2027-12-05"), "2028-01-04"),
    (stolen_papers("2027-03-06"), "2027-05-06"),
    (stolen_papers("2027-10-30"), "2027-12-28"),
]
for _example, _deadline in DEADLINE_TABLE:
    _example.expect = {"kakuho": _deadline, "kakuho_days": 60 if _example.kind == "theft" else 30}

L = "2027-06-01"
LEAK_FOLLOW_UPS = {"recovered": "no", "encryption": NOT_ENCRYPTED}
SUSPECTED = {"possibility_only": True}

GUIDELINE = [
    # §1.2 漏えい / 滅失 / 毀損
    Example(
        "§1.2 documents sent to the wrong person",
        "misdelivery",
        ["name", "address"],
        LEAK_FOLLOW_UPS,
        facts(L, ["name", "address"]),
        {"items": [], "event": "leak"},
    ),
    Example(
        "§1.2 a mis-sent e-mail with a diagnosis",
        "email_missend",
        ["name", "diagnosis"],
        LEAK_FOLLOW_UPS,
        facts(L, ["name", "diagnosis"]),
        {"items": [1]},
    ),
    Example(
        "§1.2/§2.4 a setting error shows 1,200 people's data online",
        "system_fault",
        ["name", "email"],
        {
            "event": {"event": "leak", "suspected": False},
            "count_crossing": {"when": "from_start"},
            **LEAK_FOLLOW_UPS,
        },
        facts(L, ["name", "email"], affected_count=1200),
        {"items": [4]},
        count=1200,
    ),
    Example(
        "§1.2 unauthorised access, theft not yet confirmed",
        "unauthorized_access",
        ["name", "email"],
        {"indicators": NO_SIGNS},
        facts(L, ["name", "email"], malicious=True, malicious_basis="unauthorized_access", **SUSPECTED),
        {"items": [3], "kakuho_days": 60},
    ),
    Example(
        "§1.2/§2.3 web skimming of entries not yet in the database",
        "unauthorized_access",
        ["name", "card_number_full"],
        {
            "scope": "not_database",
            "indicators": {"signs": ["web_skimming"], "acquiring": True, "confirmed": True},
        },
        facts(
            L,
            ["name", "card_number_full"],
            is_personal_data=False,
            data_being_acquired=True,
            malicious=True,
            malicious_basis="web_skimming",
            financial={"card_number_full": True},
        ),
        {"items": [3]},
    ),
    Example(
        "§1.2 the wrong recipient deleted the e-mail unread",
        "email_missend",
        ["name", "diagnosis"],
        {"recovered": "yes"},
        facts(L, ["name", "diagnosis"], recovered_before_viewed=True),
        {"excluded_by": "recovered_before_viewed", "items": []},
    ),
    Example(
        "§1.2 data handed to a partner on purpose",
        "misdelivery",
        ["name"],
        {"scope": "intentional"},
        facts(L, ["name"], intentional_provision=True),
        {"excluded_by": "intentional_provision"},
    ),
    Example(
        "§1.2/§2.1 health-check printouts shredded by mistake, no copy",
        "erroneous_disposal",
        ["name", "health_checkup_result"],
        {"disposal": "destroyed", "backup": "no"},
        facts(L, ["name", "health_checkup_result"], event="loss"),
        {"items": [1], "event": "loss"},
    ),
    Example(
        "§1.2 files lost inside the office, a copy kept",
        "loss",
        ["name"],
        {"loss_place": "inside", "recovered": "no", "backup": "yes"},
        facts(L, ["name"], event="loss", identical_copy_exists=True),
        {"excluded_by": "identical_copy_exists"},
    ),
    Example(
        "§1.2 papers put out with the rubbish, not destroyed",
        "erroneous_disposal",
        ["name", "diagnosis"],
        {"disposal": "not_destroyed", "recovered": "no"},
        facts(L, ["name", "diagnosis"], **SUSPECTED),
        {"items": [1], "event": "leak"},
    ),
    Example(
        "§1.2/§2.1 a USB stick with patients' clinical data lost on a train",
        "loss",
        ["name", "diagnosis", "prescription"],
        {"loss_place": "outside", **LEAK_FOLLOW_UPS},
        facts(L, ["name", "diagnosis", "prescription"], **SUSPECTED),
        {"items": [1]},
    ),
    Example(
        "§1.2/§2.3 ransomware, no backup",
        "ransomware",
        ["name"],
        {"backup": "no", "indicators": NO_SIGNS},
        facts(L, ["name"], event="damage", malicious=True, malicious_basis="ransomware"),
        {"items": [3], "event": "damage"},
    ),
    Example(
        "§1.2 ransomware, restored from a backup, no sign of theft",
        "ransomware",
        ["name"],
        {"backup": "yes", "indicators": NO_SIGNS},
        facts(
            L,
            ["name"],
            event="damage",
            malicious=True,
            malicious_basis="ransomware",
            identical_copy_exists=True,
        ),
        {"excluded_by": "identical_copy_exists"},
    ),
    Example(
        "§1.2 ransomware with traffic to a C&C server, backup or not",
        "ransomware",
        ["name"],
        {"backup": "yes", "indicators": {"signs": ["c2_traffic"], "confirmed": False}},
        facts(
            L,
            ["name"],
            malicious=True,
            malicious_basis="c2_traffic",
            identical_copy_exists=True,
            **SUSPECTED,
        ),
        {"items": [3], "event": "leak"},
    ),
    Example(
        "§1.2 the decryption key was lost, no copy",
        "system_fault",
        ["name"],
        {"event": {"event": "damage", "suspected": False}, "backup": "no"},
        facts(L, ["name"], event="damage"),
        {"items": [], "event": "damage"},
    ),
    # §2.2 2号
    Example(
        "§2.2 card numbers stolen from an online shop",
        "unauthorized_access",
        ["name", "card_number_full", "card_expiry"],
        {"indicators": {"signs": ["traces_outside"], "confirmed": True}},
        facts(
            L,
            ["name", "card_number_full", "card_expiry"],
            malicious=True,
            malicious_basis="unauthorized_access",
            financial={"card_number_full": True},
        ),
        {"items": [2, 3]},
    ),
    Example(
        "§2.2 the login of a service with payment functions",
        "email_missend",
        ["email", "login_id", "password"],
        {"payment_login": "yes", **LEAK_FOLLOW_UPS},
        facts(L, ["email", "login_id", "password"], financial={"payment_login_credentials": True}),
        {"items": [2]},
    ),
    Example(
        "§2.2 a full card number alone",
        "misdelivery",
        ["card_number_full"],
        LEAK_FOLLOW_UPS,
        facts(L, ["card_number_full"], financial={"card_number_full": True}),
        {"items": [2]},
    ),
    Example(
        "§2.2 last four digits and expiry only",
        "misdelivery",
        ["name", "card_last4", "card_expiry"],
        LEAK_FOLLOW_UPS,
        facts(L, ["name", "card_last4", "card_expiry"], financial={"card_last4_expiry_only": True}),
        {"items": []},
    ),
    Example(
        "§2.2 bank-account data only",
        "misdelivery",
        ["name", "bank_account"],
        LEAK_FOLLOW_UPS,
        facts(L, ["name", "bank_account"], financial={"bank_account_only": True}),
        {"items": []},
    ),
    Example(
        "§2.2 address, phone and e-mail only",
        "email_missend",
        ["address", "phone", "email"],
        LEAK_FOLLOW_UPS,
        facts(L, ["address", "phone", "email"]),
        {"items": []},
    ),
    # §2.3 3号, insiders included
    Example(
        "§2.3 an employee gave the customer list to a competitor",
        "other",
        ["name", "phone", "transaction_history"],
        {"event": {"event": "leak", "suspected": False}, "cause": "employee_on_purpose", **LEAK_FOLLOW_UPS},
        facts(
            L,
            ["name", "phone", "transaction_history"],
            malicious=True,
            malicious_basis="insider_exfiltration",
        ),
        {"items": [3], "kakuho_days": 60},
    ),
    Example(
        "§2.3 an employee posted a customer's data on social media",
        "other",
        ["name", "address"],
        {"event": {"event": "leak", "suspected": False}, "cause": "employee_on_purpose", **LEAK_FOLLOW_UPS},
        facts(L, ["name", "address"], malicious=True, malicious_basis="insider_exfiltration"),
        {"items": [3]},
    ),
    Example(
        "§2.3 an employee sold the list (sent it by e-mail on purpose)",
        "email_missend",
        ["name", "phone"],
        {"cause": "employee_on_purpose", **LEAK_FOLLOW_UPS},
        facts(L, ["name", "phone"], malicious=True, malicious_basis="insider_exfiltration"),
        {"items": [3]},
    ),
    Example(
        "§2.3 a contractor's employee sold our customer data",
        "processor_report",
        ["name"],
        {"event": {"event": "leak", "suspected": False}, "cause": "contractor_on_purpose", **LEAK_FOLLOW_UPS},
        facts(L, ["name"], malicious=True, malicious_basis="insider_exfiltration"),
        {"items": [3]},
    ),
    Example(
        "§2.3 malware reached the server through an employee's infected PC",
        "ransomware",
        ["name"],
        {"backup": "yes", "indicators": {"signs": ["info_stealing_malware"], "confirmed": False}},
        facts(
            L,
            ["name"],
            malicious=True,
            malicious_basis="info_stealing_malware",
            identical_copy_exists=True,
            **SUSPECTED,
        ),
        {"items": [3]},
    ),
    Example(
        "§2.3 a tampered return envelope",
        "other",
        ["name", "address"],
        {"event": {"event": "leak", "suspected": True}, "cause": "outsider", **LEAK_FOLLOW_UPS},
        facts(L, ["name", "address"], malicious=True, malicious_basis="other", **SUSPECTED),
        {"items": [3]},
    ),
    Example(
        "§2.3 cause unknown, access logs show unusual copying",
        "misdelivery",
        ["name"],
        {"cause": "unknown", "indicators": {"signs": ["insider"]}, **LEAK_FOLLOW_UPS},
        facts(L, ["name"], malicious=True, malicious_basis="insider_exfiltration"),
        {"items": [3]},
    ),
    Example(
        "§15.7/QA17-9 a file taken home against the rules to finish work, then lost",
        "loss",
        ["name", "address"],
        {"loss_place": "outside", "cause": "employee_mistake", **LEAK_FOLLOW_UPS},
        facts(L, ["name", "address"], **SUSPECTED),
        {"items": []},
    ),
    # §2.4 4号
    Example(
        "§2.4 1,001 people",
        "misdelivery",
        ["name"],
        {"count_crossing": {"when": "from_start"}, **LEAK_FOLLOW_UPS},
        facts(L, ["name"], affected_count=1001),
        {"items": [4]},
        count=1001,
    ),
    Example(
        "§2.4 exactly 1,000 people",
        "misdelivery",
        ["name"],
        LEAK_FOLLOW_UPS,
        facts(L, ["name"], affected_count=1000),
        {"items": []},
        count=1000,
    ),
    Example(
        "§2.4 not known yet, at most 3,000 people",
        "email_missend",
        ["name", "email"],
        {
            "count": {"mode": "at_most", "value": 3000, "contact_all": "yes"},
            "count_crossing": {"when": "from_start"},
            **LEAK_FOLLOW_UPS,
        },
        facts(L, ["name", "email"], affected_count=None, affected_count_max=3000),
        {"items": [4]},
    ),
    Example(
        "§2.4 first 300, found to exceed 1,000 on the 20th",
        "loss",
        ["name"],
        {
            "loss_place": "outside",
            "count_crossing": {"when": "later", "date": "2027-06-20"},
            **LEAK_FOLLOW_UPS,
        },
        facts(L, ["name"], affected_count=1200, count_exceeded_1000_learned_date="2027-06-20", **SUSPECTED),
        {"items": [4], "clock_start": dt.date(2027, 6, 20)},
        count=1200,
    ),
]


def numbers(bango_answers: dict[str, Any], **answers: Any) -> dict[str, Any]:
    """The My Number answers of §15.5's examples: a yes, the persons with their own numbers, the checks page."""
    return {"my_number": "yes", "bango": {**NO_BANGO_ISSUES, **bango_answers}, **answers}


BANGO_TABLE = [  # docs/domain.md §15.5, and rule 6 (a misuse without a leak)
    Example(
        "§15.5-1 a dependants' declaration posted to a wrong outside address",
        "misdelivery",
        ["name", "address"],
        numbers(
            {"recipient": "mistaken"},
            bango_count={"mode": "exact", "value": 3},
            **LEAK_FOLLOW_UPS,
        ),
        facts(L, ["name", "address", "my_number"], affected_count=3, bango={"affected_count": 3}),
        {"items": [], "bango": [], "bango_effort": True, "bango_report": False, "filing": None},
        count=3,
    ),
    Example(
        "§15.5-2 ransomware on the payroll PC, traces of exfiltration",
        "ransomware",
        ["name", "address"],
        numbers(
            {},
            bango_count={"mode": "exact", "value": 40},
            backup="no",
            indicators={"signs": ["traces_outside"], "confirmed": True},
        ),
        facts(
            "2026-09-24",
            ["name", "address", "my_number"],
            affected_count=40,
            malicious=True,
            malicious_basis="unauthorized_access",
            bango={"affected_count": 40},
        ),
        {
            "items": [3],
            "bango": [2],
            "kakuho": "2026-11-24",
            "bango_kakuho": "2026-11-24",
            "filing": "joint",
        },
        learned="2026-09-24",
        count=40,
    ),
    Example(
        "§15.5-3 150 employees' My Numbers e-mailed to a wrong outside address",
        "email_missend",
        ["name", "address"],
        numbers(
            {"recipient": "mistaken"},
            bango_count={"mode": "exact", "value": 150},
            bango_crossing={"when": "from_start"},
            **LEAK_FOLLOW_UPS,
        ),
        facts(
            "2026-10-05", ["name", "address", "my_number"], affected_count=150, bango={"affected_count": 150}
        ),
        {"items": [], "bango": [4], "bango_kakuho": "2026-11-04", "filing": "bango_only"},
        learned="2026-10-05",
        count=150,
    ),
    Example(
        "§15.5-4 a cloud folder shared with anyone who has the link",
        "system_fault",
        ["name", "address"],
        numbers(
            {"viewable": "yes"},
            bango_count={"mode": "exact", "value": 20},
            event={"event": "leak", "suspected": False},
            **LEAK_FOLLOW_UPS,
        ),
        facts(
            "2026-03-02",
            ["name", "address", "my_number"],
            affected_count=20,
            bango={"affected_count": 20, "publicly_viewable": True},
        ),
        {"items": [], "bango": [3], "bango_kakuho": "2026-03-31", "filing": "bango_only"},
        learned="2026-03-02",
        count=20,
    ),
    Example(
        "§15.5-5 a laptop with strong disk encryption stolen, key safe",
        "theft",
        ["name", "address"],
        numbers(
            {},
            bango_count={"mode": "exact", "value": 30},
            recovered="no",
            encryption={"encrypted": "yes", "strong": True, "separate": True, "key": "safe"},
        ),
        facts(
            L,
            ["name", "address", "my_number"],
            affected_count=30,
            malicious=True,
            malicious_basis="theft",
            encryption={"encrypted": True, "high_grade": True, "key_compromised": False},
            bango={"affected_count": 30},
        ),
        {
            "excluded_by": "high_grade_encryption",
            "bango_excluded_by": "high_grade_encryption",
            "bango": [],
            "bango_effort": False,
        },
        count=30,
    ),
    Example(
        "§15.5-6 lost envelope of tax-office copies: 80 people, found to be 130 later",
        "loss",
        ["name", "address"],
        numbers(
            {},
            bango_count={"mode": "exact", "value": 130},
            bango_crossing={"when": "later", "date": "2026-02-20"},
            loss_place="outside",
            **LEAK_FOLLOW_UPS,
        ),
        facts(
            "2026-02-09",
            ["name", "address", "my_number"],
            affected_count=130,
            bango={"affected_count": 130, "count_exceeded_100_learned_date": "2026-02-20"},
            **SUSPECTED,
        ),
        {
            "items": [],
            "bango": [4],
            "bango_clock_start": dt.date(2026, 2, 20),
            "bango_kakuho": "2026-03-23",
        },
        learned="2026-02-09",
        count=130,
    ),
    Example(
        "§15.3 rule 6: an employee looked up an address by My Number for private ends",
        "other",
        ["name", "address"],
        numbers(
            {"use": "private"},
            bango_count={"mode": "exact", "value": 1},
            event={"event": "none", "suspected": False},
            cause="employee_on_purpose",
        ),
        facts(
            L,
            ["name", "address", "my_number"],
            event="none",
            malicious=True,
            malicious_basis="insider_exfiltration",
            bango={"affected_count": 1, "misuse": "use_outside_art9"},
        ),
        {"items": [], "bango": [2], "filing": "bango_only"},
    ),
    Example(
        "§15.7 a salary payment report sent to the wrong city office, returned unopened",
        "misdelivery",
        ["name", "address"],
        numbers(
            {"recipient": "not_entitled"},
            bango_count={"mode": "exact", "value": 12},
            recovered="yes",
        ),
        facts(
            L,
            ["name", "address", "my_number"],
            affected_count=12,
            recovered_before_viewed=True,
            bango={"affected_count": 12, "misuse": "provision_outside_art19"},
        ),
        {"excluded_by": "recovered_before_viewed", "bango": [], "bango_effort": True},
        count=12,
    ),
]

EXAMPLES = [example for example, _deadline in DEADLINE_TABLE] + GUIDELINE + BANGO_TABLE


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.name for example in EXAMPLES])
def test_the_wizard_and_the_command_line_agree(example: Example) -> None:
    answers = walk(example)
    by_wizard = verdict(assess(answers_to_facts(answers, OFFICE)))
    by_hand = verdict(assess(parse_facts(example.facts)))
    assert by_wizard == by_hand
    for key, value in example.expect.items():
        assert by_hand[key] == value, key
