"""Dates as the officer's documents print them: 西暦, 和暦 at every era boundary, weekdays, JST."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from app import jpdates
from app.domain.office import DateStyle
from app.jpdates import (
    format_date,
    format_date_en,
    format_datetime_jst,
    format_datetime_jst_en,
    format_month_day,
)

ERA = DateStyle.JAPANESE_ERA
WESTERN = DateStyle.WESTERN


def test_western_date_is_babel_long_japanese() -> None:
    assert format_date(dt.date(2027, 7, 1), WESTERN) == "2027年7月1日"
    assert format_date(dt.date(2026, 12, 31)) == "2026年12月31日"


def test_era_date_of_the_issue_example() -> None:
    assert format_date(dt.date(2027, 7, 1), ERA) == "令和9年7月1日"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(1868, 1, 25), "明治元年1月25日"),
        (dt.date(1869, 1, 1), "明治2年1月1日"),
        (dt.date(1912, 7, 29), "明治45年7月29日"),
        (dt.date(1912, 7, 30), "大正元年7月30日"),
        (dt.date(1926, 12, 24), "大正15年12月24日"),
        (dt.date(1926, 12, 25), "昭和元年12月25日"),
        (dt.date(1927, 1, 1), "昭和2年1月1日"),
        (dt.date(1989, 1, 7), "昭和64年1月7日"),
        (dt.date(1989, 1, 8), "平成元年1月8日"),
        (dt.date(1990, 1, 1), "平成2年1月1日"),
        (dt.date(2019, 4, 30), "平成31年4月30日"),
        (dt.date(2019, 5, 1), "令和元年5月1日"),
        (dt.date(2019, 12, 31), "令和元年12月31日"),
        (dt.date(2020, 1, 1), "令和2年1月1日"),
        (dt.date(2026, 4, 1), "令和8年4月1日"),
    ],
)
def test_era_boundaries(day: dt.date, expected: str) -> None:
    assert format_date(day, ERA) == expected


def test_before_meiji_is_written_in_western_years_not_guessed() -> None:
    assert format_date(dt.date(1868, 1, 24), ERA) == "1868年1月24日"


def test_weekday_in_full_width_brackets() -> None:
    assert format_date(dt.date(2027, 7, 1), ERA, weekday=True) == "令和9年7月1日（木）"
    assert format_date(dt.date(2027, 7, 4), WESTERN, weekday=True) == "2027年7月4日（日）"
    assert format_date(dt.date(2019, 5, 1), ERA, weekday=True) == "令和元年5月1日（水）"


def test_month_day() -> None:
    assert format_month_day(dt.date(2027, 7, 1)) == "7月1日"
    assert format_month_day(dt.date(2027, 12, 25)) == "12月25日"


def test_datetime_is_shown_on_the_japanese_clock() -> None:
    utc = dt.datetime(2027, 7, 1, 5, 5, tzinfo=dt.UTC)
    assert format_datetime_jst(utc) == "2027年7月1日 14:05"
    assert format_datetime_jst(utc, ERA, weekday=True) == "令和9年7月1日（木） 14:05"


def test_datetime_crossing_midnight_takes_the_japanese_date() -> None:
    new_york = dt.datetime(2019, 4, 30, 11, 30, tzinfo=ZoneInfo("America/New_York"))
    assert format_datetime_jst(new_york, ERA) == "令和元年5月1日 00:30"


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        format_datetime_jst(dt.datetime(2027, 7, 1, 14, 5))


def test_english_dates() -> None:
    assert format_date_en(dt.date(2027, 7, 1)) == "July 1, 2027"
    assert format_date_en(dt.date(2027, 7, 1), weekday=True) == "Thu, July 1, 2027"
    utc = dt.datetime(2027, 7, 1, 5, 5, tzinfo=dt.UTC)
    assert format_datetime_jst_en(utc) == "July 1, 2027, 14:05 JST"


def test_datetime_argument_to_format_date_uses_its_date() -> None:
    assert format_date(dt.datetime(2027, 7, 1, 23, 59), ERA) == "令和9年7月1日"


def test_japan_clock_without_a_time_zone_database(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows without tzdata: the fixed +09:00 gives the same answer (no daylight saving since 1951)."""

    def missing(_key: str) -> ZoneInfo:
        raise jpdates.ZoneInfoNotFoundError(_key)

    monkeypatch.setattr(jpdates, "ZoneInfo", missing)
    zone = jpdates._japan_zone()
    moment = dt.datetime(2027, 1, 15, 20, 0, tzinfo=dt.UTC)
    assert moment.astimezone(zone).strftime("%Y-%m-%d %H:%M") == "2027-01-16 05:00"
    assert zone.utcoffset(None) == dt.timedelta(hours=9)
