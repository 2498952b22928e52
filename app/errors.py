"""Known faults (the user can act on them) versus bugs (a crash report is the only honest answer)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any


class BreachDeskError(Exception):
    """Base for faults we expect and can explain; `message` is already in the user's language."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def user_text(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class InputError(BreachDeskError):
    """Bad input from a file, the command line or a form field; nothing was written."""

    exit_code = 2

    def __init__(self, message: str, *, field: str | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.field = field


class StorageError(BreachDeskError):
    """The database cannot be opened or written: missing, locked, read-only, corrupt, or from a newer version."""

    exit_code = 3


class StoredDataError(BreachDeskError):
    """Something BreachDesk saved earlier cannot be read back, even through the upgrade of old shapes.

    Never swallowed: the reader logs it and the screen says which record could not be read.
    """

    exit_code = 3


class ConcurrentEdit(BreachDeskError):
    """Someone saved this incident after the officer's screen was built from it: nothing was written.

    `version` is the incident's version now and `saved` its fields as saved (for the screen that shows both
    texts; never logged); `actor` and `at` are of the newest audit entry of the incident
    (docs/adr/0013-optimistic-concurrency.md).
    """

    def __init__(
        self, message: str, *, version: int, actor: str, at: dt.datetime, saved: Mapping[str, Any]
    ) -> None:
        super().__init__(message)
        self.version = version
        self.actor = actor
        self.at = at
        self.saved = saved
