"""Checking the audit log for the window (menu) and the command line (`main.py verify`) alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from app.db.audit import verify_chain
from app.db.database import Database
from app.db.models import AuditEntry
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
        count = int(session.scalar(select(func.count(AuditEntry.id))) or 0)
        broken = verify_chain(session)
        if broken is None:
            return AuditCheck(count)
        entry = session.get(AuditEntry, broken)
        if entry is None:
            return AuditCheck(count, broken)
        return AuditCheck(count, broken, entry.at, entry.actor, entry.action, entry.entity)
