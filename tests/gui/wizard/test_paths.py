"""The wizard driven end to end through typical incidents; each saved case is read back after a restart."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.db.database import Database
from app.db.models import AuditEntry
from app.domain.dates import JST
from app.domain.incident import IncidentStatus
from app.paths import DataPaths
from app.services.assessments import AssessmentService
from app.services.incidents import IncidentService
from app.wizard.questions import QuestionId as Q
from tests.gui.wizard.driver import Driver


@dataclass
class Saved:
    title: str
    kind: str | None
    status: IncidentStatus
    next_deadline: dt.date | None
    facts: dict[str, Any]
    assessment: dict[str, Any]
    audit_actions: list[str]
    rules_version: str


def restart_and_read(db: Database, data_paths: DataPaths, incident_id: int) -> Saved:
    """Close the register as the app does on exit, open it again, and read the incident back."""
    db.close()
    reopened = Database.open(data_paths)
    try:
        detail = IncidentService(reopened).get(incident_id)
        assert detail is not None
        history = AssessmentService(reopened).history(incident_id)
        assert len(history) == 1 and history[0].reason is None
        with reopened.session_scope() as session:
            actions = list(
                session.scalars(
                    select(AuditEntry.action).where(
                        AuditEntry.entity == "incident", AuditEntry.entity_id == incident_id
                    )
                )
            )
        return Saved(
            detail.summary.title,
            detail.summary.incident_kind,
            detail.summary.status,
            detail.summary.next_deadline,
            dict(detail.facts),
            history[0].assessment,
            actions,
            history[0].rules_version,
        )
    finally:
        reopened.close()


def own_office(d: Driver) -> None:
    d.at(Q.ROLE)
    d.answer("own")
    d.office()


def test_mis_sent_email_with_health_data(drive, db, data_paths) -> None:
    d = drive()
    d.start("email_missend", "name", "health_checkup_result")
    d.count(1)
    d.learned()
    d.cause()
    d.at(Q.RECOVERED)
    d.answer("no")
    d.at(Q.ENCRYPTION)
    d.answer("no")
    own_office(d)
    d.title("健康診断結果のメール誤送信")
    assert "個人情報保護委員会への報告が必要です（規則7条1号）" in d.wizard.result_page.text()
    assert "確報：6月30日（あと28日）" in d.wizard.result_page.text()
    d.finish()
    saved = restart_and_read(db, data_paths, d.wizard.created_id)
    assert (saved.title, saved.kind, saved.status) == (
        "健康診断結果のメール誤送信",
        "email_missend",
        IncidentStatus.INVESTIGATING,
    )
    assert saved.assessment["applicable_items"] == [1]
    assert saved.assessment["sokuho_window"] == {"from": "2027-06-03", "to": "2027-06-05"}
    assert saved.assessment["kakuho"]["deadline"] == "2027-06-30"
    assert saved.facts["learned_at"] == "2027-06-01T09:30:00+09:00"
    assert saved.facts["learned_by"] == "受付の山田"
    assert saved.next_deadline is not None
    assert saved.audit_actions == ["create"]
    assert saved.rules_version == "APPI-R7-2024-04/GL-2025-06"


def test_lost_usb_with_1200_people(drive, db, data_paths) -> None:
    d = drive()
    d.start("loss", "name", "address")
    d.count(1200)
    d.learned()
    d.at(Q.COUNT_CROSSING)
    d.answer("from_start")
    d.at(Q.LOSS_PLACE)
    d.answer("outside")
    d.cause()
    d.at(Q.RECOVERED)
    d.answer("no")
    d.at(Q.ENCRYPTION)
    d.answer("no")
    own_office(d)
    d.title("USBメモリの紛失")
    d.finish()
    saved = restart_and_read(db, data_paths, d.wizard.created_id)
    assert saved.assessment["applicable_items"] == [4]
    assert saved.assessment["possibility_only"] is True
    assert saved.facts["affected_count"] == 1200
    assert saved.assessment["kakuho"]["deadline"] == "2027-06-30"


def ransomware(d: Driver, backup: str, *signs: str) -> None:
    d.start("ransomware", "name", "email")
    d.count(80)
    d.learned()
    d.at(Q.BACKUP)
    d.answer(backup)
    d.at(Q.INDICATORS)
    d.tick(*(signs or ("none",)))
    d.next()
    own_office(d)


def test_ransomware_without_a_backup_is_item_3_with_60_days(drive, db, data_paths) -> None:
    d = drive()
    ransomware(d, "no")
    d.title("ランサムウェア感染")
    d.finish()
    saved = restart_and_read(db, data_paths, d.wizard.created_id)
    assert saved.assessment["event"] == "damage"
    assert saved.assessment["applicable_items"] == [3]
    assert saved.assessment["kakuho"] == {
        "days": 60,
        "nth_day": "2027-07-30",
        "deadline": "2027-07-30",
        "moved": False,
    }


def test_ransomware_with_a_backup_is_recorded_as_not_reportable_with_its_reasoning(
    drive, db, data_paths
) -> None:
    d = drive()
    ransomware(d, "yes")
    d.title("ランサムウェア感染（バックアップから復元）")
    text = d.wizard.result_page.text()
    assert "個人情報保護委員会への報告は不要です（報告対象事態に当たりません）" in text
    assert "データが持ち出された形跡が見つかった場合" in text  # what would change it
    assert "窃取の痕跡" in text  # the engine's warning to re-assess on any sign of theft
    assert "理由のある「報告不要」の記録は、報告と同じくらい価値があります" in text
    d.finish()
    saved = restart_and_read(db, data_paths, d.wizard.created_id)
    assert saved.status is IncidentStatus.NOT_REPORTABLE
    assert saved.assessment["excluded_by"] == "identical_copy_exists"
    assert saved.next_deadline is None
    assert "W-RANSOMWARE-BACKUP" in [w["code"] for w in saved.assessment["warnings"]]


def test_encrypted_laptop_with_the_key_safe(drive, db, data_paths) -> None:
    d = drive()
    d.start("loss", "name", "diagnosis")
    d.count(300)
    d.learned()
    d.at(Q.LOSS_PLACE)
    d.answer("outside")
    d.cause()
    d.at(Q.RECOVERED)
    d.answer("no")
    d.at(Q.ENCRYPTION)
    d.choose("yes")
    d.tick("strong", "separate")
    d.choose("safe")
    d.next()
    own_office(d)
    d.title("暗号化済みノートPCの紛失")
    d.finish()
    saved = restart_and_read(db, data_paths, d.wizard.created_id)
    assert saved.assessment["excluded_by"] == "high_grade_encryption"
    assert saved.facts["encryption"] == {"encrypted": True, "high_grade": True, "key_compromised": False}


def test_processor_notifies_its_entrustor(drive, db, data_paths) -> None:
    d = drive()
    d.start("misdelivery", "name", "medical_history")
    d.count(5)
    d.learned()
    d.cause()
    d.at(Q.RECOVERED)
    d.answer("no")
    d.at(Q.ENCRYPTION)
    d.answer("no")
    d.at(Q.ROLE)
    d.answer("processor")
    d.office()
    d.title("委託業務での誤送付")
    assert d.wizard.result_page.headline_label.text() == "委託元への通知が必要です（規則7条1号に該当）"
    d.finish()
    saved = restart_and_read(db, data_paths, d.wizard.created_id)
    assert saved.facts["role"] == "processor"
    assert saved.assessment["report_to"] == "entrustor"
    assert saved.assessment["entrustor_notice_window"] == {"from": "2027-06-03", "to": "2027-06-05"}


def test_card_last_four_digits_only_is_not_reportable(drive, db, data_paths) -> None:
    d = drive()
    d.start("misdelivery", "name", "card_last4", "card_expiry")
    d.count(2)
    d.learned()
    d.cause()
    d.at(Q.RECOVERED)
    d.answer("no")
    d.at(Q.ENCRYPTION)
    d.answer("no")
    own_office(d)
    d.title("利用明細の誤送付")
    assert "下4桁と有効期限のみ" in d.wizard.result_page.text()
    d.finish()
    saved = restart_and_read(db, data_paths, d.wizard.created_id)
    assert saved.assessment["applicable_items"] == []
    assert saved.facts["financial"]["card_last4_expiry_only"] is True


def test_recovered_before_viewed_skips_encryption_and_is_not_a_leak(drive, db, data_paths) -> None:
    d = drive()
    d.start("email_missend", "name", "diagnosis")
    d.count(1)
    d.learned()
    d.cause()
    d.at(Q.RECOVERED)
    d.choose("yes")
    d.next(expect=Q.ROLE)  # nothing later changes the verdict: no encryption question
    d.answer("own")
    d.office()
    d.title("誤送信（未開封で削除を確認）")
    d.finish()
    saved = restart_and_read(db, data_paths, d.wizard.created_id)
    assert saved.assessment["excluded_by"] == "recovered_before_viewed"
    assert saved.status is IncidentStatus.NOT_REPORTABLE


def test_count_unknown_at_most_3000(drive, db, data_paths) -> None:
    d = drive()
    d.start("system_fault", "name", "email")
    d.count(3000, mode="at_most", contact="no")
    d.learned()
    d.at(Q.COUNT_CROSSING)
    d.answer("from_start")
    d.at(Q.EVENT)
    d.choose("leak")
    d.tick("suspected")
    d.next()
    d.cause()
    d.at(Q.RECOVERED)
    d.answer("no")
    d.at(Q.ENCRYPTION)
    d.answer("no")
    d.no_signs()
    own_office(d)
    d.title("設定ミスによる会員情報の公開")
    d.finish()
    saved = restart_and_read(db, data_paths, d.wizard.created_id)
    assert (saved.facts["affected_count"], saved.facts["affected_count_max"]) == (None, 3000)
    assert saved.assessment["applicable_items"] == [4]
    assert saved.assessment["individual_notice"] == "required_substitute_allowed"


def test_insider_exfiltration(drive, db, data_paths) -> None:
    """An employee who took the customer list on purpose: item 3 from the plain question, no access-log sign needed."""
    d = drive()
    d.start("other", "name", "phone", "transaction_history")
    d.count(250)
    d.learned(by="経理課長")
    d.at(Q.EVENT)
    d.answer("leak")
    d.cause("employee_on_purpose")
    assert d.wizard.verdict_panel.items_label.text() == "3号（暫定）"
    d.at(Q.RECOVERED)
    d.answer("no")
    d.at(Q.ENCRYPTION)
    d.answer("no")
    own_office(d)  # no signs page: the answer already names an insider acting on purpose
    d.title("元従業員による顧客情報の持ち出し")
    d.finish()
    saved = restart_and_read(db, data_paths, d.wizard.created_id)
    assert saved.facts["malicious_basis"] == "insider_exfiltration"
    assert saved.facts["possibility_only"] is False
    assert saved.assessment["applicable_items"] == [3]
    assert saved.assessment["kakuho"]["deadline"] == "2027-07-30"


def test_stolen_shop_credentials_with_payment_functions(drive, db, data_paths) -> None:
    d = drive()
    d.at(Q.KIND)
    d.answer("unauthorized_access")
    d.data("email", "login_id", "password")
    d.at(Q.MY_NUMBER)
    d.answer("no")
    d.at(Q.PAYMENT_LOGIN)  # asked only because both the ID and the password leaked
    d.answer("yes")
    d.at(Q.SCOPE)
    d.answer("personal_data")
    d.count(40)
    d.learned()
    d.no_signs()
    own_office(d)
    d.title("通販サイトへの不正ログイン")
    d.finish()
    saved = restart_and_read(db, data_paths, d.wizard.created_id)
    assert saved.facts["financial"]["payment_login_credentials"] is True
    assert saved.assessment["applicable_items"] == [2, 3]


def test_back_and_change_drops_the_answers_that_no_longer_apply(drive, db, data_paths) -> None:
    d = drive()
    d.start("email_missend", "name")
    d.count(1)
    d.learned()
    d.cause()
    d.at(Q.RECOVERED)
    d.answer("no")
    d.at(Q.ENCRYPTION)
    for _ in range(8):
        d.back()
    d.at(Q.KIND)
    d.choose("ransomware")
    assert "recovered" not in d.wizard.answers  # dropped as soon as the kind changed
    assert "cause" not in d.wizard.answers  # ransomware is wrongdoing by itself: no "who did it"
    d.next(expect=Q.DATA)
    assert d.page.box("name").isChecked()  # what still applies is kept
    d.next(expect=Q.MY_NUMBER)
    d.next(expect=Q.SCOPE)
    d.next(expect=Q.COUNT)
    assert d.page.spin.value() == 1  # the count given before the kind changed
    d.next(expect=Q.LEARNED)
    d.next(expect=Q.BACKUP)
    d.answer("no")
    d.no_signs()
    own_office(d)
    assert d.page.edit.text() == "ランサムウェア・マルウェア（6月1日）"  # the suggested name
    d.title("ランサムウェア（種類を訂正）")
    d.finish()
    saved = restart_and_read(db, data_paths, d.wizard.created_id)
    assert saved.kind == "ransomware"
    assert saved.facts["recovered_before_viewed"] is False
    assert saved.assessment["applicable_items"] == [3]


def test_payroll_file_with_150_my_numbers_e_mailed_to_a_wrong_address(drive, db, data_paths) -> None:
    """docs/domain.md §15.5 example 3: not reportable under 第7条, 番号法 4号 (more than 100 persons)."""
    d = drive()
    d.start("email_missend", "name", "address", my_number="yes")
    d.count(150)
    d.bango_count(150)
    d.learned(dt.datetime(2026, 10, 5, 9, 0, tzinfo=JST))
    d.at(Q.BANGO_CROSSING)
    d.answer("from_start")
    d.cause()
    d.at(Q.RECOVERED)
    d.answer("no")
    d.at(Q.ENCRYPTION)
    d.answer("no")
    d.bango(viewable="no", recipient="mistaken", use="no", violation="no")
    panel = d.wizard.verdict_panel
    assert (panel.bango_items_label.text(), panel.bango_requirement_label.text()) == (
        "4号（暫定）",
        "まだ判定できません",
    )
    d.at(Q.ROLE)
    d.choose("own")  # the last deciding answer: both verdicts side by side
    assert (panel.items_label.text(), panel.requirement_label.text()) == ("該当なし", "報告は不要")
    assert (panel.bango_items_label.text(), panel.bango_requirement_label.text()) == (
        "4号",
        "報告が必要（個人情報保護委員会）",
    )
    assert panel.filing_label.text() == "番号法の報告のみ（報告フォームのマイナンバー用の入口から）"
    assert "確報（番号法）" in panel.deadlines_label.text()
    own_office(d)
    d.title("源泉徴収票データの誤送信")
    page = d.wizard.result_page
    assert page.headline_label.text() == "個人情報保護委員会への報告は不要です（報告対象事態に当たりません）"
    assert page.bango_headline_label.text() == "個人情報保護委員会への報告が必要です（規則2条4号）"
    assert page.bango_column.isVisible() and page.bango_column.law_label.text() == "番号法（規則2条）"
    text = page.text()
    assert "提出の方法：番号法の報告のみ（報告フォームのマイナンバー用の入口から）" in text
    assert "確報（番号法）：2026年11月4日" in text
    assert "番号法の判定の理由" in text
    d.finish()
    saved = restart_and_read(db, data_paths, d.wizard.created_id)
    assert "my_number" in saved.facts["data_items"]
    assert saved.facts["bango"]["affected_count"] == 150
    assert saved.assessment["bango"]["categories"] == [4]
    assert saved.assessment["bango"]["kakuho"]["deadline"] == "2026-11-04"


def test_ransomware_on_the_payroll_pc_shows_one_set_of_shared_deadlines(drive, db, data_paths) -> None:
    """§15.5 example 2: 第7条 3号 and 番号法 2号, the same 60 days: one line per date, named for both laws."""
    d = drive()
    d.start("ransomware", "name", "address", my_number="yes")
    d.count(40)
    d.bango_count(40)
    d.learned(dt.datetime(2026, 9, 24, 9, 0, tzinfo=JST))
    d.at(Q.BACKUP)
    d.answer("no")
    d.at(Q.INDICATORS)
    d.tick("traces_outside", "confirmed")
    d.next()
    d.bango(viewable="no", use="no", violation="no")
    own_office(d)
    d.title("給与計算PCのランサムウェア感染")
    text = d.wizard.result_page.text()
    assert d.wizard.result_page.headline_label.text() == (
        "個人情報保護委員会への報告が必要です（規則7条3号）"
    )
    assert d.wizard.result_page.bango_headline_label.text() == (
        "個人情報保護委員会への報告が必要です（規則2条2号）"
    )
    assert "速報（個人情報保護法・番号法）：速やかに（遅くとも2026年9月28日まで）" in text
    assert "確報（個人情報保護法・番号法）：2026年11月24日" in text
    assert "確報（番号法）" not in text and "確報（個人情報保護法）：" not in text
    assert "提出の方法：両方の法律の報告を1件で提出" in text
    d.finish()
    saved = restart_and_read(db, data_paths, d.wizard.created_id)
    assert saved.assessment["applicable_items"] == [3]
    assert saved.assessment["bango"]["filing"] == "joint"


def test_an_employee_who_looked_up_my_numbers_for_private_ends(drive, db, data_paths) -> None:
    """Nothing leaked, but a use outside 番号法9条 with a wrongful purpose is 規則2条2号 (§15.3 rule 6)."""
    d = drive()
    d.start("other", "name", "address", my_number="yes")
    d.count(1)
    d.bango_count(1)
    d.learned()
    d.at(Q.EVENT)
    d.answer("none")  # offered only because My Numbers are involved
    d.cause("employee_on_purpose")
    d.at(Q.BANGO)
    assert d.page.parts["viewable"].isHidden() and d.page.parts["recipient"].isHidden()
    d.choose("use_private")
    d.choose("violation_no")
    d.next()
    own_office(d)
    d.title("従業員によるマイナンバーの私的利用")
    page = d.wizard.result_page
    assert page.bango_headline_label.text() == "個人情報保護委員会への報告が必要です（規則2条2号）"
    d.finish()
    saved = restart_and_read(db, data_paths, d.wizard.created_id)
    assert saved.facts["event"] == "none"
    assert saved.facts["bango"]["misuse"] == "use_outside_art9"
    assert saved.assessment["bango"]["categories"] == [2]
    assert saved.assessment["applicable_items"] == []
