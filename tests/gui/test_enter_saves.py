"""Enter is the default action (issue 18 point 3): in the office dialog it saves a valid profile; in the closure
days dialog Enter in the From/To/Name fields adds the days typed, and Enter on the list saves them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt

from app.calendar.office_calendar import ClosureDay
from app.services.office import OfficeService
from app.services.office_calendar import OfficeCalendarService
from tests.gui.jp_input import type_japanese
from ui.calendar.closure_days_dialog import ClosureDaysDialog
from ui.shell.office_dialog import OfficeProfileDialog

VALID_CORPORATE_NUMBER = "8700110005901"


def test_enter_in_the_office_dialog_saves_the_profile(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    dialog = OfficeProfileDialog(OfficeService(db))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_japanese(dialog.fields["name"], "株式会社さくら会計")
    qtbot.keyClicks(dialog.fields["corporate_number"], VALID_CORPORATE_NUMBER)
    qtbot.keyClicks(dialog.fields["phone"], "03-1234-5678")
    field = dialog.fields["phone"]
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == OfficeProfileDialog.DialogCode.Accepted
    saved = OfficeService(db).load()
    assert (saved.name, saved.corporate_number, saved.phone) == (
        "株式会社さくら会計",
        VALID_CORPORATE_NUMBER,
        "03-1234-5678",
    )


def test_enter_with_an_invalid_number_keeps_the_dialog_and_saves_nothing(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    dialog = OfficeProfileDialog(OfficeService(db))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_japanese(dialog.fields["name"], "株式会社さくら会計")
    qtbot.keyClicks(dialog.fields["corporate_number"], "1234567890123")
    qtbot.keyClick(dialog.fields["corporate_number"], Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.error_labels["corporate_number"].isVisible)
    assert dialog.isVisible()
    assert OfficeService(db).load().name != "株式会社さくら会計"


def test_enter_adds_the_closure_days_typed_then_saves_them(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    service = OfficeCalendarService(db)
    dialog = ClosureDaysDialog(service, today=dt.date(2027, 8, 2))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.first_edit.setDate(QDate(2027, 8, 13))
    dialog.last_edit.setDate(QDate(2027, 8, 16))
    type_japanese(dialog.name_edit, "夏季休業")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()  # the days typed are added, not dropped by a closing OK
    assert dialog.list.count() == 4
    assert service.calendar().closures == ()  # nothing saved before OK

    dialog.list.setFocus()
    dialog.list.setCurrentRow(0)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert tuple(service.calendar().closures) == tuple(
        ClosureDay(dt.date(2027, 8, d), "夏季休業") for d in range(13, 17)
    )
