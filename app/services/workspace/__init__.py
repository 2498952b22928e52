"""The incident workspace's use-cases, one module per tab; every edit is one transaction with its audit entry."""

from app.services.workspace.checklist import ChecklistService, ChecklistStep
from app.services.workspace.derived import refresh_derived
from app.services.workspace.filings import DuplicateFiling, FilingRecord, FilingService
from app.services.workspace.overview import (
    AssessmentRecord,
    CloseRefused,
    IncidentOverview,
    OverviewService,
)
from app.services.workspace.reports import DraftRecord, ReportDraftService
from app.services.workspace.timeline import TimelineItem, TimelineService

__all__ = [
    "AssessmentRecord",
    "ChecklistService",
    "ChecklistStep",
    "CloseRefused",
    "DraftRecord",
    "DuplicateFiling",
    "FilingRecord",
    "FilingService",
    "IncidentOverview",
    "OverviewService",
    "ReportDraftService",
    "TimelineItem",
    "TimelineService",
    "refresh_derived",
]
