"""Reminders fire at the right moments and exactly once: across restarts, a clock set back, a change of zone."""

from __future__ import annotations

import datetime as dt

import pytest

from app.deadlines.clocks import Clock, ClockKind
from app.deadlines.reminders import (
    Reminder,
    ReminderSettings,
    due_reminders,
    prune_fired,
    read_reminder_settings,
    settings_json,
    startup_summary,
)
from app.domain.filing import FilingKind
from app.errors import StoredDataError
from tests.clocks.helpers import assessed, clocks_at, jst
from tests.rules.factories import DataItem, MaliciousBasis

SENSITIVE = (DataItem.NAME, DataItem.DIAGNOSIS)
DEFAULTS = ReminderSettings()


def _kakuho_only(now: dt.datetime, **facts: object) -> list[Clock]:
    clock = clocks_at(now, assessed(data_items=SENSITIVE, **facts))[ClockKind.KAKUHO]
    return [clock]


class Runner:
    """The tray's loop in miniature: ask what is due, show it, remember it (as ReminderService stores it)."""

    def __init__(self, settings: ReminderSettings = DEFAULTS, **facts: object) -> None:
        self.settings = settings
        self.facts = facts
        self.fired: set[str] = set()
        self.shown: list[Reminder] = []

    def tick(self, now: dt.datetime, kinds: tuple[ClockKind, ...] = (ClockKind.KAKUHO,)) -> list[Reminder]:
        clocks = [
            c
            for c in clocks_at(now, assessed(data_items=SENSITIVE, **self.facts)).values()
            if c.kind in kinds
        ]
        due = due_reminders(clocks, self.settings, now, self.fired)
        for reminder in due:
            self.fired.update(reminder.all_keys)
        self.shown.extend(due)
        return due


def test_defaults_are_two_days_before_and_the_morning_of_the_due_day_gdpr_24_and_6_hours() -> None:
    assert DEFAULTS.date_leads_days == (2, 0)
    assert DEFAULTS.morning_hour == 9
    assert DEFAULTS.gdpr_leads_hours == (24, 6)


def test_kakuho_reminders_fire_at_nine_two_days_before_and_on_the_day() -> None:
    """確報 due Friday 2027-07-30: reminded Wednesday 7/28 09:00 and Friday 7/30 09:00, Japan time."""
    run = Runner()
    assert run.tick(jst(2027, 7, 28, 8, 59)) == []
    first = run.tick(jst(2027, 7, 28, 9, 0))
    assert [(r.lead, r.fire_at) for r in first] == [("2d", jst(2027, 7, 28, 9))]
    assert run.tick(jst(2027, 7, 28, 9, 1)) == []
    assert run.tick(jst(2027, 7, 29, 18)) == []
    second = run.tick(jst(2027, 7, 30, 9, 0))
    assert [(r.lead, r.fire_at) for r in second] == [("0d", jst(2027, 7, 30, 9))]
    assert run.tick(jst(2027, 7, 31, 9)) == []
    assert len(run.shown) == 2


def test_a_clock_set_back_does_not_repeat_what_was_shown() -> None:
    run = Runner()
    run.tick(jst(2027, 7, 28, 9, 5))
    run.tick(jst(2027, 7, 30, 9, 5))
    for moment in (jst(2027, 7, 28, 9, 30), jst(2027, 7, 20), jst(2027, 7, 30, 9, 5), jst(2027, 8, 2)):
        assert run.tick(moment) == []
    assert [r.lead for r in run.shown] == ["2d", "0d"]


def test_a_change_of_time_zone_neither_loses_nor_repeats() -> None:
    """The laptop flies to New York: 20:00 on 7/27 there is 09:00 on 7/28 in Tokyo; the same key fires once."""
    run = Runner()
    new_york = dt.timezone(dt.timedelta(hours=-4))
    assert run.tick(dt.datetime(2027, 7, 27, 19, 59, tzinfo=new_york)) == []
    assert [r.lead for r in run.tick(dt.datetime(2027, 7, 27, 20, 0, tzinfo=new_york))] == ["2d"]
    # Back home, the same instant expressed in JST and in UTC: nothing new.
    assert run.tick(jst(2027, 7, 28, 9, 0)) == []
    assert run.tick(dt.datetime(2027, 7, 28, 0, 0, tzinfo=dt.UTC)) == []


def test_reminders_missed_while_closed_fire_once_at_the_next_start() -> None:
    """Closed from 7/27 to 8/2: one reminder (the latest) at start-up; the older one is recorded as superseded."""
    run = Runner()
    due = run.tick(jst(2027, 8, 2, 8))
    assert len(due) == 1
    assert due[0].lead == "0d"
    assert len(due[0].supersedes) == 1 and due[0].supersedes[0].endswith(":d2")
    assert run.tick(jst(2027, 8, 2, 9)) == []


def test_gdpr_reminders_24_and_6_hours_before() -> None:
    run = Runner(gdpr_applies=True, learned_at=jst(2027, 7, 1, 10))
    kinds = (ClockKind.GDPR,)
    assert run.tick(jst(2027, 7, 3, 9, 59), kinds) == []
    assert [r.lead for r in run.tick(jst(2027, 7, 3, 10, 0), kinds)] == ["24h"]
    assert run.tick(jst(2027, 7, 4, 3, 59), kinds) == []
    assert [r.lead for r in run.tick(jst(2027, 7, 4, 4, 0), kinds)] == ["6h"]
    assert run.tick(jst(2027, 7, 4, 12), kinds) == []


def test_undated_duties_are_reminded_every_morning_until_recorded() -> None:
    run = Runner()
    kinds = (ClockKind.INDIVIDUAL_NOTICE,)
    assert run.tick(jst(2027, 7, 1, 8), kinds) == []
    assert [r.lead for r in run.tick(jst(2027, 7, 1, 9), kinds)] == ["daily"]
    assert run.tick(jst(2027, 7, 1, 17), kinds) == []
    assert [r.lead for r in run.tick(jst(2027, 7, 2, 9, 30), kinds)] == ["daily"]
    assert run.tick(jst(2027, 7, 2, 10), kinds) == []


def test_a_done_clock_reminds_of_nothing() -> None:
    now = jst(2027, 7, 28, 9)
    clock = clocks_at(now, assessed(data_items=SENSITIVE), [(FilingKind.KAKUHO, jst(2027, 7, 27))])[
        ClockKind.KAKUHO
    ]
    assert due_reminders([clock], DEFAULTS, now, set()) == []


def test_a_new_due_date_after_reassessment_gets_its_own_reminders() -> None:
    run = Runner()
    assert [r.lead for r in run.tick(jst(2027, 7, 28, 9))] == ["2d"]
    run.facts = {"malicious": True, "malicious_basis": MaliciousBasis.UNAUTHORIZED_ACCESS}  # 60 days: 8/30
    assert run.tick(jst(2027, 7, 30, 9)) == []  # the old 7/30 date no longer exists
    assert [r.fire_at for r in run.tick(jst(2027, 8, 28, 9))] == [jst(2027, 8, 28, 9)]


def test_custom_leads_and_disabled_reminders() -> None:
    settings = ReminderSettings(date_leads_days=(7, 1), morning_hour=8)
    run = Runner(settings)
    assert [(r.lead, r.fire_at) for r in run.tick(jst(2027, 7, 23, 8))] == [("7d", jst(2027, 7, 23, 8))]
    assert [r.lead for r in run.tick(jst(2027, 7, 29, 8))] == ["1d"]
    clocks = _kakuho_only(jst(2027, 7, 30, 9))
    assert due_reminders(clocks, ReminderSettings(enabled=False), jst(2027, 7, 30, 9), set()) == []


def test_keys_name_the_incident_clock_due_date_and_lead() -> None:
    due = due_reminders(_kakuho_only(jst(2027, 7, 28, 9)), DEFAULTS, jst(2027, 7, 28, 9), set())
    assert [r.key for r in due] == ["1:kakuho:2027-07-30:d2"]


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        due_reminders([], DEFAULTS, dt.datetime(2027, 7, 28, 9), set())


def test_settings_survive_damage_field_by_field() -> None:
    assert read_reminder_settings(None) == DEFAULTS
    assert read_reminder_settings(settings_json(DEFAULTS)) == DEFAULTS
    damaged = read_reminder_settings(
        {"date_leads_days": [3, "x"], "morning_hour": 31, "gdpr_leads_hours": [12, 48, 12], "enabled": True}
    )
    assert damaged.date_leads_days == (2, 0)
    assert damaged.morning_hour == 9
    assert damaged.gdpr_leads_hours == (48, 12)
    with pytest.raises(StoredDataError):
        read_reminder_settings(["not", "settings"])
    with pytest.raises(StoredDataError):
        read_reminder_settings({"version": 2})  # a newer BreachDesk's settings are not guessed at


def test_settings_saved_by_todays_version_read_back_and_are_written_with_their_version() -> None:
    saved = {  # exactly what the settings row held before the settings said their version
        "enabled": False,
        "date_leads_days": [5, 1, 0],
        "morning_hour": 8,
        "gdpr_leads_hours": [48],
        "undated_daily": False,
    }
    settings = read_reminder_settings(saved)
    assert settings == ReminderSettings(False, (5, 1, 0), 8, (48,), False)
    assert settings_json(settings) == {"version": 1, **saved}
    assert read_reminder_settings(settings_json(settings)) == settings


def test_pruning_forgets_closed_incidents_and_old_daily_keys() -> None:
    fired = {
        "1:kakuho:2027-07-30:d2": "a",
        "2:kakuho:2027-07-30:d2": "b",
        "1:individual_notice:daily:2027-07-01": "c",
        "1:individual_notice:daily:2027-07-28": "d",
    }
    kept = prune_fired(fired, [1], dt.date(2027, 7, 30))
    assert kept == {"1:kakuho:2027-07-30:d2": "a", "1:individual_notice:daily:2027-07-28": "d"}


def test_startup_summary_lists_overdue_and_due_within_two_days() -> None:
    now = jst(2027, 7, 4)
    clocks = list(clocks_at(now, assessed(data_items=SENSITIVE)).values())
    overdue = clocks_at(jst(2027, 8, 2), assessed(data_items=SENSITIVE))
    summary = startup_summary([*clocks, overdue[ClockKind.KAKUHO]])
    assert [(c.kind, c.state.value) for c in summary] == [
        (ClockKind.KAKUHO, "overdue"),
        (ClockKind.SOKUHO, "upcoming"),
    ]


def test_a_clock_set_back_does_not_bring_back_yesterdays_nag() -> None:
    run = Runner()
    kinds = (ClockKind.INDIVIDUAL_NOTICE,)
    assert [r.lead for r in run.tick(jst(2027, 7, 3, 9, 30), kinds)] == ["daily"]
    assert run.tick(jst(2027, 7, 2, 9, 30), kinds) == []
    assert [r.lead for r in run.tick(jst(2027, 7, 4, 9, 30), kinds)] == ["daily"]
