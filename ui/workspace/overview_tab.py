"""概要: the facts and the current verdict with its reasons, 再判定, the assessment history, title, notes, closing."""

from __future__ import annotations

import html
import importlib
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.assessment import Assessment
from app.domain.incident import IncidentStatus
from app.domain.incident_kind import IncidentKind
from app.i18n import _, current_language
from ui.register_view import format_short_date
from ui.workspace.context import WorkspaceContext
from ui.workspace.fields import AutosaveLineEdit, AutosaveTextEdit, local_text

log = logging.getLogger(__name__)


def reassess_launcher():
    """The wizard's re-assessment entry point (issue 4), or None while it is not installed."""
    try:
        module = importlib.import_module("ui.wizard.launch")
    except ImportError:
        return None
    return getattr(module, "open_reassess_wizard", None)


def verdict_text(assessment: Assessment | None) -> str:
    if assessment is None:
        return _("Not assessed yet. Use “Re-assess” to run the guided assessment.")
    if assessment.reportable:
        items = ("・" if current_language() == "ja" else ", ").join(
            _("Item {n}").format(n=n) for n in assessment.applicable_items
        )
        return _("A reportable incident under Rule 7 ({items}).").format(items=items)
    return _("Not a reportable incident under Rule 7 (kept as a record).")


def reasons_html(assessment: Assessment | None) -> str:
    if assessment is None:
        return ""
    ja = current_language() == "ja"
    parts = []
    for reason in assessment.reasons:
        refs = "、".join(reason.refs) if ja else ", ".join(reason.refs)
        text = html.escape(reason.ja if ja else reason.en)
        parts.append(f"<li>{text}<br><small>{html.escape(refs)}</small></li>" if refs else f"<li>{text}</li>")
    warnings = [html.escape(w.ja if ja else w.en) for w in assessment.warnings]
    body = f"<ul>{''.join(parts)}</ul>" if parts else ""
    if warnings:
        body += "<p><b>" + html.escape(_("Check:")) + "</b></p><ul>"
        body += "".join(f"<li>{w}</li>" for w in warnings) + "</ul>"
    return body


class OverviewTab(QWidget):
    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        data = ctx.overview.overview(ctx.incident_id)
        self.title_edit = AutosaveLineEdit(data.title, self._save_title, ctx.reporter)
        self.title_edit.setMaxLength(500)
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

        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        self.reasons_label = QLabel()
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setTextFormat(Qt.TextFormat.RichText)
        self.reasons_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reassess_button = QPushButton(_("Re-assess…"))
        self.reassess_button.clicked.connect(self.reassess)
        if reassess_launcher() is None:
            self.reassess_button.setEnabled(False)
            self.reassess_button.setToolTip(_("The guided assessment is not available in this version."))
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.toggle_closed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reassess_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        verdict_box = QGroupBox(_("Current assessment"))
        verdict_layout = QVBoxLayout(verdict_box)
        verdict_layout.addWidget(self.verdict_label)
        verdict_layout.addWidget(self.reasons_label)
        verdict_layout.addLayout(buttons)

        self.notes_edit = AutosaveTextEdit(data.notes, self._save_notes, ctx.reporter)
        self.notes_edit.setPlaceholderText(_("Notes for this incident (saved as you type)"))
        self.notes_edit.setMinimumHeight(90)
        notes_box = QGroupBox(_("Notes"))
        QVBoxLayout(notes_box).addWidget(self.notes_edit)

        self.history = QTableWidget(0, 5)
        self.history.setHorizontalHeaderLabels(
            [_("Assessed at"), _("By"), _("Rules version"), _("Result"), _("Reason for re-assessment")]
        )
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.history.setMinimumHeight(110)
        history_box = QGroupBox(_("History of assessments"))
        QVBoxLayout(history_box).addWidget(self.history)

        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addLayout(facts)
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

    def _save_title(self, text: str) -> None:
        self.ctx.overview.set_title(self.ctx.incident_id, text)
        self.ctx.changes.recordChanged.emit()

    def _save_notes(self, text: str) -> None:
        self.ctx.overview.set_notes(self.ctx.incident_id, text)

    def reload(self) -> None:
        data = self.ctx.overview.overview(self.ctx.incident_id)
        self.title_edit.set_saved_text(data.title)
        self.reference_label.setText(data.reference)
        self.status_label.setText(data.status.label())
        self.learned_label.setText(format_short_date(data.learned_date))
        kind = IncidentKind.parse(data.incident_kind)
        self.kind_label.setText(kind.label() if kind else "—")
        lines = [
            _("{kind}: by {date}").format(kind=p.kind.label(), date=format_short_date(p.due))
            for p in data.pending
        ]
        if data.missing and not data.pending:
            lines.append(
                _("Not recorded yet: {kinds}").format(
                    kinds=("、" if current_language() == "ja" else ", ").join(k.label() for k in data.missing)
                )
            )
        self.deadlines_label.setText("\n".join(lines) or "—")
        self.verdict_label.setText(verdict_text(data.assessment))
        self.reasons_label.setText(reasons_html(data.assessment))
        self.closed = data.status is IncidentStatus.CLOSED
        self.close_button.setText(_("Reopen") if self.closed else _("Close the incident…"))
        self._fill_history()

    def _fill_history(self) -> None:
        records = self.ctx.overview.assessments(self.ctx.incident_id)
        self.history.setRowCount(len(records))
        for row, record in enumerate(records):
            result = verdict_text(record.assessment) if record.assessment else _("(unreadable)")
            for column, text in enumerate(
                (
                    local_text(record.assessed_at),
                    record.actor,
                    record.rules_version,
                    result,
                    record.reason or "",
                )
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.history.setItem(row, column, item)
        self.history.resizeColumnsToContents()

    def reassess(self) -> None:
        launch = reassess_launcher()
        if launch is None:
            return
        launch(self, self.ctx.db, self.ctx.incident_id)
        self.ctx.overview.refresh(self.ctx.incident_id)
        self.ctx.changes.recordChanged.emit()

    def toggle_closed(self) -> None:
        from app.services.workspace import CloseRefused

        if self.closed:
            self.ctx.overview.reopen(self.ctx.incident_id)
        else:
            try:
                self.ctx.overview.close(self.ctx.incident_id)
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
                self.ctx.overview.close(self.ctx.incident_id, confirm_missing=True)
        self.ctx.reporter.saved.emit()
        self.ctx.changes.recordChanged.emit()
