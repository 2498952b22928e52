"""What documents say: the default wording, editable templates with named placeholders, the values that fill
them, and the blocks composed from them (letterhead, report form rows).

May import: app.documents.context and app.documents.model, app.domain, app.rules (labels only), app.i18n,
app.errors. No ReportLab, no render/, kinds/ or mailmerge/: wording is plain data, previewable and testable
without laying anything out.
"""
