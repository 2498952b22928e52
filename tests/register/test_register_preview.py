"""The start-up preview reads the register with sqlite3 alone: it must answer exactly as the register service does,
and it must stay silent (None) whenever the file is not a register this version can read as it stands."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.db.database import Database
from app.db.register_preview import RegisterPreview
from app.domain.filing import FilingKind
from app.domain.incident import IncidentStatus
from app.domain.register import MyNumberFilter, RegisterQuery, Reportable, SortKey
from app.paths import DataPaths
from app.services.register import RegisterService
from app.services.workspace import FilingService, OverviewService
from tests.register.conftest import MY_NUMBER, TODAY, assessed, legacy, quick

JST = dt.timezone(dt.timedelta(hours=9))
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def varied(db: Database) -> Database:
    """Every column the register shows, with ties, NULLs, two fiscal years, a status this version does not know, and
    every 番号法 verdict (one written by a newer version too)."""
    reportable = assessed(db, "健康診断結果の誤送信")
    assessed(db, "開封前に回収", recovered_before_viewed=True)
    march = assessed(db, "前年度の紛失", "loss", learned_date="2027-03-31")
    assessed(db, "ランサムウェア感染", "ransomware", learned_date="2027-05-01", malicious=True)
    quick(db, "未判定の事案")
    quick(db, "同じ日の二件目")  # same 発覚日 as the one above: the id breaks the tie
    quick(db, "日付なし", learned="")
    strange = quick(db, "将来の状態")
    assessed(db, "マイナンバー一覧の誤送信", data_items=MY_NUMBER, affected_count=150)
    assessed(
        db, "扶養控除等申告書の誤送付", data_items=MY_NUMBER, affected_count=3, learned_date="2027-03-31"
    )
    legacy(db, "旧版で判定した源泉徴収票の紛失", data_items=MY_NUMBER, affected_count=150)
    future = assessed(db, "新しい判定", data_items=MY_NUMBER, affected_count=150, learned_date="2027-05-01")
    FilingService(db).record(march, FilingKind.SOKUHO, dt.datetime(2027, 4, 2, tzinfo=JST), "ppc_form")
    OverviewService(db).set_classification(reportable, "category", "missend")
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE incidents SET status = 'archived_by_v9' WHERE id = ?", (strange,))
        conn.exec_driver_sql("UPDATE incidents SET bango_verdict = 'judged_by_v9' WHERE id = ?", (future,))
    return db


def _queries() -> list[RegisterQuery]:
    statuses = (frozenset(), frozenset({IncidentStatus.INVESTIGATING}), frozenset(IncidentStatus))
    return [
        RegisterQuery(
            statuses=s,
            due_within_days=due,
            fiscal_year=year,
            reportable=rep,
            jipdec_category=cat,
            my_number=mine,
            sort=key,
            descending=desc,
        )
        for s, due, year, rep, cat, mine, key, desc in itertools.product(
            statuses,
            (None, 7),
            (None, 2026, 2027),
            tuple(Reportable),
            (None, "missend"),
            tuple(MyNumberFilter),
            tuple(SortKey),
            (True, False),
        )
    ]


def test_every_query_without_text_answers_as_the_register_service(varied: Database) -> None:
    service = RegisterService(varied)
    preview = RegisterPreview.open(varied.file)  # type: ignore[arg-type]
    assert preview is not None
    try:
        queries = _queries()
        assert len(queries) == 6912
        for query in queries:
            assert preview.ids(query, TODAY) == service.ids(query, TODAY), query
        every = service.ids(RegisterQuery(), TODAY)
        assert len(every) == 12
        assert preview.rows(every) == service.rows(every)
        assert preview.rows([]) == {}
        assert preview.total() == service.total() == 12
        assert preview.fiscal_years() == service.fiscal_years() == [2027, 2026]
    finally:
        preview.close()


def test_text_search_is_left_to_the_register_service(varied: Database) -> None:
    preview = RegisterPreview.open(varied.file)  # type: ignore[arg-type]
    assert preview is not None and preview.searches_text is False
    with pytest.raises(ValueError, match="does not search text"):
        preview.ids(RegisterQuery(text="誤送信"), TODAY)
    preview.close()


def test_an_empty_register_previews_as_empty(db: Database) -> None:
    preview = RegisterPreview.open(db.file)  # type: ignore[arg-type]
    assert preview is not None
    assert (preview.ids(RegisterQuery(), TODAY), preview.total(), preview.fiscal_years()) == ([], 0, [])
    preview.close()


def test_no_preview_of_a_missing_file_and_none_is_created(data_paths: DataPaths) -> None:
    assert RegisterPreview.open(data_paths.db_file) is None
    assert not data_paths.db_file.exists()


def test_no_preview_of_a_damaged_file_which_stays_as_it_was(data_paths: DataPaths) -> None:
    garbage = b"not a database " * 300
    data_paths.db_file.write_bytes(garbage)
    assert RegisterPreview.open(data_paths.db_file) is None
    assert data_paths.db_file.read_bytes() == garbage


@pytest.mark.parametrize("revision", ["0001", "9999"])
def test_no_preview_unless_the_schema_is_the_one_this_version_writes(
    data_paths: DataPaths, revision: str
) -> None:
    """An older file is migrated by Database.open first; a newer one is refused by it with a message."""
    Database.open(data_paths).close()
    with sqlite3.connect(data_paths.db_file) as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    conn.close()
    assert RegisterPreview.open(data_paths.db_file) is None


def test_the_preview_never_imports_sqlalchemy() -> None:
    code = (
        "import sys; import app.db.register_preview; "
        "assert 'sqlalchemy' not in sys.modules, sorted(m for m in sys.modules if 'sqlalchemy' in m)"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_the_preview_reads_only_and_leaves_no_lock_behind(varied: Database, data_paths: DataPaths) -> None:
    file = varied.file
    assert file is not None
    varied.close()
    before = hashlib.sha256(file.read_bytes()).hexdigest()
    preview = RegisterPreview.open(file)
    assert preview is not None
    preview.rows(preview.ids(RegisterQuery(), TODAY))
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        preview._conn.execute("DELETE FROM incidents")
    preview.close()
    assert hashlib.sha256(file.read_bytes()).hexdigest() == before
    Database.open(data_paths, busy_timeout=0.2).close()  # the register opens for writing at once
