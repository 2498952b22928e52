"""The live verdict beside the questions: 「まだ判定できません」 until every question that can change it is answered.

A verdict shown early would be read as the answer (a "not reportable" before the head count was asked is how an
officer stops looking), so the panel decides nothing while a deciding question is open. It still shows the items
that apply on the answers so far, marked provisional: a later answer (recovered, encrypted, a backup) can undo them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.domain.assessment import Assessment
from app.domain.facts import Facts
from app.domain.office import OfficeProfile
from app.errors import InputError
from app.i18n import _, current_language
from app.rules import assess
from app.wizard.flow import ORDER, applicable_questions, cause, malicious, my_numbers
from app.wizard.help import TOPICS
from app.wizard.mapping import answers_to_facts
from app.wizard.progress import unanswered
from app.wizard.questions import QuestionId
from app.wizard.validation import problems

Q = QuestionId
# The register's name, the reason for re-assessing and the GDPR confirmation change no verdict of either law.
DECIDING: frozenset[QuestionId] = frozenset(ORDER) - {Q.REASON, Q.TITLE, Q.OFFICE}
MISSING_SHOWN = 4


class LiveState(StrEnum):
    UNDECIDED = "undecided"  # a deciding question is still open
    INVALID = "invalid"  # an answer cannot be right (a date in the future, nobody affected)
    DECIDED = "decided"


@dataclass(frozen=True, slots=True)
class LiveVerdict:
    state: LiveState
    missing: tuple[QuestionId, ...] = ()
    assessment: Assessment | None = None  # provisional while undecided
    facts: Facts | None = None

    @property
    def decided(self) -> bool:
        return self.state is LiveState.DECIDED


def live_verdict(answers: Mapping[str, Any], office: OfficeProfile, now: dt.datetime) -> LiveVerdict:
    """The verdict on the answers so far; `now` stands in for the date the office learned of it until it is given."""
    missing = tuple(q for q in unanswered(answers) if q in DECIDING)
    if any(problems(q, answers, now) for q in applicable_questions(answers)):
        return LiveVerdict(LiveState.INVALID, missing)
    try:
        facts = answers_to_facts(answers, office, now=now)
        assessment = assess(facts)
    except InputError:
        return LiveVerdict(LiveState.INVALID, missing)
    state = LiveState.UNDECIDED if missing else LiveState.DECIDED
    return LiveVerdict(state, missing, assessment, facts)


def missing_words(missing: tuple[QuestionId, ...]) -> str:
    """「人数、気付いた日時、誰が起こしたか ほか」: the open questions in the order they come."""
    separator = "、" if current_language() == "ja" else ", "
    shown = separator.join(_(TOPICS[q]) for q in missing[:MISSING_SHOWN])
    if len(missing) > MISSING_SHOWN:
        return _("{topics} and others").format(topics=shown)
    return shown


def cautions(answers: Mapping[str, Any]) -> list[str]:
    """Answers the verdict rests on that are not known for sure yet: re-assess when they are."""
    found: list[str] = []
    if answers.get(Q.MY_NUMBER) == "unsure":
        found.append(
            _(
                "Whether the documents show a My Number is not confirmed: BreachDesk assumes they do and applies the My Number Act too. Check the documents and re-assess."
            )
        )
    if cause(answers) == "unknown" and not malicious(answers)[0]:
        if my_numbers(answers):
            text = _(
                "Who caused it is not known yet. If it turns out to have been done with a wrongful purpose, item 3 (and item 2 of the My Number Act) applies and the final report is due in 60 days: re-assess then."
            )
        else:
            text = _(
                "Who caused it is not known yet. If it turns out to have been done with a wrongful purpose, item 3 applies and the final report is due in 60 days: re-assess then."
            )
        found.append(text)
    return found
