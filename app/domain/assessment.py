"""The verdict of the 第7条 rules engine with its reasons and clocks (docs/domain.md §11.2); saved with each incident.

The fields are in the order of the §11.2 JSON object: app/db/codec.py writes and reads them as they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class AssessedEvent(StrEnum):
    """The event after the exclusions of GL 3-5-1-2〜4 (recovered, own provision, copy kept elsewhere)."""

    LEAK = "leak"
    LOSS = "loss"
    DAMAGE = "damage"
    NONE = "none"


class ExcludedBy(StrEnum):
    PSEUDONYMIZED = "pseudonymized"
    HIGH_GRADE_ENCRYPTION = "high_grade_encryption"
    RECOVERED_BEFORE_VIEWED = "recovered_before_viewed"
    INTENTIONAL_PROVISION = "intentional_provision"
    IDENTICAL_COPY_EXISTS = "identical_copy_exists"
    NOT_PERSONAL_DATA = "not_personal_data"


class ReportTo(StrEnum):
    PPC = "ppc"
    DELEGATED_MINISTRY = "delegated_ministry"
    ENTRUSTOR = "entrustor"


class IndividualNotice(StrEnum):
    REQUIRED = "required"
    REQUIRED_SUBSTITUTE_ALLOWED = "required_substitute_allowed"
    EXEMPT_ENTRUSTOR_NOTIFIED = "exempt_entrustor_notified"
    NOT_REQUIRED = "not_required"


@dataclass(frozen=True, slots=True)
class Reason:
    """One sentence the officer can read aloud, in both languages, with the article or guideline it rests on.

    Warnings use the same shape: what to double-check, and where the rule comes from.
    """

    code: str
    ja: str
    en: str
    refs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DateWindow:
    """A guide window (概ね3〜5日), both ends inclusive; not a statutory deadline."""

    start: dt.date
    end: dt.date


@dataclass(frozen=True, slots=True)
class Kakuho:
    """確報 deadline: the nth day counted with day 1 = clock start, moved past closed days (GL 3-5-3-4 ※2)."""

    days: int
    nth_day: dt.date
    deadline: dt.date
    moved: bool


@dataclass(frozen=True, slots=True)
class PMarkResult:
    report_required: bool
    sokuho_required: bool
    kakuho_days: int


@dataclass(frozen=True, slots=True)
class GdprResult:
    """Art. 33: clock hours from awareness, no weekend or holiday extension (app convention)."""

    awareness: dt.datetime
    art33_deadline: dt.datetime


class BangoExcludedBy(StrEnum):
    """Why the 番号法 track found nothing to report; never intentional_provision (docs/domain.md §15.3 rule 2)."""

    NOT_IN_FILE = "not_in_file"
    HIGH_GRADE_ENCRYPTION = "high_grade_encryption"
    RECOVERED_BEFORE_VIEWED = "recovered_before_viewed"
    IDENTICAL_COPY_EXISTS = "identical_copy_exists"


class Filing(StrEnum):
    """How the PPC filing(s) are made when My Numbers are involved (CONV-BANGO-FILING, §15.3 rule 14)."""

    JOINT = "joint"  # one filing on the PPC form's My Number path, ticking 規則7条 and 規則2条 items
    SEPARATE = "separate"  # 第7条 to the delegated minister, 番号法 to the PPC
    BANGO_ONLY = "bango_only"
    APPI_ONLY = "appi_only"  # only 第7条 is reportable, still through the My Number path of the form


@dataclass(frozen=True, slots=True)
class BangoAssessment:
    """The 番号法29条の4 verdict beside the 第7条 one (docs/domain.md §15.4); `applies` is False when no 個人番号."""

    applies: bool = False
    excluded_by: BangoExcludedBy | None = None
    categories: tuple[int, ...] = ()
    persons: int | None = None
    report_required: bool = False
    report_to: ReportTo | None = None
    notify_required: bool = False
    individual_notice: IndividualNotice = IndividualNotice.NOT_REQUIRED
    effort_report: bool = False
    clock_start: dt.date | None = None
    sokuho_window: DateWindow | None = None
    kakuho: Kakuho | None = None
    entrustor_notice_window: DateWindow | None = None
    filing: Filing | None = None
    reasons: tuple[Reason, ...] = ()

    @property
    def reportable(self) -> bool:
        """A 報告対象事態 under 規則2条 (for a processor: one its 委託元 must report)."""
        return bool(self.categories)


NO_BANGO = BangoAssessment()


@dataclass(frozen=True, slots=True)
class Assessment:
    rules_version: str
    event: AssessedEvent
    possibility_only: bool
    excluded_by: ExcludedBy | None
    applicable_items: tuple[int, ...]
    ppc_report_required: bool
    report_to: ReportTo | None
    individual_notice: IndividualNotice
    clock_start: dt.date | None
    sokuho_window: DateWindow | None
    kakuho: Kakuho | None
    entrustor_notice_window: DateWindow | None
    pmark: PMarkResult | None
    gdpr: GdprResult | None
    reasons: tuple[Reason, ...]
    warnings: tuple[Reason, ...]
    bango: BangoAssessment = NO_BANGO

    @property
    def reportable(self) -> bool:
        """A 報告対象事態 exists under 第7条 (for a processor: one its 委託元 must report); see also `any_reportable`."""
        return bool(self.applicable_items)

    @property
    def any_reportable(self) -> bool:
        """Either track (第7条 or 番号法29条の4) has something to report or to pass on to the 委託元."""
        return bool(self.applicable_items) or self.bango.reportable
