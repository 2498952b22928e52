"""E-mail notices (one person per message, Outlook draft) and the office's own wording."""

from __future__ import annotations

import email
from email import policy

import pytest

from app.db.database import Database
from app.documents import builders
from app.documents.context import DocumentContext, DocumentKind
from app.documents.kinds.notice_letter import compose_letter
from app.documents.mailmerge.eml import eml_bytes
from app.documents.wording.templates import (
    SETTINGS_PREFIX,
    DocumentTemplate,
    Filler,
    Section,
    read_template,
    template_json,
)
from app.errors import StoredDataError
from app.services.documents import DocumentService
from tests.documents.builders.factories import context, recipient, seed_incident


def parsed(ctx: DocumentContext, n: int = 1):  # type: ignore[no-untyped-def]
    return email.message_from_bytes(eml_bytes(ctx, compose_letter(ctx, recipient(n))), policy=policy.default)


def test_one_recipient_per_message_and_no_copies(ctx: DocumentContext) -> None:
    message = parsed(ctx)
    assert message["To"].addresses[0].addr_spec == "person1@example.jp"
    assert len(message["To"].addresses) == 1
    assert message["Cc"] is None and message["Bcc"] is None
    assert message["X-Unsent"] == "1"  # Outlook opens it as a draft to check and send


def test_the_message_is_the_letter_in_utf8(ctx: DocumentContext) -> None:
    message = parsed(ctx)
    body = message.get_content()
    assert message.get_content_charset() == "utf-8"
    assert "髙橋 一郎1" in body and "・氏名" in body and "・メールアドレス" in body
    assert "診断名" not in body.split("お問い合わせ窓口")[0]
    assert "お詫び" in str(message["Subject"])
    assert not message.is_multipart()  # no attachment to open


def test_missing_placeholder_is_visible_and_listed() -> None:
    filler = Filler({"発覚日": ""}, frozenset({"発覚日", "事業者名"}))
    assert filler.fill("{発覚日}に判明") == "【未入力：発覚日】に判明"
    assert filler.fill("{事業社名}") == "【不明な差し込み項目：事業社名】"
    assert filler.fill("{{発覚日}}") == "{発覚日}"
    assert filler.missing == ["発覚日"] and filler.unknown == ["事業社名"]


def test_the_office_wording_is_stored_and_used(db: Database) -> None:
    incident_id = seed_incident(db)
    service = DocumentService(db)
    mine = DocumentTemplate(
        title="個人情報に関する重要なお知らせ",
        opening="{事業者名}でございます。",
        sections=(Section("概要", "{事案の概要}"),),
        closing="敬具",
    )
    service.save_template("notice_letter", mine)
    reopened = DocumentService(db).template("notice_letter")
    assert reopened == mine
    ctx = service.context(incident_id, DocumentKind.NOTICE_LETTER)
    text = builders.compose(DocumentKind.NOTICE_LETTER, ctx).plain_text()
    assert "個人情報に関する重要なお知らせ" in text and "株式会社サンプル商事でございます。" in text
    service.reset_template("notice_letter")
    assert DocumentService(db).template("notice_letter").title == "個人情報の漏えい等に関するお詫びとお知らせ"


def test_values_typed_for_an_incident_are_kept_with_it(db: Database) -> None:
    incident_id = seed_incident(db)
    service = DocumentService(db)
    service.save_incident_values(incident_id, {"委託元名": "株式会社委託元", "受付時間": " "})
    assert DocumentService(db).incident_values(incident_id) == {"委託元名": "株式会社委託元"}
    ctx = service.context(incident_id, DocumentKind.ENTRUSTOR_NOTICE)
    assert "株式会社委託元　御中" in builders.compose(DocumentKind.ENTRUSTOR_NOTICE, ctx).plain_text()


def test_sample_letter_uses_the_incident_items() -> None:
    ctx = context()
    text = builders.compose(DocumentKind.NOTICE_LETTER, ctx).plain_text()
    assert "診断名・診療情報" in text  # the person's items are the incident's until a list says otherwise


def test_a_wording_saved_by_todays_version_reads_back_and_a_damaged_one_is_reported(db: Database) -> None:
    saved = {  # exactly what "templates.notice_letter" held before templates said their version
        "title": "重要なお知らせ",
        "opening": "{事業者名}でございます。",
        "sections": [{"heading": "概要", "body": "{事案の概要}"}, {"heading": "窓口", "body": ""}],
        "closing": "以上",
    }
    service = DocumentService(db)
    service.settings.set(SETTINGS_PREFIX + "notice_letter", saved)
    template = DocumentService(db).template("notice_letter")
    assert template == DocumentTemplate(
        "重要なお知らせ",
        "{事業者名}でございます。",
        (Section("概要", "{事案の概要}"), Section("窓口", "")),
        "以上",
    )
    assert template_json(template) == {"version": 1, **saved}
    assert read_template({"sections": [{"heading": "見出しのみ"}]}) == DocumentTemplate(
        "", sections=(Section("見出しのみ", ""),)
    )
    service.settings.set(SETTINGS_PREFIX + "notice_letter", {**saved, "sections": "壊れた値"})
    with pytest.raises(StoredDataError, match="sections"):
        DocumentService(db).template("notice_letter")
