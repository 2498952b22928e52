"""The office's calendar: Japan time, today in Japan, and dates as Japanese documents write them (西暦 and 和暦).

The one place that builds the Japan time zone and says what "today" is. The office files in Japan time whatever
zone the PC is set to, so nothing else calls `dt.date.today()` or `datetime.now()` without a zone.

JST is the fixed +09:00 offset, not zoneinfo's Asia/Tokyo: Japan has kept +09:00 without daylight saving since
1951, so the two give the same clock for every date an incident can have, and the fixed offset needs no time
zone database (Windows has none without tzdata) and costs nothing before the window's first paint.

The formats are the CLDR patterns babel gives for ja_JP "long" (y年M月d日) and en "long" / "EEE, MMMM d, y";
babel itself stays out of the domain and tests/unit/test_dates.py checks the two agree. Era start dates are the
first day of each era in the Gregorian calendar.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from app.domain.office import DateStyle

JST: Final = dt.timezone(dt.timedelta(hours=9), "JST")

# Newest first: the first era whose start is on or before a date is that date's era.
ERAS: Final[tuple[tuple[dt.date, str], ...]] = (
    (dt.date(2019, 5, 1), "令和"),
    (dt.date(1989, 1, 8), "平成"),
    (dt.date(1926, 12, 25), "昭和"),
    (dt.date(1912, 7, 30), "大正"),
    (dt.date(1868, 1, 25), "明治"),
)

WEEKDAYS_JA: Final = "月火水木金土日"
WEEKDAYS_EN: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS_EN: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def now_jst() -> dt.datetime:
    return dt.datetime.now(JST)


def today_jst() -> dt.date:
    """Today on the office's calendar, even on a laptop whose clock is set to another zone."""
    return now_jst().date()


def to_jst(moment: dt.datetime) -> dt.datetime:
    """The same instant on the office's clock; a naive datetime is refused, its zone would be a guess."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a timezone-aware datetime is required (naive datetimes have no defined instant)")
    return moment.astimezone(JST)


def era_year(d: dt.date) -> tuple[str, int] | None:
    """(era name, year of the era) for `d`, or None before 明治 (no era is written for such dates here)."""
    for start, name in ERAS:
        if d >= start:
            return name, d.year - start.year + 1
    return None


def format_date(d: dt.date, style: DateStyle = DateStyle.WESTERN, *, weekday: bool = False) -> str:
    """2027年7月1日 (西暦) or 令和9年7月1日 (和暦, 元年 for an era's first year); weekday adds （木）.

    A date before 明治 has no era in this table and is written in 西暦 rather than guessed.
    """
    if isinstance(d, dt.datetime):
        d = d.date()
    era = era_year(d) if style is DateStyle.JAPANESE_ERA else None
    if era is None:
        text = f"{d.year}年{d.month}月{d.day}日"
    else:
        name, year = era
        text = f"{name}{'元' if year == 1 else year}年{d.month}月{d.day}日"
    if weekday:
        text += f"（{WEEKDAYS_JA[d.weekday()]}）"
    return text


def format_month_day(d: dt.date) -> str:
    """7月1日: for deadlines within the year shown next to a full date."""
    return f"{d.month}月{d.day}日"


def format_datetime_jst(
    moment: dt.datetime, style: DateStyle = DateStyle.WESTERN, *, weekday: bool = False
) -> str:
    """2027年7月1日 14:05 in Japan time, whatever zone `moment` carries."""
    local = to_jst(moment)
    return f"{format_date(local.date(), style, weekday=weekday)} {local:%H:%M}"


def format_date_en(d: dt.date, *, weekday: bool = False) -> str:
    """July 1, 2027, or Thu, July 1, 2027: the English UI shows Gregorian dates only."""
    if isinstance(d, dt.datetime):
        d = d.date()
    text = f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"
    return f"{WEEKDAYS_EN[d.weekday()]}, {text}" if weekday else text


def format_datetime_jst_en(moment: dt.datetime, *, weekday: bool = False) -> str:
    """July 1, 2027, 14:05 JST."""
    local = to_jst(moment)
    return f"{format_date_en(local.date(), weekday=weekday)}, {local:%H:%M} JST"
