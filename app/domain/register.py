"""What the register asks for and shows: query, row and sort keys (no database here, so the window can import
them before SQLAlchemy loads)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.incident import IncidentStatus


class SortKey(StrEnum):
    REFERENCE = "reference"
    TITLE = "title"
    LEARNED = "learned"
    KIND = "kind"
    ITEMS = "items"
    STATUS = "status"
    NEXT_DEADLINE = "next_deadline"


class Reportable(StrEnum):
    ALL = "all"
    REPORTABLE = "reportable"  # 報告対象のみ
    NOT_REPORTABLE = "not_reportable"  # 非該当のみ


@dataclass(frozen=True, slots=True)
class RegisterQuery:
    text: str = ""
    statuses: frozenset[IncidentStatus] = field(default_factory=frozenset)  # empty = every status
    due_within_days: int | None = None  # 期限が近い: next deadline on or before today + n (overdue included)
    fiscal_year: int | None = None  # 年度 of the 発覚日: April to March
    reportable: Reportable = Reportable.ALL
    jipdec_category: str | None = None
    sort: SortKey = SortKey.LEARNED
    descending: bool = True


@dataclass(frozen=True, slots=True)
class RegisterRow:
    id: int
    reference: str
    title: str
    learned_date: dt.date | None
    incident_kind: str | None
    applicable_items: tuple[int, ...]
    status: IncidentStatus
    next_deadline: dt.date | None
    reportable: bool | None
    jipdec_category: str | None


def fiscal_year_of(day: dt.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def tokyo_today() -> dt.date:
    """The register's "today" is Japan's, whatever the PC's zone (Windows without tzdata: +09:00, no DST)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # ~6 ms: not before the window's first paint

    try:
        zone: dt.tzinfo = ZoneInfo("Asia/Tokyo")
    except ZoneInfoNotFoundError:
        zone = dt.timezone(dt.timedelta(hours=9))
    return dt.datetime.now(zone).date()
