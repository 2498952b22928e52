"""The office profile dialog, filled the way an officer fills it (IME for Japanese), saved, and still there after a restart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.domain.office import DateStyle, OfficeProfile
from app.paths import DataPaths
from tests.gui.jp_input import type_japanese
from ui.shell.office_dialog import OfficeProfileDialog

VALID_CORPORATE_NUMBER = "8700110005901"  # check digit: 9 - (weighted sum of the other 12) mod 9


def _dialog(qtbot, db) -> OfficeProfileDialog:  # type: ignore[no-untyped-def]
    from app.services.office import OfficeService

    dialog = OfficeProfileDialog(OfficeService(db))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _fill(qtbot, dialog: OfficeProfileDialog, corporate_number: str) -> None:  # type: ignore[no-untyped-def]
    type_japanese(dialog.fields["name"], "株式会社さくら会計")
    qtbot.keyClicks(dialog.fields["corporate_number"], corporate_number)
    type_japanese(dialog.fields["address"], "東京都千代田区霞が関3-2-1")
    type_japanese(dialog.fields["representative"], "代表取締役 髙橋 一郎")
    type_japanese(dialog.fields["industry"], "会計事務所")
    type_japanese(dialog.fields["department"], "総務部")
    type_japanese(dialog.fields["contact_person"], "山田 花子")
    qtbot.keyClicks(dialog.fields["phone"], "03-1234-5678")
    qtbot.keyClicks(dialog.fields["email"], "privacy@sakura.example.jp")
    qtbot.mouseClick(dialog.pmark_holder, Qt.MouseButton.LeftButton)
    dialog.date_style.setCurrentIndex(dialog.date_style.findData(DateStyle.JAPANESE_ERA.value))


def test_profile_typed_in_the_dialog_is_still_there_after_a_restart(qtbot, data_paths: DataPaths) -> None:
    from app.db.database import Database

    first = Database.open(data_paths)
    try:
        dialog = _dialog(qtbot, first)
        _fill(qtbot, dialog, VALID_CORPORATE_NUMBER)
        assert dialog.pmark_holder.isChecked()
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        assert dialog.result() == OfficeProfileDialog.DialogCode.Accepted
    finally:
        first.close()

    restarted = Database.open(data_paths)
    try:
        again = _dialog(qtbot, restarted)
        assert again.fields["name"].text() == "株式会社さくら会計"
        assert again.fields["corporate_number"].text() == VALID_CORPORATE_NUMBER
        assert again.fields["representative"].text() == "代表取締役 髙橋 一郎"
        assert again.fields["contact_person"].text() == "山田 花子"
        assert again.fields["email"].text() == "privacy@sakura.example.jp"
        assert again.pmark_holder.isChecked()
        assert not again.delegated_sector.isChecked()
        assert again.date_style.currentData() == DateStyle.JAPANESE_ERA.value
    finally:
        restarted.close()


def test_bad_corporate_number_is_explained_beside_the_field_and_nothing_is_saved(qtbot, db) -> None:
    from app.services.office import OfficeService

    dialog = _dialog(qtbot, db)
    _fill(qtbot, dialog, "1234567890123")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    assert dialog.isVisible()  # still open: the officer can correct it
    error = dialog.error_labels["corporate_number"]
    assert error.isVisible()
    assert error.text().startswith("法人番号は、チェックデジットを含む13桁の数字")
    assert not dialog.error_labels["name"].isVisible()
    assert dialog.fields["name"].text() == "株式会社さくら会計"  # nothing typed is lost
    assert dialog.fields["corporate_number"].text() == "1234567890123"
    assert OfficeService(db).load() == OfficeProfile()

    dialog.fields["corporate_number"].setText(VALID_CORPORATE_NUMBER)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert not error.isVisible()
    assert OfficeService(db).load().corporate_number == VALID_CORPORATE_NUMBER


def test_full_width_digits_from_the_ime_are_stored_as_ascii(qtbot, db) -> None:
    from app.services.office import OfficeService

    dialog = _dialog(qtbot, db)
    type_japanese(dialog.fields["name"], "さくら歯科医院")
    type_japanese(dialog.fields["corporate_number"], "８７００１１０００５９０１")
    type_japanese(dialog.fields["phone"], "０３ー１２３４ー５６７８")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    saved = OfficeService(db).load()
    assert (saved.corporate_number, saved.phone) == (VALID_CORPORATE_NUMBER, "03-1234-5678")


def test_missing_name_is_shown_beside_the_name_field(qtbot, db) -> None:
    dialog = _dialog(qtbot, db)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.error_labels["name"].text() == "事業者名を入力してください。"
    assert dialog.fields["name"].hasFocus() or not dialog.isActiveWindow()


def test_qt_buttons_are_translated_by_qtbase_ja(qtbot, db) -> None:
    dialog = _dialog(qtbot, db)
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "キャンセル"
    assert dialog.windowTitle() == "事業者情報"


def test_cancel_keeps_the_saved_profile(qtbot, db) -> None:
    from app.services.office import OfficeService

    OfficeService(db).save(OfficeProfile(name="既存の事業者"))
    dialog = _dialog(qtbot, db)
    dialog.fields["name"].clear()
    type_japanese(dialog.fields["name"], "書きかけ")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert OfficeService(db).load().name == "既存の事業者"
