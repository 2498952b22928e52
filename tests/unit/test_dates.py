"""Dates as the officer's documents print them: 西暦, 和暦 at every era boundary, weekdays, JST, today in Japan."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date as babel_format_date

from app.domain import dates
from app.domain.dates import (
    JST,
    format_date,
    format_date_en,
    format_datetime_jst,
    format_datetime_jst_en,
    format_month_day,
    today_jst,
)
from app.domain.office import DateStyle

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


def test_japan_clock_is_the_same_as_the_time_zone_database() -> None:
    """The fixed +09:00 needs no tzdata (Windows) and matches Asia/Tokyo for every date since 1951."""
    tokyo = ZoneInfo("Asia/Tokyo")
    for moment in (
        dt.datetime(1952, 1, 1, tzinfo=dt.UTC),
        dt.datetime(2027, 1, 15, 20, 0, tzinfo=dt.UTC),
        dt.datetime(2027, 7, 1, 15, 0, tzinfo=dt.UTC),
        dt.datetime(2099, 12, 31, 23, 59, tzinfo=dt.UTC),
    ):
        assert moment.astimezone(JST).replace(tzinfo=None) == moment.astimezone(tokyo).replace(tzinfo=None)
    assert dt.datetime(2027, 1, 15, 20, 0, tzinfo=dt.UTC).astimezone(JST).strftime("%Y-%m-%d %H:%M") == (
        "2027-01-16 05:00"
    )


def test_today_is_japans_not_the_pcs(monkeypatch: pytest.MonkeyPatch) -> None:
    """At 20:00 in New York on 15 January it is already the 16th in Japan: the office's deadlines count from that."""
    late_evening_new_york = dt.datetime(2027, 1, 15, 20, 0, tzinfo=ZoneInfo("America/New_York"))
    monkeypatch.setattr(dates, "now_jst", lambda: late_evening_new_york.astimezone(JST))
    assert today_jst() == dt.date(2027, 1, 16)


@pytest.mark.parametrize("day", [dt.date(1900, 1, 1) + dt.timedelta(days=n * 997) for n in range(80)])
def test_formats_are_babels_long_patterns(day: dt.date) -> None:
    """The domain writes the CLDR patterns itself (no babel in the domain); babel must agree."""
    assert format_date(day) == babel_format_date(day, "long", locale="ja_JP")
    assert format_date_en(day) == babel_format_date(day, "long", locale="en")
    assert format_date_en(day, weekday=True) == babel_format_date(day, "EEE, MMMM d, y", locale="en")
