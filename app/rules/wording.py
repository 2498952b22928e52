"""Turns a text key and its values into a bilingual Reason; values that differ by language are (ja, en) pairs."""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterable, Mapping
from functools import lru_cache

from app.domain.assessment import Reason
from app.domain.dates import MONTHS_EN, WEEKDAYS_EN, WEEKDAYS_JA
from app.rules.texts import Text

Value = str | int | tuple[str, str]


_STATIC: dict[tuple[int, str], tuple[Text, Reason]] = {}


def say(texts: Mapping[str, Text], key: str, extra_refs: Iterable[str] = (), **values: Value) -> Reason:
    """The Reason for `key`; its code is the key up to "/" (variants share the code the officer sees).

    Sentences without values are built once and shared: the wizard re-assesses on every answer.
    """
    text = texts[key]
    if not values and not extra_refs:
        # Keyed by identity (hashing the long texts costs more than building them); the Text is kept in the
        # entry so its id cannot be reused by another object while cached.
        entry = _STATIC.get((id(text), key))
        if entry is None or entry[0] is not text:
            entry = _STATIC[(id(text), key)] = (
                text,
                Reason(key.split("/", 1)[0], text.ja, text.en, text.refs),
            )
        return entry[1]
    ja_values: dict[str, str] = {}
    en_values: dict[str, str] = {}
    for name, value in values.items():
        if isinstance(value, tuple):
            ja_values[name], en_values[name] = value
        else:
            ja_values[name] = en_values[name] = str(value)
    return Reason(
        key.split("/", 1)[0],
        _render(text.ja, ja_values),
        _render(text.en, en_values),
        _merge_refs(text.refs, extra_refs) if extra_refs else text.refs,
    )


def _merge_refs(refs: tuple[str, ...], extra: Iterable[str]) -> tuple[str, ...]:
    """A detail's citation may repeat the sentence's own (an indicator cites the 号's guideline section)."""
    return tuple(dict.fromkeys((*refs, *extra)))


_PARTS: dict[str, tuple[tuple[str, str | None], ...]] = {}


def _render(template: str, values: dict[str, str]) -> str:
    """str.format_map without re-parsing the template each time (a third of the engine's time otherwise)."""
    parts = _PARTS.get(template)
    if parts is None:
        parsed = tuple(string.Formatter().parse(template))
        if any(spec or conversion for _, _, spec, conversion in parsed):
            raise ValueError(f"format specs are not supported in reason texts: {template!r}")
        parts = _PARTS[template] = tuple((literal, name) for literal, name, _, _ in parsed)
    out = []
    for literal, name in parts:
        out.append(literal)
        if name is not None:
            out.append(values[name])
    return "".join(out)


@lru_cache(maxsize=4096)
def date_words(day: dt.date) -> tuple[str, str]:
    """2027年7月1日（木） / 1 July 2027 (Thu): what the officer reads aloud."""
    weekday = day.weekday()
    return (
        f"{day.year}年{day.month}月{day.day}日（{WEEKDAYS_JA[weekday]}）",
        f"{day.day} {MONTHS_EN[day.month - 1]} {day.year} ({WEEKDAYS_EN[weekday]})",
    )


def month_day_words(day: dt.date) -> tuple[str, str]:
    return f"{day.month}月{day.day}日", f"{day.day} {MONTHS_EN[day.month - 1]}"


def datetime_words(moment: dt.datetime) -> tuple[str, str]:
    """A timestamp with its UTC offset, so nobody mistakes the zone of a 72-hour clock."""
    offset = moment.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}"
    return (
        f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}（{zone}）",
        f"{moment:%Y-%m-%d %H:%M} {zone}",
    )


def known_count_words(count: int | None, count_max: int | None) -> tuple[str, str]:
    """The number of individuals exactly as known: a maximum is never read aloud as if it were the count.

    Callers handle "nothing known" themselves (there is no number to name).
    """
    if count is not None and (count_max is None or count_max <= count):
        return f"{count:,}人", f"{count:,}"
    if count_max is None:
        raise ValueError("known_count_words needs a count or a maximum")
    at_most = (f"最大で{count_max:,}人（確定していません）", f"at most {count_max:,} (not yet confirmed)")
    if count is None:
        return at_most
    return f"{count:,}人（確認済み）、{at_most[0]}", f"{count:,} confirmed, {at_most[1]}"


@lru_cache(maxsize=64)
def items_words(items: tuple[int, ...]) -> tuple[str, str]:
    """(1, 3) -> 1号・3号 / items 1 and 3."""
    numbers = list(items)
    ja = "・".join(f"{n}号" for n in numbers)
    if len(numbers) == 1:
        return ja, f"item {numbers[0]}"
    head = ", ".join(str(n) for n in numbers[:-1])
    return ja, f"items {head} and {numbers[-1]}"


def join_words(pairs: Iterable[tuple[str, str]]) -> tuple[str, str]:
    listed = list(pairs)
    return "、".join(p[0] for p in listed), ", ".join(p[1] for p in listed)


def closed_days_words(skipped: Iterable[tuple[dt.date, str, str]]) -> tuple[str, str]:
    """Closed days a deadline moved past, a run of days with the same reason said once (12月29日〜12月31日は年末年始).

    `skipped` is app.calendar.day_count.skipped_days(): (day, Japanese reason, English reason), in date order.
    """
    runs: list[list[tuple[dt.date, str, str]]] = []
    for entry in skipped:
        last = runs[-1][-1] if runs else None
        if last is not None and entry[1] == last[1] and (entry[0] - last[0]).days == 1:
            runs[-1].append(entry)
        else:
            runs.append([entry])
    pairs = []
    for run in runs:
        first_ja, first_en = month_day_words(run[0][0])
        if len(run) == 1:
            pairs.append((f"{first_ja}は{run[0][1]}", f"{first_en} is {run[0][2]}"))
        else:
            last_ja, last_en = month_day_words(run[-1][0])
            pairs.append((f"{first_ja}〜{last_ja}は{run[0][1]}", f"{first_en} to {last_en} are {run[0][2]}"))
    return join_words(pairs)
