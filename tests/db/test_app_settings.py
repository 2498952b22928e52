"""Settings kept with the register survive a restart, and audited writes leave a verifiable trail."""

from __future__ import annotations

from app.db.audit import verify_chain
from app.db.database import Database
from app.db.models import AuditEntry
from app.paths import DataPaths
from app.services.app_settings import AppSettingsService


def _audit_count(db: Database) -> int:
    with db.session_scope() as session:
        return session.query(AuditEntry).count()


def test_value_survives_restart_and_is_a_copy(data_paths: DataPaths) -> None:
    db = Database.open(data_paths)
    AppSettingsService(db).set("wizard.draft", {"page": 3, "answers": {"title": "髙橋様宛メール誤送信"}})
    db.close()
    db = Database.open(data_paths)
    service = AppSettingsService(db)
    value = service.get("wizard.draft")
    assert value == {"page": 3, "answers": {"title": "髙橋様宛メール誤送信"}}
    value["page"] = 99
    assert service.get("wizard.draft")["page"] == 3
    assert service.get("missing", {"x": 1}) == {"x": 1}
    db.close()


def test_audited_and_unaudited_writes(data_paths: DataPaths) -> None:
    db = Database.open(data_paths)
    service = AppSettingsService(db)
    start = _audit_count(db)
    service.set("reminders", {"lead_days": [2, 0]})
    service.set("reminders", {"lead_days": [2, 0]})  # unchanged: no second entry
    service.set("wizard.draft", {"page": 1}, audited=False)
    service.delete("reminders")
    service.delete("reminders")  # already gone: nothing happens
    assert _audit_count(db) == start + 2
    assert service.get("reminders") is None
    with db.session_scope() as session:
        assert verify_chain(session) is None
    db.close()
