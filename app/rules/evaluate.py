"""The 第7条 rules engine: facts in, assessment with bilingual reasons out (docs/domain.md §3). Pure: no I/O, no clock."""

from __future__ import annotations

from app.domain.assessment import AssessedEvent, Assessment, ExcludedBy, Reason
from app.domain.facts import DATA_ITEM_LABELS, DataItem, Event, Facts, MaliciousBasis
from app.rules.bango import with_bango
from app.rules.rulesets import RULESETS, RuleSet, ruleset_for
from app.rules.schedule import Verdict, decide
from app.rules.texts import EVENT_LABELS, MALICIOUS_BASIS_LABELS
from app.rules.triggers import Triggers, find_triggers, insider_on_purpose, wrongful_purpose
from app.rules.wording import join_words, known_count_words, say

_ASSESSED = {
    Event.LEAK: AssessedEvent.LEAK,
    Event.LOSS: AssessedEvent.LOSS,
    Event.DAMAGE: AssessedEvent.DAMAGE,
    Event.NONE: AssessedEvent.NONE,
}
_EVENT_KEYS = {event: f"EVENT/{event.value}" for event in AssessedEvent}
_COPY_KEYS = {event: f"EXCL-COPY/{event.value}" for event in Event}
_NO_OSORE = ("", "")
_OSORE = ("のおそれ", "possible ")


def assess(facts: Facts, rulesets: tuple[RuleSet, ...] = RULESETS) -> Assessment:
    """Decide under the rule set in force on the clock start.

    The clock start depends on the verdict (4号 crossing later), so the rule set is first chosen by the day the office
    learned of the event and, if the clock then starts under a different rule set, the facts are judged again under it.
    """
    ruleset = ruleset_for(facts.learned_date, rulesets)
    result = _evaluate(facts, ruleset)
    if result.clock_start is not None and result.clock_start != facts.learned_date:
        governing = ruleset_for(result.clock_start, rulesets)
        if governing is not ruleset:
            result = _evaluate(facts, governing)
    return with_bango(facts, result)


def _evaluate(facts: Facts, rs: RuleSet) -> Assessment:
    texts = rs.texts
    reasons: list[Reason] = []
    warnings: list[Reason] = []
    triggers = find_triggers(facts, rs)
    event = _ASSESSED[facts.event]
    excluded: ExcludedBy | None = None
    acquiring_only = False

    if facts.malicious and facts.malicious_basis is None:
        warnings.append(say(texts, "W-MALICIOUS-BASIS-MISSING"))

    if facts.pseudonymized:
        excluded = ExcludedBy.PSEUDONYMIZED
        reasons.append(say(texts, "EXCL-PSEUDONYMIZED"))
    elif not facts.is_personal_data:
        if facts.data_being_acquired and rs.acquiring_covered and facts.malicious:
            acquiring_only = True
        else:
            excluded = ExcludedBy.NOT_PERSONAL_DATA
            if not facts.data_being_acquired:
                key = "EXCL-NOT-PERSONAL-DATA"
            elif rs.acquiring_covered:
                key = "EXCL-NOT-PERSONAL-DATA/acquiring"
            else:
                key = "EXCL-NOT-PERSONAL-DATA/acquiring-before-2024"
            reasons.append(say(texts, key, version=rs.version))

    if excluded is None and facts.event is Event.NONE:
        # Only a 番号法 misuse or other violation was reported: nothing happened to the data (§11.1, §15).
        reasons.append(say(texts, "EVENT/none"))
        items: tuple[int, ...] = ()
        verdict = decide(facts, rs, triggers, items, excluded, reasons, warnings)
        return _assessment(rs, facts, AssessedEvent.NONE, excluded, items, verdict, reasons, warnings)
    if excluded is None:
        excluded, event = _event_exclusions(facts, rs, reasons, warnings)
    if excluded is None:
        osore = _OSORE if facts.possibility_only else _NO_OSORE
        reasons.append(say(texts, _EVENT_KEYS[event], osore=osore, possibly=osore))
        if facts.possibility_only:
            reasons.append(say(texts, "EVENT/possibility"))
        excluded = _encryption(facts, rs, reasons)

    items = ()
    if excluded is None:
        items = triggers.items(acquiring_only)
        _item_reasons(facts, rs, triggers, event, acquiring_only, reasons, warnings)

    verdict = decide(facts, rs, triggers, items, excluded, reasons, warnings)
    return _assessment(rs, facts, event, excluded, items, verdict, reasons, warnings)


def _assessment(
    rs: RuleSet,
    facts: Facts,
    event: AssessedEvent,
    excluded: ExcludedBy | None,
    items: tuple[int, ...],
    verdict: Verdict,
    reasons: list[Reason],
    warnings: list[Reason],
) -> Assessment:
    return Assessment(
        rules_version=rs.version,
        event=event,
        possibility_only=facts.possibility_only,
        excluded_by=excluded,
        applicable_items=items,
        ppc_report_required=verdict.ppc_report_required,
        report_to=verdict.report_to,
        individual_notice=verdict.individual_notice,
        clock_start=verdict.clock_start,
        sokuho_window=verdict.sokuho_window,
        kakuho=verdict.kakuho,
        entrustor_notice_window=verdict.entrustor_notice_window,
        pmark=verdict.pmark,
        gdpr=verdict.gdpr,
        reasons=tuple(reasons),
        warnings=tuple(warnings),
    )


def _event_exclusions(
    facts: Facts, rs: RuleSet, reasons: list[Reason], warnings: list[Reason]
) -> tuple[ExcludedBy | None, AssessedEvent]:
    """GL 3-5-1-2〜4: situations that are not 漏えい等 at all, so the event becomes "none"."""
    texts = rs.texts
    event = facts.event
    if facts.intentional_provision:
        reasons.append(say(texts, "EXCL-INTENTIONAL-PROVISION"))
        warnings.append(say(texts, "W-INTENTIONAL-PROVISION"))
        return ExcludedBy.INTENTIONAL_PROVISION, AssessedEvent.NONE
    if facts.recovered_before_viewed:
        if event is not Event.DAMAGE:
            reasons.append(say(texts, "EXCL-RECOVERED"))
            return ExcludedBy.RECOVERED_BEFORE_VIEWED, AssessedEvent.NONE
        warnings.append(say(texts, "W-DAMAGE-RECOVERED"))
    if facts.identical_copy_exists and event is not Event.LEAK:
        reasons.append(say(texts, _COPY_KEYS[event]))
        if facts.malicious_basis is MaliciousBasis.RANSOMWARE:
            warnings.append(say(texts, "W-RANSOMWARE-BACKUP"))
        elif facts.malicious:
            warnings.append(say(texts, "W-COPY-MALICIOUS"))
        if event is Event.LOSS:
            warnings.append(say(texts, "W-LOSS-MAY-BE-LEAK"))
        return ExcludedBy.IDENTICAL_COPY_EXISTS, AssessedEvent.NONE
    return None, _ASSESSED[event]


def _encryption(facts: Facts, rs: RuleSet, reasons: list[Reason]) -> ExcludedBy | None:
    """高度な暗号化 excludes all four 号, but only with a strong cipher, the key kept apart and not compromised."""
    enc = facts.encryption
    if not enc.encrypted:
        return None
    if enc.key_compromised:
        reasons.append(say(rs.texts, "ENC-NOT-HIGH-GRADE/key"))
        return None
    if not enc.high_grade:
        reasons.append(say(rs.texts, "ENC-NOT-HIGH-GRADE/weak"))
        return None
    reasons.append(say(rs.texts, "EXCL-ENCRYPTION"))
    return ExcludedBy.HIGH_GRADE_ENCRYPTION


def _item_reasons(
    facts: Facts,
    rs: RuleSet,
    triggers: Triggers,
    event: AssessedEvent,
    acquiring_only: bool,
    reasons: list[Reason],
    warnings: list[Reason],
) -> None:
    texts = rs.texts
    osore = _OSORE if facts.possibility_only else _NO_OSORE
    event_words = EVENT_LABELS[event]
    if acquiring_only:
        reasons.append(say(texts, "ACQ-ONLY"))
    else:
        if triggers.sensitive_items:
            labels = join_words(DATA_ITEM_LABELS[i] for i in triggers.sensitive_items)
            reasons.append(
                say(texts, "R7-1/items", items=labels, event=event_words, osore=osore, possibly=osore)
            )
        elif triggers.sensitive:
            reasons.append(say(texts, "R7-1/flag", event=event_words, osore=osore, possibly=osore))
        else:
            reasons.append(say(texts, "R7-1-NA"))
        _financial_reasons(facts, rs, triggers, reasons, warnings)

    if triggers.malicious and insider_on_purpose(facts):
        # The guideline's own example (an employee takes data and hands it to a third party): no sign to quote.
        reasons.append(say(texts, "R7-3/insider", event=event_words, osore=osore, possibly=osore))
        if facts.data_being_acquired:
            reasons.append(say(texts, "R7-3-ACQ"))
    elif triggers.malicious:
        basis = wrongful_purpose(facts)[1] or MaliciousBasis.OTHER
        indicator = rs.indicators.get(basis)
        if indicator is None:
            warnings.append(
                say(texts, "W-INDICATOR-NOT-LISTED", version=rs.version, basis=MALICIOUS_BASIS_LABELS[basis])
            )
            indicator = rs.indicators[MaliciousBasis.OTHER]
        detail = (indicator.detail.ja, indicator.detail.en + " ")
        # "Other" has no act to name apart from 3号's own words, which the sentence says anyway.
        reasons.append(
            say(
                texts,
                "R7-3/other" if basis is MaliciousBasis.OTHER else "R7-3",
                indicator.detail.refs,
                basis=MALICIOUS_BASIS_LABELS[basis],
                event=event_words,
                osore=osore,
                possibly=osore,
                detail=detail,
            )
        )
        if facts.data_being_acquired:
            reasons.append(say(texts, "R7-3-ACQ"))
    else:
        reasons.append(say(texts, "R7-3-NA"))

    if acquiring_only:
        return
    if triggers.count is None:
        reasons.append(say(texts, "R7-4-NA/unknown"))
        warnings.append(say(texts, "W-COUNT-UNKNOWN"))
        return
    # The count as known: a maximum is never read out as if it were the settled number.
    count = known_count_words(facts.affected_count, facts.affected_count_max)
    if triggers.over_threshold:
        key = "R7-4/max" if triggers.count_from_max else "R7-4"
        reasons.append(say(texts, key, count=count, osore=osore, possibly=osore))
    else:
        reasons.append(say(texts, "R7-4-NA/max" if triggers.count_from_max else "R7-4-NA", count=count))


def _financial_reasons(
    facts: Facts, rs: RuleSet, triggers: Triggers, reasons: list[Reason], warnings: list[Reason]
) -> None:
    """2号: each triggering reading gives a reason; the "not by itself" readings explain a no."""
    texts = rs.texts
    shown = (
        [r for r in triggers.financial if r.triggers]
        if triggers.financial_triggered
        else list(triggers.financial)
    )
    for rule in shown:
        reasons.append(say(texts, rule.text_key))
    if not shown:
        reasons.append(say(texts, "R7-2-NA"))
    has_login = DataItem.LOGIN_ID in facts.data_items and DataItem.PASSWORD in facts.data_items
    if has_login and not facts.financial.payment_login_credentials:
        warnings.append(say(texts, "W-LOGIN-PAYMENT"))
