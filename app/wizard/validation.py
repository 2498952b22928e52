"""Per-question checks: is the question answered, and is the answer possible? Messages in the UI language.

Impossible answers (nobody affected, a date in the future, noticed before it happened) are refused at the question,
beside the field, so nothing half-valid can reach the register. `now` is passed in: tests never read the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from app.domain.dates import JST
from app.i18n import _, ngettext
from app.rules.facts_json import LATEST_LEARNED_DATE
from app.rules.rulesets import RULESETS
from app.wizard.flow import bango_parts, my_numbers, recipient_choices
from app.wizard.questions import (
    CAUSE_OPTIONS,
    DATA_ITEM_CODES,
    EVENT_NONE,
    MY_NUMBER_OPTIONS,
    USE_OPTIONS,
    VIEWABLE_OPTIONS,
    VIOLATION_OPTIONS,
    QuestionId,
)

Q = QuestionId
MAX_COUNT = 100_000_000
MAX_TITLE = 200
MAX_LEARNED_BY = 200
EARLIEST_LEARNED = min(r.effective_from for r in RULESETS)

_CHOICES: dict[QuestionId, frozenset[str]] = {
    Q.KIND: frozenset(
        {
            "email_missend",
            "misdelivery",
            "loss",
            "theft",
            "unauthorized_access",
            "ransomware",
            "erroneous_disposal",
            "system_fault",
            "processor_report",
            "other",
        }
    ),
    Q.PAYMENT_LOGIN: frozenset({"yes", "no"}),
    Q.SCOPE: frozenset({"personal_data", "not_database", "pseudonymized", "intentional"}),
    Q.LOSS_PLACE: frozenset({"inside", "outside", "unknown"}),
    Q.DISPOSAL: frozenset({"destroyed", "not_destroyed", "unknown"}),
    Q.RECOVERED: frozenset({"yes", "no"}),
    Q.BACKUP: frozenset({"yes", "no"}),
    Q.ROLE: frozenset({"own", "via_contractor", "processor"}),
    Q.MY_NUMBER: frozenset(option.code for option in MY_NUMBER_OPTIONS),
    Q.CAUSE: frozenset(option.code for option in CAUSE_OPTIONS),
}
_BANGO_CHOICES: dict[str, frozenset[str]] = {
    "viewable": frozenset(option.code for option in VIEWABLE_OPTIONS),
    "use": frozenset(option.code for option in USE_OPTIONS),
    "violation": frozenset(option.code for option in VIOLATION_OPTIONS),
}


# Pictographs no document font has: they would print as empty boxes in every PDF that shows the 件名 (the
# register's list, the internal report). Refused where the title is typed rather than printed as tofu.
_EMOJI_RANGES = (
    (0x1F000, 0x1FAFF),  # mahjong, cards, enclosed alphanumerics, pictographs, emoticons, flags
    (0x200D, 0x200D),  # zero-width joiner (family and profession sequences)
    (0xFE0F, 0xFE0F),  # emoji presentation selector (☺️, ❤️)
    (0xE0020, 0xE007F),  # tag characters (subdivision flags)
)


def emoji_in(text: str) -> list[str]:
    """Emoji and emoji parts of `text`, once each, in order of appearance."""
    found: list[str] = []
    for char in text:
        code = ord(char)
        if char not in found and any(low <= code <= high for low, high in _EMOJI_RANGES):
            found.append(char)
    return found


def emoji_problem(text: str) -> str | None:
    """The message when a title holds emoji, naming each by its code point (the character itself may not show)."""
    found = emoji_in(text)
    if not found:
        return None
    return _(
        "Emoji cannot be used in the title ({characters}): documents cannot print them. Write it in words instead."
    ).format(characters="、".join(f"U+{ord(char):04X}" for char in found))


def parse_day(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def parse_moment(value: object) -> dt.datetime | None:
    """An ISO date-time; one without an offset is read as Japan time (the office's clock)."""
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=JST)


def _mapping(answers: Mapping[str, Any], question: QuestionId) -> Mapping[str, Any]:
    value = answers.get(question)
    return value if isinstance(value, Mapping) else {}


def is_complete(question: QuestionId, answers: Mapping[str, Any]) -> bool:
    """Every required choice explicitly made (impossible values are `problems`, checked separately).

    A page whose boxes may all stay empty is answered only by an explicit "none of these" or "no": an untouched page
    never counts, so no caller can reach the result past it.
    """
    value = answers.get(question)
    if question in _CHOICES:
        return value in _CHOICES[question]
    if question is Q.DATA:
        return isinstance(value, list) and any(code in DATA_ITEM_CODES for code in value)
    if question in (Q.COUNT, Q.BANGO_COUNT):
        count = _mapping(answers, question)
        counted = count.get("mode") in ("exact", "at_most") and _integer(count.get("value"))
        return counted and (question is Q.BANGO_COUNT or count.get("contact_all") in ("yes", "no"))
    if question is Q.LEARNED:
        return parse_moment(_mapping(answers, question).get("learned_at")) is not None
    if question in (Q.COUNT_CROSSING, Q.BANGO_CROSSING):
        crossing = _mapping(answers, question)
        if crossing.get("when") == "from_start":
            return True
        return crossing.get("when") == "later" and parse_day(crossing.get("date")) is not None
    if question is Q.EVENT:
        event = _mapping(answers, question).get("event")
        return event in ("leak", "loss", "damage") or (event == EVENT_NONE and my_numbers(answers))
    if question is Q.ENCRYPTION:
        enc = _mapping(answers, question)
        return enc.get("encrypted") == "no" or (
            enc.get("encrypted") == "yes" and enc.get("key") in ("safe", "leaked")
        )
    if question in (Q.TITLE, Q.REASON):
        return isinstance(value, str) and bool(value.strip())
    if question is Q.INDICATORS:
        indicators = _mapping(answers, question)
        ticked = indicators.get("signs")
        return (isinstance(ticked, list) and bool(ticked)) or indicators.get("none") is True
    if question is Q.OFFICE:
        return isinstance(_mapping(answers, question).get("gdpr"), bool)
    if question is Q.BANGO:
        bango = _mapping(answers, question)
        choices = {**_BANGO_CHOICES, "recipient": recipient_choices(answers)}
        return all(bango.get(part) in choices[part] for part in bango_parts(answers))
    return False


def _integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def problems(question: QuestionId, answers: Mapping[str, Any], now: dt.datetime) -> dict[str, str]:
    """Field name -> message for answers that cannot be true; empty when the answer is possible."""
    today = now.astimezone(JST).date()
    found: dict[str, str] = {}
    if question in (Q.COUNT, Q.BANGO_COUNT):
        found.update(_count_problems(question, _mapping(answers, question).get("value")))
    elif question is Q.BANGO_CROSSING:
        found.update(_crossing_problems(answers, question, today))
    elif question is Q.LEARNED:
        found.update(_learned_problems(_mapping(answers, question), now, today))
    elif question is Q.COUNT_CROSSING:
        found.update(_crossing_problems(answers, question, today))
    elif question in (Q.TITLE, Q.REASON):
        value = answers.get(question)
        if isinstance(value, str) and len(value.strip()) > MAX_TITLE and question is Q.TITLE:
            found["title"] = ngettext(
                "Keep the name to {limit} character or fewer.",
                "Keep the name to {limit} characters or fewer.",
                MAX_TITLE,
            ).format(limit=MAX_TITLE)
        elif isinstance(value, str) and question is Q.TITLE and (emoji := emoji_problem(value)):
            found["title"] = emoji
    return found


def _count_problems(question: QuestionId, value: object) -> dict[str, str]:
    """Text that is not a number and negative numbers are named, never dropped or turned positive (issue 18)."""
    if isinstance(value, str):
        return {"value": _("Enter the number of people in digits, e.g. 120.")}
    if not isinstance(value, int) or isinstance(value, bool):
        return {}
    if value < 0:
        return {"value": _("A number of people cannot be negative. Enter at least 1.")}
    if value < 1 and question is Q.COUNT:
        return {
            "value": _(
                "Enter at least 1 person. If no one's data was involved, there is no incident to register."
            )
        }
    if value < 1:
        return {
            "value": _(
                "Enter at least 1 person. If no document shows a My Number, answer “No” on the My Number page."
            )
        }
    if value > MAX_COUNT:
        return {"value": _("Enter a number of people up to {limit}.").format(limit=f"{MAX_COUNT:,}")}
    return {}


def _crossing_problems(answers: Mapping[str, Any], question: QuestionId, today: dt.date) -> dict[str, str]:
    crossing = _mapping(answers, question)
    day = parse_day(crossing.get("date"))
    learned = learned_day(answers)
    if crossing.get("when") != "later" or day is None:
        return {}
    if day > today:
        return {"date": _("This date is in the future. Enter the day it was actually found out.")}
    if learned is not None and day < learned:
        if question is Q.BANGO_CROSSING:
            message = _(
                "The count cannot have passed 100 before the office learned of the incident ({date})."
            )
        else:
            message = _(
                "The count cannot have passed 1,000 before the office learned of the incident ({date})."
            )
        return {"date": message.format(date=learned.isoformat())}
    return {}


def learned_day(answers: Mapping[str, Any]) -> dt.date | None:
    moment = parse_moment(_mapping(answers, Q.LEARNED).get("learned_at"))
    return moment.astimezone(JST).date() if moment is not None else None


def _learned_problems(learned: Mapping[str, Any], now: dt.datetime, today: dt.date) -> dict[str, str]:
    found: dict[str, str] = {}
    moment = parse_moment(learned.get("learned_at"))
    occurred = parse_day(learned.get("occurred_date"))
    officer = parse_day(learned.get("officer_date"))
    future = _("This date is in the future. Enter the day it actually happened.")
    if moment is not None:
        day = moment.astimezone(JST).date()
        if moment > now + dt.timedelta(minutes=1):
            found["learned_at"] = _(
                "The office cannot have learned of it in the future. Check the date and time."
            )
        elif day < EARLIEST_LEARNED:
            found["learned_at"] = _(
                "BreachDesk assesses incidents learned of from {date}, when the reporting duty began."
            ).format(date=EARLIEST_LEARNED.isoformat())
        elif day > LATEST_LEARNED_DATE:
            found["learned_at"] = _("BreachDesk cannot compute deadlines this far ahead.")
        elif occurred is not None and occurred <= today and day < occurred:
            found["learned_at"] = _(
                "It cannot have been noticed before it happened ({date}). Check both dates."
            ).format(date=occurred.isoformat())
        if officer is not None and officer <= today and officer < day:
            found["officer_date"] = _(
                "You cannot have heard of it before the office first knew. Enter the office's earliest date above instead."
            )
    if occurred is not None and occurred > today:
        found["occurred_date"] = future
    if officer is not None and officer > today:
        found["officer_date"] = future
    for field in ("occurred_date", "officer_date"):
        text = learned.get(field)
        if isinstance(text, str) and text.strip() and parse_day(text) is None:
            found[field] = _("Enter the date as year/month/day, e.g. 2027/05/30, or leave it empty.")
    by = learned.get("learned_by")
    if isinstance(by, str) and len(by) > MAX_LEARNED_BY:
        found["learned_by"] = ngettext(
            "Keep this to {limit} character or fewer.",
            "Keep this to {limit} characters or fewer.",
            MAX_LEARNED_BY,
        ).format(limit=MAX_LEARNED_BY)
    return found
