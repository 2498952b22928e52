"""Which question comes next: a pure function of the answers so far (pages only render it).

Answers are a plain JSON-able dict keyed by QuestionId values, plus "mode" ("new" or "reassess"). A question applies
or not depending only on answers to questions before it in ORDER, so pruning converges and going back never loops.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.domain.facts import Event, MaliciousBasis
from app.wizard.questions import SIGN_BASIS, SIGN_OPTIONS, QuestionId

Q = QuestionId
Answers = dict[str, Any]

MODE_KEY = "mode"
MODE_NEW = "new"
MODE_REASSESS = "reassess"
NON_QUESTION_KEYS = frozenset({MODE_KEY, "incident_id"})

ORDER: tuple[QuestionId, ...] = (
    Q.REASON,
    Q.KIND,
    Q.DATA,
    Q.PAYMENT_LOGIN,
    Q.SCOPE,
    Q.COUNT,
    Q.LEARNED,
    Q.COUNT_CROSSING,
    Q.EVENT,
    Q.LOSS_PLACE,
    Q.DISPOSAL,
    Q.RECOVERED,
    Q.ENCRYPTION,
    Q.BACKUP,
    Q.INDICATORS,
    Q.ROLE,
    Q.OFFICE,
    Q.TITLE,
)

EVENT_KINDS = frozenset({"system_fault", "processor_report", "other"})
RECOVERABLE_KINDS = frozenset(
    {
        "email_missend",
        "misdelivery",
        "loss",
        "theft",
        "erroneous_disposal",
        "system_fault",
        "processor_report",
        "other",
    }
)
ENCRYPTABLE_KINDS = RECOVERABLE_KINDS - {"erroneous_disposal"}
SIGN_KINDS = frozenset({"unauthorized_access", "ransomware", "system_fault", "processor_report", "other"})
# Pseudonymised data and deliberate provision are outside 第26条 whatever else happened: no follow-ups needed.
OUTSIDE_SCOPE = frozenset({"pseudonymized", "intentional"})
FOLLOW_UPS = frozenset({Q.EVENT, Q.LOSS_PLACE, Q.DISPOSAL, Q.RECOVERED, Q.ENCRYPTION, Q.BACKUP, Q.INDICATORS})


def mode(answers: Mapping[str, Any]) -> str:
    return MODE_REASSESS if answers.get(MODE_KEY) == MODE_REASSESS else MODE_NEW


def count_value(answers: Mapping[str, Any]) -> int | None:
    count = answers.get(Q.COUNT)
    value = count.get("value") if isinstance(count, Mapping) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def signs(answers: Mapping[str, Any]) -> list[str]:
    """Ticked signs of outside access, in the guideline's order."""
    value = answers.get(Q.INDICATORS)
    ticked = value.get("signs", []) if isinstance(value, Mapping) else []
    return [option.code for option in SIGN_OPTIONS if option.code in ticked]


def derived_event(answers: Mapping[str, Any]) -> tuple[Event, bool]:
    """(event, possibility only) from the kind and its follow-ups; unanswered follow-ups read as the cautious case."""
    kind = answers.get(Q.KIND)
    indicators = answers.get(Q.INDICATORS)
    confirmed = bool(indicators.get("confirmed")) if isinstance(indicators, Mapping) else False
    if kind == "loss":
        return (Event.LOSS, False) if answers.get(Q.LOSS_PLACE) == "inside" else (Event.LEAK, True)
    if kind == "erroneous_disposal":
        return (Event.LOSS, False) if answers.get(Q.DISPOSAL) == "destroyed" else (Event.LEAK, True)
    if kind == "ransomware":
        return (Event.LEAK, not confirmed) if signs(answers) else (Event.DAMAGE, False)
    if kind == "unauthorized_access":
        return Event.LEAK, not confirmed
    if kind in EVENT_KINDS:
        value = answers.get(Q.EVENT)
        if isinstance(value, Mapping) and value.get("event") in ("leak", "loss", "damage"):
            return Event(value["event"]), bool(value.get("suspected"))
    return Event.LEAK, False


def malicious(answers: Mapping[str, Any]) -> tuple[bool, MaliciousBasis | None]:
    kind = answers.get(Q.KIND)
    if kind == "theft":
        return True, MaliciousBasis.THEFT
    if kind == "ransomware":
        return True, MaliciousBasis.RANSOMWARE
    ticked = signs(answers)
    if ticked:
        return True, MaliciousBasis(SIGN_BASIS[ticked[0]])
    if kind == "unauthorized_access":
        return True, MaliciousBasis.UNAUTHORIZED_ACCESS
    return False, None


def is_applicable(question: QuestionId, answers: Mapping[str, Any]) -> bool:
    kind = answers.get(Q.KIND)
    if question is Q.REASON:
        return mode(answers) == MODE_REASSESS
    if question is Q.TITLE:
        return mode(answers) == MODE_NEW
    if question is Q.PAYMENT_LOGIN:
        items = answers.get(Q.DATA) or []
        return "login_id" in items and "password" in items
    if question is Q.COUNT_CROSSING:
        return (count_value(answers) or 0) > 1000
    if question is Q.ROLE:
        return kind != "processor_report"
    if question in FOLLOW_UPS:
        return answers.get(Q.SCOPE) not in OUTSIDE_SCOPE and _follow_up_applies(question, kind, answers)
    return True


def _follow_up_applies(question: QuestionId, kind: object, answers: Mapping[str, Any]) -> bool:
    event, _possible = derived_event(answers)
    if question is Q.EVENT:
        return kind in EVENT_KINDS
    if question is Q.LOSS_PLACE:
        return kind == "loss"
    if question is Q.DISPOSAL:
        return kind == "erroneous_disposal"
    recoverable = (
        kind in RECOVERABLE_KINDS
        and event in (Event.LEAK, Event.LOSS)
        and not (kind == "erroneous_disposal" and answers.get(Q.DISPOSAL) == "destroyed")
    )
    if question is Q.RECOVERED:
        return recoverable
    if recoverable and answers.get(Q.RECOVERED) == "yes":
        return False  # all of it came back unseen: nothing later changes the verdict
    if question is Q.ENCRYPTION:
        return kind in ENCRYPTABLE_KINDS and event is Event.LEAK
    if question is Q.BACKUP:
        return kind == "ransomware" or event in (Event.LOSS, Event.DAMAGE)
    return kind in SIGN_KINDS  # Q.INDICATORS


def applicable_questions(answers: Mapping[str, Any]) -> list[QuestionId]:
    return [question for question in ORDER if is_applicable(question, answers)]


def prune(answers: Mapping[str, Any]) -> Answers:
    """A copy without the answers that no longer apply; repeated until stable, since applicability chains."""
    current: Answers = {str(key): value for key, value in answers.items()}
    while True:
        keep = {question.value for question in applicable_questions(current)} | NON_QUESTION_KEYS
        pruned = {key: value for key, value in current.items() if key in keep}
        if pruned == current:
            return pruned
        current = pruned


def next_question(answers: Mapping[str, Any], after: QuestionId | None = None) -> QuestionId | None:
    """With `after`: the applicable question following it (None: the result comes next).
    Without: the first applicable question not yet answered completely, where a resumed draft continues."""
    from app.wizard.validation import is_complete

    questions = applicable_questions(answers)
    if after is not None:
        later = [q for q in questions if ORDER.index(q) > ORDER.index(after)]
        return later[0] if later else None
    return next((q for q in questions if not is_complete(q, answers)), None)
