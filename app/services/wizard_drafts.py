"""The unfinished wizard kept with the register after every page, so a crash or power cut loses nothing typed.

One draft at a time (key "wizard.draft"), not audited: its history would only be noise. It is cleared when the
incident is saved or the officer confirms discarding it; at the next start the window offers to resume it. The
draft itself (app/wizard/drafts.py) is plain data read through the one codec: the wizard layer never stores.
"""

from __future__ import annotations

import logging

from app.db.database import Database
from app.errors import StoredDataError
from app.services.app_settings import AppSettingsService
from app.wizard.drafts import WizardDraft, draft_json, read_draft

DRAFT_KEY = "wizard.draft"

log = logging.getLogger(__name__)


class WizardDraftService:
    def __init__(self, db: Database) -> None:
        self.settings = AppSettingsService(db)

    def load(self) -> WizardDraft | None:
        """None when there is no draft. A draft that cannot be read (damaged, or written by a newer BreachDesk) is
        logged with what failed and not offered: start-up must not stop on it, and the next page saved replaces it.
        """
        stored = self.settings.get(DRAFT_KEY)
        if stored is None:
            return None
        try:
            return read_draft(stored)
        except StoredDataError:
            log.exception("the saved wizard draft could not be read; it is not offered")
            return None

    def save(self, draft: WizardDraft) -> None:
        self.settings.set(DRAFT_KEY, draft_json(draft), audited=False)

    def clear(self) -> None:
        self.settings.delete(DRAFT_KEY, audited=False)
