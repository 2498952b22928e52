"""Shared test set-up: headless Qt before anything imports it, the gui marker, and a throwaway data folder."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

# Must happen before PySide6 is imported anywhere (pytest-qt imports it when it configures).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

from pathlib import Path

import pytest

from app.i18n import set_language
from app.paths import DataPaths
from tests.pg_server import PgServer, server_bin_dir, start_server

TESTS_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    gui_dir = TESTS_DIR / "gui"
    for item in items:
        if gui_dir in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def data_paths(tmp_path: Path) -> DataPaths:
    """A fresh, empty data folder: each test gets its own register, backups and logs."""
    paths = DataPaths(tmp_path / "data")
    paths.ensure()
    return paths


@pytest.fixture(autouse=True)
def _japanese_by_default() -> None:
    """The product's default language; tests that want English switch explicitly."""
    set_language("ja")


@pytest.fixture
def detach_log_handlers() -> Iterator[None]:
    """run_gui and setup_logging log to the data folder of their test; close that file when the test ends."""
    yield
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_breachdesk", False):
            root.removeHandler(handler)
            handler.close()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One throw-away PostgreSQL server for the session (tests/pg_server.py); .ci/run installs the binaries."""
    if server_bin_dir() is None:
        pytest.skip("PostgreSQL server binaries are not installed (.ci/run installs Debian's postgresql)")
    server = start_server()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer, request: pytest.FixtureRequest) -> Iterator[str]:
    """The URL of a fresh database of this test's own on the session's server (team mode, issue 19): empty, or, when
    the test asks for `pg_db` (tests/pg/conftest.py), an up-to-date register copied from the server's template."""
    wants_register = "pg_db" in request.fixturenames
    name = pg_server.new_database(template=pg_server.register_template() if wants_register else "template0")
    try:
        yield pg_server.url(name)
    finally:
        pg_server.drop_database(name)
