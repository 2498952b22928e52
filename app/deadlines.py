"""Calendar-aware deadline math for the 速報 / 確報 / 委託元通知 / GDPR clocks (docs/domain.md §5, §10).

Closed days are those of 行政機関の休日に関する法律 第1条: Saturdays, Sundays, national holidays (振替休日 and
国民の休日 included) taken from the maintained `holidays` library, and 12/29–1/3. No holiday is typed in by hand.
"""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache

import holidays

from app.domain.assessment import DateWindow, Kakuho

# The `holidays` library knows Japan from 1949 to 2099; outside that a deadline would silently ignore holidays.
FIRST_SUPPORTED_YEAR = 1949
LAST_SUPPORTED_YEAR = 2099

# The Cabinet Office publishes the equinox days (暦要項) each February for the following year, so holidays of later
# years are the library's forecast. Raise this each February after checking the library against the 暦要項.
HOLIDAYS_CONFIRMED_THROUGH = 2027

# 行政機関の休日に関する法律 第1条第1項第3号: 12月29日から翌年の1月3日まで.
_YEAR_END = frozenset({(12, 29), (12, 30), (12, 31), (1, 1), (1, 2), (1, 3)})
_WEEKDAY_LABELS = {5: ("土曜日", "Saturday"), 6: ("日曜日", "Sunday")}
_YEAR_END_LABEL = ("年末年始（閉庁日）", "year-end closure (12/29–1/3)")

GDPR_ART33_HOURS = 72


@cache
def _holiday_names(year: int) -> dict[dt.date, tuple[str, str]]:
    """Japanese and English names of one year's national holidays; `language=` pins the names against LANG."""
    if not FIRST_SUPPORTED_YEAR <= year <= LAST_SUPPORTED_YEAR:
        raise ValueError(f"no Japanese holiday data for {year}")
    ja = holidays.country_holidays("JP", language="ja", years=year)
    en = holidays.country_holidays("JP", language="en_US", years=year)
    return {day: (str(name), str(en.get(day, name))) for day, name in ja.items()}


@lru_cache(maxsize=8192)
def closed_day_labels(day: dt.date) -> tuple[str, str] | None:
    """Why the day is closed, as (Japanese, English); None for an open day. A holiday's name wins over its weekday."""
    named = _holiday_names(day.year).get(day)
    if named is not None:
        return named
    if (day.month, day.day) in _YEAR_END:
        return _YEAR_END_LABEL
    return _WEEKDAY_LABELS.get(day.weekday())


def closed_day_reason(day: dt.date) -> str | None:
    """Japanese name of the reason a day is closed (祝日名, 土曜日, 日曜日, 年末年始（閉庁日）), or None."""
    labels = closed_day_labels(day)
    return labels[0] if labels else None


def is_closed_day(day: dt.date) -> bool:
    return closed_day_labels(day) is not None


def nth_day(start: dt.date, n: int) -> dt.date:
    """Day n counted with the start as day 1 (GL 3-5-3-4: 「その時点を1日目とする」), weekends and holidays counted."""
    if n < 1:
        raise ValueError("n must be 1 or more")
    return start + dt.timedelta(days=n - 1)


def roll_forward(day: dt.date) -> dt.date:
    """The first open day from `day` on: 「行政機関の休日の翌日」 read as the next day that is not closed (CONV-ROLL)."""
    while is_closed_day(day):
        day += dt.timedelta(days=1)
    return day


def skipped_days(kakuho: Kakuho) -> list[tuple[dt.date, str, str]]:
    """The closed days the deadline was moved past, each with its Japanese and English reason."""
    span = (kakuho.nth_day + dt.timedelta(days=i) for i in range((kakuho.deadline - kakuho.nth_day).days))
    return [(day, *labels) for day in span if (labels := closed_day_labels(day)) is not None]


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


def is_holiday_forecast(day: dt.date) -> bool:
    """True when the day's year has holidays that are still the library's forecast (equinoxes not yet published)."""
    return day.year > HOLIDAYS_CONFIRMED_THROUGH
