"""The year in figures: fiscal-year boundaries, counts by month, category and cause, deadlines met, open actions."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from app.db.database import Database
from app.documents.context import Recipient
from app.domain.filing import FilingKind
from app.domain.review import Timing, fiscal_months, fiscal_year_bounds, fiscal_year_of
from app.services.notices import Delivery, NoticeService
from app.services.review import ReviewService, summarise
from app.services.workspace.checklist import ChecklistService
from tests.review.conftest import AS_OF, filed, incident


def _year(db: Database) -> dict[str, int]:
    return {
        "april_first": incident(db, "2026-04-01", category="missend", cause="operation_error"),
        "march_31": incident(db, "2027-03-31", category="loss", cause="insufficient_check"),
        "october": incident(db, "2026-10-10", sensitive=False, category="missend"),
        "before": incident(db, "2026-03-31", category="theft"),  # 2025年度
        "after": incident(db, "2027-04-01", category="theft"),  # 2027年度
    }


def test_the_fiscal_year_runs_from_april_1_to_march_31(db: Database) -> None:
    _year(db)
    review = ReviewService(db).review(2026, today=AS_OF)

    assert (review.first_day, review.last_day) == (dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    assert review.total == 3
    assert sorted(r.learned_date.isoformat() for r in review.rows if r.learned_date) == [
        "2026-04-01",
        "2026-10-10",
        "2027-03-31",
    ]
    months = dict(review.per_month)
    assert months[(2026, 4)] == 1 and months[(2026, 10)] == 1 and months[(2027, 3)] == 1
    assert list(months) == [(2026, m) for m in range(4, 13)] + [(2027, m) for m in range(1, 4)]
    assert sum(months.values()) == review.total


def test_counts_by_category_cause_and_reportable(db: Database) -> None:
    _year(db)
    review = ReviewService(db).review(2026, today=AS_OF)

    assert review.by_category == (("missend", 2), ("loss", 1))
    assert dict(review.by_cause) == {"operation_error": 1, "insufficient_check": 1, "": 1}
    assert (review.reportable, review.not_reportable, review.not_assessed) == (2, 1, 0)


def test_filings_against_their_deadlines(db: Database) -> None:
    ids = _year(db)
    filed(db, ids["april_first"], FilingKind.SOKUHO, "2026-04-03")
    filed(db, ids["april_first"], FilingKind.KAKUHO, "2026-06-15")  # the 30-day deadline is in early May

    review = ReviewService(db).review(2026, today=AS_OF)

    first = next(r for r in review.rows if r.learned_date == dt.date(2026, 4, 1))
    assert first.sokuho is not None and first.sokuho.timing is Timing.ON_TIME
    assert first.sokuho.days_taken == 2
    assert first.kakuho is not None and first.kakuho.timing is Timing.LATE
    assert first.kakuho.days_taken == 75 and first.kakuho.days_allowed is not None
    assert first.kakuho.days_allowed < 75
    last = next(r for r in review.rows if r.learned_date == dt.date(2027, 3, 31))
    assert last.missing_filings == ("sokuho", "kakuho")  # nothing filed, both deadlines long past
    assert (review.sokuho.on_time, review.sokuho.overdue) == (1, 1)
    assert (review.kakuho.late, review.kakuho.overdue) == (1, 1)
    assert review.open_actions.missing_filings == 2
    not_reportable = next(r for r in review.rows if r.reportable is False)
    assert not_reportable.sokuho is None and not_reportable.kakuho is None


def test_a_deadline_still_ahead_is_pending_not_missing(db: Database) -> None:
    incident(db, "2027-06-30")
    review = ReviewService(db).review(2027, today=dt.date(2027, 7, 1))
    assert review.sokuho.pending == 1 and review.open_actions.missing_filings == 0


def test_open_checklist_steps_and_letters_that_did_not_arrive(db: Database) -> None:
    ids = _year(db)
    steps = ChecklistService(db).steps(ids["october"])
    notices = NoticeService(db)
    people = [Recipient(key=f"K{i}", name=f"山田 花子{i}") for i in range(3)]
    notices.record_sent(
        ids["october"],
        [Delivery(p, (), "0" * 64) for p in people],
        channel="letter",
        sent_at=dt.datetime(2026, 10, 20, 10, tzinfo=dt.UTC),
    )
    notices.record_event(ids["october"], "K0", "returned", happened_on=dt.date(2026, 10, 25))
    notices.record_event(ids["october"], "K1", "returned", happened_on=dt.date(2026, 10, 25))
    notices.record_event(ids["october"], "K1", "resent", happened_on=dt.date(2026, 10, 28))

    review = ReviewService(db).review(2026, today=AS_OF)

    row = next(r for r in review.rows if r.learned_date == dt.date(2026, 10, 10))
    assert row.open_checklist == len(steps) > 0
    assert row.undelivered_letters == 1  # K1 was sent again
    assert review.open_actions.undelivered_letters == 1
    assert review.open_actions.checklist_items >= len(steps)


def test_the_rows_carry_no_title_and_no_name(db: Database) -> None:
    _year(db)
    review = ReviewService(db).review(2026, today=AS_OF)
    text = repr(review)
    assert "山田" not in text and "誤送信" not in text


def test_another_start_month_and_the_setting(db: Database) -> None:
    _year(db)
    service = ReviewService(db)
    assert service.start_month() == 4
    service.set_start_month(1)
    review = service.review(2026, today=AS_OF)
    assert (review.first_day, review.last_day) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert review.total == 3  # 3/31, 4/1 and 10/10 of 2026
    assert 2027 in service.fiscal_years() and 2026 in service.fiscal_years()


@given(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)), st.integers(1, 12))
def test_every_day_falls_in_its_fiscal_year(day: dt.date, start_month: int) -> None:
    first, last = fiscal_year_bounds(fiscal_year_of(day, start_month), start_month)
    assert first <= day <= last
    months = fiscal_months(fiscal_year_of(day, start_month), start_month)
    assert (day.year, day.month) in months and len(set(months)) == 12


@given(st.lists(st.dates(dt.date(2026, 4, 1), dt.date(2027, 3, 31)), max_size=60))
def test_counts_per_month_sum_to_the_total(days: list[dt.date]) -> None:
    template = _row_template()
    rows = tuple(dataclasses.replace(template, learned_date=day) for day in days)
    review = summarise(2026, 4, dt.date(2026, 4, 1), dt.date(2027, 3, 31), AS_OF, rows)
    assert sum(count for _, count in review.per_month) == review.total == len(days)
    assert sum(count for _, count in review.by_category) == review.total
    assert review.reportable + review.not_reportable + review.not_assessed == review.total


def _row_template():  # type: ignore[no-untyped-def]
    from app.domain.review import ReviewRow

    return ReviewRow("2026-0001", None, None, "investigating", True, None, "missend", None, None, None, 0, 0)
