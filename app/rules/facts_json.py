"""Strict reading of the facts JSON (docs/domain.md §11.1): every problem names the field, in the user's language.

Nothing is guessed: an unknown key, a wrong type (0/1 for a boolean, "12" for a count), an impossible date or facts
that contradict each other stop the assessment with app.errors.InputError (exit code 2 on the command line).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

from app.calendar.closed_days import LAST_SUPPORTED_YEAR
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
from app.errors import InputError
from app.i18n import N_, _
from app.rules.rulesets import RULESETS

# The last learned_date whose 60-day deadline still falls inside the holiday library's range.
LATEST_LEARNED_DATE = dt.date(LAST_SUPPORTED_YEAR, 10, 1)
# More people than live in Japan, by far: a larger count is a typo or a hostile file (docs/domain.md §11.1).
MAX_PERSONS = 10**9
# The facts nest two levels, a register export about ten: deeper JSON is damage, refused before Python's own
# parser recurses (RecursionError) and before anything downstream walks it.
MAX_JSON_DEPTH = 64
# Python refuses to convert integers of more than 4,300 digits with a bare ValueError; no field needs so many.
MAX_NUMBER_DIGITS = 4000

FIELD_LABELS: dict[str, str] = {
    "role": N_("role: controller, or processor handling the data for a client"),
    "event": N_("what happened: leak, loss or damage"),
    "possibility_only": N_("only suspected, not confirmed"),
    "is_personal_data": N_("the data is personal data in a database"),
    "data_items": N_("data items involved"),
    "sensitive": N_("special-care personal information included"),
    "financial": N_("data that could cause financial harm"),
    "financial.card_number_full": N_("full credit-card number"),
    "financial.card_last4_expiry_only": N_("only the last four card digits and the expiry date"),
    "financial.bank_account_only": N_("only bank-account data"),
    "financial.payment_login_credentials": N_("login ID and password of a service with payment functions"),
    "malicious": N_("possibly done with a wrongful purpose"),
    "malicious_basis": N_("basis for suspecting a wrongful purpose"),
    "affected_count": N_("number of affected individuals"),
    "affected_count_max": N_("largest possible number of affected individuals"),
    "encryption": N_("encryption"),
    "encryption.encrypted": N_("the data was encrypted"),
    "encryption.high_grade": N_("high-grade encryption with the key managed apart"),
    "encryption.key_compromised": N_("the decryption key leaked as well"),
    "pseudonymized": N_("pseudonymised information"),
    "recovered_before_viewed": N_("all recovered before anyone viewed it"),
    "intentional_provision": N_("provided to a third party by the office's own decision"),
    "identical_copy_exists": N_("the same data is kept elsewhere"),
    "occurred_date": N_("date it occurred"),
    "learned_date": N_("date the office first learned of it"),
    "learned_at": N_("date and time of awareness, with UTC offset"),
    "learned_by": N_("who learned of it first"),
    "officer_learned_date": N_("date the privacy officer learned of it"),
    "count_exceeded_1000_learned_date": N_("date the count was found to exceed 1,000"),
    "delegated_sector": N_("sector whose reports go to the responsible minister"),
    "notification_difficult": N_("notifying the individuals is difficult"),
    "pmark_holder": N_("the office holds the Privacy Mark"),
    "gdpr_applies": N_("the GDPR applies"),
    "data_being_acquired": N_("information being acquired, not yet in the database"),
    "caused_by": N_("who caused it"),
    "bango": N_("My Number (特定個人情報) facts"),
    "bango.affected_count": N_("number of persons whose own My Number is in the data"),
    "bango.affected_count_max": N_("largest possible number of persons whose own My Number is in the data"),
    "bango.count_exceeded_100_learned_date": N_("date the number of persons was found to exceed 100"),
    "bango.publicly_viewable": N_("the My Numbers could be viewed by an unspecified number of people online"),
    "bango.gov_system": N_("leaked from a government or My Number system"),
    "bango.misuse": N_("My Numbers used or provided where the My Number Act does not allow it"),
    "bango.other_violation": N_("another breach of the My Number Act without a leak"),
}

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
E = TypeVar("E", bound=StrEnum)


def field_error(message: str, name: str, **values: object) -> InputError:
    """InputError for `name`; `message` is an N_() msgid with {field} and {label} placeholders."""
    label = _(FIELD_LABELS[name]) if name in FIELD_LABELS else name
    return InputError(_(message).format(field=name, label=label, **values), field=name)


def parse_facts_text(text: str) -> Facts:
    """JSON text (a file or stdin) to Facts; duplicate keys count as errors too."""
    return parse_facts(load_json_text(text, object_pairs_hook=_no_duplicates))


# A JSON string (escapes included) or one bracket; strings are skipped whole so brackets inside them do not count.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def load_json_text(
    text: str,
    *,
    max_depth: int = MAX_JSON_DEPTH,
    object_pairs_hook: Callable[[list[tuple[str, Any]]], Any] | None = None,
) -> Any:
    """JSON from outside (a facts file, a register export): every refusal an InputError, never a RecursionError.

    The nesting is measured before parsing, because the standard parser recurses once per level and so does
    everything that walks the result later (hashing, the codec, SQLAlchemy's JSON columns)."""
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > max_depth:
                raise InputError(
                    _(
                        "The JSON is nested more than {depth} levels deep (line {line}); "
                        "this is not a file BreachDesk wrote."
                    ).format(depth=max_depth, line=text.count("\n", 0, match.start()) + 1)
                )
        elif token in "]}":
            depth -= 1
    try:
        return json.loads(text, object_pairs_hook=object_pairs_hook, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise InputError(
            _("The input is not valid JSON (line {line}, column {column}): {detail}").format(
                line=exc.lineno, column=exc.colno, detail=exc.msg
            )
        ) from None


def _bounded_int(digits: str) -> int:
    if len(digits) > MAX_NUMBER_DIGITS:
        raise InputError(
            _("The JSON holds a number of more than {digits} digits; no field takes such a number.").format(
                digits=MAX_NUMBER_DIGITS
            )
        )
    return int(digits)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise field_error(N_("The field {field} appears more than once."), key)
        seen[key] = value
    return seen


def parse_facts(data: object) -> Facts:
    if not isinstance(data, dict):
        raise InputError(_("The facts must be a JSON object ({ ... })."))
    _check_keys(data, "", FIELD_LABELS)
    for name in ("role", "event", "learned_date"):
        if name not in data:
            raise field_error(N_("The field {field} ({label}) is required."), name)
    get = _Reader(data)
    facts = Facts(
        role=get.enum("role", Role),
        event=get.enum("event", Event),
        learned_date=get.required_date("learned_date"),
        possibility_only=get.boolean("possibility_only", False),
        is_personal_data=get.boolean("is_personal_data", True),
        data_items=get.data_items("data_items"),
        sensitive=get.boolean("sensitive", False),
        financial=Financial(
            **get.flags(
                "financial",
                (
                    "card_number_full",
                    "card_last4_expiry_only",
                    "bank_account_only",
                    "payment_login_credentials",
                ),
            )
        ),
        malicious=get.boolean("malicious", False),
        malicious_basis=get.optional("malicious_basis", lambda n: get.enum(n, MaliciousBasis)),
        affected_count=get.count("affected_count"),
        affected_count_max=get.count("affected_count_max"),
        encryption=Encryption(**get.flags("encryption", ("encrypted", "high_grade", "key_compromised"))),
        pseudonymized=get.boolean("pseudonymized", False),
        recovered_before_viewed=get.boolean("recovered_before_viewed", False),
        intentional_provision=get.boolean("intentional_provision", False),
        identical_copy_exists=get.boolean("identical_copy_exists", False),
        occurred_date=get.optional("occurred_date", get.required_date),
        learned_at=get.optional("learned_at", get.timestamp),
        learned_by=get.optional("learned_by", get.text),
        officer_learned_date=get.optional("officer_learned_date", get.required_date),
        count_exceeded_1000_learned_date=get.optional("count_exceeded_1000_learned_date", get.required_date),
        delegated_sector=get.boolean("delegated_sector", False),
        notification_difficult=get.boolean("notification_difficult", False),
        pmark_holder=get.boolean("pmark_holder", False),
        gdpr_applies=get.boolean("gdpr_applies", False),
        data_being_acquired=get.boolean("data_being_acquired", False),
        caused_by=get.optional("caused_by", lambda n: get.enum(n, CausedBy)),
        bango=_bango(data.get("bango", {})),
    )
    check_consistency(facts)
    return facts


def _bango(value: object) -> BangoFacts:
    """The optional "bango" object (§15.2): absent means every default."""
    if value is None:
        return BangoFacts()
    if not isinstance(value, dict):
        raise field_error(N_("The field {field} ({label}) must be an object."), "bango")
    _check_keys(value, "bango.", FIELD_LABELS)
    get = _Reader({f"bango.{key}": item for key, item in value.items()})
    return BangoFacts(
        affected_count=get.count("bango.affected_count"),
        affected_count_max=get.count("bango.affected_count_max"),
        count_exceeded_100_learned_date=get.optional(
            "bango.count_exceeded_100_learned_date", get.required_date
        ),
        publicly_viewable=get.boolean("bango.publicly_viewable", False),
        gov_system=get.boolean("bango.gov_system", False),
        misuse=get.optional("bango.misuse", lambda n: get.enum(n, BangoMisuse)),
        other_violation=get.boolean("bango.other_violation", False),
    )


def bango_persons(facts: Facts) -> tuple[int | None, bool]:
    """(persons, fell back): the 番号法 count is the larger of the track's own counts, else of the top-level ones."""
    own = [c for c in (facts.bango.affected_count, facts.bango.affected_count_max) if c is not None]
    if own:
        return max(own), False
    shared = [c for c in (facts.affected_count, facts.affected_count_max) if c is not None]
    return (max(shared) if shared else None), True


def _check_keys(data: dict[str, Any], prefix: str, known: dict[str, str]) -> None:
    for key in data:
        if f"{prefix}{key}" not in known:
            raise field_error(
                N_("Unknown field {field}: check its spelling against the documented fields."),
                f"{prefix}{key}",
            )


class _Reader:
    """Typed access to one facts object; each method names the field when the value is wrong."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def optional(self, name: str, parse: Callable[[str], Any]) -> Any:
        return None if self.data.get(name) is None else parse(name)

    def boolean(self, name: str, default: bool) -> bool:
        return _as_bool(name, self.data[name]) if name in self.data else default

    def flags(self, name: str, keys: tuple[str, ...]) -> dict[str, bool]:
        value = self.data.get(name, {})
        if not isinstance(value, dict):
            raise field_error(
                N_("The field {field} ({label}) must be an object with true/false entries."), name
            )
        _check_keys(value, f"{name}.", FIELD_LABELS)
        return {key: _as_bool(f"{name}.{key}", value[key]) if key in value else False for key in keys}

    def enum(self, name: str, kind: type[E]) -> E:
        value = self.data.get(name)
        choices = ", ".join(member.value for member in kind)
        if not isinstance(value, str) or value not in kind._value2member_map_:
            raise field_error(
                N_("The field {field} ({label}) must be one of: {choices}."), name, choices=choices
            )
        return kind(value)

    def required_date(self, name: str) -> dt.date:
        value = self.data.get(name)
        if not isinstance(value, str) or not _DATE.fullmatch(value):
            raise field_error(N_("The field {field} ({label}) must be a date written as YYYY-MM-DD."), name)
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise field_error(
                N_("The field {field} ({label}) is not a real date: {value}."), name, value=value
            ) from None

    def timestamp(self, name: str) -> dt.datetime:
        value = self.data.get(name)
        try:
            parsed = dt.datetime.fromisoformat(value) if isinstance(value, str) and "T" in value else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.utcoffset() is None:
            raise field_error(
                N_(
                    "The field {field} ({label}) must be a date and time with a UTC offset, e.g. 2027-07-01T10:30:00+09:00."
                ),
                name,
            )
        return parsed

    def count(self, name: str) -> int | None:
        value = self.data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise field_error(N_("The field {field} ({label}) must be a whole number or null."), name)
        if value < 0:
            raise field_error(N_("The field {field} ({label}) must not be negative."), name)
        if value > MAX_PERSONS:
            raise field_error(
                N_("The field {field} ({label}) must be at most {limit}."), name, limit=f"{MAX_PERSONS:,}"
            )
        return value

    def text(self, name: str) -> str:
        value = self.data.get(name)
        if not isinstance(value, str):
            raise field_error(N_("The field {field} ({label}) must be text or null."), name)
        return value

    def data_items(self, name: str) -> tuple[DataItem, ...]:
        value = self.data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise field_error(N_("The field {field} ({label}) must be a list of data item codes."), name)
        for code in value:
            if code not in DataItem._value2member_map_:
                raise field_error(
                    N_("The field {field} ({label}) contains an unknown data item: {value}."),
                    name,
                    value=code,
                )
        return tuple(DataItem(code) for code in dict.fromkeys(value))


def _as_bool(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise field_error(N_("The field {field} ({label}) must be true or false."), name)
    return value


def check_consistency(facts: Facts, *, today: dt.date | None = None) -> None:
    """Facts that contradict each other: the officer must correct them rather than have the engine pick one.

    With `today` (Japan's date; the wizard passes it), a date after it is refused too: nobody learns of an incident
    tomorrow, and a deadline computed from such a date would be shown as if real (issue 18)."""
    if today is not None:
        _check_not_future(facts, today)
    earliest = min(r.effective_from for r in RULESETS)
    if facts.learned_date < earliest:
        raise field_error(
            N_(
                "The field {field} ({label}) is before {earliest}, when the duty to report leaks took effect."
            ),
            "learned_date",
            earliest=earliest.isoformat(),
        )
    for name, day in (
        ("learned_date", facts.learned_date),
        ("count_exceeded_1000_learned_date", facts.count_exceeded_1000_learned_date),
    ):
        if day is not None and day > LATEST_LEARNED_DATE:
            raise field_error(
                N_("The field {field} ({label}) must be no later than {latest}."),
                name,
                latest=LATEST_LEARNED_DATE.isoformat(),
            )
    not_before = N_("The field {field} ({label}) must not be earlier than {other}.")
    if facts.occurred_date is not None and facts.learned_date < facts.occurred_date:
        raise field_error(not_before, "learned_date", other="occurred_date")
    for name in ("officer_learned_date", "count_exceeded_1000_learned_date"):
        day = getattr(facts, name)
        if day is not None and day < facts.learned_date:
            raise field_error(not_before, name, other="learned_date")
    _check_max(facts.affected_count, facts.affected_count_max, "")
    only_when = N_("The field {field} ({label}) can be set only when {other} is true.")
    if facts.encryption.high_grade and not facts.encryption.encrypted:
        raise field_error(only_when, "encryption.high_grade", other="encryption.encrypted")
    if facts.encryption.key_compromised and not facts.encryption.encrypted:
        raise field_error(only_when, "encryption.key_compromised", other="encryption.encrypted")
    if facts.malicious_basis is not None and not facts.malicious:
        raise field_error(only_when, "malicious_basis", other="malicious")
    if facts.gdpr_applies and facts.learned_at is None:
        raise field_error(
            N_("The field {field} ({label}) is needed when gdpr_applies is true."), "learned_at"
        )
    _check_bango(facts, not_before)
    if facts.count_exceeded_1000_learned_date is not None:
        counts = [c for c in (facts.affected_count, facts.affected_count_max) if c is not None]
        if not counts or max(counts) <= 1000:
            raise field_error(
                N_(
                    "The field {field} ({label}) can be set only when more than 1,000 individuals are affected."
                ),
                "count_exceeded_1000_learned_date",
            )


def _check_not_future(facts: Facts, today: dt.date) -> None:
    for name, day in (
        ("learned_date", facts.learned_date),
        ("occurred_date", facts.occurred_date),
        ("officer_learned_date", facts.officer_learned_date),
        ("count_exceeded_1000_learned_date", facts.count_exceeded_1000_learned_date),
        ("bango.count_exceeded_100_learned_date", facts.bango.count_exceeded_100_learned_date),
    ):
        if day is not None and day > today:
            raise field_error(
                N_("The field {field} ({label}) is in the future ({date}): enter a day up to today."),
                name,
                date=day.isoformat(),
            )


def _check_bango(facts: Facts, not_before: str) -> None:
    _check_max(facts.bango.affected_count, facts.bango.affected_count_max, "bango.")
    crossing = facts.bango.count_exceeded_100_learned_date
    if crossing is None:
        return
    if crossing < facts.learned_date:
        raise field_error(not_before, "bango.count_exceeded_100_learned_date", other="learned_date")
    if crossing > LATEST_LEARNED_DATE:
        raise field_error(
            N_("The field {field} ({label}) must be no later than {latest}."),
            "bango.count_exceeded_100_learned_date",
            latest=LATEST_LEARNED_DATE.isoformat(),
        )
    persons, _fell_back = bango_persons(facts)
    if persons is None or persons <= 100:
        raise field_error(
            N_("The field {field} ({label}) can be set only when more than 100 persons are affected."),
            "bango.count_exceeded_100_learned_date",
        )


def _check_max(count: int | None, count_max: int | None, prefix: str) -> None:
    """A largest possible count below the known count is a typo the officer must correct."""
    if count is not None and count_max is not None and count_max < count:
        raise field_error(
            N_("The field {field} ({label}) must not be less than {other}."),
            f"{prefix}affected_count_max",
            other=f"{prefix}affected_count",
        )
