"""A register saved by schema 0001 upgrades to head: searchable at once, filters filled, triggers intact."""

from __future__ import annotations

import shutil
import sqlite3

from app.db.database import Database
from app.domain.register import RegisterQuery, Reportable
from app.paths import DataPaths
from app.services.register import RegisterService
from tests.db.conftest import FIXTURES
from tests.register.conftest import TODAY


def test_schema_0001_register_upgrades_with_search_and_filters(data_paths: DataPaths) -> None:
    shutil.copyfile(FIXTURES / "schema-0001.sqlite3", data_paths.db_file)
    db = Database.open(data_paths, busy_timeout=0.2)
    try:
        service = RegisterService(db)
        lost = service.ids(RegisterQuery(text="健康診断結果"), TODAY)
        assert [service.rows(lost)[i].title for i in lost] == ["健康診断結果の紛失"]
        assert len(service.ids(RegisterQuery(text="紛失"), TODAY)) == 1  # two characters: LIKE path
        assert len(service.ids(RegisterQuery(reportable=Reportable.REPORTABLE), TODAY)) >= 1
        assert len(service.ids(RegisterQuery(reportable=Reportable.NOT_REPORTABLE), TODAY)) == 1
    finally:
        db.close()
    with sqlite3.connect(data_paths.db_file) as conn:
        triggers = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    conn.close()
    assert {
        "trg_audit_log_no_update",
        "trg_audit_log_no_delete",
        "trg_timeline_entries_no_update",
        "trg_timeline_entries_no_delete",
        "trg_search_timeline_insert",
    } <= triggers
