"""事実経過: dated entries that are never edited; a correction is a new entry pointing at the one it corrects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.db import audit
from app.db.database import Database
from app.db.models import Incident, TimelineEntry
from app.errors import InputError
from app.i18n import _
from app.services import auto_timeline
from app.services.workspace.limits import MAX_TIMELINE_TEXT, check_length

MAX_TEXT = MAX_TIMELINE_TEXT  # one event per entry; the cap and why: app/services/workspace/limits.py


@dataclass(frozen=True, slots=True)
class TimelineItem:
    id: int
    occurred_at: dt.datetime
    recorded_at: dt.datetime
    actor: str
    text: str
    corrects_id: int | None
    corrected_by_id: int | None  # the newest entry that corrects this one, if any

    @property
    def superseded(self) -> bool:
        return self.corrected_by_id is not None


def _check_text(text: str) -> str:
    cleaned = check_length(text, MAX_TEXT, "text")
    if not cleaned:
        raise InputError(_("Write what happened."), field="text")
    return cleaned


def _check_moment(moment: dt.datetime) -> None:
    if moment.tzinfo is None:
        raise ValueError("occurred_at must be timezone-aware")


class TimelineService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def entries(self, incident_id: int) -> list[TimelineItem]:
        """In order of occurrence (then of recording), each marked with the entry that corrects it."""
        with self.db.session_scope() as session:
            rows = list(
                session.scalars(
                    select(TimelineEntry)
                    .where(TimelineEntry.incident_id == incident_id)
                    .order_by(TimelineEntry.occurred_at, TimelineEntry.id)
                )
            )
        corrected_by: dict[int, int] = {}
        for row in sorted(rows, key=lambda r: r.id):
            if row.corrects_id is not None:
                corrected_by[row.corrects_id] = row.id
        return [
            TimelineItem(
                row.id,
                row.occurred_at,
                row.recorded_at,
                row.actor,
                row.text,
                row.corrects_id,
                corrected_by.get(row.id),
            )
            for row in rows
        ]

    def current(self, incident_id: int) -> list[TimelineItem]:
        """The entries that stand: corrected ones left out (they stay in the register and in `entries`)."""
        return [item for item in self.entries(incident_id) if not item.superseded]

    def append(
        self,
        incident_id: int,
        occurred_at: dt.datetime,
        text: str,
        *,
        corrects_id: int | None = None,
        actor: str | None = None,
    ) -> int:
        cleaned = _check_text(text)
        _check_moment(occurred_at)
        who = actor or audit.current_actor()
        with self.db.session_scope() as session:
            if session.get(Incident, incident_id) is None:
                raise LookupError(f"no incident {incident_id}")
            if corrects_id is not None:
                target = session.get(TimelineEntry, corrects_id)
                if target is None or target.incident_id != incident_id:
                    raise InputError(_("The entry to correct was not found in this incident."))
            return auto_timeline.add(
                session, incident_id, occurred_at, cleaned, who, corrects_id=corrects_id, automatic=False
            )

    def correct(
        self, incident_id: int, entry_id: int, occurred_at: dt.datetime, text: str, actor: str | None = None
    ) -> int:
        return self.append(incident_id, occurred_at, text, corrects_id=entry_id, actor=actor)
