"""The reminder check at the size of the worst week (issue 18 point 4): thousands of undated duties against
thousands of stored keys are decided in one pass, and a clock set back still brings back no day's nag."""

from __future__ import annotations

import dataclasses
import time

from app.deadlines.clocks import ClockKind
from app.deadlines.reminders import ReminderSettings, due_reminders, latest_daily_fired
from tests.clocks.helpers import assessed, clocks_at, jst
from tests.rules.factories import DataItem

NOW = jst(2027, 7, 3, 9, 30)


def test_the_latest_daily_day_is_read_per_incident_and_kind() -> None:
    keys = {
        "1:individual_notice:daily:2027-07-01",
        "1:individual_notice:daily:2027-07-04",
        "1:individual_notice:daily:2027-07-02",
        "2:publication:daily:2027-06-30",
        "1:kakuho:2027-07-30:d2",
    }
    assert latest_daily_fired(keys) == {"1:individual_notice": "2027-07-04", "2:publication": "2027-06-30"}


def test_ten_thousand_undated_duties_against_ten_thousand_keys_in_one_pass() -> None:
    template = clocks_at(NOW, assessed(data_items=(DataItem.NAME, DataItem.DIAGNOSIS)))[
        ClockKind.INDIVIDUAL_NOTICE
    ]
    clocks = [dataclasses.replace(template, incident_id=i) for i in range(1, 10_001)]
    # Every even incident was already nagged tomorrow (the computer's clock was set back since): it stays silent.
    fired = {f"{i}:individual_notice:daily:2027-07-04" for i in range(2, 10_001, 2)}
    started = time.perf_counter()
    due = due_reminders(clocks, ReminderSettings(), NOW, fired)
    took = time.perf_counter() - started
    assert sorted(r.clock.incident_id for r in due) == list(range(1, 10_001, 2))
    assert {r.lead for r in due} == {"daily"}
    assert took < 2.0  # one look-up per clock; comparing every clock with every key took minutes
