"""The register's queries: the ids matching a search, filters and sort, then rows by id, loaded as the table
scrolls (100,000 incidents stay responsive because only ids travel for the whole set).

Search uses one FTS5 trigram index for every length. A term of three characters or more is a phrase the index
matches directly. A one- or two-character term (誤送, 髙橋), which the trigram tokenizer cannot match (docs/tech-notes.md),
becomes the OR of the indexed trigrams that begin with it, read by range from the index's vocabulary table: every
character of the indexed text starts a trigram (the text ends with two line feeds), so nothing is missed, and no
scan of the text is needed. Terms separated by spaces (half- or full-width) must all match. Without FTS5 (another
database) LIKE on the tables the text lives in does the same, more slowly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, func, or_, select, text
from sqlalchemy.sql import Select

from app.db.database import Database
from app.db.models import (
    FTS_TABLE,
    FTS_VOCAB,
    ChecklistEntry,
    Filing,
    Incident,
    IncidentSearchText,
    TimelineEntry,
)
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

TRIGRAM = 3
MAX_EXPANSION = 400  # trigrams an OR may hold before a short term falls back to scanning the text
STATUS_ORDER = tuple(IncidentStatus)  # lifecycle order for sorting
INVOLVED = sorted(v.value for v in BangoVerdict if v.involved)  # マイナンバーを含む, whatever the verdict


def search_terms(query_text: str) -> list[str]:
    return [term for term in query_text.split() if term]


def _sort_column(key: SortKey) -> Any:
    if key is SortKey.STATUS:
        return case({s.value: i for i, s in enumerate(STATUS_ORDER)}, value=Incident.status, else_=99)
    if key is SortKey.BANGO:
        return case(
            {v.value: i for i, v in enumerate(BANGO_SORT_ORDER)}, value=Incident.bango_verdict, else_=99
        )
    return {
        SortKey.REFERENCE: Incident.reference,
        SortKey.TITLE: Incident.title,
        SortKey.LEARNED: Incident.learned_date,
        SortKey.KIND: Incident.incident_kind,
        SortKey.ITEMS: Incident.applicable_items,
        SortKey.NEXT_DEADLINE: Incident.next_deadline,
    }[key]


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _fts_string(term: str) -> str:
    """A term as an FTS5 string (quotes doubled): nothing the user types is read as query syntax."""
    return '"' + term.replace('"', '""') + '"'


class RegisterService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._sqlite = db.engine.dialect.name == "sqlite"

    def ids(self, query: RegisterQuery, today: dt.date) -> list[int]:
        statement = self._filtered(select(Incident.id), query, today)
        order = _sort_column(query.sort)
        if query.descending:
            statement = statement.order_by(order.desc(), Incident.id.desc())
        else:
            statement = statement.order_by(order.asc(), Incident.id.asc())
        with self.db.engine.connect() as conn:
            if not self._sqlite:
                return [row[0] for row in conn.execute(statement)]
            # One string instead of 100,000 result rows: about half the time. The ordered subquery runs as a
            # co-routine feeding the aggregate in order (tests/register check every sort against this).
            ordered = statement.subquery()
            joined = conn.execute(select(func.group_concat(ordered.c.id))).scalar()
            return [int(part) for part in joined.split(",")] if joined else []

    def _filtered(self, statement: Select[Any], query: RegisterQuery, today: dt.date) -> Select[Any]:
        conditions: list[ColumnElement[bool]] = []
        if query.statuses:
            conditions.append(Incident.status.in_(sorted(s.value for s in query.statuses)))
        if query.due_within_days is not None:
            limit = today + dt.timedelta(days=query.due_within_days)
            conditions.append(and_(Incident.next_deadline.is_not(None), Incident.next_deadline <= limit))
        if query.fiscal_year is not None:
            start = dt.date(query.fiscal_year, 4, 1)
            conditions.append(Incident.learned_date.between(start, dt.date(query.fiscal_year + 1, 3, 31)))
        if query.reportable is Reportable.REPORTABLE:
            conditions.append(Incident.reportable.is_(True))
        elif query.reportable is Reportable.NOT_REPORTABLE:
            conditions.append(Incident.reportable.is_(False))
        if query.jipdec_category:
            conditions.append(Incident.jipdec_category == query.jipdec_category)
        if query.my_number is MyNumberFilter.INVOLVED:
            conditions.append(Incident.bango_verdict.in_(INVOLVED))
        elif query.my_number is MyNumberFilter.REPORTABLE:
            conditions.append(Incident.bango_verdict == BangoVerdict.REPORT.value)
        elif query.my_number is MyNumberFilter.NOT_INVOLVED:
            conditions.append(Incident.bango_verdict == BangoVerdict.NONE.value)
        conditions += self._search_conditions(search_terms(query.text))
        return statement.where(*conditions) if conditions else statement

    def _search_conditions(self, terms: Sequence[str]) -> list[ColumnElement[bool]]:
        if not terms:
            return []
        if not self._sqlite:
            return [self._base_table_like(term) for term in terms]
        groups: list[str] = []
        scans: list[ColumnElement[bool]] = []
        with self.db.engine.connect() as conn:
            for term in terms:
                if len(term) >= TRIGRAM:
                    groups.append(_fts_string(term))
                    continue
                trigrams = self._trigrams_starting_with(conn, term)
                if not trigrams:
                    return [false()]  # no indexed text contains it
                if len(trigrams) > MAX_EXPANSION:
                    scans.append(self._scan_like(term))
                else:
                    groups.append("(" + " OR ".join(_fts_string(t) for t in trigrams) + ")")
        conditions = scans
        if groups:
            matching = (
                select(text("rowid"))
                .select_from(text(FTS_TABLE))
                .where(text(f"{FTS_TABLE} MATCH :query").bindparams(query=" AND ".join(groups)))
            )
            conditions.append(Incident.id.in_(matching))
        return conditions

    @staticmethod
    def _trigrams_starting_with(conn: Any, term: str) -> list[str]:
        """The index folds case like str.lower() for the scripts an office types; the range is a prefix match."""
        prefix = term.lower()
        rows = conn.execute(
            text(f"SELECT term FROM {FTS_VOCAB} WHERE term >= :low AND term < :high").bindparams(
                low=prefix, high=prefix + "\U0010ffff"
            )
        )
        return [row[0] for row in rows]

    @staticmethod
    def _scan_like(term: str) -> ColumnElement[bool]:
        pattern = _like_pattern(term)
        return Incident.id.in_(
            select(IncidentSearchText.incident_id).where(IncidentSearchText.body.like(pattern, escape="\\"))
        )

    @staticmethod
    def _base_table_like(term: str) -> ColumnElement[bool]:
        """Databases without FTS5: LIKE on the tables the text lives in."""
        pattern = _like_pattern(term)
        return or_(
            Incident.reference.like(pattern, escape="\\"),
            Incident.title.like(pattern, escape="\\"),
            Incident.notes.like(pattern, escape="\\"),
            Incident.id.in_(
                select(TimelineEntry.incident_id).where(TimelineEntry.text.like(pattern, escape="\\"))
            ),
            Incident.id.in_(
                select(ChecklistEntry.incident_id).where(ChecklistEntry.note.like(pattern, escape="\\"))
            ),
            Incident.id.in_(select(Filing.incident_id).where(Filing.note.like(pattern, escape="\\"))),
        )

    def rows(self, ids: Sequence[int]) -> dict[int, RegisterRow]:
        """The rows for a page of ids (the table asks for the ~100 it is about to show)."""
        if not ids:
            return {}
        statement = select(
            Incident.id,
            Incident.reference,
            Incident.title,
            Incident.learned_date,
            Incident.incident_kind,
            Incident.applicable_items,
            Incident.status,
            Incident.next_deadline,
            Incident.reportable,
            Incident.jipdec_category,
            Incident.bango_verdict,
            Incident.bango_categories,
        ).where(Incident.id.in_(list(ids)))
        with self.db.engine.connect() as conn:
            result = conn.execute(statement)
            return {
                r[0]: RegisterRow(
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    r[4],
                    tuple(int(i) for i in (r[5] or ())),
                    IncidentStatus.stored(r[6]),
                    r[7],
                    r[8],
                    r[9],
                    BangoVerdict.stored(r[10]),
                    tuple(int(i) for i in (r[11] or ())),
                )
                for r in result
            }

    def total(self) -> int:
        with self.db.engine.connect() as conn:
            return int(conn.execute(select(func.count(Incident.id))).scalar_one())

    def fiscal_years(self) -> list[int]:
        """Every 年度 from the earliest to the latest 発覚日 in the register, newest first."""
        with self.db.engine.connect() as conn:
            first, last = conn.execute(
                select(func.min(Incident.learned_date), func.max(Incident.learned_date))
            ).one()
        if first is None or last is None:
            return []
        return list(range(fiscal_year_of(last), fiscal_year_of(first) - 1, -1))
