"""`main.py register export|import`: the whole register as JSON or CSV, and the JSON back into an empty register.

(`main.py export` is the documents' command; this one moves the register itself.)
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from app.errors import InputError
from app.i18n import _, ngettext
from app.rules.facts_json import load_json_text
from app.services import register_io

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.services.root import Services


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="register_action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write every incident to a file")
    export.add_argument("--format", choices=("csv", "json"), default="csv", help="csv (default) or json")
    export.add_argument("--out", metavar="FILE", required=True, help="file to write; - for standard output")
    imported = actions.add_parser("import", help="read a JSON export into an empty register")
    imported.add_argument("file", metavar="FILE.json")


def run(args: argparse.Namespace, out: TextIO, err: TextIO, register: Callable[[], Services]) -> int:
    if args.register_action == "import":
        data = _read_json(Path(args.file))
    db = register().db
    if args.register_action == "import":
        count = register_io.import_json(db, data)
        err.write(
            ngettext("{count} incident was imported.", "{count} incidents were imported.", count).format(
                count=count
            )
            + "\n"
        )
        return 0
    payload = (
        register_io.export_csv_bytes(db)
        if args.format == "csv"
        else register_io.export_json_text(db).encode("utf-8")
    )
    if args.out == "-":
        out.write(payload.decode("utf-8-sig" if args.format == "csv" else "utf-8"))
    else:
        target = Path(args.out)
        _write(target, payload)
        err.write(
            _(
                "The register was written to {path}. It contains personal data: please handle it with care."
            ).format(path=target.resolve())
            + "\n"
        )
    return 0


# A register of 10,000 incidents with its documents exports to well under this; a bigger file is not ours.
MAX_FILE_BYTES = 512 * 1024 * 1024


def _read_json(path: Path) -> object:
    """The export parsed, refused before it is read whole when too big, and nested no deeper than ours."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(
                _("The file {path} is larger than {size} MB: it is not a register export.").format(
                    path=path, size=MAX_FILE_BYTES // (1024 * 1024)
                )
            )
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(_("The file {path} does not exist.").format(path=path)) from None
    except UnicodeDecodeError:
        raise InputError(_("The file {path} is not UTF-8 text.").format(path=path)) from None
    except OSError as exc:
        raise InputError(
            _("Cannot read the file {path}: {reason}").format(path=path, reason=exc.strerror or str(exc))
        ) from None
    return load_json_text(text)


def _write(path: Path, payload: bytes) -> None:
    """Through a temporary file: an interrupted export never leaves half a file under the final name. Owner-only
    (0600) whatever the umask: the whole register is everyone's personal data (issue 16 point 6)."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.unlink(missing_ok=True)  # O_CREAT keeps the mode of a file left over by a killed export
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as stream:
            stream.write(payload)
        tmp.replace(path)
    except OSError as exc:
        raise InputError(
            _("Cannot write the file {path}: {reason}").format(path=path, reason=exc.strerror or str(exc))
        ) from None
