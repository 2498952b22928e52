"""The audit chain's row digests at scale: a register of N incidents imported in one go (each with 3 timeline
entries and a filing), the import timed with and without the digests, then `verify`'s chain check and its table
check timed on the file. Prints numbers only (issue 16; docs/architecture.md, "Evidence").

    python bench/audit_state.py [--incidents 10000]
"""

from __future__ import annotations

import argparse
import copy
import io
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.cli import build_parser, run_command  # noqa: E402
from app.db import audit  # noqa: E402
from app.db.database import Database  # noqa: E402
from app.paths import DataPaths  # noqa: E402
from app.services.register_io import export_json, import_json  # noqa: E402
from tests.register.conftest import assessed  # noqa: E402


def _export(count: int, folder: Path) -> dict:
    paths = DataPaths(folder / "seed")
    paths.ensure()
    db = Database.open(paths, busy_timeout=1)
    assessed(db, "ベンチ用の事案")
    seed = export_json(db)
    db.close()
    one = seed["incidents"][0]
    incidents, child_ids = [], {"timeline": 0, "filings": 0}
    for n in range(1, count + 1):
        item = copy.deepcopy(one)
        item["id"], item["reference"], item["title"] = n, f"2026-{n:05d}", f"事案 {n}"
        for a in item["assessments"]:
            a["incident_id"] = n
        item["assessments"] = [{**a, "id": n} for a in item["assessments"][:1]]
        item["checklist"], item["report_drafts"] = [], []
        item["notice_deliveries"], item["notice_delivery_events"] = [], []
        timeline = []
        for k in range(3):
            child_ids["timeline"] += 1
            timeline.append(
                {
                    "id": child_ids["timeline"],
                    "incident_id": n,
                    "occurred_at": "2026-04-01T10:00:00+00:00",
                    "recorded_at": "2026-04-01T10:00:00+00:00",
                    "actor": "bench",
                    "text": f"経過 {k}",
                    "corrects_id": None,
                }
            )
        item["timeline"] = timeline
        child_ids["filings"] += 1
        item["filings"] = [
            {
                "id": n,
                "incident_id": n,
                "kind": "sokuho",
                "filed_at": "2026-04-02T10:00:00+00:00",
                "channel": "ppc_form",
                "receipt_number": f"R{n}",
                "document": None,
                "filename": None,
                "note": "",
                "recorded_at": "2026-04-02T10:00:00+00:00",
                "actor": "bench",
            }
        ]
        incidents.append(item)
    return {**seed, "incidents": incidents}


def _import(data: dict, folder: Path, *, digests: bool) -> tuple[DataPaths, float]:
    paths = DataPaths(folder)
    paths.ensure()
    db = Database.open(paths, busy_timeout=1)
    start = time.perf_counter()
    if digests:
        import_json(db, data)
    else:
        with mock.patch.object(audit, "state_for", return_value=None):
            import_json(db, data)
    elapsed = time.perf_counter() - start
    db.close()
    return paths, elapsed


def _verify(paths: DataPaths, *, tables: bool) -> float:
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    if tables:
        code = run_command(build_parser().parse_args(["--data-dir", str(paths.root), "verify"]), out, err)
    else:
        from app.commands import verify

        with mock.patch.object(verify, "check_tables_in", return_value=verify.TablesCheck(checked=False)):
            code = run_command(build_parser().parse_args(["--data-dir", str(paths.root), "verify"]), out, err)
    assert code == 0, err.getvalue()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=10_000)
    count = parser.parse_args().incidents
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = _export(count, folder)
        plain, t_plain = _import(data, folder / "plain", digests=False)
        digested, t_digest = _import(data, folder / "digested", digests=True)
        print(f"import {count} incidents: {t_plain:.2f} s without digests, {t_digest:.2f} s with")
        v_plain = min(_verify(digested, tables=False) for _ in range(3))
        v_tables = min(_verify(digested, tables=True) for _ in range(3))
        print(f"verify: {v_plain:.2f} s chain and anchors only, {v_tables:.2f} s with the table check")
        print(
            f"register file: {digested.db_file.stat().st_size / 1e6:.1f} MB with digests, "
            f"{plain.db_file.stat().st_size / 1e6:.1f} MB without"
        )


if __name__ == "__main__":
    main()
