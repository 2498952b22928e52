"""What a wizard page may ask of the wizard around it: the pages depend on this protocol, and `IncidentWizard`
(ui/wizard/wizard.py) implements it, so the wizard imports its pages and no page imports the wizard back."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from PySide6.QtWidgets import QWizardPage

from app.deadlines.advice import LiveFiling
from app.domain.assessment import Assessment
from app.domain.facts import Facts
from app.domain.office import OfficeProfile
from app.wizard.questions import QuestionId


class WizardContext(Protocol):
    answers: dict[str, Any]
    office: OfficeProfile
    help_choice: bool | None  # the officer's Help toggle; None: beside the question where it fits

    def now(self) -> dt.datetime: ...

    def record(self, question: QuestionId, value: Any) -> None: ...

    def is_answered(self, question: QuestionId, value: Any) -> bool: ...

    def problems(self, question: QuestionId, value: Any) -> dict[str, str]: ...

    def page_after(self, question: QuestionId) -> int: ...

    def current_assessment(self) -> tuple[Assessment | None, Facts | None]: ...

    def live_filings(self) -> list[LiveFiling]: ...

    def default_text(self, question: QuestionId) -> str: ...

    def crossing_default(self, question: QuestionId = ...) -> dict[str, Any]: ...

    def currentPage(self) -> QWizardPage: ...
