"""The unfinished wizard as plain data (answers, the page on screen, when it was saved) and its stored shape.

The shape goes through the one codec (app/db/codec.py, docs/adr/0003-one-codec.md): `WIZARD_DRAFT` names its
version and the step that brings a version-1 draft up to date. Storing it is a use-case of the register
(app/services/wizard_drafts.py): this layer never touches the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.db.codec import Schema, decode, encode
from app.i18n import N_
from app.wizard.flow import MODE_KEY, MODE_REASSESS, Answers
from app.wizard.questions import MY_NUMBER_CODE, QuestionId

DRAFT_VERSION = 2


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


def _draft_version(data: Mapping[str, Any]) -> int:
    """Every draft ever written says its version; one without it is not a draft (StoredDataError)."""
    return int(data["version"])


def _draft_before_my_number_page(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "answers": _upgrade_v1(data["answers"])}


WIZARD_DRAFT = Schema(
    name=N_("wizard draft"),
    cls=WizardDraft,
    version=DRAFT_VERSION,
    version_of=_draft_version,
    upgrades={1: _draft_before_my_number_page},
    version_key="version",
)


def draft_json(draft: WizardDraft) -> dict[str, Any]:
    """The stored shape: {"version", "answers", "current", "saved_at"}, as every version so far has written it."""
    data: dict[str, Any] = encode(draft, WIZARD_DRAFT)
    return data


def read_draft(data: object) -> WizardDraft:
    """A stored draft, upgraded from version 1 when needed; StoredDataError when it cannot be read."""
    draft: WizardDraft = decode(WIZARD_DRAFT, data)
    return draft
