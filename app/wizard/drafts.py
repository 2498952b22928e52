"""The unfinished wizard as plain data (answers, the page on screen, when it was saved) and its JSON shape.

Storing it is a use-case of the register: app/services/wizard_drafts.py. This layer stays pure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from app.wizard.flow import MODE_KEY, MODE_REASSESS, Answers
from app.wizard.questions import MY_NUMBER_CODE, QuestionId

DRAFT_VERSION = 2
READABLE_VERSIONS = frozenset({1, DRAFT_VERSION})


def _upgrade_v1(answers: Answers) -> Answers:
    """Version 1 recorded an untouched GDPR box as "no", and asked about My Numbers among the data items.

    An unticked box was no answer, so that page is asked again; a ticked My Number box becomes a "yes" on its own page.
    """
    upgraded = dict(answers)
    office = upgraded.get(QuestionId.OFFICE.value)
    if isinstance(office, dict) and office.get("gdpr") is not True:
        upgraded.pop(QuestionId.OFFICE.value)
    data = upgraded.get(QuestionId.DATA.value)
    if isinstance(data, list) and MY_NUMBER_CODE in data:
        upgraded[QuestionId.DATA.value] = [code for code in data if code != MY_NUMBER_CODE]
        upgraded[QuestionId.MY_NUMBER.value] = "yes"
    return upgraded


@dataclass
class WizardDraft:
    answers: Answers = field(default_factory=dict)
    current: QuestionId | None = None  # the page that was on screen
    saved_at: dt.datetime | None = None

    @property
    def incident_id(self) -> int | None:
        value = self.answers.get("incident_id")
        return value if self.answers.get(MODE_KEY) == MODE_REASSESS and isinstance(value, int) else None

    def to_json(self) -> dict[str, Any]:
        return {
            "version": DRAFT_VERSION,
            "answers": {str(key): value for key, value in self.answers.items()},
            "current": self.current.value if self.current is not None else None,
            "saved_at": self.saved_at.isoformat() if self.saved_at is not None else None,
        }

    @classmethod
    def from_json(cls, data: object) -> WizardDraft | None:
        """None for anything that is not a draft this or the previous version wrote (never a crash at start-up)."""
        if not isinstance(data, dict) or data.get("version") not in READABLE_VERSIONS:
            return None
        answers = data.get("answers")
        if not isinstance(answers, dict):
            return None
        current = data.get("current")
        try:
            saved = data.get("saved_at")
            saved_at = dt.datetime.fromisoformat(saved) if isinstance(saved, str) else None
            question = QuestionId(current) if isinstance(current, str) else None
        except ValueError:
            return None
        kept = dict(answers) if data.get("version") == DRAFT_VERSION else _upgrade_v1(answers)
        return cls(answers=kept, current=question, saved_at=saved_at)
