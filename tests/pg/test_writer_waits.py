"""A writer never waits for ever on another PC (issue 19 point 2): the chain's lock (app/db/chain_lock.py) gives up
after LOCK_TIMEOUT with a Japanese message, and nothing of the refused change is saved."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from app.db import chain_lock
from app.db.database import Database
from app.db.faults import DatabaseFault, FaultKind
from app.db.models import AppSetting
from app.services.app_settings import AppSettingsService


def test_a_write_held_up_by_another_pc_gives_up_with_a_message(pg_db: Database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(chain_lock, "LOCK_TIMEOUT", "300ms")
    settings = AppSettingsService(pg_db)
    holding, release = threading.Event(), threading.Event()

    def other_pc() -> None:  # a write transaction that hangs (a PC whose network stalled mid-save)
        with pg_db.session_scope() as session:
            session.add(AppSetting(key="other-pc", value=1))
            session.flush()
            holding.set()
            release.wait(30)

    writer = threading.Thread(target=other_pc)
    writer.start()
    try:
        assert holding.wait(30)
        with pytest.raises(DatabaseFault) as raised:
            settings.set("mine", 2, audited=False)
        assert raised.value.kind is FaultKind.SERVER_BUSY
        assert "別の PC の書き込みがまだ終わっていません" in raised.value.user_text()
        assert "Traceback" not in raised.value.user_text()
    finally:
        release.set()
        writer.join(30)
    with pg_db.read_scope() as session:
        keys = set(session.scalars(select(AppSetting.key)))
    assert "other-pc" in keys and "mine" not in keys  # the refused change left nothing behind
    settings.set("mine", 3, audited=False)  # and once the other PC is done, the same write goes through
    assert settings.get("mine") == 3
