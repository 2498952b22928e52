"""The register's queries: the ids matching a search, filters and sort, then rows by id, loaded as the table
scrolls (100,000 incidents stay responsive because only ids travel for the whole set).

Search uses one FTS5 trigram index for every length. A term of three characters or more is a phrase the index
matches directly. A one- or two-character term (誤送, 髙橋), which the trigram tokenizer cannot match (docs/tech-notes.md),
becomes the OR of the indexed trigrams that begin with it, read by range from the index's vocabulary table: every
character of the indexed text starts a trigram (the text ends with two line feeds), so nothing is missed, and no
scan of the text is needed. Terms separated by spaces (half- or full-width) must all match. Without FTS5 (another
database) LIKE on the tables the text lives in does the same, more slowly. PostgreSQL searches the same
`incident_search` text through a GIN index of its characters and character pairs (revisions 0008 and 0009,
`_grams_match`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import reduce
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, func, or_, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import Select

from app.db.database import Database
from app.db.faults import fault_from_sqlite, server_label
from app.db.tables import (
    FTS_TABLE,
    FTS_VOCAB,
    checklist_items,
    filings,
    incident_search,
    incidents,
    timeline_entries,
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
PAIR = 2  # PostgreSQL: the longest term its grams index answers without re-reading the text (0008, 0009)
MAX_EXPANSION = 400  # trigrams an OR may hold before a short term falls back to scanning the text
STATUS_ORDER = tuple(IncidentStatus)  # lifecycle order for sorting
# PostgreSQL's characters and pairs of incident_search.body, the expression its GIN index is built on (revision
# 0009; not in app/db/tables.py, which describes the schema every database shares).
GRAMS: ColumnElement[Any] = func.breachdesk_search_grams(incident_search.c.body)
INVOLVED = sorted(v.value for v in BangoVerdict if v.involved)  # マイナンバーを含む, whatever the verdict
# SQLAlchemy Core, not the ORM: the start-up shows the first rows before the ORM is imported (app/db/tables.py).
incident = incidents.c


def search_terms(query_text: str) -> list[str]:
    return [term for term in query_text.split() if term]


def _sort_column(key: SortKey) -> Any:
    if key is SortKey.STATUS:
        return case({s.value: i for i, s in enumerate(STATUS_ORDER)}, value=incident.status, else_=99)
    if key is SortKey.BANGO:
        return case(
            {v.value: i for i, v in enumerate(BANGO_SORT_ORDER)}, value=incident.bango_verdict, else_=99
        )
    return {
        SortKey.REFERENCE: incident.reference,
        SortKey.TITLE: incident.title,
        SortKey.LEARNED: incident.learned_date,
        SortKey.KIND: incident.incident_kind,
        SortKey.ITEMS: incident.applicable_items,
        SortKey.NEXT_DEADLINE: incident.next_deadline,
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
        self._postgresql = db.engine.dialect.name == "postgresql"

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A connection of the reader; a server gone away or a file that fails is a DatabaseFault in the officer's
        language (app/db/faults.py, as Database._scope does for sessions), never a raw driver error."""
        try:
            with self.db.reader.connect() as conn:
                yield conn
        except DBAPIError as error:
            known = fault_from_sqlite(error.orig, self.db.file or server_label(self.db.url))
            if known is None:
                raise
            raise known from error

    def search(
        self, query: RegisterQuery, today: dt.date, count_all: bool = False
    ) -> tuple[list[int], int | None]:
        """The matching ids and, with count_all, the register's size: one short read transaction on the reader (app/db/database.py
        read_scope): it neither waits for a writer nor makes one wait (docs/adr/0011-gui-thread-stalls.md)."""
        with self._reading() as conn:
            ids = self._ids(conn, query, today)
            total = int(conn.execute(select(func.count(incident.id))).scalar_one()) if count_all else None
        return ids, total

    def ids(self, query: RegisterQuery, today: dt.date) -> list[int]:
        with self._reading() as conn:
            return self._ids(conn, query, today)

    def _ids(self, conn: Any, query: RegisterQuery, today: dt.date) -> list[int]:
        statement = self._filtered(conn, select(incident.id), query, today)
        order = _sort_column(query.sort)
        if query.descending:
            statement = statement.order_by(order.desc(), incident.id.desc())
        else:
            statement = statement.order_by(order.asc(), incident.id.asc())
        if self._postgresql:
            return self._ids_postgresql(conn, statement, searching=bool(search_terms(query.text)))
        if not self._sqlite:
            return [row[0] for row in conn.execute(statement)]
        # One string instead of 100,000 result rows: about half the time. The ordered subquery runs as a
        # co-routine feeding the aggregate in order (tests/register check every sort against this).
        ordered = statement.subquery()
        joined = conn.execute(select(func.group_concat(ordered.c.id))).scalar()
        return [int(part) for part in joined.split(",")] if joined else []

    @staticmethod
    def _ids_postgresql(conn: Any, statement: Select[Any], *, searching: bool) -> list[int]:
        """One array instead of 100,000 result rows (27 ms instead of 107 at 100,000): the ordered subquery feeds
        array_agg in its order, as on SQLite (tests/register and tests/pg check every sort against this)."""
        if searching:
            # The grams index, never a sequential scan computing the grams of every text: for a character in
            # nearly every incident the planner would choose that and take seconds (revision 0009). SET LOCAL:
            # for this read transaction only, set back at once for whatever else it reads.
            conn.execute(text("SET LOCAL enable_seqscan = off"))
        ids = conn.execute(select(func.array_agg(statement.subquery().c.id))).scalar()
        if searching:
            conn.execute(text("SET LOCAL enable_seqscan = on"))
        return list(ids or ())

    def _filtered(
        self, conn: Any, statement: Select[Any], query: RegisterQuery, today: dt.date
    ) -> Select[Any]:
        conditions: list[ColumnElement[bool]] = []
        if query.statuses:
            conditions.append(incident.status.in_(sorted(s.value for s in query.statuses)))
        if query.due_within_days is not None:
            limit = today + dt.timedelta(days=query.due_within_days)
            conditions.append(and_(incident.next_deadline.is_not(None), incident.next_deadline <= limit))
        if query.fiscal_year is not None:
            start = dt.date(query.fiscal_year, 4, 1)
            conditions.append(incident.learned_date.between(start, dt.date(query.fiscal_year + 1, 3, 31)))
        if query.reportable is Reportable.REPORTABLE:
            conditions.append(incident.reportable.is_(True))
        elif query.reportable is Reportable.NOT_REPORTABLE:
            conditions.append(incident.reportable.is_(False))
        if query.jipdec_category:
            conditions.append(incident.jipdec_category == query.jipdec_category)
        if query.my_number is MyNumberFilter.INVOLVED:
            conditions.append(incident.bango_verdict.in_(INVOLVED))
        elif query.my_number is MyNumberFilter.REPORTABLE:
            conditions.append(incident.bango_verdict == BangoVerdict.REPORT.value)
        elif query.my_number is MyNumberFilter.NOT_INVOLVED:
            conditions.append(incident.bango_verdict == BangoVerdict.NONE.value)
        conditions += self._search_conditions(conn, search_terms(query.text))
        return statement.where(*conditions) if conditions else statement

    def _search_conditions(self, conn: Any, terms: Sequence[str]) -> list[ColumnElement[bool]]:
        if not terms:
            return []
        if self._postgresql:
            return [self._grams_match(terms)]
        if not self._sqlite:
            return [self._base_table_like(term) for term in terms]
        groups: list[str] = []
        scans: list[ColumnElement[bool]] = []
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
            conditions.append(incident.id.in_(matching))
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
        return incident.id.in_(
            select(incident_search.c.incident_id).where(incident_search.c.body.like(pattern, escape="\\"))
        )

    @staticmethod
    def _grams_match(terms: Sequence[str]) -> ColumnElement[bool]:
        """PostgreSQL: the text must hold every character and adjacent pair of every term: one look-up in the GIN
        index of revision 0009 (folded by lower(), like ILIKE). For terms of one or two characters that is the
        answer itself; a longer term is re-checked with ILIKE on the candidates only. 100,000 incidents:
        bench/register.py --database-url."""
        first: ColumnElement[Any] = func.breachdesk_search_grams(terms[0])
        wanted = reduce(
            lambda grams, term: grams.op("||")(func.breachdesk_search_grams(term)), terms[1:], first
        )
        rechecks = [
            incident_search.c.body.ilike(_like_pattern(term), escape="\\")
            for term in terms
            if len(term) > PAIR or len(term.lower()) != len(term)
        ]
        return incident.id.in_(
            select(incident_search.c.incident_id).where(GRAMS.op("@>", is_comparison=True)(wanted), *rechecks)
        )

    @staticmethod
    def _base_table_like(term: str) -> ColumnElement[bool]:
        """Databases without FTS5: LIKE on the tables the text lives in."""
        pattern = _like_pattern(term)
        return or_(
            incident.reference.like(pattern, escape="\\"),
            incident.title.like(pattern, escape="\\"),
            incident.notes.like(pattern, escape="\\"),
            incident.id.in_(
                select(timeline_entries.c.incident_id).where(
                    timeline_entries.c.text.like(pattern, escape="\\")
                )
            ),
            incident.id.in_(
                select(checklist_items.c.incident_id).where(checklist_items.c.note.like(pattern, escape="\\"))
            ),
            incident.id.in_(select(filings.c.incident_id).where(filings.c.note.like(pattern, escape="\\"))),
        )

    def rows(self, ids: Sequence[int]) -> dict[int, RegisterRow]:
        """The rows for a page of ids (the table asks for the ~100 it is about to show)."""
        if not ids:
            return {}
        statement = select(
            incident.id,
            incident.reference,
            incident.title,
            incident.learned_date,
            incident.incident_kind,
            incident.applicable_items,
            incident.status,
            incident.next_deadline,
            incident.reportable,
            incident.jipdec_category,
            incident.bango_verdict,
            incident.bango_categories,
        ).where(incident.id.in_(list(ids)))
        with self._reading() as conn:
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
        with self._reading() as conn:
            return int(conn.execute(select(func.count(incident.id))).scalar_one())

    def fiscal_years(self) -> list[int]:
        """Every 年度 from the earliest to the latest 発覚日 in the register, newest first."""
        with self._reading() as conn:
            first, last = conn.execute(
                select(func.min(incident.learned_date), func.max(incident.learned_date))
            ).one()
        if first is None or last is None:
            return []
        return list(range(fiscal_year_of(last), fiscal_year_of(first) - 1, -1))
