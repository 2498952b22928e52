"""The log file: written from the first line of a start, rotating once the window has painted, nothing lost."""

from __future__ import annotations

import logging
import logging.handlers

from app.logs import MAX_BYTES, setup_logging, start_rotation
from app.paths import DataPaths


def _ours() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if getattr(h, "_breachdesk", False)]


def test_start_up_handler_becomes_rotating_without_losing_a_record(
    data_paths: DataPaths, detach_log_handlers
) -> None:
    setup_logging(data_paths, rotate=False)
    assert [type(h) for h in _ours()] == [logging.FileHandler]
    logging.getLogger("test").info("before the first paint")
    start_rotation()
    assert [type(h) for h in _ours()] == [logging.handlers.RotatingFileHandler]
    logging.getLogger("test").info("after the first paint")
    start_rotation()  # a second call changes nothing
    assert len(_ours()) == 1
    lines = data_paths.log_file.read_text(encoding="utf-8").splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == ["before the first paint", "after the first paint"]


def test_rotation_keeps_the_log_small(data_paths: DataPaths, detach_log_handlers) -> None:
    setup_logging(data_paths, rotate=False)
    start_rotation()
    message = "x" * 1000
    for _ in range(MAX_BYTES // 1000 + 50):
        logging.getLogger("test").info(message)
    assert data_paths.log_file.stat().st_size < MAX_BYTES
    assert data_paths.log_file.with_name(data_paths.log_file.name + ".1").is_file()


def test_setting_up_again_replaces_the_handler(data_paths: DataPaths, detach_log_handlers, tmp_path) -> None:
    setup_logging(data_paths)
    other = DataPaths(tmp_path / "other")
    other.ensure()
    setup_logging(other, rotate=False)
    (handler,) = _ours()
    assert handler.baseFilename == str(other.log_file)  # type: ignore[attr-defined]
