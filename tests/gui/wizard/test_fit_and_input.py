"""Issue 18 for the wizard: every page fits a 1366×768 laptop at 150 % in both languages, with names, no clashing
mnemonics and nothing clipped; the help gives way to the question; counts and dates at the edges are refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QApplication, QWizard

from app.db.database import Database
from app.services.assessments import AssessmentService
from app.services.root import Services
from app.wizard.questions import QuestionId as Q
from tests.gui.jp_input import type_japanese
from tests.gui.screen_checks import LAPTOP_AT_150
from tests.gui.wizard.conftest import OFFICE
from tests.gui.wizard.driver import NOW
from tests.gui.wizard.screens import ANSWER_SETS, laptop_problems, visit_every_page
from ui.shell.translations import install_qt_translators
from ui.wizard.base_page import QUESTION_MIN_WIDTH
from ui.wizard.launch import reassess_wizard


@pytest.fixture(params=["ja", "en"])
def language(request, qapp) -> str:  # type: ignore[no-untyped-def]
    install_qt_translators(qapp, request.param)
    return str(request.param)


@pytest.mark.parametrize("name", sorted(ANSWER_SETS))
def test_every_page_fits_a_laptop_at_150_percent(drive, language, name) -> None:
    d = drive(answers=ANSWER_SETS[name])
    wizard = d.wizard
    wizard.resize(LAPTOP_AT_150)
    found: dict[str, list[str]] = {}

    def check(question: Q | None) -> None:
        QApplication.processEvents()
        problems = laptop_problems(wizard)
        if problems:
            found[str(question)] = problems
        if question is not None:
            page = wizard.question_pages[question]
            assert page.question_column.isVisible() and not page.help_panel.isVisible()
            assert page.question_column.width() >= QUESTION_MIN_WIDTH, question

    visit_every_page(wizard, check)
    assert found == {}
    assert wizard.minimumSizeHint().width() <= LAPTOP_AT_150.width()


def test_the_reassessment_reason_page_fits_too(qtbot, db: Database, language) -> None:
    incident_id = AssessmentService(db).create_from_wizard(ANSWER_SETS["lost_usb"], OFFICE, now=NOW)
    wizard = reassess_wizard(None, Services(db), incident_id, now=lambda: NOW)
    assert wizard is not None
    wizard.resize(LAPTOP_AT_150)
    wizard.show()
    try:
        qtbot.waitExposed(wizard)
        assert wizard.current_question() is Q.REASON
        assert laptop_problems(wizard) == []
    finally:
        wizard.confirm_discard = lambda: True  # type: ignore[method-assign]
        wizard.close()


def test_help_stays_beside_a_wide_page_and_takes_the_question_s_place_when_narrow(drive) -> None:
    d = drive()
    page = d.page
    assert page.help_panel.isVisible()  # 1220 px: both fit
    assert page.help_panel.accessibleName() == "この質問の説明"
    assert page.help_panel.why_label.text() in page.help_panel.accessibleDescription()
    d.wizard.resize(LAPTOP_AT_150)
    d.qtbot.waitUntil(lambda: not page.help_panel.isVisible())
    help_button = d.button(QWizard.WizardButton.HelpButton)
    assert help_button.text() == "ヘルプ(&H)" and help_button.isVisible()
    d.click(help_button)
    assert page.help_panel.isVisible() and not page.question_column.isVisible()
    d.wizard.activateWindow()
    d.qtbot.waitUntil(page.help_panel.hasFocus)  # a screen reader reads it at once; arrow keys scroll it
    d.click(help_button)
    assert page.question_column.isVisible() and not page.help_panel.isVisible()


def test_alt_b_goes_back_and_noticed_by_has_its_own_key(drive) -> None:
    d = drive()
    d.start("loss", "name")
    d.count(3)
    d.at(Q.LEARNED)
    texts = [label.text() for label in d.page.findChildren(type(d.page.prompt_label)) if label.buddy()]
    assert "最初に気付いた人(&Y)" in texts
    assert not any(text.endswith("(&B)") for text in texts)


def _type_count(d, text: str) -> None:  # type: ignore[no-untyped-def]
    edit = d.page.spin
    edit.setFocus()
    d.qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    d.qtbot.keyClick(edit, Qt.Key.Key_Delete)
    if text.isascii():
        d.qtbot.keyClicks(edit, text)
    else:
        type_japanese(edit, text)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("−5", "人数に負の数は入力できません。1人以上を入力してください。"),
        ("-5", "人数に負の数は入力できません。1人以上を入力してください。"),
        ("abc", "人数を数字で入力してください（例：120）。"),
        ("五人", "人数を数字で入力してください（例：120）。"),
    ],
)
def test_negative_and_non_numeric_counts_are_refused_at_the_field(drive, typed, message) -> None:
    d = drive()
    d.start("email_missend", "name")
    d.choose("exact")
    d.choose("yes")
    _type_count(d, typed)
    assert d.page.spin.text() == typed  # kept as typed, never turned into 5
    assert d.page.error_text("value") == message
    assert not d.button(QWizard.WizardButton.NextButton).isEnabled()
    _type_count(d, "１，２００")  # full-width digits from the IME are a number
    assert d.page.error_text("value") == ""
    assert d.wizard.answers["count"]["value"] == 1200


def test_future_dates_are_refused_before_any_deadline_is_shown(drive) -> None:
    d = drive()
    d.start("email_missend", "diagnosis")
    d.count(3)
    d.at(Q.LEARNED)
    page, panel = d.page, d.wizard.verdict_panel
    page.learned_edit.setDateTime(QDateTime(QDate(2027, 6, 1), QTime(9, 30)))
    d.qtbot.keyClicks(page.occurred_edit.edit, "2027/06/09")
    assert page.error_text("occurred_date") == "未来の日付です。実際の日付を入力してください。"
    assert not d.button(QWizard.WizardButton.NextButton).isEnabled()
    assert panel.deadlines_label.text() == "—"
    page.occurred_edit.edit.clear()
    d.qtbot.keyClicks(page.occurred_edit.edit, "2027/13/40")
    assert "2027/05/30" in page.error_text("occurred_date")
    page.occurred_edit.edit.clear()
    assert page.error_text("occurred_date") == ""
    page.learned_edit.setDateTime(QDateTime(QDate(2027, 6, 20), QTime(9, 30)))
    assert page.error_text("learned_at")
    assert panel.deadlines_label.text() == "—"


def test_long_text_is_capped_with_a_counter(drive) -> None:
    d = drive()
    d.start("loss", "name")
    d.count(3)
    d.at(Q.LEARNED)
    type_japanese(d.page.learned_by_edit, "総" * 250)
    assert len(d.page.learned_by_edit.text()) == 200
    assert d.page.learned_by_counter.text() == "200 / 200字"


def test_escape_asks_before_throwing_answers_away(drive, monkeypatch) -> None:
    d = drive()
    d.answer("theft")
    asked: list[str] = []
    monkeypatch.setattr(d.wizard, "confirm_discard", lambda: asked.append("asked") or False)
    d.qtbot.keyClick(d.wizard, Qt.Key.Key_Escape)
    assert asked == ["asked"] and d.wizard.isVisible()
