"""Every exported report carries the audit chain's head in its footer (issue 16 point 2): a printed or sent
速報/確報/追完, 社内報告書 or Pマーク事故報告 anchors the register's log outside the file. Letters to people do not."""

from __future__ import annotations

import datetime as dt

import pytest

from app.db import audit
from app.db.database import Database
from app.documents.builders import build
from app.documents.context import DocumentKind
from app.domain.filing import FilingKind
from app.services.documents import DocumentService
from app.services.workspace import OverviewService, ReportDraftService
from tests.documents.builders.factories import seed_incident
from tests.documents.helpers import page_texts

REPORTS = (
    DocumentKind.SOKUHO,
    DocumentKind.KAKUHO,
    DocumentKind.TSUIKAN,
    DocumentKind.INTERNAL_REPORT,
    DocumentKind.PMARK_REPORT,
)


def _head(db: Database) -> tuple[int, str]:
    with db.session_scope() as session:
        found = audit.count_and_head(session)
    assert found is not None
    return found


@pytest.mark.parametrize("kind", REPORTS, ids=lambda k: k.value)
def test_each_report_page_prints_the_log_count_and_head_as_they_were(
    db: Database, kind: DocumentKind
) -> None:
    incident = seed_incident(db)
    if kind is DocumentKind.TSUIKAN:
        ReportDraftService(db).start(incident, FilingKind.TSUIKAN)
    ctx = DocumentService(db).context(incident, kind, today=dt.date(2027, 7, 5))
    count, head = _head(db)
    pdf = build(kind, ctx)
    OverviewService(db).set_notes(
        incident, "PDF作成後のメモ"
    )  # the chain moves on; the paper keeps its anchor
    texts = page_texts(pdf)
    anchor = f"監査ログ {count:,} 件・末尾 {head[:12]}…"
    printed = [line for text in texts for line in text.splitlines() if "監査ログ" in line]
    assert printed == [anchor] * len(texts), (anchor, printed)
    assert _head(db)[0] == count + 1


def test_a_letter_to_a_person_carries_no_audit_anchor(db: Database) -> None:
    incident = seed_incident(db)
    ctx = DocumentService(db).context(incident, DocumentKind.NOTICE_LETTER, today=dt.date(2027, 7, 5))
    assert ctx.audit_head is not None
    assert not any("監査ログ" in text for text in page_texts(build(DocumentKind.NOTICE_LETTER, ctx)))
