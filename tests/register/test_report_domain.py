"""The 報告内容 shape shared with the documents: prefill, JSON round trip, form order, 速報→確報 diff."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from app.db.codec import REPORT_DRAFT, encode, read_report
from app.domain.filing import FilingKind
from app.domain.report import (
    FIELDS,
    Addressee,
    ReportDraft,
    diff,
    draft_from,
    format_value,
    next_draft,
    other_summary,
    text_of,
)
from app.rules import assess
from tests.register.conftest import facts

JST = dt.timezone(dt.timedelta(hours=9))


@dataclass(frozen=True)
class Entry:
    occurred_at: dt.datetime
    text: str


def test_a_sokuho_draft_starts_from_the_facts_assessment_and_timeline() -> None:
    f = facts(
        learned_by="総務課 髙橋", occurred_date="2027-06-30", affected_count=None, affected_count_max=40
    )
    timeline = [
        Entry(dt.datetime(2027, 7, 1, 14, 0, tzinfo=JST), "取引先から誤送信の連絡"),
        Entry(dt.datetime(2027, 7, 1, 9, 30, tzinfo=JST), "メールの誤送信により名簿を送付"),
    ]
    draft = draft_from(f, assess(f), timeline, title="名簿の誤送信", report_date=dt.date(2027, 7, 3))
    assert draft.envelope.kind is FilingKind.SOKUHO
    assert draft.envelope.addressee is Addressee.PPC
    assert draft.envelope.report_date == dt.date(2027, 7, 3)
    assert draft.overview.learned_date == dt.date(2027, 7, 1)
    assert draft.overview.occurred_date == dt.date(2027, 6, 30)
    assert draft.overview.discovered_by == "従業員"  # a role: the name stays in the register
    assert draft.overview.applicable_items == (1,)
    assert draft.overview.timeline == (
        "2027年7月1日 09:30　メールの誤送信により名簿を送付\n2027年7月1日 14:00　取引先から誤送信の連絡"
    )
    assert draft.data.items == "氏名、健康診断結果"
    assert (draft.individuals.count, draft.individuals.count_is_max) == (40, True)


def test_delegated_sector_reports_to_the_ministry_and_item_9_starts_unanswered() -> None:
    f = facts(delegated_sector=True, pmark_holder=True)
    draft = draft_from(f, assess(f), ministry_name="金融庁")
    assert draft.envelope.addressee is Addressee.MINISTRY
    assert draft.envelope.ministry_name == "金融庁"
    # The Pマーク and GDPR reminders are the officer's to-dos (checklist), not facts for the PPC.
    assert (draft.other.pmark.done, draft.other.pmark.note) == (None, "")
    assert (draft.other.gdpr.done, draft.other.gdpr.note) == (None, "")


def test_json_round_trip_keeps_every_character() -> None:
    f = facts()
    draft = draft_from(f, assess(f), title="𠮷野家の﨑 " + "長文" * 5000)
    draft = draft.replace("prevention.planned", "社内研修（髙橋・﨑）").replace(
        "secondary_damage.present", False
    )
    again = read_report(encode(draft))
    assert again == draft
    assert read_report({}) == ReportDraft()  # an older or empty draft still opens


def test_fields_follow_the_nine_items_in_order_with_both_languages() -> None:
    items = [field.item for field in FIELDS]
    assert items == sorted(items) and set(items) == set(range(10))
    assert {f.path for f in FIELDS} >= {"prevention.implemented", "prevention.planned", "publication.status"}
    assert all(field.ja and field.en for field in FIELDS)


def test_the_kakuho_starts_from_the_sokuho_and_diff_names_what_changed() -> None:
    f = facts()
    sokuho = draft_from(f, assess(f), title="誤送信")
    kakuho = next_draft(sokuho, FilingKind.KAKUHO, dt.date(2027, 7, 20))
    assert [c.field.path for c in diff(sokuho, kakuho)] == ["envelope.kind", "envelope.report_date"]
    kakuho = kakuho.replace("individuals.count", "5").replace("prevention.implemented", "宛先の二重確認")
    changes = {c.field.path: (c.before, c.after) for c in diff(sokuho, kakuho)}
    assert changes["individuals.count"] == (3, 5)
    assert changes["prevention.implemented"] == ("", "宛先の二重確認")
    assert text_of(kakuho, "envelope.kind") == "確報"
    assert format_value(True) == "あり" and format_value(dt.date(2027, 7, 1)) == "2027年7月1日"


def test_a_value_of_the_wrong_shape_is_refused() -> None:
    with pytest.raises(ValueError):
        ReportDraft().replace("overview.learned_date", "2027-02-30")
    with pytest.raises(TypeError):
        ReportDraft().replace("data.being_acquired", "yes")


def test_a_version_2_draft_reads_its_unticked_item_9_boxes_as_unanswered() -> None:
    """Before tri-state answers an unticked box was False by default: it must not print 「なし」 after the upgrade,
    and the reminders BreachDesk itself wrote into the notes are not facts for the PPC."""
    stored = {
        "report_version": 2,
        "other": {
            "police": {"done": True, "note": "相談済み"},
            "ipa": {"done": False, "note": ""},
            "pmark": {"done": False, "note": "プライバシーマーク付与事業者として審査機関へ報告"},
            "gdpr": {"done": False, "note": "GDPR第33条に基づく監督機関への通知を検討"},
        },
    }
    draft = read_report(stored)
    assert (draft.other.police.done, draft.other.ipa.done, draft.other.pmark.done) == (True, None, None)
    assert draft.other.pmark.note == "" and draft.other.gdpr.note == ""
    assert other_summary(draft) == "警察への相談・届出：あり（相談済み）"
    assert read_report(encode(draft, REPORT_DRAFT)) == draft


def test_item_9_prints_only_what_was_answered() -> None:
    draft = ReportDraft().replace("other.ipa.done", False).replace("other.text", "取引先にも連絡済み")
    assert other_summary(draft) == "IPAへの届出：なし\n取引先にも連絡済み"
    assert other_summary(ReportDraft()) == ""
