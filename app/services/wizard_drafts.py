"""The unfinished wizard kept with the register after every page, so a crash or power cut loses nothing typed.

One draft at a time (key "wizard.draft"), not audited: its history would only be noise. It is cleared when the
incident is saved or the officer confirms discarding it; at the next start the window offers to resume it. The
draft itself (app/wizard/drafts.py) is plain data: the wizard layer sits below the services and never stores.
"""

from __future__ import annotations

from app.db.database import Database
from app.services.app_settings import AppSettingsService
from app.wizard.drafts import WizardDraft

DRAFT_KEY = "wizard.draft"


class WizardDraftService:
    def __init__(self, db: Database) -> None:
        self.settings = AppSettingsService(db)

    def load(self) -> WizardDraft | None:
        return WizardDraft.from_json(self.settings.get(DRAFT_KEY))

    def save(self, draft: WizardDraft) -> None:
        self.settings.set(DRAFT_KEY, draft.to_json(), audited=False)

    def clear(self) -> None:
        self.settings.delete(DRAFT_KEY, audited=False)
