"""`main.py selftest`: proves an installed or packaged BreachDesk works end to end without a screen.

Opens a database in a temporary data folder (or --data-dir), runs the migrations, reads the office profile,
builds a PDF with embedded Japanese fonts and checks it. The packaged app's smoke test runs exactly this.

On a read-only medium (a CD, a write-protected USB copy of the data folder) it says so and checks what it can
read: the register opened read-only, and the PDF built in memory, not saved (issue 16 point 3).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from app.db.preflight import read_only_reason
from app.documents.render.selftest import build_selftest_pdf
from app.i18n import _, ngettext
from app.logs import setup_logging
from app.paths import DataPaths, data_paths
from app.services.root import Services

if TYPE_CHECKING:
    from collections.abc import Callable


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")


def run(args: argparse.Namespace, out: TextIO, err: TextIO, register: Callable[[], Services]) -> int:
    """Not `register`: the check opens a fresh register in its own folder, as a first start would."""
    if args.data_dir:
        return _check(Path(args.data_dir), out)
    if args.keep:
        return _check(Path(tempfile.mkdtemp(prefix="breachdesk-selftest-")), out)
    with tempfile.TemporaryDirectory(prefix="breachdesk-selftest-") as tmp:
        return _check(Path(tmp), out)


def _writable(paths: DataPaths) -> bool:
    """Whether the data folder takes files at all; never changes its access rights (app/paths.py `ensure`)."""
    try:
        paths.ensure()
    except OSError:
        return False
    return read_only_reason(paths.root, paths.db_file) is None


def _check(folder: Path, out: TextIO) -> int:
    paths = data_paths(folder)
    writable = _writable(paths)
    if writable:
        setup_logging(paths)
    out.write(_("Data folder: {path}").format(path=paths.root) + "\n")
    if not writable:
        out.write(
            _(
                "The data folder cannot be written, so the self-test checks only what it can read: no register "
                "is created or migrated and the PDF is not saved."
            )
            + "\n"
        )
        _check_register_read_only(paths, out)
    else:
        services = Services.open(paths)
        try:
            services.office.load()
            out.write(_("Database: opened and migrated ({url})").format(url=services.db.url) + "\n")
        finally:
            services.close()

    pdf = build_selftest_pdf()
    if not pdf.startswith(b"%PDF-") or b"/FontFile2" not in pdf:
        raise RuntimeError("self-test PDF lacks an embedded TrueType font")
    if not writable:
        out.write(
            ngettext(
                "PDF with Japanese text: built in memory ({size} byte), not saved",
                "PDF with Japanese text: built in memory ({size} bytes), not saved",
                len(pdf),
            ).format(size=len(pdf))
            + "\n"
        )
        out.write(_("Self-test passed for what can be read. Nothing was written.") + "\n")
        return 0
    pdf_path = paths.root / "selftest.pdf"
    pdf_path.write_bytes(pdf)
    out.write(
        ngettext(
            "PDF with Japanese text: {path} ({size} byte)",
            "PDF with Japanese text: {path} ({size} bytes)",
            len(pdf),
        ).format(path=pdf_path, size=len(pdf))
        + "\n"
    )
    out.write(_("Self-test passed.") + "\n")
    return 0


def _check_register_read_only(paths: DataPaths, out: TextIO) -> None:
    """A register on the medium is opened the way the window would open it there: read-only, writing nothing."""
    file = paths.db_file
    if not (file.is_file() and file.stat().st_size):
        out.write(_("Database: this folder holds no register to read") + "\n")
        return
    services = Services.open(paths)
    try:
        services.office.load()
        count = services.incidents.count()
    finally:
        services.close()
    out.write(
        ngettext(
            "Database: opened read-only ({count} incident)",
            "Database: opened read-only ({count} incidents)",
            count,
        ).format(count=count)
        + "\n"
    )
