"""本人通知 mail merge: plan a run over a recipient list (who is skipped, what blocks printing), then write one
print PDF, one PDF per person or one .eml per person, atomically and with a sending log's hashes.

May import: kinds.notice_letter (the letter's wording), render/, wording/, app.documents.context and
app.documents.model, app.domain, app.i18n, app.errors. Nothing imports mailmerge/ from inside app.documents.
"""
