"""`main.py selftest`: proves an installed or packaged BreachDesk works end to end without a screen.

Opens a database in a temporary data folder (or --data-dir), runs the migrations, reads the office profile,
builds a PDF with embedded Japanese fonts and checks it. The packaged app's smoke test runs exactly this.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import TextIO

from app.i18n import _, ngettext

ORDER = 90
HELP = "check the installation: database, migrations, Japanese PDF (exit 0 when all is well)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.data_dir:
        return _check(Path(args.data_dir), out)
    if args.keep:
        return _check(Path(tempfile.mkdtemp(prefix="breachdesk-selftest-")), out)
    with tempfile.TemporaryDirectory(prefix="breachdesk-selftest-") as tmp:
        return _check(Path(tmp), out)


def _check(folder: Path, out: TextIO) -> int:
    from app.db.database import Database
    from app.documents.render.selftest import build_selftest_pdf
    from app.logs import setup_logging
    from app.paths import data_paths
    from app.services.office import OfficeService

    paths = data_paths(folder)
    paths.ensure()
    setup_logging(paths)
    out.write(_("Data folder: {path}").format(path=paths.root) + "\n")

    db = Database.open(paths)
    try:
        service = OfficeService(db)
        service.load()
        out.write(_("Database: opened and migrated ({url})").format(url=db.url) + "\n")
    finally:
        db.close()

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
