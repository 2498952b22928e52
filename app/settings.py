"""Settings the window needs before the database opens (UI language, window geometry), in a small JSON file.

The file is a convenience, not a record: a missing, unreadable or damaged file means defaults (and a log line),
never a failed start. Keys written by a newer BreachDesk are kept when we save.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from app.i18n import SUPPORTED_LANGUAGES

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    language: str | None = None  # None: the product default (Japanese)
    window_geometry: str | None = None  # base64 of QWidget.saveGeometry(); opaque to the core
    extra: dict[str, Any] = field(default_factory=dict, compare=False)  # unknown keys, preserved

    def to_json(self) -> dict[str, Any]:
        data = dict(self.extra)
        data["language"] = self.language
        data["window_geometry"] = self.window_geometry
        return data


def _parse(data: object) -> Settings:
    if not isinstance(data, dict):
        log.warning("settings file does not hold a JSON object; using defaults")
        return Settings()
    extra = {k: v for k, v in data.items() if k not in ("language", "window_geometry")}
    language = data.get("language")
    if language is not None and language not in SUPPORTED_LANGUAGES:
        log.warning("ignoring unsupported language %r in settings", language)
        language = None
    geometry = data.get("window_geometry")
    if geometry is not None and not isinstance(geometry, str):
        log.warning("ignoring window geometry of type %s in settings", type(geometry).__name__)
        geometry = None
    return Settings(language=language, window_geometry=geometry, extra=extra)


def load_settings(path: Path) -> Settings:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("cannot read settings %s (%s); using defaults", path, exc)
        return Settings()
    try:
        return _parse(json.loads(text))
    except json.JSONDecodeError as exc:
        log.warning("settings %s is not valid JSON (%s); using defaults", path, exc)
        return Settings()


def save_settings(path: Path, settings: Settings) -> bool:
    """Write atomically (temp file + rename) so a crash mid-write never leaves half a file; False if it failed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fp:
                json.dump(settings.to_json(), fp, ensure_ascii=False, indent=2)
            os.replace(tmp_name, path)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
    except OSError as exc:
        log.warning("cannot save settings to %s: %s", path, exc)
        return False
    return True


class SettingsStore:
    """The current settings plus the file they live in; every change is saved at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.current = load_settings(path)

    def set_language(self, language: str) -> None:
        if language not in SUPPORTED_LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        self._update(replace(self.current, language=language))

    def set_window_geometry(self, geometry_b64: str) -> None:
        self._update(replace(self.current, window_geometry=geometry_b64))

    def _update(self, settings: Settings) -> None:
        self.current = settings
        save_settings(self.path, settings)
