"""The re-assessment wizard opened from a workspace saves against the version that workspace was built from: when
someone saved the incident meanwhile, Finish is refused with who and when, nothing is half-written, the answers
stay, and after 最新を読み込む the same answers are assessed again (issue 19 point 2, ADR 0013)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from app.db import audit
from app.domain.dates import JST
from app.services.assessments import AssessmentService
from app.services.root import Services
from app.services.workspace import OverviewService
from app.wizard.questions import QuestionId as Q
from tests.gui.jp_input import type_japanese
from tests.gui.screen_checks import clipped_texts, mnemonic_clashes, nameless_widgets
from tests.gui.wizard.conftest import OFFICE
from tests.gui.wizard.driver import NOW, Driver
from tests.wizard.conftest import answers as answer_set
from ui.wizard.launch import reassess_wizard

REASON = "追加調査で1,200人分と判明"


def _answer_box(button: str, seen: list[tuple[str, str, list[str]]]) -> None:
    def attempt() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "reassess_conflict":
            QTimer.singleShot(5, attempt)
            return
        seen.append((box.text(), box.informativeText(), clipped_texts(box) + mnemonic_clashes(box)))
        seen[-1][2].extend(nameless_widgets(box))
        box.findChild(QPushButton, button).click()

    QTimer.singleShot(0, attempt)


def test_a_stale_reassessment_is_refused_keeps_the_answers_and_goes_through_after_loading(qtbot, db) -> None:
    first = answer_set(
        "loss",
        ["name", "address"],
        count=300,
        loss_place="outside",
        recovered="no",
        encryption={"encrypted": "no"},
    )
    incident = AssessmentService(db).create_from_wizard(first, OFFICE, now=NOW)
    services = Services(db)
    built_from = services.overview.version(incident)  # the workspace's version when 再判定 was pressed
    later = dt.datetime(2027, 6, 21, 15, 0, tzinfo=JST)
    wizard = reassess_wizard(None, services, incident, now=lambda: later, seen_version=built_from)
    assert wizard is not None and wizard.seen_version == built_from
    wizard.resize(1220, 700)
    wizard.show()
    d = Driver(qtbot, wizard)
    try:
        type_japanese(d.page.edit, REASON)
        d.next(expect=Q.KIND)
        wizard.advance_to(Q.OFFICE)
        d.next()
        # Meanwhile another officer renames the incident on another PC.
        OverviewService(db).set_title(incident, "USBメモリの紛失（営業部）", seen_version=built_from)

        seen: list[tuple[str, str, list[str]]] = []
        _answer_box("back_to_answers", seen)
        d.finish()
        assert len(seen) == 1
        text, informative, problems = seen[0]
        assert text.startswith(f"この事案は{audit.current_actor()}さんが先に更新しました（")
        assert "回答はそのまま" in informative and problems == []
        assert wizard.isVisible() and wizard.answers[Q.REASON] == REASON
        assert len(AssessmentService(db).history(incident)) == 1  # nothing half-written
        assert services.overview.version(incident) == built_from + 1

        _answer_box("load_latest", seen)
        d.finish()
        assert len(seen) == 2 and wizard.seen_version == built_from + 1
        assert wizard.isVisible() and wizard.answers[Q.REASON] == REASON
        assert len(AssessmentService(db).history(incident)) == 1

        d.finish()  # the same answers, on the newest version
        assert not wizard.isVisible()
    finally:
        wizard.confirm_discard = lambda: True  # type: ignore[method-assign]
        wizard.close()
    history = AssessmentService(db).history(incident)
    assert [h.reason for h in history] == [None, REASON]
    assert services.overview.overview(incident).title == "USBメモリの紛失（営業部）"
    assert services.overview.version(incident) == built_from + 2
