"""Column types shared by the tables. Time: stored in UTC, always timezone-aware in Python ("now" and Japan time
come from app/domain/dates.py `now_utc`, `now_jst`, the one dates module). JSON the database can query."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


class UTCDateTime(TypeDecorator[dt.datetime]):
    """SQLite keeps no offset, so every moment is converted to UTC going in and marked UTC coming out."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store timezone-aware moments only")
        utc = value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            raise TypeError(f"expected a datetime from the database, got {type(value).__name__}")
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class QueryableJSON(TypeDecorator[Any]):
    """JSON that the database can compare and index: JSONB on PostgreSQL (migration 0002 made `applicable_items`
    JSONB there: plain JSON can be neither sorted nor indexed), JSON elsewhere. The PostgreSQL dialect module (~30 ms)
    is imported only when a PostgreSQL engine asks, not on an SQLite register's start."""

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB  # lazy on purpose: see above

            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(JSON())
