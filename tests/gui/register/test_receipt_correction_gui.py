"""The receipt number of the selected filing (issue 18 point 3): a number that arrives later is typed into the empty
field and saved; typing over a number already recorded opens the 取消・訂正 dialog with the new number, and only a
reason makes it a correction — the number first recorded stays in the history."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.db.database import Database
from app.domain.filing import FilingKind
from app.services.root import Services
from app.services.workspace import FilingService
from tests.gui.jp_input import type_japanese
from tests.gui.register.conftest import add_assessed
from ui.workspace import IncidentWindow
from ui.workspace.context import WorkspaceContext
from ui.workspace.correction_dialog import FilingCorrectionDialog

JST = dt.timezone(dt.timedelta(hours=9))
FILED_AT = dt.datetime(2026, 11, 4, 15, 0, tzinfo=JST)


def _filings_page(qtbot, db: Database, incident_id: int):  # type: ignore[no-untyped-def]
    window = IncidentWindow(WorkspaceContext.open(Services(db), incident_id))
    qtbot.addWidget(window)
    window.show()
    window.show_tab("filings")
    page = window.pages["filings"]
    page.table.selectRow(0)
    page.window_ref = window  # the page lives as long as its window
    return page


def _when_dialog_shows(act) -> list[FilingCorrectionDialog]:  # type: ignore[no-untyped-def]
    seen: list[FilingCorrectionDialog] = []

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, FilingCorrectionDialog):
            QTimer.singleShot(10, step)
            return
        seen.append(dialog)
        act(dialog)

    QTimer.singleShot(0, step)
    return seen


def _type_over(qtbot, page, number: str) -> None:  # type: ignore[no-untyped-def]
    page.selected_receipt.setFocus()
    page.selected_receipt.selectAll()
    qtbot.keyClicks(page.selected_receipt, number)
    qtbot.keyClick(page.selected_receipt, Qt.Key.Key_Return)


def test_a_number_that_arrives_later_fills_the_empty_field(qtbot, register_db) -> None:
    incident = add_assessed(register_db, "健康診断結果の誤送信")
    FilingService(register_db).record(incident, FilingKind.SOKUHO, FILED_AT, "ppc_form")
    page = _filings_page(qtbot, register_db, incident)
    seen = _when_dialog_shows(lambda d: d.reject())
    _type_over(qtbot, page, "PPC-1")
    (record,) = FilingService(register_db).filings(incident)
    assert record.receipt_number == "PPC-1" and not record.corrections
    assert page.table.item(0, 3).text() == "PPC-1" and seen == []


def test_typing_over_a_recorded_number_asks_for_a_correction_with_its_reason(qtbot, register_db) -> None:
    incident = add_assessed(register_db, "健康診断結果の誤送信")
    FilingService(register_db).record(
        incident, FilingKind.SOKUHO, FILED_AT, "ppc_form", receipt_number="PPC-1"
    )
    page = _filings_page(qtbot, register_db, incident)

    def correct(dialog: FilingCorrectionDialog) -> None:
        assert dialog.correct_radio.isChecked() and dialog.receipt_edit.text() == "PPC-2027-000123"
        type_japanese(dialog.reason_edit, "受付番号の転記ミス")
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)

    seen = _when_dialog_shows(correct)
    _type_over(qtbot, page, "PPC-2027-000123")
    assert len(seen) == 1 and seen[0].windowTitle() == "提出記録の取消・訂正"
    (record,) = FilingService(register_db).filings(incident)
    assert record.receipt_number == "PPC-2027-000123"
    assert [(c.action, c.receipt_number, c.reason) for c in record.corrections] == [
        ("correct", "PPC-2027-000123", "受付番号の転記ミス")
    ]
    assert page.table.item(0, 0).text() == "速報（訂正済み）"
    assert page.selected_receipt.text() == "PPC-2027-000123"
    assert "受付番号の転記ミス" in page.table.item(0, 3).toolTip()


def test_cancelling_the_correction_leaves_the_recorded_number(qtbot, register_db) -> None:
    incident = add_assessed(register_db, "誤送信")
    FilingService(register_db).record(
        incident, FilingKind.SOKUHO, FILED_AT, "ppc_form", receipt_number="PPC-1"
    )
    page = _filings_page(qtbot, register_db, incident)
    seen = _when_dialog_shows(lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape))
    _type_over(qtbot, page, "PPC-9")
    assert len(seen) == 1
    (record,) = FilingService(register_db).filings(incident)
    assert record.receipt_number == "PPC-1" and not record.corrections
    assert page.selected_receipt.text() == "PPC-1"
    page.note_edit.setFocus()  # leaving the field later does not ask again
    assert len(seen) == 1 and not FilingService(register_db).filings(incident)[0].corrections


def test_enter_in_the_confirmation_records_no_filing(qtbot, register_db) -> None:
    """The question before recording defaults to いいえ, as the letters dialog's does: Enter, Enter is no filing."""
    incident = add_assessed(register_db, "誤送信")
    window = IncidentWindow(WorkspaceContext.open(Services(register_db), incident))
    qtbot.addWidget(window)
    window.show()
    window.show_tab("filings")
    page = window.pages["filings"]
    defaults: list[str] = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(10, press_enter)
            return
        defaults.append(box.defaultButton().text())
        qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, press_enter)
    qtbot.keyClicks(page.receipt_edit, "PPC-1")
    qtbot.keyClick(page.receipt_edit, Qt.Key.Key_Return)
    assert [text.replace("&", "") for text in defaults] in (["いいえ(N)"], ["いいえ"])
    assert FilingService(register_db).filings(incident) == []
    assert page.receipt_edit.text() == "PPC-1"  # kept for a deliberate second try
