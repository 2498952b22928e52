"""Alembic, configured in code: where the revision scripts live, which revisions we know, and the upgrade."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

from app.db.faults import FaultKind, fault
from app.paths import resource_root

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy.engine import Connection

VERSION_TABLE = "alembic_version"

# Every revision under migrations/versions, oldest first. Kept here so that a start-up with an up-to-date
# database never imports Alembic (~0.2 s); tests/db/test_migrations.py checks it against the scripts.
REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010")
HEAD = REVISIONS[-1]


def migrations_dir() -> Path:
    """In a PyInstaller bundle the folder is collected as data at app/db/migrations, like in the source tree."""
    return resource_root() / "app" / "db" / "migrations"


class _Alembic(NamedTuple):
    command: ModuleType
    config: ModuleType
    script: ModuleType


def _alembic() -> _Alembic:
    """Alembic (~0.2 s), imported only to create, upgrade or inspect the schema: a deliberate lazy import
    (ui/shell/application.py lists them all)."""
    from alembic import command, config, script

    return _Alembic(command, config, script)


def alembic_config(connection: Connection | None = None) -> Config:
    config: Config = _alembic().config.Config()
    # ConfigParser interpolation: a literal % in the install path must be doubled.
    config.set_main_option("script_location", str(migrations_dir()).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def script_directory() -> ScriptDirectory:
    directory: ScriptDirectory = _alembic().script.ScriptDirectory.from_config(alembic_config())
    return directory


def head_revision() -> str:
    return HEAD


def known_revisions() -> frozenset[str]:
    return frozenset(REVISIONS)


def check_schema_state(tables: set[str], revisions: tuple[str, ...], where: Path | str) -> None:
    """Refuse, before anything is written, a database that is not ours or that a newer BreachDesk has upgraded."""
    own_tables = tables - {VERSION_TABLE}
    if own_tables and not revisions:
        raise fault(FaultKind.DAMAGED, where)
    unknown = sorted(set(revisions) - known_revisions())
    if unknown:
        raise fault(FaultKind.NEWER_SCHEMA, where, revision=", ".join(unknown))


def needs_upgrade(revisions: tuple[str, ...]) -> bool:
    return revisions != (head_revision(),)


def upgrade_to_head(connection: Connection) -> None:
    """Runs inside the caller's transaction, so a failing migration leaves the database as it was."""
    _alembic().command.upgrade(alembic_config(connection), "head")
