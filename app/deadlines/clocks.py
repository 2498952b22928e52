"""Every running clock of an incident, derived from its latest assessment and its recorded filings (docs/domain.md
§5, §8, §10, §15).

Pure: the caller passes `now`, so a test can freeze time and a wrong system clock cannot hide a deadline that the
dates themselves show. Nothing is stored: clocks are recomputed whenever the assessment or the filings change.

Two laws, one set of deadlines where they coincide. When My Numbers are involved the 番号法 track (29条の4) has
its own 速報, 確報, notice to the 委託元 and 本人通知. A 番号法 duty that falls on exactly the days of the 第7条 duty of
the same kind is shown as ONE clock labelled for both laws (`Clock.joint`), under the 第7条 kind: its key, and so
its reminders and calendar UID, stay those the officer already had. A 番号法 duty on other days (30 days against
60, only one track reportable, a later clock start) is a clock of its own, with its own key.

Which filing stops which clock. The register records a filing by kind (速報, 確報, …) and channel. The PPC form's
My Number path carries both reports at once (CONV-BANGO-FILING, `filing: "joint"`), and it is the only way the
番号法 report is made, so a recorded 速報 or 確報 stops the clocks of both laws, whichever clock they are shown in.
The one exception is `filing: "separate"`: the 第7条 report goes to the delegated minister and the 番号法 report to
the PPC, so there the channel decides: a filing through the PPC form ("ppc_form") stops the 番号法 clocks only,
any other channel the 第7条 clocks only, and the two are never merged even on the same days. A filing recorded
without a channel (older callers) stops both. A 番号法 clock of its own that starts later than the 第7条 one (the
count found to exceed 100 later) is stopped only by a filing made on or after its day 1: an earlier report could
not have included it. 本人通知 is one letter for both laws (one filing stops both).
The effort report (努力義務, GL-B 別添2 3B) is shown as an undated item stopped by any report to the PPC; it is not
a deadline, so it is never reminded and never reaches the calendar.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from app.calendar import day_count
from app.db.codec import structure
from app.deadlines.kinds import ClockKind, ClockState
from app.domain.assessment import (
    NO_BANGO,
    Assessment,
    BangoAssessment,
    DateWindow,
    Filing,
    GdprResult,
    IndividualNotice,
    Kakuho,
    PMarkResult,
)
from app.domain.dates import JST
from app.domain.filing import FilingKind
from app.domain.office import OfficeProfile
from app.i18n import _, ngettext

__all__ = [
    "CLOCK_FIELDS",
    "PPC_FORM_CHANNEL",
    "Clock",
    "ClockKind",
    "ClockState",
    "IncidentLike",
    "clocks_for",
    "urgency_key",
]

HOURS_SHOWN_BELOW = 48  # under this many hours left, the panel shows hours as well as days
PPC_FORM_CHANNEL = "ppc_form"  # the channel code of the PPC's online form (app/services/workspace/filings.py)
_REPORT_FILINGS = frozenset({FilingKind.SOKUHO, FilingKind.KAKUHO, FilingKind.SOKUHO_KAKUHO})
_REPORT_CLOCKS = frozenset(
    {ClockKind.SOKUHO, ClockKind.KAKUHO, ClockKind.BANGO_SOKUHO, ClockKind.BANGO_KAKUHO}
)
_NOTICE_DUE = (IndividualNotice.REQUIRED, IndividualNotice.REQUIRED_SUBSTITUTE_ALLOWED)


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
    # 本人通知 is difficult, so publication may stand in for it (法26条2項ただし書, 規則5条).
    substitute_allowed: bool = False
    # The 第7条 duty and the 番号法 duty of the same kind fall on the same days: one clock for both laws.
    joint: bool = False
    period_days: int | None = None  # 確報: 30 or 60

    @property
    def moved(self) -> bool:
        return self.nth_day is not None and self.due_date is not None and self.nth_day != self.due_date

    def label(self) -> str:
        """「確報（個人情報保護法・番号法）」, 「番号法 確報（60日以内）」 or the kind's own name, in the UI language."""
        if self.joint:
            return _("{duty} (APPI and My Number Act)").format(duty=self.kind.label())
        if self.kind is ClockKind.BANGO_KAKUHO and self.period_days is not None:
            return ngettext(
                "My Number Act final report (within {days} day)",
                "My Number Act final report (within {days} days)",
                self.period_days,
            ).format(days=self.period_days)
        return self.kind.label()

    @property
    def ja(self) -> str:
        """The label in Japanese whatever the UI language (calendar files)."""
        if self.joint:
            return f"{self.kind.ja}（個人情報保護法・番号法）"
        if self.kind is ClockKind.BANGO_KAKUHO and self.period_days is not None:
            return f"{self.kind.ja}（{self.period_days}日以内）"
        return self.kind.ja

    @property
    def basis_msgids(self) -> tuple[str, ...]:
        """The untranslated legal basis of each law the clock stands for."""
        counterpart = self.kind.bango_counterpart if self.joint else None
        return (self.kind.basis_msgid,) + ((counterpart.basis_msgid,) if counterpart is not None else ())

    @property
    def legal_basis(self) -> str:
        return "\n".join(_(msgid) for msgid in self.basis_msgids)

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
    """Overdue first (longest overdue on top), then today, the next two days, undated duties, later ones, then what
    is no duty (the 番号法 effort report), done last."""
    if clock.state is ClockState.OPEN_NO_DATE and clock.kind.effort_only:
        return (4, math.inf, clock.reference, _KIND_ORDER[clock.kind])
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
    "bango",
)


@dataclass(frozen=True, slots=True)
class _Plan:
    """The clock-bearing part of an assessment; a missing key means "not found", never a crash hiding the rest."""

    applicable_items: tuple[int, ...] = ()
    individual_notice: IndividualNotice = IndividualNotice.NOT_REQUIRED
    clock_start: dt.date | None = None
    sokuho_window: DateWindow | None = None
    kakuho: Kakuho | None = None
    entrustor_notice_window: DateWindow | None = None
    pmark: PMarkResult | None = None
    gdpr: GdprResult | None = None
    bango: BangoAssessment = NO_BANGO  # absent in assessments saved before the 番号法 track

    @classmethod
    def of(cls, a: Assessment | Mapping[str, Any]) -> _Plan:
        """A live assessment, or the stored parts read through the one codec (null reads as not found)."""
        if isinstance(a, Assessment):
            return cls(*(getattr(a, name) for name in CLOCK_FIELDS))
        return structure({key: value for key, value in a.items() if value is not None}, cls)


# (kind, filed_at) or (kind, filed_at, channel): the channel matters only under filing "separate".
FilingLike = tuple[FilingKind | str, dt.datetime] | tuple[FilingKind | str, dt.datetime, str | None]


@dataclass(frozen=True, slots=True)
class _Due:
    """When one law's duty of one kind falls due; two equal ones are the same deadline."""

    due: dt.date
    due_from: dt.date | None = None
    nth_day: dt.date | None = None
    start: dt.date | None = None
    period_days: int | None = None


def _window(window: DateWindow | None, start: dt.date | None) -> _Due | None:
    return None if window is None else _Due(window.end, due_from=window.start, start=start)


def _kakuho(kakuho: Kakuho | None, start: dt.date | None) -> _Due | None:
    if kakuho is None:
        return None
    return _Due(kakuho.deadline, nth_day=kakuho.nth_day, start=start, period_days=kakuho.days)


def clocks_for(
    incident: IncidentLike,
    assessment: Assessment | Mapping[str, Any] | None,
    filings: Iterable[FilingLike],
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
    b = a.bango
    separate = b.filing is Filing.SEPARATE
    build = _Builder(incident, now, _filings_by_kind(filings), separate=separate)
    pairs = (
        (
            ClockKind.ENTRUSTOR_NOTICE,
            _window(a.entrustor_notice_window, a.clock_start),
            _window(b.entrustor_notice_window, b.clock_start),
        ),
        (ClockKind.SOKUHO, _window(a.sokuho_window, a.clock_start), _window(b.sokuho_window, b.clock_start)),
        (ClockKind.KAKUHO, _kakuho(a.kakuho, a.clock_start), _kakuho(b.kakuho, b.clock_start)),
    )
    for kind, appi_due, bango_due in pairs:
        if appi_due is not None and appi_due == bango_due and not separate:
            build.dated(kind, appi_due, joint=True)
            continue
        if appi_due is not None:
            build.dated(kind, appi_due)
        counterpart = kind.bango_counterpart
        if bango_due is not None and counterpart is not None:
            build.dated(counterpart, bango_due)
    _notice_clocks(build, a, substitute_publication)
    if b.effort_report:
        build.undated(ClockKind.BANGO_EFFORT_REPORT, incident.learned_date or b.clock_start)
    _pmark_clocks(build, a, incident, office)
    if a.gdpr is not None:
        build.timed(ClockKind.GDPR, a.gdpr.art33_deadline, start=a.gdpr.awareness.astimezone(JST).date())
    return sorted(build.clocks, key=urgency_key)


def _notice_clocks(build: _Builder, a: _Plan, substitute_publication: bool) -> None:
    """本人通知 has no date under either law (速やかに), so when both laws ask for it from the same day, it is one
    duty and one clock; a 番号法 duty that arose later (the count found to exceed 100 later) is its own clock, which a
    notice sent before that day does not stop.

    Publication stands in only where every law that asks for the notice allows a substitute (法26条2項ただし書;
    規則5条 for the 番号法)."""
    b = a.bango
    appi = a.individual_notice in _NOTICE_DUE
    bango = b.notify_required and b.individual_notice in _NOTICE_DUE
    later = (
        appi
        and bango
        and a.clock_start is not None
        and b.clock_start is not None
        and b.clock_start > a.clock_start
    )
    appi_allowed = a.individual_notice is IndividualNotice.REQUIRED_SUBSTITUTE_ALLOWED
    bango_allowed = b.individual_notice is IndividualNotice.REQUIRED_SUBSTITUTE_ALLOWED
    notices: list[tuple[ClockKind, dt.date | None, bool, bool]] = []  # kind, start, substitute allowed, joint
    if appi and bango and not later:
        notices.append(
            (
                ClockKind.INDIVIDUAL_NOTICE,
                a.clock_start or b.clock_start,
                appi_allowed and bango_allowed,
                True,
            )
        )
    else:
        if appi:
            notices.append((ClockKind.INDIVIDUAL_NOTICE, a.clock_start, appi_allowed, False))
        if bango:
            notices.append((ClockKind.BANGO_INDIVIDUAL_NOTICE, b.clock_start, bango_allowed, False))
    for kind, start, allowed, joint in notices:
        build.undated(kind, start, substitute_allowed=allowed, joint=joint)
    if notices and all(allowed for _kind, _start, allowed, _joint in notices) and substitute_publication:
        build.undated(
            ClockKind.PUBLICATION, min((n[1] for n in notices if n[1]), default=None), substitute_allowed=True
        )


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
        window = day_count.sokuho_window(start)
        build.dated(ClockKind.PMARK_SOKUHO, _Due(window.end, due_from=window.start, start=start))
    kakuho = day_count.kakuho_deadline(start, days)
    build.dated(ClockKind.PMARK_KAKUHO, _Due(kakuho.deadline, nth_day=kakuho.nth_day, start=start))


def _filings_by_kind(filings: Iterable[FilingLike]) -> dict[FilingKind, list[tuple[dt.datetime, str | None]]]:
    found: dict[FilingKind, list[tuple[dt.datetime, str | None]]] = {}
    for kind, filed_at, *rest in filings:
        try:
            code = FilingKind(kind)
        except ValueError:
            continue  # a kind added by a newer version stops none of our clocks
        if filed_at.tzinfo is None:
            raise ValueError("filed_at must be timezone-aware")
        found.setdefault(code, []).append((filed_at, rest[0] if rest else None))
    return found


class _Builder:
    def __init__(
        self,
        incident: IncidentLike,
        now: dt.datetime,
        filed: dict[FilingKind, list[tuple[dt.datetime, str | None]]],
        *,
        separate: bool = False,
    ):
        self.incident = incident
        self.now = now
        self.today = now.astimezone(JST).date()
        self.filed = filed
        self.separate = separate
        self.clocks: list[Clock] = []

    def _filed(self, kind: ClockKind, start: dt.date | None) -> dt.datetime | None:
        """The earliest filing that stops the clock (see the module's docstring for filing "separate")."""
        since = start if kind.bango else None
        moments = [
            filed_at
            for filing in kind.stopped_by
            for filed_at, channel in self.filed.get(filing, ())
            if self._counts_for(kind, filing, channel)
            and (since is None or filed_at.astimezone(JST).date() >= since)
        ]
        return min(moments) if moments else None

    def _counts_for(self, kind: ClockKind, filing: FilingKind, channel: str | None) -> bool:
        if (
            not self.separate
            or channel is None
            or filing not in _REPORT_FILINGS
            or kind not in _REPORT_CLOCKS
        ):
            return True
        return (channel == PPC_FORM_CHANNEL) == kind.bango

    def _add(self, kind: ClockKind, state: ClockState, **fields: Any) -> None:
        self.clocks.append(
            Clock(self.incident.id, self.incident.reference, self.incident.title, kind, state, **fields)
        )

    def dated(self, kind: ClockKind, when: _Due, *, joint: bool = False) -> None:
        filed_at = self._filed(kind, when.start)
        due = when.due
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
            start=when.start,
            due_from=when.due_from,
            due_date=due,
            nth_day=when.nth_day,
            days_left=days_left,
            hours_left=hours_left,
            filed_at=filed_at,
            joint=joint,
            period_days=when.period_days,
        )

    def timed(self, kind: ClockKind, due_at: dt.datetime, *, start: dt.date | None) -> None:
        filed_at = self._filed(kind, start)
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

    def undated(
        self, kind: ClockKind, start: dt.date | None, *, substitute_allowed: bool = False, joint: bool = False
    ) -> None:
        filed_at = self._filed(kind, start)
        state = ClockState.DONE_ON_TIME if filed_at is not None else ClockState.OPEN_NO_DATE
        self._add(
            kind, state, start=start, filed_at=filed_at, substitute_allowed=substitute_allowed, joint=joint
        )
