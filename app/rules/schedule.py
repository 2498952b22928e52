"""From the applicable 号 to duties and dates: who reports to whom, the clocks, the P-mark and GDPR tracks
(docs/domain.md §4–§6, §8, §10)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.calendar import closed_days, day_count
from app.domain.assessment import (
    DateWindow,
    ExcludedBy,
    GdprResult,
    IndividualNotice,
    Kakuho,
    PMarkResult,
    Reason,
    ReportTo,
)
from app.domain.facts import DataItem, Facts, Role
from app.i18n import N_
from app.rules.facts_json import field_error
from app.rules.rulesets import RuleSet
from app.rules.texts import EXCLUSION_LABELS
from app.rules.triggers import Triggers
from app.rules.wording import closed_days_words, date_words, datetime_words, items_words, say


@dataclass(frozen=True, slots=True)
class Verdict:
    ppc_report_required: bool = False
    report_to: ReportTo | None = None
    individual_notice: IndividualNotice = IndividualNotice.NOT_REQUIRED
    clock_start: dt.date | None = None
    sokuho_window: DateWindow | None = None
    kakuho: Kakuho | None = None
    entrustor_notice_window: DateWindow | None = None
    pmark: PMarkResult | None = None
    gdpr: GdprResult | None = None


_NOTHING_DUE = Verdict()

# (3号, moved): a deadline that did not move is day 30/60 itself, named once; a moved one is given by R8-2-MOVED.
_KAKUHO_KEYS = {
    (False, False): "R8-2",
    (False, True): "R8-2/moved",
    (True, False): "R8-2/60",
    (True, True): "R8-2/60-moved",
}


def decide(
    facts: Facts,
    rs: RuleSet,
    triggers: Triggers,
    items: tuple[int, ...],
    excluded: ExcludedBy | None,
    reasons: list[Reason],
    warnings: list[Reason],
) -> Verdict:
    texts = rs.texts
    if items:
        reasons.append(say(texts, "REPORTABLE", items=items_words(items)))
        verdict = _duties(facts, rs, items, reasons, warnings)
    else:
        reasons.append(say(texts, "NOT-REPORTABLE"))
        if facts.role is Role.PROCESSOR:
            warnings.append(say(texts, "W-PROCESSOR-CONTRACT"))
        verdict = _NOTHING_DUE
    for key in rs.notices:
        warnings.append(say(texts, key, effective=date_words(rs.effective_from)))
    if not (facts.pmark_holder or facts.gdpr_applies):
        return verdict
    pmark = _pmark(facts, rs, triggers, excluded, reasons, warnings) if facts.pmark_holder else None
    gdpr = _gdpr(facts, rs, reasons) if facts.gdpr_applies else None
    return Verdict(
        verdict.ppc_report_required,
        verdict.report_to,
        verdict.individual_notice,
        verdict.clock_start,
        verdict.sokuho_window,
        verdict.kakuho,
        verdict.entrustor_notice_window,
        pmark,
        gdpr,
    )


def _clock_start(
    facts: Facts, rs: RuleSet, items: tuple[int, ...], reasons: list[Reason], warnings: list[Reason]
) -> dt.date:
    """learned_date, except a 4号-only case whose count was found to exceed 1,000 later (GL 3-5-3-1(4))."""
    texts = rs.texts
    learned = facts.learned_date
    crossing = facts.count_exceeded_1000_learned_date
    if 4 in items and crossing is not None and crossing > learned:
        if items == (4,):
            reasons.append(say(texts, "CLOCK/4-crossing", date=date_words(crossing)))
            return crossing
        others = tuple(i for i in items if i != 4)
        warnings.append(
            say(
                texts,
                "W-4-CROSSING",
                crossing=date_words(crossing),
                items=items_words(others),
                learned=date_words(learned),
            )
        )
    # Only a processor's facts involve entrustment: a controller's learned_date already is the arrival of any notice.
    key = "CLOCK/processor" if facts.role is Role.PROCESSOR else "CLOCK"
    reasons.append(say(texts, key, date=date_words(learned)))
    return learned


def _duties(
    facts: Facts, rs: RuleSet, items: tuple[int, ...], reasons: list[Reason], warnings: list[Reason]
) -> Verdict:
    texts = rs.texts
    periods = rs.periods
    start = _clock_start(facts, rs, items, reasons, warnings)
    officer = facts.officer_learned_date
    if officer is not None and officer > facts.learned_date:
        warnings.append(
            say(texts, "W-OFFICER-LATER", officer=date_words(officer), learned=date_words(facts.learned_date))
        )

    if facts.role is Role.PROCESSOR:
        window = day_count.entrustor_notice_window(
            start, periods.entrustor_first_day, periods.entrustor_last_day
        )
        reasons.append(say(texts, "LAW26-1-PROVISO"))
        reasons.append(say(texts, "R9", start=date_words(window.start), end=date_words(window.end)))
        return Verdict(
            report_to=ReportTo.ENTRUSTOR,
            individual_notice=IndividualNotice.EXEMPT_ENTRUSTOR_NOTIFIED,
            clock_start=start,
            entrustor_notice_window=window,
        )

    report_to = ReportTo.DELEGATED_MINISTRY if facts.delegated_sector else ReportTo.PPC
    reasons.append(say(texts, "REPORT-TO/delegated" if facts.delegated_sector else "REPORT-TO/ppc"))
    sokuho = day_count.sokuho_window(start, periods.sokuho_first_day, periods.sokuho_last_day)
    reasons.append(say(texts, "R8-1", start=date_words(sokuho.start), end=date_words(sokuho.end)))
    days = periods.kakuho_days_malicious if 3 in items else periods.kakuho_days
    kakuho = day_count.kakuho_deadline(start, days)
    reasons.append(
        say(
            texts,
            _KAKUHO_KEYS[3 in items, kakuho.moved],
            days=days,
            nth=date_words(kakuho.nth_day),
            deadline=date_words(kakuho.deadline),
        )
    )
    if kakuho.moved:
        skipped = closed_days_words(day_count.skipped_days(kakuho))
        reasons.append(say(texts, "R8-2-MOVED", skipped=skipped, deadline=date_words(kakuho.deadline)))
    if closed_days.is_holiday_forecast(kakuho.deadline):
        warnings.append(say(texts, "W-HOLIDAY-FORECAST", year=kakuho.deadline.year))

    notice = IndividualNotice.REQUIRED
    reasons.append(say(texts, "LAW26-2"))
    if facts.notification_difficult:
        notice = IndividualNotice.REQUIRED_SUBSTITUTE_ALLOWED
        reasons.append(say(texts, "LAW26-2-PROVISO"))
    return Verdict(True, report_to, notice, start, sokuho, kakuho)


_PMARK_SOKUHO = (
    "速報は発覚日から概ね3〜5日以内に必要です（要配慮個人情報・財産的被害・不正の目的・1,000人超のいずれかに当たるため）",
    "a preliminary report within about 3–5 days is needed (special-care data, financial harm, wrongful purpose or more than 1,000 people)",
)
_PMARK_NO_SOKUHO = (
    "速報は不要です（要配慮個人情報・財産的被害・不正の目的・1,000人超のいずれにも当たらないため）",
    "no preliminary report is needed (none of special-care data, financial harm, wrongful purpose, more than 1,000 people)",
)


def _pmark(
    facts: Facts,
    rs: RuleSet,
    triggers: Triggers,
    excluded: ExcludedBy | None,
    reasons: list[Reason],
    warnings: list[Reason],
) -> PMarkResult:
    """§8: every incident, even one person and even when the APPI excludes it, except the office's own provision."""
    texts = rs.texts
    periods = rs.periods
    days = periods.pmark_kakuho_days_malicious if triggers.malicious else periods.pmark_kakuho_days
    if excluded is ExcludedBy.INTENTIONAL_PROVISION:
        reasons.append(say(texts, "PMARK/none"))
        return PMarkResult(report_required=False, sokuho_required=False, kakuho_days=days)
    if excluded is not None:
        reasons.append(say(texts, "PMARK/exclusion-not-carried", excluded=EXCLUSION_LABELS[excluded.value]))
    sokuho_required = bool(triggers.items(acquiring_only=False))
    reasons.append(
        say(texts, "PMARK", days=days, sokuho=_PMARK_SOKUHO if sokuho_required else _PMARK_NO_SOKUHO)
    )
    warnings.append(say(texts, "W-PMARK-CONVENTION"))
    if DataItem.MY_NUMBER in facts.data_items:
        warnings.append(say(texts, "W-PMARK-MY-NUMBER"))
    return PMarkResult(report_required=True, sokuho_required=sokuho_required, kakuho_days=days)


def _gdpr(facts: Facts, rs: RuleSet, reasons: list[Reason]) -> GdprResult:
    """§10: awareness + 72 clock hours; the app does not decide applicability, the office confirmed it."""
    awareness = facts.learned_at
    if awareness is None or awareness.utcoffset() is None:
        raise field_error(
            N_("The field {field} ({label}) is needed when gdpr_applies is true."), "learned_at"
        )
    deadline = day_count.gdpr_art33_deadline(awareness, rs.periods.gdpr_hours)
    reasons.append(
        say(rs.texts, "GDPR33", awareness=datetime_words(awareness), deadline=datetime_words(deadline))
    )
    return GdprResult(awareness=awareness, art33_deadline=deadline)
