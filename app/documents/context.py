"""What a document builder is given: frozen snapshots of the office, the incident, its report and its people.

Builders never open the database; `app.services.documents` fills these from the register, the CLI and the
tests build them directly. Nothing here imports ReportLab, so the UI can hold a context without paying for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from app.domain.assessment import Assessment
from app.domain.facts import Facts
from app.domain.office import OfficeProfile
from app.domain.report import ReportDraft
from app.i18n import N_, _


class DocumentKind(StrEnum):
    """The documents of docs/domain.md §12; the values are the CLI's KIND names and the template keys."""

    SOKUHO = "sokuho"  # 漏えい等報告書（速報）
    KAKUHO = "kakuho"  # 漏えい等報告書（確報）
    TSUIKAN = "tsuikan"  # 漏えい等報告書（追完）
    NOTICE_LETTER = "notice_letter"  # 本人通知（お詫びとお知らせ）
    ENTRUSTOR_NOTICE = "entrustor_notice"  # 委託元への通知
    PUBLICATION = "publication"  # 公表文
    INTERNAL_REPORT = "internal_report"  # 社内報告書
    PMARK_REPORT = "pmark_report"  # Pマーク事故報告
    INITIAL_SHEET = "initial_sheet"  # 初動シート (for management, one page)

    def label(self) -> str:
        return _(_KIND_LABELS[self])

    @property
    def is_report(self) -> bool:
        return self in REPORT_KINDS

    @property
    def template_key(self) -> str:
        """The three report kinds share one wording; each other kind has its own."""
        return "report" if self.is_report else self.value


REPORT_KINDS = frozenset({DocumentKind.SOKUHO, DocumentKind.KAKUHO, DocumentKind.TSUIKAN})

_KIND_LABELS = {
    DocumentKind.SOKUHO: N_("Breach report (preliminary)"),
    DocumentKind.KAKUHO: N_("Breach report (final)"),
    DocumentKind.TSUIKAN: N_("Breach report (supplement)"),
    DocumentKind.NOTICE_LETTER: N_("Notice to individuals (letter)"),
    DocumentKind.ENTRUSTOR_NOTICE: N_("Notice to the entrusting business"),
    DocumentKind.PUBLICATION: N_("Public announcement"),
    DocumentKind.INTERNAL_REPORT: N_("Internal report"),
    DocumentKind.PMARK_REPORT: N_("Privacy Mark incident report"),
    DocumentKind.INITIAL_SHEET: N_("First-response sheet"),
}


@dataclass(frozen=True, slots=True)
class IncidentInfo:
    """The incident as the register holds it; `facts` is None when the stored facts are incomplete."""

    id: int
    reference: str
    title: str
    facts: Facts | None = None
    assessment: Assessment | None = None
    jipdec_event: str = ""
    jipdec_category: str = ""
    jipdec_cause: str = ""
    public_summary: str = ""  # the 概要 for outside readers; `title` (件名) stays internal


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """One 事実経過 entry (corrections are entries of their own)."""

    occurred_at: dt.datetime
    text: str
    actor: str = ""


@dataclass(frozen=True, slots=True)
class ChecklistLine:
    """One response step with who did it and when (docs/domain.md §7.3)."""

    label: str
    group: str = ""
    done_at: dt.datetime | None = None
    done_by: str = ""
    note: str = ""
    code: str = ""  # the step's code in app/domain/checklist.py; empty for the officer's own steps


@dataclass(frozen=True, slots=True)
class FilingLine:
    """A report or notice already made (the internal report checks it against its deadline)."""

    kind: str  # app.domain.filing.FilingKind value
    filed_at: dt.datetime
    channel: str = ""
    receipt_number: str = ""


@dataclass(frozen=True, slots=True)
class ContactDesk:
    """The お問い合わせ窓口 printed on the notices and the announcement."""

    name: str = ""
    phone: str = ""
    hours: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class Recipient:
    """One person to notify, as imported from the recipient list.

    `items` are the data items that concern this person: DataItem codes where the label was recognised, the
    officer's own words otherwise. Empty means "the incident's items" (the list had no item column).
    """

    key: str
    name: str
    postal_code: str = ""
    address1: str = ""
    address2: str = ""
    email: str = ""
    items: tuple[str, ...] = ()
    note: str = ""
    line: int = 0

    @property
    def has_address(self) -> bool:
        """A letter can be posted only with a postal address; the rest count toward 代替措置."""
        return bool(self.address1.strip())

    @property
    def address(self) -> str:
        return " ".join(part for part in (self.address1.strip(), self.address2.strip()) if part)


@dataclass(frozen=True, slots=True)
class DeadlineLine:
    """One clock as the register's deadlines show it (app/deadlines/clocks.py), counted from the document's date.

    Filled by the service for the kinds that print deadlines as they run (the 初動シート), because documents
    sit beside app/deadlines and may not import it (docs/architecture.md). `label` is Japanese whatever the UI
    language. The counts run from the day after `issued_on` to the due day inclusive: `calendar_days` counts
    every day, `working_days` only the days the office is open (app/calendar/closed_days.py); both are
    negative when overdue and None for a duty without a date (速やかに).
    """

    kind: str  # app.deadlines.kinds.ClockKind value
    label: str
    due_date: dt.date | None = None  # the last day; for the GDPR clock, its day in Japan time
    due_from: dt.date | None = None  # a guide window (速報, 委託元通知) starts here
    due_at: dt.datetime | None = None  # the GDPR clock's instant
    moved: bool = False  # the 30th/60th day was closed and the deadline moved to the next open day
    done_on: dt.date | None = None
    calendar_days: int | None = None
    working_days: int | None = None
    substitute_allowed: bool = False  # 本人通知: publication may stand in (法26条2項ただし書)
    effort_only: bool = False  # the 番号法 effort report: no duty, no date


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class DocumentContext:
    """Everything one document needs. `templates` holds the officer's wording per template key (missing keys
    fall back to the defaults); `values` holds placeholder values typed for this incident, which win over the
    values derived from the register."""

    office: OfficeProfile
    incident: IncidentInfo
    issued_on: dt.date
    report: ReportDraft | None = None
    previous_report: ReportDraft | None = None  # the 速報 a 確報 follows, for "what changed"
    timeline: tuple[TimelineItem, ...] = ()
    checklist: tuple[ChecklistLine, ...] = ()
    filings: tuple[FilingLine, ...] = ()
    deadlines: tuple[DeadlineLine, ...] = ()  # only for the kinds that print them (see DeadlineLine)
    # Names of the people already notified, only for the report kinds: their 事実経過 is checked for them before it
    # goes to the PPC (a data subject's name must not leave the office); never printed.
    notified_names: tuple[str, ...] = ()
    contact: ContactDesk = field(default_factory=ContactDesk)
    # The audit chain's entry count and newest hash when the document was made, printed in the footer of reports
    # (issue 16): a paper copy then anchors the chain outside the file. None: not printed.
    audit_head: tuple[int, str] | None = None
    templates: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    values: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "templates", _frozen({k: _frozen(v) for k, v in self.templates.items()}))
        object.__setattr__(self, "values", _frozen(self.values))

    @property
    def author(self) -> str:
        """The PDF's author: the office, never a person the document is about."""
        return self.office.name.strip() or "BreachDesk"
