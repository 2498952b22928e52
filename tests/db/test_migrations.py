"""Schema: migrations build exactly the models' schema, old registers upgrade, newer ones are refused untouched."""

from __future__ import annotations

import ast
import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Connection

from app.db.backups import list_backups
from app.db.database import Database
from app.db.faults import DatabaseFault, FaultKind
from app.db.migrate import head_revision, migrations_dir
from app.db.models import Base, include_in_autogenerate
from app.domain.incident import IncidentStatus
from app.domain.register import SortKey
from app.errors import StorageError
from app.paths import DataPaths
from app.services.incidents import IncidentService
from app.services.office import OfficeService
from tests.db.conftest import FIXTURES, SHORT_BUSY


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_migrations_from_empty_reach_head_with_every_table(db: Database) -> None:
    assert db.file is not None
    assert _tables(db.file) >= {
        "alembic_version",
        "office_profile",
        "incidents",
        "assessments",
        "timeline_entries",
        "filings",
        "audit_log",
        "app_settings",
    }
    with sqlite3.connect(db.file) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head_revision(),)]


def test_schema_built_by_migrations_matches_the_models(db: Database) -> None:
    """No drift: autogenerate against the migrated database finds nothing to add, drop or alter."""
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": include_in_autogenerate}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_register_sorts_have_indexes(db: Database) -> None:
    with db.engine.connect() as conn:
        plan = conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM incidents WHERE status = 'investigating' ORDER BY next_deadline"
        ).fetchall()
    assert any("ix_incidents_status_next_deadline" in str(row) for row in plan)


def test_foreign_keys_and_wal_are_on_for_every_connection(db: Database) -> None:
    db.engine.dispose()  # every connection below is a fresh one, configured by the connect hook
    for _ in range(2):
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        db.engine.dispose()


def test_migration_scripts_do_not_import_the_live_models() -> None:
    """A revision must describe its own frozen schema; importing the models would change old revisions silently."""
    scripts = sorted((migrations_dir() / "versions").glob("[0-9]*.py"))
    assert scripts
    for script in scripts:
        imported: set[str] = set()
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
        assert not [name for name in imported if name == "app" or name.startswith("app.")], script.name


def test_register_from_schema_0001_opens_and_keeps_its_rows(data_paths: DataPaths) -> None:
    """A real database saved by schema 0001 (office profile, three incidents, four audit entries)."""
    shutil.copyfile(FIXTURES / "schema-0001.sqlite3", data_paths.db_file)
    db = Database.open(data_paths, busy_timeout=SHORT_BUSY)
    try:
        assert OfficeService(db).load().name == "さくら会計事務所"
        rows = {s.reference: s for s in IncidentService(db).list_summaries()}
        assert set(rows) == {"2026-0001", "2026-0002", "2026-0003"}
        assert rows["2026-0001"].status is IncidentStatus.NOT_REPORTABLE
        lost = rows["2026-0002"]
        assert lost.title == "健康診断結果の紛失"
        assert lost.applicable_items == (1,)
        assert lost.next_deadline is not None and lost.next_deadline.isoformat() == "2026-06-05"
        detail = IncidentService(db).get(lost.id)
        assert detail is not None and detail.rules_version == "APPI-R7-2024-04/GL-2025-06"
        from app.db.audit import verify_chain

        with db.session_scope() as session:
            assert verify_chain(session) is None
    finally:
        db.close()


def _stamp(path: Path, revision: str | None) -> None:
    """What `alembic stamp` writes: an empty database that records `revision` (or nothing, for base)."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
        if revision is not None:
            conn.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    conn.close()


def test_database_at_base_is_copied_before_migrating(data_paths: DataPaths) -> None:
    _stamp(data_paths.db_file, None)
    original = data_paths.db_file.read_bytes()
    Database.open(data_paths, busy_timeout=SHORT_BUSY).close()
    copies = [p for p in list_backups(data_paths.backups_dir) if p.name.startswith("pre-migration-base-")]
    assert len(copies) == 1
    assert copies[0].read_bytes() == original  # the copy is the database as it was before the upgrade
    assert "incidents" in _tables(data_paths.db_file)


def test_up_to_date_database_gets_no_pre_migration_copy(data_paths: DataPaths) -> None:
    Database.open(data_paths, busy_timeout=SHORT_BUSY).close()
    Database.open(data_paths, busy_timeout=SHORT_BUSY).close()
    assert not [p for p in list_backups(data_paths.backups_dir) if p.name.startswith("pre-migration-")]


def test_database_from_a_newer_breachdesk_is_refused_and_left_untouched(data_paths: DataPaths) -> None:
    Database.open(data_paths, busy_timeout=SHORT_BUSY).close()
    with sqlite3.connect(data_paths.db_file) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.close()
    before = data_paths.db_file.read_bytes()
    backups_before = list_backups(data_paths.backups_dir)

    with pytest.raises(StorageError) as caught:
        Database.open(data_paths, busy_timeout=SHORT_BUSY)

    assert isinstance(caught.value, DatabaseFault) and caught.value.kind is FaultKind.NEWER_SCHEMA
    assert "より新しいバージョンの BreachDesk で保存されています（スキーマ 0099）" in caught.value.message
    assert str(data_paths.db_file) in caught.value.message
    assert "ファイルは変更していません" in (caught.value.hint or "")
    assert data_paths.db_file.read_bytes() == before
    assert list_backups(data_paths.backups_dir) == backups_before


def test_sqlite_url_goes_through_the_same_checks(data_paths: DataPaths, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.sqlite3"
    db = Database.open(data_paths, f"sqlite:///{elsewhere}", busy_timeout=SHORT_BUSY)
    try:
        IncidentService(db).create("別ファイルの台帳", {}, None, None)
        assert db.file == elsewhere
    finally:
        db.close()
    assert "incidents" in _tables(elsewhere)
    assert not data_paths.db_file.exists()
    assert list_backups(data_paths.backups_dir)


def test_in_memory_database_uses_the_non_file_path(data_paths: DataPaths) -> None:
    """The code path PostgreSQL will take: schema checks and migrations, no file checks, no backups."""
    db = Database.open(data_paths, "sqlite://", busy_timeout=SHORT_BUSY)
    try:
        assert db.file is None and db.backups() == []
        incident_id = IncidentService(db).create("メモリ上の台帳", {}, None, None)
        detail = IncidentService(db).get(incident_id)
        assert detail is not None and detail.summary.title == "メモリ上の台帳"
    finally:
        db.close()


def test_non_file_database_from_a_newer_breachdesk_is_refused(data_paths: DataPaths) -> None:
    """A shared in-memory SQLite database stands in for PostgreSQL: same schema check, no file involved."""
    uri = "file:newer_register?mode=memory&cache=shared"
    keeper = sqlite3.connect(uri, uri=True)  # keeps the shared in-memory database alive
    try:
        keeper.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
        keeper.execute("INSERT INTO alembic_version VALUES ('0099')")
        keeper.commit()
        with pytest.raises(StorageError) as caught:
            Database.open(data_paths, f"sqlite:///{uri}&uri=true", busy_timeout=SHORT_BUSY)
        assert "より新しいバージョンの BreachDesk で保存されています（スキーマ 0099）" in caught.value.message
        tables = {row[0] for row in keeper.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables == {"alembic_version"}
    finally:
        keeper.close()


def test_failed_migration_leaves_the_database_as_it_was(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The upgrade runs in one transaction (DDL included), and the pre-migration copy is already on disk."""
    import app.db.database as database_module
    from app.db.migrate import upgrade_to_head

    def upgrade_then_fail(connection: Connection) -> None:
        upgrade_to_head(connection)
        raise RuntimeError("simulated failure in a later migration step")

    _stamp(data_paths.db_file, None)
    monkeypatch.setattr(database_module, "upgrade_to_head", upgrade_then_fail)
    with pytest.raises(RuntimeError, match="simulated failure"):
        Database.open(data_paths, busy_timeout=SHORT_BUSY)
    assert _tables(data_paths.db_file) == {"alembic_version"}
    assert [p.name.split("-2")[0] for p in list_backups(data_paths.backups_dir)] == ["pre-migration-base"]


def test_revision_list_matches_the_scripts_on_disk() -> None:
    """The start-up path trusts REVISIONS instead of reading the scripts; a new migration must be listed there."""
    from app.db.migrate import REVISIONS, script_directory

    on_disk = [script.revision for script in script_directory().walk_revisions()]  # newest first
    assert list(reversed(on_disk)) == list(REVISIONS)
    assert script_directory().get_current_head() == REVISIONS[-1]


def _triggers_and_indexes(path: Path) -> tuple[set[str], dict[str, list[str]]]:
    with sqlite3.connect(path) as conn:
        triggers = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")]
        columns = {
            name: [row[2] for row in conn.execute(f"PRAGMA index_info('{name}')")]
            for name in names
            if name.startswith("ix_incidents")
        }
    conn.close()
    return triggers, columns


def test_register_from_schema_0002_gets_the_my_number_column(data_paths: DataPaths) -> None:
    """A register saved by the release before the 番号法 track (tests/fixtures/make_schema_0002.py): incidents
    whose facts name a 個人番号 read 「未判定」 under the 番号法 until re-assessed; nothing else moves."""
    shutil.copyfile(FIXTURES / "schema-0002.sqlite3", data_paths.db_file)
    triggers_before, _ = _triggers_and_indexes(data_paths.db_file)
    db = Database.open(data_paths, busy_timeout=SHORT_BUSY)
    try:
        from app.domain.register import BangoVerdict, MyNumberFilter, RegisterQuery
        from app.services.register import RegisterService
        from app.services.workspace.timeline import TimelineService

        service = RegisterService(db)
        today = dt.date(2026, 12, 1)
        every = service.ids(RegisterQuery(sort=SortKey.REFERENCE, descending=False), today)
        rows = [service.rows(every)[i] for i in every]
        assert [(r.reference, r.status, r.bango_verdict, r.bango_categories) for r in rows] == [
            ("2026-0001", IncidentStatus.SOKUHO_FILED, BangoVerdict.NONE, ()),
            ("2026-0002", IncidentStatus.NOT_REPORTABLE, BangoVerdict.NOT_ASSESSED, ()),
            ("2026-0003", IncidentStatus.INVESTIGATING, BangoVerdict.NOT_ASSESSED, ()),
            ("2026-0004", IncidentStatus.NOT_REPORTABLE, BangoVerdict.NONE, ()),
            ("2026-0005", IncidentStatus.INVESTIGATING, None, ()),
        ]
        assert [(r.reportable, r.applicable_items) for r in rows[:3]] == [
            (True, (1,)),
            (False, ()),
            (True, (3,)),
        ]
        involved = service.ids(
            RegisterQuery(my_number=MyNumberFilter.INVOLVED, sort=SortKey.REFERENCE), today
        )
        assert [service.rows(involved)[i].reference for i in involved] == ["2026-0003", "2026-0002"]
        # Search and its triggers survived: old text is found, and a new timeline entry is indexed at once.
        ransom = service.ids(RegisterQuery(text="身代金要求"), today)
        assert [service.rows(ransom)[i].reference for i in ransom] == ["2026-0003"]
        TimelineService(db).append(every[1], dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), "封筒を回収できず")
        assert service.ids(RegisterQuery(text="封筒を回収"), today) == [every[1]]
        from app.db.audit import verify_chain

        with db.session_scope() as session:
            assert verify_chain(session) is None
    finally:
        db.close()
    triggers_after, indexes = _triggers_and_indexes(data_paths.db_file)
    assert triggers_after == triggers_before | DELIVERY_EVENT_TRIGGERS | CORRECTION_TRIGGERS
    assert "trg_timeline_entries_no_update" in triggers_after
    assert indexes["ix_incidents_register_order"][-1] == "bango_verdict"
    assert indexes["ix_incidents_bango_verdict_learned_date"] == ["bango_verdict", "learned_date"]
    with sqlite3.connect(data_paths.db_file) as conn, pytest.raises(sqlite3.DatabaseError):
        conn.execute("UPDATE timeline_entries SET text = 'x'")  # still append-only
    conn.close()


def test_assessments_with_a_my_number_verdict_fill_the_column_and_reportable(data_paths: DataPaths) -> None:
    """A development build wrote the "bango" object at schema 0002: its categories count as reportable."""
    shutil.copyfile(FIXTURES / "schema-0002.sqlite3", data_paths.db_file)
    with sqlite3.connect(data_paths.db_file) as conn:
        for reference, bango in (
            ("2026-0002", {"applies": True, "categories": [4], "effort_report": False}),
            ("2026-0004", {"applies": False, "categories": [], "effort_report": False}),
        ):
            conn.execute(
                "UPDATE assessments SET assessment = json_set(assessment, '$.bango', json(?)) WHERE incident_id = "
                "(SELECT id FROM incidents WHERE reference = ?)",
                (json.dumps(bango), reference),
            )
    conn.close()
    Database.open(data_paths, busy_timeout=SHORT_BUSY).close()
    with sqlite3.connect(data_paths.db_file) as conn:
        found = dict(
            (row[0], row[1:])
            for row in conn.execute(
                "SELECT reference, bango_verdict, bango_categories, reportable FROM incidents"
            )
        )
    conn.close()
    assert found["2026-0002"] == ("report", "[4]", 1)
    assert found["2026-0004"] == ("none", "[]", 0)
    assert found["2026-0003"] == ("not_assessed", "[]", 1)


def test_schema_0001_reaches_0003_and_0003_goes_back_to_0002(data_paths: DataPaths) -> None:
    shutil.copyfile(FIXTURES / "schema-0001.sqlite3", data_paths.db_file)
    Database.open(data_paths, busy_timeout=SHORT_BUSY).close()
    with sqlite3.connect(data_paths.db_file) as conn:
        assert {row[0] for row in conn.execute("SELECT bango_verdict FROM incidents")} == {"none", None}
    conn.close()
    triggers_head, _ = _triggers_and_indexes(data_paths.db_file)
    from alembic import command
    from sqlalchemy import create_engine

    from app.db.migrate import alembic_config

    engine = create_engine(f"sqlite:///{data_paths.db_file}")
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0002")
    engine.dispose()
    triggers, indexes = _triggers_and_indexes(data_paths.db_file)
    assert triggers == triggers_head - DELIVERY_EVENT_TRIGGERS - CORRECTION_TRIGGERS
    assert indexes["ix_incidents_register_order"][-1] == "jipdec_category"
    with sqlite3.connect(data_paths.db_file) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(incidents)")}
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0002",)]
    conn.close()
    assert not {"bango_verdict", "bango_categories"} & columns


DELIVERY_EVENT_TRIGGERS = {"trg_notice_delivery_events_no_update", "trg_notice_delivery_events_no_delete"}
# 0006: the corrections of filings and the withdrawals of delivery events are append-only too.
CORRECTION_TRIGGERS = {
    f"trg_{table}_no_{verb}"
    for table in ("filing_corrections", "delivery_event_withdrawals")
    for verb in ("update", "delete")
}


def test_schema_0003_gets_the_outside_summary_and_the_letter_copies(data_paths: DataPaths) -> None:
    """0004: every incident gets an empty 概要 for outside readers (its 件名 is kept as it was, internal), old
    deliveries have no stored text, and the delivery history refuses edits like the timeline."""
    shutil.copyfile(FIXTURES / "schema-0002.sqlite3", data_paths.db_file)
    Database.open(data_paths, busy_timeout=SHORT_BUSY).close()
    with sqlite3.connect(data_paths.db_file) as conn:
        summaries = {row[0] for row in conn.execute("SELECT public_summary FROM incidents")}
        columns = {row[1] for row in conn.execute("PRAGMA table_info(notice_deliveries)")}
        incident = conn.execute("SELECT id FROM incidents ORDER BY id LIMIT 1").fetchone()[0]
        conn.execute(
            "INSERT INTO notice_deliveries (incident_id, recipient_key, recipient_name, postal_code, address, "
            "email, channel, items, document_sha256, created_at, actor) VALUES (?, 'k1', 'x', '', '', '', "
            "'letter', '[]', 'ab', '2026-12-01 00:00:00.000000', 'tester')",
            (incident,),
        )
        delivery = conn.execute("SELECT max(id) FROM notice_deliveries").fetchone()[0]
        conn.execute(
            "INSERT INTO notice_delivery_events (delivery_id, incident_id, status, happened_on, note, "
            "recorded_at, actor) VALUES (?, ?, 'returned', '2026-12-03', '', '2026-12-03 00:00:00.000000', 't')",
            (delivery, incident),
        )
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(
                "INSERT INTO notice_delivery_events (delivery_id, incident_id, status, happened_on, note, "
                "recorded_at, actor) VALUES (?, ?, 'lost', '2026-12-03', '', '2026-12-03 00:00:00', 't')",
                (delivery, incident),
            )
        conn.commit()
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE notice_delivery_events SET status = 'delivered'")
    conn.close()
    assert summaries == {""}
    assert "letter_text" in columns


def test_schema_0004_gets_row_digests_and_one_baseline_entry_without_touching_old_hashes(
    data_paths: DataPaths,
) -> None:
    """0005: `audit_log.state`; the entries written before keep their hashes, and one `baseline` entry records
    the digest of every row that existed, so the chain (checked with the app's own code) still holds."""
    from app.db import audit
    from app.db.audit_state import check_state

    shutil.copyfile(FIXTURES / "schema-0002.sqlite3", data_paths.db_file)
    with sqlite3.connect(data_paths.db_file) as conn:
        old = conn.execute("SELECT id, hash FROM audit_log ORDER BY id").fetchall()
        incidents = {row[0] for row in conn.execute("SELECT id FROM incidents")}
    conn.close()
    db = Database.open(data_paths, busy_timeout=SHORT_BUSY)
    try:
        with db.session_scope() as session:
            assert audit.verify_chain(session) is None
            states = audit.chain_states(session)
            assert check_state(session.connection(), states).ok
    finally:
        db.close()
    with sqlite3.connect(data_paths.db_file) as conn:
        rows = conn.execute("SELECT id, hash, action, state FROM audit_log ORDER BY id").fetchall()
    conn.close()
    assert [(i, h) for i, h, _action, _state in rows[: len(old)]] == old
    assert all(state is None for _i, _h, _action, state in rows[: len(old)])
    (baseline,) = [json.loads(state) for _i, _h, action, state in rows if action == "baseline"]
    assert {int(i) for i in baseline["rows"]["incidents"]} == incidents


def test_a_new_register_gets_no_baseline_entry(db: Database) -> None:
    with db.session_scope() as session:
        from app.db import audit

        assert audit.head(session) is None
