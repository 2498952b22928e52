"""Anchors of the audit chain outside the register file (issue 16 point 2; docs/architecture.md "Evidence").

A hash chain proves that nothing in its middle changed, but not that its end is still there: deleting the newest
entries, or every entry, leaves a shorter chain that still verifies. So every time the chain grows, and whenever a
register is opened, its head (the newest entry's id and hash) is appended to a small file beside the register,
`audit-anchors.jsonl`; every backup carries the head it had, too (it is a copy of the register). `verify` then
checks each anchor against the chain: an anchored entry that is missing means truncation or deletion, a different
hash means the chain was rewritten from there on.

What this does not prove: someone who can write the data folder can also delete or rewrite the anchors file and
the backups. Anchors catch a careless or partial tampering and make a complete one harder to hide; copies of the
anchors file kept elsewhere (it is small, and its lines can be printed: exported reports carry the head in their
footer) make it evidence. A restore of an older backup is a legitimate way back: it writes a `restored` line, and
anchors older than that line which the restored chain no longer reaches are reported as superseded, not tampered.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from app.db.connect import DB_ERRORS, connect
from app.db.register_key import RegisterKey
from app.db.sqlite_uri import readonly_uri
from app.domain.dates import now_utc

log = logging.getLogger(__name__)

ANCHORS_NAME = "audit-anchors.jsonl"
# session.info key under which app/db/audit.py leaves the newest entry a session appended; Database.session_scope
# anchors it once the commit succeeded (here, not in audit.py, so that opening a register never imports the ORM).
HEAD_KEY = "breachdesk.audit_head"


@dataclass(frozen=True, slots=True)
class Anchor:
    """The chain's head at one moment: entry `entry_id` had hash `hash`. `source` says where it was found."""

    entry_id: int
    hash: str
    at: dt.datetime | None
    source: str
    restored: bool = False  # a restore of an older backup started the chain again from this head


def anchors_file(root: Path) -> Path:
    return root / ANCHORS_NAME


def _open_private(path: Path) -> int:
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
    return os.open(path, flags, 0o600)


def record(root: Path, entry_id: int, entry_hash: str, *, restored: bool = False) -> bool:
    """Append one head; False (and a log line) when the folder cannot take it: the change itself is committed
    already and must not be reported as failed because its anchor could not be written."""
    line: dict[str, object] = {"id": entry_id, "hash": entry_hash, "at": now_utc().isoformat()}
    if restored:
        line["restored"] = True
    data = (json.dumps(line, separators=(",", ":")) + "\n").encode("ascii")
    try:
        fd = _open_private(anchors_file(root))
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
    except OSError as exc:
        log.warning("could not write the audit anchor to %s: %s", root, exc.strerror)
        return False
    return True


def anchor_head(file: Path, root: Path, *, restored: bool = False, key: RegisterKey | None = None) -> None:
    """Anchor the head of the register `file` as it is now: at every open (a later truncation shows even if
    nothing changed in between) and after a restore (`restored`: older anchors beyond it are superseded)."""
    try:
        with contextlib.closing(connect(readonly_uri(file), key)) as conn:
            row = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    except DB_ERRORS:
        log.warning("could not read the audit log's head of %s to anchor it", file)
        return
    if row is not None:
        record(root, int(row[0]), str(row[1]), restored=restored)
    elif restored:  # back to an empty log: every earlier anchor is superseded
        record(root, 0, "0" * 64, restored=True)


@dataclass(frozen=True, slots=True)
class AnchorFile:
    anchors: tuple[Anchor, ...]
    unreadable_lines: int


def read(path: Path) -> AnchorFile:
    """Every anchor in `path` in file order; lines that are not anchors are counted, never guessed at."""
    anchors: list[Anchor] = []
    bad = 0
    try:
        text = path.read_bytes().decode("ascii", errors="replace")
    except FileNotFoundError:
        return AnchorFile((), 0)
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
            entry_id, entry_hash = data["id"], data["hash"]
            if not isinstance(entry_id, int) or not isinstance(entry_hash, str) or len(entry_hash) != 64:
                raise ValueError(raw)
            at = dt.datetime.fromisoformat(data["at"]) if isinstance(data.get("at"), str) else None
        except (ValueError, KeyError, TypeError):
            bad += 1
            continue
        anchors.append(
            Anchor(entry_id, entry_hash, at, f"{path.name}:{number}", restored=bool(data.get("restored")))
        )
    return AnchorFile(tuple(anchors), bad)
