"""A register (SQLite file or PostgreSQL database) made at every earlier schema upgrades to head with its data, search and audit chain intact
(issue 19 point 1): each revision's schema is built with Alembic, rows are written the way that schema allows
(as that version of BreachDesk would have, audit entries included), then Database.open upgrades it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.engine import Connection

from app.db import audit
from app.db.audit_state import state_for
from app.db.database import Database
from app.db.migrate import REVISIONS, alembic_config
from app.domain.register import RegisterQuery
from app.paths import DataPaths
from app.services.audit_check import check_audit_chain, check_tables_in
from app.services.root import Services

AT = dt.datetime(2027, 5, 1, 1, 2, 3, 456789, tzinfo=dt.UTC)
TITLE = "患者名簿の誤廃棄"
ASSESSMENT: dict[str, Any] = {"rules_version": "APPI-R7-2024-04/GL-2025-06", "applicable_items": [1]}
FACTS: dict[str, Any] = {"learned_date": "2027-04-30", "data_items": ["name", "health"]}


def _table(name: str, *columns: str) -> sa.TableClause:
    json_columns = {"applicable_items", "facts", "assessment", "before", "after", "state"}
    return sa.table(name, *(sa.column(c, sa.JSON() if c in json_columns else None) for c in columns))


def _append(conn: Connection, revision: str, entity: str, entity_id: int, after: Any) -> None:
    """An audit entry as that version's audit.append wrote it: chained, with row digests from 0005 on."""
    prev = conn.execute(sa.text("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")).scalar()
    prev_hash = prev or audit.GENESIS_HASH
    state = state_for(conn, entity, entity_id, "create") if revision >= "0005" else None
    values: dict[str, Any] = {
        "at": AT,
        "actor": "tanaka",
        "action": "create",
        "entity": entity,
        "entity_id": entity_id,
        "before": None,
        "after": after,
        "prev_hash": prev_hash,
        "hash": audit.entry_hash(prev_hash, AT, "tanaka", "create", entity, entity_id, None, after, state),
    }
    if state is not None:
        values["state"] = state
    conn.execute(sa.insert(_table("audit_log", *values)).values(**values))


def _write_rows(conn: Connection, revision: str) -> int:
    incident = {
        "reference": "2027-0001",
        "title": TITLE,
        "status": "assessed",
        "learned_date": dt.date(2027, 4, 30),
        "applicable_items": [1],
        "rules_version": ASSESSMENT["rules_version"],
        "facts": FACTS,
        "created_at": AT,
        "updated_at": AT,
    }
    table = _table("incidents", "id", *incident)
    incident_id = int(conn.execute(sa.insert(table).values(**incident).returning(table.c.id)).scalar_one())
    _append(conn, revision, "incident", incident_id, {"title": TITLE})
    assessment = {
        "incident_id": incident_id,
        "assessed_at": AT,
        "rules_version": ASSESSMENT["rules_version"],
        "facts": FACTS,
        "assessment": ASSESSMENT,
        "actor": "tanaka",
    }
    conn.execute(sa.insert(_table("assessments", *assessment)).values(**assessment))
    entry = {
        "incident_id": incident_id,
        "occurred_at": AT,
        "recorded_at": AT,
        "actor": "tanaka",
        "text": "シュレッダー業者に確認した",
    }
    timeline = _table("timeline_entries", "id", *entry)
    entry_id = int(conn.execute(sa.insert(timeline).values(**entry).returning(timeline.c.id)).scalar_one())
    _append(conn, revision, "timeline_entry", entry_id, {"text": entry["text"]})
    return incident_id


@pytest.fixture
def engine(pg_url: str) -> Iterator[sa.Engine]:
    made = sa.create_engine(pg_url)
    yield made
    made.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, data_paths: DataPaths) -> Iterator[tuple[sa.Engine, str | None]]:
    """The register file of the embedded default (opened without a URL) or a database on the test server."""
    if request.param == "sqlite":
        data_paths.ensure()
        made = sa.create_engine(f"sqlite:///{data_paths.db_file}")
        yield made, None
    else:
        url = request.getfixturevalue("pg_url")
        made = sa.create_engine(url)
        yield made, url
    made.dispose()


@pytest.mark.parametrize("revision", REVISIONS[:-1])
def test_a_register_of_every_earlier_schema_upgrades_with_its_data(
    revision: str, target: tuple[sa.Engine, str | None], data_paths: DataPaths
) -> None:
    engine, url = target
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)
        incident_id = _write_rows(conn, revision)
    engine.dispose()  # SQLite: the file is the register's alone from here
    db = Database.open(data_paths, url)
    try:
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == REVISIONS[-1]
            if url is not None:
                kind = conn.execute(
                    sa.text("SELECT pg_typeof(applicable_items)::text FROM incidents WHERE id = :id"),
                    {"id": incident_id},
                ).scalar()
                assert kind == "jsonb"
        engine.dispose()
        services = Services(db)
        (row,) = services.register.rows([incident_id]).values()
        assert (row.title, row.applicable_items) == (TITLE, (1,))
        if revision == "0001":
            assert row.reportable is True  # 0002 derives it from the 号
        assert services.register.search(RegisterQuery(text="誤廃棄"), dt.date(2027, 5, 2))[0] == [incident_id]
        assert services.register.search(RegisterQuery(text="業者"), dt.date(2027, 5, 2))[0] == [incident_id]
        assert services.register.search(RegisterQuery(text="廃"), dt.date(2027, 5, 2))[0] == [incident_id]
        chain = check_audit_chain(db)
        assert chain.ok and chain.count >= 2
        with db.session_scope() as session:
            tables = check_tables_in(session)
        assert tables.checked and tables.ok, tables.problems
    finally:
        db.close()


def test_an_empty_database_migrates_and_can_step_back(engine: sa.Engine) -> None:
    """Downgrades exist for developers; on PostgreSQL they remove the triggers and functions they created."""
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
        command.downgrade(alembic_config(conn), "0001")
        functions = conn.execute(
            sa.text("SELECT proname FROM pg_proc WHERE proname LIKE 'breachdesk%' ORDER BY proname")
        ).scalars()
        assert list(functions) == ["breachdesk_refuse_change"]
