"""The register's search on a real PostgreSQL server (issue 19 point 1): Japanese substrings of every length through
the characters-and-pairs index of revisions 0008/0009, several terms, LIKE's wildcards as plain text, case folded; and a
read on a server that went away is a DatabaseFault in Japanese, never a driver error."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from app.db.database import Database
from app.db.faults import DatabaseFault, FaultKind
from app.domain.dates import JST
from app.domain.register import RegisterQuery
from app.paths import DataPaths
from app.services.register import RegisterService
from app.services.root import Services
from tests.pg_server import start_server
from tests.register.conftest import TODAY, assessed, quick


def _found(db: Database, words: str) -> set[int]:
    ids, _total = RegisterService(db).search(RegisterQuery(text=words), TODAY)
    assert len(ids) == len(set(ids))
    return set(ids)


@pytest.fixture
def register(pg_db: Database) -> dict[str, int]:
    services = Services(pg_db)
    made = {
        "missend": assessed(pg_db, "顧客名簿のメール誤送信"),
        "usb": quick(pg_db, "USBメモリの紛失"),
        "takahashi": quick(pg_db, "髙橋支店の書類誤送付"),
        "percent": quick(pg_db, "割引率100%の案内を誤送付"),
        "underscore": quick(pg_db, "file_a.csv の誤添付"),
    }
    at = dt.datetime(2027, 7, 4, 10, 0, tzinfo=JST)
    services.timeline.append(made["usb"], at, "駅の忘れ物センターに問い合わせた")
    return made


def test_one_two_and_more_characters(pg_db: Database, register: dict[str, int]) -> None:
    assert _found(pg_db, "髙") == {register["takahashi"]}  # one character
    assert _found(pg_db, "紛") == {register["usb"]}
    assert _found(pg_db, "誤送") == {register["missend"], register["takahashi"], register["percent"]}
    assert _found(pg_db, "髙橋") == {register["takahashi"]}  # two characters, not a word of the title
    assert _found(pg_db, "橋髙") == set()  # both characters are there, the pair is not
    assert _found(pg_db, "誤送信") == {register["missend"]}
    assert _found(pg_db, "信誤送") == set()  # every pair of 誤送信 is in the text, never in this order
    assert _found(pg_db, "名簿のメール誤送信") == {register["missend"]}
    assert _found(pg_db, "忘れ物") == {register["usb"]}  # a timeline entry added after the incident


def test_several_terms_must_all_match(pg_db: Database, register: dict[str, int]) -> None:
    assert _found(pg_db, "誤送 髙橋") == {register["takahashi"]}
    assert _found(pg_db, "誤送\u3000割引") == {register["percent"]}  # a full-width space separates too
    assert _found(pg_db, "紛失 センター") == {register["usb"]}
    assert _found(pg_db, "紛失 髙橋") == set()


def test_wildcards_are_the_users_text(pg_db: Database, register: dict[str, int]) -> None:
    assert _found(pg_db, "%") == {register["percent"]}
    assert _found(pg_db, "0%") == {register["percent"]}
    assert _found(pg_db, "100%の") == {register["percent"]}
    assert _found(pg_db, "_") == {register["underscore"]}
    assert _found(pg_db, "e_a") == {register["underscore"]}
    assert _found(pg_db, "e%a") == set()
    assert _found(pg_db, "\\") == set()


def test_case_is_folded(pg_db: Database, register: dict[str, int]) -> None:
    for words in ("usb", "Usb", "sb", "u", "USBメモリ", "FILE_A.CSV", "Csv"):
        assert _found(pg_db, words), words
    assert _found(pg_db, "usb") == {register["usb"]}
    assert _found(pg_db, "CSV") == {register["underscore"]}


def _statements(db: Database) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    return seen


@pytest.mark.parametrize("words", ["髙", "髙橋", "誤送信"])
def test_search_reads_the_grams_index(
    pg_db: Database, pg_admin: Engine, register: dict[str, int], words: str
) -> None:
    """The statement the register runs is answered by revision 0009's expression index alone: no sequential scan
    computing the grams of every row, no lossy index ANDed in (0009 dropped pg_trgm's: its candidates had their
    grams computed again, 540 ms for 誤送信 at 100,000 incidents)."""
    seen = _statements(pg_db)
    assert _found(pg_db, words)
    statements = [statement for statement, _parameters in seen]
    at = next(i for i, statement in enumerate(statements) if "array_agg" in statement)
    assert statements[at - 1] == "SET LOCAL enable_seqscan = off"
    assert statements[at + 1] == "SET LOCAL enable_seqscan = on"
    with pg_admin.begin() as conn:
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(conn.exec_driver_sql("EXPLAIN " + statements[at], seen[at][1]).scalars())
    assert "ix_incident_search_grams" in plan
    assert "Seq Scan" not in plan
    assert "BitmapAnd" not in plan  # a lossy index ANDed in makes every candidate's grams computed again


def test_the_search_table_is_narrow(pg_db: Database, pg_admin: Engine, register: dict[str, int]) -> None:
    """Only the id and the text are stored (0009): the grams live in the index alone, one function makes them."""
    with pg_admin.begin() as conn:
        columns = conn.execute(
            text("SELECT column_name FROM information_schema.columns WHERE table_name = 'incident_search'")
        ).scalars()
        indexes = conn.execute(
            text("SELECT indexname FROM pg_indexes WHERE tablename = 'incident_search'")
        ).scalars()
        grams = conn.execute(
            text("SELECT breachdesk_search_grams(body) FROM incident_search WHERE incident_id = :id"),
            {"id": register["usb"]},
        ).scalar_one()
    assert set(columns) == {"incident_id", "body"}
    assert set(indexes) == {"pk_incident_search", "ix_incident_search_grams"}
    assert {"u", "us", "sb", "紛失", "忘れ", "駅"} <= set(grams)
    assert "US" not in grams  # folded by lower(), as ILIKE folds


def test_a_new_filing_note_is_found_at_once(pg_db: Database, register: dict[str, int]) -> None:
    """The index follows the text the 0002 triggers keep."""
    Services(pg_db).overview.set_notes(register["usb"], "警察に届出済み")
    assert _found(pg_db, "警察") == {register["usb"]}
    assert _found(pg_db, "届出済") == {register["usb"]}


def test_a_read_on_a_server_that_went_away_is_a_fault(data_paths: DataPaths) -> None:
    server = start_server()
    try:
        url = server.url(server.new_database())
        db = Database.open(data_paths, url)
        quick(db, "サーバー停止前の事案")
        register = RegisterService(db)
        assert register.total() == 1
        server._run("pg_ctl", "-D", str(server.folder / "data"), "-m", "fast", "-w", "stop")
        for read in (
            lambda: register.search(RegisterQuery(text="停止"), TODAY, count_all=True),
            register.total,
            lambda: register.rows([1]),
            register.fiscal_years,
        ):
            with pytest.raises(DatabaseFault) as caught:
                read()
            assert caught.value.kind in (FaultKind.UNREACHABLE, FaultKind.CONNECTION_LOST)
            assert url.rsplit("/", 1)[1] in caught.value.message
            assert "データベース" in caught.value.message
        db.close()
    finally:
        server.stop()
