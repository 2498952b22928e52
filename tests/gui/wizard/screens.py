"""Walks the real wizard through every page of a few answer sets and collects what screen_checks finds on each."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from app.wizard.questions import QuestionId as Q
from tests.gui.screen_checks import LAPTOP_AT_150, screen_problems
from tests.wizard.conftest import answers

# Between them these answer sets visit every page of the new-incident wizard, the result page included.
ANSWER_SETS: dict[str, dict[str, Any]] = {
    "payroll_my_numbers": answers(
        "email_missend",
        ["name", "address", "my_number"],
        count=1500,
        my_number="yes",
        count_crossing={"when": "from_start"},
        bango_count={"mode": "exact", "value": 150},
        bango_crossing={"when": "from_start"},
        recovered="no",
        encryption={"encrypted": "yes", "strong": True, "separate": True, "key": "safe"},
        bango={"viewable": "no", "recipient": "mistaken", "use": "no", "violation": "no"},
    ),
    "shop_credentials": answers(
        "unauthorized_access",
        ["name", "login_id", "password"],
        payment_login="yes",
        backup="no",
    ),
    "ransomware": answers("ransomware", ["name"], backup="no"),
    "disposal": answers("erroneous_disposal", ["name"], disposal="unknown", recovered="no"),
    "lost_usb": answers(
        "loss", ["name"], loss_place="outside", recovered="no", encryption={"encrypted": "no"}
    ),
    "other": answers(
        "other",
        ["name"],
        event={"event": "leak", "suspected": False},
        recovered="no",
        encryption={"encrypted": "no"},
    ),
}


def visit_every_page(wizard: Any, check: Any) -> list[Q | None]:
    """Calls `check(question)` on each page from the first to the result, going on with the saved answers."""
    seen: list[Q | None] = []
    while True:
        question = wizard.current_question()
        seen.append(question)
        check(question)
        if question is None:
            return seen
        before = wizard.currentId()
        wizard.next()
        assert wizard.currentId() != before, f"stuck on {question}"


def laptop_problems(window: QWidget) -> list[str]:
    """Shown at LAPTOP_AT_150, laid out, then checked."""
    return screen_problems(window, LAPTOP_AT_150)
