"""The 番号法 track (番号法29条の4 and its 規則2〜5条): judged beside 第7条, never instead of it (docs/domain.md §15).

Pure like the 第7条 evaluator: facts and the 第7条 assessment in, the same assessment with its `bango` verdict, the
track's warnings and the combined rules version out. The track's numbers (100 persons, 30/60 days, 3–5 day guide)
are data in BangoRuleSet, versioned by effective date like the 第7条 rule sets.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from app.calendar import closed_days, day_count
from app.domain.assessment import (
    Assessment,
    BangoAssessment,
    BangoExcludedBy,
    Filing,
    IndividualNotice,
    Kakuho,
    Reason,
    ReportTo,
)
from app.domain.facts import BangoMisuse, DataItem, Event, Facts, MaliciousBasis, Role
from app.rules.bango_texts import BANGO_TEXTS
from app.rules.facts_json import bango_persons
from app.rules.texts import BASE_TEXTS, EVENT_LABELS, MALICIOUS_BASIS_LABELS, Text
from app.rules.triggers import wrongful_purpose
from app.rules.wording import closed_days_words, date_words, known_count_words, say


@dataclass(frozen=True, slots=True)
class BangoRuleSet:
    version: str
    effective_from: dt.date
    count_threshold: int = 100  # 規則2条4号: strictly more than this many persons
    sokuho_first_day: int = 3
    sokuho_last_day: int = 5
    kakuho_days: int = 30
    kakuho_days_malicious: int = 60  # 規則3条2項: 60 days when 2号 applies, alone or with others
    texts: Mapping[str, Text] = field(default_factory=lambda: MappingProxyType(BANGO_TEXTS))


BANGO_R2 = BangoRuleSet(version="BANGO-R2-2022-04/GLB-2025-06", effective_from=dt.date(2022, 4, 1))
# Newest first; a future amendment of 29条の4 or its 規則 is appended here with its effective date.
BANGO_RULESETS: tuple[BangoRuleSet, ...] = (BANGO_R2,)

_MISUSE_WORDS: dict[BangoMisuse, tuple[str, str]] = {
    BangoMisuse.USE_OUTSIDE_ART9: (
        "番号法9条で認められた事務以外での個人番号の利用",
        "a use of Individual Numbers outside the tasks Article 9 allows",
    ),
    BangoMisuse.PROVISION_OUTSIDE_ART19: (
        "番号法19条で認められていない特定個人情報の提供",
        "a provision of specific personal information that Article 19 does not allow",
    ),
}
_OSORE = ("のおそれ", "possible ")
_COUNTING = ("土日祝日も日数に含めます。", " Weekends and holidays are counted.")
_NO_OSORE = ("", "")


def bango_ruleset_for(day: dt.date, rulesets: tuple[BangoRuleSet, ...] = BANGO_RULESETS) -> BangoRuleSet:
    """The set in force on `day`; the earliest one for older days (facts before 2022-04 are refused upstream)."""
    for ruleset in sorted(rulesets, key=lambda r: r.effective_from, reverse=True):
        if ruleset.effective_from <= day:
            return ruleset
    return min(rulesets, key=lambda r: r.effective_from)


def with_bango(facts: Facts, appi: Assessment) -> Assessment:
    """The 第7条 assessment completed with the 番号法 verdict (absent `my_number`: the track does not apply)."""
    if DataItem.MY_NUMBER not in facts.data_items:
        return appi
    rs = bango_ruleset_for(facts.learned_date)
    warnings: list[Reason] = []
    bango = _judge(facts, rs, appi, warnings)
    bango = dataclasses.replace(bango, filing=_filing(appi, bango, rs, warnings))
    if bango.filing is not None:
        bango = dataclasses.replace(
            bango, reasons=(*bango.reasons, say(rs.texts, f"BANGO-FILING/{bango.filing.value}"))
        )
    reasons = appi.reasons
    if bango.reportable and not appi.reportable:
        # "No duty, a voluntary report is possible" would read as if nothing were due: the 番号法 report is.
        key = (
            "NOT-REPORTABLE/bango-entrustor"
            if bango.report_to is ReportTo.ENTRUSTOR
            else "NOT-REPORTABLE/bango"
        )
        conclusion = say(BASE_TEXTS, key)
        reasons = tuple(conclusion if r.code == "NOT-REPORTABLE" else r for r in reasons)
    kakuho = bango.kakuho
    if (
        kakuho is not None
        and closed_days.is_holiday_forecast(kakuho.deadline)
        and not any(w.code == "W-HOLIDAY-FORECAST" for w in appi.warnings)
    ):
        warnings.append(say(BASE_TEXTS, "W-HOLIDAY-FORECAST", year=kakuho.deadline.year))
    return dataclasses.replace(
        appi,
        rules_version=f"{appi.rules_version}+{rs.version}",
        reasons=reasons,
        warnings=(*appi.warnings, *warnings),
        bango=bango,
    )


def _judge(facts: Facts, rs: BangoRuleSet, appi: Assessment, warnings: list[Reason]) -> BangoAssessment:
    texts = rs.texts
    reasons: list[Reason] = []
    persons, fell_back = bango_persons(facts)
    bango = facts.bango
    if facts.pseudonymized:
        warnings.append(say(texts, "W-BANGO-PSEUDONYMIZED"))
    if facts.intentional_provision and bango.misuse is None:
        warnings.append(say(texts, "W-BANGO-PROVISION"))

    # Rule 2: the event exclusions remove what rests on a 漏えい等; rule 3: high-grade encryption removes everything.
    event = facts.event
    excluded: BangoExcludedBy | None = None
    if not facts.is_personal_data:
        excluded = BangoExcludedBy.NOT_IN_FILE
        reasons.append(say(texts, "BANGO-NOT-IN-FILE"))
    else:
        reasons.append(say(texts, "BANGO-SCOPE"))
    exposed = (
        event is not Event.NONE and bango.publicly_viewable
    )  # rule 7: stays cat. 3 whatever the log says
    if event is not Event.NONE and facts.recovered_before_viewed and event is not Event.DAMAGE:
        excluded = excluded or BangoExcludedBy.RECOVERED_BEFORE_VIEWED
        event = Event.NONE
        reasons.append(say(texts, "BANGO-EXCL-RECOVERED"))
    elif facts.identical_copy_exists and event in (Event.LOSS, Event.DAMAGE):
        excluded = excluded or BangoExcludedBy.IDENTICAL_COPY_EXISTS
        event = Event.NONE
        exposed = False
        reasons.append(say(texts, "BANGO-EXCL-COPY"))
    enc = facts.encryption
    if facts.event is not Event.NONE and enc.encrypted and enc.high_grade and not enc.key_compromised:
        if excluded is None or excluded is not BangoExcludedBy.NOT_IN_FILE:
            reasons.append(say(texts, "BANGO-EXCL-ENCRYPTION"))
        return BangoAssessment(
            applies=facts.is_personal_data,
            excluded_by=excluded if excluded is BangoExcludedBy.NOT_IN_FILE else _HIGH_GRADE,
            persons=persons if facts.is_personal_data else None,
            reasons=tuple(reasons),
        )
    if enc.encrypted and event is not Event.NONE:
        reasons.append(say(texts, "BANGO-ENC-NOT-HIGH-GRADE"))

    effort_basis = event is not Event.NONE or bango.misuse is not None or bango.other_violation
    if excluded is BangoExcludedBy.NOT_IN_FILE:
        return _not_reportable(texts, reasons, None, excluded, effort=effort_basis, applies=False)

    categories = _categories(facts, rs, event, exposed, persons, fell_back, reasons, warnings)
    if not categories:
        reasons.append(say(texts, "BANGO-NOT-REPORTABLE"))
        return _not_reportable(texts, reasons, persons, excluded, effort=effort_basis, applies=True)
    return _duties(facts, rs, appi, categories, persons, excluded, reasons)


_HIGH_GRADE = BangoExcludedBy.HIGH_GRADE_ENCRYPTION


def _not_reportable(
    texts: Mapping[str, Text],
    reasons: list[Reason],
    persons: int | None,
    excluded: BangoExcludedBy | None,
    *,
    effort: bool,
    applies: bool,
) -> BangoAssessment:
    """Rule 10: no category, but a 漏えい等 or a breach of the Act remains → the business shall endeavour to report."""
    if effort:
        reasons.append(say(texts, "BANGO-EFFORT"))
    return BangoAssessment(
        applies=applies, excluded_by=excluded, persons=persons, effort_report=effort, reasons=tuple(reasons)
    )


def _categories(
    facts: Facts,
    rs: BangoRuleSet,
    event: Event,
    exposed: bool,
    persons: int | None,
    fell_back: bool,
    reasons: list[Reason],
    warnings: list[Reason],
) -> tuple[int, ...]:
    texts = rs.texts
    bango = facts.bango
    osore = _OSORE if facts.possibility_only else _NO_OSORE
    leaked = event is not Event.NONE
    event_words = EVENT_LABELS[event.value] if leaked else ("", "")
    found: list[int] = []
    if leaked and bango.gov_system:
        found.append(1)
        reasons.append(say(texts, "BANGO-R2-1", event=event_words, osore=osore, possibly=osore))
    malicious, malicious_basis = wrongful_purpose(facts)
    if malicious and (leaked or bango.misuse is not None):
        found.append(2)
        if leaked and malicious_basis in (None, MaliciousBasis.OTHER):
            # "Other" names no act apart from 2号's own words, which the sentence says anyway.
            reasons.append(
                say(texts, "BANGO-R2-2/event-other", event=event_words, osore=osore, possibly=osore)
            )
        elif leaked:
            basis = MALICIOUS_BASIS_LABELS[malicious_basis or MaliciousBasis.OTHER]
            reasons.append(
                say(texts, "BANGO-R2-2/event", event=event_words, osore=osore, possibly=osore, basis=basis)
            )
        if bango.misuse is not None:
            reasons.append(say(texts, "BANGO-R2-2/misuse", misuse=_MISUSE_WORDS[bango.misuse]))
    if exposed:
        found.append(3)
        reasons.append(say(texts, "BANGO-R2-3"))
        warnings.append(say(texts, "W-BANGO-VIEW-LOG"))
    if leaked or bango.misuse is not None:
        if persons is None:
            reasons.append(say(texts, "BANGO-R2-4-NA/unknown"))
            warnings.append(say(texts, "W-BANGO-COUNT-UNKNOWN"))
        else:
            if fell_back:
                warnings.append(say(texts, "W-BANGO-COUNT-FALLBACK"))
            source = facts if fell_back else facts.bango
            count = known_count_words(source.affected_count, source.affected_count_max)
            if persons > rs.count_threshold:
                found.append(4)
                reasons.append(say(texts, "BANGO-R2-4", what=_what(leaked, bango.misuse), count=count))
            else:
                reasons.append(say(texts, "BANGO-R2-4-NA", count=count))
    return tuple(found)


def _what(leaked: bool, misuse: BangoMisuse | None) -> tuple[str, str]:
    parts = []
    if leaked:
        parts.append(("特定個人情報の漏えい等", "leak, loss or damage"))
    if misuse is not None:
        parts.append(("番号法に反する利用・提供", "use or provision against the Act"))
    ja = "及び".join(p[0] for p in parts)
    en = " and ".join(p[1] for p in parts)
    return ja, en


def _duties(
    facts: Facts,
    rs: BangoRuleSet,
    appi: Assessment,
    categories: tuple[int, ...],
    persons: int | None,
    excluded: BangoExcludedBy | None,
    reasons: list[Reason],
) -> BangoAssessment:
    texts = rs.texts
    reasons.append(say(texts, "BANGO-REPORTABLE", categories=_categories_words(categories)))
    start = facts.learned_date
    crossing = facts.bango.count_exceeded_100_learned_date
    if categories == (4,) and crossing is not None and crossing > start:
        start = crossing
        reasons.append(say(texts, "BANGO-CLOCK/crossing", date=date_words(crossing)))
    else:
        reasons.append(say(texts, "BANGO-CLOCK", date=date_words(start)))
    common = BangoAssessment(
        applies=True, excluded_by=excluded, categories=categories, persons=persons, clock_start=start
    )
    if facts.role is Role.PROCESSOR:
        window = day_count.entrustor_notice_window(start, rs.sokuho_first_day, rs.sokuho_last_day)
        reasons.append(say(texts, "BANGO-PROCESSOR", end=date_words(window.end)))
        return dataclasses.replace(
            common,
            report_to=ReportTo.ENTRUSTOR,
            individual_notice=IndividualNotice.EXEMPT_ENTRUSTOR_NOTIFIED,
            entrustor_notice_window=window,
            reasons=tuple(reasons),
        )
    reasons.append(say(texts, "BANGO-REPORT-TO"))
    sokuho = day_count.sokuho_window(start, rs.sokuho_first_day, rs.sokuho_last_day)
    # One set of dates where both laws coincide: the 第7条 reasons already explain them, so say "the same".
    same = "/same" if sokuho == appi.sokuho_window else ""
    reasons.append(say(texts, f"BANGO-SOKUHO{same}", end=date_words(sokuho.end)))
    kakuho = _kakuho(rs, start, categories, appi.kakuho, reasons)
    notice = IndividualNotice.REQUIRED
    reasons.append(say(texts, "BANGO-NOTICE"))
    if facts.notification_difficult:
        notice = IndividualNotice.REQUIRED_SUBSTITUTE_ALLOWED
        reasons.append(say(texts, "BANGO-NOTICE/substitute"))
    return dataclasses.replace(
        common,
        report_required=True,
        report_to=ReportTo.PPC,
        notify_required=True,
        individual_notice=notice,
        sokuho_window=sokuho,
        kakuho=kakuho,
        reasons=tuple(reasons),
    )


def _kakuho(
    rs: BangoRuleSet,
    start: dt.date,
    categories: tuple[int, ...],
    appi_kakuho: Kakuho | None,
    reasons: list[Reason],
) -> Kakuho:
    texts = rs.texts
    malicious = 2 in categories
    days = rs.kakuho_days_malicious if malicious else rs.kakuho_days
    kakuho = day_count.kakuho_deadline(start, days)
    nth, deadline = date_words(kakuho.nth_day), date_words(kakuho.deadline)
    key = "BANGO-KAKUHO/60" if malicious else "BANGO-KAKUHO"
    if kakuho == appi_kakuho:
        reasons.append(say(texts, f"{key}-same", days=days, deadline=deadline))
        return kakuho
    if kakuho.moved:
        key = f"{key}-moved" if malicious else f"{key}/moved"
    # How days are counted is said once: by the 第7条 確報 reason when there is one.
    counting = ("", "") if appi_kakuho is not None else _COUNTING
    reasons.append(say(texts, key, days=days, nth=nth, deadline=deadline, counting=counting))
    if kakuho.moved:
        skipped = closed_days_words(day_count.skipped_days(kakuho))
        reasons.append(say(texts, "BANGO-KAKUHO-MOVED", skipped=skipped, deadline=deadline))
    return kakuho


def _categories_words(categories: tuple[int, ...]) -> tuple[str, str]:
    ja = "・".join(f"{n}号" for n in categories)
    if len(categories) == 1:
        return ja, f"({categories[0]})"
    return ja, " and ".join(f"({n})" for n in categories)


def _filing(
    appi: Assessment, bango: BangoAssessment, rs: BangoRuleSet, warnings: list[Reason]
) -> Filing | None:
    """CONV-BANGO-FILING (§15.3 rule 14): how the PPC filing(s) are made when My Numbers are in the data."""
    appi_to_ppc = appi.ppc_report_required and appi.report_to is ReportTo.PPC
    appi_to_ministry = appi.ppc_report_required and appi.report_to is ReportTo.DELEGATED_MINISTRY
    filing: Filing | None = None
    if bango.report_required:
        if appi_to_ppc:
            filing = Filing.JOINT
        elif appi_to_ministry:
            filing = Filing.SEPARATE
        else:
            filing = Filing.BANGO_ONLY
    elif appi_to_ppc:
        filing = Filing.APPI_ONLY
    if filing in (Filing.JOINT, Filing.APPI_ONLY):
        warnings.append(say(rs.texts, "W-BANGO-FORM"))
    return filing
