"""The settings file never stops BreachDesk from starting, and keeps what a newer version wrote."""

from __future__ import annotations

import json
from pathlib import Path

from app.settings import Settings, SettingsStore, load_settings, save_settings


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "settings.json") == Settings()


def test_corrupt_file_gives_defaults_and_is_replaced_on_save(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b"\xff\xfe{not json")
    store = SettingsStore(path)
    assert store.current.language is None
    store.set_language("en")
    assert json.loads(path.read_text(encoding="utf-8"))["language"] == "en"


def test_wrong_types_and_unknown_language_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": "fr", "window_geometry": 12}), encoding="utf-8")
    assert load_settings(path) == Settings()
    path.write_text("[1, 2]", encoding="utf-8")
    assert load_settings(path) == Settings()


def test_language_and_geometry_survive_a_restart_and_unknown_keys_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": "ja", "future_option": [1, 2]}), encoding="utf-8")
    store = SettingsStore(path)
    store.set_language("en")
    store.set_window_geometry("AdnQywAD")
    again = load_settings(path)
    assert (again.language, again.window_geometry) == ("en", "AdnQywAD")
    assert again.extra == {"future_option": [1, 2]}
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_unwritable_location_reports_failure_without_raising(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert save_settings(blocker / "settings.json", Settings(language="ja")) is False
