"""Two windows on one 速報 draft (two officers on two PCs): the second save of a field shows both values, and each
button does what it says (issue 19 point 2, docs/adr/0013-optimistic-concurrency.md)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.db import audit
from app.domain.filing import FilingKind
from app.i18n import set_language
from app.services.workspace.reports import ReportDraftService
from tests.gui.jp_input import type_japanese
from tests.gui.register.conflict_answer import answer_conflict, incident_window
from tests.gui.register.conftest import add_assessed
from ui.workspace import IncidentWindow
from ui.workspace.conflict_dialog import ConflictDialog

CAUSE = "cause.description"
YAMADA = "宛先の選択誤り"
SUZUKI = "確認手順の不備"


def _write(window: IncidentWindow, text: str) -> None:
    edit = window.pages["report"].editors[CAUSE]  # type: ignore[attr-defined]
    edit.selectAll()
    edit.clear()
    type_japanese(edit, text)
    edit.commit()


@pytest.mark.parametrize(
    ("button", "kept", "language"),
    [("load_button", YAMADA, "ja"), ("overwrite_button", SUZUKI, "ja"), ("overwrite_button", SUZUKI, "en")],
)
def test_the_second_save_of_a_draft_field_shows_both_values_and_the_choice_is_kept(
    qtbot, register_db, button: str, kept: str, language: str
) -> None:  # type: ignore[no-untyped-def]
    set_language(language)
    incident = add_assessed(register_db, "健診結果の誤送信")
    draft = ReportDraftService(register_db).start(incident, FilingKind.SOKUHO)
    yamada, suzuki = (
        incident_window(qtbot, register_db, incident, "report"),
        incident_window(qtbot, register_db, incident, "report"),
    )
    assert yamada.pages["report"].version == suzuki.pages["report"].version == 1  # type: ignore[attr-defined]

    _write(yamada, YAMADA)
    assert yamada.pages["report"].version == 2  # type: ignore[attr-defined]
    shown: list[ConflictDialog] = []
    problems: list[list[str]] = []
    answer_conflict(button, shown, problems)
    _write(suzuki, SUZUKI)

    assert len(shown) == 1
    dialog = shown[0]
    assert dialog.mine_edit.toPlainText() == SUZUKI
    assert dialog.saved_edit.toPlainText() == YAMADA
    me = audit.current_actor()
    if language == "ja":
        assert dialog.message_label.text().startswith(f"この事案は{me}さんが先に更新しました（")
        assert "原因" in dialog.field_label.text()
    else:
        assert dialog.message_label.text().startswith(f"{me} updated this incident first (")
    assert problems == [[]]

    page = suzuki.pages["report"]
    qtbot.waitUntil(lambda: page.editors[CAUSE].toPlainText() == kept)  # type: ignore[attr-defined]
    assert page.version == (3 if kept == SUZUKI else 2)  # type: ignore[attr-defined]
    saved = ReportDraftService(register_db).get(draft.id)
    assert saved.draft.cause.description == kept
    page.grab().save(f"/tmp/b_report_{button}_{language}.png")


def test_escape_leaves_the_draft_field_unsaved_in_red(qtbot, register_db) -> None:  # type: ignore[no-untyped-def]
    incident = add_assessed(register_db, "USBメモリの紛失")
    ReportDraftService(register_db).start(incident, FilingKind.SOKUHO)
    yamada, suzuki = (
        incident_window(qtbot, register_db, incident, "report"),
        incident_window(qtbot, register_db, incident, "report"),
    )
    _write(yamada, YAMADA)
    shown: list[ConflictDialog] = []

    def escape() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConflictDialog):
            QTimer.singleShot(5, escape)
            return
        shown.append(dialog)
        dialog.reject()

    QTimer.singleShot(0, escape)
    _write(suzuki, SUZUKI)
    edit = suzuki.pages["report"].editors[CAUSE]  # type: ignore[attr-defined]
    assert shown and edit.toPlainText() == SUZUKI and edit.styleSheet() != ""
    assert suzuki.pages["report"].version == 1  # type: ignore[attr-defined]
