"""本人通知の作成: recipient list → checks → letters (one print PDF, one PDF each, or e-mails) → sending log.

Every letter is composed and checked before anything is written (who cannot be reached this way, addresses too
long for the window, characters no font has, names with 「?」 from a damaged CSV, template gaps). A problem in one
person's own text holds back only their letter; names with 「?」 can be sent after the officer confirms them.
Generation runs in the background with a progress bar and Cancel; afterwards the officer opens the folder or the
print file and records the sending.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.documents.context import DocumentContext, DocumentKind, Recipient
from app.documents.kinds.notice_letter import compose_letter
from app.documents.mailmerge.eml import safe_filename
from app.documents.mailmerge.merge import (
    DOCUMENT_NAME,
    MergeMode,
    MergePlan,
    MergeResult,
    PersonProblem,
    combined_name,
    plan,
    write,
)
from app.documents.render.letters import render_letters
from app.domain.dates import format_date, format_date_en, now_utc, to_jst
from app.errors import BreachDeskError
from app.i18n import _, current_language, ngettext
from app.recipients.csv_import import ImportResult
from app.services.notices import CHANNEL_EMAIL, CHANNEL_LETTER, deliveries_from
from app.services.root import Services
from ui.common import messages
from ui.common.fit import initial_size
from ui.documents.jobs import BackgroundJob
from ui.documents.preview import DocumentPreviewDialog
from ui.documents.recipients_dialog import RecipientImportDialog


class LettersDialog(QDialog):
    def __init__(self, parent: QWidget | None, services: Services, incident_id: int, folder: Path) -> None:
        super().__init__(parent)
        self.services = services
        self.incident_id = incident_id
        self.service = services.documents
        self.ctx: DocumentContext = self.service.context(incident_id, DocumentKind.NOTICE_LETTER)
        self.recipients: tuple[Recipient, ...] = ()
        self.imported: ImportResult | None = None
        self.plan_value: MergePlan | None = None
        self.result_value: MergeResult | None = None
        self.allow_suspect = False  # the officer confirmed the names with 「?」 after checking the source
        self.job: BackgroundJob | None = None
        self.pool = QThreadPool.globalInstance()
        self.setWindowTitle(
            _("Notice letters — {reference} {title}").format(
                reference=self.ctx.incident.reference, title=self.ctx.incident.title
            )
        )

        self.import_button = QPushButton(_("Import the recipient list (CSV)…"))
        self.import_button.clicked.connect(self.import_recipients)
        self.list_label = QLabel(_("No recipient list yet."))
        self.list_label.setWordWrap(True)
        self.mode_buttons = QButtonGroup(self)
        mode_box = QGroupBox(_("What to produce"))
        mode_layout = QVBoxLayout(mode_box)
        for index, mode in enumerate(MergeMode):
            radio = QRadioButton(mode.label())
            radio.setChecked(mode is MergeMode.COMBINED)
            self.mode_buttons.addButton(radio, index)
            mode_layout.addWidget(radio)
        self.guide_box = QCheckBox(_("Print the envelope window as a dashed frame (test print)"))
        mode_layout.addWidget(self.guide_box)
        self.folder_edit = QLineEdit(str(folder))
        self.folder_button = QPushButton(_("Choose…"))
        self.folder_button.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_label = QLabel(_("Folder"))
        folder_label.setBuddy(self.folder_edit)
        folder_row.addWidget(folder_label)
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.folder_button)
        mode_layout.addLayout(folder_row)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setAccessibleName(_("Checks before printing"))
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.sample_button = QPushButton(_("Show a sample letter"))
        self.sample_button.clicked.connect(self.show_sample)
        self.generate_button = QPushButton(_("Produce"))
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.generate)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_job)
        self.cancel_button.setVisible(False)
        self.open_folder_button = QPushButton(_("Open folder"))
        self.open_folder_button.clicked.connect(self.open_output_folder)
        self.view_button = QPushButton(_("Show the print file"))
        self.view_button.clicked.connect(self.show_result)
        self.record_button = QPushButton(_("Record as sent…"))
        self.record_button.clicked.connect(self.record_sent)
        self.close_button = QPushButton(_("Close"))
        self.close_button.clicked.connect(self.reject)
        for button in (self.open_folder_button, self.view_button, self.record_button):
            button.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(self.import_button)
        top.addWidget(self.list_label, 1)
        buttons = QHBoxLayout()
        for button in (self.sample_button, self.generate_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.open_folder_button, self.view_button, self.record_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(mode_box)
        layout.addWidget(QLabel(_("Checks before printing")))
        layout.addWidget(self.report, 1)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self.mode_buttons.idToggled.connect(self._mode_toggled)
        self.refresh_plan()
        initial_size(self, 900, 620)

    def _mode_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self.refresh_plan()

    # --- inputs -------------------------------------------------------------------------------------------
    @property
    def mode(self) -> MergeMode:
        return list(MergeMode)[max(self.mode_buttons.checkedId(), 0)]

    def set_mode(self, mode: MergeMode) -> None:
        self.mode_buttons.button(list(MergeMode).index(mode)).setChecked(True)

    def import_recipients(self) -> None:
        dialog = RecipientImportDialog(self, Path(self.folder_edit.text()))
        if dialog.exec() and dialog.result_value is not None:
            self.set_recipients(dialog.result_value)

    def set_recipients(self, imported: ImportResult) -> None:
        self.imported = imported
        self.recipients = imported.recipients
        self.allow_suspect = False  # a new list is confirmed afresh
        self.list_label.setText(
            ngettext(
                "{count} person imported; {missing} without a postal address (counted toward the substitute measures).",
                "{count} people imported; {missing} without a postal address (counted toward the substitute measures).",
                len(imported.recipients),
            ).format(count=len(imported.recipients), missing=imported.substitute_count)
        )
        self.refresh_plan()

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, _("Folder for the letters"), self.folder_edit.text())
        if name:
            self.folder_edit.setText(name)

    # --- checks -------------------------------------------------------------------------------------------
    def refresh_plan(self) -> None:
        if not self.recipients:
            self.plan_value = None
            self.report.setPlainText(_("Import the recipient list to check the letters."))
            self.generate_button.setEnabled(False)
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.plan_value = plan(self.ctx, self.recipients, self.mode, allow_suspect=self.allow_suspect)
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.report.setPlainText("\n".join(self.plan_lines(self.plan_value)))
        self.generate_button.setEnabled(self.plan_value.ready)

    def plan_lines(self, merge: MergePlan) -> list[str]:
        lines = [
            ngettext(
                "{count} letter can be produced.", "{count} letters can be produced.", len(merge.letters)
            ).format(count=len(merge.letters))
        ]
        notified = self.already_notified(merge)
        if notified:
            lines.append(
                "⚠ "
                + ngettext(
                    "{count} of them was already sent a notice for this incident.",
                    "{count} of them were already sent a notice for this incident.",
                    notified,
                ).format(count=notified)
            )
        for problem in merge.template_problems:
            lines.append("⚠ " + problem)
        if merge.blocking:
            lines.append(
                "✖ " + _("The wording all letters share cannot be printed; nothing can be produced:")
            )
            lines += ["   " + problem for problem in merge.blocking]
        if merge.held_back:
            lines.append(
                "✖ "
                + ngettext(
                    "{count} letter is held back (the others can be produced); fix these lines in the list:",
                    "{count} letters are held back (the others can be produced); fix these lines in the list:",
                    len(merge.held_back_people),
                ).format(count=len(merge.held_back_people))
            )
            lines += ["   " + problem.text() for problem in merge.held_back]
            if merge.suspect:
                lines.append(
                    "   "
                    + _(
                        "When you click Produce, you can confirm the lines with “?” after checking the original data."
                    )
                )
        if merge.confirmed:
            lines.append("⚠ " + _("Produced after your confirmation, although they contain “?”:"))
            lines += ["   " + problem.text() for problem in merge.confirmed]
        if merge.skipped:
            if merge.mode is MergeMode.EML:
                lines.append(_("No e-mail address (send them a letter instead):"))
            else:
                lines.append(_("No postal address (publication or an enquiry desk as substitute measures):"))
            lines += [_("   line {line}: {name}").format(line=p.line, name=p.name) for p in merge.skipped]
        return lines

    def already_notified(self, merge: MergePlan) -> int:
        keys = self.services.notices.notified_keys(self.incident_id)
        return sum(
            1 for letter in merge.letters if letter.recipient is not None and letter.recipient.key in keys
        )

    # --- producing ----------------------------------------------------------------------------------------
    def output_target(self) -> Path:
        folder = Path(self.folder_edit.text()).expanduser()
        return folder / combined_name(self.ctx) if self.mode is MergeMode.COMBINED else folder

    def confirm_suspect(self, suspect: tuple[PersonProblem, ...]) -> bool:
        """Names with 「?」 are held back until the officer says the original data reads the same."""
        shown = "\n".join(problem.text() for problem in suspect[:15])
        if len(suspect) > 15:
            shown += "\n" + _("… and {count} more.").format(count=len(suspect) - 15)
        answer = QMessageBox.question(
            self,
            _("Names that may have lost characters"),
            _(
                "These letters are held back because their name or address contains “?”:\n\n{lines}\n\n"
                "Have you checked the original data, and should these letters be produced as they are? "
                "Choose No to produce the other letters only."
            ).format(lines=shown),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def generate(self) -> None:
        merge = self.plan_value
        if (
            merge is not None
            and merge.suspect
            and not self.allow_suspect
            and self.confirm_suspect(merge.suspect)
        ):
            self.allow_suspect = True
            self.refresh_plan()
            merge = self.plan_value
        if merge is None or not merge.ready:
            return
        ctx, target, guide = self.ctx, self.output_target(), self.guide_box.isChecked()
        self.job = BackgroundJob(lambda progress: write(ctx, merge, target, guide=guide, progress=progress))
        self.job.signals.progress.connect(self._progress)
        self.job.signals.finished.connect(self._finished)
        self.job.signals.failed.connect(self._failed)
        self.job.signals.cancelled.connect(self._cancelled)
        self._running(True)
        self.progress.setRange(0, len(merge.letters))
        self.progress.setValue(0)
        self.job.start(self.pool)

    def cancel_job(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)

    def _running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        for widget in (
            self.generate_button,
            self.import_button,
            self.sample_button,
            self.close_button,
            self.folder_button,
        ):
            widget.setEnabled(not running)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _finished(self, result: MergeResult) -> None:
        self._running(False)
        self.result_value = result
        self.report.appendPlainText(
            "\n"
            + ngettext(
                "{count} notice was produced ({mode}):",
                "{count} notices were produced ({mode}):",
                len(result.letters),
            ).format(count=len(result.letters), mode=result.mode.label())
        )
        self.report.appendPlainText(str(result.files[0].parent))
        held = self.plan_value.held_back_people if self.plan_value is not None else ()
        if held:
            self.report.appendPlainText(
                ngettext(
                    "{count} letter was held back; see the lines listed above.",
                    "{count} letters were held back; see the lines listed above.",
                    len(held),
                ).format(count=len(held))
            )
        self.open_folder_button.setEnabled(True)
        self.view_button.setEnabled(result.document is not None)
        self.record_button.setEnabled(True)

    def _failed(self, message: str) -> None:
        self._running(False)
        QMessageBox.warning(self, self.windowTitle(), message)

    def _cancelled(self) -> None:
        self._running(False)
        self.report.appendPlainText("\n" + _("Cancelled. Nothing was recorded as sent."))

    # --- afterwards ---------------------------------------------------------------------------------------
    def show_sample(self) -> None:
        merge = self.plan_value
        letters = list(merge.laid_out[:1]) if merge is not None and merge.laid_out else []
        if not letters:
            letters = [compose_letter(self.ctx, None)]  # type: ignore[list-item]
        pdf = render_letters(self.ctx, letters, guide=self.guide_box.isChecked())
        problems = list(merge.template_problems) if merge is not None else []
        DocumentPreviewDialog(
            self,
            pdf,
            title=_("Sample letter"),
            suggested_name=f"{safe_filename(self.ctx.incident.reference)}_{DOCUMENT_NAME}_見本.pdf",
            folder=Path(self.folder_edit.text()),
            problems=problems,
        ).exec()

    def show_result(self) -> None:
        result = self.result_value
        if result is None or result.document is None:
            return
        dialog = DocumentPreviewDialog(
            self,
            result.document,
            title=_("Notice letters"),
            suggested_name=result.files[0].name,
            folder=result.files[0].parent,
        )
        dialog.saved_path = result.files[0]
        dialog.folder_button.setEnabled(True)
        dialog.exec()

    def open_output_folder(self) -> None:
        if self.result_value is not None:
            messages.open_folder(self.result_value.files[0].parent)

    def record_sent(self) -> int | None:
        """Recording a mailing cannot be undone by editing (a wrong one is withdrawn by a new entry), so the
        officer is asked first, with the count and the day, and No is the default: a stray Enter or Space records
        nothing. A second run the same day is refused by the service and shown as its message (issue 18)."""
        result = self.result_value
        if result is None:
            return None
        sent_at = now_utc()
        day = to_jst(sent_at).date()
        shown_day = format_date(day, weekday=True) if current_language() == "ja" else format_date_en(day)
        answer = QMessageBox.question(
            self,
            _("Record as sent"),
            ngettext(
                "Record that {count} notice was sent on {date}? The register keeps who was sent what, and when.",
                "Record that {count} notices were sent on {date}? The register keeps who was sent what, and when.",
                len(result.letters),
            ).format(count=len(result.letters), date=shown_day),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        channel = CHANNEL_EMAIL if result.mode is MergeMode.EML else CHANNEL_LETTER
        try:
            filing_id = self.services.notices.record_sent(
                self.incident_id,
                deliveries_from(result),
                channel=channel,
                sent_at=sent_at,
                document=result.document,
                filename=result.files[0].name if result.document is not None else None,
            )
        except BreachDeskError as refused:
            QMessageBox.warning(self, _("Record as sent"), refused.user_text())
            return None
        self.record_button.setEnabled(False)
        self.report.appendPlainText("\n" + _("The notices were recorded as sent in the register."))
        return filing_id

    def reject(self) -> None:
        if self.job is not None and self.cancel_button.isVisible():
            return  # wait for the job: Cancel first
        super().reject()
