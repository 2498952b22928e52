"""Wizard GUI fixtures: a wizard on a fresh register, with a fixed clock and an office profile.

Modal message boxes are the only thing patched: a test that does not expect one fails instead of hanging.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import shiboken6
from PySide6.QtWidgets import QMessageBox

from app.db.database import Database
from app.domain.office import OfficeProfile
from app.services.root import Services
from tests.gui.wizard.driver import NOW, Driver
from ui.wizard.wizard import IncidentWizard

OFFICE = OfficeProfile(name="さくら会計事務所")


class UnexpectedDialog(AssertionError):
    pass


@pytest.fixture(autouse=True)
def no_unexpected_message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records every message box; tests that expect one replace the method again."""
    seen: list[str] = []

    def refuse(_parent: object, title: str, text: str, *_args: object, **_kwargs: object) -> None:
        seen.append(f"{title}: {text}")
        raise UnexpectedDialog(f"unexpected message box: {title}: {text}")

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))
    return seen


@pytest.fixture
def drive(qtbot, db: Database) -> Iterator[Callable[..., Driver]]:  # type: ignore[no-untyped-def]
    """A shown wizard and its driver; keyword arguments go to IncidentWizard."""
    made: list[IncidentWizard] = []

    def make(**options: object) -> Driver:
        options.setdefault("office", OFFICE)
        options.setdefault("now", lambda: NOW)
        wizard = IncidentWizard(Services(db), **options)  # type: ignore[arg-type]
        made.append(wizard)  # closed below, not by qtbot: pytest-qt closes its widgets before fixtures end
        wizard.resize(1220, 700)
        wizard.show()
        qtbot.waitExposed(wizard)
        return Driver(qtbot, wizard)

    yield make
    for wizard in made:  # closing an unfinished wizard at teardown must not ask "discard?"
        if not shiboken6.isValid(wizard):
            continue  # a test destroyed it on purpose (the crash test)
        wizard.confirm_discard = lambda: True  # type: ignore[method-assign]
        wizard._draft_timer.stop()
        wizard.close()
        wizard.deleteLater()
