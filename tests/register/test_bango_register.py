"""The register's 番号法 column and filter: written with every saved assessment, read by the service and the preview."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.db.database import Database
from app.db.models import Incident
from app.domain.filing import FilingKind
from app.domain.incident import IncidentStatus
from app.domain.register import (
    BangoVerdict,
    MyNumberFilter,
    RegisterQuery,
    Reportable,
    SortKey,
    bango_verdict,
)
from app.domain.status import derive_status, missing_filings, pending_deadlines
from app.rules import assess
from app.services.assessments import AssessmentService
from app.services.register import RegisterService
from app.services.workspace import FilingService
from tests.register.conftest import MY_NUMBER, TODAY, assessed, facts, legacy, quick

JST = dt.timezone(dt.timedelta(hours=9))


def _ids(db: Database, **query: Any) -> list[int]:
    return RegisterService(db).ids(RegisterQuery(**query), TODAY)


def _row(db: Database, incident_id: int) -> Incident:
    with db.session_scope() as session:
        row = session.get(Incident, incident_id)
        assert row is not None
        return row


def my_number_cases(db: Database) -> dict[str, int]:
    return {
        "only_bango": assessed(db, "マイナンバー一覧の誤送信", data_items=MY_NUMBER, affected_count=150),
        "both": assessed(
            db,
            "給与PCのランサムウェア",
            "ransomware",
            data_items=MY_NUMBER,
            affected_count=40,
            malicious=True,
            malicious_basis="ransomware",
        ),
        "effort": assessed(db, "扶養控除等申告書の誤送付", data_items=MY_NUMBER, affected_count=3),
        "encrypted": assessed(
            db,
            "暗号化PCの盗難",
            data_items=MY_NUMBER,
            affected_count=150,
            encryption={"encrypted": True, "high_grade": True, "key_compromised": False},
        ),
        "legacy": legacy(db, "旧版で判定した源泉徴収票の紛失", data_items=MY_NUMBER, affected_count=150),
        "no_numbers": assessed(db, "健康診断結果の誤送信"),
        "unassessed": quick(db, "未判定の事案"),
    }


def test_the_columns_follow_the_saved_assessment(db: Database) -> None:
    cases = my_number_cases(db)
    verdicts = {name: _row(db, i).bango_verdict for name, i in cases.items()}
    assert verdicts == {
        "only_bango": "report",
        "both": "report",
        "effort": "effort",
        "encrypted": "nothing_due",
        "legacy": "not_assessed",
        "no_numbers": "none",
        "unassessed": None,
    }
    only = _row(db, cases["only_bango"])
    # Reportable under the 番号法 alone: not a 非該当, and its 速報 guide (7/3〜7/5) is the next deadline.
    assert (only.applicable_items, only.bango_categories, only.reportable) == ([], [4], True)
    assert (only.status, only.next_deadline) == (IncidentStatus.INVESTIGATING.value, dt.date(2027, 7, 5))
    assert _row(db, cases["both"]).bango_categories == [2]
    effort = _row(db, cases["effort"])
    assert (effort.reportable, effort.status, effort.next_deadline) == (
        False,
        IncidentStatus.NOT_REPORTABLE.value,
        None,
    )


def test_filings_move_an_incident_reportable_under_the_my_number_act_alone(db: Database) -> None:
    incident = assessed(db, "マイナンバー一覧の誤送信", data_items=MY_NUMBER, affected_count=150)
    filings = FilingService(db)
    filings.record(incident, FilingKind.SOKUHO, dt.datetime(2027, 7, 3, 10, tzinfo=JST), "ppc_form")
    row = _row(db, incident)
    assert (row.status, row.next_deadline) == (IncidentStatus.SOKUHO_FILED.value, dt.date(2027, 7, 30))
    filings.record(incident, FilingKind.KAKUHO, dt.datetime(2027, 7, 20, 10, tzinfo=JST), "ppc_form")
    filings.record(incident, FilingKind.INDIVIDUAL_NOTICE, dt.datetime(2027, 7, 21, 10, tzinfo=JST), "post")
    row = _row(db, incident)
    assert (row.status, row.next_deadline) == (IncidentStatus.INDIVIDUALS_NOTIFIED.value, None)


def test_reassessment_rewrites_the_column(db: Database) -> None:
    incident = assessed(db, "申告書の誤送付", data_items=MY_NUMBER, affected_count=3)
    assert _row(db, incident).bango_verdict == "effort"
    AssessmentService(db).reassess(
        incident, facts(data_items=MY_NUMBER, affected_count=130), "130人分と判明", actor="t"
    )
    row = _row(db, incident)
    assert (row.bango_verdict, row.bango_categories, row.reportable) == ("report", [4], True)
    assert row.status == IncidentStatus.INVESTIGATING.value


def test_filter_and_sort_by_the_my_number_column(db: Database) -> None:
    c = my_number_cases(db)
    involved = {c["only_bango"], c["both"], c["effort"], c["encrypted"], c["legacy"]}
    assert set(_ids(db, my_number=MyNumberFilter.INVOLVED)) == involved
    assert set(_ids(db, my_number=MyNumberFilter.REPORTABLE)) == {c["only_bango"], c["both"]}
    assert _ids(db, my_number=MyNumberFilter.NOT_INVOLVED) == [c["no_numbers"]]
    assert len(_ids(db)) == len(c)
    # Reportable under either law; the legacy one was judged under 第7条 alone (150 names and numbers: not).
    assert set(_ids(db, reportable=Reportable.REPORTABLE)) == {c["only_bango"], c["both"], c["no_numbers"]}
    assert set(_ids(db, reportable=Reportable.REPORTABLE, my_number=MyNumberFilter.INVOLVED)) == {
        c["only_bango"],
        c["both"],
    }
    ascending = _ids(db, sort=SortKey.BANGO, descending=False)
    ranks = [_row(db, i).bango_verdict for i in ascending]
    assert ranks == ["report", "report", "effort", "not_assessed", "nothing_due", "none", None]
    assert _ids(db, sort=SortKey.BANGO, descending=True) == list(reversed(ascending))


def test_rows_carry_the_verdict_and_categories(db: Database) -> None:
    c = my_number_cases(db)
    rows = RegisterService(db).rows(list(c.values()))
    assert rows[c["only_bango"]].bango_verdict is BangoVerdict.REPORT
    assert rows[c["only_bango"]].bango_categories == (4,)
    assert rows[c["both"]].applicable_items == (3,)
    assert rows[c["unassessed"]].bango_verdict is None
    assert rows[c["legacy"]].bango_verdict is BangoVerdict.NOT_ASSESSED


def test_verdict_from_raw_json() -> None:
    with_numbers = {"data_items": ["name", "my_number"]}
    assert bango_verdict(None, with_numbers) is None
    assert bango_verdict({"applicable_items": []}, with_numbers) is BangoVerdict.NOT_ASSESSED
    assert bango_verdict({"applicable_items": []}, {"data_items": ["name"]}) is BangoVerdict.NONE
    assert bango_verdict({"bango": {"applies": False}}, {"data_items": ["name"]}) is BangoVerdict.NONE
    assert bango_verdict({"bango": {"categories": [1, 4]}}, with_numbers) is BangoVerdict.REPORT
    # A stray paper outside any file (not_in_file) still calls for the effort report.
    stray = {"bango": {"applies": False, "excluded_by": "not_in_file", "effort_report": True}}
    assert bango_verdict(stray, with_numbers) is BangoVerdict.EFFORT
    assert BangoVerdict.stored("written_by_v9") is None


def test_status_and_deadlines_count_the_my_number_act() -> None:
    only = assess(facts(data_items=MY_NUMBER, affected_count=150))
    assert derive_status(only, [], closed=False) is IncidentStatus.INVESTIGATING
    assert missing_filings(only, []) == (FilingKind.SOKUHO, FilingKind.KAKUHO, FilingKind.INDIVIDUAL_NOTICE)
    assert [(p.kind, p.due) for p in pending_deadlines(only, [], closed=False)] == [
        (FilingKind.SOKUHO, dt.date(2027, 7, 5)),
        (FilingKind.KAKUHO, dt.date(2027, 7, 30)),
    ]
    both = assess(
        facts(data_items=MY_NUMBER, affected_count=40, malicious=True, malicious_basis="ransomware")
    )
    # The same days under both laws are listed once.
    assert [(p.kind, p.due) for p in pending_deadlines(both, [], closed=False)] == [
        (FilingKind.SOKUHO, dt.date(2027, 7, 5)),
        (FilingKind.KAKUHO, dt.date(2027, 8, 30)),
    ]
    effort = assess(facts(data_items=MY_NUMBER, affected_count=3))
    assert derive_status(effort, [], closed=False) is IncidentStatus.NOT_REPORTABLE
    assert missing_filings(effort, []) == ()
