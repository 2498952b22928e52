"""Facts for tests: a plain controller leak of one person's name on 2027-07-01 unless a test says otherwise."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from app.domain.facts import DataItem, Encryption, Event, Facts, Financial, MaliciousBasis, Role

LEARNED = dt.date(2027, 7, 1)


def make_facts(**changes: Any) -> Facts:
    base = Facts(
        role=Role.CONTROLLER,
        event=Event.LEAK,
        learned_date=LEARNED,
        data_items=(DataItem.NAME,),
        affected_count=1,
    )
    return dataclasses.replace(base, **changes)


__all__ = ["LEARNED", "DataItem", "Encryption", "Event", "Financial", "MaliciousBasis", "Role", "make_facts"]
