"""Drives the real wizard pages the way the officer does: clicks, typed digits, Japanese through the IME helper."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QPoint, Qt, QTime
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QRadioButton, QWizard

from app.domain.dates import JST
from app.wizard.questions import QuestionId
from tests.gui.jp_input import type_japanese
from ui.wizard.wizard import PAGE_OF, RESULT_PAGE, IncidentWizard

NOW = dt.datetime(2027, 6, 2, 10, 0, tzinfo=JST)  # Wednesday; the incidents below were noticed the day before
LEARNED = dt.datetime(2027, 6, 1, 9, 30, tzinfo=JST)


class Driver:
    def __init__(self, qtbot, wizard: IncidentWizard) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.wizard = wizard

    @property
    def page(self):  # type: ignore[no-untyped-def]
        return self.wizard.currentPage()

    @property
    def question(self) -> QuestionId | None:
        return self.wizard.current_question()

    def button(self, which: QWizard.WizardButton) -> QAbstractButton:
        return self.wizard.button(which)

    def click(self, widget: QAbstractButton) -> None:
        """On the button's left edge: a check box stretched across the page only reacts on its box and text."""
        assert widget.isEnabled(), widget.objectName() or widget.text()
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))

    def next(self, expect: QuestionId | None = None) -> None:
        self.click(self.button(QWizard.WizardButton.NextButton))
        if expect is not None:
            assert self.question is expect, (self.question, expect)

    def back(self) -> None:
        self.click(self.button(QWizard.WizardButton.BackButton))

    def finish(self) -> None:
        assert self.wizard.currentId() == RESULT_PAGE
        self.click(self.button(QWizard.WizardButton.FinishButton))

    def at(self, question: QuestionId) -> None:
        assert self.wizard.currentId() == PAGE_OF[question], (self.question, question)

    # --- answering ---------------------------------------------------------------------------------------
    def choose(self, code: str) -> None:
        button = self.page.findChild(QRadioButton, f"option_{code}")
        assert button is not None, code
        self.click(button)
        assert button.isChecked()

    def tick(self, *codes: str) -> None:
        for code in codes:
            box = self.page.findChild(QCheckBox, f"check_{code}")
            assert box is not None, code
            before = box.isChecked()
            self.click(box)
            assert box.isChecked() is not before, code

    def answer(self, code: str) -> None:
        """Pick one option and go on."""
        self.choose(code)
        self.next()

    def data(self, *codes: str) -> None:
        self.at(QuestionId.DATA)
        self.tick(*codes)
        self.next()

    def count(self, value: int, *, mode: str = "exact", contact: str = "yes") -> None:
        self.at(QuestionId.COUNT)
        self.choose(mode)
        spin = self.page.spin
        spin.setFocus()
        self.qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        self.qtbot.keyClicks(spin, str(value))
        assert spin.value() == value
        self.choose(contact)
        self.next()

    def bango_count(self, value: int, *, mode: str = "exact") -> None:
        self.at(QuestionId.BANGO_COUNT)
        self.choose(mode)
        spin = self.page.spin
        spin.setFocus()
        self.qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        self.qtbot.keyClicks(spin, str(value))
        assert spin.value() == value
        self.next()

    def bango(self, **parts: str) -> None:
        """The My Number checks page: each shown sub-question answered, e.g. viewable="no", recipient="mistaken"."""
        self.at(QuestionId.BANGO)
        for part, code in parts.items():
            self.choose(f"{part}_{code}")
        self.next()

    def learned(self, when: dt.datetime = LEARNED, by: str = "受付の山田") -> None:
        self.at(QuestionId.LEARNED)
        local = when.astimezone(JST)
        self.page.learned_edit.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )
        if by:
            type_japanese(self.page.learned_by_edit, by)
        self.next()

    def title(self, text: str) -> None:
        self.at(QuestionId.TITLE)
        self.page.edit.clear()
        type_japanese(self.page.edit, text)
        self.next()
        assert self.wizard.currentId() == RESULT_PAGE

    def start(self, kind: str, *data: str, my_number: str = "no") -> None:
        """What happened, what data, whether a document shows a My Number, how it was kept (the usual answer)."""
        self.at(QuestionId.KIND)
        self.answer(kind)
        self.data(*data)
        self.at(QuestionId.MY_NUMBER)
        self.answer(my_number)
        self.at(QuestionId.SCOPE)
        self.answer("personal_data")

    def cause(self, code: str = "employee_mistake") -> None:
        self.at(QuestionId.CAUSE)
        self.answer(code)

    def no_signs(self) -> None:
        """The signs page answered "none of these": passing it untouched is no answer."""
        self.at(QuestionId.INDICATORS)
        self.tick("none")
        self.next()

    def office(self, gdpr: str = "no") -> None:
        self.at(QuestionId.OFFICE)
        self.answer(f"gdpr_{gdpr}")
