"""The 報告内容 of a PPC report (規則8条1項, docs/domain.md §7.1) and its envelope (§7.2) as frozen data.

One shape serves the 速報 and 確報 drafts in the register, the PDF report and the form copy assistant: `FIELDS`
lists every leaf in the order of the PPC form with Japanese and English labels, `value_of` reads one, and `diff`
tells the officer what changed between the 速報 and the 確報.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from app.domain import report_prefill as prefill
from app.domain.assessment import Assessment, Filing, ReportTo
from app.domain.dates import JST
from app.domain.facts import DATA_ITEM_LABELS, DataItem, Facts, MaliciousBasis, Role
from app.domain.facts import CausedBy as FactsCausedBy
from app.domain.field_paths import get_path, replace_path
from app.domain.filing import FilingKind
from app.domain.incident_kind import IncidentKind
from app.domain.timeline_words import STAFF, outside_text
from app.i18n import _, ngettext

REPORT_VERSION = (
    3  # 2: with the 番号法 items ("bango"); 3: item 9 answers are tri-state; app/db/codec.py upgrades
)
REPORT_KINDS: tuple[FilingKind, ...] = (
    FilingKind.SOKUHO,
    FilingKind.KAKUHO,
    FilingKind.SOKUHO_KAKUHO,
    FilingKind.TSUIKAN,
)


class Addressee(StrEnum):
    PPC = "ppc"  # 個人情報保護委員会
    MINISTRY = "ministry"  # 事業所管大臣 (権限委任)


class CausedBy(StrEnum):
    """Who caused it: the reporting office itself, its 委託先, or someone else (an attacker, a courier)."""

    OFFICE = "office"
    ENTRUSTEE = "entrustee"
    OTHER = "other"


class Publication(StrEnum):
    DONE = "done"  # 公表済み
    PLANNED = "planned"  # 公表予定
    NONE = "none"  # 公表なし


@dataclass(frozen=True, slots=True)
class Envelope:
    kind: FilingKind = FilingKind.SOKUHO
    report_date: dt.date | None = None
    addressee: Addressee = Addressee.PPC
    ministry_name: str = ""
    prior_receipt_number: str = ""  # 受付番号 of the earlier report this one follows
    prior_report_date: dt.date | None = None  # the day the earlier report (the 速報) was filed


@dataclass(frozen=True, slots=True)
class Overview:
    """Item 1 概要."""

    occurred_date: dt.date | None = None
    learned_date: dt.date | None = None
    what_happened: str = ""  # 発生事案
    discovered_by: str = ""  # 発見者
    applicable_items: tuple[int, ...] = ()  # 規則7条各号該当性
    applicability: str = ""  # the facts that make each 号 apply, one line per 号
    event_statement: str = ""  # 漏えい/滅失/毀損, 発生 or おそれ
    entrustment: str = ""  # 委託元及び委託先の有無
    timeline: str = ""  # 事実経過


@dataclass(frozen=True, slots=True)
class DataInvolved:
    """Item 2: the data items, with the 媒体 and the 種類 of the data (for 3号 also data being acquired)."""

    items: str = ""
    item_codes: tuple[str, ...] = ()  # DataItem codes, for the notice letters
    medium: str = ""  # 紙媒体, 電子媒体 …
    data_kind: str = ""  # 顧客情報, 従業員情報 …
    being_acquired: bool = False


@dataclass(frozen=True, slots=True)
class Individuals:
    """Item 3; when the exact number is unknown the report gives the largest possible one."""

    count: int | None = None
    count_is_max: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class Cause:
    """Item 4, with who caused it and where it happened (GL 3-5-3-3 (4))."""

    description: str = ""
    caused_by: CausedBy | None = None
    location: str = ""


@dataclass(frozen=True, slots=True)
class SecondaryDamage:
    """Item 5; None = not yet known."""

    present: bool | None = None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class PublicationStatus:
    """Item 7."""

    status: Publication | None = None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Prevention:
    """Item 8, split as the guideline asks: measures taken and measures planned."""

    implemented: str = ""
    planned: str = ""


@dataclass(frozen=True, slots=True)
class Check:
    """One item 9 question; `done` None = not answered yet, which the report leaves out rather than printing なし."""

    done: bool | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Other:
    """Item 9, pre-filled with the §7.2 checklist (kept as a checklist, not as legal duties)."""

    police: Check = field(default_factory=Check)  # 警察への相談・届出
    ipa: Check = field(default_factory=Check)  # IPA届出
    other_authorities: Check = field(default_factory=Check)  # 他の行政機関・業法上の報告
    pmark: Check = field(default_factory=Check)  # Pマーク報告
    gdpr: Check = field(default_factory=Check)  # GDPR 監督機関への通知
    text: str = ""


@dataclass(frozen=True, slots=True)
class MyNumberItems:
    """The 番号法 report's own items (規則3条1項; docs/domain.md §15.3 rules 13–14) when 個人番号 is involved.

    Its 本人 are the persons whose own number is in the data (dependents and 支払調書 payees included), which is
    not always the 第7条 count, and its categories are 規則2条's, so both are kept beside the 第7条 ones rather
    than in them. `involved` False (the default, also for drafts saved before the track existed) leaves the
    report a 第7条 report only.
    """

    involved: bool = False
    filing: Filing | None = None  # one filing on the My Number path, or two (CONV-BANGO-FILING)
    categories: tuple[int, ...] = ()  # 規則第2条各号該当性
    items: str = ""  # 特定個人情報の項目
    count: int | None = None  # 特定個人情報に係る本人の数
    count_is_max: bool = False


@dataclass(frozen=True, slots=True)
class ReportDraft:
    envelope: Envelope = field(default_factory=Envelope)
    overview: Overview = field(default_factory=Overview)
    data: DataInvolved = field(default_factory=DataInvolved)
    individuals: Individuals = field(default_factory=Individuals)
    cause: Cause = field(default_factory=Cause)
    secondary_damage: SecondaryDamage = field(default_factory=SecondaryDamage)
    response: str = ""  # item 6 本人への対応の実施状況
    publication: PublicationStatus = field(default_factory=PublicationStatus)
    prevention: Prevention = field(default_factory=Prevention)
    other: Other = field(default_factory=Other)
    bango: MyNumberItems = field(default_factory=MyNumberItems)

    def replace(self, path: str, value: Any) -> ReportDraft:
        """A copy with one leaf (a FIELDS path such as "cause.location") set, the value coerced to its type."""
        return replace_path(self, path, value)


@dataclass(frozen=True, slots=True)
class ReportField:
    """One leaf of the form: its path in ReportDraft, the §7.1 item number (0 = envelope) and its labels."""

    path: str
    item: int
    ja: str
    en: str

    def label(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


def _f(path: str, item: int, ja: str, en: str) -> ReportField:
    return ReportField(path, item, ja, en)


# The order of the PPC form and of the printed report.
FIELDS: tuple[ReportField, ...] = (
    _f("envelope.kind", 0, "報告区分", "Report type"),
    _f("envelope.report_date", 0, "報告日", "Report date"),
    _f("envelope.addressee", 0, "宛先", "Addressed to"),
    _f("envelope.ministry_name", 0, "事業所管大臣等の名称", "Ministry"),
    _f("envelope.prior_receipt_number", 0, "先行報告の受付番号", "Receipt number of the earlier report"),
    _f("envelope.prior_report_date", 0, "先行報告の報告日", "Date of the earlier report"),
    _f(
        "bango.involved",
        0,
        "特定個人情報（個人番号）を含む",
        "Involves My Numbers (specific personal information)",
    ),
    _f("bango.filing", 0, "報告の方法（特定個人情報）", "How the report is filed (My Numbers)"),
    _f("overview.occurred_date", 1, "発生日", "Date it occurred"),
    _f("overview.learned_date", 1, "発覚日", "Date it came to light"),
    _f("overview.what_happened", 1, "発生事案", "What happened"),
    _f("overview.discovered_by", 1, "発見者", "Discovered by"),
    _f("overview.applicable_items", 1, "規則第7条各号該当性", "Items of Rule 7 that apply"),
    _f("overview.applicability", 1, "各号に該当する事実", "Facts that make each item apply"),
    _f(
        "overview.event_statement",
        1,
        "漏えい・滅失・毀損の別（発生・おそれ）",
        "Leak, loss or damage; occurred or possible",
    ),
    _f(
        "bango.categories",
        1,
        "規則第2条各号該当性（番号法）",
        "Items of the My Number reporting rule, Art. 2, that apply",
    ),
    _f("overview.entrustment", 1, "委託元及び委託先の有無", "Entrusting business or contractor involved"),
    _f("overview.timeline", 1, "事実経過", "Course of events"),
    _f("data.items", 2, "漏えい等が発生し（おそれ）た個人データの項目", "Data items"),
    _f("bango.items", 2, "特定個人情報の項目", "Items of specific personal information"),
    _f("data.medium", 2, "媒体", "Medium"),
    _f("data.data_kind", 2, "種類", "Kind of data"),
    _f("data.being_acquired", 2, "取得しようとしていた情報を含む", "Includes information being acquired"),
    _f("individuals.count", 3, "本人の数", "Number of individuals"),
    _f("individuals.count_is_max", 3, "最大数として記載", "Stated as the largest possible number"),
    _f("bango.count", 3, "特定個人情報に係る本人の数", "Number of individuals (My Numbers)"),
    _f(
        "bango.count_is_max", 3, "最大数として記載（特定個人情報）", "My Number count is the largest possible"
    ),
    _f("individuals.note", 3, "本人の数についての補足", "Note on the number"),
    _f("cause.description", 4, "原因", "Cause"),
    _f("cause.caused_by", 4, "発生させた主体", "Who caused it"),
    _f("cause.location", 4, "発生場所", "Where it happened"),
    _f("secondary_damage.present", 5, "二次被害又はそのおそれの有無", "Secondary damage or its possibility"),
    _f("secondary_damage.detail", 5, "二次被害の内容", "Details of secondary damage"),
    _f("response", 6, "本人への対応の実施状況", "Measures taken toward the individuals"),
    _f("publication.status", 7, "公表の実施状況", "Public announcement"),
    _f("publication.detail", 7, "公表の内容・予定", "Details of the announcement"),
    _f("prevention.implemented", 8, "再発防止のための措置（実施済みの措置）", "Prevention measures taken"),
    _f("prevention.planned", 8, "再発防止のための措置（今後実施予定の措置）", "Prevention measures planned"),
    _f("other.police.done", 9, "警察への相談・届出", "Police consulted or notified"),
    _f("other.police.note", 9, "警察への相談・届出（内容）", "Police: details"),
    _f("other.ipa.done", 9, "IPAへの届出", "Reported to IPA"),
    _f("other.ipa.note", 9, "IPAへの届出（内容）", "IPA: details"),
    _f("other.other_authorities.done", 9, "他の行政機関等への報告", "Reported to other authorities"),
    _f("other.other_authorities.note", 9, "他の行政機関等への報告（内容）", "Other authorities: details"),
    _f("other.pmark.done", 9, "プライバシーマークの事故報告", "Privacy Mark incident report"),
    _f("other.pmark.note", 9, "プライバシーマークの事故報告（内容）", "Privacy Mark report: details"),
    _f("other.gdpr.done", 9, "GDPR監督機関への通知", "GDPR supervisory authority notified"),
    _f("other.gdpr.note", 9, "GDPR監督機関への通知（内容）", "GDPR notification: details"),
    _f("other.text", 9, "その他参考となる事項", "Other relevant matters"),
)
FIELDS_BY_PATH: dict[str, ReportField] = {f.path: f for f in FIELDS}
ITEM_TITLES: dict[int, tuple[str, str]] = {
    0: ("報告の種類・宛先", "Report type and addressee"),
    1: ("概要", "Overview"),
    2: ("漏えい等が発生し（おそれ）た個人データの項目", "Personal data items"),
    3: ("漏えい等が発生し（おそれ）た個人データに係る本人の数", "Number of individuals"),
    4: ("原因", "Cause"),
    5: ("二次被害又はそのおそれの有無及びその内容", "Secondary damage"),
    6: ("本人への対応の実施状況", "Measures toward the individuals"),
    7: ("公表の実施状況", "Public announcement"),
    8: ("再発防止のための措置", "Prevention of recurrence"),
    9: ("その他参考となる事項", "Other relevant matters"),
}
# Checkbox captions of the two 該当性 rows when a report shows both (規則7条 and the 番号法 規則2条).
RULE7_TITLES: dict[int, tuple[str, str]] = {
    1: ("要配慮個人情報が含まれる個人データの漏えい等", "Sensitive personal data"),
    2: (
        "不正に利用されることにより財産的被害が生じるおそれがある個人データの漏えい等",
        "Data whose misuse may cause financial loss",
    ),
    3: ("不正の目的をもって行われたおそれがある行為による個人データ等の漏えい等", "Wrongful intent"),
    4: ("個人データに係る本人の数が1,000人を超える漏えい等", "More than 1,000 individuals"),
}
BANGO_CATEGORY_TITLES: dict[int, tuple[str, str]] = {
    1: (
        "情報提供ネットワークシステム等に記録された特定個人情報の漏えい等",
        "Data in the information-provision network or an administrative system",
    ),
    2: (
        "不正の目的をもって行われたおそれがある特定個人情報の漏えい等・利用・提供",
        "Leak, use or provision possibly with wrongful intent",
    ),
    3: (
        "特定個人情報が電磁的方法により不特定多数の者に閲覧された（閲覧されるおそれがある）事態",
        "Viewable by an unspecified number of people by electronic means",
    ),
    4: (
        "特定個人情報に係る本人の数が100人を超える漏えい等・利用・提供",
        "More than 100 individuals",
    ),
}
ENUM_LABELS: dict[str, tuple[str, str]] = {
    FilingKind.SOKUHO.value: ("速報", "Preliminary report"),
    FilingKind.KAKUHO.value: ("確報", "Final report"),
    FilingKind.SOKUHO_KAKUHO.value: ("速報兼確報", "Preliminary and final report"),
    FilingKind.TSUIKAN.value: ("追完", "Supplementary report"),
    Addressee.PPC.value: ("個人情報保護委員会", "Personal Information Protection Commission"),
    Addressee.MINISTRY.value: ("事業所管大臣", "Minister in charge of the sector"),
    CausedBy.OFFICE.value: ("報告者", "The reporting business"),
    CausedBy.ENTRUSTEE.value: ("委託先", "Contractor"),
    CausedBy.OTHER.value: ("その他（第三者等）", "Others (third parties)"),
    Publication.DONE.value: ("公表済み", "Announced"),
    Publication.PLANNED.value: ("公表予定", "Planned"),
    Publication.NONE.value: ("公表なし", "Not announced"),
    Filing.JOINT.value: (
        "第7条・規則第2条の報告を一つの報告として行う（個人情報保護委員会）",
        "One report for Rule 7 and My Number Rule 2 (to the PPC)",
    ),
    Filing.SEPARATE.value: (
        "第7条の報告は事業所管大臣へ、番号法の報告は個人情報保護委員会へ別々に行う",
        "Rule 7 report to the minister, My Number report to the PPC, separately",
    ),
    Filing.BANGO_ONLY.value: ("番号法の報告のみ（個人情報保護委員会）", "My Number report only (to the PPC)"),
    Filing.APPI_ONLY.value: (
        "第7条の報告のみ（個人情報保護委員会の特定個人情報の報告経路で行う）",
        "Rule 7 report only, made through the PPC form's My Number path",
    ),
}
BANGO_FIELDS = frozenset(f.path for f in FIELDS if f.path.startswith("bango."))


def fields_for(draft: ReportDraft) -> tuple[ReportField, ...]:
    """The form's fields for this draft: without My Numbers the 番号法 items are not part of the report."""
    if draft.bango.involved:
        return FIELDS
    return tuple(f for f in FIELDS if f.path not in BANGO_FIELDS)


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: ReportField
    before: Any
    after: Any


def value_of(draft: ReportDraft, path: str) -> Any:
    return get_path(draft, path)


def text_of(draft: ReportDraft, path: str, lang: str = "ja") -> str:
    """A leaf as text for the form copy assistant and the diff ("" when empty)."""
    return format_value(value_of(draft, path), lang)


def format_value(value: Any, lang: str = "ja") -> str:
    ja = lang == "ja"
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("あり" if value else "なし") if ja else ("yes" if value else "no")
    if isinstance(value, StrEnum):
        labels = ENUM_LABELS.get(value.value)
        return (labels[0] if ja else labels[1]) if labels else value.value
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日" if ja else value.isoformat()
    if isinstance(value, tuple):
        if all(isinstance(v, int) for v in value):
            return "、".join(f"{v}号" for v in value) if ja else ", ".join(f"item {v}" for v in value)
        return "、".join(str(v) for v in value)
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def diff(old: ReportDraft, new: ReportDraft) -> list[FieldChange]:
    """Every form field whose value differs, in form order: what changed since the 速報."""
    changes = []
    for report_field in FIELDS:
        before, after = value_of(old, report_field.path), value_of(new, report_field.path)
        if before != after:
            changes.append(FieldChange(report_field, before, after))
    return changes


class TimelineLine(Protocol):
    """Any 事実経過 entry (the service's DTO fits): when it happened and what."""

    @property
    def occurred_at(self) -> dt.datetime: ...

    @property
    def text(self) -> str: ...


def draft_from(
    facts: Facts,
    assessment: Assessment | None,
    timeline: Iterable[TimelineLine] = (),
    *,
    title: str = "",
    summary: str = "",
    incident_kind: IncidentKind | None = None,
    kind: FilingKind = FilingKind.SOKUHO,
    report_date: dt.date | None = None,
    ministry_name: str = "",
) -> ReportDraft:
    """A first 速報 draft from what the register already knows; the officer completes the rest.

    `title` is the internal 件名: it never goes into the report (the 発生事案 is the outside `summary`), only its
    words help to name the 媒体 and 種類 (docs/domain.md §7.1 item 2). Item 9's questions start unanswered:
    reminders such as the Pマーク or GDPR report belong to the checklist, not to what the PPC reads.
    """
    delegated = (assessment is not None and assessment.report_to is ReportTo.DELEGATED_MINISTRY) or (
        assessment is None and facts.delegated_sector
    )
    counted = prefill.count_for(facts)
    count, count_is_max = counted if counted is not None else (None, False)
    items = assessment.applicable_items if assessment is not None else ()
    by_whom = _CAUSED_BY.get(facts.caused_by) if facts.caused_by is not None else None
    if by_whom is None and facts.malicious_basis in _OUTSIDER_BASES:
        by_whom = CausedBy.OTHER
    words = f"{title} {summary}"
    return ReportDraft(
        envelope=Envelope(
            kind=kind,
            report_date=report_date,
            addressee=Addressee.MINISTRY if delegated else Addressee.PPC,
            ministry_name=ministry_name if delegated else "",
        ),
        overview=Overview(
            occurred_date=facts.occurred_date,
            learned_date=facts.learned_date,
            what_happened=summary,
            discovered_by=STAFF if facts.learned_by else "",  # a role: the name stays in the register
            applicable_items=items,
            applicability=prefill.applicability(facts, items),
            event_statement=prefill.event_statement(facts),
            entrustment="当社は委託先として取り扱っている（委託元あり）"
            if facts.role is Role.PROCESSOR
            else "",
            timeline=outside_timeline(timeline),
        ),
        data=DataInvolved(
            items="、".join(DATA_ITEM_LABELS[item][0] for item in facts.data_items),
            item_codes=tuple(item.value for item in facts.data_items),
            medium=prefill.medium_of(facts, incident_kind, words),
            data_kind=prefill.data_kind_of(facts, words),
            being_acquired=facts.data_being_acquired,
        ),
        individuals=Individuals(count=count, count_is_max=count_is_max),
        cause=Cause(description=prefill.cause_of(facts, incident_kind), caused_by=by_whom),
        bango=my_number_items(facts, assessment),
    )


# Who caused it, from the wizard's plain question to the form's three choices (GL 3-5-3-3 (4)).
_CAUSED_BY = {
    FactsCausedBy.OUTSIDER: CausedBy.OTHER,
    FactsCausedBy.EMPLOYEE_ON_PURPOSE: CausedBy.OFFICE,
    FactsCausedBy.EMPLOYEE_MISTAKE: CausedBy.OFFICE,
    FactsCausedBy.CONTRACTOR_ON_PURPOSE: CausedBy.ENTRUSTEE,
    FactsCausedBy.CONTRACTOR_MISTAKE: CausedBy.ENTRUSTEE,
}
_OUTSIDER_BASES = frozenset(
    {
        MaliciousBasis.UNAUTHORIZED_ACCESS,
        MaliciousBasis.RANSOMWARE,
        MaliciousBasis.THEFT,
        MaliciousBasis.WEB_SKIMMING,
    }
)


def outside_timeline(timeline: Iterable[TimelineLine]) -> str:
    """The 事実経過 proposed for outside readers: when and what happened, without who recorded it nor who noticed
    first (app/domain/timeline_words.py); the internal timeline stays in the register, and the officer edits this
    text before it goes out."""
    lines = sorted(timeline, key=lambda entry: entry.occurred_at)
    return "\n".join(
        f"{_ja_moment(entry.occurred_at.astimezone(JST))}　{outside_text(entry.text)}" for entry in lines
    )


def timeline_warnings(
    draft: ReportDraft, timeline: Iterable[TimelineLine] = (), names: Iterable[str] = ()
) -> list[str]:
    """What to check in the 事実経過 before it goes out: entries dated before the 発生日, and the name of a person
    who was notified (a data subject's name must not reach the PPC's file or a web page). Japanese, for the
    officer; the names themselves are not repeated in the message."""
    found = []
    occurred = draft.overview.occurred_date
    early = [e for e in timeline if prefill.before_occurrence(e.occurred_at, occurred, JST)]
    if early and occurred is not None:
        days = "、".join(sorted({_ja_day(e.occurred_at.astimezone(JST)) for e in early}))
        found.append(
            _(
                "The course of events has entries dated before the date it occurred ({occurred}): {days}. "
                "Check the dates."
            ).format(occurred=_ja_day_of(occurred), days=days)
        )
    text = draft.overview.timeline
    hits = [name for name in {n.strip() for n in names} if _name_in(name, text)]
    if hits:
        found.append(
            ngettext(
                "The course of events contains the name of {count} person who was notified: remove it before "
                "it goes outside.",
                "The course of events contains the names of {count} people who were notified: remove them "
                "before it goes outside.",
                len(hits),
            ).format(count=len(hits))
        )
    return found


def _name_in(name: str, text: str) -> bool:
    """A full name, or its family name written together with a given name, appears in the text."""
    if not name:
        return False
    joined = "".join(name.split())
    return name in text or (len(joined) >= 2 and joined in "".join(text.split()))


def other_summary(draft: ReportDraft) -> str:
    """Item 9 as one text: the questions that were answered, then the officer's own text (unanswered ones and
    empty notes print nothing, never 「なし」 by default)."""
    lines = []
    for name in ("police", "ipa", "other_authorities", "pmark", "gdpr"):
        check: Check = getattr(draft.other, name)
        label = FIELDS_BY_PATH[f"other.{name}.done"].ja
        note = check.note.strip()
        if check.done is True:
            lines.append(f"{label}：あり" + (f"（{note}）" if note else ""))
        elif check.done is False:
            lines.append(f"{label}：なし")
        elif note:
            lines.append(f"{label}：{note}")
    if draft.other.text.strip():
        lines.append(draft.other.text.strip())
    return "\n".join(lines)


def my_number_items(facts: Facts | None, assessment: Assessment | None) -> MyNumberItems:
    """The 番号法 items as the assessment found them (empty when no 個人番号 is involved).

    Without an assessment, `my_number` among personal data is what switches the track on (§15.3 rule 1). The
    count is the assessment's `persons`, marked as a maximum whenever the exact figure is not known or a larger
    maximum was given (GL-B 3A ※: a count not yet known is judged by its maximum).
    """
    bango = assessment.bango if assessment is not None else None
    if bango is not None and bango.applies:
        involved = True
    elif bango is None and facts is not None:
        involved = DataItem.MY_NUMBER in facts.data_items and facts.is_personal_data
    else:
        involved = False
    if not involved:
        return MyNumberItems()
    exact: int | None = None
    maximum: int | None = None
    if facts is not None:
        own = facts.bango
        if own.affected_count is not None or own.affected_count_max is not None:
            exact, maximum = own.affected_count, own.affected_count_max
        else:
            exact, maximum = facts.affected_count, facts.affected_count_max
    known = [n for n in (exact, maximum) if n is not None]
    count = bango.persons if bango is not None and bango.persons is not None else max(known, default=None)
    is_max = count is not None and (exact is None or exact < count)
    return MyNumberItems(
        involved=True,
        filing=bango.filing if bango is not None else None,
        categories=bango.categories if bango is not None else (),
        items="、".join(DATA_ITEM_LABELS[item][0] for item in facts.data_items) if facts is not None else "",
        count=count,
        count_is_max=is_max,
    )


def next_draft(previous: ReportDraft, kind: FilingKind, report_date: dt.date | None = None) -> ReportDraft:
    """The 確報 (or 追完) starts as a copy of the report before it; `diff` then shows what the officer changed."""
    envelope = dataclasses.replace(previous.envelope, kind=kind, report_date=report_date)
    return dataclasses.replace(previous, envelope=envelope)


def _ja_moment(moment: dt.datetime) -> str:
    return f"{_ja_day(moment)} {moment.hour:02d}:{moment.minute:02d}"


def _ja_day(moment: dt.datetime) -> str:
    return _ja_day_of(moment.date())


def _ja_day_of(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
