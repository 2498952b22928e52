"""Autosaving form fields: each edit is saved on its own as it is made, so there is never a "did you save?".

Single-line fields save when editing finishes (Enter, Tab, focus out); multi-line fields save after a short pause in
typing and on focus out, so a crash loses at most the text typed in the last moment. A refused value (bad date,
too long) stays on screen in red with the reason, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QObject, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QValidator
from PySide6.QtWidgets import QDateTimeEdit, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from app.domain.dates import JST, today_jst
from app.errors import BreachDeskError, InputError
from app.i18n import _, current_language

TYPING_PAUSE_MS = 700
ERROR_STYLE = "color: darkred"


class SaveReporter(QObject):
    """One per workspace: fields report here, the workspace shows 「保存しました」 or the error."""

    saved = Signal()
    failed = Signal(str)


def _run_save(save: Callable[[Any], None], value: Any, reporter: SaveReporter | None) -> bool:
    try:
        save(value)
    except BreachDeskError as error:
        if reporter is not None:
            reporter.failed.emit(error.user_text())
        return False
    if reporter is not None:
        reporter.saved.emit()
    return True


class AutosaveLineEdit(QLineEdit):
    def __init__(
        self,
        text: str,
        save: Callable[[str], None],
        reporter: SaveReporter | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(text, parent)
        self._save, self._reporter, self._saved_text = save, reporter, text
        self._saving = False
        self.editingFinished.connect(self._finished)

    def _finished(self) -> None:
        # Slots return None: a slot returning a bool has crashed PySide6 at interpreter exit (refcount of True).
        self.commit()

    def commit(self) -> bool:
        if self.text() == self._saved_text or self._saving:
            return True  # _saving: the conflict dialog took the focus mid-save
        self._saving = True
        try:
            ok = _run_save(self._save, self.text(), self._reporter)
        finally:
            self._saving = False
        if ok:
            self._saved_text = self.text()
        self.setStyleSheet("" if ok else ERROR_STYLE)
        return ok

    def set_saved_text(self, text: str) -> None:
        """Show a value that came from the register (no save)."""
        self._saved_text = text
        self.setText(text)
        self.setStyleSheet("")

    def unsaved(self) -> bool:
        return self.text() != self._saved_text

    def saved_text(self) -> str:
        """The text as last saved or loaded: what a save compares against (docs/adr/0013-optimistic-concurrency.md)."""
        return self._saved_text


class AutosaveTextEdit(QPlainTextEdit):
    def __init__(
        self,
        text: str,
        save: Callable[[str], None],
        reporter: SaveReporter | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(text, parent)
        self._save, self._reporter, self._saved_text = save, reporter, text
        self._saving = False
        self.setTabChangesFocus(True)
        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._timer.timeout.connect(self._paused)
        self.textChanged.connect(self._timer.start)

    def _paused(self) -> None:
        self.commit()

    def commit(self) -> bool:
        self._timer.stop()
        text = self.toPlainText()
        if text == self._saved_text or self._saving:
            return True  # _saving: the conflict dialog took the focus mid-save
        self._saving = True
        try:
            ok = _run_save(self._save, text, self._reporter)
        finally:
            self._saving = False
        if ok and self.toPlainText() == text:  # else the save showed what is saved instead (a conflict)
            self._saved_text = text
        self.setStyleSheet("" if ok else ERROR_STYLE)
        return ok

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)

    def pending(self) -> bool:
        return self._timer.isActive()

    def unsaved(self) -> bool:
        return self.toPlainText() != self._saved_text

    def set_saved_text(self, text: str) -> None:
        """Show a value that came from the register (no save)."""
        self._saved_text = text
        if self.toPlainText() != text:
            self.setPlainText(text)
        self._timer.stop()
        self.setStyleSheet("")


class DateValidator(QValidator):
    """YYYY-MM-DD (or YYYY/MM/DD); 2027-02-30 is refused as it is typed, half-typed dates are allowed."""

    def validate(self, text: str, pos: int) -> object:
        value = text.strip().replace("/", "-")
        if not value:
            return QValidator.State.Acceptable, text, pos
        if any(ch not in "0123456789-" for ch in value) or len(value) > 10:
            return QValidator.State.Invalid, text, pos
        if parse_date(value) is not None:
            return QValidator.State.Acceptable, text, pos
        parts = value.split("-")
        if (
            len(value) == 10
            or len(parts) > 3
            or any(len(p) > (4 if i == 0 else 2) for i, p in enumerate(parts))
        ):
            return QValidator.State.Invalid, text, pos
        return QValidator.State.Intermediate, text, pos


def parse_date(text: str) -> dt.date | None:
    value = text.strip().replace("/", "-")
    parts = value.split("-")
    if len(parts) != 3 or len(parts[0]) != 4 or not all(p.isdigit() for p in parts):
        return None
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def format_date(day: dt.date | None) -> str:
    return "" if day is None else day.isoformat()


class DateField(QLineEdit):
    """An optional date typed as 2027-07-01; empty means unknown. Saves when editing finishes."""

    def __init__(
        self,
        value: dt.date | None,
        save: Callable[[dt.date | None], None],
        reporter: SaveReporter | None = None,
        parent: QWidget | None = None,
        *,
        past_only: bool = False,
    ) -> None:
        super().__init__(format_date(value), parent)
        self._save, self._reporter, self._saved = save, reporter, value
        # 発生日/発覚日 cannot lie ahead: a future date is refused before any deadline is computed from it.
        self.past_only = past_only
        self.message = field_message()
        self.setValidator(DateValidator(self))
        self.setPlaceholderText(_("YYYY-MM-DD"))
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000-00-00__") + 24)
        self.editingFinished.connect(self._finished)
        self.inputRejected.connect(self._refused)

    def value(self) -> dt.date | None:
        return parse_date(self.text())

    def _finished(self) -> None:
        self.commit()

    def _refused(self) -> None:
        text = _("This is not a real date. Write it as YYYY-MM-DD, e.g. 2027-07-01.")
        self.message.setText(text)
        self.message.show()
        if self._reporter is not None:
            self._reporter.failed.emit(text)

    def commit(self) -> bool:
        if self.text().strip() and self.value() is None:
            self.setStyleSheet(ERROR_STYLE)
            self._refused()
            return False
        value = self.value()
        if self.past_only and value is not None and value != self._saved and value > today_jst():
            text = _("This date is in the future. Enter the day it happened (today or earlier).")
            self.setStyleSheet(ERROR_STYLE)
            self.message.setText(text)
            self.message.show()
            if self._reporter is not None:
                self._reporter.failed.emit(text)
            return False
        self.message.hide()
        if value == self._saved:
            self.setStyleSheet("")
            return True
        ok = _run_save(self._save, value, self._reporter)
        if ok:
            self._saved = value
        self.setStyleSheet("" if ok else ERROR_STYLE)
        return ok

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.text().strip() and self.value() is None:
            self.commit()  # editingFinished is not emitted for an incomplete date: say why it was not saved


def to_qdatetime(moment: dt.datetime) -> QDateTime:
    local = moment.astimezone(JST)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def from_qdatetime(value: QDateTime) -> dt.datetime:
    """What the officer typed is Japan time, whatever the PC's own zone."""
    d, t = value.date(), value.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=JST)


def datetime_edit(moment: dt.datetime | None = None) -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy/MM/dd HH:mm")
    edit.setDateTime(to_qdatetime(moment or dt.datetime.now(JST)))
    return edit


def local_text(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(JST)
    return (
        local.strftime("%Y/%m/%d %H:%M") if current_language() == "ja" else local.strftime("%Y-%m-%d %H:%M")
    )


def hint_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555555")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class LengthCounter(QLabel):
    """「1,234 / 4,000字」 under a long text field: the officer sees the cap (app/services/workspace/limits.py)
    before the save refuses the text, and the counter turns red past it."""

    def __init__(self, edit: QPlainTextEdit, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit, self.limit = edit, limit
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        edit.textChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        count = len(self.edit.toPlainText().strip())
        self.setText(_("{count} / {limit} characters").format(count=f"{count:,}", limit=f"{self.limit:,}"))
        over = count > self.limit
        self.setStyleSheet(ERROR_STYLE if over else "color: #555555")
        self.setAccessibleName(self.text())


def field_message() -> QLabel:
    """The message shown right beside a field when what was typed is refused (not only in the status bar)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


class CountField(QWidget):
    """A count (人数, 件数): digits only; a minus sign or a letter is refused with a message beside the field,
    never silently dropped (「−5」 used to become 5)."""

    def __init__(
        self,
        value: int | None,
        save: Callable[[int | None], None],
        reporter: SaveReporter | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.edit = AutosaveLineEdit("" if value is None else str(value), self._save_text, reporter)
        self.edit.setMaximumWidth(160)
        self.edit.textEdited.connect(self._typed)
        self._save = save
        self.message = field_message()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.message, 1)
        self.setFocusProxy(self.edit)

    def _typed(self, text: str) -> None:
        self.check(text)

    def check(self, text: str) -> bool:
        cleaned = text.replace(",", "").strip()
        if not cleaned or (cleaned.isascii() and cleaned.isdigit()):
            self.message.hide()
            self.edit.setStyleSheet("")
            return True
        if cleaned.lstrip("-−－").isdigit():
            self.message.setText(_("A count cannot be negative: enter 0 or more."))
        else:
            self.message.setText(_("Enter a number in digits, e.g. 120."))
        self.message.show()
        self.edit.setStyleSheet(ERROR_STYLE)
        return False

    def _save_text(self, text: str) -> None:
        if not self.check(text):
            raise InputError(self.message.text(), field="count")
        cleaned = text.replace(",", "").strip()
        self._save(int(cleaned) if cleaned else None)
