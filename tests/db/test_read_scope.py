"""Reads that neither wait for a writer nor make one wait (docs/adr/0011-gui-thread-stalls.md): a worker computing
the deadlines read in a transaction that took the write lock, and the window's own next read or save waited for it."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from app.db.database import Database
from app.db.models import AppSetting
from app.services.app_settings import AppSettingsService


def test_a_save_goes_through_while_a_read_is_open(db: Database) -> None:
    settings = AppSettingsService(db)
    settings.set("probe", 1, audited=False)
    saved = threading.Event()
    errors: list[BaseException] = []

    def save_elsewhere() -> None:
        try:
            AppSettingsService(db).set("probe", 2, audited=False)
            saved.set()
        except BaseException as exc:  # reported below, with its type
            errors.append(exc)

    with db.read_scope() as session:
        assert session.scalar(select(AppSetting.value).where(AppSetting.key == "probe")) == 1
        writer = threading.Thread(target=save_elsewhere)
        writer.start()
        writer.join(timeout=30)
        # With BEGIN IMMEDIATE the writer waited for this read and failed after the busy timeout ("in use").
        assert saved.is_set(), errors
        # The read keeps its snapshot: what it began with, not the new value.
        assert session.scalar(select(AppSetting.value).where(AppSetting.key == "probe")) == 1
    assert settings.get("probe") == 2


def test_a_change_inside_a_read_is_refused_and_nothing_is_written(db: Database) -> None:
    with pytest.raises(RuntimeError), db.read_scope() as session:
        session.add(AppSetting(key="sneaky", value=1))
    assert AppSettingsService(db).get("sneaky") is None


def test_the_register_query_reads_beside_a_writer(db: Database) -> None:
    """The register's Core queries (app/services/register.py) run on the reader engine: the same snapshot reads."""
    with db.reader.connect() as conn:
        conn.execute(select(AppSetting.key)).all()
        AppSettingsService(db).set(
            "while-reading", True, audited=False
        )  # would wait ~busy timeout, then fail
    assert AppSettingsService(db).get("while-reading") is True
