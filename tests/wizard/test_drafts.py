"""Drafts written before the My Number page and the explicit GDPR answer still open, asking again what was no answer."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest

from app.db.database import Database
from app.domain.dates import JST
from app.errors import StoredDataError
from app.services.wizard_drafts import DRAFT_KEY, WizardDraftService
from app.wizard.drafts import DRAFT_VERSION, WizardDraft, draft_json, read_draft
from app.wizard.progress import next_question
from app.wizard.questions import QuestionId as Q
from tests.wizard.conftest import answers


def test_a_version_1_draft_opens_and_asks_again_what_it_never_asked() -> None:
    old = answers("email_missend", ["name", "my_number"], recovered="no", encryption={"encrypted": "no"})
    del old["my_number"], old["cause"]
    draft = read_draft({"version": 1, "answers": old, "current": "office", "saved_at": None})
    assert draft is not None and draft.current is Q.OFFICE
    assert draft.answers["data"] == ["name"]
    assert draft.answers["my_number"] == "yes"  # the ticked box becomes the explicit answer
    assert "office" not in draft.answers  # an untouched GDPR box was recorded as "no": ask again
    assert next_question(draft.answers) is Q.BANGO_COUNT


def test_a_ticked_gdpr_box_of_version_1_is_kept() -> None:
    old = {**answers("loss", ["name"]), "office": {"gdpr": True}}
    draft = read_draft({"version": 1, "answers": old, "current": None, "saved_at": None})
    assert draft is not None and draft.answers["office"] == {"gdpr": True}


def test_drafts_round_trip_in_the_current_version_and_unknown_versions_are_refused() -> None:
    draft = WizardDraft(answers=answers("loss", ["name"]), current=Q.CAUSE)
    data = draft_json(draft)
    assert data["version"] == DRAFT_VERSION
    again = read_draft(data)
    assert again.answers == draft.answers and again.current is Q.CAUSE
    with pytest.raises(StoredDataError, match="99"):
        read_draft({**data, "version": 99})
    with pytest.raises(StoredDataError):
        read_draft({"answers": {}})  # no version: not a draft
    with pytest.raises(StoredDataError):
        read_draft({"version": 2, "answers": {}, "current": "no_such_page", "saved_at": None})


# Exactly what today's version stored (settings value "wizard.draft"), key for key.
SAVED_V2 = (
    '{"version": 2, "answers": {"mode": "new", "event": "loss", "data": ["name", "address"]}, '
    '"current": "cause", "saved_at": "2027-07-01T10:15:00+09:00"}'
)


def test_a_draft_saved_by_todays_version_reads_back_and_is_written_in_the_same_shape() -> None:
    stored = json.loads(SAVED_V2)
    draft = read_draft(stored)
    assert draft.current is Q.CAUSE
    assert draft.saved_at == dt.datetime(2027, 7, 1, 10, 15, tzinfo=JST)
    assert draft.answers == {"mode": "new", "event": "loss", "data": ["name", "address"]}
    assert json.dumps(draft_json(draft), ensure_ascii=False) == SAVED_V2


def test_the_service_keeps_a_draft_and_does_not_offer_one_it_cannot_read(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    service = WizardDraftService(db)
    assert service.load() is None
    draft = WizardDraft(answers=answers("loss", ["name"]), current=Q.CAUSE, saved_at=dt.datetime.now(JST))
    service.save(draft)
    assert service.load() == draft
    service.settings.set(DRAFT_KEY, {"version": 99, "answers": {}}, audited=False)
    with caplog.at_level(logging.ERROR):
        assert service.load() is None
    assert "wizard draft could not be read" in caplog.text
    assert "99" in caplog.text
