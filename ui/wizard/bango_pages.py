"""The My Number pages (docs/domain.md §15.7): whose own numbers are in the data, and what only 番号法 asks.

Whether a document shows a My Number at all is a plain three-way choice (QuestionPage with MY_NUMBER_OPTIONS).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from app.i18n import _
from app.wizard.flow import bango_parts, recipient_choices
from app.wizard.questions import (
    RECIPIENT_OPTIONS,
    USE_OPTIONS,
    VIEWABLE_OPTIONS,
    VIOLATION_OPTIONS,
    Option,
    QuestionId,
)
from ui.wizard.base_page import QuestionPage
from ui.wizard.pages import CrossingPage, count_widgets
from ui.wizard.widgets import ChoiceGroup, OptionRow, hint_label, section_title

Q = QuestionId


class BangoCountPage(QuestionPage):
    question_id = Q.BANGO_COUNT

    def build(self, layout: QVBoxLayout) -> None:
        self.mode, self.spin = count_widgets(self, layout, _("People whose own My Number is in the data"))
        layout.addWidget(
            hint_label(
                _(
                    "Employees, their dependants (fuyō shinzoku) and payees of payment records such as lecturers or landlords, each counted once."
                )
            )
        )

    def load(self, value: Any) -> None:
        count = value if isinstance(value, dict) else {}
        self.mode.set_value(count.get("mode"))
        self.spin.setValue(count.get("value") if isinstance(count.get("value"), int | str) else None)

    def value(self) -> Any:
        return {"mode": self.mode.value(), "value": self.spin.answer()}


class BangoCrossingPage(CrossingPage):
    question_id = Q.BANGO_CROSSING


class _Part(QWidget):
    """One sub-question of the My Number page: its question, then its options."""

    def __init__(self, key: str, question: str, options: tuple[Option, ...]) -> None:
        super().__init__()
        self.setObjectName(f"part_{key}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        title = section_title(question)
        layout.addWidget(title)
        self.choices = ChoiceGroup(options, mnemonics=False, name_prefix=f"{key}_", context=question)
        layout.addWidget(self.choices)


class BangoPage(QuestionPage):
    """Viewable online (規則2条3号), a recipient that may not receive numbers (19条), a use outside 9条, other breaches.

    Only the sub-questions that can apply are shown; each needs its own answer, "No" included.
    """

    question_id = Q.BANGO

    def build(self, layout: QVBoxLayout) -> None:
        self.parts: dict[str, _Part] = {
            "viewable": _Part(
                "viewable",
                _(
                    "Could people outside the office (other than a contractor's staff) view the My Numbers over the internet?"
                ),
                VIEWABLE_OPTIONS,
            ),
            "recipient": _Part(
                "recipient",
                _("Where did the documents or files with My Numbers go?"),
                RECIPIENT_OPTIONS,
            ),
            "use": _Part(
                "use",
                _(
                    "Was any My Number used for something other than the tax, social-security and disaster tasks the Act allows?"
                ),
                USE_OPTIONS,
            ),
            "violation": _Part(
                "violation",
                _("Was there any other breach of the My Number rules in this case?"),
                VIOLATION_OPTIONS,
            ),
        }
        for part in self.parts.values():
            layout.addWidget(part)
            part.choices.changed.connect(self.changed)
        self.gov_system = QCheckBox()
        self.gov_system.setObjectName("check_gov_system")
        layout.addSpacing(6)
        layout.addWidget(
            OptionRow(
                self.gov_system,
                _(
                    "It leaked from a government system or the information-provision network (rare for a private employer)"
                ),
                _(
                    "e.g. a system for My Number tasks of a public body that the office runs as its contractor."
                ),
            )
        )
        self.gov_system.toggled.connect(self.changed)

    def update_enabled(self) -> None:
        shown = bango_parts(self.ctx.answers)
        for key, part in self.parts.items():
            part.setVisible(key in shown)
        recipient = self.parts["recipient"].choices
        allowed = recipient_choices(self.ctx.answers)
        for option in RECIPIENT_OPTIONS:
            recipient.show_option(option.code, option.code in allowed)

    def load(self, value: Any) -> None:
        answer = value if isinstance(value, dict) else {}
        for key, part in self.parts.items():
            code = answer.get(key)
            part.choices.set_value(code if isinstance(code, str) else None)
        self.gov_system.setChecked(bool(answer.get("gov_system")))

    def value(self) -> Any:
        shown = bango_parts(self.ctx.answers)
        answer: dict[str, Any] = {
            key: part.choices.value() for key, part in self.parts.items() if key in shown
        }
        answer["gov_system"] = self.gov_system.isChecked()
        return answer
