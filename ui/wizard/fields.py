"""Fields that say what is wrong instead of silently correcting it: counts, dates that may stay empty, capped text.

A QSpinBox drops a character it does not accept (「−5」 became 5, full-width 「５」 nothing) and a QDateEdit can never
be empty (発生日 showed today and was wrong at once): issue 18 point 5. These fields keep what was typed; the wizard's
validation (app/wizard/validation.py) names the problem beside the field.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _

_MINUS = "-−‐‑‒–—―ー－"
_DATE = re.compile(r"^(\d{4})\s*[/\-.年]\s*(\d{1,2})\s*[/\-.月]\s*(\d{1,2})\s*日?$")


def parse_count(text: str) -> int | str | None:
    """The number typed (full-width digits, 1,200 and a trailing 人 accepted), the text itself when it is not a
    number, None when empty. A minus sign of any kind makes the number negative, so it is refused, not dropped."""
    plain = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace(" ", "")
    plain = plain.removesuffix("人").removesuffix("people").strip()
    if not plain:
        return None
    sign = -1 if plain[0] in _MINUS else 1
    digits = plain[1:] if sign < 0 else plain
    if digits.isascii() and digits.isdigit() and len(digits) <= 12:
        return sign * int(digits)
    return text.strip()


def parse_date_text(text: str) -> dt.date | str | None:
    """2027/05/30, 2027-5-30, 20270530 or 2027年5月30日 as a date; other text as itself; empty as None."""
    plain = unicodedata.normalize("NFKC", text).strip()
    if not plain:
        return None
    if plain.isdigit() and len(plain) == 8:
        plain = f"{plain[:4]}/{plain[4:6]}/{plain[6:]}"
    found = _DATE.match(plain)
    if found is None:
        return text.strip()
    try:
        return dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return text.strip()


class CountEdit(QLineEdit):
    """A head count typed as text: what cannot be a count stays visible and is refused with a message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(20)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        self.setMinimumWidth(120)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def value(self) -> int | None:
        parsed = parse_count(self.text())
        return parsed if isinstance(parsed, int) else None

    def answer(self) -> int | str | None:
        """What goes into the draft: the number, or the text that is not one (validation names it)."""
        return parse_count(self.text())

    def setValue(self, value: int | str | None) -> None:
        self.setText("" if value is None else (f"{value:,}" if isinstance(value, int) else str(value)))


class DateField(QWidget):
    """A date that stays empty until the officer enters one: type it, or open a calendar (button, F4, Alt+↓)."""

    changed = Signal()

    def __init__(self, calendar_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(_("YYYY/MM/DD"))
        self.edit.setMaxLength(20)
        self.edit.setMinimumWidth(120)
        self.edit.textChanged.connect(lambda _text: self.changed.emit())
        self.edit.installEventFilter(self)
        self.button = QToolButton()
        self.button.setText("…")
        self.button.setAccessibleName(calendar_name)
        self.button.setToolTip(calendar_name)
        self.button.clicked.connect(self.open_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self.edit)
        self._popup: QFrame | None = None

    def eventFilter(self, watched: object, event: object) -> bool:
        if watched is self.edit and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
            if event.key() == Qt.Key.Key_F4 or alt_down:
                self.open_calendar()
                return True
        return False

    def answer(self) -> str | None:
        """ISO text for a date, the typed text for anything else (validation names it), None when empty."""
        parsed = parse_date_text(self.edit.text())
        return parsed.isoformat() if isinstance(parsed, dt.date) else parsed

    def date(self) -> dt.date | None:
        parsed = parse_date_text(self.edit.text())
        return parsed if isinstance(parsed, dt.date) else None

    def set_answer(self, value: object) -> None:
        parsed = parse_date_text(value) if isinstance(value, str) else None
        if isinstance(parsed, dt.date):
            self.edit.setText(parsed.strftime("%Y/%m/%d"))
        else:
            self.edit.setText(value if isinstance(value, str) else "")

    def open_calendar(self) -> None:
        """A calendar below the field, on the date typed (else today); Enter or a click picks, Esc closes."""
        popup = QFrame(self, Qt.WindowType.Popup)
        popup.setFrameShape(QFrame.Shape.StyledPanel)
        calendar = QCalendarWidget(popup)
        calendar.setAccessibleName(self.button.accessibleName())
        day = self.date()
        if day is not None:
            calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        calendar.activated.connect(lambda picked: self._picked(picked, popup))
        calendar.clicked.connect(lambda picked: self._picked(picked, popup))
        layout = QVBoxLayout(popup)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(calendar)
        popup.move(self.mapToGlobal(self.rect().bottomLeft()))
        popup.show()
        calendar.setFocus()
        self._popup = popup

    def _picked(self, picked: QDate, popup: QFrame) -> None:
        self.edit.setText(f"{picked.year():04d}/{picked.month():02d}/{picked.day():02d}")
        popup.close()
        popup.deleteLater()
        self._popup = None
        self.edit.setFocus()


class LengthCounter(QLabel):
    """「12 / 200」 under a capped text field, so the cap is seen before it bites."""

    def __init__(self, edit: QLineEdit, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = edit
        self.limit = limit
        edit.setMaxLength(limit)
        self.setStyleSheet("color: #555;")
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        edit.textChanged.connect(self._update)
        self._update()

    def _update(self, *_args: object) -> None:
        self.setText(_("{count} / {limit} characters").format(count=len(self.edit.text()), limit=self.limit))
