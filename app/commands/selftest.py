"""`main.py selftest`: proves an installed or packaged BreachDesk works end to end without a screen.

Opens a database in a temporary data folder (or --data-dir), runs the migrations, reads the office profile,
builds a PDF with embedded Japanese fonts and checks it. The packaged app's smoke test runs exactly this.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from app.documents.render.selftest import build_selftest_pdf
from app.i18n import _, ngettext
from app.logs import setup_logging
from app.paths import data_paths
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


def _check(folder: Path, out: TextIO) -> int:
    paths = data_paths(folder)
    paths.ensure()
    setup_logging(paths)
    out.write(_("Data folder: {path}").format(path=paths.root) + "\n")

    services = Services.open(paths)
    try:
        services.office.load()
        out.write(_("Database: opened and migrated ({url})").format(url=services.db.url) + "\n")
    finally:
        services.close()

    pdf = build_selftest_pdf()
    if not pdf.startswith(b"%PDF-") or b"/FontFile2" not in pdf:
        raise RuntimeError("self-test PDF lacks an embedded TrueType font")
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
