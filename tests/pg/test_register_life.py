"""The register's basic life on a real PostgreSQL server, through the real services (issue 19 points 1 and 3):
an incident created and assessed, a filing recorded, the audit chain verified, tampering detected, the append-only
triggers refusing edits, and the Japanese search."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from app.db.database import Database
from app.domain.dates import JST
from app.domain.filing import FilingKind
from app.domain.incident import IncidentStatus
from app.domain.register import RegisterQuery
from app.services.audit_check import check_audit_chain, check_tables_in
from app.services.root import Services
from tests.register.conftest import TODAY, assessed, quick

FILED_AT = dt.datetime(2027, 7, 4, 10, 0, tzinfo=JST)


def _search(services: Services, words: str) -> list[int]:
    ids, _total = services.register.search(RegisterQuery(text=words), TODAY)
    return ids


def test_an_incident_is_created_assessed_and_filed_and_the_chain_verifies(pg_db: Database) -> None:
    services = Services(pg_db)
    incident = assessed(pg_db, "顧客名簿のメール誤送信")
    detail = services.incidents.get(incident)
    assert detail is not None and detail.summary.title == "顧客名簿のメール誤送信"
    assert detail.assessment is not None and detail.facts["affected_count"] == 3
    (row,) = services.register.rows([incident]).values()
    assert row.reportable is True and row.applicable_items == (1,)
    services.filings.record(incident, FilingKind.SOKUHO, FILED_AT, "ppc_form", receipt_number="PPC-1")
    assert services.overview.overview(incident).status is IncidentStatus.SOKUHO_FILED
    assert [f.receipt_number for f in services.filings.filings(incident)] == ["PPC-1"]
    chain = check_audit_chain(pg_db)
    assert chain.ok and chain.count >= 2
    with pg_db.session_scope() as session:
        assert check_tables_in(session).ok


def test_the_database_refuses_to_change_audit_and_timeline_rows(pg_db: Database, pg_admin: Engine) -> None:
    incident = assessed(pg_db, "USBメモリの紛失")
    Services(pg_db).timeline.append(incident, FILED_AT, "警察に遺失届を出した")
    for statement in (
        "UPDATE audit_log SET actor = 'someone'",
        "DELETE FROM audit_log",
        "DELETE FROM timeline_entries",
    ):
        with pytest.raises(DBAPIError, match="append-only"), pg_admin.begin() as conn:
            conn.execute(text(statement))
    assert check_audit_chain(pg_db).ok


def test_an_audit_row_changed_behind_the_triggers_is_detected(pg_db: Database, pg_admin: Engine) -> None:
    """A superuser can switch the triggers off; the chain still tells which entry was changed."""
    assessed(pg_db, "FAXの誤送信")
    second = assessed(pg_db, "宅配便の誤配")
    with pg_admin.begin() as conn:
        conn.execute(
            text("SET LOCAL session_replication_role = replica")
        )  # triggers off for this transaction
        target = conn.execute(
            text("SELECT min(id) FROM audit_log WHERE entity_id = :id"), {"id": second}
        ).scalar_one()
        conn.execute(text("UPDATE audit_log SET actor = 'intruder' WHERE id = :id"), {"id": target})
    chain = check_audit_chain(pg_db)
    assert not chain.ok and chain.broken_id == target
    assert "改ざん" in chain.message() or "一致しません" in chain.message()


def test_an_incident_row_changed_outside_breachdesk_is_named(pg_db: Database, pg_admin: Engine) -> None:
    incident = assessed(pg_db, "委託先からの漏えい")
    with pg_admin.begin() as conn:
        conn.execute(text("UPDATE incidents SET title = '書き換え' WHERE id = :id"), {"id": incident})
    with pg_db.session_scope() as session:
        found = check_tables_in(session)
    assert not found.ok and any(str(incident) in line for line in found.problems)


def test_search_finds_japanese_substrings_of_every_length(pg_db: Database) -> None:
    services = Services(pg_db)
    missend = assessed(pg_db, "顧客名簿のメール誤送信")
    lost = quick(pg_db, "USBメモリの紛失")
    services.timeline.append(lost, FILED_AT, "駅の忘れ物センターに問い合わせた")
    assert _search(services, "名簿のメ") == [missend]
    assert _search(services, "誤送信") == [missend]
    assert _search(services, "誤送") == [missend]  # two characters: the grams index (0008/0009)
    assert _search(services, "紛") == [lost]
    assert _search(services, "忘れ物") == [lost]  # a timeline entry, added after the incident
    assert _search(services, "usb 紛失") == [lost]  # case folded, every term must match
    assert _search(services, "100%") == []  # LIKE's wildcards are the user's text
    assert sorted(_search(services, "メ")) == sorted([missend, lost])
