"""`main.py verify [--file PATH]`: check the audit log's hash chain as evidence, touching nothing.

The register (or a copy of it, `--file`, e.g. on a write-protected medium) is read through app/db/snapshot.py:
no migration, no backup, no -wal/-shm files, not a byte of its folder changed. The report is meant to be handed
over with the file: what was checked, the file's SHA-256 as read, the counts and the chain's head, and the result.
A register on another database server (`--database-url`) is checked through the open connection instead.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from app.commands._unlock import unlock_files
from app.db.anchors import Anchor, anchors_file
from app.db.anchors import read as read_anchors
from app.db.faults import FaultKind, fault, server_label
from app.db.models import AuditEntry, Incident
from app.db.register_key import RegisterKey
from app.db.snapshot import EvidenceFile, open_evidence
from app.domain.dates import now_utc, to_jst
from app.i18n import _, ngettext
from app.paths import DataPaths, data_paths
from app.services.audit_check import (
    AnchorCheck,
    AuditCheck,
    TablesCheck,
    backup_heads,
    check_anchors,
    check_chain_in,
    check_tables_in,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.services.root import Services


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--file",
        metavar="PATH",
        help="check this register file (e.g. a copy on a write-protected medium) instead of the data folder's",
    )
    parser.add_argument(
        "--anchors",
        metavar="FILE",
        action="append",
        default=[],
        help="also check the chain against this copy of an anchors file (audit-anchors.jsonl); repeatable",
    )


def _anchor_sources(
    folder: Path, extra: list[str], key: RegisterKey | None = None
) -> tuple[list[Anchor], list[str]]:
    """The anchors beside the register (its anchors file and backups) and the copies named on the command line."""
    found: list[Anchor] = []
    lines: list[str] = []
    files = [anchors_file(folder), *(Path(p) for p in extra)]
    for path in files:
        read = read_anchors(path)
        found += read.anchors
        if path.is_file():
            lines.append(
                ngettext(
                    "Anchors file {path}: {count} anchor",
                    "Anchors file {path}: {count} anchors",
                    len(read.anchors),
                ).format(path=path, count=f"{len(read.anchors):,}")
            )
        if read.unreadable_lines:
            lines.append(
                ngettext(
                    "{count} line of {path} is not an anchor and was skipped.",
                    "{count} lines of {path} are not anchors and were skipped.",
                    read.unreadable_lines,
                ).format(count=read.unreadable_lines, path=path.name)
            )
    heads = backup_heads(folder / "backups", key)
    found += heads
    lines.append(
        ngettext(
            "Backups: {count} checked as anchors", "Backups: {count} checked as anchors", len(heads)
        ).format(count=len(heads))
    )
    if not found:
        lines.append(_("No anchor was found: deleting the newest entries of the log could not be detected."))
    return found, lines


def _moment(session: Session, order: object) -> str:
    at = session.scalar(select(AuditEntry.at).order_by(order).limit(1))  # type: ignore[arg-type]
    return to_jst(at).strftime("%Y-%m-%d %H:%M") if at is not None else "―"


def _details(session: Session, check: AuditCheck) -> list[str]:
    incidents = int(session.scalar(select(func.count(Incident.id))) or 0)
    head = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)) or ""
    return [
        _("Incidents: {count}").format(count=f"{incidents:,}"),
        ngettext(
            "Audit log: {count} entry (first {first}, last {last})",
            "Audit log: {count} entries (first {first}, last {last})",
            check.count,
        ).format(
            count=f"{check.count:,}",
            first=_moment(session, AuditEntry.id.asc()),
            last=_moment(session, AuditEntry.id.desc()),
        ),
        _("Hash of the last entry: {hash}").format(hash=head or "―"),
    ]


def _file_lines(evidence: EvidenceFile) -> list[str]:
    lines = [
        _("File: {path}").format(path=evidence.path),
        _("Size: {size} bytes").format(size=f"{evidence.size:,}"),
        _("SHA-256 of the file as read: {sha256}").format(sha256=evidence.sha256),
    ]
    if evidence.wal_size:
        lines.append(
            _(
                "Changes not yet written into the file ({size} bytes in its -wal file) were read from a private "
                "copy."
            ).format(size=f"{evidence.wal_size:,}")
        )
    return lines


def _result_line(check: AuditCheck) -> str:
    if check.ok:
        return ngettext(
            "OK: the audit log is intact ({count} entry).",
            "OK: the audit log is intact ({count} entries).",
            check.count,
        ).format(count=check.count)
    return check.message()


def _check(
    session: Session, what: str, found: list[Anchor]
) -> tuple[AuditCheck, AnchorCheck, TablesCheck, list[str]]:
    tables = set(inspect(session.connection()).get_table_names())
    if "audit_log" not in tables or "incidents" not in tables:
        raise fault(FaultKind.DAMAGED, what)
    check = check_chain_in(session)
    anchored = check_anchors(session, found)
    tables_check = check_tables_in(session)
    lines = _details(session, check)
    lines.append(
        _("Anchors matched against the chain: {checked} (superseded by a restore: {superseded})").format(
            checked=f"{anchored.checked:,}", superseded=f"{anchored.superseded:,}"
        )
    )
    lines.append(tables_check.summary())
    return check, anchored, tables_check, lines


def run(args: argparse.Namespace, out: TextIO, err: TextIO, register: Callable[[], Services]) -> int:
    checked_at = to_jst(now_utc()).strftime("%Y-%m-%d %H:%M")
    if args.file is None and args.database_url and not args.database_url.startswith("sqlite"):
        db = register().db
        found, anchor_lines = _anchor_sources(db.anchors_dir, args.anchors, db.key)
        with db.session_scope() as session:
            check, anchored, tables_check, details = _check(session, server_label(db.url), found)
        lines = [
            _("Database: {url}").format(url=server_label(db.url)),  # as selftest: no driver, no password
            *details,
            *anchor_lines,
        ]
    else:
        paths = data_paths(args.data_dir)
        file = Path(args.file) if args.file else paths.db_file
        # An encrypted register (or copy): its key, from the keys file beside it or the register's, the
        # recovery key or the remembered key (app/commands/_unlock.py); reading still writes nothing.
        key = unlock_files(DataPaths(file.parent) if args.file else paths, [file])
        found, anchor_lines = _anchor_sources(file.parent, args.anchors, key)
        with open_evidence(file, key) as (engine, evidence), Session(engine) as session:
            check, anchored, tables_check, details = _check(session, str(file), found)
        lines = [
            *_file_lines(evidence),
            *details,
            *anchor_lines,
            _("Nothing was written: the file was opened read-only, without a backup or side files."),
        ]
    ok = check.ok and anchored.ok and tables_check.ok
    if ok:
        out.write(_result_line(check) + "\n")
    elif not check.ok:
        err.write(check.message() + "\n")
    if anchored.problem is not None:
        err.write(anchored.problem.message() + "\n")
    if not tables_check.ok:
        err.write(tables_check.message() + "\n")
    out.write(_("Checked on {moment} (Japan time) by BreachDesk verify.").format(moment=checked_at) + "\n")
    for line in lines:
        out.write("  " + line + "\n")
    return 0 if ok else 1
