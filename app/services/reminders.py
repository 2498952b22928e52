"""Reminder settings and the record of reminders already shown, kept with the register (a restart forgets nothing)."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable

from app.db.database import Database
from app.deadlines.clocks import Clock
from app.deadlines.reminders import (
    FIRED_KEY,
    SETTINGS_KEY,
    Reminder,
    ReminderSettings,
    due_reminders,
    prune_fired,
    read_reminder_settings,
    settings_json,
)
from app.domain.dates import JST
from app.errors import StoredDataError
from app.services.app_settings import AppSettingsService
from app.services.clocks import ClockService

UID_DOMAIN_KEY = "calendar.uid_domain"

log = logging.getLogger(__name__)


class ReminderService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.store = AppSettingsService(db)
        self.clocks = ClockService(db)
        # A register opened read-only (a full disk, a write-protected folder) cannot store which reminders were
        # shown: remembered for this session instead, so they are neither lost nor repeated every minute.
        self._fired_this_session: dict[str, str] = {}

    def settings(self) -> ReminderSettings:
        """Settings that cannot be read are logged and replaced by the defaults: reminders never fall silent."""
        try:
            return read_reminder_settings(self.store.get(SETTINGS_KEY))
        except StoredDataError:
            log.exception("the reminder settings could not be read; the defaults apply")
            return ReminderSettings()

    def save_settings(self, settings: ReminderSettings, actor: str | None = None) -> None:
        """An office decision (who is reminded of what, when), so the change is audited."""
        self.store.set(SETTINGS_KEY, settings_json(settings), actor=actor)

    def calendar_uid_domain(self) -> str:
        """This register's own id for calendar UIDs: two offices' "incident 1" never update each other's events."""
        value = self.store.get(UID_DOMAIN_KEY)
        if isinstance(value, str) and value:
            return value
        value = f"{uuid.uuid4().hex}.breachdesk"
        self.store.set(UID_DOMAIN_KEY, value, audited=False)
        return value

    def fired(self) -> dict[str, str]:
        value = self.store.get(FIRED_KEY, {})
        stored = {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}
        return {**self._fired_this_session, **stored}

    def pending(self, now: dt.datetime, clocks: Iterable[Clock] | None = None) -> list[Reminder]:
        """What to show now; call `mark_fired` once it has been shown (a crash in between repeats, never loses)."""
        current = list(clocks) if clocks is not None else self.clocks.open_clocks(now)
        return due_reminders(current, self.settings(), now, set(self.fired()))

    def mark_fired(self, reminders: Iterable[Reminder], now: dt.datetime) -> None:
        """Bookkeeping, not a decision: not audited (it would fill the audit log with one row per reminder)."""
        keys = [key for reminder in reminders for key in reminder.all_keys]
        if not keys:
            return
        fired = self.fired()
        stamp = now.astimezone(dt.UTC).isoformat()
        for key in keys:
            fired.setdefault(key, stamp)
        if self.db.read_only is not None:
            self._fired_this_session.update(fired)
            return
        self.store.set(FIRED_KEY, fired, audited=False)

    def prune(self, now: dt.datetime) -> None:
        """Forget keys of closed incidents (their clocks can no longer remind) and stale daily keys."""
        fired = self.fired()
        kept = prune_fired(fired, self.clocks.open_incident_ids(), now.astimezone(JST).date())
        if kept != fired and self.db.read_only is None:
            self.store.set(FIRED_KEY, kept, audited=False)
