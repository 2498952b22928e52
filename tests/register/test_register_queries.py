"""The register's filters and sorts, and rows loaded by id."""

from __future__ import annotations

import datetime as dt

from app.db.database import Database
from app.domain.filing import FilingKind
from app.domain.incident import IncidentStatus
from app.domain.register import RegisterQuery, Reportable, SortKey
from app.services.register import RegisterService
from app.services.workspace import FilingService, OverviewService
from tests.register.conftest import TODAY, assessed, quick

JST = dt.timezone(dt.timedelta(hours=9))


def _ids(db: Database, **query: object) -> list[int]:
    return RegisterService(db).ids(RegisterQuery(**query), TODAY)  # type: ignore[arg-type]


def test_filters(db: Database) -> None:
    reportable = assessed(db, "健康診断結果の誤送信")  # 速報 window ends 2027-07-05
    not_reportable = assessed(db, "開封前に回収", recovered_before_viewed=True)
    march = assessed(db, "前年度の紛失", "loss", learned_date="2027-03-31")
    unassessed = quick(db, "未判定の事案")
    FilingService(db).record(march, FilingKind.SOKUHO, dt.datetime(2027, 4, 2, tzinfo=JST), "ppc_form")
    OverviewService(db).set_classification(reportable, "category", "missend")

    assert set(_ids(db, reportable=Reportable.REPORTABLE)) == {reportable, march}
    assert _ids(db, reportable=Reportable.NOT_REPORTABLE) == [not_reportable]
    assert set(_ids(db, fiscal_year=2027)) == {reportable, not_reportable, unassessed}
    assert _ids(db, fiscal_year=2026) == [march]
    assert _ids(db, statuses=frozenset({IncidentStatus.SOKUHO_FILED})) == [march]
    assert _ids(db, jipdec_category="missend") == [reportable]
    # 期限が近い: the 7/5 速報 guide and the overdue 確報 of the March case (2027-04-29 → moved), not the others
    assert set(_ids(db, due_within_days=7)) == {reportable, march}
    assert RegisterService(db).fiscal_years() == [2027, 2026]


def test_sorting_by_each_column_both_ways(db: Database) -> None:
    a = assessed(db, "い: 二件目", learned_date="2027-06-01")
    b = quick(db, "あ: 一件目", learned="2027-07-02")
    c = assessed(db, "う: 三件目", "ransomware", learned_date="2027-05-01", malicious=True)
    assert _ids(db, sort=SortKey.LEARNED, descending=True) == [b, a, c]
    assert _ids(db, sort=SortKey.LEARNED, descending=False) == [c, a, b]
    assert _ids(db, sort=SortKey.TITLE, descending=False) == [b, a, c]
    assert _ids(db, sort=SortKey.REFERENCE, descending=False) == [a, b, c]
    assert _ids(db, sort=SortKey.NEXT_DEADLINE, descending=False) == [
        b,
        c,
        a,
    ]  # no deadline first, then 5/5, 6/5
    FilingService(db).record(a, FilingKind.SOKUHO, dt.datetime(2027, 6, 2, tzinfo=JST), "ppc_form")
    assert _ids(db, sort=SortKey.STATUS, descending=False) == [
        b,
        c,
        a,
    ]  # lifecycle order: 調査中 before 速報済
    assert _ids(db, sort=SortKey.STATUS, descending=True) == [a, c, b]


def test_rows_by_id_carry_what_the_table_shows(db: Database) -> None:
    incident = assessed(db, "健康診断結果の誤送信")
    rows = RegisterService(db).rows([incident])
    row = rows[incident]
    assert row.title == "健康診断結果の誤送信"
    assert row.applicable_items == (1,)
    assert row.status is IncidentStatus.INVESTIGATING
    assert row.next_deadline == dt.date(2027, 7, 5)
    assert row.reportable is True
    assert RegisterService(db).rows([]) == {}
    assert RegisterService(db).total() == 1
