"""The 概要 for outside readers in the workspace's 概要 tab: proposed from the facts, edited, kept (issue 15 point 2)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.documents.context import DocumentKind
from app.services.documents import DocumentService
from app.services.root import Services
from app.services.workspace import OverviewService
from tests.gui.jp_input import type_japanese
from tests.gui.register.conftest import add_assessed, reopen
from ui.workspace import IncidentWindow
from ui.workspace.context import WorkspaceContext

PROPOSED = (
    "2027年7月1日、当社から送信したメールが誤った宛先に届き、従業員の皆様の個人データ（健康診断結果等）が"
    "漏えいしたことが判明しました。"
)


def test_the_summary_is_proposed_edited_and_kept_apart_from_the_title(
    qtbot, register_db, data_paths, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    incident = add_assessed(register_db, "健診結果の誤送信（人事部 髙橋）")
    window = IncidentWindow(WorkspaceContext.open(Services(register_db), incident))
    qtbot.addWidget(window)
    window.show()
    window.show_tab("overview")
    page = window.pages["overview"]
    assert "外部" in page.summary_note.text()  # the officer is told this text goes outside
    assert page.summary_edit.toPlainText() == ""

    qtbot.mouseClick(page.propose_button, Qt.MouseButton.LeftButton)
    assert page.summary_edit.toPlainText() == PROPOSED
    assert OverviewService(register_db).overview(incident).public_summary == PROPOSED

    # The officer adds a sentence; proposing again asks before replacing it, and "No" keeps the edit.
    page.summary_edit.moveCursor(page.summary_edit.textCursor().MoveOperation.End)
    type_japanese(page.summary_edit, "現在、詳細を調査しております。")
    page.summary_edit.commit()
    asked: list[str] = []

    def answer_no(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(args[2])
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer_no)
    qtbot.mouseClick(page.propose_button, Qt.MouseButton.LeftButton)
    assert asked and page.summary_edit.toPlainText().endswith("現在、詳細を調査しております。")
    page.grab().save("/tmp/l15/overview_tab.png")

    window.close()
    register_db.close()
    db = reopen(data_paths)
    try:
        ctx = DocumentService(db).context(incident, DocumentKind.NOTICE_LETTER)
        assert ctx.incident.public_summary == PROPOSED + "現在、詳細を調査しております。"
        assert ctx.incident.title == "健診結果の誤送信（人事部 髙橋）"
    finally:
        db.close()
