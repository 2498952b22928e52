"""Deadline math (docs/domain.md §5): the worked examples of §5.6, closed days from the holiday library, and properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.calendar import closed_days, day_count
from app.calendar.closed_days import closed_day_reason, is_closed_day, roll_forward
from app.calendar.day_count import (
    entrustor_notice_window,
    gdpr_art33_deadline,
    kakuho_deadline,
    nth_day,
    skipped_days,
    sokuho_window,
)

D = dt.date

# docs/domain.md §5.6, computed with the holidays package's Japan calendar.
WORKED_EXAMPLES = [
    (D(2027, 7, 1), 30, D(2027, 7, 30), D(2027, 7, 30)),
    (D(2027, 4, 3), 30, D(2027, 5, 2), D(2027, 5, 6)),
    (D(2027, 8, 22), 30, D(2027, 9, 20), D(2027, 9, 21)),
    (D(2027, 11, 30), 30, D(2027, 12, 29), D(2028, 1, 4)),
    (D(2027, 12, 5), 30, D(2028, 1, 3), D(2028, 1, 4)),
    (D(2027, 3, 6), 60, D(2027, 5, 4), D(2027, 5, 6)),
    (D(2027, 10, 30), 60, D(2027, 12, 28), D(2027, 12, 28)),
]


@pytest.mark.parametrize(("start", "days", "nth", "deadline"), WORKED_EXAMPLES)
def test_worked_examples_of_domain_5_6(start: dt.date, days: int, nth: dt.date, deadline: dt.date) -> None:
    kakuho = kakuho_deadline(start, days)
    assert (kakuho.days, kakuho.nth_day, kakuho.deadline) == (days, nth, deadline)
    assert kakuho.moved is (nth != deadline)


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (D(2027, 5, 2), "日曜日"),
        (D(2027, 5, 1), "土曜日"),
        (D(2027, 5, 3), "憲法記念日"),
        (D(2027, 9, 20), "敬老の日"),
        (D(2027, 3, 22), "振替休日"),
        (D(2026, 9, 22), "国民の休日"),
        (D(2027, 12, 29), "年末年始（閉庁日）"),
        (D(2028, 1, 3), "年末年始（閉庁日）"),
        (D(2028, 1, 1), "元日"),
        (D(2027, 7, 1), None),
        (D(2027, 12, 28), None),
    ],
)
def test_closed_days_and_their_japanese_names(day: dt.date, reason: str | None) -> None:
    assert closed_day_reason(day) == reason
    assert is_closed_day(day) is (reason is not None)


def test_holiday_names_do_not_follow_the_lang_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    closed_days._holiday_names.cache_clear()
    closed_days.closed_day_labels.cache_clear()
    assert closed_day_reason(D(2027, 5, 4)) == "みどりの日"
    assert closed_days.closed_day_labels(D(2027, 5, 4)) == ("みどりの日", "Greenery Day")


def test_skipped_days_explain_a_golden_week_move() -> None:
    skipped = skipped_days(kakuho_deadline(D(2027, 4, 3), 30))
    assert [(day.day, ja) for day, ja, _ in skipped] == [
        (2, "日曜日"),
        (3, "憲法記念日"),
        (4, "みどりの日"),
        (5, "こどもの日"),
    ]


def test_sokuho_and_entrustor_windows_are_day_3_to_day_5_never_moved() -> None:
    window = sokuho_window(D(2027, 4, 30))
    assert (window.start, window.end) == (D(2027, 5, 2), D(2027, 5, 4))  # Sunday to a holiday, not moved
    assert entrustor_notice_window(D(2027, 4, 30)) == window


def test_gdpr_deadline_is_72_clock_hours_in_the_same_offset() -> None:
    jst = dt.timezone(dt.timedelta(hours=9))
    friday_evening = dt.datetime(2027, 4, 30, 18, 0, tzinfo=jst)
    assert gdpr_art33_deadline(friday_evening) == dt.datetime(2027, 5, 3, 18, 0, tzinfo=jst)


def test_gdpr_deadline_refuses_a_timestamp_without_offset() -> None:
    with pytest.raises(ValueError, match="offset"):
        gdpr_art33_deadline(dt.datetime(2027, 7, 1, 10, 0))


@pytest.mark.parametrize("bad", [0, -1])
def test_nth_day_starts_at_one(bad: int) -> None:
    with pytest.raises(ValueError, match="1 or more"):
        nth_day(D(2027, 7, 1), bad)


def test_window_must_run_forward() -> None:
    with pytest.raises(ValueError, match="forward"):
        day_count.guide_window(D(2027, 7, 1), 5, 3)


def test_years_without_holiday_data_are_refused_not_silently_ignored() -> None:
    with pytest.raises(ValueError, match="2100"):
        is_closed_day(D(2100, 1, 4))


def test_holiday_forecast_flag_follows_the_confirmed_year() -> None:
    assert not closed_days.is_holiday_forecast(D(closed_days.HOLIDAYS_CONFIRMED_THROUGH, 12, 31))
    assert closed_days.is_holiday_forecast(D(closed_days.HOLIDAYS_CONFIRMED_THROUGH + 1, 1, 1))


starts = st.dates(min_value=D(2022, 4, 1), max_value=D(2099, 10, 1))


@given(start=starts, days=st.sampled_from([30, 60]))
def test_deadline_is_never_before_the_nth_day_never_closed_and_at_most_ten_days_later(
    start: dt.date, days: int
) -> None:
    kakuho = kakuho_deadline(start, days)
    assert kakuho.nth_day == start + dt.timedelta(days=days - 1)
    assert kakuho.nth_day <= kakuho.deadline <= kakuho.nth_day + dt.timedelta(days=10)
    assert not is_closed_day(kakuho.deadline)
    assert all(is_closed_day(day) for day, _, _ in skipped_days(kakuho))
    assert len(skipped_days(kakuho)) == (kakuho.deadline - kakuho.nth_day).days


@given(start=starts)
def test_guide_window_is_always_three_days_long(start: dt.date) -> None:
    window = sokuho_window(start)
    assert window.start == start + dt.timedelta(days=2)
    assert (window.end - window.start).days + 1 == 3


@given(day=st.dates(min_value=D(2022, 1, 1), max_value=D(2099, 12, 20)))
def test_roll_forward_is_idempotent_and_lands_on_an_open_day(day: dt.date) -> None:
    rolled = roll_forward(day)
    assert roll_forward(rolled) == rolled
    assert not is_closed_day(rolled)
    assert (rolled == day) is (not is_closed_day(day))


def test_closed_days_between_names_the_year_end_run_and_stops_before_the_end() -> None:
    listed = closed_days.closed_days_between(D(2027, 12, 28), D(2028, 1, 4))
    assert [(day, ja) for day, ja, _ in listed] == [
        (D(2027, 12, 29), "年末年始（閉庁日）"),
        (D(2027, 12, 30), "年末年始（閉庁日）"),
        (D(2027, 12, 31), "年末年始（閉庁日）"),
        (D(2028, 1, 1), "元日"),
        (D(2028, 1, 2), "年末年始（閉庁日）"),
        (D(2028, 1, 3), "年末年始（閉庁日）"),
    ]
    assert closed_days.closed_days_between(D(2027, 7, 1), D(2027, 7, 1)) == []


@given(first=starts, length=st.integers(min_value=0, max_value=40))
def test_closed_days_between_lists_exactly_the_closed_days_of_the_span(first: dt.date, length: int) -> None:
    end = first + dt.timedelta(days=length)
    listed = [day for day, _, _ in closed_days.closed_days_between(first, end)]
    span = [first + dt.timedelta(days=i) for i in range(length)]
    assert listed == [day for day in span if is_closed_day(day)]
