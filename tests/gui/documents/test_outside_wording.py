"""The internal 件名 in the wording of an outside document is flagged in the editor; the values dialog offers how
the letters address the people (issue 15 points 2 and 3)."""

from __future__ import annotations

from app.db.database import Database
from app.documents.context import DocumentKind
from app.services.documents import DocumentService
from tests.gui.jp_input import type_japanese
from ui.documents.template_editor import TemplateEditorDialog
from ui.documents.values_dialog import PlaceholderValuesDialog


def test_the_editor_warns_when_an_outside_document_uses_the_title(qtbot, db: Database) -> None:
    editor = TemplateEditorDialog(None, DocumentService(db), "notice_letter")
    qtbot.addWidget(editor)
    editor._edited()
    assert editor.check_label.text() == ""
    editor.opening_edit.moveCursor(editor.opening_edit.textCursor().MoveOperation.End)
    type_japanese(editor.opening_edit, "件名：{件名}")
    editor._edited()
    assert "{件名}" in editor.check_label.text() and "外部" in editor.check_label.text()
    editor.kind_box.setCurrentIndex(editor.kind_box.findData("internal_report"))
    type_japanese(editor.opening_edit, "{件名}")
    editor._edited()
    assert "{件名}" not in editor.check_label.text()  # the internal report may name it


def test_the_values_dialog_proposes_how_the_people_are_addressed(
    qtbot, db: Database, incident_id: int
) -> None:
    ctx = DocumentService(db).context(incident_id, DocumentKind.NOTICE_LETTER)
    dialog = PlaceholderValuesDialog(None, ctx, {})
    qtbot.addWidget(dialog)
    row = dialog.names.index("本人の呼称")
    assert dialog.table.item(row, 2).text() == "お客様"
    dialog.table.item(row, 3).setText("会員の皆様")
    assert dialog.values()["本人の呼称"] == "会員の皆様"
