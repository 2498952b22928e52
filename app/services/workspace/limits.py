"""How long and how large what the officer types into the workspace may be, and which values are refused.

The caps are what a careful officer would accept (issue 18 point 5) and what the printed report can carry:
- 事実経過 entry: 4,000 characters. One event per entry; a longer text (an e-mail thread) belongs in a note or an
  attached document, and the report's 事実経過 box (docs/domain.md, 報告様式) prints entries whole.
- 概要 for outside readers: 4,000 characters (it is printed in letters and the public announcement).
- メモ (the incident's internal notes): 50,000 characters, about 25 pages (a pasted e-mail thread fits).
- A checklist step's メモ and a filing's メモ: 1,000 characters; 実施者 and 受付番号: 100.
Counts (本人の数 etc.) are whole numbers from 0 to 100,000,000, as in the wizard (app/wizard/validation.py).
Dates a deadline is computed from (発生日, 発覚日, an earlier report's date) cannot lie in the future.
"""

from __future__ import annotations

import datetime as dt

from app.domain.dates import today_jst
from app.errors import InputError
from app.i18n import _, ngettext

MAX_TIMELINE_TEXT = 4_000
MAX_SUMMARY = 4_000
MAX_NOTES = 50_000
MAX_SHORT_NOTE = 1_000
MAX_NAME = 100
MAX_COUNT = 100_000_000
# Report-form dates that describe the past; the report's own date may be planned ahead.
PAST_ONLY_DATES = frozenset({"overview.occurred_date", "overview.learned_date", "envelope.prior_report_date"})


def check_length(text: str, limit: int, field: str) -> str:
    """The text as it will be saved (stripped), or InputError naming its length and the cap."""
    cleaned = text.strip()
    if len(cleaned) > limit:
        raise InputError(
            ngettext(
                "The text is too long ({length} character; at most {limit}).",
                "The text is too long ({length} characters; at most {limit}).",
                len(cleaned),
            ).format(length=f"{len(cleaned):,}", limit=f"{limit:,}"),
            field=field,
        )
    return cleaned


def check_count(value: int | None, field: str) -> None:
    if value is None:
        return
    if value < 0:
        raise InputError(_("A count cannot be negative: enter 0 or more."), field=field)
    if value > MAX_COUNT:
        raise InputError(_("This count is larger than any register can hold; check the number."), field=field)


def check_not_future(day: dt.date | None, field: str, today: dt.date | None = None) -> None:
    if day is not None and day > (today or today_jst()):
        raise InputError(
            _("This date is in the future. Enter the day it happened (today or earlier)."), field=field
        )
