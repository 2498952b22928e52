"""What in the facts points at each 号 of 規則7条, before any exclusion is applied."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.facts import CausedBy, DataItem, Facts, MaliciousBasis
from app.rules.rulesets import FinancialRule, RuleSet


@dataclass(frozen=True, slots=True)
class Triggers:
    """What in the facts points at each 号, before any exclusion (the P-mark track needs them even when excluded)."""

    sensitive_items: tuple[DataItem, ...]
    sensitive: bool
    financial: tuple[FinancialRule, ...]  # the rules that matched, triggering or not
    financial_triggered: bool
    malicious: bool
    count: int | None
    count_from_max: bool
    over_threshold: bool

    def items(self, acquiring_only: bool) -> tuple[int, ...]:
        if acquiring_only:
            return (3,) if self.malicious else ()
        found = []
        if self.sensitive:
            found.append(1)
        if self.financial_triggered:
            found.append(2)
        if self.malicious:
            found.append(3)
        if self.over_threshold:
            found.append(4)
        return tuple(found)


_ON_PURPOSE = {
    CausedBy.OUTSIDER: MaliciousBasis.OTHER,
    CausedBy.EMPLOYEE_ON_PURPOSE: MaliciousBasis.INSIDER_EXFILTRATION,
    CausedBy.CONTRACTOR_ON_PURPOSE: MaliciousBasis.INSIDER_EXFILTRATION,
}


def wrongful_purpose(facts: Facts) -> tuple[bool, MaliciousBasis | None]:
    """不正の目的 and its basis: ticked as `malicious`, or implied by who caused it (an act done on purpose).

    Derived like `sensitive` from the data items, so `main.py assess` and the wizard reach 3号 from the same answer.
    """
    if facts.malicious:
        return True, facts.malicious_basis
    implied = _ON_PURPOSE.get(facts.caused_by) if facts.caused_by is not None else None
    return (True, implied) if implied is not None else (False, None)


def insider_on_purpose(facts: Facts) -> bool:
    return facts.caused_by in (CausedBy.EMPLOYEE_ON_PURPOSE, CausedBy.CONTRACTOR_ON_PURPOSE)


def find_triggers(facts: Facts, ruleset: RuleSet) -> Triggers:
    items = set(facts.data_items)
    sensitive_items = tuple(i for i in facts.data_items if i in ruleset.sensitive_items)
    matched = tuple(
        rule
        for rule in ruleset.financial_rules
        if getattr(facts.financial, rule.flag) or rule.implied_by & items
    )
    counts = [c for c in (facts.affected_count, facts.affected_count_max) if c is not None]
    count = max(counts) if counts else None
    return Triggers(
        sensitive_items=sensitive_items,
        sensitive=facts.sensitive or bool(sensitive_items),
        financial=matched,
        financial_triggered=any(rule.triggers for rule in matched),
        malicious=wrongful_purpose(facts)[0],
        count=count,
        count_from_max=count is not None and facts.affected_count != count,
        over_threshold=count is not None and count > ruleset.count_threshold,
    )
