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
from PySide6.QtWidgets import QDateTimeEdit, QLabel, QLineEdit, QPlainTextEdit, QWidget

from app.domain.dates import JST
from app.errors import BreachDeskError
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
        self.editingFinished.connect(self._finished)

    def _finished(self) -> None:
        # Slots return None: a slot returning a bool has crashed PySide6 at interpreter exit (refcount of True).
        self.commit()

    def commit(self) -> bool:
        if self.text() == self._saved_text:
            return True
        ok = _run_save(self._save, self.text(), self._reporter)
        if ok:
            self._saved_text = self.text()
        self.setStyleSheet("" if ok else ERROR_STYLE)
        return ok

    def set_saved_text(self, text: str) -> None:
        """Show a value that came from the register (no save)."""
        self._saved_text = text
        self.setText(text)


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
        self.setTabChangesFocus(True)
        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._timer.timeout.connect(self._paused)
        self.textChanged.connect(self._timer.start)

    def _paused(self) -> None:
        self.commit()

    def commit(self) -> bool:
        self._timer.stop()
        text = self.toPlainText()
        if text == self._saved_text:
            return True
        ok = _run_save(self._save, text, self._reporter)
        if ok:
            self._saved_text = text
        self.setStyleSheet("" if ok else ERROR_STYLE)
        return ok

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)

    def pending(self) -> bool:
        return self._timer.isActive()


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
    ) -> None:
        super().__init__(format_date(value), parent)
        self._save, self._reporter, self._saved = save, reporter, value
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
        if self._reporter is not None:
            self._reporter.failed.emit(_("This is not a real date. Write it as YYYY-MM-DD, e.g. 2027-07-01."))

    def commit(self) -> bool:
        if self.text().strip() and self.value() is None:
            self.setStyleSheet(ERROR_STYLE)
            self._refused()
            return False
        value = self.value()
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
