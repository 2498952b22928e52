"""Long document work off the GUI thread: the one background-job helper (ui/common/jobs.py), which also treats the
letters' own cancellation (OperationCancelled, raised by the mail merge) as a cancel, not a failure."""

from __future__ import annotations

from app.documents.render.letters import OperationCancelled
from ui.common import jobs
from ui.common.jobs import JobCancelled, JobSignals, Progress

__all__ = ["BackgroundJob", "JobSignals", "Progress"]


class BackgroundJob(jobs.BackgroundJob):
    cancel_exceptions = (JobCancelled, OperationCancelled)
