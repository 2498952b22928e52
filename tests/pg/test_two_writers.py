"""Two PCs on one PostgreSQL register, as two real OS processes (issue 19 point 2): the audit chain stays one
unbroken chain under concurrent writers (app/db/audit.py `lock_chain`), the same incident saved from both is
refused for the second with the first's name (docs/adr/0013-optimistic-concurrency.md), and a filing recorded on
one is seen by the other's deadline panel at its next refresh.

Each child process opens the register through `Database.open(paths, url)` with its own data folder (its own PC)
and its own OS user (LOGNAME, read by `audit.current_actor`); they start together on a multiprocessing barrier.
"""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing
import os
import traceback
from collections.abc import Callable
from functools import partial
from multiprocessing.context import SpawnContext
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from app.db.database import Database
from app.db.models import AuditEntry, Incident
from app.deadlines.kinds import ClockKind
from app.domain.dates import JST
from app.domain.filing import FilingKind
from app.errors import ConcurrentEdit
from app.i18n import set_language
from app.paths import DataPaths
from app.services.audit_check import check_audit_chain
from app.services.clocks import ClockService
from app.services.workspace import OverviewService
from app.services.workspace.filings import FilingService
from app.services.workspace.timeline import TimelineService
from tests.register.conftest import assessed

N = 30  # incidents, and as many 事実経過 entries, per process
WAIT = 60.0  # seconds: a generous ceiling for two spawned interpreters on a busy 2-core machine
NOW = dt.datetime(2027, 7, 3, 9, 0, tzinfo=JST)


def _open_as(actor: str, url: str, root: str) -> Database:
    """The other PC: its own OS user and data folder, the same server."""
    os.environ["LOGNAME"] = actor  # getpass.getuser() reads LOGNAME first
    set_language("ja")  # the product's default, as the parent's tests run
    paths = DataPaths(Path(root))
    paths.ensure()
    return Database.open(paths, url)


def _child(
    job: Callable[[Database, Any], Any], actor: str, url: str, root: str, barrier: Any, queue: Any
) -> None:
    """Runs in a spawned process: open, wait for the other writer, do the job, report (never raise)."""
    try:
        db = _open_as(actor, url, root)
        try:
            queue.put((actor, "ok", job(db, barrier)))
        finally:
            db.close()
    except ConcurrentEdit as refused:
        queue.put((actor, "refused", (refused.actor, refused.version, refused.message)))
    except BaseException:
        queue.put((actor, "error", traceback.format_exc()))


def _write_many(db: Database, barrier: Any) -> int:
    barrier.wait(WAIT)
    timeline = TimelineService(db)
    for i in range(N):
        incident = assessed(db, f"誤送信 {i}")
        timeline.append(incident, NOW, f"送信先に削除を依頼した {i}")
    return N


def _append_to_own_incident(incidents: dict[str, int], db: Database, barrier: Any) -> int:
    """事実経過 on this PC's own incident: no row both writers lock, so only the chain's lock orders them."""
    incident = incidents[os.environ["LOGNAME"]]
    barrier.wait(WAIT)
    timeline = TimelineService(db)
    for i in range(2 * N):
        timeline.append(incident, NOW, f"本人に電話で連絡した {i}")
    return 2 * N


def _retitle_from_version_one(incident: int, db: Database, barrier: Any) -> int:
    service = OverviewService(db)
    seen = service.overview(incident).version  # both screens are built from version 1
    barrier.wait(WAIT)
    return service.set_title(incident, f"健診結果の誤送信（{os.environ['LOGNAME']}）", seen_version=seen)


def _record_sokuho(incident: int, db: Database, barrier: Any) -> int:
    barrier.wait(WAIT)  # the other PC's panel has read its clocks
    return FilingService(db).record(incident, FilingKind.SOKUHO, NOW, "ppc_form", receipt_number="PPC-7")


def _run(
    ctx: SpawnContext,
    tmp_path: Path,
    url: str,
    jobs: dict[str, Callable[[Database, Any], Any]],
) -> dict[str, tuple[str, Any]]:
    """Start one process per actor, all released together by the barrier; their reports by actor."""
    barrier = ctx.Barrier(len(jobs))
    queue = ctx.Queue()
    processes = [
        ctx.Process(target=_child, args=(job, actor, url, str(tmp_path / actor), barrier, queue))
        for actor, job in jobs.items()
    ]
    for process in processes:
        process.start()
    try:
        reports = [queue.get(timeout=WAIT) for _ in processes]
    finally:
        for process in processes:
            process.join(WAIT)
            if process.is_alive():
                process.kill()
    return {actor: (outcome, value) for actor, outcome, value in reports}


def _spawn() -> SpawnContext:
    # spawn, not fork: each writer is a fresh interpreter with its own connections, as on another PC
    return multiprocessing.get_context("spawn")


def _chain(db: Database) -> list[Any]:
    with db.read_scope() as session:
        return list(session.execute(select(AuditEntry.actor, AuditEntry.prev_hash).order_by(AuditEntry.id)))


def test_two_processes_writing_at_once_leave_one_unbroken_chain(
    pg_db: Database, pg_url: str, tmp_path: Path
) -> None:
    # What one incident and one 事実経過 entry add to the chain, measured the way the children write them.
    before = check_audit_chain(pg_db).count
    TimelineService(pg_db).append(assessed(pg_db, "見本"), NOW, "見本の経過")
    per_pair = check_audit_chain(pg_db).count - before
    start = before + per_pair

    reports = _run(_spawn(), tmp_path, pg_url, {"yamada": _write_many, "suzuki": _write_many})

    assert reports == {"yamada": ("ok", N), "suzuki": ("ok", N)}, reports
    check = check_audit_chain(pg_db)  # what `main.py verify` reports
    assert check.ok, check.message()
    assert check.count == start + 2 * N * per_pair
    entries = _chain(pg_db)
    prevs = [entry.prev_hash for entry in entries]
    assert len(set(prevs)) == len(prevs)  # no two entries link to the same head: no fork
    written = [entry.actor for entry in entries[start:]]
    assert written.count("yamada") == written.count("suzuki") == N * per_pair
    switches = sum(1 for a, b in itertools.pairwise(written) if a != b)
    assert switches > 1, "the two writers did not overlap; the test proved nothing"
    with pg_db.read_scope() as session:
        references = list(session.scalars(select(Incident.reference).order_by(Incident.id)))
        assert session.scalar(select(func.count(Incident.id))) == 2 * N + 1
    year = references[0][:5]
    assert references == [f"{year}{n:04d}" for n in range(1, 2 * N + 2)]  # 番号 unique and without gaps


def test_entries_appended_at_once_on_two_pcs_do_not_fork_the_chain(
    pg_db: Database, pg_url: str, tmp_path: Path
) -> None:
    incidents = {"yamada": assessed(pg_db, "FAXの誤送信"), "suzuki": assessed(pg_db, "USBメモリの紛失")}
    start = check_audit_chain(pg_db).count
    job = partial(_append_to_own_incident, incidents)

    reports = _run(_spawn(), tmp_path, pg_url, {"yamada": job, "suzuki": job})

    assert reports == {"yamada": ("ok", 2 * N), "suzuki": ("ok", 2 * N)}, reports
    check = check_audit_chain(pg_db)
    assert check.ok, check.message()
    assert check.count == start + 4 * N
    prevs = [entry.prev_hash for entry in _chain(pg_db)]
    assert len(set(prevs)) == len(prevs)
    for actor, incident in incidents.items():
        entries = TimelineService(pg_db).entries(incident)
        assert sum(1 for e in entries if e.text.startswith("本人に電話で連絡した")) == 2 * N, actor


def test_the_same_incident_saved_from_two_pcs_refuses_the_second(
    pg_db: Database, pg_url: str, tmp_path: Path
) -> None:
    incident = assessed(pg_db, "健診結果の誤送信")
    job = partial(_retitle_from_version_one, incident)

    reports = _run(_spawn(), tmp_path, pg_url, {"yamada": job, "suzuki": job})

    outcomes = sorted(outcome for outcome, _value in reports.values())
    assert outcomes == ["ok", "refused"], reports
    (first,) = [actor for actor, (outcome, _value) in reports.items() if outcome == "ok"]
    (second,) = [actor for actor, (outcome, _value) in reports.items() if outcome == "refused"]
    assert reports[first][1] == 2
    actor, version, message = reports[second][1]
    assert (actor, version) == (first, 2)
    assert message.startswith(f"この事案は{first}さんが先に更新しました（")
    overview = OverviewService(pg_db).overview(incident)
    assert overview.title == f"健診結果の誤送信（{first}）" and overview.version == 2
    with pg_db.read_scope() as session:
        updates = list(
            session.execute(
                select(AuditEntry.actor, AuditEntry.after)
                .where(AuditEntry.entity == "incident", AuditEntry.entity_id == incident)
                .where(AuditEntry.action == "update")
            )
        )
    assert [(u.actor, u.after["title"]) for u in updates] == [(first, f"健診結果の誤送信（{first}）")]
    assert check_audit_chain(pg_db).ok


def test_a_filing_recorded_on_one_pc_is_seen_by_the_others_deadline_panel(
    pg_db: Database, pg_url: str, tmp_path: Path
) -> None:
    incident = assessed(pg_db, "顧客名簿のメール誤送信")
    panel = ClockService(pg_db)  # this process is the other PC's countdown panel

    def sokuho() -> Any:
        (clock,) = [
            c for c in panel.open_clocks(NOW) if c.incident_id == incident and c.kind is ClockKind.SOKUHO
        ]
        return clock

    assert sokuho().filed_at is None and not sokuho().state.done
    ctx = _spawn()
    barrier = ctx.Barrier(2)
    queue = ctx.Queue()
    writer = ctx.Process(
        target=_child,
        args=(partial(_record_sokuho, incident), "tanaka", pg_url, str(tmp_path / "tanaka"), barrier, queue),
    )
    writer.start()
    try:
        before = sokuho()  # the panel's refresh just before the other PC files
        barrier.wait(WAIT)
        _actor, outcome, value = queue.get(timeout=WAIT)
    finally:
        writer.join(WAIT)
        if writer.is_alive():
            writer.kill()
    assert outcome == "ok", value
    assert not before.state.done
    after = sokuho()  # the next refresh
    assert after.state.done and after.filed_at == NOW
