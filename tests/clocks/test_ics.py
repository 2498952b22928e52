"""The .ics export parsed back with icalendar: dates, alarms, stable UIDs, Japanese text without personal data."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from icalendar import Calendar

from app.calendar.closed_days import is_closed_day
from app.cli import build_parser, run_command
from app.db.database import Database
from app.deadlines.clocks import Clock, ClockKind
from app.deadlines.ics import alarm_day, calendar_bytes
from app.deadlines.reminders import ReminderSettings
from app.domain.dates import JST
from app.domain.filing import FilingKind
from app.paths import DataPaths
from tests.clocks.helpers import Subject, assessed, clocks_at, jst
from tests.rules.factories import DataItem

SENSITIVE = (DataItem.NAME, DataItem.DIAGNOSIS)
DOMAIN = "test.breachdesk"


def _events(data: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(data)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def _clocks(
    now: dt.datetime, filings: list[tuple[FilingKind, dt.datetime]] | None = None, **facts: object
) -> list[Clock]:
    facts.setdefault("data_items", SENSITIVE)
    return list(
        clocks_at(
            now,
            assessed(**facts),
            filings,
            subject=Subject(learned_date=facts.get("learned_date", dt.date(2027, 7, 1))),
        ).values()
    )  # type: ignore[arg-type]


def _triggers(event: object) -> list[dt.timedelta]:
    return sorted(alarm["TRIGGER"].dt for alarm in event.walk("VALARM"))  # type: ignore[attr-defined]


def test_each_dated_clock_is_an_all_day_event_with_alarms_at_nine() -> None:
    data = calendar_bytes(_clocks(jst(2027, 7, 1)), ReminderSettings(), jst(2027, 7, 1), DOMAIN)
    events = _events(data)
    assert set(events) == {"1-sokuho@test.breachdesk", "1-kakuho@test.breachdesk"}  # 本人通知 has no date
    kakuho = events["1-kakuho@test.breachdesk"]
    assert kakuho["DTSTART"].dt == dt.date(2027, 7, 30)
    assert not isinstance(kakuho["DTSTART"].dt, dt.datetime)
    assert kakuho["DTEND"].dt == dt.date(2027, 7, 31)
    # 2 days before at 09:00 (-1 day 15 h from the event's midnight) and 09:00 on the day.
    assert _triggers(kakuho) == [-dt.timedelta(days=1, hours=15), dt.timedelta(hours=9)]
    assert str(kakuho["SUMMARY"]) == "【確報】2027-0001 メール誤送信"
    description = str(kakuho["DESCRIPTION"])
    assert "期限：2027年7月30日（金）" in description
    assert "規則8条2項" in description
    sokuho = events["1-sokuho@test.breachdesk"]
    # 速やかに from day 1, day 5 (Mon 7/5) the guide's outer bound; "2 days before" is Saturday 7/3, so that alarm
    # rings on Friday 7/2 at 09:00, the other on 7/5 at 09:00.
    assert (sokuho["DTSTART"].dt, sokuho["DTEND"].dt) == (dt.date(2027, 7, 1), dt.date(2027, 7, 6))
    assert _triggers(sokuho) == [dt.timedelta(days=1, hours=9), dt.timedelta(days=4, hours=9)]
    assert str(sokuho["SUMMARY"]) == "【速報（目安）】2027-0001 メール誤送信"
    assert "期限：速やかに（遅くとも2027年7月5日（月）まで。目安は概ね3〜5日以内）" in str(
        sokuho["DESCRIPTION"]
    )


def test_the_year_end_move_is_explained_in_the_event() -> None:
    clocks = _clocks(jst(2027, 11, 30), learned_date=dt.date(2027, 11, 30))
    kakuho = _events(calendar_bytes(clocks, ReminderSettings(), jst(2027, 11, 30), DOMAIN))[
        "1-kakuho@test.breachdesk"
    ]
    assert kakuho["DTSTART"].dt == dt.date(2028, 1, 4)
    description = str(kakuho["DESCRIPTION"])
    assert "12月29日は年末年始（閉庁日）" in description and "1月3日は年末年始（閉庁日）" in description
    assert "翌開庁日に繰り下げ" in description


def _alarm_moments(event: object) -> list[dt.datetime]:
    """When each alarm rings, in Japan time, for an all-day event (relative to its start at midnight)."""
    start = dt.datetime.combine(event["DTSTART"].dt, dt.time(), JST)  # type: ignore[index]
    return [start + trigger for trigger in _triggers(event)]


def test_alarms_before_a_monday_after_golden_week_ring_on_working_days() -> None:
    """確報 due Monday 2027-05-10 (learned Sunday 4/11, 30th day). 2 days before is Saturday 5/8 and 7 days
    before is Monday 5/3 (憲法記念日), the middle of Golden Week (5/3–5/5 holidays, 5/1–2 and 5/8–9 weekends):
    each rings at 09:00 on the last working day on or before it, Friday 5/7 and Friday 4/30."""
    clocks = [
        c for c in _clocks(jst(2027, 4, 12), learned_date=dt.date(2027, 4, 11)) if c.kind is ClockKind.KAKUHO
    ]
    assert clocks[0].due_date == dt.date(2027, 5, 10)
    settings = ReminderSettings(date_leads_days=(7, 2, 0))
    kakuho = _events(calendar_bytes(clocks, settings, jst(2027, 4, 12), DOMAIN))["1-kakuho@test.breachdesk"]
    assert _alarm_moments(kakuho) == [jst(2027, 4, 30, 9), jst(2027, 5, 7, 9), jst(2027, 5, 10, 9)]
    for moment in _alarm_moments(kakuho):
        assert not is_closed_day(moment.date()), moment


def test_a_saturday_reminder_day_rings_on_friday_and_leads_on_one_day_ring_once() -> None:
    """確報 due Monday 2027-07-12: 2 days before is Saturday 7/10, rung on Friday 7/9; 3 days before is that
    Friday too, so the two leads give one alarm."""
    clocks = [
        c for c in _clocks(jst(2027, 6, 14), learned_date=dt.date(2027, 6, 13)) if c.kind is ClockKind.KAKUHO
    ]
    assert clocks[0].due_date == dt.date(2027, 7, 12)
    kakuho = _events(calendar_bytes(clocks, ReminderSettings(), jst(2027, 6, 14), DOMAIN))[
        "1-kakuho@test.breachdesk"
    ]
    assert _alarm_moments(kakuho) == [jst(2027, 7, 9, 9), jst(2027, 7, 12, 9)]
    both = _events(
        calendar_bytes(clocks, ReminderSettings(date_leads_days=(3, 2)), jst(2027, 6, 14), DOMAIN)
    )["1-kakuho@test.breachdesk"]
    assert _alarm_moments(both) == [jst(2027, 7, 9, 9)]


def test_alarm_day_steps_back_over_the_year_end() -> None:
    assert alarm_day(dt.date(2028, 1, 4), 2) == dt.date(2027, 12, 28)  # 1/2 → back past 12/29–1/3
    assert alarm_day(dt.date(2027, 7, 14), 0) == dt.date(2027, 7, 14)  # an open day stays


def test_gdpr_is_a_timed_event_in_utc_with_24_and_6_hour_alarms() -> None:
    clocks = _clocks(jst(2027, 7, 1), gdpr_applies=True, learned_at=jst(2027, 7, 1, 10))
    gdpr = _events(calendar_bytes(clocks, ReminderSettings(), jst(2027, 7, 1), DOMAIN))[
        "1-gdpr@test.breachdesk"
    ]
    assert gdpr["DTSTART"].dt == dt.datetime(2027, 7, 4, 1, 0, tzinfo=dt.UTC)
    assert _triggers(gdpr) == [-dt.timedelta(hours=24), -dt.timedelta(hours=6)]
    assert "2027年7月4日（日） 10:00（日本時間）" in str(gdpr["DESCRIPTION"])


def test_reimport_updates_the_same_events() -> None:
    """Same UIDs on the next export, with a higher SEQUENCE; a filed clock keeps its UID and loses its alarms."""
    before = _events(calendar_bytes(_clocks(jst(2027, 7, 1)), ReminderSettings(), jst(2027, 7, 1), DOMAIN))
    later = jst(2027, 7, 6)
    clocks = _clocks(later, [(FilingKind.SOKUHO, jst(2027, 7, 4))])
    after = _events(calendar_bytes(clocks, ReminderSettings(), later, DOMAIN))
    assert set(after) == set(before)
    sokuho = after["1-sokuho@test.breachdesk"]
    assert int(sokuho["SEQUENCE"]) > int(before["1-sokuho@test.breachdesk"]["SEQUENCE"])  # type: ignore[index]
    assert str(sokuho["SUMMARY"]) == "【速報・提出済】2027-0001 メール誤送信"
    assert _triggers(sokuho) == []
    assert "提出・通知済み：2027年7月4日 10:00" in str(sokuho["DESCRIPTION"])


def test_custom_leads_and_disabled_reminders_shape_the_alarms() -> None:
    clocks = [c for c in _clocks(jst(2027, 7, 1)) if c.kind is ClockKind.KAKUHO]
    custom = _events(
        calendar_bytes(
            clocks, ReminderSettings(date_leads_days=(7,), morning_hour=8), jst(2027, 7, 1), DOMAIN
        )
    )
    assert _triggers(custom["1-kakuho@test.breachdesk"]) == [-dt.timedelta(days=7) + dt.timedelta(hours=8)]
    silent = _events(calendar_bytes(clocks, ReminderSettings(enabled=False), jst(2027, 7, 1), DOMAIN))
    assert _triggers(silent["1-kakuho@test.breachdesk"]) == []


def test_the_calendar_header_and_no_personal_data() -> None:
    data = calendar_bytes(
        _clocks(jst(2027, 7, 1)), ReminderSettings(), jst(2027, 7, 1), DOMAIN, name="期限一覧"
    )
    calendar = Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "期限一覧"
    assert str(calendar["PRODID"]).startswith("-//BreachDesk//")
    text = data.decode("utf-8")
    assert "診断" not in text  # the data items never leave the register; only the title does


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        calendar_bytes([], ReminderSettings(), dt.datetime(2027, 7, 1), DOMAIN)


def _run(data_paths: DataPaths, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    args = build_parser().parse_args(["--data-dir", str(data_paths.root), *argv])
    return run_command(args, out, err), out.getvalue(), err.getvalue()


def test_cli_exports_one_incident_or_all_open_ones(data_paths: DataPaths, tmp_path: Path) -> None:
    from tests.clocks.test_services import add_incident

    db = Database.open(data_paths)
    first = add_incident(db, "メール誤送信")
    add_incident(db, "USBメモリの紛失", gdpr_applies=True, learned_at=jst(2027, 7, 1, 10))
    from app.services.clocks import ClockService

    reference = ClockService(db).incident_reference(first)
    db.close()

    code, out, _err = _run(data_paths, "calendar", "--out", str(tmp_path / "all.ics"))
    assert code == 0
    assert out.strip() == f"5 件の期限を {tmp_path / 'all.ics'} に書き出しました。"
    uids = set(_events((tmp_path / "all.ics").read_bytes()))
    assert {uid.split("@")[0] for uid in uids} == {"1-sokuho", "1-kakuho", "2-sokuho", "2-kakuho", "2-gdpr"}

    code, out, _err = _run(
        data_paths, "calendar", "--out", str(tmp_path / "one.ics"), "--incident", str(reference)
    )
    assert code == 0
    one = (tmp_path / "one.ics").read_bytes()
    assert {uid.split("@")[0] for uid in _events(one)} == {"1-sokuho", "1-kakuho"}
    assert set(_events(one)) <= uids  # the same UIDs as in the full export: importing both never duplicates
    assert f"BreachDesk 期限（{reference}）" in one.decode("utf-8")


def test_cli_refuses_an_unknown_incident_and_a_missing_folder(data_paths: DataPaths, tmp_path: Path) -> None:
    Database.open(data_paths).close()
    code, _out, err = _run(
        data_paths, "calendar", "--out", str(tmp_path / "x.ics"), "--incident", "2099-0001"
    )
    assert code == 2
    assert "番号またはID 2099-0001 の事案はありません。" in err
    code, _out, err = _run(data_paths, "calendar", "--out", str(tmp_path / "nowhere" / "x.ics"))
    assert code == 2
    assert "が見つかりません" in err
    assert not (tmp_path / "x.ics").exists()
