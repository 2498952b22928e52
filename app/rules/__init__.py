"""規則7条 as versioned data and the evaluator that applies it: `assess(facts) -> Assessment`."""

from app.rules.evaluate import assess
from app.rules.rulesets import RULESETS, RuleSet, ruleset_for

__all__ = ["RULESETS", "RuleSet", "assess", "ruleset_for"]
