"""How far the officer has got: which applicable question is still open, and which page comes next.

Apart from app/wizard/flow.py (which questions apply) and app/wizard/validation.py (whether one is answered) so
neither needs the other: progress reads both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.wizard.flow import ORDER, applicable_questions
from app.wizard.questions import QuestionId
from app.wizard.validation import is_complete


def unanswered(answers: Mapping[str, Any]) -> list[QuestionId]:
    """Applicable questions without a complete, explicit answer, in ORDER."""
    return [q for q in applicable_questions(answers) if not is_complete(q, answers)]


def next_question(answers: Mapping[str, Any], after: QuestionId | None = None) -> QuestionId | None:
    """The page to show next; None only when every applicable question is answered (the result comes next).

    With `after` (the page being left): the applicable page following it, answered or not, so the officer can walk
    through and review filled-in pages. Past the last page, or without `after` (a resumed draft): the first
    applicable question still unanswered. No way of calling it reaches the result with a question left open.
    """
    if after is not None:
        later = [q for q in applicable_questions(answers) if ORDER.index(q) > ORDER.index(after)]
        if later:
            return later[0]
    missing = unanswered(answers)
    return missing[0] if missing else None
