"""The rows of the report form's items (規則8条1項 1–9), shared by the 報告書 and the 委託元への通知: which items a
report on the 第7条 track, the 番号法 track or both shows, how an empty answer reads (調査中 in a 速報, 【未入力】 in a
確報), and the draft completed with the 番号法 items the assessment found (docs/domain.md §15.3 rules 13–14)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from app.documents.context import DocumentContext
from app.documents.wording.templates import MISSING_MARK
from app.domain.dates import format_date
from app.domain.office import DateStyle
from app.domain.report import (
    BANGO_CATEGORY_TITLES,
    BANGO_FIELDS,
    FIELDS,
    ITEM_TITLES,
    RULE7_TITLES,
    ReportDraft,
    my_number_items,
    other_summary,
    text_of,
    value_of,
)

UNKNOWN_YET = "（調査中）"
NOT_APPLICABLE = "―"
# What a 確報 must answer (規則8条1項 1–9); the other fields are details that may stay empty.
REQUIRED_IN_FINAL = frozenset(
    {
        "overview.occurred_date",
        "overview.learned_date",
        "overview.what_happened",
        "overview.applicable_items",
        "overview.event_statement",
        "data.items",
        "data.medium",
        "data.data_kind",
        "individuals.count",
        "cause.description",
        "cause.caused_by",
        "secondary_damage.present",
        "response",
        "publication.status",
        "prevention.implemented",
        "bango.items",
        "bango.count",
    }
)
BANGO_LAW = "行政手続における特定の個人を識別するための番号の利用等に関する法律第29条の4第1項"
# Rows a 番号法 report leaves out: the 第7条 verdict and the 第7条 count are the other report's.
APPI_ONLY_PATHS = frozenset(
    {
        "overview.applicable_items",
        "overview.applicability",
        "data.items",
        "data.being_acquired",
        "individuals.count",
        "individuals.count_is_max",
    }
)
# Never printed: the switch itself (the title says it) and a flag the count's own wording carries.
UNPRINTED = frozenset({"bango.involved", "bango.count_is_max"})
# Row labels that would only repeat the item's heading.
SHORT_LABELS = {"data.items": "項目", "response": "実施状況", "other.text": "その他"}
# Labels beside each other in a report that has both tracks' items under one heading.
BOTH_LABELS = {"data.items": "個人データの項目", "individuals.count": "個人データに係る本人の数"}
BANGO_LABELS = {"bango.items": "項目", "bango.count": "本人の数"}
BOTH_TITLES = {
    2: "漏えい等が発生し（おそれ）た個人データの項目・特定個人情報の項目",
    3: "個人データに係る本人の数・特定個人情報に係る本人の数",
}
BANGO_TITLES = {2: "特定個人情報の項目", 3: "特定個人情報に係る本人の数"}


def _text(report: ReportDraft, path: str, style: DateStyle) -> str:
    value = value_of(report, path)
    if isinstance(value, dt.date):
        return format_date(value, style)
    text = text_of(report, path)
    if path == "individuals.count" and text:
        return f"{text}名"
    if path == "bango.count" and text:
        return f"最大{text}名（確定していません）" if report.bango.count_is_max else f"{text}名"
    return text


def ticked(chosen: tuple[int, ...], titles: dict[int, tuple[str, str]]) -> str:
    """All four 号 with a mark on those that apply, as on a form: the reader sees what was not ticked, too."""
    return "\n".join(f"{'■' if n in chosen else '□'} {n}号　{titles[n][0]}" for n in sorted(titles))


@dataclass(frozen=True, slots=True)
class Track:
    """Which items one report shows: the 第7条 ones, the 番号法 ones, or both (one filing on the My Number path)."""

    appi: bool = True
    bango: bool = False

    def shows(self, path: str) -> bool:
        if path in UNPRINTED:
            return False
        if path in BANGO_FIELDS:
            return self.bango
        return self.appi or path not in APPI_ONLY_PATHS

    def title(self, item: int) -> str:
        if self.bango:
            return (BOTH_TITLES if self.appi else BANGO_TITLES).get(item, ITEM_TITLES[item][0])
        return ITEM_TITLES[item][0]

    def label(self, path: str, ja: str) -> str:
        if self.bango:
            found = BOTH_LABELS.get(path) if self.appi else BANGO_LABELS.get(path)
            if found:
                return found
        return SHORT_LABELS.get(path, ja)


APPI_TRACK = Track()


def item_rows(
    report: ReportDraft,
    item: int,
    *,
    final: bool,
    missing: list[str],
    style: DateStyle = DateStyle.WESTERN,
    track: Track = APPI_TRACK,
) -> tuple[tuple[str, str], ...]:
    """(label, text) for the fields of one §7.1 item; empty fields say 調査中, or 【未入力】 in a 確報.

    Item 9 is one text with only the answered questions (`other_summary`): an unanswered one prints nothing,
    never a default 「なし」. A report with 個人番号 ticks its 該当性 rows the way the form does (■ for what
    applies, □ for the rest).
    """
    if item == 9:
        return ((SHORT_LABELS["other.text"], other_summary(report) or NOT_APPLICABLE),)
    rows = []
    fields = [f for f in FIELDS if f.item == item and track.shows(f.path)]
    for field in fields:
        if track.bango and field.path == "overview.applicable_items":
            rows.append((field.ja, ticked(report.overview.applicable_items, RULE7_TITLES)))
            continue
        if field.path == "bango.categories":
            rows.append(("規則第2条各号該当性", ticked(report.bango.categories, BANGO_CATEGORY_TITLES)))
            continue
        text = _text(report, field.path, style)
        if not text.strip():
            if field.path in REQUIRED_IN_FINAL:
                if final:
                    missing.append(field.ja)
                    text = MISSING_MARK.format(name=field.ja)
                else:
                    text = UNKNOWN_YET
            else:
                text = NOT_APPLICABLE
        rows.append((track.label(field.path, field.ja), text))
    return tuple(rows)


def with_my_numbers(report: ReportDraft, ctx: DocumentContext) -> ReportDraft:
    """The draft with its 番号法 items; a draft started before the assessment found 個人番号 gets them from it,
    so a report about My Numbers never prints as a 第7条 report alone."""
    if report.bango.involved:
        return report
    found = my_number_items(ctx.incident.facts, ctx.incident.assessment)
    return dataclasses.replace(report, bango=found) if found.involved else report
