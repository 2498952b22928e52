"""The verdict of the 第7条 rules engine with its reasons and clocks (docs/domain.md §11.2); saved with each incident."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


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

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "ja": self.ja, "en": self.en, "refs": list(self.refs)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reason:
        return cls(data["code"], data["ja"], data["en"], tuple(data.get("refs", ())))


@dataclass(frozen=True, slots=True)
class DateWindow:
    """A guide window (概ね3〜5日), both ends inclusive; not a statutory deadline."""

    start: dt.date
    end: dt.date

    def to_json(self) -> dict[str, Any]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DateWindow:
        return cls(dt.date.fromisoformat(data["from"]), dt.date.fromisoformat(data["to"]))


@dataclass(frozen=True, slots=True)
class Kakuho:
    """確報 deadline: the nth day counted with day 1 = clock start, moved past closed days (GL 3-5-3-4 ※2)."""

    days: int
    nth_day: dt.date
    deadline: dt.date
    moved: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "days": self.days,
            "nth_day": self.nth_day.isoformat(),
            "deadline": self.deadline.isoformat(),
            "moved": self.moved,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Kakuho:
        return cls(
            int(data["days"]),
            dt.date.fromisoformat(data["nth_day"]),
            dt.date.fromisoformat(data["deadline"]),
            bool(data["moved"]),
        )


@dataclass(frozen=True, slots=True)
class PMarkResult:
    report_required: bool
    sokuho_required: bool
    kakuho_days: int

    def to_json(self) -> dict[str, Any]:
        return {
            "report_required": self.report_required,
            "sokuho_required": self.sokuho_required,
            "kakuho_days": self.kakuho_days,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PMarkResult:
        return cls(bool(data["report_required"]), bool(data["sokuho_required"]), int(data["kakuho_days"]))


@dataclass(frozen=True, slots=True)
class GdprResult:
    """Art. 33: clock hours from awareness, no weekend or holiday extension (app convention)."""

    awareness: dt.datetime
    art33_deadline: dt.datetime

    def to_json(self) -> dict[str, Any]:
        return {"awareness": self.awareness.isoformat(), "art33_deadline": self.art33_deadline.isoformat()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GdprResult:
        return cls(
            dt.datetime.fromisoformat(data["awareness"]), dt.datetime.fromisoformat(data["art33_deadline"])
        )


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

    def to_json(self) -> dict[str, Any]:
        return {
            "applies": self.applies,
            "excluded_by": self.excluded_by.value if self.excluded_by else None,
            "categories": list(self.categories),
            "persons": self.persons,
            "report_required": self.report_required,
            "report_to": self.report_to.value if self.report_to else None,
            "notify_required": self.notify_required,
            "individual_notice": self.individual_notice.value,
            "effort_report": self.effort_report,
            "clock_start": self.clock_start.isoformat() if self.clock_start else None,
            "sokuho_window": self.sokuho_window.to_json() if self.sokuho_window else None,
            "kakuho": self.kakuho.to_json() if self.kakuho else None,
            "entrustor_notice_window": (
                self.entrustor_notice_window.to_json() if self.entrustor_notice_window else None
            ),
            "filing": self.filing.value if self.filing else None,
            "reasons": [r.to_json() for r in self.reasons],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> BangoAssessment:
        """A saved assessment from before the 番号法 track has no "bango" object: it did not apply then."""
        if not data:
            return NO_BANGO

        def opt(key: str, parse: Any) -> Any:
            value = data.get(key)
            return None if value is None else parse(value)

        return cls(
            applies=bool(data.get("applies")),
            excluded_by=opt("excluded_by", BangoExcludedBy),
            categories=tuple(int(i) for i in data.get("categories", ())),
            persons=opt("persons", int),
            report_required=bool(data.get("report_required")),
            report_to=opt("report_to", ReportTo),
            notify_required=bool(data.get("notify_required")),
            individual_notice=IndividualNotice(data.get("individual_notice", "not_required")),
            effort_report=bool(data.get("effort_report")),
            clock_start=opt("clock_start", dt.date.fromisoformat),
            sokuho_window=opt("sokuho_window", DateWindow.from_json),
            kakuho=opt("kakuho", Kakuho.from_json),
            entrustor_notice_window=opt("entrustor_notice_window", DateWindow.from_json),
            filing=opt("filing", Filing),
            reasons=tuple(Reason.from_json(r) for r in data.get("reasons", ())),
        )


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

    def to_json(self) -> dict[str, Any]:
        """The §11.2 JSON object, keys in the documented order."""
        return {
            "rules_version": self.rules_version,
            "event": self.event.value,
            "possibility_only": self.possibility_only,
            "excluded_by": self.excluded_by.value if self.excluded_by else None,
            "applicable_items": list(self.applicable_items),
            "ppc_report_required": self.ppc_report_required,
            "report_to": self.report_to.value if self.report_to else None,
            "individual_notice": self.individual_notice.value,
            "clock_start": self.clock_start.isoformat() if self.clock_start else None,
            "sokuho_window": self.sokuho_window.to_json() if self.sokuho_window else None,
            "kakuho": self.kakuho.to_json() if self.kakuho else None,
            "entrustor_notice_window": (
                self.entrustor_notice_window.to_json() if self.entrustor_notice_window else None
            ),
            "pmark": self.pmark.to_json() if self.pmark else None,
            "gdpr": self.gdpr.to_json() if self.gdpr else None,
            "reasons": [r.to_json() for r in self.reasons],
            "warnings": [w.to_json() for w in self.warnings],
            "bango": self.bango.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Assessment:
        """Read back a saved assessment exactly as it was made (it is our own output, so no user-facing checks)."""

        def opt(key: str, parse: Any) -> Any:
            value = data.get(key)
            return None if value is None else parse(value)

        return cls(
            rules_version=data["rules_version"],
            event=AssessedEvent(data["event"]),
            possibility_only=bool(data["possibility_only"]),
            excluded_by=opt("excluded_by", ExcludedBy),
            applicable_items=tuple(int(i) for i in data["applicable_items"]),
            ppc_report_required=bool(data["ppc_report_required"]),
            report_to=opt("report_to", ReportTo),
            individual_notice=IndividualNotice(data["individual_notice"]),
            clock_start=opt("clock_start", dt.date.fromisoformat),
            sokuho_window=opt("sokuho_window", DateWindow.from_json),
            kakuho=opt("kakuho", Kakuho.from_json),
            entrustor_notice_window=opt("entrustor_notice_window", DateWindow.from_json),
            pmark=opt("pmark", PMarkResult.from_json),
            gdpr=opt("gdpr", GdprResult.from_json),
            reasons=tuple(Reason.from_json(r) for r in data.get("reasons", ())),
            warnings=tuple(Reason.from_json(w) for w in data.get("warnings", ())),
            bango=BangoAssessment.from_json(data.get("bango")),
        )
