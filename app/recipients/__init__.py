"""The recipient list for 本人通知: reading the officer's CSV and telling which column is which.

It sits beside the services, above app.documents (the letters take its Recipient rows). It may import the
standard library, app.documents' Recipient, app.domain (whose data item labels it matches), app.i18n and
app.errors; never the services, the database or Qt.

- csv_import: decode the file (CP932 or UTF-8), split it, build the recipients all-or-nothing with row errors.
- columns: guess from the header which column is which, and read the per-person data items.
"""
