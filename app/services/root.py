"""The composition root: every service of one open register, built once and handed to the window, the tray and
the CLI commands, so no widget constructs a service of its own (docs/architecture.md).

Two services are built on first use, and these are deliberate lazy imports: the documents and the notices import
ReportLab and the mail merge (~0.5 s), which the register, the wizard and the deadlines never need.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from app.db.database import Database
from app.db.register_key import RegisterKey
from app.paths import DataPaths
from app.services.app_settings import AppSettingsService
from app.services.assessments import AssessmentService
from app.services.clocks import ClockService
from app.services.incidents import IncidentService
from app.services.office import OfficeService
from app.services.office_calendar import OfficeCalendarService
from app.services.register import RegisterService
from app.services.reminders import ReminderService
from app.services.review import ReviewService
from app.services.wizard_drafts import WizardDraftService
from app.services.workspace import (
    ChecklistService,
    FilingService,
    OverviewService,
    ReportDraftService,
    TimelineService,
)
from app.services.workspace.history import ChangeHistoryService

if TYPE_CHECKING:
    from app.services.documents import DocumentService
    from app.services.notices import NoticeService


class Services:
    """The use-cases over `db`; closing the register is the owner's job (`close`)."""

    def __init__(self, db: Database, register: RegisterService | None = None) -> None:
        """`register`: the one the start-up already read the first rows with (ui/shell/application.py)."""
        self.db = db
        self.register = register or RegisterService(db)
        self.incidents = IncidentService(db)
        self.office = OfficeService(db)
        self.settings = AppSettingsService(db)
        self.office_calendar = OfficeCalendarService(db)
        self.drafts = WizardDraftService(db)
        self.assessments = AssessmentService(db)
        self.clocks = ClockService(db)
        self.reminders = ReminderService(db)
        self.overview = OverviewService(db)
        self.timeline = TimelineService(db)
        self.checklist = ChecklistService(db)
        self.reports = ReportDraftService(db)
        self.filings = FilingService(db)
        self.review = ReviewService(db)
        self.history = ChangeHistoryService(db)  # 変更履歴: who changed what (issue 19 point 2)

    @classmethod
    def open(
        cls, paths: DataPaths, database_url: str | None = None, key: RegisterKey | None = None
    ) -> Services:
        """Open (create, upgrade) the register of `paths`, or the database at `database_url`, with its services;
        `key` opens (or creates) an encrypted register (docs/adr/0010-register-encryption.md)."""
        return cls(Database.open(paths, database_url, key=key))

    @cached_property
    def documents(self) -> DocumentService:
        from app.services.documents import DocumentService  # lazy on purpose: ReportLab (see the docstring)

        return DocumentService(self.db)

    @cached_property
    def notices(self) -> NoticeService:
        from app.services.notices import NoticeService  # lazy on purpose: the mail merge (see the docstring)

        return NoticeService(self.db)

    def close(self) -> None:
        self.db.close()
