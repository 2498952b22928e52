"""The whole register export checked before `register import` writes a row (issue 16, docs/domain.md §11).

An import that fails half-way would leave a register the officer cannot trust, and a value the database refuses
would surface as a traceback quoting the SQL parameters: other people's names and addresses. So every incident,
every child row and every stored JSON structure is checked first, and every problem is reported at once with the
incident's position and 番号, the field, the kind of value found and what is expected. Values themselves are never
quoted, except codes that look like codes: a damaged file may hold a name where a status belongs. Stored JSON
(facts, assessments, drafts) is read as the register reads it, leniently through app/db/codec.py.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Any

from cattrs import transform_error
from cattrs.errors import BaseValidationError
from sqlalchemy import Boolean, Column, Date, Integer, LargeBinary, String, Table, Text
from sqlalchemy.types import JSON

from app.db import codec
from app.db.tables import DELIVERY_STATUSES, incidents, office_profile
from app.db.types import UTCDateTime
from app.domain.checklist import ChecklistGroup
from app.domain.filing import FilingKind
from app.domain.incident import IncidentStatus
from app.domain.incident_kind import IncidentKind
from app.domain.register import BangoVerdict
from app.errors import InputError, StoredDataError
from app.i18n import _, ngettext
from app.rules.facts_json import MAX_PERSONS

MAX_TEXT = 100_000  # characters in one text field (a whole 事実経過 entry is a few thousand)
MAX_DOCUMENT = 70_000_000  # base64 characters of one document as sent (~50 MB)
MAX_ROWS = 1_000_000  # incidents in a file, and rows of one kind under one incident
MAX_ID = 2**62
MAX_SHOWN = 20
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A value shown in a message only when it cannot be personal data: a short ASCII code or 番号.
_CODE = re.compile(r"[A-Za-z0-9_.-]{1,40}")
_COUNTS = ("affected_count", "affected_count_max")


def enum_values(kind: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in kind)


# (table name, column) -> the codes it accepts; NULL is decided by the column.
ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("incidents", "status"): enum_values(IncidentStatus),
    ("incidents", "incident_kind"): enum_values(IncidentKind),
    ("incidents", "bango_verdict"): enum_values(BangoVerdict),
    ("filings", "kind"): enum_values(FilingKind),
    ("report_drafts", "kind"): enum_values(FilingKind),
    ("checklist_items", "group"): enum_values(ChecklistGroup),
    ("notice_deliveries", "channel"): ("letter", "email"),
    ("notice_delivery_events", "status"): DELIVERY_STATUSES,
}
# Self-references: a correction comes after what it corrects, a draft after the one it started from.
EARLIER = {("timeline_entries", "corrects_id"), ("report_drafts", "based_on_id")}
# Cross-references to rows of another kind in the same file (inserted before them).
REFERS = {
    ("notice_deliveries", "filing_id"): "filings",
    ("notice_delivery_events", "delivery_id"): "notice_deliveries",
    ("filing_corrections", "filing_id"): "filings",
    ("delivery_event_withdrawals", "event_id"): "notice_delivery_events",
}


def kind_of(value: object) -> str:
    """The kind of a JSON value in words, never the value itself."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, str):
        return _("text")
    if isinstance(value, list):
        return _("a list")
    return _("an object")


def _code(value: object) -> str:
    return f"“{value}”" if isinstance(value, str) and _CODE.fullmatch(value) else kind_of(value)


class Problems:
    """Every problem of the file, each already a sentence; raised together as one InputError."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, where: str, name: str, problem: str) -> None:
        self.lines.append(_("{where}, {field}: {problem}").format(where=where, field=name, problem=problem))

    def raise_any(self) -> None:
        if not self.lines:
            return
        count = len(self.lines)
        shown = self.lines[:MAX_SHOWN]
        if count > MAX_SHOWN:
            shown.append(_("… and {count} more.").format(count=count - MAX_SHOWN))
        raise InputError(
            ngettext(
                "Nothing was imported: the file has {count} problem. Fix it and import the file again.",
                "Nothing was imported: the file has {count} problems. Fix them and import the file again.",
                count,
            ).format(count=count)
            + "\n"
            + "\n".join(shown)
        )


def check_export(data: dict[str, Any], items: list[Any], children: dict[str, Table]) -> None:
    """Raise InputError listing every problem of a parsed export; `children` maps each child key to its table."""
    problems = Problems()
    office = data.get("office_profile")
    where = _("Office profile")
    if office is not None and not isinstance(office, dict):
        problems.add(where, "office_profile", _expected_object(office))
    elif office:
        _check_row(problems, where, "", office_profile, office, set())
        if office.get("id", 1) != 1:
            problems.add(where, "id", _("expected 1, the only office profile"))
    settings = data.get("app_settings")
    if settings is not None and not isinstance(settings, dict):
        problems.add(_("Settings"), "app_settings", _expected_object(settings))
    elif settings:
        for key in settings:
            if len(key) > 100:
                problems.add(_("Settings"), _code(key), _("the name is longer than 100 characters"))
    if len(items) > MAX_ROWS:
        problems.add(_("The file"), "incidents", _("more than {limit} entries").format(limit=f"{MAX_ROWS:,}"))
        problems.raise_any()
    _IncidentsCheck(problems, children).run(items)
    problems.raise_any()


class _IncidentsCheck:
    def __init__(self, problems: Problems, children: dict[str, Table]) -> None:
        self.problems = problems
        self.children = children
        self.ids: dict[str, set[int]] = {table.name: set() for table in (incidents, *children.values())}
        self.references: dict[str, int] = {}

    def run(self, items: list[Any]) -> None:
        for position, item in enumerate(items, start=1):
            reference = item.get("reference") if isinstance(item, dict) else None
            where = (
                _("Incident {position} (No. {reference})").format(position=position, reference=reference)
                if isinstance(reference, str) and _CODE.fullmatch(reference)
                else _("Incident {position}").format(position=position)
            )
            if not isinstance(item, dict):
                self.problems.add(where, "incidents", _expected_object(item))
                continue
            self._incident(position, where, item)

    def _incident(self, position: int, where: str, item: dict[str, Any]) -> None:
        own = {key: value for key, value in item.items() if key not in self.children}
        older = not any(name in own for name in ("bango_verdict", "bango_categories"))
        optional = {"bango_categories"} if older else set()
        incident_id = self._row(where, "", incidents, own, optional)
        reference = own.get("reference")
        if isinstance(reference, str):
            if not reference.strip():
                self.problems.add(where, "reference", _("is required but empty"))
            elif reference in self.references:
                self.problems.add(
                    where,
                    "reference",
                    _("the same No. is also used by incident {other}").format(
                        other=self.references[reference]
                    ),
                )
            else:
                self.references[reference] = position
        self._int_list(where, "applicable_items", own.get("applicable_items", []))
        self._int_list(where, "bango_categories", own.get("bango_categories", []))
        facts = own.get("facts")
        if isinstance(facts, dict):
            self._stored(where, "facts", codec.read_recorded_facts, facts, counts=True)
        for key, child_table in self.children.items():
            rows = item.get(key, [])
            if rows is None:
                continue
            if not isinstance(rows, list):
                self.problems.add(where, key, _("expected a list, found {found}").format(found=kind_of(rows)))
                continue
            if len(rows) > MAX_ROWS:
                self.problems.add(where, key, _("more than {limit} entries").format(limit=f"{MAX_ROWS:,}"))
                continue
            checked: set[object] = set()
            for index, row in enumerate(rows, start=1):
                path = f"{key}[{index}]"
                if not isinstance(row, dict):
                    self.problems.add(where, path, _expected_object(row))
                    continue
                self._child(where, path, child_table, row, incident_id, checked)

    def _child(
        self,
        where: str,
        path: str,
        table: Table,
        row: dict[str, Any],
        incident_id: int | None,
        checked: set[object],
    ) -> None:
        row_id = self._row(where, f"{path}.", table, row, set())
        parent = row.get("incident_id")
        if incident_id is not None and isinstance(parent, int) and parent != incident_id:
            self.problems.add(
                where,
                f"{path}.incident_id",
                _("expected {expected}, the id of the incident it is listed under").format(
                    expected=incident_id
                ),
            )
        for (name, column), target in [*((k, table.name) for k in EARLIER), *REFERS.items()]:
            if name != table.name or row.get(column) is None or not isinstance(row.get(column), int):
                continue
            value = row[column]
            later = target == table.name and row_id is not None and value >= row_id
            if value not in self.ids[target] or later:
                self.problems.add(
                    where,
                    f"{path}.{column}",
                    _("refers to id {id}, which is not an earlier row of {table} in the file").format(
                        id=value, table=target
                    ),
                )
        if table.name == "checklist_items":
            code = row.get("code")
            if isinstance(code, str):
                if code in checked:
                    self.problems.add(
                        where, f"{path}.code", _("the same step appears twice in this incident")
                    )
                checked.add(code)
        elif table.name == "assessments":
            if isinstance(row.get("facts"), dict):
                self._stored(where, f"{path}.facts", codec.read_facts, row["facts"], counts=True)
            if isinstance(row.get("assessment"), dict):
                self._stored(where, f"{path}.assessment", codec.read_assessment, row["assessment"])
        elif table.name == "report_drafts" and isinstance(row.get("content"), dict):
            self._stored(where, f"{path}.content", codec.read_report, row["content"])
        elif table.name == "notice_deliveries":
            items = row.get("items", [])
            if not isinstance(items, list) or not all(isinstance(code, str) for code in items):
                self.problems.add(
                    where,
                    f"{path}.items",
                    _("expected a list of codes, found {found}").format(found=kind_of(items)),
                )

    def _row(
        self, where: str, prefix: str, table: Table, row: dict[str, Any], optional: set[str]
    ) -> int | None:
        _check_row(self.problems, where, prefix, table, row, optional)
        row_id = row.get("id")
        if not isinstance(row_id, int) or isinstance(row_id, bool):
            return None
        ids = self.ids[table.name]
        if row_id in ids:
            self.problems.add(where, f"{prefix}id", _("the id {id} is used more than once").format(id=row_id))
        ids.add(row_id)
        return row_id

    def _int_list(self, where: str, name: str, value: object) -> None:
        if not isinstance(value, list) or not all(
            isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= 1000 for n in value
        ):
            self.problems.add(
                where, name, _("expected a list of whole numbers, found {found}").format(found=kind_of(value))
            )

    def _stored(
        self,
        where: str,
        name: str,
        read: Callable[[Any], object],
        value: dict[str, Any],
        counts: bool = False,
    ) -> None:
        """Read as the register will read it; in facts, counts of people beyond MAX_PERSONS are refused too."""
        try:
            read(value)
        except StoredDataError as error:
            self.problems.add(
                where, name, _("cannot be read: {detail}").format(detail=_cause(error.__cause__))
            )
            return
        if not counts:
            return
        for path, count in _counts(value):
            if isinstance(count, int) and not isinstance(count, bool) and not 0 <= count <= MAX_PERSONS:
                self.problems.add(
                    where,
                    f"{name}.{path}",
                    _("expected a number of people from 0 to {limit}").format(limit=f"{MAX_PERSONS:,}"),
                )


def _counts(facts: dict[str, Any]) -> Iterable[tuple[str, object]]:
    for name in _COUNTS:
        yield name, facts.get(name)
    bango = facts.get("bango")
    if isinstance(bango, dict):
        for name in _COUNTS:
            yield f"bango.{name}", bango.get(name)


def _cause(error: BaseException | None) -> str:
    """Where the stored JSON went wrong (cattrs names paths and types, never values); other errors by kind."""
    if isinstance(error, BaseValidationError):
        return "; ".join(transform_error(error)[:3])
    return _("its structure is not one BreachDesk wrote")


def _expected_object(value: object) -> str:
    return _("expected a JSON object, found {found}").format(found=kind_of(value))


def _check_row(
    problems: Problems, where: str, prefix: str, table: Table, row: dict[str, Any], optional: set[str]
) -> None:
    known = {column.name for column in table.columns}
    for key in row:
        if key not in known:
            problems.add(where, prefix + _code(key), _("unknown field for this version of BreachDesk"))
    for column in table.columns:
        name = prefix + column.name
        if column.name not in row:
            if not (column.nullable or column.name in optional or has_scalar_default(column)):
                problems.add(where, name, _("is required but missing"))
            continue
        value = row[column.name]
        if value is None:
            if not column.nullable:
                problems.add(where, name, _("is required but null"))
            continue
        problem = _value_problem(table.name, column, value)
        if problem:
            problems.add(where, name, problem)


def has_scalar_default(column: Column[Any]) -> bool:
    """A column added after exports were first written, with a constant default ("" for notes): may be absent."""
    default = column.default
    return default is not None and bool(getattr(default, "is_scalar", False))


def _value_problem(table: str, column: Column[Any], value: Any) -> str | None:
    kind = column.type
    choices = ENUMS.get((table, column.name))
    if choices is not None:
        if value not in choices:
            return _("expected one of: {choices}, found {found}").format(
                choices=", ".join(choices), found=_code(value)
            )
        return None
    if isinstance(kind, Boolean):
        return None if isinstance(value, bool) else _expected(_("true or false"), value)
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            return _expected(_("a whole number"), value)
        low = 1 if column.name == "id" or column.name.endswith("_id") else -MAX_ID
        if not low <= value <= MAX_ID:
            return _("expected a whole number from {low} to {high}").format(low=low, high=f"{MAX_ID:,}")
        return None
    if isinstance(kind, UTCDateTime):
        return _moment_problem(value)
    if isinstance(kind, Date):
        if not isinstance(value, str) or not _DATE.fullmatch(value):
            return _expected(_("a date written as YYYY-MM-DD"), value)
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return _("expected a real date written as YYYY-MM-DD, found a date that does not exist")
        return None
    if isinstance(kind, LargeBinary):
        if not isinstance(value, str):
            return _expected(_("base64 data"), value)
        if len(value) > MAX_DOCUMENT:
            return _("the document is larger than 50 MB")
        try:
            base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            return _("expected base64 data, found text that is not base64")
        return None
    if isinstance(kind, String | Text):
        if not isinstance(value, str):
            return _expected(_("text"), value)
        if len(value) > MAX_TEXT:
            return _("expected text of at most {limit} characters, found {length} characters").format(
                limit=f"{MAX_TEXT:,}", length=f"{len(value):,}"
            )
        return None
    if (
        isinstance(kind, JSON)
        and column.name in ("facts", "assessment", "content")
        and not isinstance(value, dict)
    ):
        return _expected_object(value)
    return None


def _expected(what: str, value: object) -> str:
    return _("expected {what}, found {found}").format(what=what, found=kind_of(value))


def _moment_problem(value: object) -> str | None:
    expected = _("a date and time with a UTC offset, e.g. 2027-07-01T10:30:00+09:00")
    if not isinstance(value, str):
        return _expected(expected, value)
    try:
        moment = dt.datetime.fromisoformat(value)
        if moment.utcoffset() is None:
            return _("expected {what}, found a date and time without an offset").format(what=expected)
        moment.astimezone(dt.UTC)
    except (ValueError, OverflowError):
        return _("expected {what}, found text that is not a date and time").format(what=expected)
    return None
