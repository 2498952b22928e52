"""Storage: SQLAlchemy models, the Database (checks, migrations, backups), and the hash-chained audit log."""
