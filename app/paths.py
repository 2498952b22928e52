"""The one place that knows where resources live (source tree or PyInstaller bundle) and where user data goes."""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from app import APP_NAME


def resource_root() -> Path:
    """Top of the source tree, or the bundle's unpack folder when frozen by PyInstaller."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return resource_root() / "resources"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def i18n_dir() -> Path:
    return resource_root() / "i18n"


def default_data_dir() -> Path:
    """Per-user data folder: %APPDATA%\\BreachDesk on Windows (roaming), ~/.local/share/BreachDesk on Linux."""
    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=True))


@dataclass(frozen=True)
class DataPaths:
    """Everything BreachDesk writes lives under one root, so `--data-dir` moves all of it."""

    root: Path

    @property
    def db_file(self) -> Path:
        return self.root / "breachdesk.sqlite3"

    @property
    def backups_dir(self) -> Path:
        return self.root / "backups"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def log_file(self) -> Path:
        return self.logs_dir / "breachdesk.log"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    @property
    def exports_dir(self) -> Path:
        return self.root / "exports"

    def ensure(self) -> None:
        """Create the folders owner-only: the register holds other people's personal data.

        An existing folder only ever loses rights (group and others), never gains them: one the officer made
        read-only, or on a write-protected medium, is left exactly as it is (the register then opens read-only,
        issue 16 point 4). Raises OSError when a folder cannot be created."""
        for folder in (self.root, self.backups_dir, self.logs_dir):
            if not folder.is_dir():
                folder.mkdir(parents=True, mode=0o700)
            if os.name == "posix" and os.access(folder, os.W_OK):
                mode = stat.S_IMODE(folder.stat().st_mode)
                if mode & 0o077:
                    folder.chmod(mode & 0o700)


def data_paths(data_dir: str | os.PathLike[str] | None = None) -> DataPaths:
    return DataPaths(Path(data_dir).expanduser().resolve() if data_dir else default_data_dir())
