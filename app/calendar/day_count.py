"""Counting days from a clock start for the 速報 / 確報 / 委託元通知 / GDPR clocks (docs/domain.md §5, §10).

Day 1 is the start itself (GL 3-5-3-4); only the 確報 deadline is moved past closed days (app.calendar.closed_days).
"""

from __future__ import annotations

import datetime as dt

from app.calendar.closed_days import closed_days_between, roll_forward
from app.domain.assessment import DateWindow, Kakuho

GDPR_ART33_HOURS = 72


def nth_day(start: dt.date, n: int) -> dt.date:
    """Day n counted with the start as day 1 (GL 3-5-3-4: 「その時点を1日目とする」), weekends and holidays counted."""
    if n < 1:
        raise ValueError("n must be 1 or more")
    return start + dt.timedelta(days=n - 1)


def skipped_days(kakuho: Kakuho) -> list[tuple[dt.date, str, str]]:
    """The closed days the deadline was moved past, each with its Japanese and English reason."""
    return closed_days_between(kakuho.nth_day, kakuho.deadline)


def kakuho_deadline(start: dt.date, days: int) -> Kakuho:
    """確報: the 30th/60th day, moved to the next open day when it is closed (GL 3-5-3-4 ※2; 行政機関休日法2条)."""
    nth = nth_day(start, days)
    deadline = roll_forward(nth)
    return Kakuho(days=days, nth_day=nth, deadline=deadline, moved=deadline != nth)


def guide_window(start: dt.date, first_day: int = 3, last_day: int = 5) -> DateWindow:
    """「概ね3〜5日以内」 as day 3 to day 5 with the start as day 1, calendar days, never moved (CONV-SOKUHO)."""
    if not 1 <= first_day <= last_day:
        raise ValueError("the window must run forward from day 1")
    return DateWindow(nth_day(start, first_day), nth_day(start, last_day))


def sokuho_window(start: dt.date, first_day: int = 3, last_day: int = 5) -> DateWindow:
    """速報 guide window (GL 3-5-3-3); the guideline gives neither a day-1 rule nor a roll-forward for it."""
    return guide_window(start, first_day, last_day)


def entrustor_notice_window(start: dt.date, first_day: int = 3, last_day: int = 5) -> DateWindow:
    """委託先→委託元 notice guide window (規則9条; GL 3-5-3-5): the same convention as the 速報."""
    return guide_window(start, first_day, last_day)


def gdpr_art33_deadline(awareness: dt.datetime, hours: int = GDPR_ART33_HOURS) -> dt.datetime:
    """Art. 33: awareness + 72 clock hours, in the awareness timestamp's own offset; no weekend extension."""
    if awareness.tzinfo is None or awareness.utcoffset() is None:
        raise ValueError("the awareness timestamp needs a UTC offset")
    return awareness + dt.timedelta(hours=hours)
