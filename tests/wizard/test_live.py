"""The live verdict says 「まだ判定できません」 until every question that can change it is answered."""

from __future__ import annotations

from typing import Any

from app.domain.office import OfficeProfile
from app.i18n import set_language
from app.wizard.flow import applicable_questions, prune
from app.wizard.live import DECIDING, LiveState, cautions, live_verdict, missing_words
from app.wizard.progress import next_question
from app.wizard.questions import QuestionId as Q
from tests.wizard.conftest import NOW, answers

OFFICE = OfficeProfile(name="さくら会計事務所")


def walk(complete: dict[str, Any]) -> list[tuple[Q, dict[str, Any]]]:
    """The answers as they stand after each page, answering in the flow's order from `complete`."""
    current: dict[str, Any] = {"mode": complete["mode"]}
    steps = []
    page = next_question(current)
    while page is not None:
        current = prune({**current, page.value: complete[page.value]})
        steps.append((page, dict(current)))
        page = next_question(current, after=page)
    return steps


def test_nothing_is_decided_before_the_head_count_is_asked() -> None:
    """The issue's case: an innocent-looking e-mail said 「報告は不要」 after two answers."""
    early = {"mode": "new", "kind": "email_missend", "data": ["name"]}
    live = live_verdict(early, OFFICE, NOW)
    assert live.state is LiveState.UNDECIDED
    assert Q.COUNT in live.missing and Q.CAUSE in live.missing and Q.MY_NUMBER in live.missing
    assert missing_words(live.missing) == "マイナンバーの有無、情報の管理のされ方、人数、気付いた日時など"


def test_every_step_but_the_last_deciding_answer_is_undecided() -> None:
    complete = answers("email_missend", ["name"], recovered="no", encryption={"encrypted": "no"})
    steps = walk(complete)
    assert [page for page, _current in steps] == applicable_questions(complete)
    last = max(i for i, (page, _current) in enumerate(steps) if page in DECIDING)
    for i, (page, current) in enumerate(steps):
        live = live_verdict(current, OFFICE, NOW)
        assert live.decided is (i >= last), page
        if i < last:
            assert live.state is LiveState.UNDECIDED and live.missing
    final = live_verdict(complete, OFFICE, NOW)
    assert final.decided and final.assessment is not None and final.assessment.applicable_items == ()


def test_the_name_and_the_gdpr_question_do_not_hold_the_verdict_back() -> None:
    complete = answers("email_missend", ["name"], recovered="no", encryption={"encrypted": "no"})
    unfinished = {k: v for k, v in complete.items() if k not in ("title", "office")}
    assert live_verdict(unfinished, OFFICE, NOW).decided


def test_items_that_already_apply_are_shown_as_provisional() -> None:
    early = {"mode": "new", "kind": "email_missend", "data": ["name", "diagnosis"]}
    live = live_verdict(early, OFFICE, NOW)
    assert live.state is LiveState.UNDECIDED
    assert live.assessment is not None and live.assessment.applicable_items == (1,)


def test_an_impossible_answer_is_not_a_verdict() -> None:
    broken = answers("loss", ["name"], count=0)
    assert live_verdict(broken, OFFICE, NOW).state is LiveState.INVALID


def test_answers_not_known_for_sure_are_named() -> None:
    email = answers("email_missend", ["name"], recovered="no", encryption={"encrypted": "no"})
    assert cautions(email) == []
    unknown = {**email, "cause": "unknown", "indicators": {"signs": [], "none": True}}
    assert cautions(unknown) == [
        "誰が起こしたかは、まだ分かっていません。不正の目的で行われたと分かった場合は3号に該当し、"
        "確報の期限は60日になります。分かった時点で再判定してください。"
    ]
    with_signs = {**unknown, "indicators": {"signs": ["insider"]}}
    assert cautions(with_signs) == []  # the signs already make it item 3
    unsure = {**email, "my_number": "unsure"}
    assert cautions(unsure)[0].startswith("書類にマイナンバーが記載されているかは、まだ確認できていません。")


def test_missing_words_in_english() -> None:
    set_language("en")
    assert missing_words((Q.COUNT, Q.CAUSE)) == "the number of people, who caused it"
