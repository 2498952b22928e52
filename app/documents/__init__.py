"""PDF documents with ReportLab: bundled Japanese fonts, page templates, story builders; DTOs in, bytes out.

Submodules import ReportLab (~120 ms), so this package stays empty and the window can start without it.
"""
