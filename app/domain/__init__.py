"""What BreachDesk knows, as frozen dataclasses and enums: facts, assessment, report, checklist, status, office,
JIPDEC categories, the register's rows, and the one dates module (JST, today in Japan, 和暦).

May import only the standard library, app.i18n and app.errors: no rules, no storage, no third-party library. Parsing
outside input lives at the edges (app/rules/facts_json.py); storing and reading back is app/db/codec.py's job.
"""
