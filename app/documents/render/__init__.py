"""Plain data -> PDF bytes through ReportLab's public API: the bundled fonts, the A4 page templates, flowables,
Japanese line breaking (禁則), and the 本人通知 letter layout and writer.

May import: reportlab, fontTools, app.documents.context and app.documents.model, app.domain, app.i18n, app.paths,
app.errors. Never wording/, kinds/ or mailmerge/: what a document says is decided before it gets here.
"""
