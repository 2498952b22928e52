"""What the register asks for and shows: query, row and sort keys (no database here, so the window can import
them before SQLAlchemy loads)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from app.domain.incident import IncidentStatus
from app.i18n import _, current_language


class SortKey(StrEnum):
    REFERENCE = "reference"
    TITLE = "title"
    LEARNED = "learned"
    KIND = "kind"
    ITEMS = "items"
    STATUS = "status"
    NEXT_DEADLINE = "next_deadline"
    BANGO = (
        "bango"  # the 番号法 column: reportable first, then effort, not assessed, nothing owed, no numbers
    )


class BangoVerdict(StrEnum):
    """The 番号法 column (docs/domain.md §15), stored per incident so the register filters and sorts on it."""

    REPORT = "report"  # a 報告対象事態 under 規則2条 (for a 委託先: one its 委託元 must report)
    EFFORT = "effort"  # not reportable, but the business shall endeavour to report (GL-B 別添2 3B)
    NOT_ASSESSED = "not_assessed"  # My Numbers in the data, assessed before the 番号法 track: re-assess
    NOTHING_DUE = "nothing_due"  # My Numbers in the data, nothing to report (e.g. high-grade encryption)
    NONE = "none"  # no 個人番号 in the data

    @property
    def involved(self) -> bool:
        return self is not BangoVerdict.NONE

    @classmethod
    def stored(cls, value: str | None) -> BangoVerdict | None:
        """None for an incident not assessed yet, and for a value written by a newer version."""
        try:
            return cls(value) if value is not None else None
        except ValueError:
            return None


def bango_verdict(
    assessment: Mapping[str, Any] | None, facts: Mapping[str, Any] | None
) -> BangoVerdict | None:
    """From a saved assessment's JSON and the facts it was made from; None when there is no assessment.

    The raw JSON is read because an assessment saved before the 番号法 track has no "bango" object at all, which
    must not read as "assessed, nothing due" when the facts name a 個人番号."""
    if assessment is None:
        return None
    items = (facts or {}).get("data_items") or ()
    in_data = "my_number" in items
    bango = assessment.get("bango")
    if not isinstance(bango, Mapping):
        return BangoVerdict.NOT_ASSESSED if in_data else BangoVerdict.NONE
    if bango.get("categories"):
        return BangoVerdict.REPORT
    if bango.get("effort_report"):
        return BangoVerdict.EFFORT
    if in_data or bango.get("applies") or bango.get("excluded_by"):
        return BangoVerdict.NOTHING_DUE
    return BangoVerdict.NONE


def bango_words(verdict: BangoVerdict | None, categories: Sequence[int]) -> str:
    """The 番号法 column in words, as the register, its CSV and the workspace show it: 「2号・4号」, 努力義務, 未判定,
    該当なし, or — without My Numbers; empty before any assessment (the 該当号 column already says so)."""
    if verdict is None:
        return ""
    if verdict is BangoVerdict.REPORT:
        separator = "・" if current_language() == "ja" else ", "
        return separator.join(_("Cat. {n}").format(n=n) for n in categories) or _("Reportable")
    return {
        BangoVerdict.EFFORT: _("Best effort"),
        BangoVerdict.NOT_ASSESSED: _("Not assessed"),
        BangoVerdict.NOTHING_DUE: _("No item applies"),
        BangoVerdict.NONE: "—",
    }[verdict]


BANGO_SORT_ORDER = tuple(BangoVerdict)  # the order of the 番号法 column when sorted ascending


class MyNumberFilter(StrEnum):
    ALL = "all"
    INVOLVED = "involved"  # マイナンバーを含む (whatever the verdict)
    REPORTABLE = "reportable"  # 番号法の報告対象
    NOT_INVOLVED = "not_involved"  # マイナンバーを含まない


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
    my_number: MyNumberFilter = MyNumberFilter.ALL
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
    reportable: bool | None  # under either law
    jipdec_category: str | None
    bango_verdict: BangoVerdict | None = None  # None: not assessed yet
    bango_categories: tuple[int, ...] = ()  # 規則2条 号


def fiscal_year_of(day: dt.date) -> int:
    return day.year if day.month >= 4 else day.year - 1
