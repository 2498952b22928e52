"""The 速報 / 委託元通知 advice as it fits today (docs/domain.md §5.2, §5.4, §11).

The assessment stores the advice written on the day it was made (「3日目の{start}までの報告をお勧めします」) and keeps
it: the `assess` JSON contract and the history do not change. A screen that shows the advice against today reads
it through here: before day 3 as stored; on day 3 to day 5 「本日中の報告をお勧めします」; after day 5 an overdue
wording. A clock already stopped by a filing is for the caller to leave out; here only the dates decide. The
番号法 track (docs/domain.md §15) has the same windows and the same day-following wordings in app/rules/bango_texts.py.

`filing_progress` tells such a caller which steps the live filings have already done (a re-assessment of an incident
whose 速報 is filed must not advise filing it again, issue 18). It asks `clocks_for` (app/deadlines/clocks.py), the
rule the deadline panel follows, so the wizard and the workspace never disagree on what a filing stops; the caller
passes only filings that count (not withdrawn, corrections applied: app/db/effective.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace

from app.deadlines.clocks import clocks_for
from app.deadlines.kinds import ClockKind
from app.domain.assessment import Assessment, BangoAssessment, DateWindow, Reason
from app.domain.filing import FilingKind
from app.domain.office import OfficeProfile
from app.rules.bango_texts import BANGO_TEXTS
from app.rules.texts import BASE_TEXTS, Text
from app.rules.wording import date_words, say

_WINDOW_OF = {
    "R8-1": "sokuho_window",
    "R9": "entrustor_notice_window",
    "BANGO-SOKUHO": "sokuho_window",
    "BANGO-PROCESSOR": "entrustor_notice_window",
}
_KIND_OF = {
    "R8-1": FilingKind.SOKUHO,
    "R9": FilingKind.ENTRUSTOR_NOTICE,
    "BANGO-SOKUHO": FilingKind.SOKUHO,
    "BANGO-PROCESSOR": FilingKind.ENTRUSTOR_NOTICE,
}
_OPEN = (FilingKind.SOKUHO, FilingKind.ENTRUSTOR_NOTICE)


def advice_variant(window: DateWindow, today: dt.date) -> str | None:
    """None before day 3 (the stored advice holds), "window" on day 3 to day 5, "past" after day 5."""
    if today < window.start:
        return None
    return "window" if today <= window.end else "past"


def reasons_for_today(
    assessment: Assessment,
    today: dt.date,
    open_kinds: Collection[FilingKind] = _OPEN,
    texts: Mapping[str, Text] = BASE_TEXTS,
) -> tuple[Reason, ...]:
    """The assessment's reasons with the advice of each still open duty (`open_kinds`: not filed yet) replaced by
    the wording that fits `today`; a filed one keeps the advice it was filed under."""
    return tuple(
        _for_today(reason, assessment, today, texts) if _KIND_OF.get(reason.code) in open_kinds else reason
        for reason in assessment.reasons
    )


def bango_reasons_for_today(
    bango: BangoAssessment,
    today: dt.date,
    open_kinds: Collection[FilingKind] = _OPEN,
    texts: Mapping[str, Text] = BANGO_TEXTS,
) -> tuple[Reason, ...]:
    """The 番号法 reasons as `reasons_for_today` gives the 第7条 ones, with the same `open_kinds` (a joint filing
    serves both laws: CONV-BANGO-FILING, docs/domain.md §15.3)."""
    return tuple(
        _for_today(reason, bango, today, texts) if _KIND_OF.get(reason.code) in open_kinds else reason
        for reason in bango.reasons
    )


def _for_today(
    reason: Reason, assessment: Assessment | BangoAssessment, today: dt.date, texts: Mapping[str, Text]
) -> Reason:
    field = _WINDOW_OF.get(reason.code)
    window = getattr(assessment, field) if field is not None else None
    if not isinstance(window, DateWindow):
        return reason
    variant = advice_variant(window, today)
    key = f"{reason.code}/{variant}"
    if variant is None or key not in texts:
        return reason
    return say(texts, key, end=date_words(window.end))


# The reasons that tell the officer to do a step, by the clock of that step (codes as stored: the key up to "/").
_CLOCK_OF_REASON = {
    "R8-1": ClockKind.SOKUHO,
    "R8-2": ClockKind.KAKUHO,
    "R8-2-MOVED": ClockKind.KAKUHO,
    "R9": ClockKind.ENTRUSTOR_NOTICE,
    "LAW26-2": ClockKind.INDIVIDUAL_NOTICE,
    "BANGO-SOKUHO": ClockKind.BANGO_SOKUHO,
    "BANGO-KAKUHO": ClockKind.BANGO_KAKUHO,
    "BANGO-KAKUHO-same": ClockKind.BANGO_KAKUHO,
    "BANGO-KAKUHO-MOVED": ClockKind.BANGO_KAKUHO,
    "BANGO-PROCESSOR": ClockKind.BANGO_ENTRUSTOR_NOTICE,
    "BANGO-NOTICE": ClockKind.BANGO_INDIVIDUAL_NOTICE,
}
# The checklist's filing steps (app/domain/checklist.py codes), by the clock of that step.
_CLOCK_OF_CHECKLIST_STEP = {
    "file_sokuho_ppc": ClockKind.SOKUHO,
    "file_sokuho_ministry": ClockKind.SOKUHO,
    "file_kakuho": ClockKind.KAKUHO,
    "file_sokuho_bango": ClockKind.BANGO_SOKUHO,
    "file_kakuho_bango": ClockKind.BANGO_KAKUHO,
    "notify_entrustor": ClockKind.ENTRUSTOR_NOTICE,
    "notify_individuals": ClockKind.INDIVIDUAL_NOTICE,
    "notify_individuals_bango": ClockKind.BANGO_INDIVIDUAL_NOTICE,
    "gdpr_notification": ClockKind.GDPR,
}
# Steps done by sending a notice rather than filing a report (the page says 通知済み, not 提出済み).
NOTICE_CLOCKS = frozenset(
    {
        ClockKind.ENTRUSTOR_NOTICE,
        ClockKind.INDIVIDUAL_NOTICE,
        ClockKind.BANGO_ENTRUSTOR_NOTICE,
        ClockKind.BANGO_INDIVIDUAL_NOTICE,
    }
)


@dataclass(frozen=True, slots=True)
class LiveFiling:
    """A recorded filing that counts: not withdrawn, its date and receipt number as last corrected."""

    kind: FilingKind | str
    filed_at: dt.datetime
    channel: str | None = None
    receipt_number: str = ""


@dataclass(frozen=True, slots=True)
class StepDone:
    """The filing that did a step: what the officer reads instead of advice to do it."""

    clock: ClockKind
    filing: FilingKind
    filed_at: dt.datetime
    receipt_number: str


@dataclass(frozen=True, slots=True)
class FilingProgress:
    clocks: frozenset[ClockKind] = frozenset()  # every step this assessment starts
    done: Mapping[ClockKind, StepDone] = field(default_factory=dict)

    def for_reason(self, reason: Reason) -> StepDone | None:
        """The filing that did the step a reason advises, if done (a reason that advises no step: None)."""
        kind = _CLOCK_OF_REASON.get(reason.code)
        return self.done.get(kind) if kind is not None else None

    def for_checklist_step(self, code: str) -> StepDone | None:
        kind = _CLOCK_OF_CHECKLIST_STEP.get(code)
        return self.done.get(kind) if kind is not None else None

    def for_line(self, code: str, codes: Collection[str]) -> StepDone | None:
        """The filing that did a deadline line's step (`code` a ClockKind value; `codes` every line shown). A line
        both laws share (no 番号法 line of its own though the 番号法 step runs) is done only when both steps are: with
        separate filings (第7条 to a ministry) one filing may stop one law's clock only."""
        try:
            kind = ClockKind(code)
        except ValueError:
            return None
        kinds = [kind]
        counterpart = kind.bango_counterpart
        if counterpart is not None and counterpart in self.clocks and counterpart.value not in codes:
            kinds.append(counterpart)
        found = [self.done.get(k) for k in kinds]
        if any(step is None for step in found):
            return None
        return max((s for s in found if s is not None), key=lambda s: s.filed_at)

    @property
    def open_kinds(self) -> frozenset[FilingKind]:
        """The kinds `reasons_for_today` words against today: those whose 第7条 or 番号法 step is still open."""
        return frozenset(
            filing for clock in self.clocks - set(self.done) for filing in clock.stopped_by if filing in _OPEN
        )


class _Subject:
    """The fields of an incident a clock reads; the wizard has no register row to pass."""

    __slots__ = ("id", "learned_date", "reference", "title")

    def __init__(self, learned_date: dt.date | None) -> None:
        self.id, self.reference, self.title, self.learned_date = 0, "", "", learned_date


def filing_progress(
    assessment: Assessment,
    filings: Iterable[LiveFiling],
    office: OfficeProfile,
    now: dt.datetime,
    learned_date: dt.date | None = None,
) -> FilingProgress:
    """Which steps of `assessment` the filings have done, by the clocks' own rule (a joint clock does both laws'
    step); a new incident, without filings, has every step open."""
    live = list(filings)
    clocks = clocks_for(
        _Subject(learned_date), assessment, [(f.kind, f.filed_at, f.channel) for f in live], office, now
    )
    done: dict[ClockKind, StepDone] = {}
    for clock in clocks:
        if clock.filed_at is None:
            continue
        source = next(
            (f for f in live if f.filed_at == clock.filed_at and str(f.kind) in clock.kind.stopped_by), None
        )
        if source is None:
            continue
        step = StepDone(clock.kind, FilingKind(source.kind), source.filed_at, source.receipt_number)
        done[clock.kind] = step
        counterpart = clock.kind.bango_counterpart
        if clock.joint and counterpart is not None:
            done[counterpart] = replace(step, clock=counterpart)
    kinds = {clock.kind for clock in clocks}
    kinds |= {c.kind.bango_counterpart for c in clocks if c.joint and c.kind.bango_counterpart is not None}
    return FilingProgress(frozenset(kinds), done)
