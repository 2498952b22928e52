"""The main window's 書類 menu: each document of the selected incident, the letters, the form assistant, the wording.

Kept here so the main window only installs it. The dialogs (and ReportLab) load when an action is first chosen:
`_launch` is a deliberate lazy import (ui/shell/application.py lists them); they reach the register through the
window's `services`, the one composition root of the open register (app/services/root.py).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from types import ModuleType
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from app.i18n import N_, _

# Every item has its own mnemonic (Windows style in Japanese: 「本人通知（見本）(&L)…」); none is shared in this menu.
PREVIEW_KINDS: tuple[tuple[str, str], ...] = (
    ("sokuho", N_("Breach report (&preliminary)…")),
    ("kakuho", N_("Breach report (&final)…")),
    ("tsuikan", N_("Breach report (&supplement)…")),
    ("notice_letter", N_("Notice to individuals (sample &letter)…")),
    ("entrustor_notice", N_("Notice to the &entrusting business…")),
    ("publication", N_("Public &announcement…")),
    ("internal_report", N_("&Internal report…")),
    ("pmark_report", N_("Privacy &Mark incident report…")),
    ("initial_sheet", N_("First-&response sheet…")),
)


def _launch() -> ModuleType:
    import ui.documents.launch as launch  # lazy on purpose: ReportLab and the dialogs, on the first document

    return launch


def _selected(window: Any) -> int | None:
    """The incident selected in the register, or None (with a hint in the status bar)."""
    services = getattr(window, "services", None)
    incident_id = window.register.selected_id() if services is not None else None
    if incident_id is None:
        window.statusBar().showMessage(_("Select an incident in the register first."), 8000)
    return incident_id


def _for_selected(window: Any, run: Callable[[Any, Any, int], object]) -> Callable[[], None]:
    # A weak reference: the action is the window's grandchild, and a strong one would make a cycle the garbage
    # collector could break by deleting the window under Qt's feet.
    ref = weakref.ref(window)

    def trigger() -> None:
        window = ref()
        if window is None:
            return
        incident_id = _selected(window)
        if incident_id is not None:
            run(window, window.services, incident_id)
            refresh = getattr(window, "refresh_register", None)
            if refresh is not None:
                refresh()  # a notice recorded as sent moves the status

    return trigger


def _preview(kind: str) -> Callable[[Any, Any, int], object]:
    def run(window: Any, services: Any, incident_id: int) -> object:
        return _launch().open_document_preview(window, services, incident_id, kind, _office_editor(window))

    return run


def _office_editor(window: Any) -> Callable[[Any], bool] | None:
    """The main window's office profile dialog, for the preview's 「事業者情報…」 button (a document whose
    reporter fields are empty is fixed there, then rebuilt)."""
    opener = getattr(window, "open_register", None)
    if opener is None:
        return None

    def edit(_parent: Any) -> bool:
        return bool(opener.office_profile())

    return edit


def _letters(window: Any, services: Any, incident_id: int) -> object:
    return _launch().open_letters_wizard(window, services, incident_id)


def _assistant(window: Any, services: Any, incident_id: int) -> object:
    _launch().open_form_assistant(window, services, incident_id)
    return None


def _wording(ref: weakref.ReferenceType[Any]) -> Callable[[], None]:
    def trigger() -> None:
        window = ref()
        if window is None or getattr(window, "services", None) is None:
            return
        _launch().open_template_editor(window, window.services)

    return trigger


def install_documents_menu(window: QMainWindow) -> QMenu:
    """Add 書類 to the menu bar (before 表示 when there is one) and return it."""
    menu = QMenu(_("&Documents"), window)
    for kind, label in PREVIEW_KINDS:
        action = QAction(_(label), menu)
        action.setObjectName(f"documents_{kind}")
        action.triggered.connect(_for_selected(window, _preview(kind)))
        menu.addAction(action)
    menu.addSeparator()
    letters = QAction(_("Produce the &notice letters (mail merge)…"), menu)
    letters.setObjectName("documents_letters")
    letters.triggered.connect(_for_selected(window, _letters))
    menu.addAction(letters)
    assistant = QAction(_("Report f&orm assistant…"), menu)
    assistant.setObjectName("documents_form_assistant")
    assistant.triggered.connect(_for_selected(window, _assistant))
    menu.addAction(assistant)
    menu.addSeparator()
    wording = QAction(_("&Wording of the documents…"), menu)
    wording.setObjectName("documents_wording")
    wording.triggered.connect(_wording(weakref.ref(window)))
    menu.addAction(wording)
    view_menu = getattr(window, "view_menu", None)
    bar = window.menuBar()
    if view_menu is not None:
        bar.insertMenu(view_menu.menuAction(), menu)
    else:
        bar.addMenu(menu)
    return menu
