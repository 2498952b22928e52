"""Every running clock of an incident, derived from its latest assessment and its recorded filings (docs/domain.md §5, §8, §10).

Pure: the caller passes `now`, so a test can freeze time and a wrong system clock cannot hide a deadline that the
dates themselves show. Nothing is stored: clocks are recomputed whenever the assessment or the filings change.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from app import deadlines
from app.clock_kinds import ClockKind, ClockState
from app.domain.assessment import Assessment, DateWindow, GdprResult, IndividualNotice, Kakuho, PMarkResult
from app.domain.filing import FilingKind
from app.domain.office import OfficeProfile
from app.jpdates import JST

__all__ = ["CLOCK_FIELDS", "Clock", "ClockKind", "ClockState", "IncidentLike", "clocks_for", "urgency_key"]

HOURS_SHOWN_BELOW = 48  # under this many hours left, the panel shows hours as well as days


class IncidentLike(Protocol):
    """What a clock needs of an incident; IncidentSummary fits."""

    @property
    def id(self) -> int: ...
    @property
    def reference(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def learned_date(self) -> dt.date | None: ...


@dataclass(frozen=True, slots=True)
class Clock:
    """One deadline of one incident, as it stands at `now`.

    Date clocks end with the whole of `due_date` in Japan time; a window (速報, 委託元通知) runs from `due_from`;
    the GDPR clock ends at the instant `due_at`. Undated clocks (本人通知, 公表) have none of them.
    """

    incident_id: int
    reference: str
    title: str
    kind: ClockKind
    state: ClockState
    start: dt.date | None = None
    due_from: dt.date | None = None
    due_date: dt.date | None = None
    due_at: dt.datetime | None = None
    nth_day: dt.date | None = None  # 確報: the 30th/60th day before moving past closed days
    days_left: int | None = None  # negative when overdue
    hours_left: int | None = None  # set under 48 h and always for GDPR; negative when overdue
    filed_at: dt.datetime | None = None
    # 本人通知 is difficult, so publication may stand in for it (法26条2項ただし書).
    substitute_allowed: bool = False

    @property
    def moved(self) -> bool:
        return self.nth_day is not None and self.due_date is not None and self.nth_day != self.due_date

    @property
    def legal_basis(self) -> str:
        return self.kind.legal_basis()

    @property
    def key(self) -> str:
        """Stable identity of this clock of this incident (calendar UIDs, list selections)."""
        return f"{self.incident_id}:{self.kind.value}"

    def due_day(self) -> dt.date | None:
        """The calendar day the clock ends on, in Japan time."""
        if self.due_at is not None:
            return self.due_at.astimezone(JST).date()
        return self.due_date


_KIND_ORDER = {kind: i for i, kind in enumerate(ClockKind)}


def urgency_key(clock: Clock) -> tuple[int, float, str, int]:
    """Overdue first (longest overdue on top), then today, the next two days, undated duties, later ones, done."""
    if clock.state is ClockState.OPEN_NO_DATE:
        return (3, 0.0, clock.reference, _KIND_ORDER[clock.kind])
    if clock.state.done:
        return (5, 0.0, clock.reference, _KIND_ORDER[clock.kind])
    end = _end_moment(clock)
    rank = {ClockState.OVERDUE: 0, ClockState.DUE_TODAY: 1}.get(clock.state)
    if rank is None:
        rank = 2 if (clock.days_left or 0) <= 2 else 4
    return (rank, end.timestamp() if end else 0.0, clock.reference, _KIND_ORDER[clock.kind])


def _end_moment(clock: Clock) -> dt.datetime | None:
    if clock.due_at is not None:
        return clock.due_at
    if clock.due_date is not None:
        return dt.datetime.combine(clock.due_date + dt.timedelta(days=1), dt.time(), JST)
    return None


# The only parts of an assessment the clocks read: the service fetches just these from the register.
CLOCK_FIELDS = (
    "applicable_items",
    "individual_notice",
    "clock_start",
    "sokuho_window",
    "kakuho",
    "entrustor_notice_window",
    "pmark",
    "gdpr",
)


@dataclass(frozen=True, slots=True)
class _Plan:
    """The clock-bearing part of an assessment; a missing key means "not found", never a crash hiding the rest."""

    applicable_items: tuple[int, ...]
    individual_notice: IndividualNotice
    clock_start: dt.date | None
    sokuho_window: DateWindow | None
    kakuho: Kakuho | None
    entrustor_notice_window: DateWindow | None
    pmark: PMarkResult | None
    gdpr: GdprResult | None

    @classmethod
    def of(cls, a: Assessment | Mapping[str, Any]) -> _Plan:
        if isinstance(a, Assessment):
            return cls(*(getattr(a, name) for name in CLOCK_FIELDS))

        def opt(key: str, parse: Any) -> Any:
            value = a.get(key)
            return None if value is None else parse(value)

        return cls(
            applicable_items=tuple(int(i) for i in a.get("applicable_items") or ()),
            individual_notice=IndividualNotice(a.get("individual_notice") or "not_required"),
            clock_start=opt("clock_start", dt.date.fromisoformat),
            sokuho_window=opt("sokuho_window", DateWindow.from_json),
            kakuho=opt("kakuho", Kakuho.from_json),
            entrustor_notice_window=opt("entrustor_notice_window", DateWindow.from_json),
            pmark=opt("pmark", PMarkResult.from_json),
            gdpr=opt("gdpr", GdprResult.from_json),
        )


def clocks_for(
    incident: IncidentLike,
    assessment: Assessment | Mapping[str, Any] | None,
    filings: Iterable[tuple[FilingKind | str, dt.datetime]],
    office: OfficeProfile,
    now: dt.datetime,
    *,
    substitute_publication: bool = False,
) -> list[Clock]:
    """The incident's clocks at `now`, most urgent first; none until it has been assessed."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    if assessment is None:
        return []
    a = _Plan.of(assessment)
    filed = _first_filings(filings)
    build = _Builder(incident, now, filed)
    if a.entrustor_notice_window is not None:
        window = a.entrustor_notice_window
        build.dated(ClockKind.ENTRUSTOR_NOTICE, window.end, due_from=window.start, start=a.clock_start)
    if a.sokuho_window is not None:
        build.dated(
            ClockKind.SOKUHO, a.sokuho_window.end, due_from=a.sokuho_window.start, start=a.clock_start
        )
    if a.kakuho is not None:
        build.dated(ClockKind.KAKUHO, a.kakuho.deadline, nth_day=a.kakuho.nth_day, start=a.clock_start)
    if a.individual_notice in (IndividualNotice.REQUIRED, IndividualNotice.REQUIRED_SUBSTITUTE_ALLOWED):
        allowed = a.individual_notice is IndividualNotice.REQUIRED_SUBSTITUTE_ALLOWED
        build.undated(ClockKind.INDIVIDUAL_NOTICE, a.clock_start, substitute_allowed=allowed)
        if allowed and substitute_publication:
            build.undated(ClockKind.PUBLICATION, a.clock_start, substitute_allowed=True)
    _pmark_clocks(build, a, incident, office)
    if a.gdpr is not None:
        build.timed(ClockKind.GDPR, a.gdpr.art33_deadline, start=a.gdpr.awareness.astimezone(JST).date())
    return sorted(build.clocks, key=urgency_key)


def _pmark_clocks(build: _Builder, a: _Plan, incident: IncidentLike, office: OfficeProfile) -> None:
    """P-mark counts from 発覚日 with the PPC counting reused (docs/domain.md §8: the method is not published).

    The assessment says what is due when the facts named the office a holder; when only the office profile does,
    the 号 found stand in for the P-mark triggers (3号 → 60 days) until the incident is re-assessed.
    """
    start = incident.learned_date or a.clock_start
    if start is None:
        return
    if a.pmark is not None:
        if not a.pmark.report_required:
            return
        sokuho_required, days = a.pmark.sokuho_required, a.pmark.kakuho_days
    elif office.pmark_holder and a.applicable_items:
        sokuho_required, days = True, 60 if 3 in a.applicable_items else 30
    else:
        return
    if sokuho_required:
        window = deadlines.sokuho_window(start)
        build.dated(ClockKind.PMARK_SOKUHO, window.end, due_from=window.start, start=start)
    kakuho = deadlines.kakuho_deadline(start, days)
    build.dated(ClockKind.PMARK_KAKUHO, kakuho.deadline, nth_day=kakuho.nth_day, start=start)


def _first_filings(filings: Iterable[tuple[FilingKind | str, dt.datetime]]) -> dict[FilingKind, dt.datetime]:
    first: dict[FilingKind, dt.datetime] = {}
    for kind, filed_at in filings:
        try:
            code = FilingKind(kind)
        except ValueError:
            continue  # a kind added by a newer version stops none of our clocks
        if filed_at.tzinfo is None:
            raise ValueError("filed_at must be timezone-aware")
        if code not in first or filed_at < first[code]:
            first[code] = filed_at
    return first


class _Builder:
    def __init__(self, incident: IncidentLike, now: dt.datetime, filed: dict[FilingKind, dt.datetime]):
        self.incident = incident
        self.now = now
        self.today = now.astimezone(JST).date()
        self.filed = filed
        self.clocks: list[Clock] = []

    def _filed(self, kind: ClockKind) -> dt.datetime | None:
        moments = [self.filed[f] for f in kind.stopped_by if f in self.filed]
        return min(moments) if moments else None

    def _add(self, kind: ClockKind, state: ClockState, **fields: Any) -> None:
        self.clocks.append(
            Clock(self.incident.id, self.incident.reference, self.incident.title, kind, state, **fields)
        )

    def dated(
        self,
        kind: ClockKind,
        due: dt.date,
        *,
        due_from: dt.date | None = None,
        nth_day: dt.date | None = None,
        start: dt.date | None = None,
    ) -> None:
        filed_at = self._filed(kind)
        days_left = (due - self.today).days
        hours_left = None
        if filed_at is not None:
            on_time = filed_at.astimezone(JST).date() <= due
            state = ClockState.DONE_ON_TIME if on_time else ClockState.DONE_LATE
        elif days_left < 0:
            state = ClockState.OVERDUE
        else:
            state = ClockState.DUE_TODAY if days_left == 0 else ClockState.UPCOMING
            end = dt.datetime.combine(due + dt.timedelta(days=1), dt.time(), JST)
            remaining = (end - self.now).total_seconds() / 3600
            if remaining < HOURS_SHOWN_BELOW:
                hours_left = int(remaining)
        self._add(
            kind,
            state,
            start=start,
            due_from=due_from,
            due_date=due,
            nth_day=nth_day,
            days_left=days_left,
            hours_left=hours_left,
            filed_at=filed_at,
        )

    def timed(self, kind: ClockKind, due_at: dt.datetime, *, start: dt.date | None) -> None:
        filed_at = self._filed(kind)
        remaining = (due_at - self.now).total_seconds() / 3600
        days_left = (due_at.astimezone(JST).date() - self.today).days
        if filed_at is not None:
            state = ClockState.DONE_ON_TIME if filed_at <= due_at else ClockState.DONE_LATE
        elif remaining < 0:
            state = ClockState.OVERDUE
        else:
            state = ClockState.DUE_TODAY if days_left == 0 else ClockState.UPCOMING
        # Floored, so an instant already past never reads as "0 hours left".
        hours = None if filed_at is not None else math.floor(remaining)
        self._add(
            kind, state, start=start, due_at=due_at, days_left=days_left, hours_left=hours, filed_at=filed_at
        )

    def undated(self, kind: ClockKind, start: dt.date | None, *, substitute_allowed: bool = False) -> None:
        filed_at = self._filed(kind)
        state = ClockState.DONE_ON_TIME if filed_at is not None else ClockState.OPEN_NO_DATE
        self._add(kind, state, start=start, filed_at=filed_at, substitute_allowed=substitute_allowed)
