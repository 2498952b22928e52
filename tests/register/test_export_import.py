"""The register leaves and comes back exactly: JSON round trip into an empty database; CSV that Japanese Excel reads."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from app.cli import build_parser, run_command
from app.db.database import Database
from app.domain.checklist import ChecklistGroup
from app.domain.filing import FilingKind
from app.domain.office import OfficeProfile
from app.domain.register import RegisterQuery
from app.paths import DataPaths
from app.services.office import OfficeService
from app.services.register import RegisterService
from app.services.workspace import (
    ChecklistService,
    FilingService,
    OverviewService,
    ReportDraftService,
    TimelineService,
)
from tests.register.conftest import TODAY, assessed, quick

JST = dt.timezone(dt.timedelta(hours=9))


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_command(build_parser().parse_args(list(argv)), out, err)
    return code, out.getvalue(), err.getvalue()


def _fill(db: Database) -> None:
    OfficeService(db).save(OfficeProfile(name="さくら会計事務所", address="東京都千代田区"))
    mail = assessed(db, "健康診断結果の誤送信（𠮷田様・﨑山様）")
    lost = quick(db, "USBメモリの紛失")
    closed = assessed(db, "開封前に回収", "misdelivery", recovered_before_viewed=True)
    timeline = TimelineService(db)
    first = timeline.append(mail, dt.datetime(2027, 7, 1, 9, 0, tzinfo=JST), "誤送信に気付いた")
    timeline.correct(mail, first, dt.datetime(2027, 7, 1, 8, 45, tzinfo=JST), "8:45 に誤送信に気付いた")
    checklist = ChecklistService(db)
    step = checklist.steps(mail)[0]
    checklist.set_done(step.id, True, done_by="髙橋", done_at=dt.datetime(2027, 7, 1, 10, tzinfo=JST))
    checklist.set_note(step.id, "削除完了の返信あり")
    checklist.add_custom(lost, "駅の忘れ物センターに照会", ChecklistGroup.CONTAIN)
    drafts = ReportDraftService(db)
    sokuho = drafts.start(mail, FilingKind.SOKUHO)
    drafts.set_field(sokuho.id, "cause.description", "宛先の選択誤り")
    drafts.start(mail, FilingKind.KAKUHO)
    FilingService(db).record(
        mail,
        FilingKind.SOKUHO,
        dt.datetime(2027, 7, 3, 15, tzinfo=JST),
        "ppc_form",
        receipt_number="PPC-1",
        document=b"%PDF-1.7 \x00\xff",
        filename="速報.pdf",
    )
    OverviewService(db).set_classification(mail, "category", "missend")
    OverviewService(db).set_notes(lost, "𠮷" * 3000)
    OverviewService(db).close(closed)


def test_json_round_trip_into_an_empty_register_is_exact(
    db: Database, data_paths: DataPaths, tmp_path: Path
) -> None:
    _fill(db)
    db.close()
    exported = tmp_path / "register.json"
    code, _out, err = _cli(
        "--data-dir", str(data_paths.root), "register", "export", "--format", "json", "--out", str(exported)
    )
    assert code == 0 and str(exported) in err
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["incidents"][0]["title"] == "健康診断結果の誤送信（𠮷田様・﨑山様）"

    empty = DataPaths(tmp_path / "other")
    code, _out, err = _cli("--data-dir", str(empty.root), "register", "import", str(exported))
    # The register was created by the import: the CLI says once that it is not encrypted (issue 17).
    assert (code, err.strip().splitlines()[-1]) == (0, "3 件の事案を取り込みました。")
    assert "新しい台帳は暗号化されていません" in err and len(err.strip().splitlines()) == 2
    again = tmp_path / "again.json"
    _cli("--data-dir", str(empty.root), "register", "export", "--format", "json", "--out", str(again))
    assert again.read_bytes() == exported.read_bytes()

    copy = Database.open(empty)
    try:
        assert OfficeService(copy).load().name == "さくら会計事務所"
        found = RegisterService(copy).ids(RegisterQuery(text="気付"), TODAY)  # the search index came along
        assert len(found) == 1
        assert FilingService(copy).document(1) == ("速報.pdf", b"%PDF-1.7 \x00\xff")
    finally:
        copy.close()

    code, _out, err = _cli("--data-dir", str(empty.root), "register", "import", str(exported))
    assert code == 2 and "空の台帳" in err  # never merged into a register that has incidents


def test_import_refuses_what_is_not_an_export(data_paths: DataPaths, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"incidents": []}', encoding="utf-8")
    code, _out, err = _cli("--data-dir", str(data_paths.root), "register", "import", str(bad))
    assert code == 2 and "書き出しファイルではありません" in err
    bad.write_text("{", encoding="utf-8")
    assert _cli("--data-dir", str(data_paths.root), "register", "import", str(bad))[0] == 2


def test_csv_is_utf8_with_bom_for_japanese_excel(db: Database, data_paths: DataPaths, tmp_path: Path) -> None:
    _fill(db)
    quick(db, '=HYPERLINK("http://example.com")')
    db.close()
    target = tmp_path / "register.csv"
    code, _out, _err = _cli("--data-dir", str(data_paths.root), "register", "export", "--out", str(target))
    assert code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0][:9] == [
        "番号",
        "件名",
        "発覚日",
        "事象",
        "該当号",
        "番号法",
        "状態",
        "次の期限",
        "報告対象",
    ]
    by_title = {row[1]: row for row in rows[1:]}
    mail = by_title["健康診断結果の誤送信（𠮷田様・﨑山様）"]
    assert mail[2:9] == [
        "2027-07-01",
        "メール誤送信",
        "1",
        "—",
        "速報済",
        "2027-07-30",
        "はい",
    ]  # — : no My Number
    assert mail[10] == "誤送信"
    assert by_title["開封前に回収"][6] == "完了"
    assert by_title["USBメモリの紛失"][4:6] == ["", ""]  # not assessed yet
    assert '\'=HYPERLINK("http://example.com")' in by_title  # a formula stays text in Excel
