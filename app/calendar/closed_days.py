"""Which days the authorities are closed, and why, so a deadline can move to the next open day (docs/domain.md §5).

Closed days are those of 行政機関の休日に関する法律 第1条: Saturdays, Sundays, national holidays (振替休日 and
国民の休日 included) taken from the maintained `holidays` library, and 12/29–1/3. No holiday is typed in by hand.
"""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache

import holidays

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


def closed_days_between(first: dt.date, end: dt.date) -> list[tuple[dt.date, str, str]]:
    """The closed days from `first` up to but not including `end`, each with its Japanese and English reason.

    The one walk over closed days: the rules' "moved past" sentence and the .ics description both read it.
    """
    span = (first + dt.timedelta(days=i) for i in range((end - first).days))
    return [(day, *labels) for day in span if (labels := closed_day_labels(day)) is not None]


def is_holiday_forecast(day: dt.date) -> bool:
    """True when the day's year has holidays that are still the library's forecast (equinoxes not yet published)."""
    return day.year > HOLIDAYS_CONFIRMED_THROUGH


def roll_forward(day: dt.date) -> dt.date:
    """The first open day from `day` on: 「行政機関の休日の翌日」 read as the next day that is not closed (CONV-ROLL)."""
    while is_closed_day(day):
        day += dt.timedelta(days=1)
    return day
