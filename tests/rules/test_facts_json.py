"""Strict facts JSON: every mistake stops the assessment with a Japanese message that names the field."""

from __future__ import annotations

import json
from typing import Any

import pytest

from app.db.codec import encode
from app.domain.facts import BangoFacts, Event, Facts, MaliciousBasis, Role
from app.errors import InputError
from app.i18n import set_language
from app.rules.facts_json import FIELD_LABELS, parse_facts, parse_facts_text

MINIMAL = {"role": "controller", "event": "leak", "learned_date": "2027-07-01"}


def facts_with(**changes: Any) -> dict[str, Any]:
    data = dict(MINIMAL)
    for key, value in changes.items():
        if value is _DROP:
            data.pop(key)
        else:
            data[key] = value
    return data


_DROP = object()


def test_minimal_facts_take_the_documented_defaults() -> None:
    facts = parse_facts(MINIMAL)
    assert (facts.role, facts.event, facts.learned_date.isoformat()) == (
        Role.CONTROLLER,
        Event.LEAK,
        "2027-07-01",
    )
    assert facts.is_personal_data is True and facts.data_items == () and facts.affected_count is None


def test_the_full_documented_example_parses() -> None:
    data = {
        "role": "processor", "event": "damage", "possibility_only": True, "is_personal_data": True,
        "data_items": ["name", "address", "name"], "sensitive": False,
        "financial": {"card_number_full": False, "card_last4_expiry_only": False, "bank_account_only": False,
                      "payment_login_credentials": True},
        "malicious": True, "malicious_basis": "ransomware", "affected_count": 1, "affected_count_max": 1500,
        "encryption": {"encrypted": True, "high_grade": False, "key_compromised": True},
        "pseudonymized": False, "recovered_before_viewed": False, "intentional_provision": False,
        "identical_copy_exists": False, "occurred_date": "2027-06-30", "learned_date": "2027-07-01",
        "learned_at": "2027-07-01T09:15:00+09:00", "learned_by": "受付 山田", "officer_learned_date": "2027-07-02",
        "count_exceeded_1000_learned_date": "2027-07-05", "delegated_sector": False,
        "notification_difficult": True, "pmark_holder": True, "gdpr_applies": True, "data_being_acquired": False,
    }  # fmt: skip
    facts = parse_facts(data)
    assert facts.malicious_basis is MaliciousBasis.RANSOMWARE
    assert [i.value for i in facts.data_items] == ["name", "address"]  # duplicates collapse, order kept
    assert facts.learned_at is not None and facts.learned_at.utcoffset() is not None
    assert parse_facts(encode(facts)) == facts


# (changes, field named in the error, a fragment of the Japanese message)
INVALID = [
    ({"colour": "red"}, "colour", "使用できません"),
    ({"financial": {"card_pin": True}}, "financial.card_pin", "使用できません"),
    ({"role": _DROP}, "role", "指定してください"),
    ({"learned_date": _DROP}, "learned_date", "指定してください"),
    ({"role": "owner"}, "role", "controller, processor"),
    ({"event": 3}, "event", "leak, loss, damage"),
    ({"malicious": 1}, "malicious", "true 又は false"),
    ({"pmark_holder": "true"}, "pmark_holder", "true 又は false"),
    ({"encryption": {"encrypted": 0}}, "encryption.encrypted", "true 又は false"),
    ({"financial": []}, "financial", "オブジェクト"),
    ({"learned_date": "2027-02-30"}, "learned_date", "存在しない日付"),
    ({"learned_date": "2027/07/01"}, "learned_date", "YYYY-MM-DD"),
    ({"occurred_date": 20270701}, "occurred_date", "YYYY-MM-DD"),
    ({"learned_at": "2027-07-01T10:00:00"}, "learned_at", "時差付き"),
    ({"learned_at": "2027-07-01"}, "learned_at", "時差付き"),
    ({"learned_at": "2027-07-01T25:00:00+09:00"}, "learned_at", "時差付き"),
    ({"affected_count": -1}, "affected_count", "負の数"),
    ({"affected_count": "12"}, "affected_count", "整数"),
    ({"affected_count": True}, "affected_count", "整数"),
    ({"affected_count": 1.5}, "affected_count", "整数"),
    ({"affected_count": 10, "affected_count_max": 3}, "affected_count_max", "affected_count 以上"),
    ({"occurred_date": "2027-07-02"}, "learned_date", "occurred_date 以降"),
    ({"officer_learned_date": "2027-06-30"}, "officer_learned_date", "learned_date 以降"),
    ({"count_exceeded_1000_learned_date": "2027-06-30", "affected_count": 2000}, "count_exceeded_1000_learned_date",
     "learned_date 以降"),
    ({"count_exceeded_1000_learned_date": "2027-07-03", "affected_count": 1000}, "count_exceeded_1000_learned_date",
     "1,000人を超える"),
    ({"count_exceeded_1000_learned_date": "2027-07-03"}, "count_exceeded_1000_learned_date", "1,000人を超える"),
    ({"learned_by": 7}, "learned_by", "文字列"),
    ({"data_items": "name"}, "data_items", "リスト"),
    ({"data_items": ["name", "blood_type"]}, "data_items", "blood_type"),
    ({"encryption": {"high_grade": True}}, "encryption.high_grade", "encryption.encrypted が true"),
    ({"encryption": {"key_compromised": True}}, "encryption.key_compromised", "encryption.encrypted が true"),
    ({"malicious_basis": "theft"}, "malicious_basis", "malicious が true"),
    ({"malicious": True, "malicious_basis": "curiosity"}, "malicious_basis", "unauthorized_access"),
    ({"gdpr_applies": True}, "learned_at", "gdpr_applies が true"),
    ({"learned_date": "2022-03-31"}, "learned_date", "2022-04-01"),
    ({"learned_date": "2099-10-02"}, "learned_date", "2099-10-01 以前"),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "field", "fragment"), INVALID, ids=[i[1] + ":" + i[2] for i in INVALID])
def test_invalid_facts_name_the_field_in_japanese(changes: dict[str, Any], field: str, fragment: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_facts(facts_with(**changes))
    assert caught.value.field == field
    assert f"項目 {field}" in caught.value.message or field in caught.value.message
    assert fragment in caught.value.message
    assert caught.value.exit_code == 2


def test_every_field_has_a_japanese_label() -> None:
    with pytest.raises(InputError) as caught:
        parse_facts(facts_with(affected_count=5, affected_count_max=2))
    assert (
        caught.value.message
        == "項目 affected_count_max（影響を受けた人数の上限）は affected_count 以上にしてください。"
    )
    documented = set(Facts.__dataclass_fields__) | {f"financial.{k}" for k in ("card_number_full",
        "card_last4_expiry_only", "bank_account_only", "payment_login_credentials")} | {
        f"encryption.{k}" for k in ("encrypted", "high_grade", "key_compromised")} | {
            f"bango.{k}" for k in BangoFacts.__dataclass_fields__}  # fmt: skip
    assert documented == set(FIELD_LABELS)


def test_messages_follow_the_chosen_language() -> None:
    set_language("en")
    with pytest.raises(InputError) as caught:
        parse_facts(facts_with(affected_count=-3))
    assert (
        caught.value.message
        == "The field affected_count (number of affected individuals) must not be negative."
    )


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{", "JSONとして正しくありません（1行目"),
        ("[1, 2]", "JSONオブジェクト"),
        ('{"role": "controller", "role": "processor"}', "項目 role が複数回"),
    ],
)
def test_text_that_is_not_a_facts_object(text: str, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment):
        parse_facts_text(text)


def test_text_round_trip() -> None:
    assert parse_facts_text(json.dumps(MINIMAL)) == parse_facts(MINIMAL)
