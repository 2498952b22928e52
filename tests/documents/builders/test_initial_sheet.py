"""初動シート: one A4 page read back with pypdf, from a real register through DocumentService and the CLI."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from pathlib import Path

import pytest

from app.cli import build_parser, run_command
from app.db.codec import encode
from app.db.database import Database
from app.documents import builders
from app.documents.context import ChecklistLine, DeadlineLine, DocumentKind
from app.documents.kinds import initial_sheet
from app.documents.model import Grid
from app.domain.dates import JST
from app.domain.facts import BangoFacts, DataItem, Event, Facts, Financial, MaliciousBasis, Role
from app.domain.filing import FilingKind
from app.domain.office import OfficeProfile
from app.paths import DataPaths
from app.rules import assess
from app.services.document_deadlines import working_days_until
from app.services.documents import DocumentService
from app.services.incidents import IncidentService
from app.services.office import OfficeService
from app.services.workspace import FilingService
from tests.documents.builders.factories import OFFICE, context
from tests.documents.helpers import page_texts

KIND = DocumentKind.INITIAL_SHEET
GW_LEARNED = dt.date(2027, 4, 28)  # Wednesday before Golden Week

RANSOMWARE = Facts(
    role=Role.CONTROLLER,
    event=Event.LEAK,
    possibility_only=True,
    data_items=(
        DataItem.NAME,
        DataItem.ADDRESS,
        DataItem.PHONE,
        DataItem.BIRTHDATE,
        DataItem.HEALTH_CHECKUP_RESULT,
        DataItem.DIAGNOSIS,
        DataItem.BANK_ACCOUNT,
        DataItem.CARD_NUMBER_FULL,
        DataItem.MY_NUMBER,
    ),
    sensitive=True,
    financial=Financial(card_number_full=True),
    malicious=True,
    malicious_basis=MaliciousBasis.RANSOMWARE,
    affected_count_max=2400,
    occurred_date=dt.date(2027, 4, 27),
    learned_date=GW_LEARNED,
    learned_at=dt.datetime(2027, 4, 28, 10, 0, tzinfo=JST),
    pmark_holder=True,
    gdpr_applies=True,
    bango=BangoFacts(affected_count=40),
)
SMALL = Facts(
    role=Role.CONTROLLER,
    event=Event.LEAK,
    data_items=(DataItem.NAME, DataItem.EMAIL, DataItem.DIAGNOSIS),
    sensitive=True,
    affected_count=3,
    learned_date=dt.date(2027, 7, 1),
)


def _text(pdf: bytes) -> str:
    pages = page_texts(pdf)
    assert len(pages) == 1, f"the sheet must be one page, it has {len(pages)}"
    return re.sub(r"[ \t]+", "", pages[0])


def _lines(pdf: bytes) -> list[str]:
    return [line.strip() for line in page_texts(pdf)[0].splitlines()]


def _row(lines: list[str], *cells: str) -> None:
    """The cells of one table row, in order, each on a line of its own as pypdf extracts them."""
    n = len(cells)
    assert any(tuple(lines[i : i + n]) == cells for i in range(len(lines))), cells


def _seed(db: Database, title: str, facts: Facts, kind: str = "ransomware") -> int:
    OfficeService(db).save(OFFICE)
    return IncidentService(db).create(
        title, encode(facts), encode(assess(facts)), kind, learned_date=facts.learned_date
    )


def test_working_days_skip_golden_week_and_weekends() -> None:
    # From Wed 4/28: 4/29 昭和の日, 4/30 open, 5/1–5/5 closed (weekend + 憲法記念日・みどりの日・こどもの日), 5/6 open.
    assert working_days_until(GW_LEARNED, dt.date(2027, 5, 2)) == 1
    assert working_days_until(GW_LEARNED, dt.date(2027, 5, 6)) == 2
    assert working_days_until(GW_LEARNED, GW_LEARNED) == 0
    assert working_days_until(dt.date(2027, 5, 6), dt.date(2027, 4, 28)) == -2  # 4/30 and 5/6 overdue


def test_big_ransomware_case_fits_one_page_with_everything_management_needs(db: Database) -> None:
    incident_id = _seed(
        db, "基幹サーバのランサムウェア感染（総務部・人事部・営業部の共有フォルダ）", RANSOMWARE
    )
    DocumentService(db).save_incident_values(incident_id, {"審査機関名": "一般財団法人サンプル審査センター"})
    ctx = DocumentService(db).context(incident_id, KIND, today=GW_LEARNED)
    assert {line.kind for line in ctx.deadlines} >= {"sokuho", "kakuho", "individual_notice", "gdpr"}
    pdf = builders.build(KIND, ctx)
    text = _text(pdf)
    lines = _lines(pdf)
    # The verdict of both laws, one line each, with the 号.
    _row(
        lines,
        "個人情報保護法",
        "該当 → 報告（規則第7条 1号 要配慮・2号 財産的被害・3号 不正目的・4号 1,000人超）",
    )
    _row(lines, "番号法", "該当 → 報告（規則第2条 2号 不正目的）")
    assert "最大2,400名" in text and "ランサムウェア" in text
    # 速報: 4/30–5/2, the outer bound a Sunday in Golden Week: 4 calendar days, 1 working day (Fri 4/30).
    _row(lines, "速報（個情法・番号法）", "速やかに（遅くとも5月2日（日））", "4日", "1日", "未了")
    # 確報: day 60 is Sat 6/26, moved to Mon 6/28: 61 calendar days, 39 working days.
    _row(lines, "確報（個情法・番号法）", "6月28日（月）（繰下げ）", "61日", "39日", "未了")
    _row(
        lines, "GDPR第33条通知（72時間）", "5月1日（土） 10:00まで", "3日", "1日", "未了"
    )  # 4/28 10:00 + 72 h
    # Decisions for now.
    for decision in (
        "速報の提出",
        "攻撃者と交渉しない",
        "警察（サイバー犯罪相談窓口）へ相談・届出するか",
        "本人通知の方法",
        "公表するか",
    ):
        assert decision in text, decision
    # Whom to call: the PPC's form (a documented address), no invented phone number; the rest are lines to fill.
    assert "https://www.ppc.go.jp/personalinfo/legal/leakAction/" in text
    assert "相談ダイヤル：＿＿" in text
    assert "サイバー犯罪相談窓口" in text and "情報処理推進機構（IPA）" in text
    assert "保険会社（サイバー保険）" in text and "カード会社・決済代行会社" in text
    assert "一般財団法人サンプル審査センター" in text.replace("\n", "")  # a cell may wrap
    assert not re.search(r"0570|03-\d{4}-\d{4}", text.replace(OFFICE.phone, ""))
    assert "ほか" in text  # nine items: six shown, the rest counted (the title is cut as well)
    assert builders.preflight(builders.compose(KIND, ctx)).unprintable == ()  # no tofu


def test_small_case_has_no_police_or_card_company_and_shows_the_filed_report(db: Database) -> None:
    incident_id = _seed(db, "案内メールの誤送信", SMALL, "email_missend")
    FilingService(db).record(
        incident_id, FilingKind.SOKUHO, dt.datetime(2027, 7, 3, 15, 0, tzinfo=JST), "ppc_form"
    )
    ctx = DocumentService(db).context(incident_id, KIND, today=dt.date(2027, 7, 5))
    text = _text(builders.build(KIND, ctx))
    _row(_lines(builders.build(KIND, ctx)), "個人情報保護法", "該当 → 報告（規則第7条 1号 要配慮）")
    assert "個人番号（マイナンバー）は含まれていない" in text
    assert "済（7月3日）" in text  # the 速報 recorded as filed
    assert "速報の提出" not in text  # already decided
    # 確報: day 30 is Fri 7/30; from Mon 7/5 that is 25 calendar days and 18 working days (6 weekend days and 海の日 7/19 skipped).
    _row(_lines(builders.build(KIND, ctx)), "確報", "7月30日（金）", "25日", "18日", "未了")
    assert "警察" not in text and "カード会社" not in text and "IPA" not in text
    assert "保険会社（サイバー保険）" in text


def test_checklist_decides_what_is_still_open() -> None:
    ctx = context(
        checklist=(
            ChecklistLine(
                "公表の検討", "報告", dt.datetime(2027, 7, 2, tzinfo=JST), "佐藤", code="consider_publication"
            ),
            ChecklistLine("警察へ相談", "封じ込め", code="police_cyber"),
        ),
        deadlines=(
            DeadlineLine(
                "sokuho",
                "速報",
                due_date=dt.date(2027, 7, 5),
                due_from=dt.date(2027, 7, 3),
                calendar_days=0,
                working_days=0,
            ),
        ),
    )
    grids = [b for b in builders.compose(KIND, ctx).blocks if isinstance(b, Grid)]
    rows = dict(next(g for g in grids if g.header[0] == "決めること").rows)
    assert "公表するか（時期・方法・範囲）" not in rows  # ticked in the checklist
    assert "警察（サイバー犯罪相談窓口）へ相談・届出するか" in rows  # open in the checklist
    assert rows["速報の提出：内容と提出日の承認（報告者は事業者名義）"] == "期限は本日"


def test_entrustor_named_from_the_values_and_needs_only_the_office_name() -> None:
    processor = dataclasses.replace(SMALL, role=Role.PROCESSOR)
    ctx = context(
        incident=dataclasses.replace(context().incident, facts=processor, assessment=assess(processor)),
        values={"委託元名": "株式会社クライアント"},
    )
    text = builders.compose(KIND, ctx).plain_text()
    assert "委託元（株式会社クライアント）" in text
    assert "委託元への連絡：誰が・いつ・何を伝えるか" in text
    assert [need.label for need in builders.needs(KIND, ctx)] == ["事業者名"]
    assert builders.missing(KIND, dataclasses.replace(ctx, office=OfficeProfile())) != ()


def test_not_assessed_case_still_prints_one_page() -> None:
    ctx = context(incident=dataclasses.replace(context().incident, facts=None, assessment=None), report=None)
    text = _text(builders.build(KIND, ctx))
    assert "未判定" in text and "期限のある手続はありません。" in text


def _run(data_paths: DataPaths, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    args = build_parser().parse_args(["--data-dir", str(data_paths.root), *argv])
    return run_command(args, out, err), out.getvalue(), err.getvalue()


def test_cli_exports_the_sheet(data_paths: DataPaths, tmp_path: Path) -> None:
    db = Database.open(data_paths)
    _seed(db, "基幹サーバのランサムウェア感染", RANSOMWARE)
    db.close()
    target = tmp_path / "sheet.pdf"
    code, out, _err = _run(
        data_paths, "export", "initial_sheet", "--incident", "1", "--out", str(target), "--date", "2027-04-28"
    )
    assert code == 0, _err
    assert "初動シート" in out or "First-response sheet" in out
    assert "速やかに（遅くとも5月2日（日））" in _text(target.read_bytes())


@pytest.mark.parametrize("kind", [DocumentKind.INITIAL_SHEET])
def test_kind_label_is_translated(kind: DocumentKind) -> None:
    assert kind.label() in ("初動シート", "First-response sheet")


def test_an_oversized_case_is_set_tighter_and_still_fits_one_page() -> None:
    """Every decision open and twelve clocks: the rows beyond the caps are counted, never a second page."""
    lines = tuple(
        DeadlineLine(
            f"kind{n}",
            f"番号法 確報（60日以内）その{n}",
            due_date=dt.date(2027, 8, n + 1),
            due_from=dt.date(2027, 7, 28),
            calendar_days=n,
            working_days=n,
        )
        for n in range(12)
    )
    steps = tuple(ChecklistLine(f"step {code}", code=code) for code in initial_sheet.DECISION_CODES)
    processor = dataclasses.replace(RANSOMWARE, role=Role.PROCESSOR)
    ctx = context(
        incident=dataclasses.replace(context().incident, facts=processor, assessment=assess(processor)),
        deadlines=lines,
        checklist=steps,
        values={
            "委託元名": "株式会社とても長い名前の委託元ホールディングス",
            "審査機関名": "一般財団法人審査",
        },
    )
    text = _text(builders.build(KIND, ctx))
    assert "ほか" in text and "件（チェックリストを参照）" in text
