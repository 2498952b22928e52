"""The last page: the verdict in one sentence, the clocks with days left, the reasons, and what to do next.

For a "not reportable" verdict it says why, what would change it, and that the register keeps the reasoning. With
My Numbers the 第7条 and 番号法 verdicts stand side by side, with one list of deadlines and each law's reasons.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget, QWizardPage

from app.deadlines.advice import (
    NOTICE_CLOCKS,
    FilingProgress,
    StepDone,
    bango_reasons_for_today,
    filing_progress,
    reasons_for_today,
)
from app.domain.assessment import Reason
from app.domain.checklist import GROUP_ORDER, ChecklistItem, checklist_for
from app.domain.dates import JST, format_date, format_date_en
from app.i18n import _, current_language
from app.wizard import verdict
from app.wizard.flow import MODE_REASSESS, mode
from app.wizard.live import cautions
from app.wizard.questions import QuestionId
from ui.wizard.widgets import escape, section_title

if TYPE_CHECKING:
    from ui.wizard.context import WizardContext


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


def _filed_day(step: StepDone) -> str:
    day = step.filed_at.astimezone(JST).date()
    return format_date(day) if current_language() == "ja" else format_date_en(day)


def done_words(step: StepDone) -> str:
    """「2027年6月2日に提出済み」 / "filed on June 2, 2027": under the step's name in the side panel."""
    if step.clock in NOTICE_CLOCKS:
        return _("sent on {date}").format(date=_filed_day(step))
    return _("filed on {date}").format(date=_filed_day(step))


def done_text(name: str, step: StepDone) -> str:
    """速報：2027年6月2日に提出済みです（受付番号 …） / Preliminary report: filed on June 2, 2027 (receipt …)."""
    if step.clock in NOTICE_CLOCKS:
        return _("{step}: sent on {date}").format(step=name, date=_filed_day(step))
    if step.receipt_number:
        return _("{step}: filed on {date} (receipt number {number})").format(
            step=name, date=_filed_day(step), number=step.receipt_number
        )
    return _("{step}: filed on {date}").format(step=name, date=_filed_day(step))


def _bullets(lines: list[str]) -> str:
    return "".join(f"<p style='margin:2px 0 2px 0'>・{line}</p>" for line in lines)


def _reasons(reasons: tuple[Reason, ...], progress: FilingProgress) -> str:
    """A reason that advises a step already done reads as done, its citation kept: the verdict stands as it is."""

    def words(reason: Reason) -> str:
        step = progress.for_reason(reason)
        return verdict.reason_text(reason) if step is None else done_text(step.clock.label(), step)

    return _bullets(
        [
            f"{escape(words(reason))}"
            + (
                f" <span style='color:#555'>[{escape(verdict.refs_text(reason))}]</span>"
                if reason.refs
                else ""
            )
            for reason in reasons
        ]
    )


def _headline_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    return label


class _LawColumn(QFrame):
    """One law's verdict: its name, then the verdict in one sentence."""

    def __init__(self, law: str, headline: QLabel) -> None:
        super().__init__()
        self.law_label = section_title(law)
        self.law_label.setStyleSheet("color: #1a4d80;")
        self.column_layout = QVBoxLayout(self)
        self.column_layout.addWidget(self.law_label)
        self.column_layout.addWidget(headline)
        self.column_layout.addStretch(1)

    def framed(self, on: bool) -> None:
        """Framed beside the other law; a single verdict reads as before, without a box."""
        self.setFrameShape(QFrame.Shape.StyledPanel if on else QFrame.Shape.NoFrame)
        self.law_label.setVisible(on)
        margin = 10 if on else 0
        self.column_layout.setContentsMargins(margin, 8 if on else 0, margin, 8 if on else 0)


class ResultPage(QWizardPage):
    def __init__(self, wizard: WizardContext) -> None:
        super().__init__()
        self.ctx = wizard
        self.setObjectName("page_result")
        self.setTitle(_("The assessment"))
        self.setFinalPage(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 0, 12, 8)
        self.headline_label = _headline_label("result_headline")
        self.bango_headline_label = _headline_label("result_bango_headline")
        self.appi_column = _LawColumn(_("APPI (Rules Art. 7)"), self.headline_label)
        self.bango_column = _LawColumn(_("My Number Act (Rules Art. 2)"), self.bango_headline_label)
        verdicts = QHBoxLayout()
        verdicts.setSpacing(10)
        verdicts.addWidget(self.appi_column, 1)
        verdicts.addWidget(self.bango_column, 1)
        layout.addLayout(verdicts)
        self.filing_label = QLabel()
        self.filing_label.setObjectName("result_filing")
        self.filing_label.setWordWrap(True)
        layout.addWidget(self.filing_label)
        self.sections: dict[str, tuple[QLabel, QLabel]] = {}
        for key, title in (
            ("deadlines", _("Deadlines and what starts them")),
            ("why", _("Why this verdict")),
            ("why_bango", _("Why this verdict under the My Number Act")),
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
            self.bango_column.hide()
            self.filing_label.hide()
            for key in self.sections:
                self._section(key, "")
            self.keep_label.hide()
            return
        today = verdict.today_in_japan(self.ctx.now())
        bango = assessment.bango
        both = verdict.bango_shown(bango)
        self.headline_label.setText(verdict.headline(assessment))
        self.bango_headline_label.setText(verdict.bango_headline(bango) if both else "")
        self.appi_column.framed(both)
        self.bango_column.framed(both)
        self.bango_column.setVisible(both)
        filing = verdict.filing_words(bango)
        self.filing_label.setText(_("How to file: {how}").format(how=filing) if filing else "")
        self.filing_label.setVisible(bool(filing))
        # Re-assessing: the steps already filed read as done, and only the open ones are advised or counted down.
        progress = filing_progress(
            assessment, self.ctx.live_filings(), self.ctx.office, self.ctx.now(), facts.learned_date
        )
        lines = verdict.deadline_lines(assessment, today, facts.learned_date)
        codes = {line.code for line in lines}
        self._section(
            "deadlines", _bullets([escape(self._line_text(line, progress, codes)) for line in lines])
        )
        # The advice as it fits today (a draft finished days later), never the stored day-1 wording.
        opened = progress.open_kinds
        self._section("why", _reasons(reasons_for_today(assessment, today, opened), progress))
        self._section(
            "why_bango", _reasons(bango_reasons_for_today(bango, today, opened), progress) if both else ""
        )
        changes = [] if assessment.reportable else verdict.what_would_change(assessment, facts)
        changes += verdict.bango_what_would_change(bango)
        self._section("change", _bullets([escape(t) for t in changes]))
        notes = [verdict.reason_text(w) for w in assessment.warnings] + cautions(self.ctx.answers)
        self._section("warnings", _bullets([escape(note) for note in notes]))
        reportable = assessment.any_reportable
        steps = checklist_for(self.ctx.answers.get(QuestionId.KIND), assessment)
        blocks = []
        for group in GROUP_ORDER:
            in_group = [step for step in steps if step.group is group]
            if in_group:
                blocks.append(f"<p style='margin:6px 0 2px 0'><b>{escape(group.label())}</b></p>")
                blocks.append(_bullets([escape(self._step_text(step, progress)) for step in in_group]))
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

    @staticmethod
    def _line_text(line: verdict.DeadlineLine, progress: FilingProgress, codes: set[str]) -> str:
        step = progress.for_line(line.code, codes)
        return deadline_text(line) if step is None else done_text(line.label, step)

    @staticmethod
    def _step_text(item: ChecklistItem, progress: FilingProgress) -> str:
        step = progress.for_checklist_step(item.code)
        if step is None:
            return item.label
        return _("{step} (done: {date})").format(step=item.label, date=_filed_day(step))

    def nextId(self) -> int:
        return -1

    def isComplete(self) -> bool:
        return self.ctx.current_assessment()[0] is not None

    def text(self) -> str:
        """What the page says, as plain text (for tests and for copying into a memo)."""
        parts = [self.headline_label.text()]
        if not self.bango_column.isHidden():
            parts.append(self.bango_headline_label.text())
        if not self.filing_label.isHidden():
            parts.append(self.filing_label.text())
        for heading, content in self.sections.values():
            if not content.isHidden():
                document = QTextDocument()
                document.setHtml(content.text())
                parts += [heading.text(), document.toPlainText()]
        parts.append(self.keep_label.text())
        return "\n".join(parts)
