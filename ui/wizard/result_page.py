"""The last page: the verdict in one sentence, the clocks with days left, the reasons, and what to do next.

For a "not reportable" verdict it says why, what would change it, and that the register keeps the reasoning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget, QWizardPage

from app.domain.checklist import GROUP_ORDER, checklist_for
from app.i18n import _
from app.wizard import verdict
from app.wizard.flow import MODE_REASSESS, mode
from app.wizard.questions import QuestionId
from ui.wizard.widgets import escape, section_title

if TYPE_CHECKING:
    from ui.wizard.wizard import IncidentWizard


def _rich() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


def deadline_text(line: verdict.DeadlineLine) -> str:
    """速報：6月3日〜6月5日（あと3日） / Preliminary report: June 3 to June 5 (3 days left)."""
    if line.note:
        return _("{clock}: {when} ({note})").format(clock=line.label, when=line.when, note=line.note)
    return _("{clock}: {when}").format(clock=line.label, when=line.when)


def _bullets(lines: list[str]) -> str:
    return "".join(f"<p style='margin:2px 0 2px 0'>・{line}</p>" for line in lines)


class ResultPage(QWizardPage):
    def __init__(self, wizard: IncidentWizard) -> None:
        super().__init__()
        self.ctx = wizard
        self.setObjectName("page_result")
        self.setTitle(_("The assessment"))
        self.setFinalPage(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 0, 12, 8)
        self.headline_label = QLabel()
        self.headline_label.setObjectName("result_headline")
        self.headline_label.setWordWrap(True)
        font = QFont(self.headline_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.headline_label.setFont(font)
        layout.addWidget(self.headline_label)
        self.sections: dict[str, tuple[QLabel, QLabel]] = {}
        for key, title in (
            ("deadlines", _("Deadlines and what starts them")),
            ("why", _("Why this verdict")),
            ("change", _("What would change this")),
            ("warnings", _("Check also")),
            ("steps", _("What to do next")),
        ):
            heading = section_title(title)
            content = _rich()
            content.setObjectName(f"result_{key}")
            layout.addSpacing(8)
            layout.addWidget(heading)
            layout.addWidget(content)
            self.sections[key] = (heading, content)
        self.keep_label = QLabel()
        self.keep_label.setObjectName("result_keep")
        self.keep_label.setWordWrap(True)
        self.keep_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.keep_label.setMargin(8)
        layout.addSpacing(10)
        layout.addWidget(self.keep_label)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _section(self, key: str, html: str) -> None:
        heading, content = self.sections[key]
        content.setText(html)
        heading.setVisible(bool(html))
        content.setVisible(bool(html))

    def initializePage(self) -> None:
        assessment, facts = self.ctx.current_assessment()
        if assessment is None or facts is None:
            self.headline_label.setText(_("Some answers are missing: go back and complete them."))
            for key in self.sections:
                self._section(key, "")
            self.keep_label.hide()
            return
        today = verdict.today_in_japan(self.ctx.now())
        self.headline_label.setText(verdict.headline(assessment))
        lines = verdict.deadline_lines(assessment, today, facts.learned_date)
        self._section(
            "deadlines",
            _bullets([escape(deadline_text(line)) for line in lines]),
        )
        self._section(
            "why",
            _bullets(
                [
                    f"{escape(verdict.reason_text(reason))}"
                    + (
                        f" <span style='color:#555'>[{escape(verdict.refs_text(reason))}]</span>"
                        if reason.refs
                        else ""
                    )
                    for reason in assessment.reasons
                ]
            ),
        )
        reportable = assessment.reportable
        self._section(
            "change",
            "" if reportable else _bullets([escape(t) for t in verdict.what_would_change(assessment, facts)]),
        )
        self._section("warnings", _bullets([escape(verdict.reason_text(w)) for w in assessment.warnings]))
        steps = checklist_for(self.ctx.answers.get(QuestionId.KIND), assessment)
        blocks = []
        for group in GROUP_ORDER:
            in_group = [step for step in steps if step.group is group]
            if in_group:
                blocks.append(f"<p style='margin:6px 0 2px 0'><b>{escape(group.label())}</b></p>")
                blocks.append(_bullets([escape(step.label) for step in in_group]))
        self._section("steps", "".join(blocks))
        if reportable:
            keep = _(
                "Finish saves the incident with these facts, this assessment and its deadlines in the register."
            )
        else:
            keep = _(
                "Finish saves the incident with this reasoning in the register. A reasoned “not reportable” record is worth as much as a report: it shows the decision was made with care."
            )
        if mode(self.ctx.answers) == MODE_REASSESS:
            keep = _(
                "Finish saves this assessment beside the earlier ones, with the time and your reason; the deadlines follow the new verdict."
            )
        self.keep_label.setText(keep)
        self.keep_label.show()

    def nextId(self) -> int:
        return -1

    def isComplete(self) -> bool:
        return self.ctx.current_assessment()[0] is not None

    def text(self) -> str:
        """What the page says, as plain text (for tests and for copying into a memo)."""
        parts = [self.headline_label.text()]
        for heading, content in self.sections.values():
            if not content.isHidden():
                document = QTextDocument()
                document.setHtml(content.text())
                parts += [heading.text(), document.toPlainText()]
        parts.append(self.keep_label.text())
        return "\n".join(parts)
