"""The two panels around each question: the help beside it, and the live verdict that follows every answer."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.domain.assessment import Assessment
from app.i18n import _
from app.wizard import verdict
from app.wizard.questions import Question
from ui.wizard.widgets import escape, section_title

HELP_WIDTH = 330
VERDICT_WIDTH = 250


def _wrapped(text: str = "", *, rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


class HelpPanel(QScrollArea):
    """ "Why we ask this", then the guideline examples that decide the question, each with its reference."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(HELP_WIDTH)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field, not into the help
        body = QWidget()
        body.setObjectName("help_body")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(section_title(_("Why we ask this")))
        self.why_label = _wrapped(_(question.why))
        layout.addWidget(self.why_label)
        self.example_labels: list[QLabel] = []
        if question.examples:
            layout.addSpacing(10)
            layout.addWidget(section_title(_("Examples from the guideline")))
            for example in question.examples:
                text = (
                    f"<b>{escape(_(example.situation))}</b><br>→ {escape(_(example.outcome))}"
                    f"<br><span style='color:#555'>{escape(_(example.ref))}</span>"
                )
                label = _wrapped(text, rich=True)
                self.example_labels.append(label)
                layout.addWidget(label)
            layout.addSpacing(8)
            layout.addWidget(
                _wrapped(_("The examples are summarised in BreachDesk's own words; see the reference."))
            )
        layout.addStretch(1)
        self.setWidget(body)

    def text(self) -> str:
        """Everything the panel says, for tests and screen readers."""
        return "\n".join([self.why_label.text(), *(label.text() for label in self.example_labels)])


class VerdictPanel(QFrame):
    """The assessment as it stands: 該当する号, 報告の要否, 速報・確報の期限, updated on every answer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdict_panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(VERDICT_WIDTH)
        self.setStyleSheet("#verdict_panel { background: #f3f6fa; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        title = section_title(_("Current assessment"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        layout.addWidget(title)
        layout.addSpacing(6)
        layout.addWidget(section_title(_("Applicable items")))
        self.items_label = _wrapped()
        self.items_label.setObjectName("verdict_items")
        layout.addWidget(self.items_label)
        layout.addSpacing(6)
        layout.addWidget(section_title(_("Report duty")))
        self.requirement_label = _wrapped()
        self.requirement_label.setObjectName("verdict_requirement")
        layout.addWidget(self.requirement_label)
        layout.addSpacing(6)
        layout.addWidget(section_title(_("Preliminary and final report deadlines")))
        self.deadlines_label = _wrapped(rich=True)
        self.deadlines_label.setObjectName("verdict_deadlines")
        layout.addWidget(self.deadlines_label)
        layout.addStretch(1)
        self.note_label = _wrapped(_("This updates as you answer. Nothing is saved until you finish."))
        self.note_label.setStyleSheet("color: #555;")
        layout.addWidget(self.note_label)
        self.show_pending()

    def show_pending(self, message: str | None = None) -> None:
        self.items_label.setText("—")
        self.requirement_label.setText(message or _("Answer the first questions to see the assessment."))
        self.deadlines_label.setText("—")

    def show_assessment(self, assessment: Assessment, today: dt.date, learned: dt.date | None) -> None:
        self.items_label.setText(verdict.items_or_none(assessment))
        self.requirement_label.setText(verdict.requirement(assessment))
        lines = verdict.deadline_lines(assessment, today, learned)
        if not lines:
            self.deadlines_label.setText(escape(_("No deadline runs")))
            return
        rows = []
        for line in lines:
            note = f" <span style='color:#555'>({escape(line.note)})</span>" if line.note else ""
            rows.append(
                f"<p style='margin:0 0 6px 0'><b>{escape(line.label)}</b><br>{escape(line.when)}{note}</p>"
            )
        self.deadlines_label.setText("".join(rows))

    def text(self) -> str:
        return "\n".join(
            [self.items_label.text(), self.requirement_label.text(), self.deadlines_label.text()]
        )
