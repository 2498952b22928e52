"""The one codec between BreachDesk's frozen dataclasses and the JSON it stores and exports (docs/adr/0003-one-codec.md).

cattrs reads the dataclasses' own annotations, so a field added to Facts or ReportDraft is written and read back
without a second copy of its name. Every stored structure has a `Schema`: its current version, how to tell the
version of a stored value, and one upgrade step per old shape. Stored data is read leniently through that
upgrade (unknown keys ignored, missing keys take their defaults), never through the strict validator that guards
the command line (app/rules/facts_json.py); a value that still cannot be read raises StoredDataError naming what
could not be read, for the caller to log and show.

The JSON shapes are contracts (docs/domain.md §11: `main.py assess`, the facts input, the register export and the
stored rows): keys in dataclass field order, dates as ISO strings, enums as their codes, tuples as lists.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, is_dataclass
from typing import Any, TypeVar

from cattrs import transform_error
from cattrs.errors import BaseValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.json import make_converter

from app.domain.assessment import Assessment, DateWindow
from app.domain.facts import Facts
from app.domain.report import REPORT_VERSION, ReportDraft
from app.errors import StoredDataError
from app.i18n import N_, _

T = TypeVar("T")
Upgrade = Callable[[dict[str, Any]], dict[str, Any]]

converter = make_converter()


def _objects_only(cls: type[Any], structure: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """cattrs reads a dataclass from anything that answers `in` (a string "abc" becomes an object of defaults);
    a stored value where an object belongs is damage to report, not a record to make up."""

    def checked(data: Any, target: Any) -> Any:
        if not isinstance(data, Mapping):
            raise TypeError(f"expected a JSON object for {cls.__name__}, got {type(data).__name__}")
        return structure(data, target)

    return checked


converter.register_structure_hook_factory(
    is_dataclass, lambda cls: _objects_only(cls, make_dict_structure_fn(cls, converter))
)
# §11.2 calls a window's ends "from" and "to" (words Python cannot use as field names).
converter.register_unstructure_hook(
    DateWindow,
    make_dict_unstructure_fn(DateWindow, converter, start=override(rename="from"), end=override(rename="to")),
)
converter.register_structure_hook(
    DateWindow,
    _objects_only(
        DateWindow,
        make_dict_structure_fn(
            DateWindow, converter, start=override(rename="from"), end=override(rename="to")
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class Schema:
    """One stored structure: its current version, where a stored value says its version, the steps from old ones.

    `version_of` reads the version from a stored value: an explicit key where the shape has one, or the shape
    itself where the JSON is a public contract that cannot carry an extra key (facts, assessments). `upgrades[n]`
    turns a version-n value into version n + 1. `repair`, when given, runs after the upgrade and drops the values
    a lenient reader must not trust (out of range, wrong type), so their defaults apply field by field.
    """

    name: str
    cls: type[Any]
    version: int
    version_of: Callable[[Mapping[str, Any]], int]
    upgrades: Mapping[int, Upgrade] = field(default_factory=dict)
    version_key: str | None = None
    # Stored values read leniently: a key missing from a hand-made or partial record means "not found".
    defaults: Mapping[str, Any] = field(default_factory=dict)
    repair: Upgrade | None = None


def encode(value: Any, schema: Schema | None = None) -> Any:
    """A dataclass (or any value the converter knows) as JSON-ready data; a versioned schema adds its key first."""
    data = converter.unstructure(value)
    if schema is not None and schema.version_key is not None:
        return {schema.version_key: schema.version, **data}
    return data


def upgrade(schema: Schema, data: Mapping[str, Any]) -> dict[str, Any]:
    """`data` brought to the schema's current shape, one step per version; a newer version is refused."""
    current = dict(data)
    version = schema.version_of(current)
    if version > schema.version:
        raise StoredDataError(
            _("The saved {what} was written by a newer BreachDesk (version {version}).").format(
                what=_(schema.name), version=version
            )
        )
    while version < schema.version:
        step = schema.upgrades.get(version)
        if step is not None:
            current = step(current)
        version += 1
    if schema.version_key is not None:
        current.pop(schema.version_key, None)
    return schema.repair(current) if schema.repair is not None else current


def decode(schema: Schema, data: object) -> Any:
    """A stored value as its dataclass, read leniently through the upgrade; StoredDataError when it cannot be."""
    if not isinstance(data, Mapping):
        raise StoredDataError(
            _("The saved {what} could not be read: it is not a JSON object.").format(what=_(schema.name))
        )
    try:
        return converter.structure({**schema.defaults, **upgrade(schema, data)}, schema.cls)
    except (BaseValidationError, KeyError, TypeError, ValueError) as error:
        raise StoredDataError(
            _("The saved {what} could not be read: {error}").format(
                what=_(schema.name), error=_describe(error)
            )
        ) from error


def _describe(error: Exception) -> str:
    """Each failing field with its path ("... @ $.bango.persons"), not cattrs' nested exception groups."""
    if isinstance(error, BaseValidationError):
        return "; ".join(transform_error(error))
    return str(error)


# --- facts (incidents.facts, assessments.facts, register export) ------------------------------------------------
def _facts_version(data: Mapping[str, Any]) -> int:
    return 2 if "bango" in data else 1


def _facts_before_my_numbers(data: dict[str, Any]) -> dict[str, Any]:
    """Saved before the 番号法 track (docs/domain.md §15): no "bango" object, so none of its facts were known."""
    return {**data, "bango": data.get("bango") or {}}


FACTS = Schema(
    name=N_("incident facts"),
    cls=Facts,
    version=2,
    version_of=_facts_version,
    upgrades={1: _facts_before_my_numbers},
)


# --- assessments (assessments.assessment, `main.py assess`) ------------------------------------------------------
def _assessment_version(data: Mapping[str, Any]) -> int:
    return 2 if data.get("bango") else 1


def _assessment_before_my_numbers(data: dict[str, Any]) -> dict[str, Any]:
    """Made before the 番号法 track: it did not apply then (no "bango" object, or null)."""
    return {**data, "bango": data.get("bango") or {}}


ASSESSMENT = Schema(
    name=N_("assessment"),
    cls=Assessment,
    version=2,
    version_of=_assessment_version,
    upgrades={1: _assessment_before_my_numbers},
    defaults={
        "possibility_only": False,
        "excluded_by": None,
        "applicable_items": [],
        "ppc_report_required": False,
        "report_to": None,
        "individual_notice": "not_required",
        "clock_start": None,
        "sokuho_window": None,
        "kakuho": None,
        "entrustor_notice_window": None,
        "pmark": None,
        "gdpr": None,
        "reasons": [],
        "warnings": [],
    },
)


# --- report drafts (report_drafts.content) -----------------------------------------------------------------------
def _report_before_my_numbers(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1: a draft from before the 番号法 items had no "bango" object (no My Numbers in the report)."""
    return {**data, "bango": data.get("bango") or {}}


# Reminders earlier drafts wrote into item 9 for the officer; they are not facts for the PPC (issue 15).
_INTERNAL_NOTES = frozenset(
    {"プライバシーマーク付与事業者として審査機関へ報告", "GDPR第33条に基づく監督機関への通知を検討"}
)


def _report_before_unanswered(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2: item 9's yes/no questions were booleans defaulting to False, so an unticked box could not be
    told from an unanswered one; a False becomes "not answered" (None), a True stays, and the internal reminders
    BreachDesk itself wrote as notes are dropped."""
    other = dict(data.get("other") or {})
    for name, check in list(other.items()):
        if not isinstance(check, Mapping):
            continue
        fixed = dict(check)
        if fixed.get("done") is False:
            fixed["done"] = None
        if fixed.get("note") in _INTERNAL_NOTES:
            fixed["note"] = ""
        other[name] = fixed
    return {**data, "other": other}


REPORT_DRAFT = Schema(
    name=N_("report draft"),
    cls=ReportDraft,
    version=REPORT_VERSION,
    version_of=lambda data: int(data.get("report_version", 1)),
    upgrades={1: _report_before_my_numbers, 2: _report_before_unanswered},
    version_key="report_version",
)


def read_facts(data: object) -> Facts:
    result: Facts = decode(FACTS, data)
    return result


def read_assessment(data: object) -> Assessment:
    result: Assessment = decode(ASSESSMENT, data)
    return result


def read_report(data: object) -> ReportDraft:
    result: ReportDraft = decode(REPORT_DRAFT, data)
    return result


def structure(data: object, cls: type[T]) -> T:
    """A plain (unversioned) value such as a clock's deadline as its dataclass."""
    return converter.structure(data, cls)


def read_recorded_facts(data: Mapping[str, Any] | None) -> Facts | None:
    """The facts of an incident, or None for a quick record (a title and a date, no wizard yet: no role or event).

    Anything else that cannot be read raises StoredDataError: a damaged record is not a quick one.
    """
    if not data or ("role" not in data and "event" not in data):
        return None
    return read_facts(data)
