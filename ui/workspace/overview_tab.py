"""概要: the facts and the current verdict with its reasons, 再判定, the assessment history, title, notes, closing.

With My Numbers in the data the 番号法 verdict stands beside the 第7条 one, worded by the same helpers as the
wizard's result page (app.wizard.verdict), with the filing mode and the 番号法 reasons in their own block. An incident
without My Numbers reads exactly as before.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from collections.abc import Callable, Collection

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.deadlines.advice import bango_reasons_for_today, reasons_for_today
from app.domain.assessment import Assessment, Reason
from app.domain.dates import today_jst
from app.domain.filing import FilingKind
from app.domain.incident import IncidentStatus
from app.domain.incident_kind import IncidentKind
from app.domain.register import BangoVerdict, bango_words
from app.errors import ConcurrentEdit
from app.i18n import _, current_language
from app.services.workspace import CloseRefused
from app.services.workspace.concurrency import last_change_text
from app.services.workspace.limits import MAX_NOTES, MAX_SUMMARY
from app.wizard import verdict
from ui.calendar.clock_display import pending_line
from ui.common.formatting import format_short_date
from ui.wizard.launch import open_reassess_wizard
from ui.workspace.conflict_dialog import save_checked
from ui.workspace.context import WorkspaceContext
from ui.workspace.fields import AutosaveLineEdit, AutosaveTextEdit, LengthCounter, local_text

log = logging.getLogger(__name__)


def verdict_text(assessment: Assessment | None) -> str:
    if assessment is None:
        return _("Not assessed yet. Use “Re-assess” to run the guided assessment.")
    if assessment.reportable:
        items = ("・" if current_language() == "ja" else ", ").join(
            _("Item {n}").format(n=n) for n in assessment.applicable_items
        )
        return _("A reportable incident under Rule 7 ({items}).").format(items=items)
    return _("Not a reportable incident under Rule 7 (kept as a record).")


def _reason_list(reasons: tuple[Reason, ...]) -> str:
    """Each reason with its citations underneath."""
    ja = current_language() == "ja"
    parts = []
    for reason in reasons:
        refs = "、".join(reason.refs) if ja else ", ".join(reason.refs)
        text = html.escape(reason.ja if ja else reason.en)
        parts.append(f"<li>{text}<br><small>{html.escape(refs)}</small></li>" if refs else f"<li>{text}</li>")
    return f"<ul>{''.join(parts)}</ul>" if parts else ""


def _warnings_html(assessment: Assessment) -> str:
    ja = current_language() == "ja"
    warnings = [html.escape(w.ja if ja else w.en) for w in assessment.warnings]
    if not warnings:
        return ""
    return (
        "<p><b>"
        + html.escape(_("Check:"))
        + "</b></p><ul>"
        + "".join(f"<li>{w}</li>" for w in warnings)
        + "</ul>"
    )


def reasons_html(
    assessment: Assessment | None, open_kinds: Collection[FilingKind] = (), today: dt.date | None = None
) -> str:
    """The reasons with the advice of each still open duty as it fits today (app/deadlines/advice.py)."""
    if assessment is None:
        return ""
    day = today or today_jst()
    return _reason_list(reasons_for_today(assessment, day, open_kinds)) + _warnings_html(assessment)


def _heading(text: str) -> str:
    return f"<p style='margin:4px 0 0 0'><b>{html.escape(text)}</b></p>"


def shows_bango(assessment: Assessment | None, bango: BangoVerdict | None) -> bool:
    """My Numbers are in the data: assessed under the 番号法 track, or saved before it existed (re-assess)."""
    if assessment is None:
        return False
    return verdict.bango_shown(assessment.bango) or bango is BangoVerdict.NOT_ASSESSED


def bango_verdict_text(assessment: Assessment, bango: BangoVerdict | None) -> str:
    if bango is BangoVerdict.NOT_ASSESSED and not verdict.bango_shown(assessment.bango):
        return _(
            "My Numbers are involved, but the saved assessment predates the My Number Act track: "
            "re-assess the incident."
        )
    return verdict.bango_headline(assessment.bango)


def history_bango(assessment: Assessment | None, bango: BangoVerdict | None) -> tuple[str, str]:
    """The history's 番号法 cell in the register's words (「4号」, 努力義務, 未判定…) and, as its tooltip, the verdict."""
    if assessment is None or bango is None:
        return "", ""
    words = bango_words(bango, assessment.bango.categories)
    if not bango.involved:
        return words, ""
    return words, bango_verdict_text(assessment, bango)


class _LawBox(QFrame):
    """One law's verdict under its name; unframed, without the name, when only 第7条 applies (as before)."""

    def __init__(self, law: str, text: QLabel) -> None:
        super().__init__()
        self.law_label = QLabel(law)
        self.law_label.setStyleSheet("color: #1a4d80; font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.law_label)
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignTop)
        layout.addStretch(1)
        self.box_layout = layout
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def framed(self, on: bool) -> None:
        self.setFrameShape(QFrame.Shape.StyledPanel if on else QFrame.Shape.NoFrame)
        self.law_label.setVisible(on)
        margin = 8 if on else 0
        self.box_layout.setContentsMargins(margin, margin, margin, margin)


HISTORY_RULES, HISTORY_RESULT, HISTORY_BANGO, HISTORY_REASON = 2, 3, 4, 5  # columns of the assessment history
HISTORY_MAX_WIDTH = 260  # pixels: the 番号法 and reason columns stay in view


def _rich_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class OverviewTab(QWidget):
    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._open_kinds: frozenset[FilingKind] = (
            frozenset()
        )  # duties not filed yet: their advice follows today
        data = ctx.overview.overview(ctx.incident_id)
        self.title_edit = AutosaveLineEdit(data.title, self._save_title, ctx.reporter)
        self.title_edit.setMaxLength(500)
        self.title_edit.setToolTip(
            _("The title is for the office only: it is never printed on what goes outside.")
        )
        self.reference_label = QLabel()
        self.status_label = QLabel()
        self.learned_label = QLabel()
        self.kind_label = QLabel()
        self.deadlines_label = QLabel()
        self.deadlines_label.setWordWrap(True)
        facts = QFormLayout()
        facts.addRow(_("No."), self.reference_label)
        facts.addRow(_("Title"), self.title_edit)
        facts.addRow(_("Status"), self.status_label)
        facts.addRow(_("Learned on"), self.learned_label)
        facts.addRow(_("Event"), self.kind_label)
        facts.addRow(_("Next deadlines"), self.deadlines_label)
        self.last_change_label = (
            QLabel()
        )  # 「最終更新：2027/07/03 10:12 山田」: several people share the register
        self.last_change_label.setStyleSheet("color: #555555")
        facts.addRow(self.last_change_label)

        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        self.bango_verdict_label = QLabel()
        self.bango_verdict_label.setWordWrap(True)
        self.appi_box = _LawBox(_("APPI (Rules Art. 7)"), self.verdict_label)
        self.bango_box = _LawBox(_("My Number Act (Rules Art. 2)"), self.bango_verdict_label)
        verdicts = QHBoxLayout()
        verdicts.addWidget(self.appi_box, 1)
        verdicts.addWidget(self.bango_box, 1)
        self.filing_label = QLabel()
        self.filing_label.setWordWrap(True)
        self.reasons_label = _rich_label()
        self.bango_reasons_label = _rich_label()
        self.warnings_label = _rich_label()
        self.reassess_button = QPushButton(_("Re-assess…"))
        self.reassess_button.clicked.connect(self.reassess)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.toggle_closed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reassess_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        verdict_box = QGroupBox(_("Current assessment"))
        verdict_layout = QVBoxLayout(verdict_box)
        verdict_layout.addLayout(verdicts)
        verdict_layout.addWidget(self.filing_label)
        verdict_layout.addWidget(self.reasons_label)
        verdict_layout.addWidget(self.bango_reasons_label)
        verdict_layout.addWidget(self.warnings_label)
        verdict_layout.addLayout(buttons)

        summary_box = self._summary_box(data.public_summary)

        self.notes_edit = AutosaveTextEdit(data.notes, self._save_notes, ctx.reporter)
        self.notes_edit.setPlaceholderText(_("Notes for this incident (saved as you type)"))
        self.notes_edit.setMinimumHeight(90)
        self.notes_edit.setAccessibleName(_("Notes"))
        notes_box = QGroupBox(_("Notes"))
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.addWidget(self.notes_edit)
        self.notes_counter = LengthCounter(self.notes_edit, MAX_NOTES)
        notes_layout.addWidget(self.notes_counter)

        self.history = QTableWidget(0, 6)
        self.history.setHorizontalHeaderLabels(
            [
                _("Assessed at"),
                _("By"),
                _("Rules version"),
                _("Result"),
                _("My No. Act"),  # shown only when some assessment involved My Numbers
                _("Reason for re-assessment"),
            ]
        )
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.horizontalHeader().setSectionResizeMode(HISTORY_REASON, QHeaderView.ResizeMode.Stretch)
        self.history.setAccessibleName(_("History of assessments"))
        self.history.horizontalHeader().setAccessibleName(_("Columns of the history"))
        self.history.setMinimumHeight(110)
        history_box = QGroupBox(_("History of assessments"))
        QVBoxLayout(history_box).addWidget(self.history)

        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addLayout(facts)
        layout.addWidget(summary_box)
        layout.addWidget(verdict_box)
        layout.addWidget(notes_box)
        layout.addWidget(history_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.reload()

    def _summary_box(self, text: str) -> QGroupBox:
        """The 概要 for outside readers (issue 15 point 2): letters, the announcement, the notice to the entrusting
        business and the report print it; the title above stays internal."""
        self.summary_edit = AutosaveTextEdit(text, self._save_summary, self.ctx.reporter)
        self.summary_edit.setPlaceholderText(
            _("What happened, as the people concerned and the PPC will read it (no internal names)")
        )
        self.summary_edit.setMinimumHeight(70)
        self.summary_edit.setMaximumHeight(120)
        self.summary_edit.setAccessibleName(_("Summary for outside readers"))
        self.summary_counter = LengthCounter(self.summary_edit, MAX_SUMMARY)
        self.propose_button = QPushButton(_("Propose from the facts"))
        self.propose_button.clicked.connect(self.propose_summary)
        self.summary_note = QLabel(
            _(
                "This text is sent outside: it is printed as the summary in the letters to the individuals, the "
                "public announcement, the notice to the entrusting business and the report. The title stays internal."
            )
        )
        self.summary_note.setWordWrap(True)
        self.summary_note.setStyleSheet("color: #8a5300;")
        row = QHBoxLayout()
        row.addWidget(self.summary_note, 1)
        row.addWidget(self.propose_button, 0, Qt.AlignmentFlag.AlignTop)
        box = QGroupBox(_("Summary for outside readers"))
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.summary_edit)
        box_layout.addWidget(self.summary_counter)
        box_layout.addLayout(row)
        return box

    def _save_summary(self, text: str) -> None:
        self._save_field(
            _("Summary for outside readers"), "public_summary", text, self.ctx.overview.set_public_summary
        )

    def _save_field(self, label: str, field: str, text: str, setter: Callable[..., int]) -> None:
        """One text of the incident saved against the version this window shows (a ConcurrentEdit opens the
        dialog with both texts: ui/workspace/fields.py save_checked)."""
        save_checked(
            self,
            self.ctx,
            label,
            text,
            lambda conflict: str(conflict.saved.get(field) or ""),
            lambda seen: setter(self.ctx.incident_id, text, seen_version=seen),
            self._load_latest,
        )

    def propose_summary(self) -> None:
        """Fill the summary from the facts; the officer's own text is replaced only after asking."""
        proposal = self.ctx.overview.propose_summary(self.ctx.incident_id)
        if not proposal:
            QMessageBox.information(
                self,
                _("Summary for outside readers"),
                _("The facts are not recorded yet: run the assessment first, or write the summary yourself."),
            )
            return
        current = self.summary_edit.toPlainText().strip()
        if current and current != proposal:
            answer = QMessageBox.question(
                self,
                _("Summary for outside readers"),
                _("Replace the summary you wrote with the one proposed from the facts?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.summary_edit.setPlainText(proposal)
        self.summary_edit.commit()

    def _save_title(self, text: str) -> None:
        self._save_field(_("Title"), "title", text, self.ctx.overview.set_title)
        self.ctx.changes.recordChanged.emit()

    def _save_notes(self, text: str) -> None:
        self._save_field(_("Notes"), "notes", text, self.ctx.overview.set_notes)

    def _load_latest(self) -> None:
        self.reload(latest=True)

    def reload(self, *, latest: bool = False) -> None:
        """The texts and the window's version follow the register unless one of them holds unsaved typing
        (`latest`: after the officer chose in the conflict dialog, all of them follow)."""
        data = self.ctx.overview.overview(self.ctx.incident_id)
        edits = (self.title_edit, self.summary_edit, self.notes_edit)
        if latest or not any(edit.unsaved() for edit in edits):
            self.title_edit.set_saved_text(data.title)
            self.summary_edit.set_saved_text(data.public_summary)
            self.notes_edit.set_saved_text(data.notes)
            self.ctx.version = data.version
        self.last_change_label.setText(last_change_text(data.last_change))
        self.reference_label.setText(data.reference)
        self.status_label.setText(data.status.label())
        self.learned_label.setText(format_short_date(data.learned_date))
        kind = IncidentKind.parse(data.incident_kind)
        self.kind_label.setText(kind.label() if kind else "—")
        self._open_kinds = frozenset(p.kind for p in data.pending)
        lines = [pending_line(p.kind.label(), p.due, self.ctx.today()) for p in data.pending]
        if data.missing and not data.pending:
            lines.append(
                _("Not recorded yet: {kinds}").format(
                    kinds=("、" if current_language() == "ja" else ", ").join(k.label() for k in data.missing)
                )
            )
        self.deadlines_label.setText("\n".join(lines) or "—")
        self._show_verdict(data.assessment, data.bango_verdict)
        self.closed = data.status is IncidentStatus.CLOSED
        self.close_button.setText(_("Reopen") if self.closed else _("Close the incident…"))
        self._fill_history()

    def _show_verdict(self, assessment: Assessment | None, bango: BangoVerdict | None) -> None:
        both = shows_bango(assessment, bango)
        self.appi_box.framed(both)
        self.bango_box.framed(both)
        self.bango_box.setVisible(both)
        if assessment is None or not both:
            self.verdict_label.setText(verdict_text(assessment))
            self.reasons_label.setText(reasons_html(assessment, self._open_kinds, self.ctx.today()))
            for label in (self.filing_label, self.bango_reasons_label, self.warnings_label):
                label.setText("")
                label.hide()
            return
        # Side by side, each law's verdict reads as on the wizard's result page.
        self.verdict_label.setText(verdict.headline(assessment))
        self.bango_verdict_label.setText(bango_verdict_text(assessment, bango))
        filing = verdict.filing_words(assessment.bango)
        self.filing_label.setText(_("How to file: {how}").format(how=filing) if filing else "")
        self.filing_label.setVisible(bool(filing))
        reasons = reasons_for_today(assessment, self.ctx.today(), self._open_kinds)
        self.reasons_label.setText(_heading(_("Why this verdict")) + _reason_list(reasons))
        bango_reasons = _reason_list(
            bango_reasons_for_today(assessment.bango, self.ctx.today(), self._open_kinds)
        )
        self.bango_reasons_label.setText(
            _heading(_("Why this verdict under the My Number Act")) + bango_reasons if bango_reasons else ""
        )
        self.bango_reasons_label.setVisible(bool(bango_reasons))
        warnings = _warnings_html(assessment)
        self.warnings_label.setText(warnings)
        self.warnings_label.setVisible(bool(warnings))

    def _fill_history(self) -> None:
        records = self.ctx.overview.assessments(self.ctx.incident_id)
        self.history.setRowCount(len(records))
        with_numbers = False
        for row, record in enumerate(records):
            result = verdict_text(record.assessment) if record.assessment else _("(unreadable)")
            bango, bango_tip = history_bango(record.assessment, record.bango_verdict)
            with_numbers |= record.bango_verdict is not None and record.bango_verdict.involved
            for column, (text, tip) in enumerate(
                (
                    (local_text(record.assessed_at), None),
                    (record.actor, None),
                    (record.rules_version, None),
                    (result, None),
                    (bango, bango_tip),
                    (record.reason or "", None),
                )
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(tip if tip is not None else text)
                self.history.setItem(row, column, item)
        self.history.setColumnHidden(HISTORY_BANGO, not with_numbers)
        self.history.resizeColumnsToContents()
        if (
            with_numbers
        ):  # long texts would push the 番号法 column out of view; the full text is in the tooltip
            for column in (HISTORY_RULES, HISTORY_RESULT):
                self.history.setColumnWidth(column, min(self.history.columnWidth(column), HISTORY_MAX_WIDTH))

    def reassess(self) -> None:
        open_reassess_wizard(self, self.ctx.services, self.ctx.incident_id, seen_version=self.ctx.version)
        self.ctx.overview.refresh(self.ctx.incident_id)
        self.ctx.changes.recordChanged.emit()

    def toggle_closed(self) -> None:
        try:
            self._close_or_reopen()
        except ConcurrentEdit as conflict:
            QMessageBox.information(self, _("Someone saved this incident first"), conflict.message)
            self.reload(latest=True)

    def _close_or_reopen(self) -> None:
        seen = self.ctx.version
        if self.closed:
            self.ctx.overview.reopen(self.ctx.incident_id, seen_version=seen)
        else:
            try:
                self.ctx.overview.close(self.ctx.incident_id, seen_version=seen)
            except CloseRefused as refused:
                answer = QMessageBox.question(
                    self,
                    _("Close the incident"),
                    refused.message
                    + "\n\n"
                    + _("Close it anyway? The missing filings are noted in the audit log."),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No,
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return
                self.ctx.overview.close(self.ctx.incident_id, confirm_missing=True, seen_version=seen)
        self.ctx.reporter.saved.emit()
        self.ctx.changes.recordChanged.emit()
