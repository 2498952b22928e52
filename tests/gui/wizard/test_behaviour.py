"""How the wizard behaves around the answers: help, live verdict, refusals, keyboard, cancel, drafts, buttons."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import shiboken6
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from app.db.database import Database
from app.domain.dates import JST
from app.services.assessments import AssessmentService
from app.services.incidents import IncidentService
from app.services.root import Services
from app.services.wizard_drafts import WizardDraftService
from app.wizard.questions import QuestionId as Q
from tests.gui.jp_input import type_japanese
from tests.gui.wizard.conftest import OFFICE
from tests.gui.wizard.driver import NOW, Driver
from tests.wizard.conftest import answers as answer_set
from ui.shell.translations import install_qt_translators
from ui.wizard.launch import reassess_wizard, wizard_from_draft


def test_japanese_buttons_title_and_help_beside_every_question(drive) -> None:
    d = drive()
    wizard = d.wizard
    assert wizard.windowTitle() == "新しい事案を登録"
    texts = [d.button(b).text() for b in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CancelButton)]
    assert texts == ["次へ(&N) >", "キャンセル"]
    assert wizard.buttonText(QWizard.WizardButton.BackButton) == "< 戻る(&B)"
    assert wizard.buttonText(QWizard.WizardButton.FinishButton) == "完了(&F)"
    for question, page in wizard.question_pages.items():
        assert page.help_panel.why_label.text(), question
    data_help = wizard.question_pages[Q.DATA].help_panel.text()
    assert "クレジットカード番号のみ" in data_help and "2号に該当します" in data_help
    assert "カード番号の下4桁と有効期限のみ" in data_help and "Q&amp;A 6-12" in data_help
    assert "銀行口座情報のみ" in data_help


def test_the_side_panel_follows_every_answer(drive) -> None:
    d = drive()
    panel = d.wizard.verdict_panel
    assert panel.requirement_label.text() == "まだ判定できません"
    assert panel.missing_label.text().startswith("判定に必要な残りの質問：何が起きたか、含まれていた情報")
    d.answer("email_missend")
    d.tick("name")
    assert (
        panel.requirement_label.text() == "まだ判定できません"
    )  # never 「報告は不要」 before the head count
    assert panel.items_label.text() == "—"
    d.tick("diagnosis")  # no Next: the panel updates on the tick itself
    assert panel.items_label.text() == "1号（暫定）"
    assert panel.requirement_label.text() == "まだ判定できません"
    assert panel.deadlines_label.text() == "—"
    d.next()
    d.at(Q.MY_NUMBER)
    d.answer("no")
    d.answer("personal_data")
    d.count(1)
    assert "人数" not in panel.missing_label.text()
    d.at(Q.LEARNED)
    assert "気付いた日時" in panel.missing_label.text()  # the date shown is only a default until passed
    d.learned()
    d.cause()
    d.answer("no")  # not recovered
    d.at(Q.ENCRYPTION)
    assert panel.requirement_label.text() == "まだ判定できません"
    assert panel.missing_label.text() == "判定に必要な残りの質問：暗号化、誰のデータか"
    d.answer("no")
    d.at(Q.ROLE)
    assert panel.items_label.text() == "1号（暫定）"
    d.choose("own")  # the last question that can change the verdict
    assert panel.items_label.text() == "1号"
    assert panel.requirement_label.text() == "報告が必要（個人情報保護委員会）"
    assert panel.missing_label.isHidden()
    assert "速やかに（遅くとも6月5日まで）" in panel.deadlines_label.text()
    assert "6月30日" in panel.deadlines_label.text()


def test_impossible_answers_are_refused_beside_the_field(drive) -> None:
    d = drive()
    d.start("email_missend", "name")
    d.choose("exact")
    d.choose("yes")
    page = d.page
    page.spin.setFocus()
    d.qtbot.keyClick(page.spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    d.qtbot.keyClicks(page.spin, "0")
    next_button = d.button(QWizard.WizardButton.NextButton)
    assert page.error_text("value").startswith("1人以上を入力してください。")
    assert not next_button.isEnabled()
    d.qtbot.keyClicks(page.spin, "7")
    assert page.error_text("value") == "" and next_button.isEnabled()
    d.next(expect=Q.LEARNED)
    learned = d.page
    learned.learned_edit.setDateTime(QDateTime(QDate(2027, 6, 3), QTime(9, 0)))
    assert (
        learned.error_text("learned_at") == "未来の日時に知ることはできません。日付と時刻を確認してください。"
    )
    assert not next_button.isEnabled()
    learned.learned_edit.setDateTime(QDateTime(QDate(2027, 5, 31), QTime(9, 0)))
    assert learned.occurred_edit.edit.text() == ""  # 発生日 stays empty until entered, and that is no error
    assert learned.error_text("occurred_date") == "" and next_button.isEnabled()
    d.qtbot.keyClicks(learned.occurred_edit.edit, "2027/06/01")
    assert "2027-06-01" in learned.error_text("learned_at")
    assert not next_button.isEnabled()
    learned.occurred_edit.edit.clear()
    d.qtbot.keyClicks(learned.occurred_edit.edit, "2027-5-30")
    assert learned.error_text("learned_at") == "" and next_button.isEnabled()


def test_keyboard_only_from_first_question_to_saved_incident(drive, db) -> None:
    d = drive()
    wizard, qtbot = d.wizard, d.qtbot
    window = wizard.windowHandle()
    window.requestActivate()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is window)

    def key(k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        qtbot.keyClick(window, k, modifier)

    def focused() -> str:
        widget = QApplication.focusWidget()
        return widget.objectName() if widget is not None else ""

    def on(question: Q) -> None:
        qtbot.waitUntil(lambda: d.question is question)
        qtbot.waitUntil(lambda: d.page.isAncestorOf(QApplication.focusWidget()))

    alt = Qt.KeyboardModifier.AltModifier
    on(Q.KIND)
    key(Qt.Key.Key_3, alt)  # 紛失・置き忘れ(3): mnemonics click after a short animation
    qtbot.waitUntil(lambda: wizard.answers.get("kind") == "loss")
    key(Qt.Key.Key_Return)
    on(Q.DATA)
    assert focused() == "check_name"
    key(Qt.Key.Key_Space)
    key(Qt.Key.Key_Tab)
    assert focused() == "check_address"
    key(Qt.Key.Key_Space)
    assert wizard.answers["data"] == ["name", "address"]
    key(Qt.Key.Key_Return)
    on(Q.MY_NUMBER)
    key(Qt.Key.Key_2, alt)  # いいえ(2)
    qtbot.waitUntil(lambda: wizard.answers.get("my_number") == "no")
    key(Qt.Key.Key_Return)
    on(Q.SCOPE)
    key(Qt.Key.Key_Space)
    key(Qt.Key.Key_Return)
    on(Q.COUNT)
    key(Qt.Key.Key_Space)  # 人数が分かっている
    key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is d.page.spin
    key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    for digit in (Qt.Key.Key_4, Qt.Key.Key_2):
        key(digit)
    key(Qt.Key.Key_Tab)
    key(Qt.Key.Key_Space)  # 全員に連絡できる
    assert wizard.answers["count"] == {"mode": "exact", "value": 42, "contact_all": "yes"}
    key(Qt.Key.Key_Return)
    on(Q.LEARNED)  # today, now: the default
    key(Qt.Key.Key_Return)
    on(Q.LOSS_PLACE)
    key(Qt.Key.Key_1, alt)
    qtbot.waitUntil(lambda: wizard.answers.get("loss_place") == "inside")
    key(Qt.Key.Key_Return)
    on(Q.CAUSE)
    key(Qt.Key.Key_3, alt)  # 事業所内の者が誤って(3)
    qtbot.waitUntil(lambda: wizard.answers.get("cause") == "employee_mistake")
    key(Qt.Key.Key_Return)
    on(Q.RECOVERED)
    key(Qt.Key.Key_2, alt)
    qtbot.waitUntil(lambda: wizard.answers.get("recovered") == "no")
    key(Qt.Key.Key_Return)
    on(Q.BACKUP)
    key(Qt.Key.Key_1, alt)
    qtbot.waitUntil(lambda: wizard.answers.get("backup") == "yes")
    key(Qt.Key.Key_B, alt)  # 戻る(&B), then forward again: nothing lost
    qtbot.waitUntil(lambda: d.question is Q.RECOVERED)
    key(Qt.Key.Key_N, alt)
    on(Q.BACKUP)
    key(Qt.Key.Key_Return)
    on(Q.ROLE)
    key(Qt.Key.Key_Space)
    key(Qt.Key.Key_Return)
    on(Q.OFFICE)
    key(Qt.Key.Key_1, alt)  # GDPR: 適用されない(1)
    qtbot.waitUntil(lambda: wizard.answers.get("office") == {"gdpr": False})
    key(Qt.Key.Key_Return)
    on(Q.TITLE)
    assert d.page.edit.hasSelectedText()  # the suggested name, ready to be typed over
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: d.question is None and wizard.currentId() != -1)
    key(Qt.Key.Key_F, alt)  # 完了(&F)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    detail = IncidentService(db).get(wizard.created_id)
    assert detail is not None
    assert detail.summary.title == "紛失・置き忘れ（6月2日）"
    assert detail.assessment is not None and detail.assessment["excluded_by"] == "identical_copy_exists"


def test_cancel_asks_before_discarding(drive, db, monkeypatch) -> None:
    d = drive()
    d.answer("theft")
    asked: list[str] = []
    reply = {"button": QMessageBox.StandardButton.Cancel}

    def question(_parent, title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(title)
        return reply["button"]

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    d.wizard.save_draft()
    d.click(d.button(QWizard.WizardButton.CancelButton))
    assert asked == ["入力内容を破棄しますか"] and d.wizard.isVisible()
    assert WizardDraftService(db).load() is not None
    reply["button"] = QMessageBox.StandardButton.Discard
    d.click(d.button(QWizard.WizardButton.CancelButton))
    assert not d.wizard.isVisible()
    assert WizardDraftService(db).load() is None
    assert IncidentService(db).count() == 0


def test_cancel_with_nothing_entered_closes_without_asking(drive) -> None:
    d = drive()
    d.click(d.button(QWizard.WizardButton.CancelButton))  # the autouse fixture fails on any message box
    assert not d.wizard.isVisible()


def test_a_crash_mid_wizard_loses_nothing_typed(drive, db, qtbot) -> None:
    d = drive()
    d.start("misdelivery", "name", "address")
    d.count(12)
    d.at(Q.LEARNED)
    type_japanese(d.page.learned_by_edit, "総務課の佐藤")  # typed, Next not pressed
    store = WizardDraftService(db)
    qtbot.waitUntil(
        lambda: (store.load() or _Empty).answers.get("learned", {}).get("learned_by") == "総務課の佐藤"
    )
    crashed = d.wizard
    crashed._draft_timer.stop()
    shiboken6.delete(crashed)  # gone without Finish or Cancel, as in a power cut

    draft = store.load()
    assert draft is not None and draft.current is Q.LEARNED
    resumed = wizard_from_draft(None, Services(db), draft, now=lambda: NOW)
    resumed.resize(1220, 700)
    resumed.show()
    try:
        qtbot.waitUntil(lambda: resumed.current_question() is Q.LEARNED)
        assert resumed.question_pages[Q.LEARNED].learned_by_edit.text() == "総務課の佐藤"
        assert resumed.answers["count"]["value"] == 12
        resumed.back()
        assert resumed.current_question() is Q.COUNT  # the earlier pages are in the history, Back works
        assert resumed.question_pages[Q.COUNT].spin.value() == 12
    finally:
        resumed.confirm_discard = lambda: True  # type: ignore[method-assign]
        resumed.close()


class _Empty:
    answers: ClassVar[dict[str, object]] = {}


def test_the_reassessment_wizard_stores_a_new_assessment_beside_the_old(qtbot, db, data_paths) -> None:
    first = answer_set(
        "loss",
        ["name", "address"],
        count=300,
        loss_place="outside",
        recovered="no",
        encryption={"encrypted": "no"},
    )
    incident_id = AssessmentService(db).create_from_wizard(first, OFFICE, now=NOW)
    later = dt.datetime(2027, 6, 21, 15, 0, tzinfo=JST)
    wizard = reassess_wizard(None, Services(db), incident_id, now=lambda: later)
    assert wizard is not None
    wizard.resize(1220, 700)
    wizard.show()
    d = Driver(qtbot, wizard)
    try:
        assert wizard.windowTitle() == "事案の再判定"
        d.at(Q.REASON)
        type_japanese(d.page.edit, "追加調査で1,200人分と判明")
        d.next(expect=Q.KIND)
        assert d.page.choices.value() == "loss"  # the saved answers are filled in
        d.next(expect=Q.DATA)
        d.next(expect=Q.MY_NUMBER)
        assert d.page.choices.value() == "no"
        d.next(expect=Q.SCOPE)
        d.next(expect=Q.COUNT)
        spin = d.page.spin
        spin.setFocus()
        qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(spin, "1200")
        d.next(expect=Q.LEARNED)
        d.next(expect=Q.COUNT_CROSSING)
        assert d.page.when.value() == "later"  # first counted at 300: the crossing is today's finding
        for expected in (Q.LOSS_PLACE, Q.CAUSE, Q.RECOVERED, Q.ENCRYPTION, Q.ROLE, Q.OFFICE):
            d.next(expect=expected)
        d.next()
        assert "確報：7月20日（あと29日）" in wizard.result_page.text()
        d.finish()
    finally:
        wizard.confirm_discard = lambda: True  # type: ignore[method-assign]
        wizard.close()
    db.close()
    reopened = Database.open(data_paths)
    try:
        history = AssessmentService(reopened).history(incident_id)
        assert [h.reason for h in history] == [None, "追加調査で1,200人分と判明"]
        assert history[0].assessment["applicable_items"] == []  # the old decision, as it was made
        assert history[1].assessment["applicable_items"] == [4]
        assert history[1].assessment["clock_start"] == "2027-06-21"  # the 4号 clock starts at the crossing
        summary = IncidentService(reopened).get(incident_id)
        assert summary is not None and summary.summary.applicable_items == (4,)
    finally:
        reopened.close()


def test_english_wizard_reads_in_english(drive, qapp) -> None:
    install_qt_translators(qapp, "en")
    d = drive()
    assert d.wizard.windowTitle() == "Register a new incident"
    assert d.button(QWizard.WizardButton.NextButton).text() == "&Next >"
    assert d.page.title() == "What happened?"
    assert d.wizard.verdict_panel.requirement_label.text() == "Cannot decide yet"
    assert d.wizard.verdict_panel.missing_label.text().startswith(
        "Still to answer: what happened, the data involved"
    )


def test_none_of_these_and_a_sign_exclude_each_other(drive) -> None:
    d = drive()
    d.start("unauthorized_access", "name")
    d.count(3)
    d.learned()
    d.at(Q.INDICATORS)
    next_button = d.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # an untouched page is no answer
    d.tick("none")
    assert next_button.isEnabled()
    d.tick("c2_traffic")
    assert not d.page.none_box.isChecked()
    assert d.wizard.answers["indicators"]["signs"] == ["c2_traffic"]
    d.tick("none")
    assert d.page.signs.value() == [] and d.wizard.answers["indicators"]["none"] is True


def test_nothing_happened_to_the_data_is_offered_only_with_my_numbers(drive) -> None:
    d = drive()
    d.start("other", "name")
    d.count(1)
    d.learned()
    d.at(Q.EVENT)
    assert not d.page.event_choice.buttons["none"].isVisible()
    for _ in range(4):
        d.back()
    d.at(Q.MY_NUMBER)
    d.answer("yes")
    d.next(expect=Q.COUNT)
    d.next(expect=Q.BANGO_COUNT)
    d.choose("exact")
    d.qtbot.keyClicks(d.page.spin, "1")  # no count is assumed: the field starts empty
    d.next(expect=Q.LEARNED)
    d.next(expect=Q.EVENT)
    assert d.page.event_choice.buttons["none"].isVisible()


def test_a_cause_not_known_yet_is_named_beside_the_verdict(drive) -> None:
    d = drive()
    d.start("misdelivery", "name", my_number="unsure")
    d.count(2)
    d.bango_count(2)
    d.learned()
    d.cause("unknown")
    d.at(Q.RECOVERED)
    d.answer("no")
    d.at(Q.ENCRYPTION)
    d.answer("no")
    d.no_signs()  # asked because nobody knows yet who did it
    d.bango(viewable="no", recipient="mistaken", use="no", violation="no")
    d.at(Q.ROLE)
    d.choose("own")
    panel = d.wizard.verdict_panel.cautions_label.text()
    assert "誰が起こしたかは、まだ分かっていません。" in panel and "3号（番号法では2号）" in panel
    assert "書類にマイナンバーが記載されているかは、まだ確認できていません。" in panel
    d.next()
    d.office()
    d.title("源泉徴収票の誤送付（原因調査中）")
    text = d.wizard.result_page.text()
    assert "誰が起こしたかは、まだ分かっていません。" in text
    assert "報告に努めてください（努力義務）" in text


def test_re_assessing_when_my_numbers_pass_100_starts_item_4_that_day(qtbot, db) -> None:
    """§15.5 example 6 as the officer lives it: 80 persons first, 130 found later; 番号法 4号 runs from that day."""
    first = answer_set(
        "loss",
        ["name", "address"],
        count=80,
        my_number="yes",
        bango_count={"mode": "exact", "value": 80},
        loss_place="outside",
        recovered="no",
        encryption={"encrypted": "no"},
        bango={"viewable": "no", "use": "no", "violation": "no", "gov_system": False},
    )
    incident_id = AssessmentService(db).create_from_wizard(first, OFFICE, now=NOW)
    later = dt.datetime(2027, 6, 12, 15, 0, tzinfo=JST)
    wizard = reassess_wizard(None, Services(db), incident_id, now=lambda: later)
    assert wizard is not None
    wizard.resize(1220, 700)
    wizard.show()
    d = Driver(qtbot, wizard)
    try:
        type_japanese(d.page.edit, "追加調査で130人分と判明")
        for expected in (Q.KIND, Q.DATA, Q.MY_NUMBER, Q.SCOPE, Q.COUNT, Q.BANGO_COUNT):
            d.next(expect=expected)
        assert d.page.spin.value() == 80  # the saved answer
        spin = d.page.spin
        spin.setFocus()
        qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(spin, "130")
        d.next(expect=Q.LEARNED)
        d.next(expect=Q.BANGO_CROSSING)
        assert d.page.when.value() == "later"  # first counted at 80: the crossing is today's finding
        for expected in (Q.LOSS_PLACE, Q.CAUSE, Q.RECOVERED, Q.ENCRYPTION, Q.BANGO, Q.ROLE, Q.OFFICE):
            d.next(expect=expected)
        d.next()
        text = wizard.result_page.text()
        assert "個人情報保護委員会への報告が必要です（規則2条4号）" in text
        assert "確報（番号法）：7月12日" in text  # day 1 = June 12; the 30th day, July 11, is a Sunday
        d.finish()
    finally:
        wizard.confirm_discard = lambda: True  # type: ignore[method-assign]
        wizard.close()
    history = AssessmentService(db).history(incident_id)
    assert history[0].assessment["bango"]["categories"] == []
    assert history[1].assessment["bango"]["categories"] == [4]
    assert history[1].assessment["bango"]["clock_start"] == "2027-06-12"
