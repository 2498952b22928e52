"""The office's own calendar: the authorities' closed days plus the office's closure days, for counting the
officer's working days and suggesting a submission day (docs/domain.md §5.7, CONV-WORKDAYS).

Never used for a legal deadline: the 確報 still rolls only past 行政機関の休日 (app.calendar.closed_days, §5.3).

Working days left (CONV-WORKDAYS): the office working days AFTER today up to and including the due day. Today is
not counted, exactly as 「あと4日」 does not count it: on 2027-04-28 (Wed) a window ending 5/2 (Sun) has
「あと4日（営業日 1日）」, 4/30 (Fri) being the only working day among 4/29–5/2.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from app.calendar.closed_days import closed_day_labels

# A closed run shorter than this (one holiday in a week) is no reason to warn.
CLOSED_RUN_MIN_DAYS = 2
# How far a closed run is followed past the due day to name it in full (5/1〜5/5 for a window ending 5/2).
_RUN_LOOKAHEAD_DAYS = 31
_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class ClosureDay:
    """One day the office itself is closed (夏季休業, 創立記念日), with the name the officer gave it."""

    day: dt.date
    name: str


@dataclass(frozen=True, slots=True)
class ClosedRun:
    """Consecutive closed days (both ends inclusive) and the last working day before they begin, if any: the day to
    submit by, so the work is not left for the day the office reopens (or, when the due day falls inside the run,
    left undone)."""

    first: dt.date
    last: dt.date
    submit_by: dt.date | None


@dataclass(frozen=True, slots=True)
class OfficeCalendar:
    """The authorities' closed days plus `closures`; hashable, so counts over it can be cached."""

    closures: tuple[ClosureDay, ...] = ()
    _names: dict[dt.date, str] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_names", {c.day: c.name for c in self.closures})

    @classmethod
    def of(cls, closures: list[ClosureDay] | tuple[ClosureDay, ...]) -> OfficeCalendar:
        """One entry per day, in date order (the last name given to a day wins)."""
        by_day = {c.day: c for c in closures}
        return cls(tuple(by_day[day] for day in sorted(by_day)))

    def closure_name(self, day: dt.date) -> str | None:
        return self._names.get(day)

    def closed_labels(self, day: dt.date) -> tuple[str, str] | None:
        """(Japanese, English) reason the office is closed: the authorities' reason first, else the closure's name."""
        labels = closed_day_labels(day)
        if labels is not None:
            return labels
        name = self._names.get(day)
        return (name, name) if name is not None else None

    def is_closed(self, day: dt.date) -> bool:
        return day in self._names or closed_day_labels(day) is not None

    def is_working_day(self, day: dt.date) -> bool:
        return not self.is_closed(day)

    def working_days_left(self, today: dt.date, due: dt.date) -> int:
        """Working days in (today, due] (CONV-WORKDAYS); 0 when the due day is today or past."""
        return _working_days_left(self, today, due)

    def last_working_day(self, today: dt.date, due: dt.date) -> dt.date | None:
        """The latest working day from today to the due day, both included: the day to submit by; None if none."""
        day = due
        while day >= today:
            if not self.is_closed(day):
                return day
            day -= _ONE_DAY
        return None

    def closed_run(self, today: dt.date, due: dt.date) -> ClosedRun | None:
        """The last run of ≥ 2 consecutive closed days that meets the days after today up to the due day.

        A plain weekend (Saturday and Sunday alone) is no run: every week has one, and a warning in every row
        would soon go unread. Golden Week, 年末年始, a weekend with a holiday or a closure, or two closure days are.
        The run is named in full, also past the due day (Golden Week 5/1〜5/5 for a window ending 5/2), but
        not before tomorrow: what is already behind the officer does not matter.
        """
        if due <= today:
            return None
        day = due
        while day > today:
            if self.is_closed(day):
                last = day
                limit = due + dt.timedelta(days=_RUN_LOOKAHEAD_DAYS)
                while last < limit and self.is_closed(last + _ONE_DAY):
                    last += _ONE_DAY
                first = day
                while first - _ONE_DAY > today and self.is_closed(first - _ONE_DAY):
                    first -= _ONE_DAY
                if (last - first).days + 1 >= CLOSED_RUN_MIN_DAYS and not _plain_weekend(first, last):
                    return ClosedRun(first, last, self.last_working_day(today, first - _ONE_DAY))
                day = first
            day -= _ONE_DAY
        return None


def _plain_weekend(first: dt.date, last: dt.date) -> bool:
    return (last - first).days == 1 and first.weekday() == 5


AUTHORITIES = OfficeCalendar()  # no office closure: the authorities' closed days only


@lru_cache(maxsize=65536)
def _working_days_left(calendar: OfficeCalendar, today: dt.date, due: dt.date) -> int:
    count = 0
    day = today + _ONE_DAY
    while day <= due:
        if not calendar.is_closed(day):
            count += 1
        day += _ONE_DAY
    return count
