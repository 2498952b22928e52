"""Two PCs on one PostgreSQL register draft the same 速報: each opens the register itself (its own data folder and
OS user, the same database); the second save of a field is refused with the first's name, goes through after a
reload, and the audit chain stays one verified chain (issue 19 point 2, docs/adr/0013-optimistic-concurrency.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.db.database import Database
from app.domain.filing import FilingKind
from app.errors import ConcurrentEdit
from app.paths import DataPaths
from app.services.audit_check import check_audit_chain
from app.services.workspace.reports import ReportDraftService
from tests.register.conftest import assessed


def _pc(root: Path, url: str) -> Database:
    paths = DataPaths(root)
    paths.ensure()
    return Database.open(paths, url)


def test_the_second_pc_is_told_who_saved_the_field_first(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _pc(tmp_path / "pc1", pg_url), _pc(tmp_path / "pc2", pg_url)
    try:
        monkeypatch.setenv("LOGNAME", "yamada")
        incident = assessed(first, "健診結果の誤送信")
        on_first = ReportDraftService(first).start(incident, FilingKind.SOKUHO)
        on_second = ReportDraftService(second).get(on_first.id)  # the same draft, shown on the other PC

        ReportDraftService(first).set_field(
            on_first.id, "response", "本人へ謝罪", seen_version=on_first.version
        )
        monkeypatch.setenv("LOGNAME", "suzuki")
        with pytest.raises(ConcurrentEdit) as refused:
            ReportDraftService(second).set_field(
                on_second.id, "response", "回収を依頼", seen_version=on_second.version
            )
        assert refused.value.actor == "yamada"
        assert refused.value.message.startswith("この事案はyamadaさんが先に更新しました（")
        assert refused.value.saved == {"response": "本人へ謝罪"}
        assert ReportDraftService(first).get(on_first.id).draft.response == "本人へ謝罪"

        reloaded = ReportDraftService(second).get(on_second.id)
        saved = ReportDraftService(second).set_field(
            reloaded.id, "response", "本人へ謝罪。回収を依頼", seen_version=reloaded.version
        )
        assert saved.version == reloaded.version + 1
        assert ReportDraftService(first).get(on_first.id).draft.response == "本人へ謝罪。回収を依頼"
        chain = check_audit_chain(first)
        assert chain.ok, chain
    finally:
        first.close()
        second.close()
