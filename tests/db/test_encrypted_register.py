"""An encrypted register (SQLCipher, docs/adr/0010-register-encryption.md): same models, migrations, search, WAL
and backups; nothing readable in any file of the data folder; the wrong key, no key or a key for a plain file
each refused with a clear message and nothing changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.db.backups import list_backups
from app.db.cipher import RegisterKey, key_from_recovery, recovery_text, unwrap, wrap
from app.db.database import Database
from app.db.faults import DatabaseFault, FaultKind
from app.db.snapshot import open_evidence
from app.domain.register import RegisterQuery
from app.errors import InputError
from app.paths import DataPaths
from app.services.audit_check import check_chain_in
from app.services.incidents import IncidentService
from app.services.register import RegisterService
from app.services.workspace import TimelineService
from tests.db.conftest import SHORT_BUSY

NAME = "髙橋 一郎"  # a data subject's name, written into the timeline
KEY = RegisterKey(bytes(range(32)))


def _open(paths: DataPaths, key: RegisterKey | None = KEY) -> Database:
    return Database.open(paths, busy_timeout=SHORT_BUSY, key=key)


def _files_hold(folder: Path, text: str) -> list[str]:
    needle = text.encode("utf-8")
    return [str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


@pytest.fixture
def encrypted(data_paths: DataPaths) -> DataPaths:
    db = _open(data_paths)
    try:
        incident = IncidentService(db).create(
            "顧客リストの誤送信", {"learned_date": "2027-07-01"}, None, None
        )
        TimelineService(db).append(incident, dt.datetime(2027, 7, 1, 10, tzinfo=dt.UTC), f"{NAME}様から電話")
    finally:
        db.close()
    return data_paths


def test_a_new_register_with_a_key_is_encrypted_and_reopens_with_it(encrypted: DataPaths) -> None:
    assert not encrypted.db_file.read_bytes().startswith(b"SQLite format 3\x00")
    db = _open(encrypted)
    try:
        service = RegisterService(db)
        today = dt.date(2027, 7, 3)
        assert len(service.ids(RegisterQuery(), today)) == 1
        assert len(service.ids(RegisterQuery(text="誤送信"), today)) == 1  # FTS5 trigram inside SQLCipher
        assert len(service.ids(RegisterQuery(text="髙橋"), today)) == 1  # two characters: the LIKE path
        with db.session_scope() as session:
            assert check_chain_in(session).ok
    finally:
        db.close()


def test_no_file_of_the_data_folder_holds_readable_personal_data(encrypted: DataPaths) -> None:
    db = _open(encrypted)  # leave a -wal behind while it is open, and make a change backup
    try:
        IncidentService(db).create("二件目", {}, None, None)
        assert _files_hold(encrypted.root, NAME) == []
        assert _files_hold(encrypted.root, "顧客リスト") == []
    finally:
        db.close()
    backups = list_backups(encrypted.backups_dir)
    assert backups and all(not b.read_bytes().startswith(b"SQLite format 3") for b in backups)
    assert _files_hold(encrypted.root, NAME) == []


def test_without_the_key_wrong_key_or_a_key_for_a_plain_file_nothing_changes(
    encrypted: DataPaths, tmp_path: Path
) -> None:
    before = hashlib.sha256(encrypted.db_file.read_bytes()).hexdigest()
    (encrypted.root / "breachdesk.keys.json").write_text(json.dumps(wrap(KEY, "正しいパスフレーズです")))
    with pytest.raises(DatabaseFault) as no_key:
        _open(encrypted, None)
    assert no_key.value.kind is FaultKind.ENCRYPTED
    with pytest.raises(DatabaseFault) as wrong:
        _open(encrypted, RegisterKey(bytes(32)))
    assert wrong.value.kind is FaultKind.WRONG_KEY
    assert hashlib.sha256(encrypted.db_file.read_bytes()).hexdigest() == before
    plain = DataPaths(tmp_path / "plain")
    _open(plain, None).close()
    with pytest.raises(DatabaseFault) as not_encrypted:
        _open(plain)
    assert not_encrypted.value.kind is FaultKind.NOT_ENCRYPTED


def test_backups_are_encrypted_with_the_same_key_and_restore(encrypted: DataPaths) -> None:
    db = _open(encrypted)
    older = list_backups(encrypted.backups_dir)[-1]
    IncidentService(db).create("復元で消える事案", {}, None, None)
    db.restore_backup(older)
    db = _open(encrypted)
    try:
        titles = [s.title for s in IncidentService(db).list_summaries()]
    finally:
        db.close()
    assert "復元で消える事案" not in titles


def test_verify_reads_the_encrypted_file_read_only(encrypted: DataPaths) -> None:
    with open_evidence(encrypted.db_file, KEY) as (engine, evidence), Session(engine) as session:
        assert check_chain_in(session).ok and evidence.size > 0
    with pytest.raises(DatabaseFault) as no_key, open_evidence(encrypted.db_file):
        pass
    assert no_key.value.kind in (FaultKind.ENCRYPTED, FaultKind.DAMAGED)


def test_the_passphrase_and_the_recovery_key_both_give_the_data_key() -> None:
    key = RegisterKey.new()
    assert unwrap(wrap(key, "ｶﾀｶﾅのパスフレーズ１２３"), "カタカナのパスフレーズ123") == key  # NFKC
    text = recovery_text(key)
    assert key_from_recovery(text.lower().replace("-", " ")) == key
    typo = ("B" if text[0] != "B" else "C") + text[1:]
    with pytest.raises(InputError, match=r"回復キー|recovery key"):
        key_from_recovery(typo)
    assert str(key.raw.hex()) not in repr(key)
