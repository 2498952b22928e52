"""Working days beside calendar days, the warning before a run of closed days and the advice that follows the day
(issue 18 point 1; docs/domain.md §5.7 CONV-WORKDAYS)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.calendar.office_calendar import AUTHORITIES, ClosureDay, OfficeCalendar
from app.deadlines import workdays
from app.deadlines.advice import reasons_for_today
from app.deadlines.reminders import startup_summary
from app.domain.filing import FilingKind
from app.i18n import set_language
from app.rules import assess
from app.services.app_settings import AppSettingsService
from app.services.office_calendar import CLOSURES_KEY, OfficeCalendarService
from tests.clocks.helpers import assessed, clocks_at, jst
from tests.rules.factories import DataItem, make_facts

SENSITIVE = (DataItem.NAME, DataItem.DIAGNOSIS)
GW_TODAY = dt.date(2027, 4, 28)  # Wednesday; 4/29 昭和の日, 5/1–5/2 weekend, 5/3–5/5 holidays
GW_DUE = dt.date(2027, 5, 2)
SUMMER = OfficeCalendar.of([ClosureDay(dt.date(2027, 8, d), "夏季休業") for d in range(13, 17)])


@pytest.fixture(autouse=True)
def japanese() -> Any:
    set_language("ja")
    yield
    set_language("ja")


def brute_force(calendar: OfficeCalendar, today: dt.date, due: dt.date) -> int:
    days = [today + dt.timedelta(days=i) for i in range(1, (due - today).days + 1)]
    return sum(not calendar.is_closed(day) for day in days)


def test_the_issues_golden_week_case() -> None:
    assert AUTHORITIES.working_days_left(GW_TODAY, GW_DUE) == 1
    assert workdays.days_left_words((GW_DUE - GW_TODAY).days, 1) == "あと4日（営業日 1日）"
    run = AUTHORITIES.closed_run(GW_TODAY, GW_DUE)
    assert run is not None and (run.first, run.last, run.submit_by) == (
        dt.date(2027, 5, 1),
        dt.date(2027, 5, 5),
        dt.date(2027, 4, 30),
    )
    assert workdays.closed_run_warning(GW_TODAY, GW_DUE, AUTHORITIES) == (
        "5/1（土）〜5/5（水）は休業日です。提出は4/30（金）までをお勧めします。"
    )
    set_language("en")
    assert workdays.days_left_words(4, 1) == "4 days left (1 working day)"
    assert workdays.closed_run_warning(GW_TODAY, GW_DUE, AUTHORITIES) == (
        "Sat 5/1 to Wed 5/5 are closed days. Submitting by Fri 4/30 is recommended."
    )


def test_the_clocks_of_a_case_learned_before_golden_week() -> None:
    clocks = clocks_at(jst(2027, 4, 28), assessed(data_items=SENSITIVE, learned_date=GW_TODAY))
    sokuho = next(c for kind, c in clocks.items() if kind.value == "sokuho")
    assert (sokuho.due_from, sokuho.due_date, sokuho.days_left) == (dt.date(2027, 4, 30), GW_DUE, 4)
    # Soon in working days although four calendar days are left: the start-up summary lists it.
    assert workdays.is_soon(GW_TODAY, GW_DUE, AUTHORITIES)
    assert sokuho in startup_summary(clocks.values(), AUTHORITIES)


def test_a_plain_weekend_is_no_run_but_a_closure_next_to_it_is() -> None:
    friday, tuesday = dt.date(2027, 7, 9), dt.date(2027, 7, 13)
    assert AUTHORITIES.closed_run(friday, tuesday) is None
    monday_off = OfficeCalendar.of([ClosureDay(dt.date(2027, 7, 12), "創立記念日")])
    run = monday_off.closed_run(friday, tuesday)
    assert run is not None and (run.first, run.last, run.submit_by) == (
        dt.date(2027, 7, 10),
        dt.date(2027, 7, 12),
        friday,  # before the long weekend, not on the day the office reopens
    )
    assert monday_off.working_days_left(friday, tuesday) == 1
    assert monday_off.closed_labels(dt.date(2027, 7, 12)) == ("創立記念日", "創立記念日")


def test_office_closures_count_but_never_move_a_legal_deadline() -> None:
    today, due = dt.date(2027, 8, 10), dt.date(2027, 8, 20)
    assert AUTHORITIES.working_days_left(today, due) == 7  # 8/11 山の日
    assert SUMMER.working_days_left(today, due) == 5
    start = dt.date(
        2027, 7, 17
    )  # day 30 is 8/15, a Sunday: the 確報 rolls to Monday 8/16 whatever the office does
    assert assess(make_facts(data_items=SENSITIVE, learned_date=start)).kakuho.deadline == dt.date(
        2027, 8, 16
    )


def test_no_working_day_left_is_said_so() -> None:
    friday_evening, sunday = dt.date(2027, 4, 30), dt.date(2027, 5, 2)
    assert AUTHORITIES.working_days_left(friday_evening, sunday) == 0
    assert workdays.closed_run_warning(friday_evening, sunday, AUTHORITIES) == (
        "5/1（土）〜5/5（水）は休業日です。本日中の提出をお勧めします。"
    )
    saturday = dt.date(2027, 5, 1)
    assert AUTHORITIES.last_working_day(saturday, sunday) is None
    assert "営業日は残っていません" in (workdays.closed_run_warning(saturday, sunday, AUTHORITIES) or "")


def test_soon_horizon_is_the_last_day_still_soon() -> None:
    horizon = workdays.soon_horizon(GW_TODAY, AUTHORITIES)
    last = GW_TODAY + dt.timedelta(days=horizon)
    assert workdays.is_soon(GW_TODAY, last, AUTHORITIES)
    assert not workdays.is_soon(GW_TODAY, last + dt.timedelta(days=1), AUTHORITIES)
    assert last == dt.date(2027, 5, 6)  # working days 4/30 and 5/6; 5/7 is the third


closure_days = st.lists(st.dates(dt.date(2026, 1, 1), dt.date(2028, 12, 31)), max_size=20)
days = st.dates(dt.date(2026, 1, 1), dt.date(2028, 12, 31))


@settings(max_examples=150, deadline=None)
@given(closures=closure_days, today=days, span=st.integers(-5, 70))
def test_working_days_equal_a_brute_force_count(closures: list[dt.date], today: dt.date, span: int) -> None:
    calendar = OfficeCalendar.of([ClosureDay(day, "休") for day in closures])
    due = today + dt.timedelta(days=span)
    assert calendar.working_days_left(today, due) == brute_force(calendar, today, due)


@settings(max_examples=150, deadline=None)
@given(closures=closure_days, today=days, span=st.integers(0, 70))
def test_the_suggested_day_is_a_working_day_on_or_before_the_deadline(
    closures: list[dt.date], today: dt.date, span: int
) -> None:
    calendar = OfficeCalendar.of([ClosureDay(day, "休") for day in closures])
    due = today + dt.timedelta(days=span)
    suggested = calendar.last_working_day(today, due)
    open_days = [
        d for d in (today + dt.timedelta(days=i) for i in range(span + 1)) if not calendar.is_closed(d)
    ]
    if not open_days:
        assert suggested is None
    else:
        assert suggested == max(open_days) and today <= suggested <= due
    run = calendar.closed_run(today, due)
    if run is not None:
        # The suggestion is the last working day before the closed run begins, never a day in or after it.
        assert run.submit_by == calendar.last_working_day(today, run.first - dt.timedelta(days=1))
        assert run.submit_by is None or (today <= run.submit_by < run.first and run.submit_by <= due)
        assert run.first > today and run.first <= due and (run.last - run.first).days >= 1
        assert all(
            calendar.is_closed(run.first + dt.timedelta(days=i)) for i in range((run.last - run.first).days)
        )


def test_the_advice_follows_the_day_without_touching_the_assessment() -> None:
    assessment = assess(make_facts(data_items=SENSITIVE, learned_date=GW_TODAY))
    stored = next(r for r in assessment.reasons if r.code == "R8-1")
    assert "3日目の" in stored.ja

    def advice(today: dt.date, open_kinds: tuple[FilingKind, ...] = (FilingKind.SOKUHO,)) -> str:
        return next(r.ja for r in reasons_for_today(assessment, today, open_kinds) if r.code == "R8-1")

    assert advice(dt.date(2027, 4, 29)) == stored.ja
    assert "本日中の報告をお勧めします" in advice(dt.date(2027, 4, 30)) and "3日目の" not in advice(
        dt.date(2027, 5, 2)
    )
    assert "過ぎています" in advice(dt.date(2027, 5, 3)) and "2027年5月2日（日）" in advice(
        dt.date(2027, 5, 3)
    )
    assert advice(dt.date(2027, 5, 3), open_kinds=()) == stored.ja  # filed: the advice it was filed under
    assert next(r for r in assessment.reasons if r.code == "R8-1") == stored


def test_closures_are_kept_with_the_register_and_audited(db) -> None:  # type: ignore[no-untyped-def]
    service = OfficeCalendarService(db)
    assert service.calendar() == AUTHORITIES
    saved = service.save(
        [ClosureDay(dt.date(2027, 8, 14), " 夏季休業 "), ClosureDay(dt.date(2027, 8, 13), "夏季休業")]
    )
    assert [c.day.day for c in saved.closures] == [13, 14] and saved.closures[1].name == "夏季休業"
    assert OfficeCalendarService(db).calendar() == saved
    AppSettingsService(db).set(CLOSURES_KEY, [{"date": "not a date"}, {"date": "2027-08-15", "name": "x"}])
    assert [c.day for c in OfficeCalendarService(db).calendar().closures] == [dt.date(2027, 8, 15)]


def test_a_long_weekend_weeks_before_the_deadline_is_not_warned_about() -> None:
    today, due = dt.date(2027, 7, 5), dt.date(2027, 8, 2)  # 7/17–7/19 海の日 weekend, then two working weeks
    assert AUTHORITIES.closed_run(today, due) is not None
    assert workdays.closed_run_warning(today, due, AUTHORITIES) is None
