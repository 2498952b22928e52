"""Reminder settings and the record of reminders already shown, kept with the register (a restart forgets nothing)."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from collections.abc import Iterable

from sqlalchemy import String, cast, func, insert, select, update
from sqlalchemy.orm import Session

from app.db.database import Database
from app.db.models import AppSetting
from app.db.tables import app_settings
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
FIRED_MARK_KEY = (
    "reminders.fired.mark"  # renewed with every write of FIRED_KEY: see ReminderService._stored_fired
)

log = logging.getLogger(__name__)


class ReminderService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.store = AppSettingsService(db)
        self.clocks = ClockService(db)
        # A register opened read-only (a full disk, a write-protected folder) cannot store which reminders were
        # shown: remembered for this session instead, so they are neither lost nor repeated every minute.
        self._fired_this_session: dict[str, str] = {}
        # The stored keys as last read or written, with the marker they had (see _stored_fired); the deadlines'
        # worker and the GUI thread may both ask, hence the lock.
        self._cache: dict[str, str] | None = None
        self._cache_mark: tuple[object, int | None] | None = None
        self._lock = threading.Lock()

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
        """Every key shown, stored or (read-only register) remembered for this session."""
        with self.db.read_scope() as session:
            stored = self._stored_fired(session)
        return {**self._fired_this_session, **stored}

    def _stored_fired(self, session: Session) -> dict[str, str]:
        """The stored keys, re-read only when the stored value changed since this service last read or wrote it.

        Why (issue 18 point 4): the value holds one key per reminder shown (~1.5 MB at 10,000 open incidents), and
        decoding it at every refresh held the worker in one C call the GUI thread waited on. The change marker is
        two tiny reads: a token every writer of this version renews with the value, and the value's length (for a
        writer that does not know the token: an older BreachDesk on another PC). A transaction reads one snapshot
        (app/db/database.py), so the marker and the value read in one session agree."""
        mark = _marker(session)
        with self._lock:
            if self._cache is not None and mark == self._cache_mark:
                return self._cache
        value = session.scalar(select(AppSetting.value).where(AppSetting.key == FIRED_KEY))
        stored = {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}
        with self._lock:
            self._cache, self._cache_mark = stored, mark
        return stored

    def _write_fired(self, session: Session, fired: dict[str, str]) -> None:
        """Writes the value and a new token in the caller's transaction, without loading the old value (Core)."""
        token = uuid.uuid4().hex
        for key, value in ((FIRED_KEY, fired), (FIRED_MARK_KEY, token)):
            updated = session.execute(
                update(app_settings).where(app_settings.c.key == key).values(value=value)
            )
            if not getattr(updated, "rowcount", 0):
                session.execute(insert(app_settings).values(key=key, value=value))
        session.flush()
        mark = _marker(session)
        with self._lock:
            self._cache, self._cache_mark = dict(fired), mark

    def pending(self, now: dt.datetime, clocks: Iterable[Clock] | None = None) -> list[Reminder]:
        """What to show now; call `mark_fired` once it has been shown (a crash in between repeats, never loses)."""
        current = list(clocks) if clocks is not None else self.clocks.open_clocks(now)
        return due_reminders(current, self.settings(), now, set(self.fired()))

    def mark_fired(self, reminders: Iterable[Reminder], now: dt.datetime) -> None:
        """Bookkeeping, not a decision: not audited (it would fill the audit log with one row per reminder). Read,
        merged and written in one transaction, so a key another window stored meanwhile is kept."""
        keys = [key for reminder in reminders for key in reminder.all_keys]
        if not keys:
            return
        stamp = now.astimezone(dt.UTC).isoformat()
        if self.db.read_only is not None:
            for key in keys:
                self._fired_this_session.setdefault(key, stamp)
            return
        with self.db.session_scope() as session:
            stored = self._stored_fired(session)
            fresh = [key for key in keys if key not in stored]
            if fresh:
                self._write_fired(session, {**stored, **dict.fromkeys(fresh, stamp)})

    def prune(self, now: dt.datetime) -> None:
        """Forget keys of closed incidents (their clocks can no longer remind) and stale daily keys; run at each
        start-up (ui/calendar/tray.py ReminderTray.compute)."""
        if self.db.read_only is not None:
            return
        open_ids = self.clocks.open_incident_ids()
        with self.db.session_scope() as session:
            fired = self._stored_fired(session)
            kept = prune_fired(fired, open_ids, now.astimezone(JST).date())
            if kept != fired:
                self._write_fired(session, kept)


def _marker(session: Session) -> tuple[object, int | None]:
    """(token, length of the stored value): changes whenever the stored keys do."""
    token = session.scalar(select(AppSetting.value).where(AppSetting.key == FIRED_MARK_KEY))
    length = session.scalar(
        select(func.length(cast(AppSetting.value, String))).where(AppSetting.key == FIRED_KEY)
    )
    return token, length
