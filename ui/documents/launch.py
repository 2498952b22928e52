"""Entry points for the main window's 書類 menu and the incident workspace: each opens one modal dialog.

Every dialog reaches the register through the one `Services` of the open register (app/services/root.py). This
module, and with it ReportLab and the letters engine, is loaded by ui/documents/menu.py when the officer first
chooses a document: a deliberate lazy import (ui/shell/application.py lists them).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.commands.export import need_place
from app.documents import builders
from app.documents.context import DocumentKind
from app.documents.model import NeedSource
from app.errors import BreachDeskError
from app.i18n import _
from ui.documents.form_assistant import FormAssistantDialog
from ui.documents.letters_dialog import LettersDialog
from ui.documents.preview import DocumentPreviewDialog, EditAction
from ui.documents.template_editor import TemplateEditorDialog
from ui.documents.values_dialog import PlaceholderValuesDialog

if TYPE_CHECKING:
    from app.db.database import Database
    from app.documents.context import DocumentContext
    from app.documents.model import Need
    from app.services.root import Services

# File names as the office files them (Japanese in every UI language: the documents are Japanese).
FILE_NAMES = {
    "sokuho": "漏えい等報告書（速報）",
    "kakuho": "漏えい等報告書（確報）",
    "tsuikan": "漏えい等報告書（追完）",
    "notice_letter": "本人通知（見本）",
    "entrustor_notice": "委託元への通知",
    "publication": "公表文",
    "internal_report": "社内報告書",
    "pmark_report": "Pマーク事故報告",
    "initial_sheet": "初動シート",
}


def output_folder(db: Database) -> Path:
    """The data folder's exports folder (created on first use), where saved documents go by default."""
    folder = db.paths.exports_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return db.paths.root
    return folder


def _warn(parent: QWidget | None, error: BreachDeskError) -> None:
    QMessageBox.warning(parent, _("Documents"), error.user_text())


def build_preview(
    parent: QWidget | None,
    services: Services,
    incident_id: int,
    kind: DocumentKind | str,
    edit_office: EditAction | None = None,
) -> DocumentPreviewDialog:
    """The preview dialog for one document, not yet shown (tests and screenshots use this); `edit_office` opens
    the office profile (the main window's), offered when the document takes fields from it."""
    kind = DocumentKind(kind)
    service = services.documents
    state: dict[str, DocumentContext] = {}

    def rebuild() -> tuple[bytes, list[str], bool]:
        ctx = service.context(incident_id, kind)
        state["ctx"] = ctx
        check = builders.preflight(builders.compose(kind, ctx))
        return builders.build(kind, ctx), check.messages(), check.blocking

    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        pdf, problems, blocking = rebuild()
    finally:
        QGuiApplication.restoreOverrideCursor()

    def edit_values(parent: QWidget) -> bool:
        editor = PlaceholderValuesDialog(parent, state["ctx"], service.incident_values(incident_id))
        if not editor.exec():
            return False
        service.save_incident_values(incident_id, editor.values())
        return True

    def edit_wording(parent: QWidget) -> bool:
        return bool(TemplateEditorDialog(parent, service, kind.template_key).exec())

    def missing() -> list[str]:
        return missing_lines(builders.missing(kind, state["ctx"]))

    actions: list[tuple[str, EditAction]] = [
        (_("Placeholder values…"), edit_values),
        (_("Edit the wording…"), edit_wording),
    ]
    if edit_office is not None and any(
        need.source is NeedSource.OFFICE for need in builders.needs(kind, state["ctx"])
    ):
        actions.insert(0, (_("Office profile…"), edit_office))

    reference = state["ctx"].incident.reference
    return DocumentPreviewDialog(
        parent,
        pdf,
        title=kind.label(),
        suggested_name=f"{reference}_{FILE_NAMES[kind.value]}.pdf",
        folder=output_folder(services.db),
        problems=problems,
        blocking=blocking,
        rebuild=rebuild,
        edit_actions=actions,
        missing=missing(),
        missing_fn=missing,
    )


def missing_lines(needs: tuple[Need, ...]) -> list[str]:
    """「事業者名 — 事業者情報で入力してください」: each empty field with the place the officer fills it."""
    return [
        _("{field} — fill it in: {where}").format(field=need.label, where=need_place(need)) for need in needs
    ]


def open_document_preview(
    parent: QWidget | None,
    services: Services,
    incident_id: int,
    kind: DocumentKind | str,
    edit_office: EditAction | None = None,
) -> bool:
    """Build `kind` for the incident and show it; False (with a message) when it cannot be built yet."""
    try:
        dialog = build_preview(parent, services, incident_id, kind, edit_office)
    except BreachDeskError as exc:
        _warn(parent, exc)
        return False
    dialog.exec()
    return True


def open_letters_wizard(parent: QWidget | None, services: Services, incident_id: int) -> bool:
    try:
        dialog = LettersDialog(parent, services, incident_id, output_folder(services.db))
    except BreachDeskError as exc:
        _warn(parent, exc)
        return False
    dialog.exec()
    return dialog.result_value is not None


def open_form_assistant(parent: QWidget | None, services: Services, incident_id: int) -> None:
    FormAssistantDialog(parent, services, incident_id).exec()


def open_template_editor(parent: QWidget | None, services: Services, key: str = "notice_letter") -> bool:
    return bool(TemplateEditorDialog(parent, services.documents, key).exec())
