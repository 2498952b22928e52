"""Clocks for tests: incidents assessed by the real rules engine, and moments written in Japan time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.db.codec import encode
from app.deadlines.clocks import Clock, ClockKind, clocks_for
from app.domain.dates import JST
from app.domain.filing import FilingKind
from app.domain.office import OfficeProfile
from app.rules import assess
from tests.rules.factories import make_facts


@dataclass(frozen=True)
class Subject:
    id: int = 1
    reference: str = "2027-0001"
    title: str = "メール誤送信"
    learned_date: dt.date | None = dt.date(2027, 7, 1)


def jst(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=JST)


def assessed(**facts: Any) -> dict[str, Any]:
    """The assessment JSON exactly as the register stores it."""
    return encode(assess(make_facts(**facts)))


def clocks_at(
    now: dt.datetime,
    assessment: dict[str, Any] | None,
    filings: list[tuple[FilingKind, dt.datetime]] | None = None,
    *,
    subject: Subject | None = None,
    office: OfficeProfile | None = None,
    substitute_publication: bool = False,
) -> dict[ClockKind, Clock]:
    found = clocks_for(
        subject or Subject(),
        assessment,
        filings or [],
        office or OfficeProfile(name="テスト事業者"),
        now,
        substitute_publication=substitute_publication,
    )
    by_kind = {clock.kind: clock for clock in found}
    assert len(by_kind) == len(found), "one clock per kind"
    return by_kind
