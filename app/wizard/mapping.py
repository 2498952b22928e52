"""From the officer's answers to the engine's Facts (docs/domain.md §11.1), and back for a re-assessment.

Office-level facts (Privacy Mark, delegated sector) come from the office profile, never from the answers, so every
incident of the office is judged the same way. Only answers that still apply are read (see flow.prune).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from app.domain.dates import JST
from app.domain.facts import (
    BangoFacts,
    BangoMisuse,
    CausedBy,
    DataItem,
    Encryption,
    Event,
    Facts,
    Financial,
    MaliciousBasis,
    Role,
)
from app.domain.office import OfficeProfile
from app.rules.facts_json import check_consistency
from app.rules.rulesets import RULESETS
from app.wizard.flow import (
    CAUSE_IMPLIED_KINDS,
    MODE_KEY,
    MODE_NEW,
    MODE_REASSESS,
    SENT_KINDS,
    Answers,
    bango_answer,
    cause,
    derived_event,
    is_applicable,
    malicious,
    my_numbers,
    prune,
    signs,
)
from app.wizard.questions import DATA_ITEM_CODES, EVENT_NONE, MY_NUMBER_CODE, SIGN_BASIS, QuestionId
from app.wizard.validation import parse_day, parse_moment

Q = QuestionId


def _get(answers: Mapping[str, Any], question: QuestionId) -> Mapping[str, Any]:
    value = answers.get(question)
    return value if isinstance(value, Mapping) else {}


def answers_to_facts(
    answers: Mapping[str, Any], office: OfficeProfile, *, now: dt.datetime | None = None
) -> Facts:
    """Facts for the engine. Before the date question is answered, `now` stands in (the live verdict's default);
    without either, ValueError. Contradictions raise app.errors.InputError, as for the command line."""
    live = prune(answers)
    items = tuple(DataItem(code) for code in live.get(Q.DATA) or [] if code in DATA_ITEM_CODES)
    if my_numbers(live):  # "not sure" is read as yes: the cautious reading until the documents are checked
        items = (*items, DataItem.MY_NUMBER)
    event, possibility = derived_event(live)
    is_malicious, basis = malicious(live)
    learned = _get(live, Q.LEARNED)
    moment = parse_moment(learned.get("learned_at")) or (now.astimezone(JST) if now is not None else None)
    if moment is None:
        raise ValueError("the date the office learned of the incident is not answered yet")
    learned_date = moment.astimezone(JST).date()
    count = _get(live, Q.COUNT)
    value = count.get("value") if isinstance(count.get("value"), int) and count.get("value", 0) > 0 else None
    crossing = _get(live, Q.COUNT_CROSSING)
    enc = _get(live, Q.ENCRYPTION)
    encrypted = enc.get("encrypted") == "yes"
    indicators = _get(live, Q.INDICATORS)
    scope = live.get(Q.SCOPE, "personal_data")
    full_card = DataItem.CARD_NUMBER_FULL in items
    payment_login = live.get(Q.PAYMENT_LOGIN) == "yes"
    sensitive_items = RULESETS[0].sensitive_items
    facts = Facts(
        role=Role.PROCESSOR if live.get(Q.ROLE) == "processor" else Role.CONTROLLER,
        event=event,
        learned_date=learned_date,
        possibility_only=possibility,
        is_personal_data=scope != "not_database",
        data_items=items,
        sensitive=any(item in sensitive_items for item in items),
        financial=Financial(
            card_number_full=full_card,
            card_last4_expiry_only=not full_card
            and bool({DataItem.CARD_LAST4, DataItem.CARD_EXPIRY} & set(items)),
            bank_account_only=DataItem.BANK_ACCOUNT in items and not (full_card or payment_login),
            payment_login_credentials=payment_login,
        ),
        malicious=is_malicious,
        malicious_basis=basis,
        caused_by=_caused_by(cause(live)),
        affected_count=value if count.get("mode") == "exact" else None,
        affected_count_max=value if count.get("mode") == "at_most" else None,
        encryption=Encryption(
            encrypted=encrypted,
            high_grade=encrypted and bool(enc.get("strong")) and bool(enc.get("separate")),
            key_compromised=encrypted and enc.get("key") != "safe",
        ),
        pseudonymized=scope == "pseudonymized",
        recovered_before_viewed=live.get(Q.RECOVERED) == "yes",
        intentional_provision=scope == "intentional",
        identical_copy_exists=live.get(Q.BACKUP) == "yes",
        occurred_date=parse_day(learned.get("occurred_date")),
        learned_at=moment,
        learned_by=(str(learned.get("learned_by") or "").strip() or None),
        officer_learned_date=parse_day(learned.get("officer_date")),
        count_exceeded_1000_learned_date=parse_day(crossing.get("date"))
        if crossing.get("when") == "later"
        else None,
        delegated_sector=office.delegated_sector,
        notification_difficult=count.get("contact_all") == "no",
        pmark_holder=office.pmark_holder,
        gdpr_applies=bool(_get(live, Q.OFFICE).get("gdpr")),
        data_being_acquired="web_skimming" in signs(live) and bool(indicators.get("acquiring")),
        bango=_bango_facts(live),
    )
    check_consistency(facts, today=now.astimezone(JST).date() if now is not None else None)
    return facts


def _bango_facts(live: Mapping[str, Any]) -> BangoFacts:
    """§15.2's facts from the My Number questions; the defaults when no document shows a number."""
    if not my_numbers(live):
        return BangoFacts()
    count = _get(live, Q.BANGO_COUNT)
    value = count.get("value") if isinstance(count.get("value"), int) and count.get("value", 0) > 0 else None
    crossing = _get(live, Q.BANGO_CROSSING)
    page = bango_answer(live)
    misuse: BangoMisuse | None = None
    if page.get("use") in ("private", "work"):
        misuse = BangoMisuse.USE_OUTSIDE_ART9
    elif page.get("recipient") == "not_entitled":
        misuse = BangoMisuse.PROVISION_OUTSIDE_ART19
    return BangoFacts(
        affected_count=value if count.get("mode") == "exact" else None,
        affected_count_max=value if count.get("mode") == "at_most" else None,
        count_exceeded_100_learned_date=parse_day(crossing.get("date"))
        if crossing.get("when") == "later"
        else None,
        publicly_viewable=page.get("viewable") == "yes",
        gov_system=bool(page.get("gov_system")),
        misuse=misuse,
        other_violation=page.get("violation") == "yes",
    )


def facts_to_answers(
    facts: Mapping[str, Any], incident_kind: str | None, *, reassess_id: int | None = None
) -> Answers:
    """Answers that lead back to these facts, so a saved incident re-opens in the wizard with its answers filled in.

    Read leniently: an incident recorded before the wizard existed may hold only a date and a note.
    """
    answers: Answers = {MODE_KEY: MODE_REASSESS if reassess_id is not None else MODE_NEW}
    if reassess_id is not None:
        answers["incident_id"] = reassess_id
    kind = incident_kind
    if kind:
        answers[Q.KIND] = kind
    all_items = facts.get("data_items") or []
    items = [code for code in all_items if code in DATA_ITEM_CODES]
    if items:
        answers[Q.DATA] = items
    if "data_items" in facts:
        answers[Q.MY_NUMBER] = "yes" if MY_NUMBER_CODE in all_items else "no"
    financial = facts.get("financial") or {}
    if "login_id" in items and "password" in items:
        answers[Q.PAYMENT_LOGIN] = "yes" if financial.get("payment_login_credentials") else "no"
    if facts.get("pseudonymized"):
        answers[Q.SCOPE] = "pseudonymized"
    elif facts.get("intentional_provision"):
        answers[Q.SCOPE] = "intentional"
    elif facts.get("is_personal_data") is False:
        answers[Q.SCOPE] = "not_database"
    elif "event" in facts:
        answers[Q.SCOPE] = "personal_data"
    _count_answers(facts, answers)
    _learned_answers(facts, answers)
    _event_answers(facts, kind, answers)
    _bango_answers(facts, kind, answers)
    if facts.get("role") == "processor":
        answers[Q.ROLE] = "processor"
    elif "role" in facts and kind != "processor_report":
        answers[Q.ROLE] = "own"
    if "gdpr_applies" in facts:
        answers[Q.OFFICE] = {"gdpr": bool(facts.get("gdpr_applies"))}
    if not is_applicable(Q.CAUSE, prune(answers)) and facts.get("malicious_basis") == "insider_exfiltration":
        answers[Q.INDICATORS] = {**answers.get(Q.INDICATORS, {}), "signs": ["insider"], "none": False}
    return prune(answers)


def _count_answers(facts: Mapping[str, Any], answers: Answers) -> None:
    exact, at_most = facts.get("affected_count"), facts.get("affected_count_max")
    if isinstance(exact, int) or isinstance(at_most, int):
        answers[Q.COUNT] = {
            "mode": "exact" if isinstance(exact, int) and not isinstance(at_most, int) else "at_most",
            "value": at_most if isinstance(at_most, int) else exact,
            "contact_all": "no" if facts.get("notification_difficult") else "yes",
        }
    crossing = facts.get("count_exceeded_1000_learned_date")
    answers[Q.COUNT_CROSSING] = {"when": "later", "date": crossing} if crossing else {"when": "from_start"}


def _learned_answers(facts: Mapping[str, Any], answers: Answers) -> None:
    moment = parse_moment(facts.get("learned_at"))
    day = parse_day(facts.get("learned_date"))
    if moment is None and day is not None:
        moment = dt.datetime.combine(day, dt.time(9, 0), JST)
    if moment is None:
        return
    answers[Q.LEARNED] = {
        "learned_at": moment.isoformat(),
        "learned_by": facts.get("learned_by") or "",
        "occurred_date": facts.get("occurred_date"),
        "officer_date": facts.get("officer_learned_date"),
    }


def _event_answers(facts: Mapping[str, Any], kind: str | None, answers: Answers) -> None:
    event, possible = facts.get("event"), bool(facts.get("possibility_only"))
    _cause_answer(facts, kind, answers)
    if event == EVENT_NONE:
        answers[Q.EVENT] = {"event": EVENT_NONE, "suspected": False}
        return
    if event not in ("leak", "loss", "damage"):
        return
    answers[Q.EVENT] = {"event": event, "suspected": possible}
    answers[Q.LOSS_PLACE] = "inside" if event == Event.LOSS else "outside"
    answers[Q.DISPOSAL] = "destroyed" if event == Event.LOSS else "not_destroyed"
    answers[Q.RECOVERED] = "yes" if facts.get("recovered_before_viewed") else "no"
    enc = facts.get("encryption") or {}
    encrypted = bool(enc.get("encrypted"))
    answers[Q.ENCRYPTION] = (
        {
            "encrypted": "yes",
            "strong": bool(enc.get("high_grade")),
            "separate": bool(enc.get("high_grade")),
            "key": "leaked" if enc.get("key_compromised") else "safe",
        }
        if encrypted
        else {"encrypted": "no"}
    )
    answers[Q.BACKUP] = "yes" if facts.get("identical_copy_exists") else "no"
    basis = facts.get("malicious_basis")
    sign = next((code for code, value in SIGN_BASIS.items() if value == basis), None)
    if answers.get(Q.CAUSE) in ("employee_on_purpose", "contractor_on_purpose", "outsider"):
        sign = None  # the answer "who did it" already carries the basis
    exfiltrated = kind == "ransomware" and event == "leak"
    ticked = [sign] if sign else (["traces_outside"] if exfiltrated else [])
    answers[Q.INDICATORS] = {
        "signs": ticked,
        "none": not ticked,
        "acquiring": bool(facts.get("data_being_acquired")),
        "confirmed": not possible,
    }


def _caused_by(answer: str | None) -> CausedBy | None:
    """The answer codes are CausedBy's codes; a draft from before the question has none."""
    return CausedBy(answer) if answer is not None and answer in CausedBy._value2member_map_ else None


def _cause_answer(facts: Mapping[str, Any], kind: str | None, answers: Answers) -> None:
    """Who caused it, as far as the facts tell: the basis of 不正の目的 names an insider, an outsider or a sign.

    Facts do not say whether an innocent cause was an employee or a contractor; a contractor's report reads as
    the contractor, anything else as the office's own staff.
    """
    if kind in CAUSE_IMPLIED_KINDS or "event" not in facts:
        return
    recorded = facts.get("caused_by")
    if isinstance(recorded, str) and recorded in CausedBy._value2member_map_:
        answers[Q.CAUSE] = recorded  # asked plainly and kept with the facts
        return
    at_contractor = kind == "processor_report"
    basis = facts.get("malicious_basis") if facts.get("malicious") else None
    if basis == MaliciousBasis.INSIDER_EXFILTRATION:
        answers[Q.CAUSE] = "contractor_on_purpose" if at_contractor else "employee_on_purpose"
    elif basis == MaliciousBasis.OTHER:
        answers[Q.CAUSE] = "outsider"
    elif basis is not None:
        answers[Q.CAUSE] = "unknown"  # signs of wrongdoing, actor not named
    else:
        answers[Q.CAUSE] = "contractor_mistake" if at_contractor else "employee_mistake"


def _bango_answers(facts: Mapping[str, Any], kind: str | None, answers: Answers) -> None:
    bango = facts.get("bango") or {}
    if MY_NUMBER_CODE not in (facts.get("data_items") or []) or not isinstance(bango, Mapping):
        return
    exact, at_most = bango.get("affected_count"), bango.get("affected_count_max")
    if isinstance(exact, int) or isinstance(at_most, int):
        answers[Q.BANGO_COUNT] = {
            "mode": "exact" if isinstance(exact, int) and not isinstance(at_most, int) else "at_most",
            "value": at_most if isinstance(at_most, int) else exact,
        }
    crossing = bango.get("count_exceeded_100_learned_date")
    answers[Q.BANGO_CROSSING] = {"when": "later", "date": crossing} if crossing else {"when": "from_start"}
    misuse = bango.get("misuse")
    use = "no"
    if misuse == BangoMisuse.USE_OUTSIDE_ART9:
        use = "private" if facts.get("malicious") else "work"
    if misuse == BangoMisuse.PROVISION_OUTSIDE_ART19:
        recipient = "not_entitled"
    else:
        recipient = "entitled" if facts.get("intentional_provision") or kind not in SENT_KINDS else "mistaken"
    answers[Q.BANGO] = {
        "viewable": "yes" if bango.get("publicly_viewable") else "no",
        "recipient": recipient,
        "use": use,
        "violation": "yes" if bango.get("other_violation") else "no",
        "gov_system": bool(bango.get("gov_system")),
    }
