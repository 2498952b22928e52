"""Two PCs on one checklist step: a メモ or 実施者 typed on a screen older than the saved text is refused with who
saved it and the saved text, never silently replaced (issue 19 point 2, docs/adr/0013-optimistic-concurrency.md).
SQLite file and a real PostgreSQL server."""

from __future__ import annotations

import pytest

from app.db import audit
from app.db.database import Database
from app.errors import ConcurrentEdit
from app.services.audit_check import check_audit_chain
from app.services.workspace.checklist import ChecklistService
from tests.register.conftest import assessed


def test_a_note_from_a_stale_screen_is_refused_with_both_texts(shared_db: Database) -> None:
    incident = assessed(shared_db, "健診結果の誤送信")
    yamada, suzuki = ChecklistService(shared_db), ChecklistService(shared_db)
    step = yamada.steps(incident)[0]
    assert step.note == ""

    yamada.set_note(step.id, "人事部に連絡済み", seen_text=step.note)
    with pytest.raises(ConcurrentEdit) as refused:
        suzuki.set_note(step.id, "総務部に連絡済み", seen_text=step.note)
    me = audit.current_actor()
    assert refused.value.actor == me and refused.value.saved == {"note": "人事部に連絡済み"}
    assert refused.value.message.startswith(f"この事案は{me}さんが先に更新しました（")
    assert "総務部" not in refused.value.message
    assert suzuki.steps(incident)[0].note == "人事部に連絡済み"

    # 自分の内容で上書きする: the save names the text it now saw.
    suzuki.set_note(step.id, "総務部に連絡済み", seen_text="人事部に連絡済み")
    assert yamada.steps(incident)[0].note == "総務部に連絡済み"
    # The same text from a stale screen changes nothing and is not refused.
    yamada.set_note(step.id, "総務部に連絡済み", seen_text="人事部に連絡済み")
    assert check_audit_chain(shared_db).ok


def test_the_name_of_who_did_it_is_guarded_too(shared_db: Database) -> None:
    incident = assessed(shared_db, "USBメモリの紛失")
    service = ChecklistService(shared_db)
    step = service.steps(incident)[0]
    service.set_done_by(step.id, "山田", seen_text="")
    with pytest.raises(ConcurrentEdit) as refused:
        service.set_done_by(step.id, "鈴木", seen_text="")
    assert refused.value.saved == {"done_by": "山田"}
    service.set_done(step.id, True)  # ticks stay unchecked: idempotent
    assert service.steps(incident)[0].done
