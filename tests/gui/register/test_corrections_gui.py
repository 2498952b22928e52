"""取消・訂正 in the workspace (issue 18 point 3): a filing or a delivery event is withdrawn or corrected through a
small dialog with a required reason; a double press of Space never records a delivery event twice."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from app.domain.filing import FilingKind
from app.services.notices import NoticeService
from app.services.root import Services
from app.services.workspace import FilingService
from tests.gui.jp_input import type_japanese
from tests.gui.register.conftest import add_assessed
from tests.gui.screen_checks import LAPTOP_AT_150, screen_problems
from tests.register.test_deliveries import record_five
from ui.shell.translations import install_qt_translators
from ui.workspace import IncidentWindow
from ui.workspace.context import WorkspaceContext
from ui.workspace.correction_dialog import EventWithdrawalDialog, FilingCorrectionDialog

JST = dt.timezone(dt.timedelta(hours=9))
FILED_AT = dt.datetime(2026, 11, 4, 15, 0, tzinfo=JST)


def _window(qtbot, db, incident_id: int, tab: str) -> IncidentWindow:  # type: ignore[no-untyped-def]
    window = IncidentWindow(WorkspaceContext.open(Services(db), incident_id))
    qtbot.addWidget(window)
    window.show()
    window.show_tab(tab)
    return window


def _answer(monkeypatch, name: str, answer: QMessageBox.StandardButton) -> list[str]:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def reply(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(args[2])
        return answer

    monkeypatch.setattr(QMessageBox, name, reply)
    return asked


def _in_dialog(qtbot, act) -> list[str]:  # type: ignore[no-untyped-def]
    """Run `act` on the modal dialog once it shows (a real dialog, driven by keys)."""
    seen: list[str] = []

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, step)
            return
        seen.append(dialog.windowTitle())
        act(dialog)

    QTimer.singleShot(0, step)
    return seen


def test_a_filing_withdrawn_from_the_tab_is_struck_through_with_its_reason(qtbot, register_db) -> None:
    incident = add_assessed(register_db, "健康診断結果の誤送信")
    FilingService(register_db).record(
        incident, FilingKind.SOKUHO, FILED_AT, "ppc_form", receipt_number="PPC-1"
    )
    window = _window(qtbot, register_db, incident, "filings")
    page = window.pages["filings"]
    page.table.selectRow(0)
    assert page.correct_button.isEnabled() and page.correct_button.text() == "取消・訂正(&W)…"

    def withdraw(dialog: FilingCorrectionDialog) -> None:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # no reason yet
        dialog.withdraw_radio.setChecked(True)
        type_japanese(dialog.reason_edit, "別の事案の速報を誤って記録")
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)  # Enter accepts

    seen = _in_dialog(qtbot, withdraw)
    page.withdraw_or_correct()
    assert seen == ["提出記録の取消・訂正"]
    (record,) = FilingService(register_db).filings(incident)
    assert record.withdrawn
    item = page.table.item(0, 0)
    assert item.font().strikeOut() and item.text() == "速報（取消済み）"
    assert "別の事案の速報を誤って記録" in item.toolTip()
    page.table.selectRow(0)
    assert not page.correct_button.isEnabled()


def test_esc_leaves_the_filing_as_it_was(qtbot, register_db) -> None:
    incident = add_assessed(register_db, "誤送信")
    FilingService(register_db).record(incident, FilingKind.SOKUHO, FILED_AT, "ppc_form")
    window = _window(qtbot, register_db, incident, "filings")
    page = window.pages["filings"]
    page.table.selectRow(0)
    _in_dialog(qtbot, lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape))
    page.withdraw_or_correct()
    assert not FilingService(register_db).filings(incident)[0].corrections


def test_two_presses_of_space_record_one_return(qtbot, register_db, monkeypatch, tmp_path) -> None:
    incident = record_five(register_db, tmp_path)
    window = _window(qtbot, register_db, incident, "notices")
    page = window.pages["notices"]
    qtbot.waitUntil(lambda: page.table.rowCount() == 5)
    page.select_key("C1")
    asked = _answer(monkeypatch, "question", QMessageBox.StandardButton.Yes)
    warned = _answer(monkeypatch, "warning", QMessageBox.StandardButton.No)
    page.record_button.setFocus()
    qtbot.keyClick(page.record_button, Qt.Key.Key_Space)
    page.select_key("C1")
    page.record_button.setFocus()
    qtbot.keyClick(page.record_button, Qt.Key.Key_Space)
    assert "C1" in asked[0] and "返送（宛先不明）" in asked[0]
    assert len(asked) == 2 and "すでに記録" in warned[0]
    c1 = next(r for r in NoticeService(register_db).deliveries(incident) if r.recipient_key == "C1")
    assert [e.status for e in c1.events] == ["returned"]

    page.select_key("C1")
    assert page.withdraw_button.isEnabled()

    def withdraw(dialog: EventWithdrawalDialog) -> None:
        type_japanese(dialog.reason_edit, "別の人の返送")
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)

    _in_dialog(qtbot, withdraw)
    page.withdraw_event()
    assert NoticeService(register_db).summary(incident).returned == 0


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_dialogs_fit_and_read_well(qtbot, qapp, lang) -> None:
    install_qt_translators(qapp, lang)
    for dialog in (
        FilingCorrectionDialog(
            None, "速報、2026/11/04 15:00、PPC online form、受付番号 PPC-1", FILED_AT, "PPC-1"
        ),
        EventWithdrawalDialog(None, "C1", [(1, "2026-11-05 返送")]),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        assert screen_problems(dialog, LAPTOP_AT_150) == []
