"""The 年次レビュー dashboard (issue 18 point 6): a fiscal year of the register in charts, exported as PDF and CSV.

May import PySide6 and app/ (the figures come from app/services/review.py as frozen DTOs).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.services.root import Services
from ui.dashboard.window import ReviewWindow


def build_dashboard(services: Services, parent: QWidget | None = None) -> ReviewWindow:
    """The window as the main window opens it (ui/shell/open_register.py), for the window and the screen tests."""
    paths = services.db.paths
    start = paths.exports_dir if paths.exports_dir.exists() else paths.root
    return ReviewWindow(services.review, services.office.load().name, start, parent)
