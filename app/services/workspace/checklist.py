"""対応チェックリスト: the GL 3-5-2 steps and the first actions for the incident kind, each with who, when, note.

Steps come from app.domain.checklist (the wizard's result page shows the same list). They are stored once per
incident and follow its latest assessment: a re-assessment adds the steps its verdict calls for (under 第7条 and the
番号法) and drops the verdict's steps it no longer calls for only while nobody has ticked, named or annotated
them, so a tick is never thrown away.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import audit
from app.db.database import Database
from app.db.models import ChecklistEntry, Incident
from app.domain.checklist import GROUP_ORDER, VERDICT_STEPS, ChecklistGroup, checklist_for, item
from app.domain.dates import now_utc
from app.errors import InputError
from app.i18n import _, ngettext
from app.services.workspace.concurrency import refusal
from app.services.workspace.derived import latest_assessment_row, parse_assessment

MAX_NOTE = 20_000


@dataclass(frozen=True, slots=True)
class ChecklistStep:
    id: int
    code: str
    label: str  # in the current UI language for known steps; as typed for the officer's own
    why: str
    group: ChecklistGroup
    done_by: str | None
    done_at: dt.datetime | None
    note: str

    @property
    def done(self) -> bool:
        return self.done_at is not None


def _snapshot(row: ChecklistEntry) -> dict[str, Any]:
    return {
        "incident_id": row.incident_id,
        "code": row.code,
        "done_by": row.done_by,
        "done_at": row.done_at,
        "note": row.note,
    }


def _step(row: ChecklistEntry) -> ChecklistStep:
    known = item(row.code)
    try:
        group = ChecklistGroup(row.group)
    except ValueError:
        group = ChecklistGroup.CONTAIN
    return ChecklistStep(
        id=row.id,
        code=row.code,
        label=known.label if known is not None else row.label,
        why=known.why if known is not None else "",
        group=group,
        done_by=row.done_by,
        done_at=row.done_at,
        note=row.note,
    )


class ChecklistService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def steps(self, incident_id: int) -> list[ChecklistStep]:
        """Adds the steps the current assessment calls for (first call, or after a re-assessment), then lists."""
        with self.db.session_scope() as session:
            self._add_missing(session, incident_id)
            rows = list(
                session.scalars(
                    select(ChecklistEntry)
                    .where(ChecklistEntry.incident_id == incident_id)
                    .order_by(ChecklistEntry.position, ChecklistEntry.id)
                )
            )
        steps = [_step(row) for row in rows]
        return sorted(
            steps, key=lambda s: GROUP_ORDER.index(s.group)
        )  # stable: positions kept within a group

    def _add_missing(self, session: Session, incident_id: int) -> None:
        incident = session.get(Incident, incident_id)
        if incident is None:
            raise LookupError(f"no incident {incident_id}")
        latest = latest_assessment_row(session, incident_id)
        wanted = checklist_for(
            incident.incident_kind, parse_assessment(latest.assessment if latest is not None else None)
        )
        self._drop_unwanted(session, incident_id, {step.code for step in wanted})
        have = set(
            session.scalars(select(ChecklistEntry.code).where(ChecklistEntry.incident_id == incident_id))
        )
        new = [step for step in wanted if step.code not in have]
        if not new:
            return
        position = self._next_position(session, incident_id)
        for offset, step in enumerate(new):
            session.add(
                ChecklistEntry(
                    incident_id=incident_id,
                    code=step.code,
                    label=step.label,
                    group=step.group.value,
                    position=position + offset,
                    note="",
                )
            )
        session.flush()
        audit.append(
            session,
            action="add_steps",
            entity="incident",
            entity_id=incident_id,
            after={"checklist": [step.code for step in new]},
        )

    @staticmethod
    def _drop_unwanted(session: Session, incident_id: int, wanted: set[str]) -> None:
        """A verdict's step the latest verdict no longer calls for goes, unless someone worked on it."""
        stale = list(
            session.scalars(
                select(ChecklistEntry).where(
                    ChecklistEntry.incident_id == incident_id,
                    ChecklistEntry.code.in_(VERDICT_STEPS - wanted),
                    ChecklistEntry.done_at.is_(None),
                    ChecklistEntry.done_by.is_(None),
                    ChecklistEntry.note == "",
                )
            )
        )
        if not stale:
            return
        for row in stale:
            session.delete(row)
        session.flush()
        audit.append(
            session,
            action="remove_steps",
            entity="incident",
            entity_id=incident_id,
            before={"checklist": [row.code for row in stale]},
        )

    @staticmethod
    def _free_custom_code(session: Session, incident_id: int) -> str:
        """custom-N past every N in use: steps dropped by a re-assessment leave gaps, so a count could collide."""
        used = session.scalars(
            select(ChecklistEntry.code).where(
                ChecklistEntry.incident_id == incident_id, ChecklistEntry.code.like("custom-%")
            )
        )
        numbers = [int(code[7:]) for code in used if code[7:].isdigit()]
        return f"custom-{max(numbers, default=0) + 1}"

    @staticmethod
    def _next_position(session: Session, incident_id: int) -> int:
        last = session.scalar(
            select(func.max(ChecklistEntry.position)).where(ChecklistEntry.incident_id == incident_id)
        )
        return (last if last is not None else -1) + 1

    def add_custom(self, incident_id: int, label: str, group: ChecklistGroup) -> int:
        text = label.strip()
        if not text:
            raise InputError(_("Describe the step."), field="label")
        with self.db.session_scope() as session:
            row = ChecklistEntry(
                incident_id=incident_id,
                code=self._free_custom_code(session, incident_id),
                label=text,
                group=group.value,
                position=self._next_position(session, incident_id),
                note="",
            )
            session.add(row)
            session.flush()
            audit.append(
                session,
                action="create",
                entity="checklist_item",
                entity_id=row.id,
                after={**_snapshot(row), "label": text},
            )
            return row.id

    def set_done(
        self, step_id: int, done: bool, *, done_by: str | None = None, done_at: dt.datetime | None = None
    ) -> ChecklistStep:
        """Ticking records who (the OS user unless a name is given) and when (now unless given)."""
        if done_at is not None and done_at.tzinfo is None:
            raise ValueError("done_at must be timezone-aware")
        return self._update(
            step_id,
            done_at=(done_at or now_utc()) if done else None,
            done_by=(done_by or audit.current_actor()) if done else None,
        )

    def set_done_by(self, step_id: int, name: str, *, seen_text: str | None = None) -> ChecklistStep:
        """`seen_text`: the 実施者 the officer's screen showed (see _update)."""
        return self._update(step_id, ("done_by", seen_text), done_by=name.strip()[:100] or None)

    def set_done_at(self, step_id: int, moment: dt.datetime) -> ChecklistStep:
        if moment.tzinfo is None:
            raise ValueError("done_at must be timezone-aware")
        return self._update(step_id, done_at=moment)

    def set_note(self, step_id: int, note: str, *, seen_text: str | None = None) -> ChecklistStep:
        """`seen_text`: the メモ the officer's screen showed (see _update)."""
        if len(note) > MAX_NOTE:
            raise InputError(
                ngettext(
                    "The text is too long ({length} character; at most {limit}).",
                    "The text is too long ({length} characters; at most {limit}).",
                    len(note),
                ).format(length=len(note), limit=MAX_NOTE),
                field="note",
            )
        return self._update(step_id, ("note", seen_text), note=note)

    def _update(
        self, step_id: int, seen: tuple[str, str | None] | None = None, **changes: Any
    ) -> ChecklistStep:
        """`seen`: (column, the text the screen was built from). A 実施者 or メモ typed on a screen that is older
        than the saved text is refused with ConcurrentEdit (who saved it, and `saved` = {column: text}) instead of
        replacing another PC's text (issue 19 point 2, docs/adr/0013-optimistic-concurrency.md). A compare of
        the text needs no version column: the write transaction serialises writers (SQLite: BEGIN IMMEDIATE;
        PostgreSQL: the chain's advisory lock), so nothing is saved between the compare and the write. Saving the
        text already saved writes nothing and is never refused; None (ticks, the command line) is not checked."""
        with self.db.session_scope() as session:
            row = session.get(ChecklistEntry, step_id)
            if row is None:
                raise LookupError(f"no checklist step {step_id}")
            if seen is not None and seen[1] is not None:
                column, shown = seen
                now = getattr(row, column) or ""
                if now != shown and now != (changes[column] or ""):
                    raise refusal(session, "checklist_item", row.id, 0, now_utc(), {column: now})
            audit.apply_changes(session, row, changes, snapshot=_snapshot, entity="checklist_item")
            return _step(row)
