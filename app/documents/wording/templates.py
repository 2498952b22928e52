"""The office's wording of each document: polite Japanese with named placeholders such as {事業者名}.

A template is a title, an opening, numbered sections (heading + body) and a closing. The officer edits them in
the app; they are stored per office under the AppSettings key "templates.<kind>". Filling never hides a gap:
a placeholder without a value prints as 【未入力：発覚日】 and is listed for the officer before printing, and a
misspelt one prints as 【不明な差し込み項目：…】. `{{` and `}}` stand for literal braces.

The stored shape goes through the one codec (app/db/codec.py, docs/adr/0003-one-codec.md) as `DOCUMENT_TEMPLATE`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from app.db.codec import Schema, decode, encode
from app.documents.wording.defaults import DEFAULT_TEMPLATES
from app.i18n import N_, _

PlaceholderValue: TypeAlias = str | tuple[str, ...]
SETTINGS_PREFIX = "templates."

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}\n]{1,40})\}")
MISSING_MARK = "【未入力：{name}】"
UNKNOWN_MARK = "【不明な差し込み項目：{name}】"


@dataclass(frozen=True, slots=True)
class Section:
    heading: str = ""
    body: str = ""


@dataclass(frozen=True, slots=True)
class DocumentTemplate:
    title: str
    opening: str = ""
    sections: tuple[Section, ...] = ()
    closing: str = ""

    def texts(self) -> Iterable[str]:
        yield self.title
        yield self.opening
        for section in self.sections:
            yield section.heading
            yield section.body
        yield self.closing


# Version 1 is also what BreachDesk stored before templates said their version (no "version" key), and the shape
# of DEFAULT_TEMPLATES. A blank title reads as "" (then the default wording is used, see `template_for`).
DOCUMENT_TEMPLATE = Schema(
    name=N_("document template"),
    cls=DocumentTemplate,
    version=1,
    version_of=lambda data: int(data.get("version", 1)),
    version_key="version",
    defaults={"title": ""},
)


def template_json(template: DocumentTemplate) -> dict[str, Any]:
    data: dict[str, Any] = encode(template, DOCUMENT_TEMPLATE)
    return data


def read_template(data: object) -> DocumentTemplate:
    """A stored template; StoredDataError naming the field when it cannot be read."""
    template: DocumentTemplate = decode(DOCUMENT_TEMPLATE, data)
    return template


def default_template(key: str) -> DocumentTemplate:
    return read_template(DEFAULT_TEMPLATES[key])


def template_for(key: str, stored: Mapping[str, Mapping[str, Any]]) -> DocumentTemplate:
    """The officer's wording when saved (and not blank), else BreachDesk's default. A saved wording that cannot
    be read stops the document with StoredDataError: printing the default instead would hide the officer's."""
    data = stored.get(key)
    if data:
        template = read_template(data)
        if template.title.strip():
            return template
    return default_template(key)


@dataclass
class Filler:
    """Fills templates from one set of values and remembers every gap, in order of first appearance."""

    values: Mapping[str, PlaceholderValue]
    known: frozenset[str]
    missing: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    def fill(self, text: str) -> str:
        def replace(match: re.Match[str]) -> str:
            token = match.group(0)
            if token == "{{":
                return "{"
            if token == "}}":
                return "}"
            name = match.group(1).strip()
            if name not in self.known:
                _remember(self.unknown, name)
                return UNKNOWN_MARK.format(name=name)
            value = self.values.get(name, "")
            if isinstance(value, tuple):
                value = "、".join(v for v in value if v)
            if not value.strip():
                _remember(self.missing, name)
                return MISSING_MARK.format(name=name)
            return value

        return _PLACEHOLDER.sub(replace, text)

    def list_value(self, line: str) -> tuple[str, ...] | None:
        """The items of a line that is a single list placeholder ({該当する情報}), to print as bullets."""
        stripped = line.strip()
        match = _PLACEHOLDER.fullmatch(stripped)
        if match is None or match.group(1) is None:
            return None
        value = self.values.get(match.group(1).strip())
        if isinstance(value, tuple) and any(v.strip() for v in value):
            return tuple(v for v in value if v.strip())
        return None

    def problems(self) -> list[str]:
        """What the officer must see before printing, in the UI language."""
        found = []
        if self.missing:
            found.append(
                _("These placeholders have no value yet and print as 【未入力】: {names}").format(
                    names="、".join(self.missing)
                )
            )
        if self.unknown:
            found.append(
                _("These placeholders are not known (check the spelling in the template): {names}").format(
                    names="、".join(self.unknown)
                )
            )
        return found


def _remember(names: list[str], name: str) -> None:
    if name not in names:
        names.append(name)


@functools.lru_cache(maxsize=1024)
def _placeholders(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for match in _PLACEHOLDER.finditer(text):
        if match.group(1) is not None:
            _remember(found, match.group(1).strip())
    return tuple(found)


def placeholders_in(text: str) -> list[str]:
    """The placeholder names a text uses, once each (the template editor lists them)."""
    return list(_placeholders(text))
