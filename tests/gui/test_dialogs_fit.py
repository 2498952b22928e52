"""Every document and shell dialog fits a 1366×768 laptop at 150 % scaling, in Japanese and English, with its
buttons on screen, every control named and no mnemonic twice (issue 18 points 2 and 3)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton

from app.i18n import set_language
from tests.gui import screens
from tests.gui.screen_checks import LAPTOP_AT_150, screen_problems
from ui.shell.translations import install_qt_translators

OWN_DIALOGS = {
    name: build
    for name, build in {**screens.SCREENS, **screens.DIALOGS}.items()
    if name in {"letters", "preview", "office", "restore", "unlock", "reminder_settings"}
    or name in screens.DIALOGS
}


@pytest.fixture
def register(tmp_path) -> Iterator[screens.Register]:
    reg = screens.Register.seed(tmp_path / "data")
    yield reg
    reg.close()


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("name", sorted(OWN_DIALOGS))
def test_dialog_fits_a_laptop_at_150_percent(qapp, qtbot, register, name: str, lang: str) -> None:
    set_language(lang)
    install_qt_translators(qapp, lang)
    dialog = OWN_DIALOGS[name](register)
    qtbot.addWidget(dialog)
    size = screens.at_smallest(dialog, LAPTOP_AT_150)
    assert size.width() <= LAPTOP_AT_150.width() and size.height() <= LAPTOP_AT_150.height()
    assert screen_problems(dialog, LAPTOP_AT_150) == []
    assert screens.buttons_outside(dialog) == []


def test_office_error_has_a_line_of_its_own_below_the_field(qtbot, register) -> None:
    """The 法人番号 message was squeezed over the field; now it sits below it and the field keeps its height."""
    dialog = screens.office(register)
    qtbot.addWidget(dialog)
    screens.at_smallest(dialog, LAPTOP_AT_150)
    field = dialog.fields["corporate_number"]
    height = field.height()
    qtbot.keyClicks(field, "1234567890123")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    error = dialog.error_labels["corporate_number"]
    qtbot.waitUntil(error.isVisible)
    assert dialog.isVisible()
    assert field.height() == height
    field_bottom = field.mapTo(dialog, field.rect().bottomLeft()).y()
    assert error.mapTo(dialog, error.rect().topLeft()).y() > field_bottom
    assert error.height() >= error.fontMetrics().height()
    assert screen_problems(dialog, LAPTOP_AT_150) == []


def test_letters_dialog_opens_no_taller_than_the_screen(qtbot, register) -> None:
    """At 150 % the letters dialog opened 930 px tall and its 作成/閉じる buttons were below the task bar."""
    dialog = screens.letters(register)
    qtbot.addWidget(dialog)
    available = dialog.screen().availableGeometry()
    assert dialog.height() <= available.height() and dialog.width() <= available.width()
    assert screens.buttons_outside(dialog) == []


@pytest.mark.parametrize("name", ["letters", "preview", "office", "restore", "unlock", "reminder_settings"])
def test_escape_closes_the_dialog(qtbot, register, name: str) -> None:
    dialog = OWN_DIALOGS[name](register)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, QDialog)
    dialog.activateWindow()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


@pytest.mark.parametrize("name", ["office", "restore", "unlock", "reminder_settings", "values"])
def test_enter_runs_the_default_button(qtbot, register, name: str) -> None:
    dialog = OWN_DIALOGS[name](register)
    qtbot.addWidget(dialog)
    defaults = [
        b for b in dialog.findChildren(QPushButton) if b.isVisible() and (b.isDefault() or b.autoDefault())
    ]
    assert defaults, "Enter has no button to press"
