"""Checking the audit log for the window (menu) and the command line (`main.py verify`) alike."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.anchors import Anchor
from app.db.audit import verify_chain
from app.db.backups import list_backups
from app.db.database import Database
from app.db.models import AuditEntry
from app.db.sqlite_uri import sqlite_uri
from app.domain.dates import to_jst
from app.i18n import _, ngettext


@dataclass(frozen=True, slots=True)
class AuditCheck:
    count: int
    broken_id: int | None = None
    broken_at: dt.datetime | None = None
    broken_actor: str = ""
    broken_action: str = ""
    broken_entity: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_id is None

    def message(self) -> str:
        if self.ok:
            return ngettext(
                "The audit log is intact ({count} entry).",
                "The audit log is intact ({count} entries).",
                self.count,
            ).format(count=self.count)
        when = to_jst(self.broken_at).strftime("%Y-%m-%d %H:%M:%S") if self.broken_at else "?"
        return _(
            "The audit log has been altered: entry {id} ({when}, {actor}, {action} {entity}) does not match "
            "the chain. Entries from this one on cannot be trusted; keep the file and a backup for investigation."
        ).format(
            id=self.broken_id,
            when=when,
            actor=self.broken_actor,
            action=self.broken_action,
            entity=self.broken_entity,
        )


def check_audit_chain(db: Database) -> AuditCheck:
    with db.session_scope() as session:
        return check_chain_in(session)


def check_chain_in(session: Session) -> AuditCheck:
    """The check on any session: the open register's, or a read-only evidence copy's (app/db/snapshot.py)."""
    count = int(session.scalar(select(func.count(AuditEntry.id))) or 0)
    broken = verify_chain(session)
    if broken is None:
        return AuditCheck(count)
    entry = session.get(AuditEntry, broken)
    if entry is None:
        return AuditCheck(count, broken)
    return AuditCheck(count, broken, entry.at, entry.actor, entry.action, entry.entity)


@dataclass(frozen=True, slots=True)
class AnchorProblem:
    """The first anchor the chain no longer matches: its entry is gone (truncated) or has another hash."""

    anchor: Anchor
    truncated: bool
    count: int  # entries in the chain now

    def message(self) -> str:
        when = to_jst(self.anchor.at).strftime("%Y-%m-%d %H:%M") if self.anchor.at else "?"
        if self.truncated:
            return _(
                "Entries of the audit log have been deleted: {source} ({when}) recorded entry {id} (hash "
                "{hash}…), but this register's log has {count} entries and not that one. Keep the file, its "
                "backups and the anchors file for investigation."
            ).format(
                source=self.anchor.source,
                when=when,
                id=self.anchor.entry_id,
                hash=self.anchor.hash[:12],
                count=f"{self.count:,}",
            )
        return _(
            "The audit log has been rewritten: entry {id} has another hash than {source} ({when}) recorded "
            "({hash}…). Keep the file, its backups and the anchors file for investigation."
        ).format(source=self.anchor.source, when=when, id=self.anchor.entry_id, hash=self.anchor.hash[:12])


@dataclass(frozen=True, slots=True)
class AnchorCheck:
    checked: int
    superseded: int
    problem: AnchorProblem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def _superseded(anchor: Anchor, restores: list[Anchor]) -> bool:
    """A restore of an older backup after this anchor took the chain back below it: a way back, not tampering."""
    return any(
        r.at is not None and anchor.at is not None and r.at > anchor.at and r.entry_id < anchor.entry_id
        for r in restores
    )


def check_anchors(session: Session, found: list[Anchor]) -> AnchorCheck:
    """Every anchor against the chain; the problem reported is the one with the lowest entry id."""
    restores = [a for a in found if a.restored]
    count = int(session.scalar(select(func.count(AuditEntry.id))) or 0)
    wanted = sorted({a.entry_id for a in found})
    hashes: dict[int, str] = {}
    for start in range(0, len(wanted), 500):
        block = wanted[start : start + 500]
        rows = session.execute(select(AuditEntry.id, AuditEntry.hash).where(AuditEntry.id.in_(block)))
        hashes.update((int(entry_id), str(entry_hash)) for entry_id, entry_hash in rows)
    checked = superseded = 0
    problems: list[AnchorProblem] = []
    for anchor in found:
        if _superseded(anchor, restores):
            superseded += 1
            continue
        if anchor.entry_id == 0:  # a restore back to an empty log: nothing to find
            continue
        checked += 1
        actual = hashes.get(anchor.entry_id)
        if actual != anchor.hash:
            problems.append(AnchorProblem(anchor, actual is None, count))
    problem = min(problems, key=lambda p: p.anchor.entry_id) if problems else None
    return AnchorCheck(checked, superseded, problem)


def _stored_moment(value: object) -> dt.datetime | None:
    """A moment as SQLite stores it (UTC, no offset: app/db/types.py)."""
    try:
        return dt.datetime.fromisoformat(str(value)).replace(tzinfo=dt.UTC) if value else None
    except ValueError:
        return None


def backup_heads(backups_dir: Path) -> list[Anchor]:
    """The head each backup holds (a backup is a copy of the register, so its newest entry is an anchor)."""
    heads: list[Anchor] = []
    for backup in list_backups(backups_dir):
        try:
            with contextlib.closing(
                sqlite3.connect(sqlite_uri(backup, {"mode": "ro", "immutable": "1"}), uri=True)
            ) as conn:
                row = conn.execute("SELECT id, hash, at FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        except sqlite3.Error:
            continue  # not readable as a register: restore would refuse it too; not an anchor
        if row is not None:
            at = _stored_moment(row[2])
            heads.append(Anchor(int(row[0]), str(row[1]), at, f"backups/{backup.name}"))
    return heads
