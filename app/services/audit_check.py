"""Checking the audit log for the window (menu) and the command line (`main.py verify`) alike."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, table, text
from sqlalchemy.orm import Session

from app.db.anchors import Anchor
from app.db.audit import chain_states, has_state_column, verify_chain
from app.db.audit_state import StateCheck, StateProblem, check_state
from app.db.backups import list_backups
from app.db.connect import DB_ERRORS, connect
from app.db.database import Database
from app.db.models import AuditEntry, Incident
from app.db.register_key import RegisterKey
from app.db.sqlite_uri import sqlite_uri
from app.domain.dates import to_jst
from app.i18n import N_, _, ngettext


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
    entry = session.execute(
        select(AuditEntry.at, AuditEntry.actor, AuditEntry.action, AuditEntry.entity).where(
            AuditEntry.id == broken
        )  # columns, not the entity: a register older than 0005 has no `state` column
    ).first()
    if entry is None:
        return AuditCheck(count, broken)
    return AuditCheck(count, broken, entry.at, entry.actor, entry.action, entry.entity)


# What the officer calls the rows of each tracked table (app/db/audit_state.py).
_ROW_NAMES = {
    "incidents": N_("Incident"),
    "timeline_entries": N_("Timeline entry"),
    "filings": N_("Filing"),
    "notice_deliveries": N_("Notice to a person"),
    "notice_delivery_events": N_("Notice follow-up"),
    "filing_corrections": N_("Filing correction"),
    "delivery_event_withdrawals": N_("Withdrawn notice follow-up"),
}
_SHOWN_PROBLEMS = 20


@dataclass(frozen=True, slots=True)
class TablesCheck:
    """The tables recomputed against the digests the chain holds; `checked` False for a register before 0005."""

    checked: bool
    rows: int = 0
    problems: tuple[str, ...] = ()  # one line per row, naming table, id and 番号, never personal data
    more: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if not self.checked:
            return _(
                "The tables were not checked against the audit log: this register was last written by a version "
                "that recorded no row digests (schema before 0005)."
            )
        return _(
            "Rows of incidents, timeline, filings and notices checked against the audit log: {count}"
        ).format(count=f"{self.rows:,}")

    def message(self) -> str:
        count = len(self.problems) + self.more
        lines = [
            ngettext(
                "{count} row of the register does not match the audit log: it was changed outside BreachDesk "
                "(for example with a database tool). Keep the file, its backups and the anchors file for "
                "investigation.",
                "{count} rows of the register do not match the audit log: they were changed outside BreachDesk "
                "(for example with a database tool). Keep the file, its backups and the anchors file for "
                "investigation.",
                count,
            ).format(count=f"{count:,}"),
            *("  " + line for line in self.problems),
        ]
        if self.more:
            lines.append("  " + _("… and {count} more").format(count=f"{self.more:,}"))
        return "\n".join(lines)


def _reference(session: Session, problem: StateProblem) -> str:
    """The incident's 番号 (from the audit log when the row itself is gone); "" when it cannot be told."""
    incident_id: int | None = problem.row_id if problem.table == "incidents" else None
    if incident_id is None:
        row = session.execute(
            select(text("incident_id")).select_from(table(problem.table)).where(text("id = :id")),
            {"id": problem.row_id},
        ).first()
        incident_id = int(row[0]) if row is not None else None
    if incident_id is None:
        return ""
    found = session.scalar(select(Incident.reference).where(Incident.id == incident_id))
    if found:
        return str(found)
    for after in session.scalars(
        select(AuditEntry.after)
        .where(AuditEntry.entity == "incident", AuditEntry.entity_id == incident_id)
        .order_by(AuditEntry.id.desc())
    ):
        if isinstance(after, dict) and after.get("reference"):
            return str(after["reference"])
    return ""


def _problem_line(session: Session, problem: StateProblem) -> str:
    what = _(_ROW_NAMES[problem.table])
    reference = _reference(session, problem)
    if reference and problem.table == "incidents":
        where = _("Incident {reference} (id {id})").format(reference=reference, id=problem.row_id)
    elif reference:
        where = _("{what} {id} (incident {reference})").format(
            what=what, id=problem.row_id, reference=reference
        )
    else:
        where = _("{what} {id}").format(what=what, id=problem.row_id)
    if problem.kind == "changed":
        return _("{where}: changed after its last audit entry").format(where=where)
    if problem.kind == "deleted":
        return _("{where}: deleted, but the audit log records it").format(where=where)
    return _("{where}: not in the audit log (added outside BreachDesk)").format(where=where)


def check_tables_in(session: Session) -> TablesCheck:
    """Every incident, timeline entry, filing and notice now against the newest digest the chain holds for it."""
    if not has_state_column(session):
        return TablesCheck(checked=False)
    result: StateCheck = check_state(session.connection(), chain_states(session))
    shown = result.problems[:_SHOWN_PROBLEMS]
    return TablesCheck(
        checked=True,
        rows=result.rows,
        problems=tuple(_problem_line(session, p) for p in shown),
        more=len(result.problems) - len(shown),
    )


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


def backup_heads(backups_dir: Path, key: RegisterKey | None = None) -> list[Anchor]:
    """The head each backup holds (a backup is a copy of the register, so its newest entry is an anchor)."""
    heads: list[Anchor] = []
    for backup in list_backups(backups_dir):
        try:
            with contextlib.closing(
                connect(sqlite_uri(backup, {"mode": "ro", "immutable": "1"}), key)
            ) as conn:
                row = conn.execute("SELECT id, hash, at FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        except DB_ERRORS:
            continue  # not readable as a register: restore would refuse it too; not an anchor
        if row is not None:
            at = _stored_moment(row[2])
            heads.append(Anchor(int(row[0]), str(row[1]), at, f"backups/{backup.name}"))
    return heads
