"""One question per page: the question on the left, its help on the right; the flow decides what comes next.

The question column has priority: where the page is too narrow for both (a 1366×768 laptop at 150 %), the help is
hidden and the wizard's ヘルプ(H) button shows it in the question's place (issue 18 point 2).

A page only renders: it loads its answer from the wizard's draft when shown, writes it back on every change, and
asks the pure flow (app.wizard) whether it is complete and which page follows.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QDateEdit,
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.domain.dates import JST
from app.i18n import _, current_language
from app.wizard.help import QUESTIONS
from app.wizard.questions import QuestionId
from ui.wizard.panels import HELP_WIDTH, HelpPanel
from ui.wizard.widgets import ChoiceGroup, ErrorLabel

if TYPE_CHECKING:
    from ui.wizard.context import WizardContext


def field_label(text: str, key: str) -> str:
    """A field caption with an Alt mnemonic: 「気付いた日時(&D)」 / "&Date and time noticed"."""
    if current_language() == "ja":
        return f"{text}(&{key})"
    index = text.lower().find(key.lower())
    return f"{text[:index]}&{text[index:]}" if index >= 0 else f"{text} (&{key})"


def date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy/MM/dd")
    edit.setMinimumDate(QDate(2000, 1, 1))
    edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    edit.setMinimumWidth(150)
    return edit


def datetime_edit(moment: dt.datetime) -> QDateTimeEdit:
    local = moment.astimezone(JST)
    edit = QDateTimeEdit(
        QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    )
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy/MM/dd HH:mm")
    edit.setMinimumDate(QDate(2000, 1, 1))
    edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    edit.setMinimumWidth(190)
    return edit


def read_date(edit: QDateEdit) -> dt.date:
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())


def read_moment(edit: QDateTimeEdit) -> dt.datetime:
    """The picker shows the office's clock (Japan time), whatever zone the PC is set to."""
    value = edit.dateTime()
    day, time = value.date(), value.time()
    return dt.datetime(day.year(), day.month(), day.day(), time.hour(), time.minute(), tzinfo=JST)


def set_date(edit: QDateEdit, day: dt.date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


def set_moment(edit: QDateTimeEdit, moment: dt.datetime) -> None:
    local = moment.astimezone(JST)
    edit.setDateTime(QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute)))


# Below this the question's two-column option lists break words mid-way (メールアド/レス).
QUESTION_MIN_WIDTH = 480


class QuestionPage(QWizardPage):
    question_id: QuestionId

    def __init__(self, wizard: WizardContext, question_id: QuestionId | None = None) -> None:
        super().__init__()
        if question_id is not None:
            self.question_id = question_id
        self.ctx = wizard
        self._loading = False
        self.errors: dict[str, ErrorLabel] = {}
        question = QUESTIONS[self.question_id]
        self.setObjectName(f"page_{self.question_id.value}")
        self.setTitle(_(question.title))

        body = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)  # before it is filled: see HelpPanel (ui/wizard/panels.py)
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(4, 0, 12, 0)
        self.prompt_label = QLabel(_(question.prompt))
        self.prompt_label.setWordWrap(True)
        font = QFont(self.prompt_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.prompt_label.setFont(font)
        self.body_layout.addWidget(self.prompt_label)
        self.body_layout.addSpacing(8)
        self.build(self.body_layout)
        self.body_layout.addStretch(1)
        self.question_column = scroll
        self.help_panel = HelpPanel(question)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.help_panel)

    # --- the help beside or instead of the question -------------------------------------------------------
    def is_narrow(self) -> bool:
        return self.width() < QUESTION_MIN_WIDTH + HELP_WIDTH

    def apply_help(self) -> None:
        """Beside the question where both fit; else hidden, or in the question's place while the officer asked
        for it (the wizard's Help button flips `help_choice`)."""
        narrow = self.is_narrow()
        choice = getattr(self.ctx, "help_choice", None)
        shown = (not narrow) if choice is None else bool(choice)
        instead = narrow and shown
        self.question_column.setVisible(not instead)
        if instead:
            self.help_panel.setMinimumWidth(0)
            self.help_panel.setMaximumWidth(16777215)
        else:
            self.help_panel.setFixedWidth(HELP_WIDTH)
        self.help_panel.setVisible(shown)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if (event.oldSize().width() < QUESTION_MIN_WIDTH + HELP_WIDTH) != self.is_narrow():
            self.apply_help()

    # --- what each page provides ------------------------------------------------------------------------
    def build(self, layout: QVBoxLayout) -> None:
        """The question's options as radio buttons; pages with other fields override build/load/value."""
        options = QUESTIONS[self.question_id].options
        self.choices = ChoiceGroup(options, columns=2 if len(options) > 6 else 1)
        self.choices.changed.connect(self.changed)
        layout.addWidget(self.choices)

    def load(self, value: Any) -> None:
        """Show `value` (None: nothing answered yet, show the defaults)."""
        self.choices.set_value(value if isinstance(value, str) else None)

    def value(self) -> Any:
        return self.choices.value()

    def update_enabled(self) -> None:
        """Enable the follow-up fields the current choices need."""

    # --- plumbing ---------------------------------------------------------------------------------------
    def error_label(self, field: str) -> ErrorLabel:
        label = ErrorLabel()
        label.setObjectName(f"error_{field}")
        self.errors[field] = label
        return label

    def changed(self, *_args: object) -> None:
        if self._loading:
            return
        self.update_enabled()
        self.ctx.record(self.question_id, self.value())
        self.refresh_errors()
        self.completeChanged.emit()

    def refresh_errors(self) -> None:
        found = self.ctx.problems(self.question_id, self.value())
        for field, label in self.errors.items():
            label.show_message(found.get(field))

    def initializePage(self) -> None:
        """Show the saved answer, or the page's defaults. A default (today's date, the suggested name) is recorded
        only when the officer passes the page (validatePage): until then the question counts as open."""
        self._loading = True
        try:
            self.load(self.ctx.answers.get(self.question_id))
            self.update_enabled()
        finally:
            self._loading = False
        if self.question_id.value in self.ctx.answers:
            self.changed()
        else:
            self.refresh_errors()
            self.completeChanged.emit()
        self.apply_help()
        QTimer.singleShot(0, self.focus_first)  # after QWizard has moved its own focus

    def focus_first(self) -> None:
        """Keyboard users start on the chosen option, else the first field: Space picks, Enter goes on."""
        if self.ctx.currentPage() is not self:
            return
        fields = [
            w
            for w in self.findChildren(QWidget)
            if isinstance(w, QAbstractButton | QLineEdit | QAbstractSpinBox)
            and w.isVisibleTo(self)
            and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        checked = [w for w in fields if isinstance(w, QRadioButton) and w.isChecked()]
        target = (checked or fields or [None])[0]
        if target is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason)

    def cleanupPage(self) -> None:
        """Going back keeps what was typed (Qt would reset the fields)."""

    def isComplete(self) -> bool:
        """What is on screen answers the question (recorded or not yet)."""
        return self.ctx.is_answered(self.question_id, self.value())

    def validatePage(self) -> bool:
        """Passing the page is the explicit answer: record what it shows, defaults included."""
        if not self.isComplete():
            return False
        self.ctx.record(self.question_id, self.value())
        return True

    def nextId(self) -> int:
        return self.ctx.page_after(self.question_id)

    def error_text(self, field: str) -> str:
        label = self.errors.get(field)
        return label.text() if label is not None and not label.isHidden() else ""
