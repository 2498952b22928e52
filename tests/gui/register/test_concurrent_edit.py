"""Two windows on one incident (two officers): the second save of the title shows both texts, and either choice
leaves the right row in the register after a restart (issue 19 point 2)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.db import audit
from app.i18n import set_language
from app.services.register import RegisterService
from app.services.root import Services
from tests.gui.jp_input import type_japanese
from tests.gui.register.conflict_answer import answer_conflict, incident_window
from tests.gui.register.conftest import add_assessed, reopen
from ui.register.view import Column, RegisterView
from ui.workspace import IncidentWindow
from ui.workspace.conflict_dialog import ConflictDialog

ORIGINAL = "健診結果の誤送信"
YAMADA = "健診結果の誤送信（人事部）"
SUZUKI = "健診結果の誤送信（総務部）"


def _retitle(window: IncidentWindow, title: str) -> None:
    edit = window.pages["overview"].title_edit  # type: ignore[attr-defined]
    edit.selectAll()
    edit.del_()
    type_japanese(edit, title)
    edit.commit()


@pytest.mark.parametrize(
    ("button", "kept", "language"),
    [("load_button", YAMADA, "ja"), ("overwrite_button", SUZUKI, "ja"), ("load_button", YAMADA, "en")],
)
def test_the_second_save_shows_both_texts_and_the_choice_is_what_the_register_keeps(
    qtbot, register_db, data_paths, button: str, kept: str, language: str
) -> None:  # type: ignore[no-untyped-def]
    set_language(language)
    incident = add_assessed(register_db, ORIGINAL)
    yamada, suzuki = (
        incident_window(qtbot, register_db, incident, "overview"),
        incident_window(qtbot, register_db, incident, "overview"),
    )
    assert yamada.ctx.version == suzuki.ctx.version == 1

    _retitle(yamada, YAMADA)
    assert yamada.ctx.version == 2
    shown: list[ConflictDialog] = []
    problems: list[list[str]] = []
    answer_conflict(button, shown, problems)
    _retitle(suzuki, SUZUKI)

    assert len(shown) == 1
    dialog = shown[0]
    assert dialog.mine_edit.toPlainText() == SUZUKI  # the officer's unsaved text …
    assert dialog.saved_edit.toPlainText() == YAMADA  # … beside the saved one
    me = audit.current_actor()
    if language == "ja":
        assert dialog.message_label.text().startswith(f"この事案は{me}さんが先に更新しました（")
        assert dialog.load_button.text() == "最新を読み込む(&L)"
        assert dialog.overwrite_button.text() == "自分の内容で上書きする(&O)"
    else:
        assert dialog.message_label.text().startswith(f"{me} updated this incident first (")
    assert problems == [[]]

    page = suzuki.pages["overview"]
    assert page.title_edit.text() == kept  # type: ignore[attr-defined]
    assert page.title_edit.styleSheet() == ""  # type: ignore[attr-defined]
    assert suzuki.ctx.version == (3 if kept == SUZUKI else 2)
    last = page.last_change_label.text()  # type: ignore[attr-defined]
    assert last.endswith(me) and last.startswith("最終更新：" if language == "ja" else "Last changed: ")
    page.grab().save(f"/tmp/p3_overview_{language}.png")

    yamada.close()
    suzuki.close()
    register_db.close()
    db = reopen(data_paths)  # a restart: the register as it was saved
    try:
        rows = RegisterService(db).rows([incident])
        assert rows[incident].title == kept
    finally:
        db.close()


def test_escape_leaves_the_text_unsaved_and_asks_again(qtbot, register_db) -> None:  # type: ignore[no-untyped-def]
    incident = add_assessed(register_db, ORIGINAL)
    yamada, suzuki = (
        incident_window(qtbot, register_db, incident, "overview"),
        incident_window(qtbot, register_db, incident, "overview"),
    )
    _retitle(yamada, YAMADA)
    shown: list[ConflictDialog] = []

    def escape() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConflictDialog):
            QTimer.singleShot(5, escape)
            return
        shown.append(dialog)
        dialog.reject()

    QTimer.singleShot(0, escape)
    _retitle(suzuki, SUZUKI)
    page = suzuki.pages["overview"]
    assert shown and page.title_edit.text() == SUZUKI  # type: ignore[attr-defined]
    assert page.title_edit.styleSheet() != ""  # type: ignore[attr-defined]  # red: not saved
    assert "先に更新しました" in suzuki.statusBar().currentMessage()
    assert suzuki.ctx.overview.overview(incident).title == YAMADA


def test_the_register_says_who_changed_an_incident_last(qtbot, register_db) -> None:  # type: ignore[no-untyped-def]
    incident = add_assessed(register_db, ORIGINAL)
    services = Services(register_db)
    services.overview.set_notes(incident, "警察に届出済み", seen_version=1)
    view = RegisterView()
    qtbot.addWidget(view)
    view.attach(RegisterService(register_db))
    view.show_last_changes(services.overview.last_change_line)
    row = view.model.row_of(incident)
    assert row is not None
    tip = view.model.data(
        view.model.index(row, list(Column).index(Column.TITLE)), Qt.ItemDataRole.ToolTipRole
    )
    assert tip.splitlines()[0] == ORIGINAL
    assert tip.splitlines()[1].startswith("最終更新：") and tip.endswith(audit.current_actor())
