"""Alembic environment and revision scripts (collected as data by PyInstaller: Alembic reads them from disk)."""
