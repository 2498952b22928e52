"""The incident workspace at its edges (issue 18 points 2, 3 and 5): a small laptop, the keyboard, a screen reader,
a double press, a minus sign, a date ahead, a 20,000-character entry."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QMessageBox

from app.domain.dates import today_jst
from app.domain.filing import FilingKind
from app.errors import InputError
from app.services.root import Services
from app.services.workspace import DuplicateFiling, FilingService, OverviewService, ReportDraftService
from app.services.workspace import timeline as timeline_module
from tests.gui.jp_input import type_japanese
from tests.gui.register.conftest import add_assessed
from tests.gui.screen_checks import LAPTOP_AT_150, accessible_name, screen_problems
from ui.shell.translations import install_qt_translators
from ui.workspace import IncidentWindow
from ui.workspace.context import WorkspaceContext
from ui.workspace.workspace import TAB_CODES

JST = dt.timezone(dt.timedelta(hours=9))


def _window(qtbot, db, incident_id: int, tab: str = "overview") -> IncidentWindow:  # type: ignore[no-untyped-def]
    window = IncidentWindow(WorkspaceContext.open(Services(db), incident_id))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # the window's shortcuts (Ctrl+S, Esc) need it active
    window.show_tab(tab)
    return window


def _answer(monkeypatch, name: str, answer: QMessageBox.StandardButton) -> list[str]:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def reply(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(args[2])
        return answer

    monkeypatch.setattr(QMessageBox, name, reply)
    return asked


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_tab_fits_a_laptop_at_150_and_reads_well(qtbot, qapp, register_db, lang) -> None:
    install_qt_translators(qapp, lang)
    window = _window(qtbot, register_db, add_assessed(register_db, "健康診断結果の誤送信"))
    window.resize(LAPTOP_AT_150)
    problems = {}
    for code in TAB_CODES:
        window.show_tab(code)
        qtbot.waitUntil(lambda c=code: window.current_tab() == c)
        found = screen_problems(window, LAPTOP_AT_150)
        if found:
            problems[code] = found
    assert problems == {}


def test_checklist_controls_are_named_by_their_step(qtbot, register_db) -> None:
    window = _window(qtbot, register_db, add_assessed(register_db, "誤送信"), "checklist")
    row = window.pages["checklist"].rows["email_ask_delete"]
    step = row.label.text()
    assert [accessible_name(w) for w in (row.check, row.done_at, row.done_by, row.note)] == [
        f"{step}：完了",
        f"{step}：実施日",
        f"{step}：実施者",
        f"{step}：メモ",
    ]


def test_a_filing_is_confirmed_and_a_same_day_duplicate_refused(qtbot, register_db, monkeypatch) -> None:
    incident = add_assessed(register_db, "健康診断結果の誤送信")
    window = _window(qtbot, register_db, incident, "filings")
    page = window.pages["filings"]
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("sokuho"))
    page.when_edit.setDateTime(QDateTime(QDate(2027, 7, 3), QTime(15, 0)))
    qtbot.keyClicks(page.receipt_edit, "PPC-0042")
    asked = _answer(monkeypatch, "question", QMessageBox.StandardButton.Yes)
    warned = _answer(monkeypatch, "warning", QMessageBox.StandardButton.No)
    qtbot.keyClick(page.receipt_edit, Qt.Key.Key_Return)  # Enter records, after the confirmation
    assert "速報" in asked[0] and "2027/07/03 15:00" in asked[0] and "PPC-0042" in asked[0]
    assert page.table.rowCount() == 1
    page.record_button.setFocus()
    qtbot.keyClick(page.record_button, Qt.Key.Key_Space)  # the second press of the issue
    assert "2027-07-03" in warned[0] and "すでに記録" in warned[0]
    assert page.table.rowCount() == 1
    assert len(FilingService(register_db).filings(incident)) == 1


def test_the_service_refuses_the_same_filing_twice_unless_confirmed(register_db) -> None:
    incident = add_assessed(register_db, "誤送信")
    filings = FilingService(register_db)
    filings.record(incident, FilingKind.SOKUHO, dt.datetime(2027, 7, 3, 9, tzinfo=JST), "ppc_form")
    with pytest.raises(DuplicateFiling):
        filings.record(incident, FilingKind.SOKUHO, dt.datetime(2027, 7, 3, 23, tzinfo=JST), "email")
    filings.record(incident, FilingKind.SOKUHO, dt.datetime(2027, 7, 4, 9, tzinfo=JST), "ppc_form")
    filings.record(
        incident, FilingKind.SOKUHO, dt.datetime(2027, 7, 4, 10, tzinfo=JST), "ppc_form", allow_same_day=True
    )
    assert len(filings.filings(incident)) == 3


def _open_kakuho(qtbot, register_db):  # type: ignore[no-untyped-def]
    incident = add_assessed(register_db, "誤送信")
    window = _window(qtbot, register_db, incident, "report")
    page = window.pages["report"]
    button = next(b for b in page.kind_buttons.buttons() if b.property("kind") == "kakuho")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return window, page


def test_a_negative_count_is_refused_at_the_field(qtbot, register_db) -> None:
    _window, page = _open_kakuho(qtbot, register_db)
    count = page.editors["individuals.count"]
    count.selectAll()
    qtbot.keyClicks(count, "-5")
    qtbot.keyClick(count, Qt.Key.Key_Return)
    message = count.parentWidget().message
    assert message.isVisible() and "マイナス" in message.text()
    assert count.text() == "-5"  # left as typed, in red, not silently turned into 5
    assert ReportDraftService(register_db).get(page.draft_id).draft.individuals.count == 3
    with pytest.raises(InputError):
        ReportDraftService(register_db).set_field(page.draft_id, "individuals.count", -5)
    count.selectAll()
    qtbot.keyClicks(count, "12")
    qtbot.keyClick(count, Qt.Key.Key_Return)
    assert not message.isVisible()
    assert ReportDraftService(register_db).get(page.draft_id).draft.individuals.count == 12


def test_a_learned_date_in_the_future_is_refused(qtbot, register_db) -> None:
    _window, page = _open_kakuho(qtbot, register_db)
    learned = page.editors["overview.learned_date"]
    tomorrow = today_jst() + dt.timedelta(days=1)
    learned.selectAll()
    qtbot.keyClicks(learned, tomorrow.isoformat())
    qtbot.keyClick(learned, Qt.Key.Key_Return)
    assert learned.message.isVisible() and "未来の日付" in learned.message.text()
    assert ReportDraftService(register_db).get(page.draft_id).draft.overview.learned_date != tomorrow
    with pytest.raises(InputError):
        ReportDraftService(register_db).set_field(page.draft_id, "overview.learned_date", tomorrow)


def test_a_long_timeline_entry_is_folded_with_its_date_and_author_in_view(
    qtbot, register_db, monkeypatch
) -> None:
    incident = add_assessed(register_db, "USBメモリの紛失", "loss")
    services = Services(register_db)
    monkeypatch.setattr(timeline_module, "MAX_TEXT", 100_000)  # an entry saved before the cap
    long_text = "\n".join(f"{n}行目：経緯の詳細" + "あ" * 190 for n in range(100))  # ~20,000 characters
    services.timeline.append(incident, dt.datetime(2027, 7, 1, 9, 30, tzinfo=JST), long_text, actor="髙橋")
    monkeypatch.undo()
    window = _window(qtbot, register_db, incident, "timeline")
    page = window.pages["timeline"]
    row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 2).text() == "髙橋")
    assert page.table.item(row, 1).text().endswith("…続きを表示")
    assert page.table.rowHeight(row) < page.table.viewport().height()
    assert page.table.item(row, 0).text() == "2027/07/01 09:30"
    page.table.selectRow(row)
    assert page.full_text.isVisible() and page.full_text.toPlainText() == long_text
    # A new entry is capped at 4,000 characters, with the count in view as it is typed.
    page.text_edit.setPlainText("あ" * 4_001)
    assert page.counter.text() == "4,001 / 4,000字"
    page.add_button.click()
    assert "長すぎます" in window.statusBar().currentMessage()


def test_ctrl_s_saves_and_the_saved_time_follows_every_save(qtbot, register_db, monkeypatch) -> None:
    _answer(monkeypatch, "question", QMessageBox.StandardButton.Yes)  # a failure must not leave a dialog open
    incident = add_assessed(register_db, "誤送信")
    window = _window(qtbot, register_db, incident, "report")
    page = window.pages["report"]
    button = next(b for b in page.kind_buttons.buttons() if b.property("kind") == "sokuho")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    before = page.draft_info.text()
    window.show_tab("overview")
    notes = window.pages["overview"].notes_edit
    notes.setFocus()
    type_japanese(notes, "Ctrl+Sで保存")
    qtbot.keyClick(notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert OverviewService(register_db).overview(incident).notes == "Ctrl+Sで保存"
    assert window.save_label.text().startswith("保存しました")
    window.show_tab("report")
    page.editors["cause.description"].setPlainText("宛先の選択誤り")
    page.editors["cause.description"].commit()
    record = ReportDraftService(register_db).get(page.draft_id)
    assert page.draft_info.text().endswith(record.updated_at.astimezone(JST).strftime("%Y/%m/%d %H:%M"))
    assert before  # shown from the start, then kept true


def test_escape_closes_and_asks_about_text_not_added(qtbot, register_db, monkeypatch) -> None:
    window = _window(qtbot, register_db, add_assessed(register_db, "誤送信"), "timeline")
    page = window.pages["timeline"]
    type_japanese(page.text_edit, "追加し忘れた記録")
    asked = _answer(monkeypatch, "question", QMessageBox.StandardButton.No)
    qtbot.keyClick(page.text_edit, Qt.Key.Key_Escape)
    assert "事実経過" in asked[0] and window.isVisible()
    page.text_edit.clear()
    qtbot.keyClick(page.table, Qt.Key.Key_Escape)
    assert not window.isVisible() and len(asked) == 1
