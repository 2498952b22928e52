"""The clocks of every open incident, read in a handful of queries whatever the size of the register (no N+1)."""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, Result, and_, func, select
from sqlalchemy.orm import Session

from app.db.database import Database
from app.db.effective import effective_filed_at, live_filing
from app.db.models import AppSetting, Assessment, Filing, Incident
from app.deadlines.clocks import CLOCK_FIELDS, Clock, clocks_for, urgency_key
from app.domain.incident import IncidentStatus
from app.services.app_settings import AppSettingsService
from app.services.office import OfficeService

# The officer's choice of publication as 代替措置 (法26条2項ただし書), per incident. Kept in the settings table
# because the register's schema has no column for it; a later migration may move it.
_SUBSTITUTE_PREFIX = "incident."
_SUBSTITUTE_SUFFIX = ".substitute_publication"
_PARTITION = 500  # incidents read and turned into clocks per session (see ClockService._clocks)


def substitute_publication_key(incident_id: int) -> str:
    return f"{_SUBSTITUTE_PREFIX}{incident_id}{_SUBSTITUTE_SUFFIX}"


def _is_open() -> ColumnElement[bool]:
    """Not closed: by status, and by the closing time where the register records one (schema 0002)."""
    condition = Incident.status != IncidentStatus.CLOSED.value
    closed_at = getattr(Incident, "closed_at", None)
    return and_(condition, closed_at.is_(None)) if closed_at is not None else condition


class ClockService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def open_clocks(self, now: dt.datetime) -> list[Clock]:
        """Every clock of every incident not closed, most urgent first (done clocks last)."""
        return self._clocks(now, _is_open())

    def clocks_for_incident(self, incident_id: int, now: dt.datetime) -> list[Clock]:
        """One incident's clocks, closed or not (the calendar export of a single case)."""
        return self._clocks(now, Incident.id == incident_id)

    def open_incident_ids(self) -> set[int]:
        with self.db.read_scope() as session:
            return set(session.scalars(select(Incident.id).where(_is_open())))

    def find_incident_id(self, value: str) -> int | None:
        """By 番号 (2027-0001) first, then by database id: what the officer sees, then what a script knows."""
        value = value.strip()
        with self.db.read_scope() as session:
            found = session.scalar(select(Incident.id).where(Incident.reference == value))
            if found is None and value.isdigit():
                found = session.scalar(select(Incident.id).where(Incident.id == int(value)))
            return found

    def incident_reference(self, incident_id: int) -> str | None:
        with self.db.read_scope() as session:
            return session.scalar(select(Incident.reference).where(Incident.id == incident_id))

    def substitute_publication(self, incident_id: int) -> bool:
        return bool(AppSettingsService(self.db).get(substitute_publication_key(incident_id), False))

    def set_substitute_publication(self, incident_id: int, chosen: bool, actor: str | None = None) -> None:
        """A decision about the incident, so it is audited like one."""
        AppSettingsService(self.db).set(substitute_publication_key(incident_id), bool(chosen), actor=actor)

    def _clocks(self, now: dt.datetime, where: ColumnElement[bool]) -> list[Clock]:
        """A few hundred incidents at a time, each slice in a short session of its own (its assessments and
        filings read together), the clocks built after it. Why (docs/adr/0011-gui-thread-stalls.md): one session
        over the whole build held the register ~1.5 s (when every transaction still took the write lock, before
        Database.read_scope) while the GUI thread's next read waited; and reading all 10,000 assessments first kept their
        decoded JSON alive together, so each full garbage collection walked ~100,000 more objects holding the GIL
        (50-130 ms instead of 20-30 ms)."""
        office = OfficeService(self.db).load()
        with self.db.read_scope() as session:
            chosen = _substitute_choices(session)
            ids = list(session.scalars(select(Incident.id).where(where).order_by(Incident.id)))
        clocks: list[Clock] = []
        for start in range(0, len(ids), _PARTITION):
            part = ids[start : start + _PARTITION]
            within = and_(where, Incident.id.between(part[0], part[-1]))
            with self.db.read_scope() as session:
                rows = list(_latest_assessments(session, within))
                filings = _filings(session, within)
            for row in rows:
                mapping = row._mapping
                clocks.extend(
                    clocks_for(
                        _Subject(row.id, row.reference, row.title, row.learned_date),
                        {name: mapping[name] for name in CLOCK_FIELDS},
                        filings.get(row.id, ()),
                        office,
                        now,
                        substitute_publication=chosen.get(row.id, False),
                    )
                )
            del rows
            time.sleep(0)  # on a worker: let the GUI thread have the GIL between slices
        clocks.sort(key=urgency_key)
        return clocks


class _Subject:
    """The four fields a clock needs; lighter than a full IncidentSummary for a whole register."""

    __slots__ = ("id", "learned_date", "reference", "title")

    def __init__(self, id: int, reference: str, title: str, learned_date: dt.date | None) -> None:
        self.id = id
        self.reference = reference
        self.title = title
        self.learned_date = learned_date


def _latest_assessments(session: Session, where: ColumnElement[bool]) -> Result[Any]:
    """One row per assessed incident matching `where`: its register fields and only the JSON parts clocks read
    (the 第7条 reasons, several kilobytes each, stay in the database; the "bango" part comes whole, reasons
    included, because the codec reads it as one BangoAssessment)."""
    newest = (
        select(func.max(Assessment.id).label("id"))
        .join(Incident, Incident.id == Assessment.incident_id)
        .where(where)
        .group_by(Assessment.incident_id)
        .subquery()
    )
    fields = [Assessment.assessment[name].label(name) for name in CLOCK_FIELDS]
    query = (
        select(Incident.id, Incident.reference, Incident.title, Incident.learned_date, *fields)
        .join(Assessment, Assessment.incident_id == Incident.id)
        .join(newest, newest.c.id == Assessment.id)
    )
    return session.execute(query)


def _filings(session: Session, where: ColumnElement[bool]) -> dict[int, list[tuple[str, dt.datetime, str]]]:
    """With the channel: when the 第7条 report goes to a ministry and the 番号法 one to the PPC, it tells them apart."""
    found: dict[int, list[tuple[str, dt.datetime, str]]] = defaultdict(list)
    rows = session.execute(
        select(Filing.incident_id, Filing.kind, effective_filed_at(), Filing.channel)
        .join(Incident, Incident.id == Filing.incident_id)
        .where(where, live_filing())
    )
    for incident_id, kind, filed_at, channel in rows:
        found[incident_id].append((kind, filed_at, channel))
    return found


def _substitute_choices(session: Session) -> dict[int, bool]:
    rows = session.execute(
        select(AppSetting.key, AppSetting.value).where(
            AppSetting.key.like(f"{_SUBSTITUTE_PREFIX}%{_SUBSTITUTE_SUFFIX}")
        )
    )
    chosen: dict[int, bool] = {}
    for key, value in rows:
        middle = key[len(_SUBSTITUTE_PREFIX) : -len(_SUBSTITUTE_SUFFIX)]
        if middle.isdigit():
            chosen[int(middle)] = bool(value)
    return chosen
