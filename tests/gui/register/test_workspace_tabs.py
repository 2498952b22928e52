"""Each workspace tab edited through its real widgets; the register is closed and reopened, and the edit is there."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.db.codec import encode
from app.db.database import Database
from app.domain.filing import FilingKind
from app.domain.incident import IncidentStatus
from app.paths import DataPaths
from app.rules.facts_json import parse_facts
from app.services.root import Services
from app.services.workspace import (
    ChecklistService,
    FilingService,
    OverviewService,
    ReportDraftService,
    TimelineService,
)
from tests.gui.jp_input import type_japanese
from tests.gui.register.conftest import TODAY, add_assessed, reopen
from ui.workspace import IncidentWindow
from ui.workspace.context import WorkspaceContext

JST = dt.timezone(dt.timedelta(hours=9))


def _window(qtbot, db: Database, incident_id: int, tab: str, today: dt.date = TODAY) -> IncidentWindow:  # type: ignore[no-untyped-def]
    window = IncidentWindow(WorkspaceContext.open(Services(db), incident_id, lambda: today))
    qtbot.addWidget(window)
    window.show()
    window.show_tab(tab)
    return window


def _restart(window: IncidentWindow, db: Database, data_paths: DataPaths) -> Database:
    window.close()
    db.close()
    return reopen(data_paths)


def test_overview_title_notes_and_closing(qtbot, register_db, data_paths, monkeypatch) -> None:
    incident = add_assessed(register_db, "仮の件名")
    window = _window(qtbot, register_db, incident, "overview")
    page = window.pages["overview"]
    page.title_edit.selectAll()
    type_japanese(page.title_edit, "健康診断結果のメール誤送信（髙橋）")
    qtbot.keyClick(page.title_edit, Qt.Key.Key_Return)
    assert "健康診断結果のメール誤送信（髙橋）" in window.windowTitle()
    type_japanese(page.notes_edit, "取引先の﨑山様から連絡あり。𠮷田様分も含む。")
    qtbot.waitUntil(
        lambda: OverviewService(register_db).overview(incident).notes != "", timeout=3000
    )  # a pause
    assert window.save_label.text().startswith("保存しました")
    asked: list[str] = []

    def answer_yes(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    assert "速報" in asked[0] and "確報" in asked[0]
    assert page.status_label.text() == "完了"

    db = _restart(window, register_db, data_paths)
    try:
        data = OverviewService(db).overview(incident)
        assert data.title == "健康診断結果のメール誤送信（髙橋）"
        assert data.notes == "取引先の﨑山様から連絡あり。𠮷田様分も含む。"
        assert data.status is IncidentStatus.CLOSED
    finally:
        db.close()


MY_NUMBER = ["name", "my_number"]


def _example_2(db: Database) -> int:
    """docs/domain.md §15.5 example 2: ransomware on the payroll PC, 40 employees; both laws, same dates."""
    return add_assessed(
        db,
        "給与PCのランサムウェア",
        "ransomware",
        learned_date="2026-09-24",
        data_items=MY_NUMBER,
        possibility_only=True,
        malicious=True,
        malicious_basis="ransomware",
        affected_count=40,
    )


def _example_3(db: Database) -> int:
    """§15.5 example 3: an Excel file with 150 employees' My Numbers e-mailed to a wrong outside address."""
    return add_assessed(
        db,
        "マイナンバー一覧のメール誤送信",
        learned_date="2026-10-05",
        data_items=MY_NUMBER,
        affected_count=150,
        bango={"affected_count": 150},
    )


def _history_row(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    table = page.history
    return {
        table.horizontalHeaderItem(column).text(): table.item(0, column).text()
        for column in range(table.columnCount())
        if not table.isColumnHidden(column)
    }


def test_overview_shows_both_verdicts_side_by_side_with_one_set_of_dates(qtbot, register_db) -> None:
    window = _window(qtbot, register_db, _example_2(register_db), "overview", dt.date(2026, 9, 25))
    page = window.pages["overview"]
    assert page.appi_box.law_label.isVisible() and page.bango_box.isVisible()
    assert page.appi_box.law_label.text() == "個人情報保護法（規則7条）"
    assert page.verdict_label.text() == "個人情報保護委員会への報告が必要です（規則7条3号）"
    assert page.bango_box.law_label.text() == "番号法（規則2条）"
    assert page.bango_verdict_label.text() == "個人情報保護委員会への報告が必要です（規則2条2号）"
    assert page.filing_label.text().startswith("提出の方法：両方の法律の報告を1件で提出")
    # The two laws' 速報 and 確報 fall on the same days: listed once each (60th day 11-22 → 11-24).
    # Fri 9/25: the 速報 after the weekend; the 確報 after the 11/21–23 holidays, with the day to submit before them.
    assert page.deadlines_label.text().splitlines() == [
        "速報: 2026/09/28 まで — あと3日（営業日 1日）",
        "確報: 2026/11/24 まで — あと60日（営業日 39日）",
        "⚠ 11/21（土）〜11/23（月）は休業日です。提出は11/20（金）までをお勧めします。",
    ]
    bango_reasons = page.bango_reasons_label.text()
    assert page.bango_reasons_label.isVisible()
    assert (
        "番号法の判定の理由" in bango_reasons and "規則2条2号イ" in bango_reasons
    )  # each reason with its refs
    assert "番号法" not in page.reasons_label.text().replace("番号法の判定", "")  # 第7条's own block
    assert "マイナンバー用の入口" in page.warnings_label.text()  # W-BANGO-FORM, after both laws' reasons
    row = _history_row(page)
    assert row["番号法"] == "2号"
    assert row["結果"] == "規則第7条の報告対象事態に該当します（3号）。"


def test_overview_of_a_report_due_only_under_the_my_number_act(qtbot, register_db) -> None:
    window = _window(qtbot, register_db, _example_3(register_db), "overview", dt.date(2026, 10, 9))
    page = window.pages["overview"]
    assert page.verdict_label.text() == "個人情報保護委員会への報告は不要です（報告対象事態に当たりません）"
    assert page.bango_verdict_label.text() == "個人情報保護委員会への報告が必要です（規則2条4号）"
    assert (
        page.filing_label.text() == "提出の方法：番号法の報告のみ（報告フォームのマイナンバー用の入口から）"
    )
    assert "本人の数が150人で、100人を超える" in page.bango_reasons_label.text()
    assert page.deadlines_label.text().splitlines() == [
        "速報: 2026/10/09 まで — 今日",
        "確報: 2026/11/04 まで — あと26日（営業日 16日）",  # スポーツの日 10/12 and 文化の日 11/3 not counted
    ]
    assert page.status_label.text() == "調査中"  # not a 非該当: reportable under the 番号法
    assert _history_row(page)["番号法"] == "4号"


def test_overview_without_my_numbers_has_no_my_number_block(qtbot, register_db) -> None:
    window = _window(qtbot, register_db, add_assessed(register_db, "健康診断結果の誤送信"), "overview")
    page = window.pages["overview"]
    assert page.verdict_label.text() == "規則第7条の報告対象事態に該当します（1号）。"
    assert page.bango_box.isHidden() and page.appi_box.law_label.isHidden()
    assert page.filing_label.isHidden() and page.bango_reasons_label.isHidden()
    assert page.history.isColumnHidden(4) and "番号法" not in _history_row(page)


def test_overview_of_an_assessment_made_before_the_my_number_track_asks_to_re_assess(
    qtbot, register_db
) -> None:
    from app.rules import assess
    from app.services.incidents import IncidentService

    facts = parse_facts(
        {"role": "controller", "event": "leak", "learned_date": "2027-07-01", "data_items": MY_NUMBER}
    )
    saved = {k: v for k, v in encode(assess(facts)).items() if k != "bango"}
    incident = IncidentService(register_db).create("旧版の判定", encode(facts), saved, "loss")
    window = _window(qtbot, register_db, incident, "overview")
    page = window.pages["overview"]
    assert page.bango_box.isVisible()
    assert "事案を再判定してください" in page.bango_verdict_label.text()
    assert _history_row(page)["番号法"] == "未判定"


def test_overview_in_english(qtbot, register_db) -> None:
    from app.i18n import set_language

    set_language("en")  # the autouse fixture puts Japanese back for the next test
    window = _window(qtbot, register_db, _example_3(register_db), "overview", dt.date(2026, 10, 9))
    page = window.pages["overview"]
    assert page.bango_box.law_label.text() == "My Number Act (Rules Art. 2)"
    assert (
        page.verdict_label.text()
        == "No report to the Commission is required: this is not a reportable incident"
    )
    assert page.bango_verdict_label.text().startswith(
        "A report to the Personal Information Protection Commission"
    )
    assert page.filing_label.text().startswith("How to file: My Number Act report only")
    assert "Why this verdict under the My Number Act" in page.bango_reasons_label.text()
    assert _history_row(page)["My No. Act"] == "Cat. 4"


def test_checklist_of_a_report_due_only_under_the_my_number_act(qtbot, register_db) -> None:
    window = _window(qtbot, register_db, _example_3(register_db), "checklist")
    rows = window.pages["checklist"].rows
    assert rows["file_sokuho_bango"].label.text() == "個人情報保護委員会に番号法の速報を提出する"
    assert "番号法の報告規則3条1項" in rows["file_sokuho_bango"].label.toolTip()
    assert rows["notify_individuals_bango"].label.text() == "本人に通知する（番号法）"
    assert "市区町村長に個人番号の変更を請求できる" in rows["notice_new_number"].label.text()
    assert "record_not_reportable" not in rows


def test_checklist_tick_name_and_note(qtbot, register_db, data_paths) -> None:
    incident = add_assessed(register_db, "健康診断結果の誤送信")
    window = _window(qtbot, register_db, incident, "checklist")
    page = window.pages["checklist"]
    row = page.rows["email_ask_delete"]
    assert not row.done_by.isEnabled()
    row.check.click()
    assert row.done_by.isEnabled() and row.done_by.text()  # the OS user, until a name is typed
    row.done_by.selectAll()
    type_japanese(row.done_by, "総務課 髙橋")
    qtbot.keyClick(row.done_by, Qt.Key.Key_Return)
    type_japanese(row.note, "先方から削除完了の返信あり")
    qtbot.keyClick(row.note, Qt.Key.Key_Tab)
    assert page.progress.text().startswith(f"{len(page.rows)} 件中 1 件完了")

    db = _restart(window, register_db, data_paths)
    try:
        step = next(s for s in ChecklistService(db).steps(incident) if s.code == "email_ask_delete")
        assert (step.done, step.done_by, step.note) == (True, "総務課 髙橋", "先方から削除完了の返信あり")
    finally:
        db.close()


def test_timeline_entry_and_correction(qtbot, register_db, data_paths) -> None:
    incident = add_assessed(register_db, "USBメモリの紛失", "loss")
    window = _window(qtbot, register_db, incident, "timeline")
    page = window.pages["timeline"]
    page.when_edit.setDateTime(QDateTime(QDate(2027, 7, 1), QTime(9, 30)))
    type_japanese(page.text_edit, "駅で紛失に気付いた")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.table.rowCount() == 1
    page.table.selectRow(0)
    qtbot.mouseClick(page.correct_button, Qt.MouseButton.LeftButton)
    page.when_edit.setDateTime(QDateTime(QDate(2027, 7, 1), QTime(9, 15)))
    page.text_edit.selectAll()
    type_japanese(page.text_edit, "9時15分、駅で紛失に気付いた")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.table.rowCount() == 2
    assert page.table.item(0, 1).text() == "［記録1の訂正］9時15分、駅で紛失に気付いた"
    assert page.table.item(1, 1).font().strikeOut()

    db = _restart(window, register_db, data_paths)
    try:
        entries = TimelineService(db).entries(incident)
        assert [e.text for e in entries] == ["9時15分、駅で紛失に気付いた", "駅で紛失に気付いた"]
        assert entries[0].corrects_id == entries[1].id
        assert entries[1].occurred_at == dt.datetime(2027, 7, 1, 9, 30, tzinfo=JST)
    finally:
        db.close()


def test_report_sokuho_then_kakuho_shows_changes(qtbot, register_db, data_paths) -> None:
    incident = add_assessed(register_db, "健康診断結果の誤送信")
    window = _window(qtbot, register_db, incident, "report")
    page = window.pages["report"]
    sokuho_button = next(b for b in page.kind_buttons.buttons() if b.property("kind") == "sokuho")
    qtbot.mouseClick(sokuho_button, Qt.MouseButton.LeftButton)
    cause = page.editors["cause.description"]
    assert cause.toPlainText() == "電子メールの誤送信"  # proposed from what happened; the officer refines it
    cause.clear()
    type_japanese(cause, "宛先の選択誤り")
    cause.commit()
    report_date = page.editors["envelope.report_date"]
    qtbot.keyClicks(report_date, "2027-02-30")  # the 30th of February is refused as it is typed
    assert report_date.text() == "2027-02-3"
    report_date.clear()
    qtbot.keyClicks(report_date, "2027-07-03")
    qtbot.keyClick(report_date, Qt.Key.Key_Return)

    kakuho_button = next(b for b in page.kind_buttons.buttons() if b.property("kind") == "kakuho")
    qtbot.mouseClick(kakuho_button, Qt.MouseButton.LeftButton)
    count = page.editors["individuals.count"]
    count.selectAll()
    qtbot.keyClicks(count, "5")
    qtbot.keyClick(count, Qt.Key.Key_Return)
    planned = page.editors["prevention.planned"]
    type_japanese(planned, "誤送信防止ツールの導入")
    planned.commit()
    changes = [page.changes_list.item(i).text() for i in range(page.changes_list.count())]
    assert "本人の数: 3 → 5" in changes
    assert "再発防止のための措置（今後実施予定の措置）: （空欄） → 誤送信防止ツールの導入" in changes

    db = _restart(window, register_db, data_paths)
    try:
        drafts = {d.kind: d for d in ReportDraftService(db).drafts(incident)}
        assert drafts[FilingKind.SOKUHO].draft.cause.description == "宛先の選択誤り"
        assert drafts[FilingKind.SOKUHO].draft.envelope.report_date == dt.date(2027, 7, 3)
        kakuho = drafts[FilingKind.KAKUHO].draft
        assert (kakuho.cause.description, kakuho.individuals.count) == ("宛先の選択誤り", 5)
        assert kakuho.prevention.planned == "誤送信防止ツールの導入"
    finally:
        db.close()


def test_filing_with_document_moves_the_status(
    qtbot, register_db, data_paths, tmp_path: Path, monkeypatch
) -> None:
    incident = add_assessed(register_db, "健康診断結果の誤送信")
    document = tmp_path / "速報_控え.pdf"
    document.write_bytes(b"%PDF-1.7 as sent")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(document), ""))
    window = _window(qtbot, register_db, incident, "filings")
    page = window.pages["filings"]
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("sokuho"))
    page.when_edit.setDateTime(QDateTime(QDate(2027, 7, 3), QTime(15, 0)))
    qtbot.keyClicks(page.receipt_edit, "PPC-2027-0042")
    qtbot.mouseClick(page.attach_button, Qt.MouseButton.LeftButton)
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes
    )
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    assert "PPC-2027-0042" in asked[0]  # confirmed, naming what is recorded
    assert page.table.rowCount() == 1
    assert "速報済" in window.windowTitle()
    page.table.selectRow(0)
    type_japanese(page.selected_note, "受付完了メールあり")
    qtbot.keyClick(page.selected_note, Qt.Key.Key_Return)

    db = _restart(window, register_db, data_paths)
    try:
        [filing] = FilingService(db).filings(incident)
        assert (filing.kind, filing.receipt_number, filing.note) == (
            FilingKind.SOKUHO,
            "PPC-2027-0042",
            "受付完了メールあり",
        )
        assert filing.filed_at == dt.datetime(2027, 7, 3, 15, 0, tzinfo=JST)
        assert FilingService(db).document(filing.id) == ("速報_控え.pdf", b"%PDF-1.7 as sent")
        assert OverviewService(db).overview(incident).status is IncidentStatus.SOKUHO_FILED
    finally:
        db.close()


def test_classification(qtbot, register_db, data_paths) -> None:
    incident = add_assessed(register_db, "健康診断結果の誤送信")
    window = _window(qtbot, register_db, incident, "classification")
    page = window.pages["classification"]
    assert "誤送信" in page.suggestion.text()
    for field, code in (("event", "leak"), ("category", "missend"), ("cause", "insufficient_check")):
        combo = page.combos[field]
        combo.setCurrentIndex(combo.findData(code))
    assert page.suggestion.text() == ""

    db = _restart(window, register_db, data_paths)
    try:
        data = OverviewService(db).overview(incident)
        assert (data.jipdec_event, data.jipdec_category, data.jipdec_cause) == (
            "leak",
            "missend",
            "insufficient_check",
        )
    finally:
        db.close()


@pytest.mark.parametrize("tab", ["overview", "checklist", "timeline", "report", "filings", "classification"])
def test_main_window_opens_an_incident_on_the_requested_tab(qtbot, register_db, data_paths, tab) -> None:
    from ui.shell.main_window import MainWindow
    from ui.shell.open_register import open_register

    incident = add_assessed(register_db, "健康診断結果の誤送信")
    window = MainWindow(data_paths)
    qtbot.addWidget(window)
    open_register(window, Services(register_db))
    window.open_incident(incident, tab)
    workspace = window.workspaces.windows[incident]
    assert workspace.current_tab() == tab
    window.open_incident(incident, "overview")  # asked again: the same window comes forward
    assert window.workspaces.windows[incident] is workspace and workspace.current_tab() == "overview"
    window.close()


def test_closing_the_window_saves_what_was_being_typed(qtbot, register_db, data_paths) -> None:
    incident = add_assessed(register_db, "健康診断結果の誤送信")
    window = _window(qtbot, register_db, incident, "overview")
    type_japanese(window.pages["overview"].notes_edit, "入力途中のメモ")
    db = _restart(window, register_db, data_paths)  # closed before the typing pause ends
    try:
        assert OverviewService(db).overview(incident).notes == "入力途中のメモ"
    finally:
        db.close()


def test_the_saved_time_is_japan_time_on_a_pc_set_to_another_zone(qtbot, register_db, monkeypatch) -> None:
    monkeypatch.setenv("TZ", "America/Los_Angeles")  # 16 or 17 hours behind Japan
    time.tzset()
    try:
        window = _window(qtbot, register_db, add_assessed(register_db, "時刻の表示"), "overview")
        window._saved()
        shown = window.save_label.text().removeprefix("保存しました").strip()
        shown_at = dt.time.fromisoformat(shown)
        now = dt.datetime.now(JST)
        seconds = (
            (now.hour - shown_at.hour) * 3600
            + (now.minute - shown_at.minute) * 60
            + now.second
            - shown_at.second
        )
        assert seconds % 86_400 < 60  # Japan time, not the PC's (a day's wrap at midnight allowed)
    finally:
        monkeypatch.undo()
        time.tzset()
