"""The audit log is append-only and hash-chained: tampering through raw SQL is found by verify_chain."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select

from app.db import audit
from app.db.database import Database
from app.db.models import AuditEntry
from app.domain.office import OfficeProfile
from app.services.incidents import IncidentService
from app.services.office import OfficeService


def _history(db: Database) -> list[int]:
    OfficeService(db).save(OfficeProfile(name="北町法律事務所"), actor="tanaka")
    service = IncidentService(db)
    service.create("依頼者名簿の紛失", {}, None, None, actor="tanaka")
    service.create("ランサムウェア感染", {}, None, "ransomware", actor="suzuki")
    OfficeService(db).save(OfficeProfile(name="北町法律事務所", pmark_holder=True), actor="tanaka")
    with db.session_scope() as session:
        return list(session.scalars(select(AuditEntry.id).order_by(AuditEntry.id)))


def _verify(db: Database) -> int | None:
    with db.session_scope() as session:
        return audit.verify_chain(session)


def test_untouched_chain_verifies(db: Database) -> None:
    ids = _history(db)
    assert len(ids) == 4
    assert _verify(db) is None
    with db.session_scope() as session:
        entries = list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
    assert entries[0].prev_hash == audit.GENESIS_HASH
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
    assert [e.actor for e in entries] == ["tanaka", "tanaka", "suzuki", "tanaka"]
    assert entries[3].before["pmark_holder"] is False and entries[3].after["pmark_holder"] is True


def test_database_refuses_to_edit_or_delete_audit_rows(db: Database) -> None:
    _history(db)
    assert db.file is not None
    with sqlite3.connect(db.file) as conn:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE audit_log SET actor = 'someone' WHERE id = 2")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM audit_log WHERE id = 2")
    conn.close()


def test_edited_row_is_the_first_broken_entry(db: Database) -> None:
    ids = _history(db)
    assert db.file is not None
    with sqlite3.connect(db.file) as conn:  # a tamperer who also removes the guard
        conn.execute("DROP TRIGGER trg_audit_log_no_update")
        conn.execute(
            "UPDATE audit_log SET after = json_set(after, '$.title', '改ざん後') WHERE id = ?", (ids[1],)
        )
    conn.close()
    assert _verify(db) == ids[1]


def test_deleted_row_breaks_the_link_of_the_next_one(db: Database) -> None:
    ids = _history(db)
    assert db.file is not None
    with sqlite3.connect(db.file) as conn:
        conn.execute("DROP TRIGGER trg_audit_log_no_delete")
        conn.execute("DELETE FROM audit_log WHERE id = ?", (ids[1],))
    conn.close()
    assert _verify(db) == ids[2]


def test_timeline_is_append_only_too(db: Database) -> None:
    incident_id = IncidentService(db).create("事実経過の確認", {}, None, None)
    assert db.file is not None
    with sqlite3.connect(db.file) as conn:
        conn.execute(
            "INSERT INTO timeline_entries (incident_id, occurred_at, recorded_at, actor, text) "
            "VALUES (?, '2027-07-01 00:00:00', '2027-07-01 00:00:00', 'tanaka', '誤送信に気づいた')",
            (incident_id,),
        )
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE timeline_entries SET text = '書き換え'")
    conn.close()


def test_actor_defaults_to_the_os_user(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "officer01")
    IncidentService(db).create("USBメモリ紛失", {}, None, None)
    with db.session_scope() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry is not None and entry.actor == "officer01"
