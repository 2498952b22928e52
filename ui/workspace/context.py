"""What every tab of the incident workspace shares: the incident id, its services and the save reporter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.domain.dates import today_jst
from ui.workspace.fields import SaveReporter

if TYPE_CHECKING:
    from app.db.database import Database
    from app.services.root import Services
    from app.services.workspace import (
        ChecklistService,
        FilingService,
        OverviewService,
        ReportDraftService,
        TimelineService,
    )


class Changes(QObject):
    """A change that moves the register's row (status, title, deadline): the register and other tabs refresh."""

    recordChanged = Signal()


@dataclass
class WorkspaceContext:
    db: Database
    incident_id: int
    overview: OverviewService
    timeline: TimelineService
    checklist: ChecklistService
    reports: ReportDraftService
    filings: FilingService
    reporter: SaveReporter
    changes: Changes
    services: Services  # the composition root's, for what a tab opens (the re-assessment wizard)
    # Japan's today: days left, overdue days and the advice that fits the day; tests pin it like the register's.
    today: Callable[[], dt.date] = field(default=today_jst)
    # The incident's version this window's screen was built from: every edit passes it back, and a save from an
    # older one is refused (ui/workspace/conflict_dialog.py, docs/adr/0013-optimistic-concurrency.md).
    version: int = 1

    @classmethod
    def open(
        cls, services: Services, incident_id: int, today: Callable[[], dt.date] = today_jst
    ) -> WorkspaceContext:
        ctx = cls(
            services.db,
            incident_id,
            services.overview,
            services.timeline,
            services.checklist,
            services.reports,
            services.filings,
            SaveReporter(),
            Changes(),
            services,
            today,
        )
        ctx.version = services.overview.version(incident_id)
        return ctx
