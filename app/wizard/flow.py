"""Which question comes next: a pure function of the answers so far (pages only render it).

Answers are a plain JSON-able dict keyed by QuestionId values, plus "mode" ("new" or "reassess"). A question applies
or not depending only on answers to questions before it in ORDER, so pruning converges and going back never loops.
The result comes only after every applicable question has an explicit answer: no way of calling the flow skips one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.domain.facts import Event, MaliciousBasis
from app.wizard.questions import (
    CAUSE_INSIDER_ON_PURPOSE,
    EVENT_NONE,
    MY_NUMBER_ON,
    SIGN_BASIS,
    SIGN_OPTIONS,
    QuestionId,
)

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
    Q.MY_NUMBER,
    Q.PAYMENT_LOGIN,
    Q.SCOPE,
    Q.COUNT,
    Q.BANGO_COUNT,
    Q.LEARNED,
    Q.COUNT_CROSSING,
    Q.BANGO_CROSSING,
    Q.EVENT,
    Q.LOSS_PLACE,
    Q.DISPOSAL,
    Q.CAUSE,
    Q.RECOVERED,
    Q.ENCRYPTION,
    Q.BACKUP,
    Q.INDICATORS,
    Q.BANGO,
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
# Theft, ransomware and unauthorised access are wrongdoing by their nature (3号): who did it changes nothing.
CAUSE_IMPLIED_KINDS = frozenset({"theft", "ransomware", "unauthorized_access"})
# Mis-sent papers or files may have gone to a body that may not receive My Numbers (番号法19条).
SENT_KINDS = frozenset({"email_missend", "misdelivery"})
# Pseudonymised data and deliberate provision are outside 第26条 whatever else happened: no follow-ups needed,
# unless My Numbers are involved (番号法 ignores pseudonymisation and judges a provision by its recipient,
# docs/domain.md §15.2–3).
OUTSIDE_SCOPE = frozenset({"pseudonymized", "intentional"})
FOLLOW_UPS = frozenset(
    {
        Q.EVENT,
        Q.LOSS_PLACE,
        Q.DISPOSAL,
        Q.CAUSE,
        Q.RECOVERED,
        Q.ENCRYPTION,
        Q.BACKUP,
        Q.INDICATORS,
    }
)
BANGO_QUESTIONS = frozenset({Q.BANGO_COUNT, Q.BANGO_CROSSING, Q.BANGO})


def mode(answers: Mapping[str, Any]) -> str:
    return MODE_REASSESS if answers.get(MODE_KEY) == MODE_REASSESS else MODE_NEW


def count_value(answers: Mapping[str, Any], question: QuestionId = Q.COUNT) -> int | None:
    count = answers.get(question)
    value = count.get("value") if isinstance(count, Mapping) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def my_numbers(answers: Mapping[str, Any]) -> bool:
    """The 番号法 track is on: a document shows a My Number, or the officer is not sure yet (read as yes)."""
    return answers.get(Q.MY_NUMBER) in MY_NUMBER_ON


def cause(answers: Mapping[str, Any]) -> str | None:
    value = answers.get(Q.CAUSE)
    return value if isinstance(value, str) else None


def bango_answer(answers: Mapping[str, Any]) -> Mapping[str, Any]:
    value = answers.get(Q.BANGO)
    return value if isinstance(value, Mapping) else {}


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
        if isinstance(value, Mapping) and value.get("event") == EVENT_NONE and my_numbers(answers):
            return Event.NONE, False
        if isinstance(value, Mapping) and value.get("event") in ("leak", "loss", "damage"):
            return Event(value["event"]), bool(value.get("suspected"))
    return Event.LEAK, False


def malicious(answers: Mapping[str, Any]) -> tuple[bool, MaliciousBasis | None]:
    """不正の目的 (3号; 番号法 規則2条2号) and its basis, the same facts `main.py assess` would be given.

    An insider or a contractor acting on purpose is the guideline's own 3号 example (GL 3-5-3-1(3)); so is an
    employee looking My Numbers up for private ends on the 番号法 side (§15.3 rule 6).
    """
    kind = answers.get(Q.KIND)
    if kind == "theft":
        return True, MaliciousBasis.THEFT
    if kind == "ransomware":
        return True, MaliciousBasis.RANSOMWARE
    who = cause(answers)
    if who in CAUSE_INSIDER_ON_PURPOSE:
        return True, MaliciousBasis.INSIDER_EXFILTRATION
    ticked = signs(answers)
    if ticked:
        return True, MaliciousBasis(SIGN_BASIS[ticked[0]])
    if kind == "unauthorized_access":
        return True, MaliciousBasis.UNAUTHORIZED_ACCESS
    if who == "outsider":
        return True, MaliciousBasis.OTHER
    if bango_answer(answers).get("use") == "private":
        return True, MaliciousBasis.INSIDER_EXFILTRATION
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
    if question in BANGO_QUESTIONS:
        if not my_numbers(answers):
            return False
        if question is Q.BANGO_CROSSING:
            return (count_value(answers, Q.BANGO_COUNT) or 0) > 100
        return True
    if question in FOLLOW_UPS:
        outside = answers.get(Q.SCOPE) in OUTSIDE_SCOPE and not my_numbers(answers)
        return not outside and _follow_up_applies(question, kind, answers)
    return True


def _follow_up_applies(question: QuestionId, kind: object, answers: Mapping[str, Any]) -> bool:
    event, _possible = derived_event(answers)
    if question is Q.EVENT:
        return kind in EVENT_KINDS
    if question is Q.LOSS_PLACE:
        return kind == "loss"
    if question is Q.DISPOSAL:
        return kind == "erroneous_disposal"
    if question is Q.CAUSE:
        return kind not in CAUSE_IMPLIED_KINDS and answers.get(Q.SCOPE) != "intentional"
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
    # Q.INDICATORS: not when nothing left the office (a misuse is asked on the My Number page), nor when an insider
    # acting on purpose is already named (the signs could add nothing to item 3).
    if event is Event.NONE or cause(answers) in CAUSE_INSIDER_ON_PURPOSE:
        return False
    return kind in SIGN_KINDS or cause(answers) == "unknown"


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


def bango_parts(answers: Mapping[str, Any]) -> tuple[str, ...]:
    """The sub-questions of the My Number page that apply, each needing its own explicit answer
    (docs/domain.md §15.7)."""
    parts: list[str] = []
    if derived_event(answers)[0] is not Event.NONE:
        parts.append("viewable")
    if answers.get(Q.KIND) in SENT_KINDS or answers.get(Q.SCOPE) == "intentional":
        parts.append("recipient")
    return (*parts, "use", "violation")


def recipient_choices(answers: Mapping[str, Any]) -> frozenset[str]:
    """A provision the office decided on cannot have reached its recipient by mistake."""
    if answers.get(Q.SCOPE) == "intentional":
        return frozenset({"not_entitled", "entitled"})
    return frozenset({"mistaken", "not_entitled", "entitled"})
