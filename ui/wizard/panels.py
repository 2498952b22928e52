"""The two panels around each question: the help beside it, and the live verdict that follows every answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocumentFragment
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.deadlines.advice import FilingProgress
from app.domain.assessment import Assessment
from app.i18n import _
from app.wizard import verdict
from app.wizard.live import LiveState, LiveVerdict, cautions, missing_words
from app.wizard.questions import Question
from ui.wizard.result_page import done_words
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
        # Reachable by Tab after the fields (arrow keys scroll it); a screen reader reads the whole help as the
        # panel's description.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAccessibleName(_("Help on this question"))
        body = QWidget()
        body.setObjectName("help_body")
        # Set before it is filled: setWidget() sizes a widget to its size hint, which for a filled panel lays out
        # every word-wrapped example (60 % of the wizard's 220 ms to open; 23 panels).
        self.setWidget(body)
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
        self.setAccessibleDescription(
            QTextDocumentFragment.fromHtml(self.text().replace("\n", "<br>")).toPlainText()
        )

    def text(self) -> str:
        """Everything the panel says, for tests and screen readers."""
        return "\n".join([self.why_label.text(), *(label.text() for label in self.example_labels)])


class _Rows:
    """Widgets of one panel section shown and hidden together (what a nested box would do, without nesting)."""

    def __init__(self, widgets: list[QWidget]) -> None:
        self.widgets = widgets

    def setVisible(self, visible: bool) -> None:
        for widget in self.widgets:
            widget.setVisible(visible)

    def show(self) -> None:
        self.setVisible(True)

    def hide(self) -> None:
        self.setVisible(False)

    def isHidden(self) -> bool:
        return all(widget.isHidden() for widget in self.widgets)


class VerdictPanel(QFrame):
    """The assessment as it stands: 該当する号, 報告の要否, 速報・確報の期限, for each law, updated on every answer.

    Until every question that can change it is answered it says 「まだ判定できません」 and what is still open.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdict_panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(VERDICT_WIDTH)
        self.setStyleSheet("#verdict_panel { background: #f3f6fa; }")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = QWidget()
        body.setObjectName("verdict_body")
        body.setStyleSheet("#verdict_body { background: #f3f6fa; }")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 12, 12, 12)
        title = section_title(_("Current assessment"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        layout.addWidget(title)
        layout.addSpacing(6)
        self.appi_title = self._law_title(layout, _("APPI (Rules Art. 7)"), "verdict_appi_title")
        layout.addWidget(section_title(_("Applicable items")))
        self.items_label = self._value(layout, "verdict_items")
        layout.addSpacing(6)
        layout.addWidget(section_title(_("Report duty")))
        self.requirement_label = self._value(layout, "verdict_requirement")
        self.missing_label = self._value(layout, "verdict_missing")
        # The 番号法 rows sit in the panel's own layout, not in a nested widget: a nested box of word-wrapped labels
        # was given too little height at 150 % scaling and its lines overlapped.
        layout.addSpacing(8)
        bango_title = self._law_title(layout, _("My Number Act (Rules Art. 2)"), "verdict_bango_title")
        bango_items_title = section_title(_("Applicable items"))
        layout.addWidget(bango_items_title)
        self.bango_items_label = self._value(layout, "verdict_bango_items")
        layout.addSpacing(6)
        bango_duty_title = section_title(_("Report duty"))
        layout.addWidget(bango_duty_title)
        self.bango_requirement_label = self._value(layout, "verdict_bango_requirement")
        self.filing_label = self._value(layout, "verdict_filing")
        self.filing_label.setStyleSheet("color: #333;")
        self.bango_box = _Rows(
            [
                bango_title,
                bango_items_title,
                self.bango_items_label,
                bango_duty_title,
                self.bango_requirement_label,
                self.filing_label,
            ]
        )
        layout.addSpacing(6)
        layout.addWidget(section_title(_("Preliminary and final report deadlines")))
        self.deadlines_label = _wrapped(rich=True)
        self.deadlines_label.setObjectName("verdict_deadlines")
        layout.addWidget(self.deadlines_label)
        self.cautions_label = self._value(layout, "verdict_cautions")
        self.cautions_label.setStyleSheet("color: #8a4b00;")
        layout.addStretch(1)
        self.note_label = _wrapped(_("This updates as you answer. Nothing is saved until you finish."))
        self.note_label.setStyleSheet("color: #555;")
        layout.addWidget(self.note_label)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        self.show_pending()

    @staticmethod
    def _value(layout: QVBoxLayout, name: str) -> QLabel:
        label = _wrapped()
        label.setObjectName(name)
        layout.addWidget(label)
        return label

    @staticmethod
    def _law_title(layout: QVBoxLayout, text: str, name: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet("color: #1a4d80; font-weight: bold; border-bottom: 1px solid #9db4cc;")
        layout.addWidget(label)
        return label

    def show_pending(self, message: str | None = None, missing: str = "") -> None:
        """Nothing decided: 「まだ判定できません」 and what is still open (or why an answer cannot be right)."""
        self.appi_title.hide()
        self.bango_box.hide()
        self.items_label.setText("—")
        self.requirement_label.setText(message or _("Cannot decide yet"))
        self.missing_label.setText(_("Still to answer: {topics}").format(topics=missing) if missing else "")
        self.missing_label.setVisible(bool(missing))
        self.deadlines_label.setText("—")
        self.cautions_label.hide()

    def show_live(
        self,
        live: LiveVerdict,
        answers: Mapping[str, Any],
        today: dt.date,
        progress: FilingProgress | None = None,
    ) -> None:
        missing = missing_words(live.missing)
        if live.state is LiveState.INVALID:
            self.show_pending(_("Some answers cannot be right yet: see the message beside the field."))
            return
        assessment = live.assessment
        if not live.decided or assessment is None:
            self.show_pending(missing=missing)
            if assessment is not None:
                self._show_provisional(assessment)
            return
        self.show_assessment(assessment, today, live.facts.learned_date if live.facts else None, progress)
        found = cautions(answers)
        self.cautions_label.setText("\n".join(found))
        self.cautions_label.setVisible(bool(found))

    def _show_provisional(self, assessment: Assessment) -> None:
        """The items that apply on the answers so far, for each law, marked as not final."""

        def provisional(items: tuple[int, ...]) -> str:
            return _("{items} (provisional)").format(items=verdict.items_words(items)) if items else "—"

        self.items_label.setText(provisional(assessment.applicable_items))
        bango = assessment.bango
        if verdict.bango_shown(bango):
            self.appi_title.show()
            self.bango_box.show()
            self.bango_items_label.setText(provisional(bango.categories))
            self.bango_requirement_label.setText(_("Cannot decide yet"))
            self.filing_label.hide()

    def show_assessment(
        self,
        assessment: Assessment,
        today: dt.date,
        learned: dt.date | None,
        progress: FilingProgress | None = None,
    ) -> None:
        """`progress`: a re-assessed incident's filings; a step already done shows its filing, not a countdown."""
        self.missing_label.hide()
        self.cautions_label.hide()
        self.items_label.setText(verdict.items_or_none(assessment))
        self.requirement_label.setText(verdict.requirement(assessment))
        bango = assessment.bango
        both = verdict.bango_shown(bango)
        self.appi_title.setVisible(both)
        self.bango_box.setVisible(both)
        if both:
            self.bango_items_label.setText(verdict.bango_items_or_none(bango))
            self.bango_requirement_label.setText(verdict.bango_requirement(bango))
            filing = verdict.filing_words(bango)
            self.filing_label.setText(filing)
            self.filing_label.setVisible(bool(filing))
        lines = verdict.deadline_lines(assessment, today, learned)
        if not lines:
            self.deadlines_label.setText(escape(_("No deadline runs")))
            return
        rows = []
        codes = {line.code for line in lines}
        for line in lines:
            step = progress.for_line(line.code, codes) if progress is not None else None
            when, note = (line.when, line.note) if step is None else (done_words(step), "")
            note_html = f" <span style='color:#555'>({escape(note)})</span>" if note else ""
            rows.append(
                f"<p style='margin:0 0 6px 0'><b>{escape(line.label)}</b><br>{escape(when)}{note_html}</p>"
            )
        self.deadlines_label.setText("".join(rows))

    def text(self) -> str:
        parts = [self.items_label.text(), self.requirement_label.text()]
        if not self.missing_label.isHidden():
            parts.append(self.missing_label.text())
        if not self.bango_box.isHidden():
            parts += [
                self.bango_items_label.text(),
                self.bango_requirement_label.text(),
                self.filing_label.text(),
            ]
        parts.append(self.deadlines_label.text())
        if not self.cautions_label.isHidden():
            parts.append(self.cautions_label.text())
        return "\n".join(parts)
