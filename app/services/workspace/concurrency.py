"""Optimistic concurrency for incidents: an edit names the version the officer's screen was built from, and a
save from an older version is refused with who saved first and when (docs/adr/0013-optimistic-concurrency.md).

One statement checks and raises the version, `UPDATE incidents SET version = version + 1 WHERE id = :id AND
version = :seen`: the write transaction already serialises writers (SQLite: BEGIN IMMEDIATE; PostgreSQL: the audit
chain's advisory lock taken at its start, app/db/chain_lock.py), and even without it, on PostgreSQL (READ
COMMITTED) the second of two simultaneous writers waits for the first's row lock, re-reads the row and updates
nothing, so it is told instead of overwriting (tests/pg/test_two_writers.py: two processes, one incident).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app.db.models import AuditEntry, Incident
from app.db.tables import incidents
from app.domain.dates import JST
from app.errors import ConcurrentEdit
from app.i18n import _, current_language


@dataclass(frozen=True, slots=True)
class LastChange:
    """Who changed an incident last and when: its newest audit entry (the actor is the OS user today)."""

    actor: str
    at: dt.datetime


def last_change(session: Session, incident_id: int, *, entity: str = "incident") -> LastChange | None:
    """`entity`: the audit entity whose newest entry is wanted ("report_draft" with a draft's id for a draft)."""
    row = session.execute(
        select(AuditEntry.actor, AuditEntry.at)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == incident_id)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    return LastChange(str(row[0]), row[1]) if row is not None else None


def last_change_text(change: LastChange | None) -> str:
    """「最終更新：2027/07/03 10:12 山田」 ("" before any audited change): the 概要 tab and the register's tooltip."""
    if change is None:
        return ""
    return _("Last changed: {time} {name}").format(time=moment_text(change.at), name=change.actor)


def moment_text(moment: dt.datetime) -> str:
    """Japan time as the office reads it: 2027/07/03 10:12 (2027-07-03 10:12 in English)."""
    local = moment.astimezone(JST)
    return local.strftime("%Y/%m/%d %H:%M" if current_language() == "ja" else "%Y-%m-%d %H:%M")


def refusal(
    session: Session,
    entity: str,
    entity_id: int,
    version: int,
    fallback_at: dt.datetime,
    saved: dict[str, Any],
) -> ConcurrentEdit:
    """The refusal of any versioned record (an incident, a report draft), worded with the actor and time of the
    record's newest audit entry: the officer reads 「この事案は…さんが先に更新しました」 whatever part of the incident
    the other officer changed."""
    last = last_change(session, entity_id, entity=entity)
    actor = last.actor if last is not None else "?"
    at = last.at if last is not None else fallback_at
    message = _("{name} updated this incident first ({time}). Load the latest version?").format(
        name=actor, time=moment_text(at)
    )
    return ConcurrentEdit(message, version=version, actor=actor, at=at, saved=saved)


def conflict(
    session: Session, row: Incident, snapshot: Callable[[Incident], dict[str, Any]]
) -> ConcurrentEdit:
    """The refusal, worded with the newest entry's actor and time; `saved` holds the fields as they are now."""
    session.refresh(row)
    return refusal(session, "incident", row.id, row.version, row.updated_at, snapshot(row))


def claim_version(
    session: Session, table: Table, row: Any, seen: int | None, refuse: Callable[[], ConcurrentEdit]
) -> int:
    """Raise `row.version` in `table` from `seen` (None: from whatever is saved) in one compare-and-set statement
    and return the new one; `refuse()` (called after the row is read again) when someone saved since."""
    expected = row.version if seen is None else seen
    if row.version != expected:
        raise refuse()
    result = session.execute(
        update(table).where(table.c.id == row.id, table.c.version == expected).values(version=expected + 1)
    )
    if not isinstance(result, CursorResult) or result.rowcount != 1:
        raise refuse()
    set_committed_value(row, "version", expected + 1)
    return expected + 1


def claim(
    session: Session, row: Incident, seen: int | None, snapshot: Callable[[Incident], dict[str, Any]]
) -> int:
    """Raise the incident's version from `seen` (None: from whatever is saved, for the CLI's one-shot edits) and
    return the new one; ConcurrentEdit when someone saved since. Call it before changing the row's fields."""
    return claim_version(session, incidents, row, seen, lambda: conflict(session, row, snapshot))
