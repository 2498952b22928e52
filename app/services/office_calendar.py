"""The office's closure days (夏季休業, 創立記念日), kept with the register and audited (docs/domain.md §5.7).

They count the officer's working days and warnings only; no legal deadline reads them.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from app.calendar.office_calendar import ClosureDay, OfficeCalendar
from app.db.database import Database
from app.services.app_settings import AppSettingsService

CLOSURES_KEY = "calendar.office_closures"
NAME_MAX_CHARS = 40

log = logging.getLogger(__name__)


def closures_json(closures: tuple[ClosureDay, ...] | list[ClosureDay]) -> list[dict[str, str]]:
    return [{"date": c.day.isoformat(), "name": c.name} for c in closures]


def read_closures(value: Any) -> OfficeCalendar:
    """A stored list read leniently: an entry that cannot be read is skipped and logged (never its name)."""
    closures: list[ClosureDay] = []
    for entry in value if isinstance(value, list) else []:
        try:
            day = dt.date.fromisoformat(entry["date"])
            name = str(entry.get("name", "")).strip()[:NAME_MAX_CHARS]
        except (TypeError, KeyError, ValueError, AttributeError):
            log.warning("an office closure day could not be read and is ignored")
            continue
        closures.append(ClosureDay(day, name))
    return OfficeCalendar.of(closures)


class OfficeCalendarService:
    def __init__(self, db: Database) -> None:
        self.store = AppSettingsService(db)

    def calendar(self) -> OfficeCalendar:
        return read_closures(self.store.get(CLOSURES_KEY, []))

    def save(
        self, closures: list[ClosureDay] | tuple[ClosureDay, ...], actor: str | None = None
    ) -> OfficeCalendar:
        """An office decision (which days count as working days), so the change is audited."""
        calendar = OfficeCalendar.of([ClosureDay(c.day, c.name.strip()[:NAME_MAX_CHARS]) for c in closures])
        self.store.set(CLOSURES_KEY, closures_json(calendar.closures), actor=actor)
        return calendar
