"""Entry points the main window and the incident workspace call: new incident, re-assessment, resuming a draft."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.domain.dates import format_datetime_jst, format_datetime_jst_en
from app.i18n import _, current_language
from app.wizard.drafts import WizardDraft
from app.wizard.mapping import facts_to_answers
from ui.wizard.wizard import IncidentWizard

if TYPE_CHECKING:
    from app.services.root import Services

Now = Callable[[], dt.datetime] | None


class ResumeChoice(Enum):
    RESUME = "resume"
    LATER = "later"
    DISCARD = "discard"


def open_new_incident_wizard(parent: QWidget | None, services: Services, *, now: Now = None) -> int | None:
    """The new incident's id, or None when the officer cancelled."""
    wizard = IncidentWizard(services, parent, now=now)
    return wizard.created_id if wizard.exec() == QDialog.DialogCode.Accepted else None


def reassess_wizard(
    parent: QWidget | None,
    services: Services,
    incident_id: int,
    *,
    now: Now = None,
    seen_version: int | None = None,
) -> IncidentWizard | None:
    """The wizard opened on an incident's saved facts, asking first what changed (None if the incident is gone).

    `seen_version`: the version the launching workspace was built from; without one (the register's menu), the
    version read now, before the facts, so a save in between is caught rather than overwritten."""
    if seen_version is None:
        try:
            seen_version = services.overview.version(incident_id)
        except LookupError:
            return None
    detail = services.incidents.get(incident_id)
    if detail is None:
        return None
    facts = dict(detail.facts)
    answers = facts_to_answers(facts, detail.summary.incident_kind, reassess_id=incident_id)
    return IncidentWizard(
        services, parent, answers=answers, previous_facts=facts, now=now, seen_version=seen_version
    )


def open_reassess_wizard(
    parent: QWidget | None,
    services: Services,
    incident_id: int,
    *,
    now: Now = None,
    seen_version: int | None = None,
) -> bool:
    """True when a new assessment was saved beside the old ones."""
    wizard = reassess_wizard(parent, services, incident_id, now=now, seen_version=seen_version)
    return wizard is not None and wizard.exec() == QDialog.DialogCode.Accepted


def wizard_from_draft(
    parent: QWidget | None, services: Services, draft: WizardDraft, *, now: Now = None
) -> IncidentWizard:
    previous: dict[str, object] = {}
    if draft.incident_id is not None:
        detail = services.incidents.get(draft.incident_id)
        previous = dict(detail.facts) if detail is not None else {}
    return IncidentWizard(
        services, parent, answers=draft.answers, resume_at=draft.current, previous_facts=previous, now=now
    )


def ask_resume(parent: QWidget | None, draft: WizardDraft) -> ResumeChoice:
    """The modal question at start-up; kept in one function so tests can answer it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Unfinished incident"))
    box.setText(
        _("An incident was being registered when BreachDesk last closed. Continue where you left off?")
    )
    if draft.saved_at is not None:
        when = (
            format_datetime_jst(draft.saved_at)
            if current_language() == "ja"
            else format_datetime_jst_en(draft.saved_at)
        )
        box.setInformativeText(_("Last saved: {when}").format(when=when))
    resume = box.addButton(_("&Continue the incident"), QMessageBox.ButtonRole.AcceptRole)
    later = box.addButton(_("Decide &later"), QMessageBox.ButtonRole.RejectRole)
    discard = box.addButton(_("&Discard the draft"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(resume)
    box.setEscapeButton(later)  # Esc or the window's × decide later: nothing opens, nothing is discarded
    box.exec()
    clicked = box.clickedButton()
    if clicked is discard:
        return ResumeChoice.DISCARD
    if clicked is resume:
        return ResumeChoice.RESUME
    return ResumeChoice.LATER


def offer_resume(parent: QWidget | None, services: Services, *, now: Now = None) -> bool:
    """At start-up: offer the unfinished draft, if any. True when the resumed wizard saved something."""
    store = services.drafts
    draft = store.load()
    if draft is None or not draft.answers:
        return False
    choice = ask_resume(parent, draft)
    if choice is ResumeChoice.DISCARD:
        store.clear()
        return False
    if choice is ResumeChoice.LATER:
        return False
    wizard = wizard_from_draft(parent, services, draft, now=now)
    return wizard.exec() == QDialog.DialogCode.Accepted
