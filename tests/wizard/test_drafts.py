"""Drafts written before the My Number page and the explicit GDPR answer still open, asking again what was no answer."""

from __future__ import annotations

from app.wizard.drafts import DRAFT_VERSION, WizardDraft
from app.wizard.progress import next_question
from app.wizard.questions import QuestionId as Q
from tests.wizard.conftest import answers


def test_a_version_1_draft_opens_and_asks_again_what_it_never_asked() -> None:
    old = answers("email_missend", ["name", "my_number"], recovered="no", encryption={"encrypted": "no"})
    del old["my_number"], old["cause"]
    draft = WizardDraft.from_json({"version": 1, "answers": old, "current": "office", "saved_at": None})
    assert draft is not None and draft.current is Q.OFFICE
    assert draft.answers["data"] == ["name"]
    assert draft.answers["my_number"] == "yes"  # the ticked box becomes the explicit answer
    assert "office" not in draft.answers  # an untouched GDPR box was recorded as "no": ask again
    assert next_question(draft.answers) is Q.BANGO_COUNT


def test_a_ticked_gdpr_box_of_version_1_is_kept() -> None:
    old = {**answers("loss", ["name"]), "office": {"gdpr": True}}
    draft = WizardDraft.from_json({"version": 1, "answers": old, "current": None, "saved_at": None})
    assert draft is not None and draft.answers["office"] == {"gdpr": True}


def test_drafts_round_trip_in_the_current_version_and_unknown_versions_are_ignored() -> None:
    draft = WizardDraft(answers=answers("loss", ["name"]), current=Q.CAUSE)
    data = draft.to_json()
    assert data["version"] == DRAFT_VERSION
    again = WizardDraft.from_json(data)
    assert again is not None and again.answers == draft.answers and again.current is Q.CAUSE
    assert WizardDraft.from_json({**data, "version": 99}) is None
