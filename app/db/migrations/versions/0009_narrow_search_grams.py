"""Team mode: the characters-and-pairs index of 0008 as an expression index, so that the search table stays narrow
and a two-character search reads few pages (issue 19 point 1).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05

Revision 0008 stored the grams of every text in a generated column beside it. At 100,000 incidents that column made
each row of `incident_search` about 1.5 kB, four or five rows to a page: a term like 誤送, found in 20,000
incidents, then read 16,000 pages to learn 20,000 incident ids (~130 ms of a 170 ms search; EXPLAIN ANALYZE in
bench/register.py's notes, docs/adr/0014-team-mode-search.md). The GIN index alone answers which rows hold the
grams, so the column is dropped and the index is built on the expression `breachdesk_search_grams(body)`: the
table keeps the incident id and the text (~30 rows to a page) and the same search reads ~3,300 pages.

The function is rewritten in SQL (string_to_array splits the text into characters in C; no PL/pgSQL loop, no
DISTINCT: GIN keeps each key once): ~6 times faster, which every write (the index) and this revision's index build
pay. Same grams as before (checked on 100,000 texts when written): every character and every pair of adjacent
characters of the lower-cased text.

The pg_trgm index of 0002 is dropped: the grams index answers terms of every length (ILIKE re-checks the few
candidates of a longer term), and beside it the planner ANDed both indexes, whose trigram half is lossy, so the
grams of every candidate were computed again (誤送信 at 100,000 incidents: 540 ms instead of ~30). pg_trgm also
splits Japanese into words by the server's LC_CTYPE, which a server set to C does not see as letters at all; the
grams do not depend on it. The extension stays installed (revision 0002 creates it on an empty database).

The register's search reads the grams index with the planner's sequential scans turned off for that statement
(app/services/register.py `_ids`): for a character found in nearly every incident the planner would otherwise read
the table and compute the grams of every text (seconds) rather than the index (~30 ms).

CLUSTER rewrites the table: a dropped column's values stay in every existing row until the row is written again.

SQLite is untouched: its FTS5 trigram vocabulary answers short terms already.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

# Frozen schema: never import app.db.models here; spell out every name.
revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GRAMS_FUNCTION = "breachdesk_search_grams"
GRAMS_COLUMN = "grams"
GRAMS_INDEX = "ix_incident_search_grams"
SEARCH_KEY = "pk_incident_search"
TRGM_INDEX = "ix_incident_search_body_trgm"  # revision 0002


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP INDEX {GRAMS_INDEX}")
    op.execute(f"DROP INDEX {TRGM_INDEX}")
    op.execute(f"ALTER TABLE incident_search DROP COLUMN {GRAMS_COLUMN}")
    # IMMUTABLE like lower() itself (an index expression needs it). `c[2:]` is c shifted by one: unnest pairs
    # each character with the next (NULL after the last one).
    op.execute(
        f"CREATE OR REPLACE FUNCTION {GRAMS_FUNCTION}(body text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT "
        "PARALLEL SAFE AS $$ SELECT c || ARRAY(SELECT a || b FROM unnest(c, c[2:]) AS u(a, b) "
        "WHERE b IS NOT NULL) FROM (SELECT string_to_array(lower(body), NULL) AS c) AS s $$"
    )
    op.execute("CLUSTER incident_search USING " + SEARCH_KEY)
    op.execute(f"CREATE INDEX {GRAMS_INDEX} ON incident_search USING gin ({GRAMS_FUNCTION}(body))")
    op.execute("ANALYZE incident_search")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP INDEX {GRAMS_INDEX}")
    op.execute(
        f"ALTER TABLE incident_search ADD COLUMN {GRAMS_COLUMN} text[] "
        f"GENERATED ALWAYS AS ({GRAMS_FUNCTION}(body)) STORED"
    )
    op.execute(f"CREATE INDEX {GRAMS_INDEX} ON incident_search USING gin ({GRAMS_COLUMN})")
    op.execute(f"CREATE INDEX {TRGM_INDEX} ON incident_search USING gin (body gin_trgm_ops)")
