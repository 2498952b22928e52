"""`main.py restore --list` / `main.py restore BACKUP`: see what each backup holds and bring one back.

Restoring never overwrites the register in place: the current file is first copied into the backups folder
(`before-restore-…`, outside the rotation, so the restore itself can be undone) and then moved aside; the chosen
backup is checked before anything moves. It refuses while a window has the register open (app/db/window_lock.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from app.commands._server import refuse_backups
from app.commands._unlock import unlock_files
from app.db import backups as backup_files
from app.db.backups import list_backups
from app.db.window_lock import held_by_window
from app.domain.dates import to_jst
from app.errors import InputError
from app.i18n import _
from app.paths import data_paths
from app.services.backups import REASON_LABELS, BackupInfo, describe_backups

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.services.root import Services


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--list", action="store_true", help="list the backups with what each holds")
    parser.add_argument(
        "backup",
        nargs="?",
        metavar="BACKUP",
        help="the backup to restore: its number in --list (1 = newest), its file name, or a path",
    )


def _line(number: int, info: BackupInfo) -> str:
    moment = to_jst(info.moment).strftime("%Y-%m-%d %H:%M") if info.moment else "?"
    if not info.usable:
        return _("{number:>3}  {moment}  {reason}  damaged: cannot be restored  {name}").format(
            number=number, moment=moment, reason=_(REASON_LABELS[info.reason]), name=info.path.name
        )
    return _(
        "{number:>3}  {moment}  {reason}  incidents {incidents}, audit entries {entries}, {size} MB  {name}"
    ).format(
        number=number,
        moment=moment,
        reason=_(REASON_LABELS[info.reason]),
        incidents=f"{info.incidents:,}",
        entries=f"{info.audit_entries:,}",
        size=f"{info.size / 1e6:.1f}",
        name=info.path.name,
    )


def _chosen(value: str, infos: list[BackupInfo]) -> BackupInfo:
    if value.isdigit() and 1 <= int(value) <= len(infos):
        return infos[int(value) - 1]
    for info in infos:
        if value in (info.path.name, str(info.path)) or Path(value).resolve() == info.path.resolve():
            return info
    raise InputError(
        _(
            "There is no backup {value}: run `restore --list` and give a number or a file name from it."
        ).format(value=value),
        field="backup",
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO, register: Callable[[], Services]) -> int:
    del register  # the register is replaced, never opened here
    refuse_backups(args)
    paths = data_paths(args.data_dir)
    key = unlock_files(paths, list_backups(paths.backups_dir))  # encrypted backups: the register's key
    infos = describe_backups(paths.backups_dir, key)
    if args.list or args.backup is None:
        if not infos:
            out.write(_("There are no backups in {folder} yet.").format(folder=paths.backups_dir) + "\n")
            return 0
        out.write(_("Backups in {folder}, newest first:").format(folder=paths.backups_dir) + "\n")
        for number, info in enumerate(infos, start=1):
            out.write(_line(number, info) + "\n")
        return 0
    chosen = _chosen(args.backup, infos)
    if not chosen.usable:
        raise InputError(
            _("The backup {name} is damaged and cannot be restored.").format(name=chosen.path.name)
        )
    if held_by_window(paths.root):
        raise InputError(
            _("The register is open in a BreachDesk window: close the window first, then restore the backup.")
        )
    kept = None
    if paths.db_file.exists():
        kept = backup_files.before_restore_copy(paths.db_file, paths.backups_dir, key)
    moved = backup_files.restore_backup(paths, chosen.path, aside_label="replaced", key=key)
    out.write(
        _("The register was restored from {name} (incidents {incidents}, audit entries {entries}).").format(
            name=chosen.path.name, incidents=f"{chosen.incidents:,}", entries=f"{chosen.audit_entries:,}"
        )
        + "\n"
    )
    if kept is not None:
        out.write(
            _("The register as it was before is kept as {kept} (and the file itself as {moved}).").format(
                kept=kept.name, moved=moved.name if moved else "―"
            )
            + "\n"
        )
    return 0
