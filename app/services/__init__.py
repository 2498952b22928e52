"""Use-cases: each call owns one short transaction and returns frozen DTOs, never live ORM objects."""
