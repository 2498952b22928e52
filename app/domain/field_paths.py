"""One leaf of a nested frozen dataclass by its path ("cause.location"): read it, or set it from a form's value.

The report drafts have some forty leaves; the form edits one at a time, so the value a widget gives (a string, a
date, a number) is coerced to the field's declared type here, and a value of the wrong shape is refused. Storing
and reading whole drafts is the codec's job (app/db/codec.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from enum import Enum
from typing import Any, TypeVar

T = TypeVar("T")


_HINTS: dict[type[Any], dict[str, Any]] = {}


def hints(cls: type[Any]) -> dict[str, Any]:
    """Resolved annotations (the modules use `from __future__ import annotations`), cached per class."""
    found = _HINTS.get(cls)
    if found is None:
        found = _HINTS[cls] = typing.get_type_hints(cls)
    return found


def coerce(annotation: Any, raw: Any) -> Any:
    """`raw` (JSON or a widget's value) as the annotated type; ValueError/TypeError when it cannot be."""
    origin = typing.get_origin(annotation)
    if origin in (types.UnionType, typing.Union):
        if raw is None or raw == "":
            return None
        inner = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return coerce(inner[0], raw)
    if origin is tuple:
        item_type = typing.get_args(annotation)[0]
        return tuple(coerce(item_type, item) for item in (raw or ()))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation(raw)
    if annotation is dt.date:
        return raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw))
    if annotation is bool:
        if not isinstance(raw, bool):
            raise TypeError(f"expected true or false, got {raw!r}")
        return raw
    if annotation is int:
        if isinstance(raw, bool):
            raise TypeError(f"expected a whole number, got {raw!r}")
        return int(raw)
    if annotation is str:
        return "" if raw is None else str(raw)
    raise TypeError(f"unsupported field type {annotation!r}")


def replace_path(obj: T, path: str, value: Any) -> T:
    """A copy of `obj` with the leaf at "a.b.c" set to `value`, coerced to the field's declared type."""
    head, _, rest = path.partition(".")
    annotation = hints(type(obj))[head]
    current = getattr(obj, head)
    new = replace_path(current, rest, value) if rest else coerce(annotation, value)
    return dataclasses.replace(obj, **{head: new})  # type: ignore[type-var]


def get_path(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj
