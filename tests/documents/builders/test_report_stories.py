"""The three stories of issue 15 through the command line and a real register: the 速報 and 確報 a reviewer reads.

Each story is assessed by the rules engine, its draft is started with `main.py report start`, and the PDF
written by `main.py export` is read back with pypdf.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from app.cli import build_parser, run_command
from app.db.codec import encode
from app.db.database import Database
from app.db.models import Incident, NoticeDelivery
from app.domain.dates import JST
from app.domain.filing import FilingKind
from app.domain.office import OfficeProfile
from app.paths import DataPaths
from app.rules import assess
from app.rules.facts_json import parse_facts
from app.services.incidents import IncidentService
from app.services.office import OfficeService
from app.services.workspace import FilingService, ReportDraftService, TimelineService
from tests.documents.builders.factories import OFFICE
from tests.documents.helpers import page_texts

RANSOMWARE = {
    "role": "controller",
    "event": "leak",
    "possibility_only": True,
    "data_items": ["name", "address", "health_checkup_result"],
    "malicious": True,
    "malicious_basis": "ransomware",
    "caused_by": "outsider",
    "affected_count": 40,
    "occurred_date": "2027-04-28",
    "learned_date": "2027-04-28",
}
MISSENT = {
    "role": "controller",
    "event": "leak",
    "data_items": ["name", "email"],
    "caused_by": "employee_mistake",
    "affected_count": 1200,
    "occurred_date": "2027-07-01",
    "learned_date": "2027-07-01",
}
USB = {
    "role": "controller",
    "event": "leak",
    "possibility_only": True,
    "data_items": ["name", "address", "diagnosis"],
    "caused_by": "contractor_mistake",
    "affected_count": None,
    "affected_count_max": 2400,
    "occurred_date": "2027-09-10",
    "learned_date": "2027-09-11",
}


def cli(paths: DataPaths, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    args = build_parser().parse_args(["--data-dir", str(paths.root), *argv])
    code = run_command(args, out, err)
    return code, out.getvalue(), err.getvalue()


def story(
    paths: DataPaths,
    facts: dict[str, object],
    title: str,
    kind: str,
    summary: str,
    office: OfficeProfile | None = OFFICE,
) -> int:
    """An assessed incident in the register; `office` None leaves the office profile unsaved (a new install)."""
    parsed = parse_facts(facts)
    db = Database.open(paths)
    try:
        if office is not None:
            OfficeService(db).save(office)
        incident_id = IncidentService(db).create(title, encode(parsed), encode(assess(parsed)), kind)
        with db.session_scope() as session:
            row = session.get(Incident, incident_id)
            assert row is not None
            row.public_summary = summary
        return incident_id
    finally:
        db.close()


def text_of_pdf(path: Path) -> str:
    return "".join(page_texts(path.read_bytes())).replace("\n", "")


def export(paths: DataPaths, tmp_path: Path, kind: str, incident: int, *extra: str) -> tuple[int, str, str]:
    target = tmp_path / f"{kind}.pdf"
    code, _out, err = cli(paths, "export", kind, "--incident", str(incident), "--out", str(target), *extra)
    return code, (text_of_pdf(target) if target.exists() else ""), err


def test_ransomware_before_golden_week_sokuho_then_kakuho(data_paths: DataPaths, tmp_path: Path) -> None:
    incident = story(
        data_paths,
        RANSOMWARE,
        "給与サーバのランサムウェア感染（総務部 髙橋）",
        "ransomware",
        "当社の給与計算サーバがランサムウェアに感染し、従業員の個人データが暗号化されました。",
    )
    code, _out, err = export(data_paths, tmp_path, "sokuho", incident)
    assert code == 2 and "main.py report start" in err  # no draft: the command says how to start one
    code, out, _err = cli(data_paths, "report", "start", "--incident", str(incident))
    assert code == 0
    assert "1号：要配慮個人情報（健康診断結果）が含まれる" in out
    assert "3号：不正の目的をもって行われたおそれがある行為（ランサムウェアによる暗号化）による" in out

    code, text, err = export(data_paths, tmp_path, "sokuho", incident)
    assert code == 0, err
    assert "1号：要配慮個人情報（健康診断結果）が含まれる" in text
    assert "不正の目的をもって行われたおそれがある行為（ランサムウェアによる暗号化）" in text
    assert "漏えいのおそれ" in text
    assert "電子媒体（サーバ）" in text and "従業員情報" in text
    assert "第三者による不正アクセス（ランサムウェア）" in text and "その他（第三者等）" in text
    assert "総務部" not in text and "髙橋" not in text  # the internal 件名 stays inside
    assert "当社の給与計算サーバがランサムウェアに感染し" in text
    # Item 9: nothing was answered, so nothing is claimed (no default 「なし」, no internal to-do).
    assert "なし" not in text.split("その他参考となる事項")[-1]
    assert "検討" not in text

    db = Database.open(data_paths)
    try:
        FilingService(db).record(
            incident,
            FilingKind.SOKUHO,
            dt.datetime(2027, 4, 30, 16, 0, tzinfo=JST),
            "ppc_form",
            receipt_number="PPC-0430-0042",
        )
        drafts = ReportDraftService(db)
        kakuho = drafts.start(incident, FilingKind.KAKUHO)
        assert kakuho.draft.envelope.prior_receipt_number == "PPC-0430-0042"
        assert kakuho.draft.envelope.prior_report_date == dt.date(2027, 4, 30)
        for path, value in (
            ("secondary_damage.present", False),
            ("response", "対象の従業員全員に個別に説明しました。"),
            ("publication.status", "none"),
            ("prevention.implemented", "バックアップの世代管理とVPN機器の更新を行いました。"),
            ("other.police.done", True),
            ("other.police.note", "所轄警察署に相談済み"),
        ):
            drafts.set_field(kakuho.id, path, value)
    finally:
        db.close()
    code, text, err = export(data_paths, tmp_path, "kakuho", incident)
    assert code == 0, err
    assert "2027年4月30日付け速報（受付番号：PPC-0430-0042）に続く確報" in text
    assert "PPC-0430-0042" in text.split("先行報告の受付番号")[1][:20]
    # What changed since the 速報, with the 速報's own words in 変更前.
    changes = text.split("からの変更点")[1]
    assert "再発防止のための措置（実施済みの措置）（調査中）バックアップの世代管理" in changes
    assert "警察への相談・届出：あり（所轄警察署に相談済み）" in text


def test_missent_email_to_1200_customers(data_paths: DataPaths, tmp_path: Path) -> None:
    incident = story(
        data_paths,
        MISSENT,
        "会員向けメールの誤送信",
        "email_missend",
        "会員の皆様へのご案内メールを、宛先を誤って送信しました。",
    )
    db = Database.open(data_paths)
    try:
        timeline = TimelineService(db)
        timeline.append(incident, dt.datetime(2027, 6, 20, 9, 0, tzinfo=JST), "配信リストを作成")
        timeline.append(incident, dt.datetime(2027, 7, 1, 10, 0, tzinfo=JST), "鈴木 次郎様から誤送信のご指摘")
        with db.session_scope() as session:
            session.add(
                NoticeDelivery(
                    incident_id=incident,
                    recipient_key="C1",
                    recipient_name="鈴木 次郎",
                    postal_code="",
                    address="",
                    email="jiro@example.jp",
                    channel="email",
                    items=["name", "email"],
                    document_sha256="0" * 64,
                    sent_at=None,
                    created_at=dt.datetime(2027, 7, 2, tzinfo=dt.UTC),
                    actor="test",
                )
            )
    finally:
        db.close()
    code, out, err = cli(data_paths, "report", "start", "--incident", str(incident))
    assert code == 0
    assert "4号：本人の数が1,200名（1,000人を超える）" in out
    assert "発生日（2027年7月1日）より前の記録があります（2027年6月20日）" in err
    assert "本人通知の宛先となった方の氏名が1件" in err and "鈴木" not in err  # flagged, never repeated
    code, text, err = export(data_paths, tmp_path, "sokuho", incident)
    assert code == 0, err
    # The PDF check says it too, before the report goes to the PPC (the name itself is never repeated).
    assert "本人通知の宛先となった方の氏名が1件" in err and "鈴木" not in err
    assert "漏えいが発生" in text and "電子媒体（電子メール）" in text and "顧客情報" in text
    assert "従業者による電子メールの誤送信" in text and "報告者" in text


def test_contractor_loses_a_clients_usb_stick(data_paths: DataPaths, tmp_path: Path) -> None:
    incident = story(
        data_paths,
        USB,
        "委託先による患者情報入りUSBメモリの紛失",
        "processor_report",
        "当社が業務を委託している事業者が、当社の患者様の情報を保存したUSBメモリを紛失しました。",
    )
    assert cli(data_paths, "report", "start", "--incident", str(incident))[0] == 0
    code, text, err = export(data_paths, tmp_path, "sokuho", incident)
    assert code == 0, err
    assert "電子媒体（USBメモリ）" in text and "顧客情報" in text
    assert "1号：要配慮個人情報（診断名・診療情報）が含まれる" in text
    assert "4号：本人の数が最大2,400名（1,000人を超える）" in text
    assert "委託先" in text.split("発生させた主体")[1][:10]
    assert "漏えいのおそれ" in text


def test_empty_office_fields_stop_the_export_unless_allowed(data_paths: DataPaths, tmp_path: Path) -> None:
    incident = story(data_paths, MISSENT, "誤送信", "email_missend", "ご案内メールの誤送信", office=None)
    assert cli(data_paths, "report", "start", "--incident", str(incident))[0] == 0
    code, _text, err = export(data_paths, tmp_path, "sokuho", incident)
    assert code == 2
    for name in ("事業者名", "所在地", "代表者", "担当者", "電話番号又はメールアドレス"):
        assert name in err
    assert "--allow-missing" in err and not (tmp_path / "sokuho.pdf").exists()
    code, text, err = export(data_paths, tmp_path, "sokuho", incident, "--allow-missing")
    assert code == 0 and "事業者名" in err and "漏えい等" in text


def test_report_show_without_a_draft_names_report_start(data_paths: DataPaths) -> None:
    incident = story(data_paths, MISSENT, "誤送信", "email_missend", "")
    code, _out, err = cli(data_paths, "report", "show", "--incident", str(incident))
    assert code == 2 and "report start" in err


@pytest.mark.parametrize("kind", ["internal_report", "pmark_report"])
def test_other_kinds_declare_their_needs(data_paths: DataPaths, tmp_path: Path, kind: str) -> None:
    incident = story(data_paths, MISSENT, "誤送信", "email_missend", "", office=None)
    code, _text, err = export(data_paths, tmp_path, kind, incident)
    assert code == 2 and "事業者名" in err
    if kind == "pmark_report":
        assert "審査機関名" in err
