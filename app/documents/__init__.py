"""PDF documents with ReportLab: DTOs in (`context`), plain data out (`model`), bytes at the end.

Four sub-packages, one idea each, importing downwards only:
  kinds/      one builder module per document kind; kinds never import each other (shared pieces live below)
  mailmerge/  本人通知 runs: many letters into one PDF, one PDF or .eml per person (uses kinds.notice_letter)
  wording/    default wording, templates and their placeholders' values, blocks composed from them
  render/     fonts, page templates, flowables, 禁則, the letter layout and writer: plain data -> PDF bytes
`builders` maps a DocumentKind to its kind module. `context` and `model` import only app.domain and app.i18n.
Nothing here imports app.services, app.db, PySide6 or ui. Submodules import ReportLab (~120 ms), so this
package stays empty and the window can start without it.
"""
