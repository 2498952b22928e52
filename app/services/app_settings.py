"""Key/value JSON kept with the register (wizard draft, reminder settings, letter templates…).

What belongs to the office travels with the database (a backup restores it too); what the window needs before the
database opens (language, geometry) lives in app/settings.py instead.
"""

from __future__ import annotations

import copy
from typing import Any

from app.db import audit
from app.db.database import Database
from app.db.models import AppSetting


class AppSettingsService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: str, default: Any = None) -> Any:
        with self.db.read_scope() as session:
            row = session.get(AppSetting, key)
            return copy.deepcopy(row.value) if row is not None else default

    def set(self, key: str, value: Any, *, actor: str | None = None, audited: bool = True) -> None:
        """Write one value; audited=False for high-frequency drafts whose history would only be noise."""
        stored = audit.as_json(value)
        with self.db.session_scope() as session:
            row = session.get(AppSetting, key)
            before = copy.deepcopy(row.value) if row is not None else None
            if row is not None and before == stored:
                return
            if row is None:
                session.add(AppSetting(key=key, value=stored))
            else:
                row.value = stored
            session.flush()
            if audited:
                audit.append(
                    session,
                    action="update" if before is not None else "create",
                    entity="app_setting",
                    entity_id=None,
                    before={"key": key, "value": before},
                    after={"key": key, "value": stored},
                    actor=actor,
                )

    def delete(self, key: str, *, actor: str | None = None, audited: bool = True) -> None:
        with self.db.session_scope() as session:
            row = session.get(AppSetting, key)
            if row is None:
                return
            before = copy.deepcopy(row.value)
            session.delete(row)
            session.flush()
            if audited:
                audit.append(
                    session,
                    action="delete",
                    entity="app_setting",
                    entity_id=None,
                    before={"key": key, "value": before},
                    after=None,
                    actor=actor,
                )
