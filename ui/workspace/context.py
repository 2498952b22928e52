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

    @classmethod
    def open(
        cls, services: Services, incident_id: int, today: Callable[[], dt.date] = today_jst
    ) -> WorkspaceContext:
        return cls(
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
