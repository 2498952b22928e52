"""The incident workspace and the register's files with My Numbers (docs/domain.md §15): the checklist follows both
laws' verdicts without losing a tick, the 概要 data carries the 番号法 verdict, the CSV has a 番号法 column, and an
export made before that column existed comes back with it."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.db.database import Database
from app.db.models import AuditEntry, Incident
from app.domain.checklist import ChecklistGroup
from app.domain.register import BangoVerdict, MyNumberFilter, RegisterQuery
from app.paths import DataPaths
from app.services.assessments import AssessmentService
from app.services.register import RegisterService
from app.services.register_io import export_csv_bytes, export_json, export_json_text, import_json
from app.services.workspace import ChecklistService, OverviewService
from tests.register.conftest import MY_NUMBER, TODAY, assessed, facts, legacy, quick


def _codes(db: Database, incident: int) -> list[str]:
    return [step.code for step in ChecklistService(db).steps(incident)]


def _audit(db: Database, action: str) -> list[AuditEntry]:
    with db.session_scope() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


# --- 対応チェックリスト ---------------------------------------------------------------------------------------------
def test_a_re_assessment_brings_the_my_number_filings_drops_untouched_steps_and_keeps_ticks(
    db: Database,
) -> None:
    incident = assessed(db, "扶養控除等申告書の誤送付", "misdelivery", data_items=MY_NUMBER, affected_count=3)
    service = ChecklistService(db)
    steps = {step.code: step for step in service.steps(incident)}
    assert {"bango_effort_report", "record_not_reportable"} <= set(steps)
    assert not {"file_sokuho_bango", "notify_individuals_bango"} & set(steps)
    service.set_done(steps["bango_effort_report"].id, True, done_by="総務課 髙橋")
    custom = service.add_custom(incident, "税理士に相談", ChecklistGroup.REPORT)

    # 130 persons' numbers after all: reportable under the 番号法 (category 4), still not under 第7条.
    AssessmentService(db).reassess(
        incident, facts(data_items=MY_NUMBER, affected_count=130), "130人分と判明", actor="t"
    )
    after = {step.code: step for step in service.steps(incident)}
    assert {"file_sokuho_bango", "file_kakuho_bango", "notify_individuals_bango", "notice_new_number"} <= set(
        after
    )
    assert "record_not_reportable" not in after  # nobody had touched it: it goes
    kept = after["bango_effort_report"]  # ticked: the record of what was done stays
    assert (kept.done, kept.done_by) == (True, "総務課 髙橋")
    assert custom in {step.id for step in after.values()}
    removed = _audit(db, "remove_steps")
    assert [entry.before for entry in removed] == [{"checklist": ["record_not_reportable"]}]
    assert _codes(db, incident) == list(after)  # listing again changes nothing


def test_a_noted_step_survives_a_verdict_that_no_longer_calls_for_it(db: Database) -> None:
    incident = assessed(db, "マイナンバー一覧の誤送信", data_items=MY_NUMBER, affected_count=150)
    service = ChecklistService(db)
    steps = {step.code: step for step in service.steps(incident)}
    service.set_note(steps["file_sokuho_bango"].id, "報告フォームの下書きを作成中")
    AssessmentService(db).reassess(
        incident, facts(data_items=MY_NUMBER, affected_count=80), "80人分と判明", actor="t"
    )
    after = _codes(db, incident)
    assert "file_sokuho_bango" in after  # it has a note
    assert "file_kakuho_bango" not in after and "notice_new_number" not in after
    assert {"bango_effort_report", "record_not_reportable"} <= set(after)


def test_custom_steps_keep_distinct_codes_after_steps_were_dropped(db: Database) -> None:
    incident = assessed(db, "扶養控除等申告書の誤送付", data_items=MY_NUMBER, affected_count=3)
    service = ChecklistService(db)
    service.steps(incident)
    service.add_custom(incident, "一つ目", ChecklistGroup.CONTAIN)
    AssessmentService(db).reassess(
        incident, facts(data_items=MY_NUMBER, affected_count=130), "130人分と判明", actor="t"
    )
    service.steps(incident)  # drops record_not_reportable and the effort step
    for label in ("二つ目", "三つ目", "四つ目"):
        service.add_custom(incident, label, ChecklistGroup.CONTAIN)
    customs = [step.code for step in service.steps(incident) if step.code.startswith("custom-")]
    assert customs == ["custom-1", "custom-2", "custom-3", "custom-4"]


# --- 概要 -------------------------------------------------------------------------------------------------------
def test_the_overview_carries_the_my_number_verdict_as_the_register_reads_it(db: Database) -> None:
    only = assessed(db, "マイナンバー一覧の誤送信", data_items=MY_NUMBER, affected_count=150)
    old = legacy(db, "旧版で判定した源泉徴収票の紛失", data_items=MY_NUMBER, affected_count=150)
    plain = assessed(db, "健康診断結果の誤送信")
    service = OverviewService(db)
    data = service.overview(only)
    assert data.bango_verdict is BangoVerdict.REPORT
    assert data.assessment is not None and data.assessment.bango.categories == (4,)
    assert service.overview(old).bango_verdict is BangoVerdict.NOT_ASSESSED
    assert service.overview(plain).bango_verdict is BangoVerdict.NONE
    assert service.overview(quick(db, "未判定")).bango_verdict is None
    AssessmentService(db).reassess(
        old, facts(data_items=MY_NUMBER, affected_count=150), "番号法で再判定", actor="t"
    )
    history = service.assessments(old)
    assert [record.bango_verdict for record in history] == [BangoVerdict.REPORT, BangoVerdict.NOT_ASSESSED]


# --- CSV and JSON ---------------------------------------------------------------------------------------------------
def _csv(db: Database) -> dict[str, list[str]]:
    rows = list(csv.reader(io.StringIO(export_csv_bytes(db).decode("utf-8-sig"), newline="")))
    header = rows[0]
    assert header[4:6] == ["該当号", "番号法"]  # beside the 第7条 column, as in the register
    return {row[1]: row for row in rows[1:]}


def _my_number_register(db: Database) -> dict[str, int]:
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
        "legacy": legacy(db, "旧版で判定した源泉徴収票の紛失", data_items=MY_NUMBER, affected_count=150),
        "no_numbers": assessed(db, "健康診断結果の誤送信"),
        "unassessed": quick(db, "未判定の事案"),
    }


def test_the_csv_has_the_my_number_column_in_the_registers_words(db: Database) -> None:
    _my_number_register(db)
    rows = _csv(db)
    column = {title: row[5] for title, row in rows.items()}
    assert column == {
        "マイナンバー一覧の誤送信": "4号",
        "給与PCのランサムウェア": "2号",
        "扶養控除等申告書の誤送付": "努力義務",
        "旧版で判定した源泉徴収票の紛失": "未判定",
        "健康診断結果の誤送信": "—",
        "未判定の事案": "",
    }
    assert rows["マイナンバー一覧の誤送信"][4] == ""  # no 第7条 item
    assert rows["マイナンバー一覧の誤送信"][8] == "はい"  # reportable under either law
    assert rows["給与PCのランサムウェア"][4] == "3"


def test_the_json_round_trip_keeps_the_my_number_columns_exactly(db: Database, tmp_path: Path) -> None:
    _my_number_register(db)
    text = export_json_text(db)
    data = json.loads(text)
    by_title = {item["title"]: item for item in data["incidents"]}
    assert by_title["マイナンバー一覧の誤送信"]["bango_verdict"] == "report"
    assert by_title["マイナンバー一覧の誤送信"]["bango_categories"] == [4]
    copy_db = Database.open(DataPaths(tmp_path / "copy"))
    try:
        assert import_json(copy_db, data) == 6
        assert export_json_text(copy_db) == text
    finally:
        copy_db.close()


def _older_export(data: dict[str, Any]) -> dict[str, Any]:
    """As written before migration 0003: incidents without the 番号法 columns."""
    older = copy.deepcopy(data)
    for item in older["incidents"]:
        del item["bango_verdict"]
        del item["bango_categories"]
    return older


def test_an_older_export_gets_its_my_number_column_from_the_saved_assessments(
    db: Database, tmp_path: Path
) -> None:
    cases = _my_number_register(db)
    current = export_json(db)
    target = Database.open(DataPaths(tmp_path / "older"))
    try:
        assert import_json(target, _older_export(current)) == 6
        with target.session_scope() as session:
            columns = {
                name: (row.bango_verdict, row.bango_categories)
                for name, incident_id in cases.items()
                if (row := session.get(Incident, incident_id)) is not None
            }
        assert columns == {
            "only_bango": ("report", [4]),
            "both": ("report", [2]),
            "effort": ("effort", []),
            "legacy": ("not_assessed", []),
            "no_numbers": ("none", []),
            "unassessed": (None, []),
        }
        # Everything else came back as exported: worked out again, the derived columns agree with the file.
        assert export_json(target)["incidents"] == current["incidents"]
        reportable = RegisterService(target).ids(RegisterQuery(my_number=MyNumberFilter.REPORTABLE), TODAY)
        assert set(reportable) == {cases["only_bango"], cases["both"]}
        assert _csv(target)["マイナンバー一覧の誤送信"][5] == "4号"
        entry = _audit(target, "import")[0]
        assert entry.after is not None and entry.after["derived_bango_column"] == 6
    finally:
        target.close()
