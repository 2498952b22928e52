"""The 年次レビュー's figures as plain data: what a Pマーク organisation's マネジメントレビュー looks at once a year
(JIS Q 15001 9.3; docs/domain.md §8 for the JIPDEC categories the counts use).

Computed by app/services/review.py, drawn by ui/dashboard/ and app/documents/kinds/annual_review.py, written as
CSV by app/services/review_export.py. Nothing here names a person: an incident is its 番号, dates and codes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from app.i18n import N_, _

DEFAULT_START_MONTH = 4  # 年度: April to March, unless the office's fiscal year starts elsewhere


def fiscal_year_of(day: dt.date, start_month: int = DEFAULT_START_MONTH) -> int:
    """The 年度 a day belongs to, named by the calendar year it starts in (2026年度 = 2026-04-01 … 2027-03-31)."""
    return day.year if day.month >= start_month else day.year - 1


def fiscal_year_bounds(year: int, start_month: int = DEFAULT_START_MONTH) -> tuple[dt.date, dt.date]:
    """First and last day of the 年度 `year`."""
    first = dt.date(year, start_month, 1)
    after = dt.date(year + 1, start_month, 1)
    return first, after - dt.timedelta(days=1)


def fiscal_months(year: int, start_month: int = DEFAULT_START_MONTH) -> tuple[tuple[int, int], ...]:
    """The twelve (year, month) pairs of the 年度, in order."""
    months = []
    for i in range(12):
        index = start_month - 1 + i
        months.append((year + index // 12, index % 12 + 1))
    return tuple(months)


class Timing(StrEnum):
    """How a 速報 or 確報 went against its deadline (the one the assessment computed, docs/domain.md §5)."""

    ON_TIME = "on_time"  # filed on or before the deadline
    LATE = "late"  # filed after it
    OVERDUE = "overdue"  # not filed, deadline passed
    PENDING = "pending"  # not filed, deadline still ahead

    def label(self) -> str:
        return _(_TIMING_LABELS[self])


_TIMING_LABELS = {
    Timing.ON_TIME: N_("On time"),
    Timing.LATE: N_("Filed late"),
    Timing.OVERDUE: N_("Not filed, past the deadline"),
    Timing.PENDING: N_("Not filed yet, deadline ahead"),
}


@dataclass(frozen=True, slots=True)
class FilingTiming:
    deadline: dt.date
    filed_on: dt.date | None
    days_taken: int | None  # from the 発覚日 to the filing, in calendar days (None until filed)
    days_allowed: int | None  # from the 発覚日 to the deadline
    timing: Timing


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One incident of the year, as the review needs it: no 件名, no names."""

    reference: str
    learned_date: dt.date | None
    occurred_date: dt.date | None
    status: str  # app.domain.incident.IncidentStatus value
    reportable: bool | None  # None: not assessed yet
    event: str | None  # JIPDEC codes (app.domain.jipdec)
    category: str | None
    cause: str | None
    sokuho: FilingTiming | None  # None: no 速報 was due
    kakuho: FilingTiming | None
    open_checklist: int
    undelivered_letters: int  # 本人通知 returned or bounced and not sent again

    @property
    def missing_filings(self) -> tuple[str, ...]:
        """速報/確報 not filed although their deadline has passed."""
        return tuple(
            name
            for name, timing in (("sokuho", self.sokuho), ("kakuho", self.kakuho))
            if timing is not None and timing.timing is Timing.OVERDUE
        )


@dataclass(frozen=True, slots=True)
class TimingCounts:
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    pending: int = 0

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.overdue + self.pending


@dataclass(frozen=True, slots=True)
class OpenActions:
    checklist_items: int
    undelivered_letters: int
    missing_filings: int
    incidents_with_open_actions: int


@dataclass(frozen=True, slots=True)
class AnnualReview:
    fiscal_year: int
    start_month: int
    first_day: dt.date
    last_day: dt.date
    as_of: dt.date  # "overdue" and "pending" are as of this day
    per_month: tuple[tuple[tuple[int, int], int], ...]  # ((year, month), count), the twelve months in order
    by_category: tuple[tuple[str, int], ...]  # (JIPDEC code or "" for not yet classified, count), most first
    by_cause: tuple[tuple[str, int], ...]
    reportable: int
    not_reportable: int
    not_assessed: int
    sokuho: TimingCounts
    kakuho: TimingCounts
    open_actions: OpenActions
    rows: tuple[ReviewRow, ...]

    @property
    def total(self) -> int:
        return len(self.rows)
