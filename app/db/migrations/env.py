"""Alembic environment: uses the connection BreachDesk hands over, or `-x url=...` when a developer runs alembic."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

from app.db.models import Base, include_in_autogenerate

config = context.config
target_metadata = Base.metadata


def _configure_and_run(connection: Connection | None = None, url: str | None = None) -> None:
    context.configure(
        connection=connection,
        url=url,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite can only ALTER by copying tables
        compare_type=True,
        include_name=include_in_autogenerate,  # the FTS5 search tables are not in the models
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection=connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit(
            "pass the database with: alembic -c app/db/migrations/alembic.ini -x url=sqlite:///FILE ..."
        )
    if context.is_offline_mode():
        _configure_and_run(url=url)
        return
    engine = create_engine(url)
    with engine.connect() as conn:
        _configure_and_run(connection=conn)
        conn.commit()
    engine.dispose()


run()
