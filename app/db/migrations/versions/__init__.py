"""One file per schema revision; each is frozen once released and never imports app.db.models."""
