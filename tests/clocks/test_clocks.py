"""Clock states across time with a frozen "now": what the officer would read in the countdown panel."""

from __future__ import annotations

import datetime as dt

import pytest

from app.deadlines.clocks import ClockKind, ClockState, clocks_for, urgency_key
from app.domain.filing import FilingKind
from app.domain.office import OfficeProfile
from tests.clocks.helpers import Subject, assessed, clocks_at, jst
from tests.rules.factories import DataItem, MaliciousBasis, Role

SENSITIVE = (DataItem.NAME, DataItem.DIAGNOSIS)  # 1号: one person's diagnosis


def test_a_reportable_leak_starts_sokuho_kakuho_and_notice_clocks(now: dt.datetime) -> None:
    clocks = clocks_at(now, assessed(data_items=SENSITIVE))
    assert set(clocks) == {ClockKind.SOKUHO, ClockKind.KAKUHO, ClockKind.INDIVIDUAL_NOTICE}
    sokuho = clocks[ClockKind.SOKUHO]
    assert (sokuho.due_from, sokuho.due_date) == (dt.date(2027, 7, 3), dt.date(2027, 7, 5))
    assert (sokuho.state, sokuho.days_left, sokuho.hours_left) == (ClockState.UPCOMING, 4, None)
    kakuho = clocks[ClockKind.KAKUHO]
    assert (kakuho.due_date, kakuho.days_left, kakuho.moved) == (dt.date(2027, 7, 30), 29, False)
    notice = clocks[ClockKind.INDIVIDUAL_NOTICE]
    assert notice.state is ClockState.OPEN_NO_DATE
    assert (notice.due_date, notice.days_left) == (None, None)
    assert "規則8条1項" in sokuho.legal_basis and "概ね3〜5日" in sokuho.legal_basis


@pytest.mark.parametrize(
    ("moment", "state", "days_left", "hours_left"),
    [
        (jst(2027, 7, 3, 9), ClockState.UPCOMING, 2, None),  # 63 hours to the end of 7/5
        (jst(2027, 7, 4, 9), ClockState.UPCOMING, 1, 39),
        (jst(2027, 7, 5, 0, 0), ClockState.DUE_TODAY, 0, 24),
        (jst(2027, 7, 5, 22, 30), ClockState.DUE_TODAY, 0, 1),
        (jst(2027, 7, 5, 23, 59), ClockState.DUE_TODAY, 0, 0),
        (jst(2027, 7, 6, 0, 0), ClockState.OVERDUE, -1, None),
        (jst(2027, 7, 20), ClockState.OVERDUE, -15, None),
    ],
)
def test_sokuho_state_moves_with_time(
    moment: dt.datetime, state: ClockState, days_left: int, hours_left: int | None
) -> None:
    sokuho = clocks_at(moment, assessed(data_items=SENSITIVE))[ClockKind.SOKUHO]
    assert (sokuho.state, sokuho.days_left, sokuho.hours_left) == (state, days_left, hours_left)


def test_the_day_is_japans_day_whatever_zone_now_is_given_in() -> None:
    """23:30 UTC on 7/4 is already 7/5 08:30 in Tokyo: the 速報 window's last day."""
    utc = dt.datetime(2027, 7, 4, 23, 30, tzinfo=dt.UTC)
    new_york = utc.astimezone(dt.timezone(dt.timedelta(hours=-4)))
    for moment in (utc, new_york):
        sokuho = clocks_at(moment, assessed(data_items=SENSITIVE))[ClockKind.SOKUHO]
        assert (sokuho.state, sokuho.days_left, sokuho.hours_left) == (ClockState.DUE_TODAY, 0, 15)


@pytest.mark.parametrize(
    ("kind", "filed", "sokuho_state", "kakuho_state"),
    [
        (FilingKind.SOKUHO, jst(2027, 7, 5, 23, 50), ClockState.DONE_ON_TIME, ClockState.UPCOMING),
        (FilingKind.SOKUHO, jst(2027, 7, 6, 0, 10), ClockState.DONE_LATE, ClockState.UPCOMING),
        (FilingKind.SOKUHO_KAKUHO, jst(2027, 7, 4), ClockState.DONE_ON_TIME, ClockState.DONE_ON_TIME),
        # A 確報 meets the 速報 too (app/domain/status.py agrees): on time within its window, late after it.
        (FilingKind.KAKUHO, jst(2027, 7, 4), ClockState.DONE_ON_TIME, ClockState.DONE_ON_TIME),
        (FilingKind.KAKUHO, jst(2027, 7, 20), ClockState.DONE_LATE, ClockState.DONE_ON_TIME),
        (FilingKind.TSUIKAN, jst(2027, 7, 4), ClockState.UPCOMING, ClockState.UPCOMING),
    ],
)
def test_a_recorded_filing_stops_its_clocks(
    kind: FilingKind, filed: dt.datetime, sokuho_state: ClockState, kakuho_state: ClockState
) -> None:
    clocks = clocks_at(jst(2027, 7, 2), assessed(data_items=SENSITIVE), [(kind, filed)])
    assert clocks[ClockKind.SOKUHO].state is sokuho_state
    assert clocks[ClockKind.KAKUHO].state is kakuho_state
    assert clocks[ClockKind.INDIVIDUAL_NOTICE].state is ClockState.OPEN_NO_DATE


def test_the_earliest_filing_decides_and_unknown_kinds_are_ignored() -> None:
    filings = [
        ("pigeon_post", jst(2027, 7, 2)),
        (FilingKind.SOKUHO, jst(2027, 7, 9)),
        (FilingKind.SOKUHO, jst(2027, 7, 4)),
    ]
    sokuho = clocks_at(jst(2027, 7, 10), assessed(data_items=SENSITIVE), filings)[ClockKind.SOKUHO]  # type: ignore[arg-type]
    assert sokuho.state is ClockState.DONE_ON_TIME
    assert sokuho.filed_at == jst(2027, 7, 4)


def test_individual_notice_stops_when_the_notice_is_recorded(now: dt.datetime) -> None:
    clocks = clocks_at(now, assessed(data_items=SENSITIVE), [(FilingKind.INDIVIDUAL_NOTICE, jst(2027, 7, 2))])
    assert clocks[ClockKind.INDIVIDUAL_NOTICE].state is ClockState.DONE_ON_TIME


def test_reassessment_recomputes_the_clocks(now: dt.datetime) -> None:
    """Exfiltration found later: 3号 applies and the 確報 period becomes 60 days (8/29 is a Sunday → 8/30)."""
    first = clocks_at(now, assessed(data_items=SENSITIVE))[ClockKind.KAKUHO]
    second = clocks_at(
        now,
        assessed(data_items=SENSITIVE, malicious=True, malicious_basis=MaliciousBasis.UNAUTHORIZED_ACCESS),
    )[ClockKind.KAKUHO]
    assert first.due_date == dt.date(2027, 7, 30)
    assert (second.nth_day, second.due_date, second.moved) == (
        dt.date(2027, 8, 29),
        dt.date(2027, 8, 30),
        True,
    )


def test_year_end_closure_moves_the_kakuho_to_january_4() -> None:
    clocks = clocks_at(
        jst(2027, 12, 28),
        assessed(data_items=SENSITIVE, learned_date=dt.date(2027, 11, 30)),
        subject=Subject(learned_date=dt.date(2027, 11, 30)),
    )
    kakuho = clocks[ClockKind.KAKUHO]
    assert (kakuho.nth_day, kakuho.due_date, kakuho.moved) == (
        dt.date(2027, 12, 29),
        dt.date(2028, 1, 4),
        True,
    )
    assert (kakuho.state, kakuho.days_left) == (ClockState.UPCOMING, 7)


@pytest.mark.parametrize(
    ("moment", "state", "days_left", "hours_left"),
    [
        (jst(2027, 7, 1, 10), ClockState.UPCOMING, 3, 72),
        (jst(2027, 7, 3, 10), ClockState.UPCOMING, 1, 24),
        (jst(2027, 7, 4, 4, 0), ClockState.DUE_TODAY, 0, 6),
        (jst(2027, 7, 4, 9, 59), ClockState.DUE_TODAY, 0, 0),
        (jst(2027, 7, 4, 10, 30), ClockState.OVERDUE, 0, -1),
        (jst(2027, 7, 5, 10, 0), ClockState.OVERDUE, -1, -24),
    ],
)
def test_gdpr_counts_clock_hours(
    moment: dt.datetime, state: ClockState, days_left: int, hours_left: int
) -> None:
    facts = {"data_items": SENSITIVE, "gdpr_applies": True, "learned_at": jst(2027, 7, 1, 10)}
    gdpr = clocks_at(moment, assessed(**facts))[ClockKind.GDPR]
    assert gdpr.due_at == jst(2027, 7, 4, 10)
    assert (gdpr.state, gdpr.days_left, gdpr.hours_left) == (state, days_left, hours_left)


def test_gdpr_notification_on_time_or_late_by_the_minute() -> None:
    facts = {"data_items": SENSITIVE, "gdpr_applies": True, "learned_at": jst(2027, 7, 1, 10)}
    on_time = clocks_at(jst(2027, 7, 5), assessed(**facts), [(FilingKind.GDPR_SA, jst(2027, 7, 4, 9, 59))])
    late = clocks_at(jst(2027, 7, 5), assessed(**facts), [(FilingKind.GDPR_SA, jst(2027, 7, 4, 10, 1))])
    assert on_time[ClockKind.GDPR].state is ClockState.DONE_ON_TIME
    assert late[ClockKind.GDPR].state is ClockState.DONE_LATE
    assert late[ClockKind.GDPR].hours_left is None


def test_a_processor_has_only_the_entrustor_notice_clock(now: dt.datetime) -> None:
    clocks = clocks_at(now, assessed(data_items=SENSITIVE, role=Role.PROCESSOR))
    assert set(clocks) == {ClockKind.ENTRUSTOR_NOTICE}
    notice = clocks[ClockKind.ENTRUSTOR_NOTICE]
    assert (notice.due_from, notice.due_date) == (dt.date(2027, 7, 3), dt.date(2027, 7, 5))
    stopped = clocks_at(
        now, assessed(data_items=SENSITIVE, role=Role.PROCESSOR), [(FilingKind.ENTRUSTOR_NOTICE, now)]
    )
    assert stopped[ClockKind.ENTRUSTOR_NOTICE].state is ClockState.DONE_ON_TIME


def test_publication_clock_only_when_chosen_as_substitute(now: dt.datetime) -> None:
    difficult = assessed(data_items=SENSITIVE, notification_difficult=True)
    assert ClockKind.PUBLICATION not in clocks_at(now, difficult)
    chosen = clocks_at(now, difficult, substitute_publication=True)
    assert chosen[ClockKind.PUBLICATION].state is ClockState.OPEN_NO_DATE
    assert chosen[ClockKind.INDIVIDUAL_NOTICE].state is ClockState.OPEN_NO_DATE
    published = clocks_at(now, difficult, [(FilingKind.PUBLICATION, now)], substitute_publication=True)
    assert published[ClockKind.PUBLICATION].state is ClockState.DONE_ON_TIME
    # Not offered where notice is possible: the choice alone does not create a duty.
    assert ClockKind.PUBLICATION not in clocks_at(
        now, assessed(data_items=SENSITIVE), substitute_publication=True
    )


def test_pmark_clocks_even_when_the_appi_needs_no_report(now: dt.datetime) -> None:
    """One person's name mis-sent: not a 報告対象事態, but a P-mark holder still files a 確報 within 30 days."""
    clocks = clocks_at(now, assessed(pmark_holder=True), office=OfficeProfile(name="x", pmark_holder=True))
    assert set(clocks) == {ClockKind.PMARK_KAKUHO}
    assert clocks[ClockKind.PMARK_KAKUHO].due_date == dt.date(2027, 7, 30)


def test_pmark_sokuho_when_the_incident_is_serious(now: dt.datetime) -> None:
    clocks = clocks_at(now, assessed(data_items=SENSITIVE, pmark_holder=True))
    assert clocks[ClockKind.PMARK_SOKUHO].due_date == dt.date(2027, 7, 5)
    assert clocks[ClockKind.PMARK_KAKUHO].due_date == dt.date(2027, 7, 30)
    stopped = clocks_at(
        now, assessed(data_items=SENSITIVE, pmark_holder=True), [(FilingKind.PMARK_SOKUHO, now)]
    )
    assert stopped[ClockKind.PMARK_SOKUHO].state is ClockState.DONE_ON_TIME
    assert stopped[ClockKind.SOKUHO].state is ClockState.UPCOMING  # the PPC 速報 is a separate duty


def test_office_profile_holding_the_mark_adds_pmark_clocks_to_an_older_assessment(now: dt.datetime) -> None:
    clocks = clocks_at(now, assessed(data_items=SENSITIVE), office=OfficeProfile(name="x", pmark_holder=True))
    assert clocks[ClockKind.PMARK_KAKUHO].due_date == dt.date(2027, 7, 30)
    assert ClockKind.PMARK_KAKUHO not in clocks_at(now, assessed(data_items=SENSITIVE))


def test_no_clock_before_an_assessment_or_without_a_reportable_event(now: dt.datetime) -> None:
    assert clocks_at(now, None) == {}
    assert clocks_at(now, assessed()) == {}  # one name, not reportable, no P-mark, no GDPR


def test_a_partial_assessment_from_an_older_version_still_gives_its_kakuho(now: dt.datetime) -> None:
    partial = {
        "applicable_items": [1],
        "kakuho": {"days": 30, "nth_day": "2027-07-30", "deadline": "2027-07-30", "moved": False},
    }
    clocks = clocks_at(now, partial)
    assert set(clocks) == {ClockKind.KAKUHO}


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        clocks_for(Subject(), assessed(data_items=SENSITIVE), [], OfficeProfile(), dt.datetime(2027, 7, 1))


def test_urgency_order_overdue_today_soon_undated_later_done() -> None:
    now = jst(2027, 7, 5)
    facts = {"data_items": SENSITIVE, "gdpr_applies": True, "learned_at": jst(2027, 7, 1, 10)}
    a = assessed(**facts)
    late = clocks_for(Subject(id=1, reference="2027-0001"), a, [], OfficeProfile(), now)
    fresh = clocks_for(
        Subject(id=2, reference="2027-0002", learned_date=dt.date(2027, 7, 4)),
        assessed(data_items=SENSITIVE, learned_date=dt.date(2027, 7, 4)),
        [(FilingKind.SOKUHO, jst(2027, 7, 5))],
        OfficeProfile(),
        now,
    )
    order = [(c.reference, c.kind, c.state) for c in sorted(late + fresh, key=urgency_key)]
    assert order == [
        ("2027-0001", ClockKind.GDPR, ClockState.OVERDUE),
        ("2027-0001", ClockKind.SOKUHO, ClockState.DUE_TODAY),
        ("2027-0001", ClockKind.INDIVIDUAL_NOTICE, ClockState.OPEN_NO_DATE),
        ("2027-0002", ClockKind.INDIVIDUAL_NOTICE, ClockState.OPEN_NO_DATE),
        ("2027-0001", ClockKind.KAKUHO, ClockState.UPCOMING),
        ("2027-0002", ClockKind.KAKUHO, ClockState.UPCOMING),
        ("2027-0002", ClockKind.SOKUHO, ClockState.DONE_ON_TIME),
    ]
