"""Counts read right in both languages: "1 day" and "2 days" in English, one form (「1日」「2日」) in Japanese."""

from __future__ import annotations

import datetime as dt

import pytest

from app.i18n import ngettext, set_language
from app.services.audit_check import AuditCheck
from app.wizard.verdict import days_left

TODAY = dt.date(2027, 7, 1)


def _in(days: int) -> dt.date:
    return TODAY + dt.timedelta(days=days)


def test_english_says_one_day_and_two_days() -> None:
    set_language("en")
    assert days_left(_in(1), TODAY) == "1 day to go"
    assert days_left(_in(2), TODAY) == "2 days to go"
    assert days_left(_in(-1), TODAY) == "1 day past the deadline"
    assert days_left(_in(-2), TODAY) == "2 days past the deadline"
    assert days_left(TODAY, TODAY) == "the deadline is today"


def test_english_counts_entries_and_people() -> None:
    set_language("en")
    assert AuditCheck(count=1).message() == "The audit log is intact (1 entry)."
    assert AuditCheck(count=0).message() == "The audit log is intact (0 entries)."
    assert ngettext("{count} person", "{count} people", 1).format(count=1) == "1 person"
    assert ngettext("{count} person", "{count} people", 3).format(count=3) == "3 people"


@pytest.mark.parametrize("days", [1, 2, 30])
def test_japanese_has_one_form(days: int) -> None:
    set_language("ja")
    assert days_left(_in(days), TODAY) == f"あと{days}日"
    assert days_left(_in(-days), TODAY) == f"期限を{days}日超過"
    assert AuditCheck(count=days).message() == f"監査ログは改変されていません（{days} 件）。"
