"""Team mode: search of one- and two-character terms through an index on PostgreSQL (issue 19 point 1).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-11

pg_trgm's GIN index (0002) cannot answer `ILIKE '%誤送%'`: a term shorter than a trigram yields no trigram, so
PostgreSQL read the whole `incident_search` table for 誤送, 髙橋 or 紛失. This revision adds, on PostgreSQL only, a
stored column `grams` (`breachdesk_search_grams(body)`: every character and every pair of adjacent characters of
the lower-cased text) with a GIN index (pg_bigm, which does the same, is not a contrib module an office's server has). A term of one or
two characters is then exactly "the array contains its grams"; a longer term must contain all its grams, and the
few candidate rows are re-checked with ILIKE (measured at 100,000 incidents: bench/register.py).

SQLite is untouched: its FTS5 trigram vocabulary answers short terms already (app/services/register.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

# Frozen schema: never import app.db.models here; spell out every name.
revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GRAMS_FUNCTION = "breachdesk_search_grams"
GRAMS_COLUMN = "grams"
GRAMS_INDEX = "ix_incident_search_grams"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # IMMUTABLE like lower() itself (a generated column needs it); the same function turns a typed term into the
    # grams it must contain, so the text and the term are folded alike (ILIKE folds with lower() too).
    op.execute(
        f"CREATE FUNCTION {GRAMS_FUNCTION}(body text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE STRICT "
        "PARALLEL SAFE AS $$ DECLARE folded text := lower(body); grams text[] := '{}'; BEGIN "
        "FOR i IN 1..char_length(folded) LOOP "
        "grams := grams || substr(folded, i, 1) || substr(folded, i, 2); END LOOP; "
        "RETURN ARRAY(SELECT DISTINCT unnest(grams)); END $$"
    )
    # Stored, not an expression index: a plan that reads the table instead of the index (a one-character term
    # found in nearly every incident) then compares stored arrays instead of computing them for every row.
    op.execute(
        f"ALTER TABLE incident_search ADD COLUMN {GRAMS_COLUMN} text[] "
        f"GENERATED ALWAYS AS ({GRAMS_FUNCTION}(body)) STORED"
    )
    op.execute(f"CREATE INDEX {GRAMS_INDEX} ON incident_search USING gin ({GRAMS_COLUMN})")
    op.execute("ANALYZE incident_search")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP INDEX {GRAMS_INDEX}")
    op.execute(f"ALTER TABLE incident_search DROP COLUMN {GRAMS_COLUMN}")
    op.execute(f"DROP FUNCTION {GRAMS_FUNCTION}(text)")
