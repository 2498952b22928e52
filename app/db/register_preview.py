"""The register's rows read with the standard library's sqlite3, so the officer sees them before SQLAlchemy loads.

Why: importing SQLAlchemy and our models costs about half a second on an office PC, and the register is what the
officer opens BreachDesk to look at. The window therefore paints, this preview fills the table from the file, and
only then does the full storage layer load (its checks, backup and services replace the preview a moment later).

The preview is deliberately narrow and cautious:
- read-only (`mode=ro`): it can neither create the file nor write to it, so a damaged register stays as it was;
- only for a file already at the schema this version writes (`HEAD`); any other state (first start, a migration
  due, a newer or damaged file, a lock) gives no preview, and `Database.open` decides and explains as before;
- the same answers as `app.services.register.RegisterService` for every query without search text, which
  tests/register/test_register_preview.py checks query by query on the same data. Text search waits for the real
  service (the register view re-runs the query when it attaches).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.db.migrate import HEAD, VERSION_TABLE
from app.db.sqlite_uri import readonly_uri
from app.domain.incident import IncidentStatus
from app.domain.register import (
    BANGO_SORT_ORDER,
    BangoVerdict,
    MyNumberFilter,
    RegisterQuery,
    RegisterRow,
    Reportable,
    SortKey,
    fiscal_year_of,
)

log = logging.getLogger(__name__)

BUSY_TIMEOUT = 0.2  # seconds: a register another program holds gets no preview rather than a wait
_STATUS_RANK = " ".join(f"WHEN '{status.value}' THEN {rank}" for rank, status in enumerate(IncidentStatus))
_BANGO_RANK = " ".join(f"WHEN '{verdict.value}' THEN {rank}" for rank, verdict in enumerate(BANGO_SORT_ORDER))
_INVOLVED = sorted(v.value for v in BangoVerdict if v.involved)
_SORT_SQL = {
    SortKey.REFERENCE: "reference",
    SortKey.TITLE: "title",
    SortKey.LEARNED: "learned_date",
    SortKey.KIND: "incident_kind",
    SortKey.ITEMS: "applicable_items",
    SortKey.STATUS: f"CASE status {_STATUS_RANK} ELSE 99 END",
    SortKey.NEXT_DEADLINE: "next_deadline",
    SortKey.BANGO: f"CASE bango_verdict {_BANGO_RANK} ELSE 99 END",
}
_ROW_COLUMNS = (
    "id, reference, title, learned_date, incident_kind, applicable_items, status, next_deadline, reportable, "
    "jipdec_category, bango_verdict, bango_categories"
)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class RegisterPreview:
    """A read-only view of the register's table; `open` returns None whenever the preview could mislead."""

    searches_text = False  # the register view leaves a typed search for the real service

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._conn = connection

    @classmethod
    def open(cls, file: Path) -> RegisterPreview | None:
        try:
            conn = sqlite3.connect(readonly_uri(file), uri=True, timeout=BUSY_TIMEOUT, check_same_thread=True)
        except sqlite3.Error as exc:
            log.info("no register preview: %s", exc)
            return None
        try:
            revisions = [row[0] for row in conn.execute(f"SELECT version_num FROM {VERSION_TABLE}")]
            if revisions != [HEAD]:
                log.info("no register preview: schema %s, this version writes %s", revisions, HEAD)
                conn.close()
                return None
            conn.execute("SELECT count(*) FROM incidents").fetchone()
        except sqlite3.Error as exc:  # not a database, damaged, locked, or not ours
            log.info("no register preview: %s", exc)
            conn.close()
            return None
        return cls(conn)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()

    def ids(self, query: RegisterQuery, today: dt.date) -> list[int]:
        if query.text.strip():
            raise ValueError("the register preview does not search text; the register service does")
        conditions: list[str] = []
        params: list[Any] = []
        if query.statuses:
            values = sorted(s.value for s in query.statuses)
            conditions.append(f"status IN ({', '.join('?' for _ in values)})")
            params += values
        if query.due_within_days is not None:
            conditions.append("next_deadline IS NOT NULL AND next_deadline <= ?")
            params.append((today + dt.timedelta(days=query.due_within_days)).isoformat())
        if query.fiscal_year is not None:
            conditions.append("learned_date BETWEEN ? AND ?")
            params += [
                dt.date(query.fiscal_year, 4, 1).isoformat(),
                dt.date(query.fiscal_year + 1, 3, 31).isoformat(),
            ]
        if query.reportable is Reportable.REPORTABLE:
            conditions.append("reportable IS 1")
        elif query.reportable is Reportable.NOT_REPORTABLE:
            conditions.append("reportable IS 0")
        if query.jipdec_category:
            conditions.append("jipdec_category = ?")
            params.append(query.jipdec_category)
        if query.my_number is MyNumberFilter.INVOLVED:
            conditions.append(f"bango_verdict IN ({', '.join('?' for _ in _INVOLVED)})")
            params += _INVOLVED
        elif query.my_number is MyNumberFilter.REPORTABLE:
            conditions.append("bango_verdict = ?")
            params.append(BangoVerdict.REPORT.value)
        elif query.my_number is MyNumberFilter.NOT_INVOLVED:
            conditions.append("bango_verdict = ?")
            params.append(BangoVerdict.NONE.value)
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        direction = "DESC" if query.descending else "ASC"
        order = f"{_SORT_SQL[query.sort]} {direction}, id {direction}"
        # One string instead of one result row per incident, as the register service does.
        sql = f"SELECT group_concat(id) FROM (SELECT id FROM incidents{where} ORDER BY {order})"
        joined = self._conn.execute(sql, params).fetchone()[0]
        return [int(part) for part in joined.split(",")] if joined else []

    def rows(self, ids: Sequence[int]) -> dict[int, RegisterRow]:
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        result = self._conn.execute(f"SELECT {_ROW_COLUMNS} FROM incidents WHERE id IN ({marks})", list(ids))
        rows: dict[int, RegisterRow] = {}
        for r in result:
            items = json.loads(r[5]) if r[5] is not None else None
            categories = json.loads(r[11]) if r[11] is not None else None
            rows[r[0]] = RegisterRow(
                r[0],
                r[1],
                r[2],
                _date(r[3]),
                r[4],
                tuple(int(i) for i in (items or ())),
                IncidentStatus.stored(r[6]),
                _date(r[7]),
                None if r[8] is None else bool(r[8]),
                r[9],
                BangoVerdict.stored(r[10]),
                tuple(int(i) for i in (categories or ())),
            )
        return rows

    def total(self) -> int:
        return int(self._conn.execute("SELECT count(id) FROM incidents").fetchone()[0])

    def fiscal_years(self) -> list[int]:
        first, last = self._conn.execute(
            "SELECT min(learned_date), max(learned_date) FROM incidents"
        ).fetchone()
        if first is None or last is None:
            return []
        newest, oldest = (
            fiscal_year_of(dt.date.fromisoformat(last)),
            fiscal_year_of(dt.date.fromisoformat(first)),
        )
        return list(range(newest, oldest - 1, -1))
