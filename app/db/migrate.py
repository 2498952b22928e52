"""Alembic, configured in code: where the revision scripts live, which revisions we know, and the upgrade."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from app.db.faults import FaultKind, fault
from app.paths import resource_root

VERSION_TABLE = "alembic_version"


def migrations_dir() -> Path:
    """In a PyInstaller bundle the folder is collected as data at app/db/migrations, like in the source tree."""
    return resource_root() / "app" / "db" / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    # ConfigParser interpolation: a literal % in the install path must be doubled.
    config.set_main_option("script_location", str(migrations_dir()).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _script().get_current_head()
    if head is None:
        raise RuntimeError(f"no Alembic revisions found under {migrations_dir()}")
    return head


def known_revisions() -> frozenset[str]:
    return frozenset(script.revision for script in _script().walk_revisions())


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
    command.upgrade(alembic_config(connection), "head")
