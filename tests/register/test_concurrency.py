"""Two officers on one register: an edit names the version its screen was built from, a stale one is told who
saved first and nothing is overwritten (issue 19 point 2, docs/adr/0013-optimistic-concurrency.md).

The database is a fixture parameter: the SQLite file and a real PostgreSQL server (tests/conftest.py `pg_url`).
Two processes at once on PostgreSQL: tests/pg/test_two_writers.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select, text

from app.db import audit
from app.db.database import Database
from app.db.models import Assessment as AssessmentRow
from app.db.models import AuditEntry, Incident
from app.errors import ConcurrentEdit
from app.services.assessments import AssessmentService
from app.services.workspace import OverviewService
from app.services.workspace.concurrency import claim
from app.services.workspace.overview import _snapshot
from tests.register.conftest import assessed, facts


def _updates(db: Database, incident: int) -> list[Any]:
    """The incident's "update" entries, oldest first (before, after, at)."""
    with db.read_scope() as session:
        return list(
            session.execute(
                select(AuditEntry.before, AuditEntry.after, AuditEntry.at)
                .where(AuditEntry.entity == "incident", AuditEntry.entity_id == incident)
                .where(AuditEntry.action == "update")
                .order_by(AuditEntry.id)
            )
        )


def test_the_second_writer_is_told_who_saved_first_and_nothing_is_overwritten(shared_db: Database) -> None:
    incident = assessed(shared_db, "健診結果の誤送信")
    yamada, suzuki = OverviewService(shared_db), OverviewService(shared_db)
    seen = yamada.overview(incident).version
    assert seen == 1 and suzuki.version(incident) == 1

    assert yamada.set_title(incident, "健診結果の誤送信（人事部）", seen_version=seen) == 2
    with pytest.raises(ConcurrentEdit) as refused:
        suzuki.set_title(incident, "健診結果の誤送信（総務部）", seen_version=seen)

    conflict = refused.value
    me = audit.current_actor()
    assert conflict.actor == me and conflict.version == 2
    assert conflict.saved["title"] == "健診結果の誤送信（人事部）"
    assert conflict.message.startswith(f"この事案は{me}さんが先に更新しました（")
    assert conflict.message.endswith("）。最新の内容を読み込みますか？")
    assert "総務部" not in conflict.message  # the texts go to the dialog, never into a message or a log
    overview = yamada.overview(incident)
    assert overview.title == "健診結果の誤送信（人事部）" and overview.version == 2
    assert len(_updates(shared_db, incident)) == 1

    # 「自分の内容で上書きする」: a new audited save on the new version, the first one kept in the chain.
    assert suzuki.set_title(incident, "健診結果の誤送信（総務部）", seen_version=conflict.version) == 3
    entries = _updates(shared_db, incident)
    assert [e.after["title"] for e in entries] == ["健診結果の誤送信（人事部）", "健診結果の誤送信（総務部）"]
    assert entries[1].before["title"] == "健診結果の誤送信（人事部）"
    last = yamada.overview(incident).last_change
    assert last is not None and last.actor == me and last.at == entries[1].at


def test_every_edit_of_the_incident_is_versioned(shared_db: Database) -> None:
    incident = assessed(shared_db, "USBメモリの紛失")
    service = OverviewService(shared_db)
    version = service.set_notes(incident, "警察に届出済み", seen_version=1)
    version = service.set_public_summary(incident, "USBメモリを紛失しました。", seen_version=version)
    version = service.set_classification(incident, "cause", None, seen_version=version)  # unchanged: no write
    assert version == 3
    for stale_edit in (
        lambda: service.set_notes(incident, "別の内容", seen_version=1),
        lambda: service.set_public_summary(incident, "別の概要", seen_version=2),
        lambda: service.set_title(incident, "別の件名", seen_version=2),
        lambda: service.close(incident, confirm_missing=True, seen_version=1),
        lambda: AssessmentService(shared_db).reassess(
            incident, facts(affected_count=1200), "件数が判明", seen_version=2
        ),
    ):
        with pytest.raises(ConcurrentEdit):
            stale_edit()
    after = service.overview(incident)
    assert (after.notes, after.public_summary, after.title, after.closed_at, after.version) == (
        "警察に届出済み",
        "USBメモリを紛失しました。",
        "USBメモリの紛失",
        None,
        3,
    )
    with shared_db.read_scope() as session:
        assert (
            len(session.scalars(select(AssessmentRow.id).where(AssessmentRow.incident_id == incident)).all())
            == 1
        )
    # From the current version each goes through, and each raises the version by one.
    AssessmentService(shared_db).reassess(incident, facts(affected_count=1200), "件数が判明", seen_version=3)
    service.close(incident, confirm_missing=True, seen_version=4)
    assert service.reopen(incident, seen_version=5) is not None
    assert service.version(incident) == 6


def test_a_save_that_changes_nothing_writes_nothing_even_from_an_old_version(shared_db: Database) -> None:
    incident = assessed(shared_db, "誤送信")
    service = OverviewService(shared_db)
    service.set_notes(incident, "メモ", seen_version=1)
    assert service.set_notes(incident, "メモ", seen_version=1) == 1  # the screen keeps its version
    assert service.version(incident) == 2 and len(_updates(shared_db, incident)) == 1


def test_the_version_is_checked_in_the_update_itself(shared_db: Database) -> None:
    """Between reading the row and writing it another writer may commit (PostgreSQL, READ COMMITTED): the
    UPDATE … WHERE version = :seen then changes no row and the edit is refused, not applied."""
    incident = assessed(shared_db, "誤送信")
    with pytest.raises(ConcurrentEdit) as refused, shared_db.session_scope() as session:
        row = session.get(Incident, incident)
        assert row is not None and row.version == 1
        session.execute(text("UPDATE incidents SET version = 7 WHERE id = :id"), {"id": incident})
        claim(session, row, None, _snapshot)  # the row in memory still says 1
    assert refused.value.version == 7
    assert OverviewService(shared_db).version(incident) == 1  # rolled back with the refused edit


def test_the_cli_edits_without_a_version_still_raise_it(shared_db: Database) -> None:
    incident = assessed(shared_db, "誤送信")
    service = OverviewService(shared_db)
    assert service.set_title(incident, "誤送信（営業部）") == 2
    with pytest.raises(ConcurrentEdit):
        service.set_title(incident, "誤送信（総務部）", seen_version=1)
