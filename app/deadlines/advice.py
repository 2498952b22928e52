"""The 速報 / 委託元通知 advice as it fits today (docs/domain.md §5.2, §5.4, §11).

The assessment stores the advice written on the day it was made (「3日目の{start}までの報告をお勧めします」) and keeps
it: the `assess` JSON contract and the history do not change. A screen that shows the advice against today reads
it through here: before day 3 as stored; on day 3 to day 5 「本日中の報告をお勧めします」; after day 5 an overdue
wording. A clock already stopped by a filing is for the caller to leave out; here only the dates decide. The
番号法 track (docs/domain.md §15) has the same windows and the same day-following wordings in app/rules/bango_texts.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from app.domain.assessment import Assessment, BangoAssessment, DateWindow, Reason
from app.domain.filing import FilingKind
from app.rules.bango_texts import BANGO_TEXTS
from app.rules.texts import BASE_TEXTS, Text
from app.rules.wording import date_words, say

_WINDOW_OF = {
    "R8-1": "sokuho_window",
    "R9": "entrustor_notice_window",
    "BANGO-SOKUHO": "sokuho_window",
    "BANGO-PROCESSOR": "entrustor_notice_window",
}
_KIND_OF = {
    "R8-1": FilingKind.SOKUHO,
    "R9": FilingKind.ENTRUSTOR_NOTICE,
    "BANGO-SOKUHO": FilingKind.SOKUHO,
    "BANGO-PROCESSOR": FilingKind.ENTRUSTOR_NOTICE,
}
_OPEN = (FilingKind.SOKUHO, FilingKind.ENTRUSTOR_NOTICE)


def advice_variant(window: DateWindow, today: dt.date) -> str | None:
    """None before day 3 (the stored advice holds), "window" on day 3 to day 5, "past" after day 5."""
    if today < window.start:
        return None
    return "window" if today <= window.end else "past"


def reasons_for_today(
    assessment: Assessment,
    today: dt.date,
    open_kinds: Collection[FilingKind] = _OPEN,
    texts: Mapping[str, Text] = BASE_TEXTS,
) -> tuple[Reason, ...]:
    """The assessment's reasons with the advice of each still open duty (`open_kinds`: not filed yet) replaced by
    the wording that fits `today`; a filed one keeps the advice it was filed under."""
    return tuple(
        _for_today(reason, assessment, today, texts) if _KIND_OF.get(reason.code) in open_kinds else reason
        for reason in assessment.reasons
    )


def bango_reasons_for_today(
    bango: BangoAssessment,
    today: dt.date,
    open_kinds: Collection[FilingKind] = _OPEN,
    texts: Mapping[str, Text] = BANGO_TEXTS,
) -> tuple[Reason, ...]:
    """The 番号法 reasons as `reasons_for_today` gives the 第7条 ones, with the same `open_kinds` (a joint filing
    serves both laws: CONV-BANGO-FILING, docs/domain.md §15.3)."""
    return tuple(
        _for_today(reason, bango, today, texts) if _KIND_OF.get(reason.code) in open_kinds else reason
        for reason in bango.reasons
    )


def _for_today(
    reason: Reason, assessment: Assessment | BangoAssessment, today: dt.date, texts: Mapping[str, Text]
) -> Reason:
    field = _WINDOW_OF.get(reason.code)
    window = getattr(assessment, field) if field is not None else None
    if not isinstance(window, DateWindow):
        return reason
    variant = advice_variant(window, today)
    key = f"{reason.code}/{variant}"
    if variant is None or key not in texts:
        return reason
    return say(texts, key, end=date_words(window.end))
