"""Reading and saving the office profile (one row), with its audit entry in the same transaction."""

from __future__ import annotations

import dataclasses
from typing import Any

from app.db import audit
from app.db.database import Database
from app.db.models import OfficeProfileRow
from app.domain.office import DateStyle, OfficeProfile
from app.errors import InputError

PROFILE_ID = 1
_FIELDS = tuple(f.name for f in dataclasses.fields(OfficeProfile))


def _snapshot(row: OfficeProfileRow) -> dict[str, Any]:
    return {name: getattr(row, name) for name in _FIELDS}


def _to_profile(row: OfficeProfileRow) -> OfficeProfile:
    values = _snapshot(row)
    try:
        values["date_style"] = DateStyle(row.date_style)
    except ValueError:
        values["date_style"] = DateStyle.WESTERN
    return OfficeProfile(**values)


class OfficeService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def load(self) -> OfficeProfile:
        """An empty profile until the officer saves one: the first start must not fail for want of it."""
        with self.db.read_scope() as session:
            row = session.get(OfficeProfileRow, PROFILE_ID)
            return _to_profile(row) if row is not None else OfficeProfile()

    def save(self, profile: OfficeProfile, actor: str | None = None) -> None:
        problems = profile.validate()
        if problems:
            field, message = next(iter(problems.items()))
            raise InputError(message, field=field)
        after = audit.as_json(dataclasses.asdict(profile))
        with self.db.session_scope() as session:
            row = session.get(OfficeProfileRow, PROFILE_ID)
            before = audit.as_json(_snapshot(row)) if row is not None else None
            if before == after:
                return  # nothing changed: no write, no audit noise
            if row is None:
                row = OfficeProfileRow(id=PROFILE_ID)
                session.add(row)
            for name in _FIELDS:
                value = getattr(profile, name)
                setattr(row, name, value.value if isinstance(value, DateStyle) else value)
            session.flush()
            audit.append(
                session,
                action="create" if before is None else "update",
                entity="office_profile",
                entity_id=PROFILE_ID,
                before=before,
                after=after,
                actor=actor,
            )
