"""Impossible answers are refused at the question, with a message the officer can act on, in the UI language."""

from __future__ import annotations

from app.i18n import set_language
from app.wizard.questions import QuestionId as Q
from app.wizard.validation import is_complete, problems
from tests.wizard.conftest import NOW, answers


def learned(**fields: object) -> dict[str, object]:
    base = {
        "learned_at": "2027-06-01T09:30:00+09:00",
        "learned_by": "",
        "occurred_date": None,
        "officer_date": None,
    }
    return {**answers("loss", ["name"]), "learned": {**base, **fields}}


def test_nobody_affected_is_refused_beside_the_count() -> None:
    found = problems(Q.COUNT, answers("loss", ["name"], count=0), NOW)
    assert found == {
        "value": "1人以上を入力してください。誰の情報も含まれていなければ、登録する事案はありません。"
    }
    assert problems(Q.COUNT, answers("loss", ["name"], count=1), NOW) == {}
    assert "value" in problems(Q.COUNT, answers("loss", ["name"], count=100_000_001), NOW)


def test_a_learned_date_in_the_future_is_refused() -> None:
    found = problems(Q.LEARNED, learned(learned_at="2027-06-03T09:00:00+09:00"), NOW)
    assert found == {"learned_at": "未来の日時に知ることはできません。日付と時刻を確認してください。"}


def test_noticed_before_it_happened_is_refused() -> None:
    found = problems(Q.LEARNED, learned(occurred_date="2027-06-02"), NOW)
    assert set(found) == {"learned_at"}
    assert "2027-06-02" in found["learned_at"]
    assert problems(Q.LEARNED, learned(occurred_date="2027-05-30"), NOW) == {}


def test_an_occurrence_in_the_future_is_refused_beside_its_own_field() -> None:
    assert set(problems(Q.LEARNED, learned(occurred_date="2027-06-10"), NOW)) == {"occurred_date"}


def test_the_officer_cannot_have_heard_before_the_office_knew() -> None:
    assert set(problems(Q.LEARNED, learned(officer_date="2027-05-31"), NOW)) == {"officer_date"}
    assert problems(Q.LEARNED, learned(officer_date="2027-06-02"), NOW) == {}


def test_dates_before_the_reporting_duty_are_refused() -> None:
    found = problems(Q.LEARNED, learned(learned_at="2022-03-31T10:00:00+09:00"), NOW)
    assert "2022-04-01" in found["learned_at"]


def test_the_1000_crossing_cannot_precede_the_incident_or_lie_in_the_future() -> None:
    base = answers("loss", ["name"], count=1200)
    early = {**base, "count_crossing": {"when": "later", "date": "2027-05-31"}}
    future = {**base, "count_crossing": {"when": "later", "date": "2027-06-05"}}
    assert set(problems(Q.COUNT_CROSSING, early, NOW)) == {"date"}
    assert set(problems(Q.COUNT_CROSSING, future, NOW)) == {"date"}
    ok = {**base, "count_crossing": {"when": "later", "date": "2027-06-02"}}
    assert problems(Q.COUNT_CROSSING, ok, NOW) == {}


def test_messages_follow_the_ui_language() -> None:
    set_language("en")
    found = problems(Q.COUNT, answers("loss", ["name"], count=0), NOW)
    assert found["value"].startswith("Enter at least 1 person.")


def test_a_question_is_complete_only_when_its_choices_are_made() -> None:
    base = answers("email_missend", ["name"])
    assert not is_complete(Q.RECOVERED, base)
    assert is_complete(Q.RECOVERED, {**base, "recovered": "no"})
    assert not is_complete(Q.DATA, {**base, "data": []})
    assert not is_complete(Q.ENCRYPTION, {**base, "encryption": {"encrypted": "yes", "strong": True}})
    assert is_complete(Q.ENCRYPTION, {**base, "encryption": {"encrypted": "yes", "key": "safe"}})
    assert not is_complete(Q.COUNT, {**base, "count": {"mode": "exact", "value": 3}})
    assert not is_complete(Q.TITLE, {**base, "title": "   "})


def test_the_core_refuses_a_future_date_as_the_wizard_does() -> None:
    """answers_to_facts (what the service saves) checks the dates against today, like the pages."""
    import pytest

    from app.domain.office import OfficeProfile
    from app.errors import InputError
    from app.wizard.mapping import answers_to_facts
    from tests.wizard.conftest import NOW, answers

    future = answers(
        "loss", ["name"], learned={"learned_at": "2027-06-01T09:30:00+09:00", "occurred_date": "2027-06-05"}
    )
    with pytest.raises(InputError) as refused:
        answers_to_facts(future, OfficeProfile(name="x"), now=NOW)
    assert "未来の日付" in refused.value.message and "2027-06-05" in refused.value.message
