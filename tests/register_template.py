"""A register made once per test process by Database.open (every migration, 0001 to head), copied into a test's data
folder instead of migrating a new one for each test.

Why: a new register runs ten migrations, ~70 ms of CPU; the suite's register fixtures made some 400 of them, ~30 s of
its CPU (issue 20: the whole of .ci/run under 4 minutes on 2 cores). The copy is the closed file byte for byte, so
the test opens an up-to-date register exactly as an officer's PC does on every start after the first, and makes
its own start backup as that start does. Creating a register stays tested where it is the subject: tests/db (whose
`db` fixture does not copy), the migration and upgrade tests, the first-start GUI tests and the command line, which
all make their registers from nothing.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from app.db.database import Database
from app.paths import DataPaths


@functools.cache
def _template() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="breachdesk-register-template-"))
    atexit.register(shutil.rmtree, folder, True)
    paths = DataPaths(folder / "data")
    paths.ensure()
    Database.open(paths).close()  # closed: the write-ahead log is checkpointed into the file, and empty
    return paths.db_file


def seed(paths: DataPaths) -> DataPaths:
    """`paths` with an up-to-date, empty register in it (a copy of this process's template)."""
    paths.ensure()
    shutil.copyfile(_template(), paths.db_file)
    return paths
