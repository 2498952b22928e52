"""The version is written once, in app/__init__.py (issue 20 point 3): the package metadata, `--version`, the exe's
version resource (pyinstaller.spec) and the installer (/DAppVersion in .github/workflows/windows.yml) read it."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

import app

ROOT = Path(__file__).resolve().parents[2]


def test_the_installed_distribution_reports_app_version() -> None:
    installed = importlib.metadata.version("breachdesk")
    assert installed == app.__version__, (
        f"installed metadata says {installed}, app/__init__.py says {app.__version__}: run `pip install -e .` again"
    )


def test_pyproject_reads_the_version_from_the_package() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"]
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "app.__version__"}


def test_the_version_fits_a_windows_version_resource() -> None:
    # pyinstaller.spec appends a 0 to make the four numbers of VSVersionInfo; Inno Setup's VersionInfoVersion
    # takes numbers only. A pre-release suffix would break both builds on Windows.
    assert re.fullmatch(r"\d+\.\d+\.\d+", app.__version__)


def test_no_build_file_repeats_the_version() -> None:
    for path in ("pyinstaller.spec", "installer/breachdesk.iss", ".github/workflows/windows.yml"):
        text = (ROOT / path).read_text(encoding="utf-8-sig")
        assert app.__version__ not in text, path
