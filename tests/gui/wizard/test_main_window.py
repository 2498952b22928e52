"""The wizard in the main window: 「新しい事案を登録」, 再判定 on the selected row, and resuming after a crash."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.db.database import Database
from app.paths import DataPaths
from app.services.assessments import AssessmentService
from app.services.incidents import IncidentService
from app.services.root import Services
from app.services.wizard_drafts import WizardDraftService
from app.settings import SettingsStore
from app.wizard.drafts import WizardDraft
from app.wizard.questions import QuestionId as Q
from tests.gui.wizard.conftest import OFFICE
from tests.gui.wizard.driver import NOW, Driver
from tests.wizard.conftest import answers
from ui import wizard as wizard_package
from ui.shell.application import GuiSession
from ui.shell.main_window import MainWindow
from ui.shell.open_register import open_register
from ui.wizard import launch
from ui.wizard.launch import ResumeChoice
from ui.wizard.wizard import IncidentWizard

assert wizard_package  # the package under test


def _window(qtbot, data_paths: DataPaths, db: Database) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(data_paths)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.registerPopulated, timeout=5000):
        open_register(window, Services(db))
    return window


def _when_wizard_opens(qtbot, act: Callable[[IncidentWizard], None]) -> list[str]:  # type: ignore[no-untyped-def]
    """Run `act` on the modal wizard once it is up; returns what went wrong inside, if anything."""
    problems: list[str] = []

    def handle() -> None:
        wizard = QApplication.activeModalWidget()
        if not isinstance(wizard, IncidentWizard):
            QTimer.singleShot(20, handle)
            return
        try:
            act(wizard)
        except Exception as error:  # reported by the test, after the modal loop ends
            problems.append(repr(error))
            wizard.confirm_discard = lambda: True  # type: ignore[method-assign]
            wizard.reject()

    QTimer.singleShot(0, handle)
    return problems


def test_the_empty_register_button_opens_the_wizard(qtbot, data_paths, db) -> None:
    window = _window(qtbot, data_paths, db)
    seen: dict[str, object] = {}

    def look_and_cancel(wizard: IncidentWizard) -> None:
        seen["title"] = wizard.windowTitle()
        seen["page"] = wizard.current_question()
        wizard.reject()  # nothing entered: closes without asking

    problems = _when_wizard_opens(qtbot, look_and_cancel)
    window.register.empty_button.click()
    assert problems == []
    assert seen == {"title": "新しい事案を登録", "page": Q.KIND}
    assert IncidentService(db).count() == 0


def test_the_incident_menu_reassesses_the_selected_row(qtbot, data_paths, db, monkeypatch) -> None:
    incident_id = AssessmentService(db).create_from_wizard(
        answers(
            "loss", ["name"], count=20, loss_place="outside", recovered="no", encryption={"encrypted": "no"}
        ),
        OFFICE,
        now=NOW,
    )
    window = _window(qtbot, data_paths, db)
    assert window.incident_menu.title() == "事案(&I)"
    assert window.reassess_action.text() == "選択した事案を再判定(&R)…"
    assert window.register.select_incident(incident_id)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *_a: QMessageBox.StandardButton.Discard))
    seen: dict[str, object] = {}

    def look_and_cancel(wizard: IncidentWizard) -> None:
        seen["title"] = wizard.windowTitle()
        seen["page"] = wizard.current_question()
        seen["count"] = wizard.answers["count"]["value"]
        wizard.reject()

    problems = _when_wizard_opens(qtbot, look_and_cancel)
    window.reassess_action.trigger()
    assert problems == []
    assert seen == {"title": "事案の再判定", "page": Q.REASON, "count": 20}
    assert len(AssessmentService(db).history(incident_id)) == 1  # cancelled: nothing added


def test_start_up_offers_the_unfinished_draft_and_finishes_it(qtbot, data_paths, db, monkeypatch) -> None:
    draft_answers = answers(
        "email_missend", ["name", "diagnosis"], recovered="no", encryption={"encrypted": "no"}
    )
    del draft_answers["title"]
    WizardDraftService(db).save(WizardDraft(draft_answers, Q.OFFICE, NOW))
    offered: list[bool] = []
    monkeypatch.setattr(
        launch, "ask_resume", lambda _parent, draft: offered.append(True) or ResumeChoice.RESUME
    )
    monkeypatch.setattr(launch, "IncidentWizard", _fixed_clock_wizard)
    session = GuiSession(QApplication.instance(), data_paths, SettingsStore(data_paths.settings_file))  # type: ignore[arg-type]
    window = session.show_window()
    qtbot.addWidget(window)

    def finish(wizard: IncidentWizard) -> None:
        qtbot.waitUntil(lambda: wizard.current_question() is Q.OFFICE)
        d = Driver(qtbot, wizard)
        d.next(expect=Q.TITLE)
        d.title("再開した誤送信の事案")
        d.finish()

    problems = _when_wizard_opens(qtbot, finish)
    try:
        session.open_database()  # as at start-up: the register opens, then the draft is offered
        qtbot.waitUntil(lambda: bool(offered))
        qtbot.waitUntil(lambda: window.register.model.rowCount() == 1, timeout=5000)
        assert problems == []
        assert WizardDraftService(session.db).load() is None  # type: ignore[arg-type]
        rows = IncidentService(session.db).list_summaries()  # type: ignore[arg-type]
        assert [(r.title, r.applicable_items) for r in rows] == [("再開した誤送信の事案", (1,))]
    finally:
        session.close()


def _fixed_clock_wizard(*args, **kwargs) -> IncidentWizard:  # type: ignore[no-untyped-def]
    kwargs["now"] = lambda: NOW
    kwargs.setdefault("office", OFFICE)
    return IncidentWizard(*args, **kwargs)


@pytest.mark.parametrize(("choice", "kept"), [(ResumeChoice.LATER, True), (ResumeChoice.DISCARD, False)])
def test_later_keeps_the_draft_and_discard_drops_it(qtbot, data_paths, db, monkeypatch, choice, kept) -> None:
    store = WizardDraftService(db)
    store.save(WizardDraft(answers("theft", ["name"]), Q.COUNT, NOW))
    monkeypatch.setattr(launch, "ask_resume", lambda _parent, _draft: choice)
    window = _window(qtbot, data_paths, db)
    window.offer_wizard_draft()
    assert (store.load() is not None) is kept
    assert IncidentService(db).count() == 0
