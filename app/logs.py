"""Logging to a rotating file in the data folder: a windowed .exe has no console to read."""

from __future__ import annotations

import logging

from app.paths import DataPaths

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5


def _ours(handler: logging.Handler) -> bool:
    return bool(getattr(handler, "_breachdesk", False))


def _install(handler: logging.Handler) -> None:
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler._breachdesk = True  # type: ignore[attr-defined]
    logging.getLogger().addHandler(handler)


def _rotating(path: str) -> logging.Handler:
    import logging.handlers  # ~15 ms (socket, pickle, queue): the window paints first, see setup_logging

    return logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )


def setup_logging(paths: DataPaths, *, debug: bool = False, rotate: bool = True) -> None:
    """rotate=False (the window's start-up): a plain append to the same file until `start_rotation()` swaps in the
    rotating handler, after the first paint; the file and its records are the same either way."""
    paths.logs_dir.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if _ours(handler):
            root.removeHandler(handler)
            handler.close()
    path = str(paths.log_file)
    _install(_rotating(path) if rotate else logging.FileHandler(path, encoding="utf-8"))
    root.setLevel(logging.DEBUG if debug else logging.INFO)


def start_rotation() -> None:
    """Replace the start-up FileHandler by a RotatingFileHandler on the same file (no record is lost: the new
    handler is attached before the old one is closed, and both append)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if _ours(handler) and type(handler) is logging.FileHandler:
            _install(_rotating(handler.baseFilename))
            root.removeHandler(handler)
            handler.close()
