"""Two officers drafting the same 速報 on two PCs: a field's save names the draft's version the report tab was built
from, a stale one is told who saved first with both values, and nothing is overwritten (issue 19 point 2,
docs/adr/0013-optimistic-concurrency.md). The database is a fixture parameter: the SQLite file and a real
PostgreSQL server. Two Database objects on one database stand for the two PCs: tests/pg/test_draft_versions.py.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.db import audit
from app.db.database import Database
from app.db.models import AuditEntry
from app.domain.filing import FilingKind
from app.errors import ConcurrentEdit
from app.services.audit_check import check_audit_chain
from app.services.workspace.reports import ReportDraftService
from tests.register.conftest import assessed

CAUSE = "cause.description"


def _draft_updates(db: Database, draft_id: int) -> int:
    with db.read_scope() as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.entity == "report_draft", AuditEntry.entity_id == draft_id)
                .where(AuditEntry.action == "update")
            )
            or 0
        )


def test_a_stale_field_save_is_refused_with_the_first_writer_and_both_values(shared_db: Database) -> None:
    incident = assessed(shared_db, "健診結果の誤送信")
    yamada, suzuki = ReportDraftService(shared_db), ReportDraftService(shared_db)
    shown = yamada.start(incident, FilingKind.SOKUHO)
    assert shown.version == 1 and suzuki.get(shown.id).version == 1

    saved = yamada.set_field(shown.id, CAUSE, "宛先の選択誤り", seen_version=shown.version)
    assert saved.version == 2
    with pytest.raises(ConcurrentEdit) as refused:
        suzuki.set_field(shown.id, CAUSE, "確認手順の不備", seen_version=shown.version)

    conflict = refused.value
    me = audit.current_actor()
    assert conflict.actor == me and conflict.version == 2
    assert conflict.saved == {CAUSE: "宛先の選択誤り"}
    assert conflict.message.startswith(f"この事案は{me}さんが先に更新しました（")
    assert conflict.message.endswith("）。最新の内容を読み込みますか？")
    assert "確認手順" not in conflict.message
    assert suzuki.get(shown.id).draft.cause.description == "宛先の選択誤り"
    assert _draft_updates(shared_db, shown.id) == 1

    # After 最新を読み込む (or 自分の内容で上書きする) the save names the newest version and goes through.
    after = suzuki.set_field(shown.id, CAUSE, "確認手順の不備", seen_version=conflict.version)
    assert after.version == 3 and after.draft.cause.description == "確認手順の不備"
    assert _draft_updates(shared_db, shown.id) == 2
    assert check_audit_chain(shared_db).ok


def test_a_stale_save_of_another_field_is_refused_too(shared_db: Database) -> None:
    """Per ADR 0013: the whole screen is stale, so any field from it is refused (the dialog shows the field)."""
    incident = assessed(shared_db, "USBメモリの紛失")
    drafts = ReportDraftService(shared_db)
    shown = drafts.start(incident, FilingKind.SOKUHO)
    drafts.set_field(shown.id, CAUSE, "持ち出し手順の不備", seen_version=shown.version)
    with pytest.raises(ConcurrentEdit) as refused:
        drafts.set_field(shown.id, "individuals.count", 12, seen_version=shown.version)
    assert refused.value.saved == {"individuals.count": shown.draft.individuals.count}


def test_a_save_that_changes_nothing_writes_nothing_even_from_an_old_version(shared_db: Database) -> None:
    incident = assessed(shared_db, "FAX誤送信")
    drafts = ReportDraftService(shared_db)
    shown = drafts.start(incident, FilingKind.SOKUHO)
    drafts.set_field(shown.id, CAUSE, "番号の押し間違い", seen_version=1)
    same = drafts.set_field(shown.id, CAUSE, "番号の押し間違い", seen_version=1)
    assert same.version == 1  # the screen keeps its own (stale) version: its next real edit is still checked
    assert drafts.get(shown.id).version == 2
    assert _draft_updates(shared_db, shown.id) == 1


def test_one_shot_edits_without_a_version_still_raise_it(shared_db: Database) -> None:
    incident = assessed(shared_db, "名簿の誤掲載")
    drafts = ReportDraftService(shared_db)
    shown = drafts.start(incident, FilingKind.SOKUHO)
    assert drafts.set_field(shown.id, CAUSE, "公開範囲の設定誤り").version == 2
    with pytest.raises(ConcurrentEdit):
        drafts.set_field(shown.id, CAUSE, "別の原因", seen_version=1)
